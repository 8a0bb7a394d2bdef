"""Secant to tangent: the picture at the heart of the derivative."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..differences import secant_slope
from ..tables import fmt_minus
from .figure import animate
from .style import COLORS, LINES, STRENGTHS, on_white, padded, style_axes, text_points
from ._checks import takes_axes


class SecantArtists(NamedTuple):
    curve: object
    tangent: object
    secant: object
    points: object
    rise_run: object
    title: object


#: The share of the function's view left free on each side of the x axis: a point at the view's edge (ln x at
#: x + h = 0.05, e^x at 2.5) is drawn whole, not cut in half by the axes' edge.
X_MARGIN = 0.03


@takes_axes("ax")
def plot_secant(ax, func, x0, h, *, name=None):
    """Draw ``func`` (a :class:`calclib.Function`), its tangent at x0 and the secant to x0 + h. ``name``: how the
    legend writes the function (an explorer's menu's name for it), by default its formula."""
    curve = ax.plot([], [], **LINES["curve"])[0]
    tangent = ax.plot([], [], label="tangent at x", **LINES["tangent"])[0]
    secant = ax.plot([], [], label="secant", **LINES["secant"])[0]
    points = ax.plot([], [], "o", color=COLORS["point"], markersize=6, zorder=5)[0]
    rise_run = ax.plot([], [], color=COLORS["accent"], linewidth=1.2, label="run h, rise f(x+h) − f(x)")[0]
    style_axes(ax, xlabel="x", ylabel="f(x)")
    artists = SecantArtists(curve, tangent, secant, points, rise_run, ax.set_title("", fontsize=text_points(ax.figure, 10)))
    set_secant_function(artists, func, name=name)
    update_secant(artists, func, x0, h)
    return artists


def set_secant_function(artists: SecantArtists, func, *, name=None) -> None:
    """Show a different function: new curve data, its name (``name``, or its formula) in the legend, and a
    window that fits it.

    The legend stands below the axes, in two columns: inside, in any corner, some function, point and step
    put the curve or the secant under it (ln x at x = 1.05, h = −1 filled the upper left).
    """
    xs = np.linspace(*func.view, 400)
    ys = func(xs)
    artists.curve.set_data(xs, ys)
    artists.curve.set_label(f"f(x) = {func.label if name is None else name}")
    ax = artists.curve.axes
    # the formula is typeset once here, not in every frame
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2, fontsize=text_points(ax.figure, 9),
              frameon=False)
    ax.set_xlim(*padded(func.view, X_MARGIN))
    ax.set_ylim(*padded((np.nanmin(ys), np.nanmax(ys)), 0.12))


def update_secant(artists: SecantArtists, func, x0, h) -> float:
    """Move the secant to the points x0 and x0 + h; returns its slope."""
    slope = float(secant_slope(func, x0, h))
    exact = float(func.derivative(x0))
    y0, y1 = func(x0), func(x0 + h)
    xs = np.array(artists.tangent.axes.get_xlim(), dtype=float)  # the lines run across the axes
    artists.tangent.set_data(xs, y0 + exact * (xs - x0))
    artists.secant.set_data(xs, y0 + slope * (xs - x0))
    artists.points.set_data([x0, x0 + h], [y0, y1])
    artists.rise_run.set_data([x0, x0 + h, x0 + h], [y0, y0, y1])
    artists.title.set_text(f"x = {fmt_minus(x0, 4)}, h = {fmt_minus(h, 3)}\n"
                           f"secant slope {fmt_minus(slope, 6)}   f′(x) = {fmt_minus(exact, 6)}")
    return slope


class SecantErrorArtists(NamedTuple):
    curve: object
    marker: object


#: The steps the error panel plots: every point of the explorer's |h| slider, 1e-12 to 1.
ERROR_STEPS = 10.0 ** np.arange(-12.0, 0.05, 0.1)
ERROR_FLOOR = 1e-17  # an error of exactly 0 is drawn here (log axes have no 0)


@takes_axes("ax")
def plot_secant_error(ax, func, x0, h):
    """Log-log: how far the secant slope is from f'(x0), against |h|, with a marker at the current h.

    The curve is traced from the largest step (|h| = 1) down to the current |h| only, so it
    grows as the student shrinks h and does not give away in advance where it turns. It falls
    like |h| while truncation dominates, then rises again below about 1e-8, where rounding in
    f(x + h) − f(x) takes over. Limits are fixed (the slider's whole range), so the curve and
    the marker can move without a full redraw.
    """
    curve = ax.loglog([], [], label="|secant slope − f′(x)|", **LINES["secant"])[0]
    marker = ax.loglog([], [], "o", color=COLORS["point"], markersize=7, zorder=5, label="the current h")[0]
    ax.set_xlim(ERROR_STEPS[0] / 2, 4.0)  # room right of 1: the label "10⁰" stays clear of the picture's edge
    ax.set_ylim(ERROR_FLOOR / 2, 1e2)
    ax.set_xticks(10.0 ** np.arange(-12, 1, 2))
    ax.set_yticks(10.0 ** np.arange(-16, 2, 4))
    style_axes(ax, xlabel="|h|", ylabel="|secant slope − f′(x)|")
    ax.set_title("error of the secant slope, traced as |h| shrinks", fontsize=text_points(ax.figure, 10))
    artists = SecantErrorArtists(curve, marker)
    update_secant_error(artists, func, x0, h)
    return artists


def update_secant_error(artists: SecantErrorArtists, func, x0, h) -> float:
    """Redraw the error curve for this function, point and sign of h; returns the error at h.

    Only the steps from 1 down to the current |h| are drawn: the part below is what the
    student is asked to predict, and appears as they shrink h.
    """
    sign = 1.0 if h > 0 else -1.0
    exact = float(func.derivative(x0))
    steps = ERROR_STEPS[ERROR_STEPS >= abs(h) * (1 - 1e-9)]
    errors = np.abs(np.asarray(secant_slope(func, x0, sign * steps), dtype=float) - exact)
    artists.curve.set_data(steps, np.maximum(errors, ERROR_FLOOR))
    error = abs(float(secant_slope(func, x0, h)) - exact)
    artists.marker.set_data([abs(h)], [max(error, ERROR_FLOOR)])
    return error


def faint(colour: str, strength: float = STRENGTHS[2]) -> str:
    """``colour`` (#rrggbb) at ``strength`` against white, as an opaque colour.

    The animation's palette holds the set's colours at the STRENGTHS (style.on_white), so a faint
    line keeps its exact colour in every frame.

    >>> faint("#D55E00")
    '#ecb78c'
    """
    return "#" + "".join(f"{value:02x}" for value in on_white(colour, strength))


@takes_axes("ax")
def secant_animation(ax, func, x0, steps, *, ms_per_frame: int = 180):
    """An animated PNG of the secant rotating onto the tangent as h runs through ``steps``.

    Each secant stays behind as a thin faint line once h has moved on, so the frame the
    animation rests on shows the secants of every h in ``steps`` fanning onto the tangent.
    """
    steps = [float(step) for step in steps]
    artists = plot_secant(ax, func, x0, steps[0])
    xs = np.array(func.view, dtype=float)
    y0, colour = func(x0), faint(COLORS["secant"])
    drawn = ax.get_legend_handles_labels()[0]  # the curve, the tangent, the secant, the rise and run
    trail = [ax.plot([], [], color=colour, linewidth=1.0, zorder=1.5)[0] for _ in steps]
    trail[0].set_label("secants of the larger h")
    shown = list(range(len(steps)))
    frames = shown + [shown[-1]] * 6  # linger on the last frame

    def draw(k):
        for j, line in enumerate(trail):
            slope = float(secant_slope(func, x0, steps[j]))
            line.set_data((xs, y0 + slope * (xs - x0)) if j < k else ([], []))
        # the legend lists what is drawn: the faint secants from the second frame on, once there are some
        ax.legend(handles=drawn + trail[:1] if k else drawn, loc="upper left", fontsize=text_points(ax.figure, 9))
        update_secant(artists, func, x0, steps[k])

    caption = (f"As h shrinks from {fmt_minus(steps[0])} to {fmt_minus(steps[-1])}, the secant of {func.name} at x = {fmt_minus(x0)} "
               f"(dashed; the thin lines are the secants of the larger h) turns onto the tangent (dash-dot): "
               f"its slope goes to f'(x) = {fmt_minus(func.derivative(x0))}.")
    return animate(ax.figure, draw, frames, caption=caption, ms_per_frame=ms_per_frame)
