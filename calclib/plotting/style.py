"""One palette and one set of line styles for every figure in the set.

Colours are the Okabe-Ito palette, safe for the common kinds of colour blindness; lines
also differ by style so that a grey-scale print still tells them apart.
"""
import math

OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}

COLORS = {
    "curve": OKABE_ITO["blue"],
    "secant": OKABE_ITO["vermillion"],
    "tangent": OKABE_ITO["green"],
    "point": OKABE_ITO["black"],
    "accent": OKABE_ITO["purple"],
    "band": OKABE_ITO["sky"],
    "band2": OKABE_ITO["orange"],
    "guide": "#888888",
}

#: The strengths a saved animation's palette holds every colour of COLORS at (against white): a line drawn in
#: one of them (faint) keeps its exact colour in every frame.
STRENGTHS = (1.0, 0.7, 0.45, 0.2)


def on_white(colour: str, strength: float) -> tuple:
    """``colour`` (#rrggbb) at ``strength`` against white, as opaque 0-255 values.

    >>> on_white("#D55E00", 0.45)
    (236, 183, 140)
    """
    return tuple(round(strength * int(colour[i:i + 2], 16) + (1 - strength) * 255) for i in (1, 3, 5))


#: The width of a notebook's output area in CSS pixels (JupyterLab at 1280 x 900, file browser open): a wider
#: figure is shown shrunk to it, its text with it.
CELL_WIDTH = 833
#: The smallest text a figure shows, in CSS pixels at the size a student sees it (the 8 pt legends of the 80 dpi
#: figures were 8.9 pixels, too small to read on a 1x screen).
MIN_TEXT_PX = 11


def shown_scale(fig) -> float:
    """CSS pixels a point of text takes in ``fig`` as a student sees it: its dpi / 72, times the shrink of a
    figure wider than CELL_WIDTH. (An explorer's figure is measured before its dpi is doubled for drawing.)

    >>> from matplotlib.figure import Figure
    >>> round(shown_scale(Figure(figsize=(11.0, 3.0), dpi=80)), 4)  # 880 pixels wide, shown at 833
    1.0518
    """
    width = fig.get_figwidth() * fig.dpi
    return float(fig.dpi / 72 * min(1.0, CELL_WIDTH / width))


def text_points(fig, points: float = 0.0) -> float:
    """``points``, or the smallest size (to a quarter point) that ``fig`` shows at MIN_TEXT_PX or more.

    >>> from matplotlib.figure import Figure
    >>> text_points(Figure(figsize=(8.4, 4.2), dpi=80), 8)  # 10 pt: 11.1 CSS pixels
    10.0
    >>> text_points(Figure(figsize=(6.4, 4.0), dpi=100), 9)  # 9 pt is 12.5 pixels already
    9
    """
    return max(points, math.ceil(MIN_TEXT_PX / shown_scale(fig) * 4) / 4)


LINES = {
    "curve": {"color": COLORS["curve"], "linestyle": "-", "linewidth": 2.2},
    "secant": {"color": COLORS["secant"], "linestyle": "--", "linewidth": 1.8},
    "tangent": {"color": COLORS["tangent"], "linestyle": "-.", "linewidth": 1.8},
    "guide": {"color": COLORS["guide"], "linestyle": ":", "linewidth": 1.0},
}


def padded(limits, margin: float) -> tuple:
    """``limits`` (low, high) widened by ``margin`` times their span on each side.

    >>> padded((-6.0, 6.0), 0.1)
    (-7.2, 7.2)
    """
    low, high = limits
    pad = margin * (high - low)
    return (low - pad, high + pad)


def style_axes(ax, *, xlabel: str = "", ylabel: str = "", title: str = "") -> None:
    """Labels, a light grid and no top/right spines."""
    size = text_points(ax.figure, 10)  # matplotlib's 10 pt, or more where the figure is shown small
    ax.set_xlabel(xlabel, fontsize=size)
    ax.set_ylabel(ylabel, fontsize=size)
    ax.tick_params(labelsize=size)
    if title:
        ax.set_title(title, fontsize=text_points(ax.figure, 12))
    ax.grid(True, color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
