"""The quadratic form xᵀAx as a heat map, with the true gradient field and a tempting wrong one."""
from __future__ import annotations

from typing import NamedTuple

import contourpy  # matplotlib's own contouring library (it comes with matplotlib)
import numpy as np
from matplotlib import colormaps
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

from ..tables import fmt_minus
from .cells import cell_image
from .style import COLORS, OKABE_ITO, style_axes, text_points
from ._checks import takes_axes

#: The maps show x₁, x₂ in ±MAP (ticks at −2 … 2): a margin past the outer arrows' points (±1.5) for the arrows.
MAP = 2.25
GRID = np.linspace(-MAP, MAP, 101)
ARROWS = np.linspace(-1.5, 1.5, 5)
LONGEST = 0.48  # the longest black arrow, in x units (they sit 0.75 apart; the outer ones, at ±1.5, end inside ±2)
#: How far from the origin, in each coordinate, an orange 2Ax tip may reach: inside the map, its head too. Where
#: 2Ax would reach further on the black arrows' scale (S small beside K, or a long 2Ax at an outer point: at
#: A = [[3, −3], [3, 3]] they ran into the title, past the map's edge and into the tick labels; S = 0 left every
#: 2Ax arrow at full length, across the titles and the other map), the orange arrows set the one scale instead.
REACH = 2.2
#: A light grey map, so that black and vermillion arrows stand out on every part of it.
LIGHT = ListedColormap(colormaps["Greys"](np.linspace(0.0, 0.55, 256)), name="calclib_light_greys")
TRUE_COLOR, WRONG_COLOR = OKABE_ITO["black"], COLORS["secant"]
#: Contour lines at the same heights whatever A is (dashed below 0), so that a change of S shows as lines that
#: move, where the heat map's shades, scaled to each frame's range, hardly change; drawn from a coarser grid.
LEVELS = (1.0, 2.0, 4.0, 8.0, 16.0)
LEVEL_GRID = np.linspace(-MAP, MAP, 46)  # 0.1 apart
LEVEL_STYLE = {"colors": "#404040", "linewidths": 0.7, "alpha": 0.8}


class QuadraticArtists(NamedTuple):
    image: object
    true_field: object
    wrong_field: object
    image_sym: object
    field_sym: object
    title: object
    title_sym: object
    levels: object = None
    levels_sym: object = None


_X, _Y = np.meshgrid(GRID, GRID)
_LEVEL_X, _LEVEL_Y = np.meshgrid(LEVEL_GRID, LEVEL_GRID)


def _values(A, X=_X, Y=_Y):
    """xᵀAx at every point of the grid: x · (Ax), the two rows of Ax worked out on the whole grid at once
    (a tenth of the cost of einsum's general contraction)."""
    return X * (A[0, 0] * X + A[0, 1] * Y) + Y * (A[1, 0] * X + A[1, 1] * Y)


def level_lines(S) -> tuple:
    """The contour lines of xᵀSx at ±LEVELS over the map: (segments, line styles), solid above 0, dashed below."""
    Z = _values(np.asarray(S, dtype=float), _LEVEL_X, _LEVEL_Y)
    lines = contourpy.contour_generator(LEVEL_GRID, LEVEL_GRID, Z, line_type="Separate")
    segments, styles = [], []
    for level in LEVELS:
        for sign, style in ((1, "solid"), (-1, (0, (3, 2)))):
            for line in lines.lines(sign * level):
                segments.append(line)
                styles.append(style)
    return segments, styles


def _points():
    X, Y = np.meshgrid(ARROWS, ARROWS)
    return X.ravel(), Y.ravel()


def _field(M, scale):
    """The vectors M·x at the arrow points, drawn 1/scale as long (one scale for every field in a picture)."""
    X, Y = _points()
    return np.stack([X, Y], axis=1) @ np.asarray(M).T / scale


