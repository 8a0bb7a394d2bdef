"""Functions of two variables: surface and contours, the gradient arrow, slices, descent paths."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.ticker import LogFormatterSciNotation, MaxNLocator
from matplotlib.layout_engine import ConstrainedLayoutEngine

from ..gradients import directional_derivative, unit_vector
from ..tables import fmt_minus
from .style import COLORS, LINES, padded, style_axes, text_points
from ._checks import takes_axes

#: The loss axis of the descent plot: from below any converged value (the walk stops once
#: |∇f| < 1e-6, where f is near 1e-13) to above the last value kept before |x| passes 1e6.
VALUE_RANGE = (1e-16, 1e14)
#: The descent panel's title for each way a walk ends (calclib.descent.DescentPath.status).
OUTCOME = {"converged": "converged", "converging": "still converging",
           "oscillating": "oscillating, not converging", "diverged": "diverged"}
#: Half the length of the dial's dashed contour direction, in the plane's units (the unit circle has radius 1).
LEVEL_HALF_LENGTH = 1.6
PATH_ZORDER = 4  # the descent path; the minimum's star stands above it
ARROW = {"angles": "xy", "scale_units": "xy", "scale": 1, "width": 0.012, "zorder": 6}
#: The landscape's gradient arrow: its length, a share of the window's width (it shows a direction; the read-out
#: gives the size), and the margin the contour panel shows around the sliders' window on each side, a share of
#: the window's span: room for the arrow at the window's edge, inside the panel. An arrow drawn on past the panel
#: crossed the colour bar, the title or the tick labels (a review); clipped, it lost its head (a student read).
GRADIENT_ARROW = 0.15
CONTOUR_MARGIN = 0.12
#: Room between the panels of the descent figure (constrained layout's wspace, a share of the figure's
#: width): the colour bar's label stands right before the loss plot's y label, and the default 0.02 left
#: 7 pt between their boxes, the letters nearly touching; 0.06 leaves about 20 pt.
DESCENT_WSPACE = 0.06


def landscape_axes(fig):
    """Surface (3-D) and contours on top, the two coordinate slices below."""
    grid = fig.add_gridspec(2, 2, height_ratios=[1.25, 1])
    return (fig.add_subplot(grid[0, 0], projection="3d"), fig.add_subplot(grid[0, 1]),
            fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[1, 1]))


@takes_axes("ax")
def plot_contours(ax, land, *, levels=14, colorbar=True, margin=0.0):
    """Contour lines of ``land`` with labelled axes and a colour bar that reads each line's height;
    returns the contour set. ``margin``: the lines go on that share of the window's span past each of its
    edges (the levels stay those of the window)."""
    X, Y, Z = land.grid()
    finite = Z[np.isfinite(Z)]
    if margin:
        X, Y, Z = land.grid(xlim=padded(land.xlim, margin), ylim=padded(land.ylim, margin))
    norm = None
    if land.name == "rosenbrock":  # a valley: spread the levels geometrically
        lv = np.geomspace(max(finite.min(), 1e-2), finite.max(), levels)
        norm = LogNorm(lv[0], lv[-1])  # colours spaced like the levels
        Z = np.maximum(Z, lv[0] / 10)  # no zeros for the log norm; every level lies above this floor
    else:  # round heights (20, 40, … on the elongated bowl; 5, 10, … on the bowl), not 18.3, 55.0, 91.7, …
        lv = MaxNLocator(nbins=levels + 1, steps=[1, 2, 2.5, 5, 10]).tick_values(finite.min(), finite.max())
        lv = lv[(lv > finite.min()) & (lv < finite.max())]
    cs = ax.contour(X, Y, Z, levels=lv, cmap="viridis", norm=norm, linewidths=1.0)
    ax.set_aspect("equal", adjustable="box")
    style_axes(ax, xlabel="x", ylabel="y")
    if colorbar:
        colorbar_of = ax.figure.colorbar(cs, ax=ax, shrink=0.9, pad=0.02)
        if norm is not None:  # decades, 10⁻² ... 10³, not the levels' odd values (a stray 1.42384×10²)
            decades = 10.0 ** np.arange(np.ceil(np.log10(lv[0])), np.floor(np.log10(lv[-1])) + 1)
            colorbar_of.set_ticks(decades, labels=[LogFormatterSciNotation()(d) for d in decades])
            colorbar_of.ax.minorticks_off()
        colorbar_of.set_label("height f(x, y)", fontsize=text_points(ax.figure, 9))
    return cs


def room_along(p, direction, xlim, ylim):
    """How far from ``p``, inside the box ``xlim`` x ``ylim``, a step along the unit vector ``direction`` can go.

    >>> bool(np.isclose(room_along((6.0, 4.0), (1.0, 0.0), (-7.2, 7.2), (-7.2, 7.2)), 1.2))  # to the right edge
    True
    """
    room = np.inf
    for c, d, (low, high) in zip(p, direction, (xlim, ylim)):
        if d > 0:
            room = min(room, (high - c) / d)
        elif d < 0:
            room = min(room, (low - c) / d)
    return float(room)


class LandscapeArtists(NamedTuple):
    point3d: object
    point: object
    arrow: object
    level_tangent: object
    guides: object
    slice_x: object
    tangent_x: object
    mark_x: object
    slice_y: object
    tangent_y: object
    mark_y: object
    title: object


@takes_axes("axes")
def plot_landscape(axes, land, p):
    """Draw the surface, contours and slices once; returns the artists that follow the point p."""
    ax3d, axc, axx, axy = axes
    X, Y, Z = land.grid(61)
    ax3d.plot_surface(X, Y, Z, cmap="viridis", linewidth=0, antialiased=False, alpha=0.85, rstride=2, cstride=2)
    ax3d.set_xlabel("x")
    ax3d.set_ylabel("y")
    ax3d.set_zlabel("f")
    ax3d.view_init(elev=32, azim=-60)
    for axis in (ax3d.xaxis, ax3d.yaxis):  # five labels such as −2.5 ran into each other on the slanted axes
        axis.set_major_locator(MaxNLocator(nbins=3))
    point3d = ax3d.plot([], [], [], "o", color=COLORS["secant"], markersize=7, zorder=10)[0]
    plot_contours(axc, land, margin=CONTOUR_MARGIN)
    arrow = axc.quiver([0], [0], [1], [0], color=COLORS["secant"], **ARROW)
    # its tip stays inside the panel (update_landscape), but its head is wider than its shaft: unclipped, the
    # head is never cut at the panel's edge (at (−5.7, 4) a clipped arrow was a dot, a student read, session 9)
    arrow.set_clip_on(False)
    point = axc.plot([], [], "o", color=COLORS["point"], markersize=6, zorder=7, clip_on=False)[0]
    level_tangent = axc.plot([], [], color=COLORS["point"], linestyle="--", linewidth=1.2,
                             label="level set direction")[0]
    guides = axc.plot([], [], **LINES["guide"])[0]
    # the window's ticks (−6, −4, … 6), not those the wider view would pick (−5.0, −2.5, …)
    axc.set_xticks(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]).tick_values(*land.xlim))
    axc.set_yticks(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]).tick_values(*land.ylim))
    axc.set_xlim(*padded(land.xlim, CONTOUR_MARGIN))
    axc.set_ylim(*padded(land.ylim, CONTOUR_MARGIN))
    zlim = padded((float(np.nanmin(Z)), float(np.nanmax(Z))), 0.05)
    artists = []
    for ax, label in ((axx, "x"), (axy, "y")):
        curve = ax.plot([], [], **LINES["curve"])[0]
        tangent = ax.plot([], [], **LINES["tangent"])[0]
        mark = ax.plot([], [], "o", color=COLORS["point"], markersize=6)[0]
        ax.set_xlim(*(land.xlim if label == "x" else land.ylim))
        ax.set_ylim(*zlim)
        style_axes(ax, xlabel=label, ylabel="f")
        artists += [curve, tangent, mark]
    title = axc.set_title("", fontsize=text_points(axc.figure, 10))
    result = LandscapeArtists(point3d, point, arrow, level_tangent, guides, *artists, title)
    update_landscape(result, land, p)
    return result


def update_landscape(artists, land, p):
    """Move the point, the gradient arrow and both slices to p; returns the gradient."""
    px, py = float(p[0]), float(p[1])
    g = land.gradient([px, py])
    z = land([px, py])
    width = land.xlim[1] - land.xlim[0]
    norm = float(np.linalg.norm(g))
    direction = g / norm if norm > 0 else np.zeros(2)
    # a fixed length (the arrow shows direction, the read-out size), shortened where the panel ends: at the window's
    # edge at least the panel's margin is left, room for a head and a bit of shaft
    axc = artists.arrow.axes
    room = room_along((px, py), direction, sorted(axc.get_xlim()), sorted(axc.get_ylim()))
    arrow = min(GRADIENT_ARROW * width, 0.95 * room) * direction
    artists.point3d.set_data_3d([px], [py], [z])
    artists.point.set_data([px], [py])
    artists.arrow.set_offsets([[px, py]])
    artists.arrow.set_UVC([arrow[0]], [arrow[1]])
    perp = 0.12 * width * np.array([-direction[1], direction[0]])
    artists.level_tangent.set_data([px - perp[0], px + perp[0]], [py - perp[1], py + perp[1]])
    artists.guides.set_data([land.xlim[0], land.xlim[1], np.nan, px, px], [py, py, np.nan, land.ylim[0], land.ylim[1]])
    tx = np.linspace(*land.xlim, 200)
    ty = np.linspace(*land.ylim, 200)
    with np.errstate(all="ignore"):
        artists.slice_x.set_data(tx, land._f(tx, py) + 0 * tx)
        artists.slice_y.set_data(ty, land._f(px, ty) + 0 * ty)
    half = 0.15 * width
    artists.tangent_x.set_data([px - half, px + half], [z - g[0] * half, z + g[0] * half])
    artists.tangent_y.set_data([py - half, py + half], [z - g[1] * half, z + g[1] * half])
    artists.mark_x.set_data([px], [z])
    artists.mark_y.set_data([py], [z])
    artists.slice_x.axes.set_title(f"slice y = {fmt_minus(py, 3)}: slope ∂f/∂x = {fmt_minus(g[0], 4)}", fontsize=10)
    artists.slice_y.axes.set_title(f"slice x = {fmt_minus(px, 3)}: slope ∂f/∂y = {fmt_minus(g[1], 4)}", fontsize=10)
    artists.title.set_text(f"∇f({fmt_minus(px, 3)}, {fmt_minus(py, 3)}) = ({fmt_minus(g[0], 4)}, {fmt_minus(g[1], 4)})")
    return g


class DialArtists(NamedTuple):
    u_arrow: object
    marker: object
    title: object


@takes_axes("ax_plane", "ax_curve")
def plot_direction_dial(ax_plane, ax_curve, gradient, point, angle):
    """Left: the unit circle of steps around ``point`` with the gradient and the chosen u.
    Right: D_u f against the angle of u, peaking along the gradient."""
    g = np.asarray(gradient, dtype=float)
    px, py = point
    t = np.linspace(0, 2 * np.pi, 361)
    ax_plane.plot(px + np.cos(t), py + np.sin(t), color=COLORS["guide"], linewidth=1, label="unit circle: every u of length 1")
    best = g / np.linalg.norm(g)
    # the contour line's direction through the point, where the slope is 0: the text and the exercise speak of
    # u running along it, and the dial showed no contour line (a student read, session 9)
    along = LEVEL_HALF_LENGTH * np.array([-best[1], best[0]])
    ax_plane.plot([px - along[0], px + along[0]], [py - along[1], py + along[1]], color=COLORS["point"],
                  linestyle="--", linewidth=1.2, label="along the contour line: slope 0")
    ax_plane.quiver([px], [py], [best[0]], [best[1]], color=COLORS["secant"], label="∇f / |∇f|", **ARROW)
    u_arrow = ax_plane.quiver([px], [py], [1], [0], color=COLORS["curve"], label="u", **ARROW)
    ax_plane.plot([px], [py], "o", color=COLORS["point"])
    ax_plane.set_xlim(px - 2.0, px + 2.0)
    ax_plane.set_ylim(py - 2.0, py + 2.0)
    ax_plane.set_aspect("equal", adjustable="box")
    style_axes(ax_plane, xlabel="x", ylabel="y")
    # below the axes, two columns: in the lower left corner it covered u's tip and the dashed line at 220-320°
    ax_plane.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2, fontsize=text_points(ax_plane.figure, 9),
                    frameon=False, columnspacing=1.2, handlelength=1.6)
    degrees = np.degrees(t)
    ax_curve.plot(degrees, g[0] * np.cos(t) + g[1] * np.sin(t), **LINES["curve"], label="∇f · u")
    peak = np.degrees(np.arctan2(g[1], g[0])) % 360
    norm = float(np.linalg.norm(g))
    ax_curve.axvline(peak, **LINES["guide"])
    ax_curve.axhline(0, color=COLORS["guide"], linewidth=0.8)  # slope zero: u runs along the contour line
    ax_curve.annotate(f"max |∇f| = {fmt_minus(norm, 4)}\nat {fmt_minus(peak, 4)}°", (peak, norm), xytext=(14, 2),
                      textcoords="offset points", fontsize=text_points(ax_curve.figure, 9))
    marker = ax_curve.plot([], [], "o", color=COLORS["secant"], markersize=8, zorder=5)[0]
    ax_curve.set_xlim(0, 360)
    ax_curve.set_xticks(range(0, 361, 60))
    ax_curve.set_ylim(-1.15 * norm, 1.3 * norm)
    style_axes(ax_curve, xlabel="angle of u (degrees)", ylabel="slope along u")
    artists = DialArtists(u_arrow, marker, ax_curve.set_title("", fontsize=text_points(ax_curve.figure, 10)))
    update_direction_dial(artists, g, angle)
    return artists


def update_direction_dial(artists, gradient, angle):
    """Turn u to ``angle`` (radians); returns D_u f."""
    u = unit_vector(angle)
    slope = directional_derivative(gradient, u)
    artists.u_arrow.set_UVC([u[0]], [u[1]])
    artists.marker.set_data([np.degrees(angle) % 360], [slope])
    # the figures of the read-out (DirectionDialExplorer.update): the same u and slope, not 0.588 above 0.5878
    artists.title.set_text(f"u = ({fmt_minus(u[0], 4)}, {fmt_minus(u[1], 4)}):  ∇f · u = {fmt_minus(slope, 4)}")
    return slope


class DescentArtists(NamedTuple):
    path: object
    start: object
    end: object
    values: object
    title: object
    minimum: object = None  # the minimum's star: an explorer redraws it after the path, so that it stays on top


@takes_axes("ax_plane", "ax_values")
def plot_descent(ax_plane, ax_values, land, path, *, max_steps):
    """Contours with the path of gradient descent; the value of f at each step on a log scale."""
    plot_contours(ax_plane, land)
    minimum = None
    if land.minimum is not None:  # on top of the path: a zig-zag through it never hides it
        minimum = ax_plane.plot(*land.minimum, "*", color=COLORS["tangent"], markersize=12, markeredgecolor="white",
                                markeredgewidth=0.8, label="minimum", zorder=PATH_ZORDER + 2)[0]
    p = ax_plane.plot([], [], "-o", color=COLORS["secant"], markersize=3, linewidth=1.0, label="descent path",
                      zorder=PATH_ZORDER)[0]
    start = ax_plane.plot([], [], "o", color=COLORS["point"], markersize=7, label="start", zorder=PATH_ZORDER + 1)[0]
    end = ax_plane.plot([], [], "X", color=COLORS["secant"], markersize=9, label="end", zorder=PATH_ZORDER + 1)[0]
    ax_plane.set_xlim(*land.xlim)
    ax_plane.set_ylim(*land.ylim)
    # the legend in a corner the path starts away from (Rosenbrock's start, (−1.5, 2), was under it upper left)
    (x0, y0), (xa, xb), (ya, yb) = path.points[0], land.xlim, land.ylim
    corner = "lower left" if x0 < (xa + xb) / 2 and y0 > (ya + yb) / 2 else "upper left"
    ax_plane.legend(loc=corner, fontsize=text_points(ax_plane.figure, 9))
    values = ax_values.semilogy([], [], color=COLORS["curve"], linewidth=1.8)[0]
    ax_values.axhline(float(land(path.points[0])), **LINES["guide"])
    ax_values.annotate("f at the start", (max_steps, float(land(path.points[0]))), xytext=(-4, 4),
                       textcoords="offset points", ha="right", fontsize=text_points(ax_values.figure, 9), color=COLORS["guide"])
    ax_values.set_xlim(0, max_steps)
    ax_values.set_ylim(*VALUE_RANGE)
    style_axes(ax_values, xlabel="step", ylabel="f (log scale)")
    artists = DescentArtists(p, start, end, values, ax_plane.set_title("", fontsize=text_points(ax_plane.figure, 10)),
                             minimum)
    descent_layout(ax_plane.figure)
    update_descent(artists, path)
    return artists


def descent_layout(fig) -> None:
    """Give the descent figure's panels room apart (DESCENT_WSPACE), if ``fig`` is laid out by constrained layout."""
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(wspace=DESCENT_WSPACE)


def update_descent(artists, path):
    """Show a new :class:`calclib.descent.DescentPath`."""
    pts = path.points
    artists.path.set_data(*shown_path(pts, artists.path.axes).T)
    artists.start.set_data(pts[:1, 0], pts[:1, 1])
    artists.end.set_data(pts[-1:, 0], pts[-1:, 1])
    artists.values.set_data(np.arange(len(pts)), np.clip(path.values, *VALUE_RANGE))
    artists.title.set_text(f"learning rate {fmt_minus(path.learning_rate, 3)}: {OUTCOME[path.status]}")


def shown_path(points, ax):
    """The points of a descent path drawn on ``ax``: all of them up to the first one outside the window, which
    ends the line where it leaves; a diverging walk's later jumps would only cross the window again and again,
    filling it with a solid band over the minimum."""
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    outside = ~((points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1))
    first = int(np.argmax(outside)) if outside.any() else len(points) - 1
    return points[: first + 1]
