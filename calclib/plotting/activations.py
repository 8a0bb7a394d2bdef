"""Activation functions with their derivatives; the gradient through many layers."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.ticker import FixedLocator

from .._validate import real_number
from ..activations import Activation
from ..tables import MINUS, fmt_minus
from .style import COLORS, LINES, style_axes, text_points
from ._checks import takes_axes


def gradient_text(value, digits: int) -> str:
    """A gradient through many layers, to ``digits`` significant figures, a whole one too: 2³⁰ as
    1.07e+09 beside 1.13e+15, not 1073741824 (fmt writes whole numbers out in full, as tables want).

    >>> gradient_text(2.0**30, 3), gradient_text(1.126e15, 3), gradient_text(0.25, 3), gradient_text(-8.0, 3)
    ('1.07e+09', '1.13e+15', '0.25', '−8')
    """
    value = float(value)
    if value == int(value) and abs(value) >= 10 ** (digits + 2):
        return f"{value:.{digits}g}".replace("-", MINUS)
    return fmt_minus(value, digits)


XS = np.linspace(-6, 6, 481)


class ActivationArtists(NamedTuple):
    curve: object
    derivative: object
    tangent: object
    point: object
    slope_point: object
    title: object
    jump_values: object  # filled dots: the derivative's value at a jump (the code's convention, ReLU's 0 at 0)
    jump_ends: object  # open circles: where a piece of the derivative ends without taking that value


# A jump of the derivative between two neighbouring points of XS: larger than this share of its range there
# (ReLU's is all of it; the steepest smooth one, tanh′, moves under 2% of its range from one point to the next).
JUMP_SHARE = 0.25


def derivative_pieces(derivative, xs=XS):
    """The derivative on ``xs`` as a line broken where it jumps, with the points that mark each jump.

    Returns (x, y, values, ends): x and y with a NaN between the pieces (no line joins them), ``values`` the
    points (c, f′(c)) at each jump c, drawn filled, and ``ends`` the points where a piece stops short of c
    (its one-sided limit differs from f′(c)), drawn open. A jump is found between two points of ``xs`` and
    pinned down by bisection; c is that place rounded to 12 decimals (ReLU's 0).

    >>> from calclib.activations import relu_derivative
    >>> x, y, values, ends = derivative_pieces(relu_derivative, np.linspace(-1, 1, 5))
    >>> values, ends
    ([(0.0, 0.0)], [(0.0, 1.0)])
    >>> [float(v) for v in y]
    [0.0, 0.0, 0.0, nan, 1.0, 1.0, 1.0]
    """
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(derivative(xs), dtype=float)
    spread = float(np.ptp(ys)) if ys.size else 0.0
    steps = np.flatnonzero(np.abs(np.diff(ys)) > JUMP_SHARE * spread) if spread > 0 else []
    x_out, y_out, values, ends = [], [], [], []
    start = 0
    for i in steps:
        lo, hi = float(xs[i]), float(xs[i + 1])
        f_lo = float(derivative(lo))
        for _ in range(200):  # bisection down to neighbouring floats: where the value changes
            mid = (lo + hi) / 2
            if mid in (lo, hi):
                break
            if abs(float(derivative(mid)) - f_lo) > JUMP_SHARE * spread / 2:
                hi = mid
            else:
                lo = mid
        if abs(float(derivative(hi)) - float(derivative(lo))) <= JUMP_SHARE * spread / 2:
            continue  # steep but not a jump
        c = round((lo + hi) / 2, 12) + 0.0  # (+ 0.0: no -0.0)
        width = max(abs(c), 1.0) * 1e-9
        left, right, at = float(derivative(c - width)), float(derivative(c + width)), float(derivative(c))
        keep = xs[start:i + 1] < c
        x_out += [*xs[start:i + 1][keep], c, np.nan, c]
        y_out += [*ys[start:i + 1][keep], left, np.nan, right]
        start = i + 1
        values.append((c, at))
        ends += [(c, side) for side in (left, right) if side != at]
    x_out += list(xs[start:])
    y_out += list(ys[start:])
    return np.array(x_out), np.array(y_out), values, ends


@takes_axes("ax")
def plot_activation(ax, act, x=None):
    """The activation (solid) and its derivative (dashed); a tangent and point at ``x`` if given.

    The legend lists the tangent only when one is drawn.
    """
    curve = ax.plot([], [], label="f(x)", **LINES["curve"])[0]
    derivative = ax.plot([], [], color=COLORS["secant"], linestyle="--", linewidth=1.8, label="f′(x)")[0]
    tangent = ax.plot([], [], label="tangent at x" if x is not None else None, **LINES["tangent"])[0]
    # unclipped: at the slider's ends, x = ±6, the axes' edges, a clipped marker was cut in half (gelu at 6 sits in the
    # top right corner); they stand clear of the tick labels and the title even there
    point = ax.plot([], [], "o", color=COLORS["point"], markersize=6, zorder=5, clip_on=False)[0]
    slope_point = ax.plot([], [], "s", color=COLORS["secant"], markersize=6, zorder=5, clip_on=False)[0]
    for marker in (point, slope_point):
        marker.set_in_layout(False)  # unclipped, it would count in the layout (empty, it collapsed a gallery's axes)
    jump_values = ax.plot([], [], "o", color=COLORS["secant"], markersize=6, zorder=4)[0]
    jump_ends = ax.plot([], [], "o", color=COLORS["secant"], markerfacecolor="white", markeredgewidth=1.5,
                        markersize=6, zorder=4)[0]
    ax.axhline(0, color="#bbbbbb", linewidth=0.8)
    ax.set_xlim(XS[0], XS[-1])
    style_axes(ax, xlabel="x", ylabel="")
    ax.legend(loc="upper left", fontsize=text_points(ax.figure, 9))
    artists = ActivationArtists(curve, derivative, tangent, point, slope_point, ax.set_title("", fontsize=text_points(ax.figure, 10)),
                                jump_values, jump_ends)
    set_activation(artists, act)
    if x is not None:
        update_activation(artists, act, x)
    return artists


def set_activation(artists, act) -> None:
    """Show another activation: new curves and vertical limits.

    Where the derivative jumps (ReLU's at 0) its pieces are not joined: a filled dot marks its value there
    (the code's convention) and an open circle the end of the piece that does not take it.
    """
    artists.curve.set_data(XS, act.f(XS))
    x, y, values, ends = derivative_pieces(act.derivative)
    artists.derivative.set_data(x, y)
    artists.jump_values.set_data([p[0] for p in values], [p[1] for p in values])
    artists.jump_ends.set_data([p[0] for p in ends], [p[1] for p in ends])
    artists.curve.axes.set_ylim(*act.ylim)
    artists.title.set_text(act.name)


def slope_note(act, x) -> str:
    """What a read-out adds after f′(x) where the derivative jumps at x (ReLU's corner at 0): the value
    shown there is the code's choice, not a derivative. "" elsewhere."""
    if not isinstance(act, Activation):
        raise TypeError(f"`act` must be an activation from calclib.activations.catalog(), got {type(act).__name__}")
    x = real_number(x, "x")
    left, right = (float(act.derivative(x + h)) for h in (-1e-9, 1e-9))
    if abs(left - right) < 1e-6:  # a smooth slope moves by about f″·2e-9 across the gap, a jump by its size
        return ""
    return f" (no derivative at the corner: the code takes {fmt_minus(float(act.derivative(x)), 6)} there)"


def update_activation(artists, act, x) -> tuple:
    """Move the tangent and points to x; returns (f(x), f'(x))."""
    fx, dfx = float(act.f(x)), float(act.derivative(x))
    half = 1.5
    artists.tangent.set_data([x - half, x + half], [fx - dfx * half, fx + dfx * half])
    artists.point.set_data([x], [fx])
    artists.slope_point.set_data([x], [dfx])
    corner = " (no derivative: the code's choice)" if slope_note(act, x) else ""
    artists.title.set_text(f"{act.name}: f({fmt_minus(x, 4)}) = {fmt_minus(fx, 6)},  "
                           f"f′({fmt_minus(x, 4)}) = {fmt_minus(dfx, 6)}{corner}")
    return fx, dfx


class DepthArtists(NamedTuple):
    lines: dict
    marker_line: object
    markers: object
    title: object
    legend: dict  # where the legend goes (the keywords of Axes.legend); it lists only the lines drawn


DEPTH_STYLES = {"sigmoid": ("--", COLORS["secant"]), "tanh": ("-.", COLORS["tangent"]), "relu": ("-", COLORS["curve"])}


def decade_ticks(ylim) -> np.ndarray:
    """Major ticks of a log axis over ``ylim``: powers of ten a round number of decades apart (1, 2, 5, 10 or
    20), the closest that gives at most 8 ticks. matplotlib's own choice for 60 decades was every 7th (10⁰,
    10⁷, 10¹⁴, ...), which no one reads values off.

    >>> [round(float(np.log10(t))) for t in decade_ticks((1e-30, 1e30))]
    [-30, -20, -10, 0, 10, 20, 30]
    >>> [round(float(np.log10(t))) for t in decade_ticks((1e-35, 10.0))]
    [-35, -30, -25, -20, -15, -10, -5, 0]
    """
    low, high = np.log10(sorted(ylim))
    stride = next((s for s in (1, 2, 5, 10, 20) if np.floor(high / s) - np.ceil(low / s) + 1 <= 8), 50)
    return 10.0 ** (stride * np.arange(np.ceil(low / stride), np.floor(high / stride) + 1))


@takes_axes("ax")
def plot_gradient_depth(ax, curves: dict, depth: int, *, ylim=(1e-35, 10.0), legend_loc="lower left"):
    """|∂x_D/∂x_0| against the depth D, one line per activation, on a log scale.

    ``curves`` maps an activation's name to its gradient after 1, 2, ... layers. A grey line
    marks 1, where the gradient neither shrinks nor grows. ``legend_loc`` puts the legend in
    the corner the lines leave free: the lower left while they only fall from about 1, the
    upper left when they can fall steeply too (a factor of at most 8 per layer climbs slowly
    enough to leave it free).
    """
    max_depth = max(len(c) for c in curves.values())
    ax.axhline(1.0, color=COLORS["guide"], linewidth=1.0)
    lines = {}
    for name, values in curves.items():
        style, color = DEPTH_STYLES.get(name, (":", COLORS["accent"]))
        lines[name] = ax.semilogy(np.arange(1, len(values) + 1), np.maximum(values, 1e-300), linestyle=style,
                                  color=color, linewidth=2, label=name)[0]
    marker_line = ax.axvline(depth, **LINES["guide"])
    markers = ax.plot([], [], "o", color=COLORS["point"], markersize=6, zorder=5)[0]
    ax.set_xlim(0, max_depth + 1)
    ax.set_ylim(*ylim)
    ax.yaxis.set_major_locator(FixedLocator(decade_ticks(ylim)))
    style_axes(ax, xlabel="depth D (number of layers)", ylabel=r"$|\partial x_D / \partial x_0|$ (log scale)")
    artists = DepthArtists(lines, marker_line, markers, ax.set_title("", fontsize=text_points(ax.figure, 10)),
                           {"loc": legend_loc, "fontsize": text_points(ax.figure, 9)})
    update_gradient_depth(artists, curves, depth)
    return artists


def drawn(line) -> bool:
    """Whether any part of ``line`` shows between its axes' vertical limits (a gradient of exactly 0 sits at
    1e-300, far below them: a log scale has no 0). The line is joined up, so it shows if it reaches from
    below the top to above the bottom."""
    y = np.asarray(line.get_ydata(), dtype=float)
    low, high = sorted(line.axes.get_ylim())
    return bool(y.size) and float(np.nanmin(y)) <= high and float(np.nanmax(y)) >= low


def _legend_of_drawn(artists) -> None:
    """The legend lists the lines drawn, in their order; it is made anew only when that list changes."""
    shown = [line for line in artists.lines.values() if drawn(line)]
    ax = artists.title.axes
    legend = ax.get_legend()
    if legend is not None and [t.get_text() for t in legend.get_texts()] == [line.get_label() for line in shown]:
        return
    if legend is not None:
        legend.remove()
    if shown:
        ax.legend(handles=shown, **artists.legend)


def update_gradient_depth(artists, curves: dict, depth: int) -> dict:
    """New curves (when the weight or input changed) and the marker at ``depth``; returns each gradient there.

    The legend follows the lines: one that no longer shows (a factor of exactly 0) leaves it, and comes back
    with its line. A new legend is a new artist of the axes: an explorer draws its background again.
    """
    at = {name: float(values[depth - 1]) for name, values in curves.items()}
    for name, values in curves.items():
        artists.lines[name].set_ydata(np.maximum(values, 1e-300))
    artists.marker_line.set_xdata([depth, depth])
    artists.markers.set_data([depth] * len(at), [max(a, 1e-300) for a in at.values()])
    artists.title.set_text(f"D = {depth}: " + ",  ".join(f"{n} {gradient_text(a, 3)}" for n, a in at.items()))
    _legend_of_drawn(artists)
    return at
