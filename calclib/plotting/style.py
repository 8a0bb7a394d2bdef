"""One palette and one set of line styles for every figure in the set.

Colours are the Okabe-Ito palette, safe for the common kinds of colour blindness; lines
also differ by style so that a grey-scale print still tells them apart.
"""

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


LINES = {
    "curve": {"color": COLORS["curve"], "linestyle": "-", "linewidth": 2.2},
    "secant": {"color": COLORS["secant"], "linestyle": "--", "linewidth": 1.8},
    "tangent": {"color": COLORS["tangent"], "linestyle": "-.", "linewidth": 1.8},
    "guide": {"color": COLORS["guide"], "linestyle": ":", "linewidth": 1.0},
}


def style_axes(ax, *, xlabel: str = "", ylabel: str = "", title: str = "") -> None:
    """Labels, a light grid and no top/right spines."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.grid(True, color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
