"""Softmax in three panels: the logits z, the probabilities p as bars, and the Jacobian diag(p) - p pᵀ."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..tables import fmt
from .style import COLORS, style_axes
from ._checks import takes_axes

LOGIT_RANGE = 5.0  # the explorer's logit sliders run from -5 to 5


def entry_text(value: float) -> str:
    """A Jacobian entry for a small cell: 2 decimals, or 2 significant figures when it is tiny.

    A rounded 0 would hide that a cold softmax still responds a little.

    >>> entry_text(0.2247), entry_text(-4.54e-4), entry_text(0.0)
    ('0.22', '-4.5e-4', '0')
    """
    value = float(value)
    if value == 0:
        return "0"
    if abs(value) >= 0.01:
        return f"{value:.2f}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"


class SoftmaxArtists(NamedTuple):
    logit_bars: tuple
    bars: tuple
    heat: object
    cells: tuple
    title_z: object
    title_p: object
    title_j: object


@takes_axes("ax_z", "ax_p", "ax_j")
def plot_softmax(ax_z, ax_p, ax_j, z, p, J, temperature=1.0):
    """Logits z (left), the bars of p = softmax(z / T) (middle), and the Jacobian with its entries (right)."""
    n = len(p)
    ticks = np.arange(n)
    logit_bars = tuple(ax_z.bar(ticks, z, color=COLORS["band2"], edgecolor=COLORS["point"]))
    ax_z.axhline(0, color=COLORS["point"], linewidth=0.8)
    ax_z.set_xticks(ticks, [f"z{i + 1}" for i in range(n)])
    ax_z.set_ylim(-LOGIT_RANGE - 0.3, LOGIT_RANGE + 0.3)
    style_axes(ax_z, ylabel="logit")
    bars = tuple(ax_p.bar(ticks, p, color=COLORS["curve"], edgecolor=COLORS["point"]))
    ax_p.set_xticks(ticks, [f"p{i + 1}" for i in range(n)])
    ax_p.set_ylim(0, 1.05)
    style_axes(ax_p, ylabel="probability")
    # one flat quadrilateral per entry (redrawn every frame: ten times cheaper than an image)
    edges = np.arange(n + 1) - 0.5
    heat = ax_j.pcolormesh(edges, edges, J, cmap="PuOr_r", vmin=-0.25, vmax=0.25, antialiased=False)
    ax_j.set_aspect("equal")
    ax_j.invert_yaxis()  # row p1 at the top, as the matrix is written
    cells = tuple(ax_j.text(j, i, "", ha="center", va="center", fontsize=7)
                  for i in range(n) for j in range(n))
    ax_j.set_xticks(ticks, [f"z{j + 1}" for j in range(n)])
    ax_j.set_yticks(ticks, [f"p{i + 1}" for i in range(n)])
    ax_j.figure.colorbar(heat, ax=ax_j, fraction=0.046, pad=0.04)
    artists = SoftmaxArtists(logit_bars, bars, heat, cells, ax_z.set_title("", fontsize=10),
                             ax_p.set_title("", fontsize=10), ax_j.set_title("", fontsize=10))
    update_softmax(artists, z, p, J, temperature)
    return artists


def update_softmax(artists, z, p, J, temperature=1.0) -> None:
    """New logits, heights, heat map and entries, all in place."""
    n = len(p)
    for bar, height in zip(artists.logit_bars, z):
        bar.set_height(height)
    for bar, height in zip(artists.bars, p):
        bar.set_height(height)
    artists.heat.set_array(J)
    for k, text in enumerate(artists.cells):
        value = J[k // n, k % n]
        text.set_text(entry_text(value))
        text.set_color("white" if abs(value) > 0.15 else "black")
    artists.title_z.set_text(f"logits z, temperature T = {fmt(temperature, 3)}")
    artists.title_p.set_text(f"p = softmax(z / T), sum = {fmt(p.sum(), 6)}")
    worst = max(float(abs(J.sum(axis=1)).max()), float(abs(J.sum(axis=0)).max()))
    sums = "rows and columns sum to 0" if worst < 1e-12 else f"row/column sums up to {fmt(worst, 2)}"
    artists.title_j.set_text(f"Jacobian ∂p/∂z: {sums}")
