"""Activation functions with their derivatives; the gradient through many layers."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..tables import fmt
from .style import COLORS, LINES, style_axes
from ._checks import takes_axes

XS = np.linspace(-6, 6, 481)


class ActivationArtists(NamedTuple):
    curve: object
    derivative: object
    tangent: object
    point: object
    slope_point: object
    title: object


@takes_axes("ax")
def plot_activation(ax, act, x=None):
    """The activation (solid) and its derivative (dashed); a tangent and point at ``x`` if given.

    The legend lists the tangent only when one is drawn.
    """
    curve = ax.plot([], [], label="f(x)", **LINES["curve"])[0]
    derivative = ax.plot([], [], color=COLORS["secant"], linestyle="--", linewidth=1.8, label="f′(x)")[0]
    tangent = ax.plot([], [], label="tangent at x" if x is not None else None, **LINES["tangent"])[0]
    point = ax.plot([], [], "o", color=COLORS["point"], markersize=6, zorder=5)[0]
    slope_point = ax.plot([], [], "s", color=COLORS["secant"], markersize=6, zorder=5)[0]
    ax.axhline(0, color="#bbbbbb", linewidth=0.8)
    ax.set_xlim(XS[0], XS[-1])
    style_axes(ax, xlabel="x", ylabel="")
    ax.legend(loc="upper left", fontsize=8)
    artists = ActivationArtists(curve, derivative, tangent, point, slope_point, ax.set_title("", fontsize=10))
    set_activation(artists, act)
    if x is not None:
        update_activation(artists, act, x)
    return artists


def set_activation(artists, act) -> None:
    """Show another activation: new curves and vertical limits."""
    artists.curve.set_data(XS, act.f(XS))
    artists.derivative.set_data(XS, act.derivative(XS))
    artists.curve.axes.set_ylim(*act.ylim)
    artists.title.set_text(act.name)


def update_activation(artists, act, x) -> tuple:
    """Move the tangent and points to x; returns (f(x), f'(x))."""
    fx, dfx = float(act.f(x)), float(act.derivative(x))
    half = 1.5
    artists.tangent.set_data([x - half, x + half], [fx - dfx * half, fx + dfx * half])
    artists.point.set_data([x], [fx])
    artists.slope_point.set_data([x], [dfx])
    artists.title.set_text(f"{act.name}: f({fmt(x, 4)}) = {fmt(fx, 5)},  f′({fmt(x, 4)}) = {fmt(dfx, 5)}")
    return fx, dfx


class DepthArtists(NamedTuple):
    lines: dict
    marker_line: object
    markers: object
    title: object


DEPTH_STYLES = {"sigmoid": ("--", COLORS["secant"]), "tanh": ("-.", COLORS["tangent"]), "relu": ("-", COLORS["curve"])}


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
    style_axes(ax, xlabel="depth D (number of layers)", ylabel=r"$|\partial x_D / \partial x_0|$ (log scale)")
    ax.legend(loc=legend_loc, fontsize=9)
    artists = DepthArtists(lines, marker_line, markers, ax.set_title("", fontsize=10))
    update_gradient_depth(artists, curves, depth)
    return artists


def update_gradient_depth(artists, curves: dict, depth: int) -> dict:
    """New curves (when the weight or input changed) and the marker at ``depth``; returns each gradient there."""
    at = {name: float(values[depth - 1]) for name, values in curves.items()}
    for name, values in curves.items():
        artists.lines[name].set_ydata(np.maximum(values, 1e-300))
    artists.marker_line.set_xdata([depth, depth])
    artists.markers.set_data([depth] * len(at), [max(a, 1e-300) for a in at.values()])
    artists.title.set_text(f"D = {depth}: " + ",  ".join(f"{n} {fmt(a, 3)}" for n, a in at.items()))
    return at
