"""The Jacobian as the best linear map: a circle of nudges and its two images."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..tables import fmt
from .style import COLORS, style_axes
from ._checks import takes_axes

ANGLES = np.linspace(0, 2 * np.pi, 181)


class LinearizationArtists(NamedTuple):
    true_image: object
    spokes: object
    title: object
    nudge: object  # one direction u on the left, and where it lands on the right:
    mark_linear: object  # J·u
    mark_true: object  # (f(x₀ + r·u) − f(x₀)) / r


def scaled_images(f, J, x0, radius):
    """The nudges r·u on the unit circle, mapped by f and by J, both divided by r.

    Dividing by r keeps the pictures the same size for every r: the linear image stays a
    fixed ellipse, and the true image closes in on it as r shrinks.
    """
    u = np.stack([np.cos(ANGLES), np.sin(ANGLES)], axis=1)
    y0 = np.asarray(f(x0), dtype=float)
    with np.errstate(all="ignore"):
        true = np.array([(np.asarray(f(x0 + radius * d), dtype=float) - y0) / radius for d in u])
    return u, true, u @ np.asarray(J, dtype=float).T


@takes_axes("ax_in", "ax_out")
def plot_linearization(ax_in, ax_out, f, J, x0, radius, angle=0.0):
    """Left: the unit circle of nudge directions. Right: their images under f and under J, scaled by 1/r.

    One direction u (at ``angle``, in radians) is marked: on the left as an arrow to the circle,
    on the right as the two points it lands on, J·u and the true image.
    """
    u, true, linear = scaled_images(f, J, x0, radius)
    ax_in.plot(u[:, 0], u[:, 1], color=COLORS["curve"], linewidth=2)
    nudge = ax_in.plot([0, 1], [0, 0], color=COLORS["accent"], linewidth=2, marker="o", markevery=[1])[0]
    ax_in.set_aspect("equal", adjustable="datalim")
    style_axes(ax_in, xlabel="Δx₁ / r", ylabel="Δx₂ / r", title="nudges Δx = r·u, |u| = 1")
    ax_out.plot(linear[:, 0], linear[:, 1], color=COLORS["tangent"], linewidth=2.2, linestyle="-.",
                label="J·u  (linear prediction)")
    true_image = ax_out.plot([], [], color=COLORS["secant"], linewidth=1.8, linestyle="--",
                             label="(f(x₀ + r·u) − f(x₀)) / r  (true)")[0]
    spokes = ax_out.plot([], [], color=COLORS["guide"], linewidth=0.8)[0]
    extent = 1.25 * np.abs(linear).max() + 0.5
    ax_out.set_xlim(-extent, extent)
    ax_out.set_ylim(-extent, extent)
    ax_out.set_aspect("equal", adjustable="box")
    style_axes(ax_out, xlabel="Δy₁ / r", ylabel="Δy₂ / r")
    ax_out.legend(loc="upper left", fontsize=8)
    mark_linear = ax_out.plot([], [], "o", color=COLORS["tangent"], markersize=7, zorder=5)[0]
    mark_true = ax_out.plot([], [], "o", color=COLORS["secant"], markersize=5, zorder=6)[0]
    artists = LinearizationArtists(true_image, spokes, ax_out.set_title("", fontsize=10), nudge, mark_linear,
                                   mark_true)
    update_linearization(artists, f, J, x0, radius, angle)
    return artists


def update_linearization(artists, f, J, x0, radius, angle=0.0) -> float:
    """Redraw the true image for a new radius and move the marked direction to ``angle``.

    Returns the largest gap |f(x0 + dx) - f(x0) - J dx| over the circle of nudges.
    """
    u, true, linear = scaled_images(f, J, x0, radius)
    d = np.array([np.cos(angle), np.sin(angle)])
    artists.nudge.set_data([0, d[0]], [0, d[1]])
    with np.errstate(all="ignore"):
        landed = (np.asarray(f(x0 + radius * d), dtype=float) - np.asarray(f(x0), dtype=float)) / radius
    artists.mark_linear.set_data(*(np.asarray(J, dtype=float) @ d)[:, None])
    artists.mark_true.set_data(*landed[:, None])
    artists.true_image.set_data(true[:, 0], true[:, 1])
    every = slice(None, None, 15)  # spokes join each prediction to the truth
    xs = np.column_stack([linear[every, 0], true[every, 0], np.full(len(true[every]), np.nan)]).ravel()
    ys = np.column_stack([linear[every, 1], true[every, 1], np.full(len(true[every]), np.nan)]).ravel()
    artists.spokes.set_data(xs, ys)
    gap = float(np.max(np.linalg.norm(true - linear, axis=1))) * radius
    artists.title.set_text(f"r = {fmt(radius, 3)}: largest gap {fmt(gap, 3)} = {fmt(gap / radius**2, 4)}·r²")
    return gap
