"""Softmax probabilities as bars, and the Jacobian diag(p) - p pᵀ as a heat map."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..tables import fmt
from .style import COLORS, style_axes
from ._checks import takes_axes


class SoftmaxArtists(NamedTuple):
    bars: tuple
    heat: object
    cells: tuple
    title_p: object
    title_j: object


@takes_axes("ax_p", "ax_j")
def plot_softmax(ax_p, ax_j, p, J):
    """Bars of p (summing to 1) on the left; the Jacobian, with each entry written in, on the right."""
    n = len(p)
    bars = tuple(ax_p.bar(np.arange(n), p, color=COLORS["curve"], edgecolor=COLORS["point"]))
    ax_p.set_xticks(np.arange(n), [f"p{i + 1}" for i in range(n)])
    ax_p.set_ylim(0, 1.05)
    style_axes(ax_p, ylabel="probability")
    heat = ax_j.imshow(J, cmap="PuOr_r", vmin=-0.25, vmax=0.25)
    cells = tuple(ax_j.text(j, i, "", ha="center", va="center", fontsize=8)
                  for i in range(n) for j in range(n))
    ax_j.set_xticks(np.arange(n), [f"z{j + 1}" for j in range(n)])
    ax_j.set_yticks(np.arange(n), [f"p{i + 1}" for i in range(n)])
    ax_j.figure.colorbar(heat, ax=ax_j, fraction=0.046, pad=0.04)
    artists = SoftmaxArtists(bars, heat, cells, ax_p.set_title("", fontsize=10), ax_j.set_title("", fontsize=10))
    update_softmax(artists, p, J)
    return artists


def update_softmax(artists, p, J) -> None:
    """New heights, a new heat map and new entries, all in place."""
    n = len(p)
    for bar, height in zip(artists.bars, p):
        bar.set_height(height)
    artists.heat.set_data(J)
    for k, text in enumerate(artists.cells):
        value = J[k // n, k % n]
        text.set_text(fmt(round(value, 3) + 0.0, 3))
        text.set_color("white" if abs(value) > 0.15 else "black")
    artists.title_p.set_text(f"p = softmax(z / T), sum = {fmt(p.sum(), 6)}")
    worst = float(abs(J.sum(axis=1)).max())
    rows = "every row sums to 0" if worst < 1e-12 else f"rows sum to {fmt(worst, 2)}"
    artists.title_j.set_text(f"Jacobian ∂p/∂z: {rows}")
