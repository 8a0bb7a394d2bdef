"""The product rule as area: a rectangle f by g, grown by df and dg."""
from __future__ import annotations

from typing import NamedTuple

from matplotlib.patches import Rectangle

from ..tables import fmt
from .style import COLORS, style_axes
from ._checks import takes_axes


class RectangleArtists(NamedTuple):
    base: object
    strip_f_dg: object
    strip_g_df: object
    corner: object
    title: object


@takes_axes("ax")
def plot_product_rectangle(ax, inc, *, limits):
    """Draw the rectangle of ``inc`` (a :class:`calclib.rules.ProductIncrement`) inside ``limits`` = (width, height)."""
    base = Rectangle((0, 0), 0, 0, facecolor="#dddddd", edgecolor=COLORS["point"], label="f · g (the old area)")
    strip_f_dg = Rectangle((0, 0), 0, 0, facecolor=COLORS["band"], edgecolor=COLORS["curve"], hatch="--",
                           label="f · Δg (top strip)")
    strip_g_df = Rectangle((0, 0), 0, 0, facecolor=COLORS["band2"], edgecolor=COLORS["secant"], hatch="||",
                           label="g · Δf (right strip)")
    corner = Rectangle((0, 0), 0, 0, facecolor=COLORS["accent"], edgecolor=COLORS["point"], label="Δf · Δg (corner)")
    for patch in (base, strip_f_dg, strip_g_df, corner):
        ax.add_patch(patch)
    ax.set_xlim(0, limits[0])
    ax.set_ylim(0, limits[1])
    style_axes(ax, xlabel="width f(x)", ylabel="height g(x)")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    artists = RectangleArtists(base, strip_f_dg, strip_g_df, corner, ax.set_title("Δ(fg)", fontsize=10))
    update_product_rectangle(artists, inc)
    return artists


def update_product_rectangle(artists, inc) -> None:
    """Resize the four pieces for a new increment."""
    f, g, df, dg = inc.f, inc.g, inc.df, inc.dg
    artists.base.set_bounds(0, 0, f, g)
    artists.strip_f_dg.set_bounds(0, g, f, dg)
    artists.strip_g_df.set_bounds(f, 0, df, g)
    artists.corner.set_bounds(f, g, df, dg)
    artists.title.set_text(f"Δ(fg) = {fmt(inc.f_dg, 4)} + {fmt(inc.g_df, 4)} + {fmt(inc.corner, 4)}"
                           f"   (corner: {fmt(100 * inc.corner_share, 3)} %)")
