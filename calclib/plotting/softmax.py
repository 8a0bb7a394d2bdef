"""Softmax in three panels: the logits z, the probabilities p as bars, and the Jacobian diag(p) - p pᵀ."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.markers import TICKRIGHT
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from ..tables import MINUS, fmt_minus
from .style import COLORS, style_axes, text_points
from ._checks import takes_axes

LOGIT_RANGE = 5.0  # the explorer's logit sliders run from -5 to 5
# The colour scale runs from -scale to scale, scale = the largest |entry| but never below this: an
# ordinary view keeps one fixed scale, a cold tie (entries growing like 1/T) gets a scale that fits.
MIN_SCALE = 0.25
ENTRY_FONTSIZE = 10  # points; a cell of the 4 x 4 Jacobian is about 58 CSS pixels wide
BAR_TICKS = 7  # at most three values each side of 0 on the colour bar
# The T slider's read-out (d3-format in the browser: 3 significant figures, zeros kept, never
# exponential) and the same text in Python for the titles: the two always show the same digits.
TEMPERATURE_FORMAT = ".3r"


def temperature_text(t: float) -> str:
    """T as the slider's read-out shows it (TEMPERATURE_FORMAT, for the slider's range 0.01 to 10).

    >>> temperature_text(10 ** -0.75), temperature_text(1.0), temperature_text(0.01), temperature_text(10.0)
    ('0.178', '1.00', '0.0100', '10.0')
    """
    return f"{float(t):#.3g}"


def entry_text(value: float, decimals: int = 2) -> str:
    """A Jacobian entry for a small cell: ``decimals`` decimals (2, or 3 for a Jacobian whose entries are
    all small: see entry_decimals), with a true minus sign.

    An entry that is not 0 but rounds to 0.00 reads "≈0", not "0": a cold softmax still
    responds a little (the read-out gives the largest entry in full).

    >>> entry_text(0.2247), entry_text(-0.0203), entry_text(-4.54e-4), entry_text(0.0), entry_text(-18.75)
    ('0.22', '−0.02', '≈0', '0', '−18.75')
    >>> entry_text(0.01875, 3), entry_text(-0.00625, 3)
    ('0.019', '−0.006')
    """
    value = float(value)
    if value == 0:
        return "0"
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        return "\u22480"
    return text.replace("-", MINUS)


def entry_decimals(J) -> int:
    """2 decimals, or 3 where every entry is below 0.1: at T = 10 the entries 0.01875 and −0.00625 read 0.02
    and −0.01, and each row then seemed to add up to −0.01 under a title that says the rows sum to 0."""
    return 2 if float(np.max(np.abs(J))) >= 0.095 else 3


def shown_sum_gap(J) -> float:
    """The largest row or column sum of the entries as the cells show them (rounded by :func:`entry_text`;
    "≈0" counts 0): 0 where the rounded entries still add up to 0, as the exact ones do.

    >>> shown_sum_gap([[0.2247, -0.2247], [-0.2247, 0.2247]])
    0.0
    >>> shown_sum_gap(np.eye(4) * 0.025 - 0.00625)  # equal logits at T = 10: 0.019 - 3 x 0.006
    0.001
    """
    J = np.asarray(J, dtype=float)
    decimals = entry_decimals(J)
    shown = np.vectorize(lambda v: float(entry_text(v, decimals).replace(MINUS, "-").replace("\u2248", "")))(J)
    return float(np.round(max(np.abs(shown.sum(axis=0)).max(), np.abs(shown.sum(axis=1)).max()), decimals))


def relative_luminance(rgba) -> np.ndarray:
    """WCAG relative luminance of colours (the last axis holds r, g, b and maybe alpha, from 0 to 1)."""
    rgb = np.asarray(rgba, dtype=float)[..., :3]
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(rgba_a, rgba_b) -> np.ndarray:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    a, b = relative_luminance(rgba_a), relative_luminance(rgba_b)
    return (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)


def on_white(cell_rgba) -> np.ndarray:
    """True where white text reads better than black on a cell of that colour (the higher contrast).

    >>> on_white([[0.2, 0.0, 0.3, 1.0], [0.9, 0.9, 0.9, 1.0]]).tolist()
    [True, False]
    """
    cell_rgba = np.asarray(cell_rgba, dtype=float)
    return contrast(cell_rgba, (1.0, 1.0, 1.0)) > contrast(cell_rgba, (0.0, 0.0, 0.0))


def colour_scale(J) -> float:
    """Half the width of the colour scale for the Jacobian ``J``: its largest |entry|, at least MIN_SCALE.

    >>> colour_scale([[0.23, -0.15], [-0.15, 0.18]]), colour_scale([[18.75, -6.25], [-6.25, 18.75]])
    (0.25, 18.75)
    """
    return max(MIN_SCALE, float(np.abs(np.asarray(J, dtype=float)).max()))


def bar_ticks(scale: float) -> np.ndarray:
    """Round values for the colour bar of a scale: steps of 1, 2, 2.5 or 5 times a power of ten,
    the finest that puts at most three on each side of 0.

    >>> bar_ticks(0.25).tolist(), bar_ticks(18.75).tolist()
    ([-0.2, -0.1, 0.0, 0.1, 0.2], [-15.0, -10.0, -5.0, 0.0, 5.0, 10.0, 15.0])
    """
    power = 10.0 ** np.floor(np.log10(scale / 3))
    step = next(power * m for m in (1, 2, 2.5, 5, 10, 20) if np.floor(scale / (power * m) + 1e-9) <= 3)
    count = int(np.floor(scale / step + 1e-9))
    return np.round(np.arange(-count, count + 1) * step, 10)


class SoftmaxArtists(NamedTuple):
    logit_bars: tuple
    bars: tuple
    heat: object
    cells: tuple
    title_z: object
    title_p: object
    title_j: object
    bar_marks: object = None  # the colour bar's tick marks (one line of markers) ...
    bar_labels: tuple = ()  # ... and their values, BAR_TICKS texts (the unused ones empty)


@takes_axes("ax_z", "ax_p", "ax_j")
def plot_softmax(ax_z, ax_p, ax_j, z, p, J, temperature=1.0):
    """Logits z (left), the bars of p = softmax(z / T) (middle), and the Jacobian with its entries (right).

    The Jacobian's colours run from -scale to scale (:func:`colour_scale`): fixed at ±0.25 for most
    views, wider when an entry is larger. The colour bar is drawn once on a scale of -1 to 1; its
    marks and values are moved to the current scale, so a new scale draws no new artist.
    """
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
    heat = ax_j.pcolormesh(edges, edges, J, cmap="PuOr_r", vmin=-MIN_SCALE, vmax=MIN_SCALE, antialiased=False)
    ax_j.set_aspect("equal")
    ax_j.invert_yaxis()  # row p1 at the top, as the matrix is written
    cells = tuple(ax_j.text(j, i, "", ha="center", va="center", fontsize=text_points(ax_j.figure, ENTRY_FONTSIZE))
                  for i in range(n) for j in range(n))
    ax_j.set_xticks(ticks, [f"z{j + 1}" for j in range(n)])
    ax_j.set_yticks(ticks, [f"p{i + 1}" for i in range(n)])
    ax_j.tick_params(labelsize=text_points(ax_j.figure, 10))
    bar = ax_j.figure.colorbar(ScalarMappable(Normalize(-1.0, 1.0), heat.get_cmap()), ax=ax_j,
                               fraction=0.046, pad=0.04)
    cax = bar.ax
    cax.tick_params(axis="y", which="both", right=False, labelright=False, left=False, labelleft=False)
    beside = blended_transform_factory(cax.transAxes, cax.transData)
    size = ax_j.yaxis.get_ticklabels()[0].get_fontsize()
    bar_marks = cax.plot([], [], linestyle="none", marker=TICKRIGHT, markersize=3.5, markeredgewidth=0.8,
                         color=COLORS["point"], transform=beside, clip_on=False)[0]
    bar_labels = tuple(cax.text(1.0, 0.0, "", transform=beside + ScaledTranslation(5 / 72, 0, ax_j.figure.dpi_scale_trans),
                                ha="left", va="center", fontsize=size) for _ in range(BAR_TICKS))
    for label, value in zip(bar_labels, bar_ticks(MIN_SCALE)):  # the widest values, for the layout
        label.set_text(fmt_minus(value, 3))
    title = {"fontsize": text_points(ax_z.figure, 10)}
    artists = SoftmaxArtists(logit_bars, bars, heat, cells, ax_z.set_title("", **title), ax_p.set_title("", **title),
                             ax_j.set_title("", **title), bar_marks, bar_labels)
    update_softmax(artists, z, p, J, temperature)
    return artists


def update_softmax(artists, z, p, J, temperature=1.0) -> None:
    """New logits, heights, heat map, colour scale and entries, all in place."""
    n = len(p)
    for bar, height in zip(artists.logit_bars, z):
        bar.set_height(height)
    for bar, height in zip(artists.bars, p):
        bar.set_height(height)
    scale = colour_scale(J)
    artists.heat.set_array(J)
    artists.heat.set_clim(-scale, scale)
    values = bar_ticks(scale)
    if artists.bar_marks is not None:
        artists.bar_marks.set_data(np.ones(len(values)), values / scale)
    for k, label in enumerate(artists.bar_labels):
        if k < len(values):
            label.set_y(values[k] / scale)
            label.set_text(fmt_minus(values[k], 3))
        else:
            label.set_text("")
    white = on_white(artists.heat.to_rgba(J))
    decimals = entry_decimals(J)
    for k, text in enumerate(artists.cells):
        text.set_text(entry_text(J[k // n, k % n], decimals))
        text.set_color("white" if white[k // n, k % n] else "black")
    artists.title_z.set_text(f"logits z, temperature T = {temperature_text(temperature)}")
    artists.title_p.set_text(f"p = softmax(z / T), sum = {fmt_minus(p.sum(), 6)}")
    worst = max(float(abs(J.sum(axis=1)).max()), float(abs(J.sum(axis=0)).max()))
    sums = "rows and columns sum to 0" if worst < 1e-12 else f"row/column sums up to {fmt_minus(worst, 2)}"
    artists.title_j.set_text(f"Jacobian ∂p/∂z: {sums}")
