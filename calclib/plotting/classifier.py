"""A softmax classifier in the plane: its decision regions over the data, beside its loss curve."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.colors import ListedColormap, to_rgb

from ..tables import fmt_minus
from .style import LINES, OKABE_ITO, style_axes, text_points
from ._checks import takes_axes

CLASS_COLORS = (OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"], OKABE_ITO["purple"])
CLASS_MARKERS = ("o", "s", "^", "D")


def _light(color, amount=0.72):
    """``color`` mixed with white: a background tint for that class's region."""
    return tuple(c + (1 - c) * amount for c in to_rgb(color))


def grid(X, *, margin=1.0, size=160):
    """A size × size grid of points covering the data with a margin: (xs, ys, points)."""
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    xs, ys = np.linspace(lo[0], hi[0], size), np.linspace(lo[1], hi[1], size)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


@takes_axes("ax")
def plot_points(ax, X, labels):
    """The data: one colour and one marker per class. Returns the scatters and the legend."""
    classes = int(np.max(labels)) + 1
    dots = tuple(
        ax.scatter(*X[labels == k].T, s=30, color=CLASS_COLORS[k], marker=CLASS_MARKERS[k],
                   edgecolor="white", linewidth=0.5, label=f"class {k + 1}", zorder=3)
        for k in range(classes))
    style_axes(ax, xlabel=r"$\mathregular{x_1}$", ylabel=r"$\mathregular{x_2}$")  # subscripts of a readable size
    ax.grid(False)
    # below the map, one row: inside, it covered the points of a corner (a student read)
    legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=classes, frameon=False,
                       fontsize=text_points(ax.figure, 9), handletextpad=0.3, columnspacing=1.2)
    return dots, legend


class ClassifierArtists(NamedTuple):
    regions: object
    points: np.ndarray  # the grid the regions are computed on, one row per pixel
    dots: tuple  # the data, one scatter per class, drawn over the regions
    legend: object
    marker: object
    guide: object
    title: object
    count: int = 0  # how many data points: the title says how many of them are classified right


def status_text(step: int, loss: float, accuracy: float, count: int) -> str:
    """The state after ``step`` steps, as the title and the explorer's read-out both say it: the loss to 3
    decimals (ln 3 = 1.099 at the start, as the notebook writes it) and the points classified right.

    >>> status_text(200, 0.258921, 111 / 120, 120)
    'after 200 steps: loss 0.259, 111 of 120 points right (92.5%)'
    """
    right = round(accuracy * count)
    return f"after {step} step{'' if step == 1 else 's'}: loss {loss:.3f}, {right} of {count} points right ({fmt_minus(100 * accuracy, 3)}%)"


@takes_axes("ax_map", "ax_loss")
def plot_classifier(ax_map, ax_loss, X, labels, history, step=0):
    """Points by class over the tinted decision regions (left); the loss against steps (right).

    Returns the artists that :func:`update_classifier` moves.
    """
    classes = history.W.shape[-1]
    xs, ys, points = grid(X)
    cmap = ListedColormap([_light(c) for c in CLASS_COLORS[:classes]])
    regions = ax_map.imshow(np.zeros((len(ys), len(xs))), origin="lower", cmap=cmap, vmin=-0.5, vmax=classes - 0.5,
                            extent=(xs[0], xs[-1], ys[0], ys[-1]), aspect="auto", interpolation="nearest")
    dots, legend = plot_points(ax_map, X, labels)
    steps = np.arange(history.steps + 1)
    ax_loss.plot(steps, history.losses, **LINES["curve"], label="loss L (mean cross-entropy)")
    guide = ax_loss.axvline(0, **LINES["guide"])
    marker = ax_loss.plot([], [], "o", color=OKABE_ITO["vermillion"], markersize=7, zorder=5, clip_on=False)[0]
    # a margin on both sides: the marker sits whole inside the axes at step 0 and at the last step
    ax_loss.set_xlim(-0.03 * history.steps, 1.03 * history.steps)
    ax_loss.set_ylim(0, 1.05 * float(np.max(history.losses)))
    style_axes(ax_loss, xlabel="gradient-descent step", ylabel="loss L")
    ax_loss.legend(loc="upper right", fontsize=text_points(ax_loss.figure, 9))
    artists = ClassifierArtists(regions, points, dots, legend, marker, guide, ax_map.set_title("", fontsize=text_points(ax_map.figure, 10)),
                                len(X))
    update_classifier(artists, history, step)
    return artists


def update_classifier(artists, history, step: int) -> dict:
    """Regions, loss marker and title for the weights after ``step`` steps; returns the numbers shown."""
    predicted = history.predict(artists.points, step)
    size = artists.regions.get_array().shape
    artists.regions.set_data(predicted.reshape(size))
    loss, accuracy = float(history.losses[step]), float(history.accuracies[step])
    artists.marker.set_data([step], [loss])
    artists.guide.set_xdata([step, step])
    artists.title.set_text(status_text(step, loss, accuracy, artists.count))
    return {"step": step, "loss": loss, "accuracy": accuracy, "text": artists.title.get_text()}
