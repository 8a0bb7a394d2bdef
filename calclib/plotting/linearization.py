"""The Jacobian as the best linear map: a circle of nudges and its two images."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

from ..tables import fmt_minus
from .style import COLORS, style_axes, text_points
from ._checks import takes_axes

ANGLES = np.linspace(0, 2 * np.pi, 181)
MARKED_ANGLE = np.radians(30)  # the one direction u drawn as an arrow, with its two images
ARROW = {"angles": "xy", "scale_units": "xy", "scale": 1, "width": 0.012, "zorder": 6}
# An arrowhead as a marker: its point at the marker's origin, so the point sits exactly on the tip.
HEAD = Path([(0.0, 0.0), (-1.0, 0.45), (-1.0, -0.45), (0.0, 0.0)], closed=True)
HEAD_SIZE = 22  # points; the head is half as long (the marker is centred on its point)
# The labels u and J·u sit beside their arrow's middle, on its left, this many points clear of the arrow's
# widest part (its head, 0.45·HEAD_SIZE/2 to each side of the line) whatever way the arrow points.
LABEL_GAP = 0.45 * HEAD_SIZE / 2 + 3.0
RADIUS_DIGITS = 3  # significant digits of r in the title (the explorer's size slider shows as many)


def arrowhead(dx, dy) -> MarkerStyle:
    """The head marker turned to point along (dx, dy) (axes of equal aspect)."""
    return MarkerStyle(HEAD, transform=Affine2D().rotate(np.arctan2(dy, dx)))


class LinearizationArtists(NamedTuple):
    true_image: object
    marked_true: object  # where the marked u truly lands, (f(x₀ + r·u) − f(x₀)) / r
    marked_gap: object  # from J·u to that point: the gap, divided by r
    title: object
    nudge: object  # the marked u on the left (an arrow from 0 to the circle; its head is the handle)
    mark_linear: object  # the head of the arrow J·u on the right, at its tip
    u_label: object
    ju_arrow: object
    ju_label: object


def scaled_images(f, J, x0, radius, angles=ANGLES):
    """The nudges r·u for unit vectors u at ``angles``, mapped by f and by J, both divided by r.

    Dividing by r keeps the pictures the same size for every r: the linear image stays a
    fixed ellipse, and the true image closes in on it as r shrinks.
    """
    angles = np.atleast_1d(angles)
    u = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    y0 = np.asarray(f(x0), dtype=float)
    with np.errstate(all="ignore"):
        true = np.array([(np.asarray(f(x0 + radius * d), dtype=float) - y0) / radius for d in u])
    return u, true, u @ np.asarray(J, dtype=float).T


@takes_axes("ax_in", "ax_out")
def plot_linearization(ax_in, ax_out, f, J, x0, radius, angle=MARKED_ANGLE, *, draggable=False):
    """Left: the unit circle of nudge directions u, one of them (at ``angle``, radians) marked.
    Right: their images under f and under J, divided by r, with the marked u's image J·u and its
    true image. ``draggable``: the legend tells the reader to drag u's tip (an explorer's picture)."""
    u, true, linear = scaled_images(f, J, x0, radius)
    ax_in.plot(u[:, 0], u[:, 1], color=COLORS["curve"], linewidth=2, label="every direction u, ‖u‖ = 1")
    nudge = ax_in.plot([0, 1], [0, 0], color=COLORS["accent"], linewidth=2.4, solid_capstyle="butt",
                       marker=arrowhead(1, 0), markersize=HEAD_SIZE, markevery=[1],
                       label="one direction u" + (" (drag its tip)" if draggable else ""), zorder=6)[0]
    u_label = ax_in.annotate("u", (0.5, 0), xytext=(0, 0), textcoords="offset points", ha="center", va="center",
                             color=COLORS["accent"], fontsize=11)
    ax_in.set_xlim(-1.6, 1.6)
    ax_in.set_ylim(-1.6, 1.6)
    ax_in.set_aspect("equal", adjustable="box")
    style_axes(ax_in, xlabel="Δx₁ / r", ylabel="Δx₂ / r")
    ax_in.set_title("nudges Δx = r·u: size r, direction u", fontsize=text_points(ax_in.figure, 10))
    ax_in.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=text_points(ax_in.figure, 9), frameon=False)
    ax_out.plot(linear[:, 0], linear[:, 1], color=COLORS["tangent"], linewidth=2.2, linestyle="-.",
                label="J·u for every u  (linear prediction)")
    true_image = ax_out.plot([], [], color=COLORS["secant"], linewidth=1.8, linestyle="--",
                             label="(f(x₀ + r·u) − f(x₀)) / r  (true change)")[0]
    ju_arrow = ax_out.plot([0, 1], [0, 0], color=COLORS["accent"], linewidth=2.4, solid_capstyle="butt",
                           zorder=6, label="J·u for the marked u")[0]
    mark_linear = ax_out.plot([], [], color=COLORS["accent"], marker=arrowhead(1, 0), markersize=HEAD_SIZE,
                              linestyle="none", zorder=6)[0]  # the head of J·u
    # beside the arrow's middle, on a white patch: it often sits on the ellipse's dashes (a student read)
    ju_label = ax_out.annotate("J·u", (0.5, 0), xytext=(0, 0), textcoords="offset points", ha="center",
                               va="center", color=COLORS["accent"], fontsize=11, zorder=8,
                               bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                     "alpha": 0.85})
    marked_true = ax_out.plot([], [], "o", color=COLORS["secant"], markerfacecolor="none", markeredgewidth=1.8,
                              markersize=8, zorder=7, label="where the marked u truly lands")[0]  # a ring: J·u's head shows through
    # 2.4 wide, as the arrows: at 1.2 the segment read as a hairline under J·u's head, even at r = 1 (a student read)
    marked_gap = ax_out.plot([], [], color=COLORS["point"], linewidth=2.4, solid_capstyle="butt", zorder=7,
                             label="its gap from J·u, divided by r")[0]
    extent = 1.25 * np.abs(linear).max() + 0.5
    ax_out.set_xlim(-extent, extent)
    ax_out.set_ylim(-extent, extent)
    ax_out.set_aspect("equal", adjustable="box")
    style_axes(ax_out, xlabel="Δy₁ / r", ylabel="Δy₂ / r")
    ax_out.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=text_points(ax_out.figure, 9), frameon=False)
    artists = LinearizationArtists(true_image, marked_true, marked_gap, ax_out.set_title("", fontsize=text_points(ax_out.figure, 10)),
                                   nudge, mark_linear, u_label, ju_arrow, ju_label)
    update_linearization(artists, f, J, x0, radius, angle)
    return artists


_LABEL_SIZES = {}  # (text, font) -> (width, height) of a label's box in points: measured once, not per frame


def _size_in_points(label) -> tuple:
    """The size of ``label``'s box in points, whatever the figure's dpi (the text's own box, not its arrow's)."""
    key = (label.get_text(), hash(label.get_fontproperties()))
    size = _LABEL_SIZES.get(key)
    if size is None:
        figure = label.get_figure(root=True)
        box = Text.get_window_extent(label, figure.canvas.get_renderer())  # an annotation's own works out its arrow too
        size = _LABEL_SIZES[key] = (box.width * 72 / figure.dpi, box.height * 72 / figure.dpi)
    return size


def place_beside(label, direction) -> None:
    """Put ``label`` (centred on its point, the middle of an arrow along ``direction``, on axes of equal aspect)
    on the arrow's left, its nearest edge LABEL_GAP points from the arrow's line at every angle.

    The label's box reaches |n_x|·w/2 + |n_y|·h/2 towards the arrow along the unit normal n, so its centre
    goes that much further out: the box then never touches the line or the head, however the arrow turns.
    """
    dx, dy = np.asarray(direction, dtype=float) / max(float(np.hypot(*direction)), 1e-12)
    normal = np.array([-dy, dx])  # the arrow's left
    width, height = _size_in_points(label)
    reach = abs(normal[0]) * width / 2 + abs(normal[1]) * height / 2
    label.xyann = tuple((LABEL_GAP + reach) * normal)


def update_linearization(artists, f, J, x0, radius, angle=MARKED_ANGLE) -> float:
    """Redraw the true image for a new radius and move the marked direction u to ``angle`` (radians).

    Returns the largest gap ‖f(x0 + Δx) − f(x0) − J Δx‖ over the circle of nudges.
    """
    u, true, linear = scaled_images(f, J, x0, radius)
    (mu,), (mt,), (mj,) = scaled_images(f, J, x0, radius, angle)
    artists.true_image.set_data(true[:, 0], true[:, 1])
    artists.nudge.set_data([0, mu[0]], [0, mu[1]])
    artists.nudge.set_marker(arrowhead(*mu))
    artists.u_label.xy = tuple(0.5 * mu)
    place_beside(artists.u_label, mu)
    artists.ju_arrow.set_data([0, mj[0]], [0, mj[1]])
    artists.mark_linear.set_data([mj[0]], [mj[1]])
    artists.mark_linear.set_marker(arrowhead(*mj))
    artists.ju_label.xy = tuple(0.5 * mj)
    place_beside(artists.ju_label, mj)
    artists.marked_true.set_data([mt[0]], [mt[1]])
    artists.marked_gap.set_data([mj[0], mt[0]], [mj[1], mt[1]])  # the marked u's gap, divided by r
    gap = float(np.max(np.linalg.norm(true - linear, axis=1))) * radius
    artists.title.set_text(f"r = {fmt_minus(radius, RADIUS_DIGITS)}: largest gap {fmt_minus(gap, 3)} = {fmt_minus(gap / radius**2, 4)}·r²")
    return gap
