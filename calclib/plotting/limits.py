"""Pictures of limits: the curve with its hole, a point closing in, epsilon and delta bands."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.patches import Rectangle

from .._validate import evaluate, real_number
from ..limits import value_at
from ..tables import MINUS, fmt_minus
from .style import COLORS, LINES, style_axes, text_points
from ._checks import takes_axes


def minus(name: str, value, digits: int = 10) -> str:
    """``name`` minus ``value`` as a label writes it: x − 2, x + 1 (never x − −1), and x alone for 0.

    >>> minus("x", 2), minus("x", -1), minus("f(x)", 0), minus("x", -0.25, 1)
    ('x − 2', 'x + 1', 'f(x)', 'x + 0.2')
    """
    if not isinstance(name, str):
        raise TypeError(f"`name` must be text, such as \"x\", got {type(name).__name__}")
    value = real_number(value, "value")
    if value == 0:
        return name
    return f"{name} {MINUS if value > 0 else '+'} {fmt_minus(abs(value), digits)}"


class LimitArtists(NamedTuple):
    curve: object
    holes: object
    point: object
    guide_x: object
    guide_y: object


def _curve(ax, f, x_range, a, name="f"):
    xs = np.linspace(*x_range, 801)
    ys = evaluate(f, xs)
    ys[np.isclose(xs, a, rtol=0, atol=1e-12 * max(1.0, abs(a)))] = np.nan  # never draw across the point itself
    if np.any(np.isfinite(ys)):
        ys[1:][np.abs(np.diff(ys)) > 0.5 * np.nanmax(np.abs(ys))] = np.nan  # break jumps
    return ax.plot(xs, ys, label=f"{name}(x)", **LINES["curve"])[0]


@takes_axes("ax")
def plot_limit(ax, f, a, *, left, right=None, x_range, x=None, name="f"):
    """The graph of f near ``a``, open circles where the one-sided limits point, and a point at ``x``.

    ``right`` defaults to ``left`` (a single hole, the limit exists).
    """
    right = left if right is None else right
    curve = _curve(ax, f, x_range, a, name)
    holes = ax.plot([a, a], [left, right], "o", markersize=9, markerfacecolor="white",
                    markeredgecolor=COLORS["curve"], markeredgewidth=2, zorder=4,
                    label=f"open circle: {name}({fmt_minus(a)}) has no value")[0]
    point = ax.plot([], [], "o", color=COLORS["secant"], markersize=8, zorder=5, label=f"(x, {name}(x))")[0]
    # the guides run under the curve: where they meet it, the curve stays solid
    guide_x = ax.plot([], [], zorder=1.5, **LINES["guide"])[0]
    guide_y = ax.plot([], [], zorder=1.5, **LINES["guide"])[0]
    style_axes(ax, xlabel="x", ylabel=f"{name}(x)")
    ax.legend(loc="best", fontsize=text_points(ax.figure, 9))  # away from the curve, the holes and the starting point
    artists = LimitArtists(curve, holes, point, guide_x, guide_y)
    if x is not None:
        move_limit_point(artists, f, x)
    return artists


def move_limit_point(artists: LimitArtists, f, x) -> object:
    """Move the point to (x, f(x)) with guide lines to both axes; returns f(x) or Undefined."""
    value = value_at(f, x)
    ax = artists.point.axes
    if hasattr(value, "label"):  # undefined: nothing to mark
        for artist in (artists.point, artists.guide_x, artists.guide_y):
            artist.set_data([], [])
        return value
    y0, x0 = ax.get_ylim()[0], ax.get_xlim()[0]
    artists.point.set_data([x], [value])
    artists.guide_x.set_data([x, x], [y0, value])
    artists.guide_y.set_data([x0, x], [value, value])
    return value


class EpsilonDeltaArtists(NamedTuple):
    curve: object
    hole: object
    epsilon_band: object
    delta_band: object
    title: object
    exits: object = None  # where the curve leaves the ε band, nearest a on each side (explorers mark them)


@takes_axes("ax")
def plot_epsilon_delta(ax, f, a, limit, epsilon, delta, *, x_range, name="f", exits=False):
    """The curve with a horizontal band limit ± epsilon and a vertical band a ± delta.

    The bands lie under the curve and its open circle (zorder here; an explorer that moves the
    bands draws them first, then the curve and the circle over them), and the legend sits under
    the axes, clear of both bands. ``exits``: also mark where the curve leaves the ε band nearest a
    on each side (update_epsilon_delta's ``exits``): the side nearer a is the one that sets δ.
    """
    curve = _curve(ax, f, x_range, a, name)
    hole = ax.plot([a], [limit], "o", markersize=9, markerfacecolor="white",
                   markeredgecolor=COLORS["curve"], markeredgewidth=2, zorder=4)[0]
    eps_band = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(), color=COLORS["band"],
                         alpha=0.35, zorder=0.8, label=f"{fmt_minus(limit)} ± ε: outputs within ε of the limit")
    delta_band = Rectangle((0, 0), 0, 1, transform=ax.get_xaxis_transform(), facecolor=COLORS["band2"],
                           alpha=0.35, hatch="//", edgecolor=COLORS["band2"], zorder=0.9, label=f"{fmt_minus(a)} ± δ: inputs whose outputs stay inside")
    ax.add_patch(eps_band)
    ax.add_patch(delta_band)
    style_axes(ax, xlabel="x", ylabel=f"{name}(x)")
    marks = ax.plot([], [], "o", color=COLORS["secant"], markersize=7, markeredgecolor="white", zorder=5,
                    label=f"where {name}(x) leaves the ε band")[0] if exits else None
    # under the axes, clear of both bands whatever their size
    handles = [curve, eps_band, delta_band] + ([marks] if marks else [])
    ax.figure.legend(handles=handles, loc="outside lower center", ncols=2 if marks else 3,
                     fontsize=text_points(ax.figure, 9), frameon=False, handlelength=1.6, columnspacing=1.2)
    artists = EpsilonDeltaArtists(curve, hole, eps_band, delta_band, ax.set_title(""), marks)
    update_epsilon_delta(artists, a, limit, epsilon, delta)
    return artists


def update_epsilon_delta(artists: EpsilonDeltaArtists, a, limit, epsilon, delta, exits=None) -> None:
    """Resize both bands in place; ``exits``: the points (x, f(x)) to mark where the curve leaves the band."""
    artists.epsilon_band.set_bounds(0, limit - epsilon, 1, 2 * epsilon)
    artists.delta_band.set_bounds(a - delta, 0, 2 * delta, 1)
    artists.title.set_text(f"ε = {fmt_minus(epsilon, 3)}  →  δ = {fmt_minus(delta, 3)}")
    if artists.exits is not None:
        points = list(exits or [])
        artists.exits.set_data([p[0] for p in points], [p[1] for p in points])


class ZoomArtists(NamedTuple):
    axes: object
    curve: object
    hole: object
    point: object
    title: object


@takes_axes("ax")
def plot_limit_zoom(ax, f, a, limit, x, *, name="f"):
    """A magnifier on the hole, scaled to the current point so the two never merge on screen.

    Horizontally the unit is d = |x − a|, vertically s = |f(x) − limit|: the window is
    a ± 2d by limit ± 2s whatever the distance, and the title gives d and s. The axes stay
    fixed (only the curve, the point and the title move), which keeps each frame cheap.
    """
    curve = ax.plot([], [], **LINES["curve"])[0]
    hole = ax.plot([0], [0], "o", markersize=9, markerfacecolor="white", markeredgecolor=COLORS["curve"],
                   markeredgewidth=2, zorder=4)[0]
    point = ax.plot([], [], "o", color=COLORS["secant"], markersize=8, zorder=5)[0]
    ax.set_xlim(-2.2, 2.2)
    ax.set_ylim(-2.2, 2.2)
    ax.set_xticks([-2, -1, 0, 1, 2], ["−2d", "−d", "0", "d", "2d"])
    ax.set_yticks([-2, -1, 0, 1, 2], ["−2s", "−s", "0", "s", "2s"])
    style_axes(ax, xlabel=minus("x", a), ylabel=minus(f"{name}(x)", limit))
    artists = ZoomArtists(ax, curve, hole, point, ax.set_title("", fontsize=text_points(ax.figure, 10)))
    update_limit_zoom(artists, f, a, limit, x)
    return artists


def update_limit_zoom(artists: ZoomArtists, f, a, limit, x) -> None:
    """Rescale the magnifier to d = |x − a| and s = |f(x) − limit|, and move the point."""
    d = abs(x - a)
    value = value_at(f, x)
    defined = not hasattr(value, "label")
    s = abs(value - limit) if defined and value != limit else d
    t = np.linspace(-2.2, 2.2, 221)
    t = t[np.abs(t) > 1e-9]
    artists.curve.set_data(t, (evaluate(f, a + t * d) - limit) / s)
    artists.point.set_data(([(x - a) / d], [(value - limit) / s]) if defined else ([], []))
    # two lines: on one, a long d and s (1.26e-06) ran past the picture's right edge
    title = f"magnifier: d = |{artists.axes.get_xlabel()}| = {fmt_minus(d, 3)}\ns = |{artists.axes.get_ylabel()}| = {fmt_minus(s, 3)}"
    artists.title.set_text(title)
