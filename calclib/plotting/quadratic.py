"""The quadratic form xᵀAx as a heat map, with the true gradient field and a tempting wrong one."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.lines import Line2D

from ..tables import fmt
from .style import COLORS, style_axes
from ._checks import takes_axes

GRID = np.linspace(-2, 2, 101)
ARROWS = np.linspace(-1.6, 1.6, 7)


class QuadraticArtists(NamedTuple):
    image: object
    true_field: object
    wrong_field: object
    image_sym: object
    field_sym: object
    title: object
    title_sym: object


def _values(A):
    X, Y = np.meshgrid(GRID, GRID)
    P = np.stack([X, Y], axis=-1)
    return np.einsum("...i,ij,...j->...", P, A, P)


def _field(M):
    X, Y = np.meshgrid(ARROWS, ARROWS)
    P = np.stack([X.ravel(), Y.ravel()], axis=1)
    G = P @ M.T
    scale = np.max(np.linalg.norm(G, axis=1))
    return X.ravel(), Y.ravel(), G / (scale if scale > 0 else 1.0) * 0.45


@takes_axes("ax", "ax_sym")
def plot_quadratic(ax, ax_sym, A):
    """Left: xᵀAx with (A + Aᵀ)x (right) and 2Ax (wrong unless A is symmetric). Right: xᵀSx, S = (A + Aᵀ)/2."""
    extent = (GRID[0], GRID[-1], GRID[0], GRID[-1])
    image = ax.imshow(np.zeros((GRID.size, GRID.size)), extent=extent, origin="lower", cmap="cividis")
    X, Y, _ = _field(np.eye(2))
    quiver = {"angles": "xy", "scale_units": "xy", "scale": 1, "width": 0.006}
    true_field = ax.quiver(X, Y, X * 0, Y * 0, color=COLORS["tangent"], **quiver)
    wrong_field = ax.quiver(X, Y, X * 0, Y * 0, color=COLORS["secant"], alpha=0.8,
                            **quiver)
    image_sym = ax_sym.imshow(np.zeros((GRID.size, GRID.size)), extent=extent, origin="lower", cmap="cividis")
    field_sym = ax_sym.quiver(X, Y, X * 0, Y * 0, color=COLORS["tangent"], **quiver)
    proxy = lambda color, label: Line2D([], [], color=color, linewidth=2, label=label)  # quivers have no legend handle
    # legends below the axes: the heat maps are redrawn every frame and would cover them inside
    below = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.14), "fontsize": 8, "frameon": False}
    ax.legend(handles=[proxy(COLORS["tangent"], "(A + Aᵀ)x: the gradient"),
                       proxy(COLORS["secant"], "2Ax: wrong unless A = Aᵀ")], ncol=2, **below)
    ax_sym.legend(handles=[proxy(COLORS["tangent"], "2Sx: the same gradient")], **below)
    for axis in (ax, ax_sym):
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
        image.set_data(data)
        image.set_clim(lo, hi)
    _, _, G = _field(A + A.T)
    artists.true_field.set_UVC(G[:, 0], G[:, 1])
    _, _, W = _field(2 * A)
    artists.wrong_field.set_UVC(W[:, 0], W[:, 1])
    artists.field_sym.set_UVC(G[:, 0], G[:, 1])
    a = [fmt(c, 3) for c in A.ravel()]
    s = [fmt(c, 3) for c in S.ravel()]
    artists.title.set_text(f"xᵀAx,  A = [[{a[0]}, {a[1]}], [{a[2]}, {a[3]}]]")
    artists.title_sym.set_text(f"xᵀSx,  S = [[{s[0]}, {s[1]}], [{s[2]}, {s[3]}]]")
    return float(np.max(np.abs(Z - Zs)))
