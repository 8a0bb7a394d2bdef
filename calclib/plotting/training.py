"""A training run of the one-neuron network y = v·σ(w·x + b), in three panels (07_backprop)."""
from __future__ import annotations

import numpy as np

from ..activations import sigmoid
from .style import COLORS, LINES, style_axes, text_points
from ._checks import takes_axes

WEIGHT_COLORS = {"w": COLORS["curve"], "b": COLORS["secant"], "v": COLORS["tangent"]}
#: The neuron before training: a darker, wider dotted line than a guide's (at 1 point and #888 it was faint).
BEFORE = {"color": "#666666", "linestyle": (0, (1.5, 2)), "linewidth": 1.8}
TARGET_DOT, TARGET_WIDTH = 2.0, 2.0  # points: a target weight's dots, and its line's width


def target_dashes(k: int, m: int) -> tuple:
    """The dash pattern of the k-th of ``m`` target lines at one height: dots of TARGET_DOT points, each line's
    falling in the others' gaps, so that lines at one height (w and v both end at 2) all show, in turn.

    >>> target_dashes(0, 1), target_dashes(1, 2)
    ((0.0, (2.0, 2.0)), (4.0, (2.0, 6.0)))
    """
    return (2 * TARGET_DOT * k, (TARGET_DOT, 2 * TARGET_DOT * m - TARGET_DOT))


def neuron_curve(x, w, b, v):
    """The neuron's output v·σ(w·x + b) at every x."""
    return v * sigmoid(w * np.asarray(x, dtype=float) + b)


@takes_axes("ax_fit", "ax_loss", "ax_weights")
def plot_training(ax_fit, ax_loss, ax_weights, inputs, targets, history, *, truth=None):
    """Left: the data and the neuron before and after. Middle: the loss by step (log scale).
    Right: the weights by step, with the weights that made the targets as dotted lines.

    ``history`` holds one row (step, loss, w, b, v) per step; ``truth`` is (w, b, v) or None.
    """
    history = np.asarray(history, dtype=float)
    if history.ndim != 2 or history.shape[1] != 5 or len(history) < 2:
        raise ValueError("`history` must hold at least two rows of (step, loss, w, b, v)")
    steps, loss = history[:, 0], history[:, 1]
    grid = np.linspace(min(inputs) - 0.5, max(inputs) + 0.5, 200)
    ax_fit.plot(grid, neuron_curve(grid, *history[0, 2:]), **BEFORE, label="before training")
    ax_fit.plot(grid, neuron_curve(grid, *history[-1, 2:]), **LINES["curve"], label=f"after {int(steps[-1])} steps")
    ax_fit.plot(inputs, targets, "o", color=COLORS["point"], markersize=5, label="targets y*")
    style_axes(ax_fit, xlabel="x", ylabel="y", title="the neuron's output")
    ax_fit.legend(fontsize=text_points(ax_fit.figure, 9), loc="upper left")
    ax_loss.semilogy(steps, loss, **LINES["curve"])
    style_axes(ax_loss, xlabel="step", ylabel="loss L (log scale)", title="the loss falls")
    for k, name in enumerate("wbv"):
        ax_weights.plot(steps, history[:, 2 + k], color=WEIGHT_COLORS[name], linewidth=2, label=name)
    if truth is not None:  # over the curves that end on them (v's hid the line at 2), sharing a height in turn
        for k, name in enumerate("wbv"):
            same = [j for j in range(3) if truth[j] == truth[k]]
            ax_weights.axhline(truth[k], color=WEIGHT_COLORS[name], linewidth=TARGET_WIDTH, zorder=3,
                               linestyle=target_dashes(same.index(k), len(same)))
    style_axes(ax_weights, xlabel="step", ylabel="weight")
    ax_weights.set_title("the weights move toward the dotted lines" if truth is not None else "the weights move",
                         fontsize=text_points(ax_weights.figure, 10))
    ax_weights.legend(fontsize=text_points(ax_weights.figure, 9), loc="center right")
    return ax_fit.lines + ax_loss.lines + ax_weights.lines
