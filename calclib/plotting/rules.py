"""The product rule as area: a rectangle f by g, grown by df and dg; the corner's share of the growth."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.patches import Rectangle

from ..tables import fmt_minus
from .style import COLORS, LINES, style_axes, text_points
from ._checks import takes_axes


class RectangleArtists(NamedTuple):
    base: object
    strip_f_dg: object
    strip_g_df: object
    corner: object
    title: object


def rectangle_limits(inc, *, margin=1.12):
    """Axis limits (width, height) that hold the grown rectangle of ``inc`` with a small margin."""
    return (margin * max(abs(inc.f + inc.df), abs(inc.f)), margin * max(abs(inc.g + inc.dg), abs(inc.g)))


@takes_axes("ax")
def plot_product_rectangle(ax, inc, *, limits=None):
    """Draw the rectangle of ``inc`` (a :class:`calclib.rules.ProductIncrement`) inside ``limits`` = (width, height).

    Without ``limits`` the axes end just past the grown rectangle. Both axes use one scale,
    so areas look like areas; the legend sits below the axes, clear of the rectangle.
    """
    limits = rectangle_limits(inc) if limits is None else limits
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
    ax.set_aspect("equal", adjustable="box")
    style_axes(ax, xlabel="width f(x)", ylabel="height g(x)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=text_points(ax.figure, 9), frameon=False)
    artists = RectangleArtists(base, strip_f_dg, strip_g_df, corner, ax.set_title("Δ(fg)", fontsize=text_points(ax.figure, 10)))
    update_product_rectangle(artists, inc)
    return artists


def update_product_rectangle(artists, inc) -> None:
    """Resize the four pieces for a new increment."""
    f, g, df, dg = inc.f, inc.g, inc.df, inc.dg
    artists.base.set_bounds(0, 0, f, g)
    artists.strip_f_dg.set_bounds(0, g, f, dg)
    artists.strip_g_df.set_bounds(f, 0, df, g)
    artists.corner.set_bounds(f, g, df, dg)
    artists.title.set_text(f"Δ(fg) = {fmt_minus(inc.f_dg, 4)} + {fmt_minus(inc.g_df, 4)} + {fmt_minus(inc.corner, 4)}"
                           f"   (corner: {fmt_minus(100 * inc.corner_share, 3)} %)")


class ShareArtists(NamedTuple):
    curve: object
    marker: object


@takes_axes("ax")
def plot_corner_share(ax, dxs, shares, dx, share, *, threshold=0.01):
    """The corner's share of the growth against dx on log-log axes, a guide at ``threshold``
    and a marker at the current (dx, share). Shares are fractions; the axis shows percent."""
    dxs = np.asarray(dxs, dtype=float)
    curve = ax.loglog([], [], **LINES["curve"], label="corner share")[0]
    ax.axhline(100 * threshold, **LINES["guide"])
    ax.annotate(f"{fmt_minus(100 * threshold, 3)} % of the growth", (dxs.min(), 100 * threshold), xytext=(4, 4),
                textcoords="offset points", fontsize=text_points(ax.figure, 9), color=COLORS["guide"])
    marker = ax.plot([], [], "o", color=COLORS["accent"], markersize=8, zorder=5)[0]
    # the axis fits the curve, with a little room at both ends: the curve ends inside the panel,
    # not on the picture's right edge
    room = 10 ** (0.04 * np.log10(dxs.max() / dxs.min()))
    ax.set_xlim(dxs.min() / room, dxs.max() * room)
    ax.set_ylim(1e-3, 100)
    style_axes(ax, xlabel="dx (log scale)", ylabel="corner share, % (log scale)",
               title="the corner shrinks in proportion to dx")
    ax.title.set_fontsize(10)
    artists = ShareArtists(curve, marker)
    update_corner_share(artists, dxs, shares, dx, share)
    return artists


def update_corner_share(artists, dxs, shares, dx, share) -> None:
    """Redraw the share curve (it depends on x) and move the marker to the current dx."""
    artists.curve.set_data(np.asarray(dxs, dtype=float), 100 * np.asarray(shares, dtype=float))
    artists.marker.set_data([dx], [100 * share])
