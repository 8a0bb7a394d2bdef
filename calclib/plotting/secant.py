"""Secant to tangent: the picture at the heart of the derivative."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..differences import secant_slope
from ..tables import fmt
from .figure import animate
from .style import COLORS, LINES, style_axes
from ._checks import takes_axes


class SecantArtists(NamedTuple):
    curve: object
    tangent: object
    secant: object
    points: object
    rise_run: object
    title: object


@takes_axes("ax")
def plot_secant(ax, func, x0, h):
    """Draw ``func`` (a :class:`calclib.Function`), its tangent at x0 and the secant to x0 + h."""
    curve = ax.plot([], [], **LINES["curve"])[0]
    tangent = ax.plot([], [], label="tangent at x", **LINES["tangent"])[0]
    secant = ax.plot([], [], label="secant", **LINES["secant"])[0]
    points = ax.plot([], [], "o", color=COLORS["point"], markersize=6, zorder=5)[0]
    rise_run = ax.plot([], [], color=COLORS["accent"], linewidth=1.2, label="run h, rise f(x+h) − f(x)")[0]
    style_axes(ax, xlabel="x", ylabel="f(x)")
    artists = SecantArtists(curve, tangent, secant, points, rise_run, ax.set_title("", fontsize=10))
    set_secant_function(artists, func)
    update_secant(artists, func, x0, h)
    return artists


def set_secant_function(artists: SecantArtists, func) -> None:
    """Show a different function: new curve data, its formula in the legend, and a window that fits it."""
    xs = np.linspace(*func.view, 400)
    ys = func(xs)
    artists.curve.set_data(xs, ys)
    artists.curve.set_label(f"f(x) = {func.label}")
    ax = artists.curve.axes
    ax.legend(loc="upper left", fontsize=9)  # the formula is typeset once here, not in every frame
    lo, hi = np.nanmin(ys), np.nanmax(ys)
    pad = 0.12 * (hi - lo)
    ax.set_xlim(*func.view)
    ax.set_ylim(lo - pad, hi + pad)


def update_secant(artists: SecantArtists, func, x0, h) -> float:
    """Move the secant to the points x0 and x0 + h; returns its slope."""
    slope = float(secant_slope(func, x0, h))
    exact = float(func.derivative(x0))
    y0, y1 = func(x0), func(x0 + h)
    xs = np.array(func.view, dtype=float)
    artists.tangent.set_data(xs, y0 + exact * (xs - x0))
    artists.secant.set_data(xs, y0 + slope * (xs - x0))
    artists.points.set_data([x0, x0 + h], [y0, y1])
    artists.rise_run.set_data([x0, x0 + h, x0 + h], [y0, y0, y1])
    artists.title.set_text(f"x = {fmt(x0, 4)}, h = {fmt(h, 3)}\n"
                           f"secant slope {fmt(slope, 6)}   f′(x) = {fmt(exact, 6)}")
    return slope


@takes_axes("ax")
def secant_animation(ax, func, x0, steps, *, ms_per_frame: int = 180):
    """An animated PNG of the secant rotating onto the tangent as h runs through ``steps``."""
    artists = plot_secant(ax, func, x0, steps[0])
    frames = list(steps) + [steps[-1]] * 6  # linger on the last frame
    caption = (f"the secant of {func.name} at x = {fmt(x0)} as h shrinks from {fmt(steps[0])} "
               f"to {fmt(steps[-1])}: its slope goes to f'(x) = {fmt(func.derivative(x0))}")
    return animate(ax.figure, lambda h: update_secant(artists, func, x0, h), frames,
                   caption=caption, ms_per_frame=ms_per_frame)
