"""The quadratic form xᵀAx as a heat map, with the true gradient field and a tempting wrong one."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

from ..tables import fmt_minus
from .cells import cell_image
from .style import COLORS, OKABE_ITO, style_axes
from ._checks import takes_axes

GRID = np.linspace(-2, 2, 101)
ARROWS = np.linspace(-1.5, 1.5, 5)
LONGEST = 0.48  # the longest black arrow, in x units (they sit 0.75 apart; the outer ones, at ±1.5, end inside ±2)
#: A light grey map, so that black and vermillion arrows stand out on every part of it.
LIGHT = ListedColormap(colormaps["Greys"](np.linspace(0.0, 0.55, 256)), name="calclib_light_greys")
TRUE_COLOR, WRONG_COLOR = OKABE_ITO["black"], COLORS["secant"]


class QuadraticArtists(NamedTuple):
    image: object
    true_field: object
    wrong_field: object
    image_sym: object
    field_sym: object
    title: object
    title_sym: object


_X, _Y = np.meshgrid(GRID, GRID)


def _values(A):
    """xᵀAx at every point of the grid: x · (Ax), the two rows of Ax worked out on the whole grid at once
    (a tenth of the cost of einsum's general contraction)."""
    return _X * (A[0, 0] * _X + A[0, 1] * _Y) + _Y * (A[1, 0] * _X + A[1, 1] * _Y)


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
    X, Y = _points()
    thick = {"angles": "xy", "scale_units": "xy", "scale": 1, "width": 0.014, "headwidth": 2.6, "headlength": 3.0,
             "headaxislength": 2.7}
    thin = dict(thick, width=0.007, headwidth=4.5, headlength=5, headaxislength=4.5)  # drawn on top, still visible
    true_field = ax.quiver(X, Y, X * 0, Y * 0, color=TRUE_COLOR, **thick)
    # the 2Ax arrows share the black ones' scale, so they can be longer: they may leave the map (not clipped),
    # so that their heads always show which way they point
    wrong_field = ax.quiver(X, Y, X * 0, Y * 0, color=WRONG_COLOR, clip_on=False, **thin)
    wrong_field.set_in_layout(False)  # (the layout is made for the map, not for where an arrow may reach)
    image_sym = cell_image(ax_sym, np.zeros((GRID.size, GRID.size)), extent=extent, cmap=LIGHT)
    field_sym = ax_sym.quiver(X, Y, X * 0, Y * 0, color=TRUE_COLOR, **thick)
    proxy = lambda color, width, label: Line2D([], [], color=color, linewidth=width, label=label)  # quivers have no legend handle
    # legends below the axes: the heat maps are redrawn every frame and would cover them inside
    below = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.14), "fontsize": 8, "frameon": False}
    ax.legend(handles=[proxy(TRUE_COLOR, 4, "(A + Aᵀ)x: the gradient"),
                       proxy(WRONG_COLOR, 2, "2Ax: wrong unless A = Aᵀ")], ncol=2, **below)
    ax_sym.legend(handles=[proxy(TRUE_COLOR, 4, "2Sx: the same gradient")], **below)
    for axis in (ax, ax_sym):
        axis.set_aspect("equal")
        style_axes(axis, xlabel="x₁", ylabel="x₂")
        axis.grid(False)
    artists = QuadraticArtists(image, true_field, wrong_field, image_sym, field_sym,
                               ax.set_title("", fontsize=9), ax_sym.set_title("", fontsize=9))
    update_quadratic(artists, A)
    return artists


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
    X, Y = _points()
    longest = np.linalg.norm(np.stack([X, Y], axis=1) @ (A + A.T).T, axis=1).max()
    # One scale for all arrows, so their lengths compare, set by the true gradient alone: a change
    # that leaves S alone leaves every black arrow alone. (Never magnified more than 1 : 1.)
    scale = max(longest / LONGEST, 1.0)
    G, W = _field(A + A.T, scale), _field(2 * A, scale)
    artists.true_field.set_UVC(G[:, 0], G[:, 1])
    artists.wrong_field.set_UVC(W[:, 0], W[:, 1])
    artists.field_sym.set_UVC(G[:, 0], G[:, 1])
    a = [fmt_minus(c, 3) for c in A.ravel()]
    s = [fmt_minus(c, 3) for c in S.ravel()]
    artists.title.set_text(f"xᵀAx,  A = [[{a[0]}, {a[1]}], [{a[2]}, {a[3]}]]")
    artists.title_sym.set_text(f"xᵀSx,  S = [[{s[0]}, {s[1]}], [{s[2]}, {s[3]}]]")
    return float(np.max(np.abs(Z - Zs)))