@takes_axes("ax", "ax_sym")
def plot_quadratic(ax, ax_sym, A):
    """Left: xᵀAx with (A + Aᵀ)x (right) and 2Ax (wrong unless A is symmetric). Right: xᵀSx, S = (A + Aᵀ)/2."""
    # the heat maps are redrawn every frame: cells painted pixel by pixel (pcolormesh's picture, a sixth of its cost)
    extent = (GRID[0], GRID[-1], GRID[0], GRID[-1])
    image = cell_image(ax, np.zeros((GRID.size, GRID.size)), extent=extent, cmap=LIGHT)
    levels = ax.add_collection(LineCollection([], **LEVEL_STYLE), autolim=False)
    X, Y = _points()
    thick = {"angles": "xy", "scale_units": "xy", "scale": 1, "width": 0.014, "headwidth": 2.6, "headlength": 3.0,
             "headaxislength": 2.7}
    # drawn on top of the black ones, thinner, with a head narrower than theirs and a white edge: where the two
    # nearly agree, the black arrow still shows around the orange one (its head hid the black head)
    thin = dict(thick, width=0.006, headwidth=3.6, headlength=4.4, headaxislength=4.0, edgecolor="white",
                linewidth=0.6)
    true_field = ax.quiver(X, Y, X * 0, Y * 0, color=TRUE_COLOR, **thick)
    # the 2Ax arrows share the black ones' scale, so they can be longer: they may leave the map (not clipped),
    # so that their heads always show which way they point
    wrong_field = ax.quiver(X, Y, X * 0, Y * 0, color=WRONG_COLOR, clip_on=False, **thin)
    wrong_field.set_in_layout(False)  # (the layout is made for the map, not for where an arrow may reach)
    image_sym = cell_image(ax_sym, np.zeros((GRID.size, GRID.size)), extent=extent, cmap=LIGHT)
    levels_sym = ax_sym.add_collection(LineCollection([], **LEVEL_STYLE), autolim=False)
    field_sym = ax_sym.quiver(X, Y, X * 0, Y * 0, color=TRUE_COLOR, **thick)
    proxy = lambda color, width, label: Line2D([], [], color=color, linewidth=width, label=label)  # quivers have no legend handle
    # legends below the axes: the heat maps are redrawn every frame and would cover them inside
    # (the transposes typeset, as in the text: a Unicode ᵀ is half the height of a letter, and read as xAx)
    below = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.14), "fontsize": text_points(ax.figure, 9), "frameon": False}
    ax.legend(handles=[proxy(TRUE_COLOR, 4, r"$\mathregular{(A + A^T)x}$: the gradient"),
                       proxy(WRONG_COLOR, 2, r"$\mathregular{2Ax}$: wrong unless $\mathregular{A = A^T}$")], **below)
    ax_sym.legend(handles=[proxy(TRUE_COLOR, 4, r"$\mathregular{2Sx}$: the same gradient"),
                           Line2D([], [], color=LEVEL_STYLE["colors"], linewidth=1,
                                  label=r"both maps: $\mathregular{x^TSx}$ = 1, 2, 4, 8, 16 (dashed: −1, −2, ...)")],
                  **below)
    for axis in (ax, ax_sym):
        axis.set_aspect("equal")
        axis.set_xticks(np.arange(-2, 2.5, 1))  # the ticks of a ±2 map; the margin beyond is room for the arrows
        axis.set_yticks(np.arange(-2, 2.5, 0.5))
        style_axes(axis, xlabel=r"$\mathregular{x_1}$", ylabel=r"$\mathregular{x_2}$")  # subscripts of a readable size
        axis.grid(False)
    # each title in two parts: the form, typeset once (left), and its matrix, which moves (right)
    size = text_points(ax.figure, 12)
    ax.set_title(r"$\mathregular{x^TAx}$", loc="left", fontsize=size)
    ax_sym.set_title(r"$\mathregular{x^TSx}$", loc="left", fontsize=size)
    artists = QuadraticArtists(image, true_field, wrong_field, image_sym, field_sym, ax.set_title("", loc="right", fontsize=size),
                               ax_sym.set_title("", loc="right", fontsize=size), levels, levels_sym)
    update_quadratic(artists, A)
    return artists


def arrow_scale(A) -> tuple:
    """The one scale of every arrow of the picture (each is drawn 1/scale as long) and what sets it: "black"
    (the gradient (A + Aᵀ)x, its longest arrow LONGEST, so that a change that leaves S alone leaves every black
    arrow alone), "orange" (2Ax, when on the black scale a tip would reach past ±REACH in a coordinate: the least
    scale that keeps every tip within), or "none" (never magnified: 1 : 1).

    >>> arrow_scale([[1.0, 2.0], [0.0, 3.0]])[1], arrow_scale([[0.0, 1.0], [-1.0, 0.0]])[1]
    ('black', 'orange')
    """
    A = np.asarray(A, dtype=float)
    P = np.stack(_points(), axis=1)
    true = np.linalg.norm(P @ (A + A.T).T, axis=1).max() / LONGEST
    W = P @ (2 * A).T
    # p + w/scale within ±REACH: scale ≥ |w| / (REACH − p) where w points outwards, |w| / (REACH + p) inwards
    wrong = float(np.max(np.abs(W) / (REACH - np.sign(W) * P)))
    scale = max(true, wrong, 1.0)
    return scale, ("none" if scale == 1.0 else "black" if scale == true else "orange")


def update_quadratic(artists, A) -> float:
    """Show a new A; returns the largest difference between the two heat maps (always ~0)."""
    A = np.asarray(A, dtype=float)
    S = (A + A.T) / 2
    Z, Zs = _values(A), _values(S)
    lo, hi = float(Z.min()), float(Z.max())
    if hi - lo < 1e-12:
        lo, hi = lo - 1, hi + 1  # A = 0: a flat picture, not a blank one
    for image, data in ((artists.image, Z), (artists.image_sym, Zs)):
        image.set_array(data)
        image.set_clim(lo, hi)
    if artists.levels is not None:  # the same lines on both maps: xᵀAx = xᵀSx
        segments, styles = level_lines(S)
        for lines in (artists.levels, artists.levels_sym):
            lines.set_segments(segments)
            lines.set_linestyle(styles or "solid")
    scale, _ = arrow_scale(A)  # one scale for all arrows, so that their lengths compare
    G, W = _field(A + A.T, scale), _field(2 * A, scale)
    artists.true_field.set_UVC(G[:, 0], G[:, 1])
    artists.wrong_field.set_UVC(W[:, 0], W[:, 1])
    artists.field_sym.set_UVC(G[:, 0], G[:, 1])
    a = [fmt_minus(c, 3) for c in A.ravel()]
    s = [fmt_minus(c, 3) for c in S.ravel()]
    artists.title.set_text(f"A = [[{a[0]}, {a[1]}], [{a[2]}, {a[3]}]]")
    artists.title_sym.set_text(f"S = [[{s[0]}, {s[1]}], [{s[2]}, {s[3]}]]")
    return float(np.max(np.abs(Z - Zs)))
