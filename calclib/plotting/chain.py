"""The amplifier view of the chain rule: one panel per link, then the whole chain."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import sympy as sp

from ..tables import fmt
from .style import COLORS, LINES, style_axes
from ._checks import takes_axes


class StageArtists(NamedTuple):
    curve: object
    tangent: object
    point: object
    nudge: object
    title: object


def _stage_paths(chain, x_range, n=400):
    """Input and output samples of each link, plus the composite (x, y)."""
    vals = [np.linspace(*x_range, n)]
    for fn in chain._value_fns:
        with np.errstate(all="ignore"):
            vals.append(np.asarray(fn(vals[-1]), dtype=float) + 0 * vals[-1])
    return [(vals[i], vals[i + 1]) for i in range(len(vals) - 1)] + [(vals[0], vals[-1])]


@takes_axes("axes")
def plot_chain_stages(axes, chain, x0, dx, *, x_range):
    """Draw each link and the composite on ``axes`` (one more axes than links)."""
    axes = list(np.ravel(axes))
    if len(axes) != len(chain.links) + 1:
        raise ValueError(f"`axes` must hold {len(chain.links) + 1} axes: one per link and one for the whole chain")
    names = chain.names
    labels = [(names[i], names[i + 1], sp.latex(l.expr)) for i, l in enumerate(chain.links)]
    labels.append((names[0], names[-1], "composite"))
    artists = []
    for ax, (xs, ys), (a, b, _) in zip(axes, _stage_paths(chain, x_range), labels):
        curve = ax.plot(xs, ys, **LINES["curve"])[0]
        tangent = ax.plot([], [], label="tangent: local gain", **LINES["tangent"])[0]
        nudge = ax.plot([], [], color=COLORS["secant"], linewidth=3, solid_capstyle="butt",
                        label="nudge: run and rise")[0]
        point = ax.plot([], [], "o", color=COLORS["point"], markersize=6, zorder=5)[0]
        pad_x, pad_y = 0.05 * np.ptp(xs), 0.08 * (np.nanmax(ys) - np.nanmin(ys))
        ax.set_xlim(xs.min() - pad_x, xs.max() + pad_x)
        ax.set_ylim(np.nanmin(ys) - pad_y, np.nanmax(ys) + pad_y)
        style_axes(ax, xlabel=a, ylabel=b)
        artists.append(StageArtists(curve, tangent, point, nudge, ax.set_title("", fontsize=10)))
    axes[0].legend(loc="upper left", fontsize=8)
    update_chain_stages(artists, chain, x0, dx)
    return artists


def update_chain_stages(artists, chain, x0, dx):
    """Move every point, tangent and nudge; returns (gains, measured overall ratio)."""
    gains = chain.local_gains(x0)
    nudge = chain.nudge(x0, dx)
    before, after = nudge.before, nudge.after
    stages = [(before[i], before[i + 1], after[i], after[i + 1], gains[i]) for i in range(len(gains))]
    stages.append((before[0], before[-1], after[0], after[-1], float(np.prod(gains))))
    names = chain.names
    pairs = [(names[i], names[i + 1]) for i in range(len(gains))] + [(names[0], names[-1])]
    for art, (xin, yout, xin2, yout2, gain), (a, b) in zip(artists, stages, pairs):
        half = 0.25 * np.diff(art.curve.axes.get_xlim())[0]
        art.tangent.set_data([xin - half, xin + half], [yout - gain * half, yout + gain * half])
        art.point.set_data([xin], [yout])
        art.nudge.set_data([xin, xin2, xin2], [yout, yout, yout2])
        art.title.set_text(f"gain d{b}/d{a} = {fmt(gain, 5)}")
    return gains, nudge.overall
