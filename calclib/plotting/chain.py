"""The amplifier view of the chain rule: one panel per link, then the whole chain."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import sympy as sp

from ..tables import fmt_minus
from .style import COLORS, LINES, style_axes, text_points
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
    nudge_name = _stage_symbol(names[0])  # the nudge is Δx, as on the explorer's slider and in its read-out
    for ax, (xs, ys), (a, b, _) in zip(axes, _stage_paths(chain, x_range), labels):
        curve = ax.plot(xs, ys, **LINES["curve"])[0]
        tangent = ax.plot([], [], label="tangent: local gain", **LINES["tangent"])[0]
        # over the point: a small nudge is hardly longer than the dot is wide (under it, it did not show)
        nudge = ax.plot([], [], color=COLORS["secant"], linewidth=3, solid_capstyle="butt", zorder=6,
                        label=f"nudge: run and rise (tiny when {nudge_name} is small)")[0]
        point = ax.plot([], [], "o", color=COLORS["point"], markersize=6, zorder=5)[0]
        pad_x, pad_y = 0.05 * np.ptp(xs), 0.08 * (np.nanmax(ys) - np.nanmin(ys))
        ax.set_xlim(xs.min() - pad_x, xs.max() + pad_x)
        ax.set_ylim(np.nanmin(ys) - pad_y, np.nanmax(ys) + pad_y)
        style_axes(ax, xlabel=a, ylabel=b)
        artists.append(StageArtists(curve, tangent, point, nudge, ax.set_title("", fontsize=text_points(ax.figure, 10))))
    # above the panels, not in one: inside, some position of the point always put a line under it
    axes[0].figure.legend(handles=[artists[0].tangent, artists[0].nudge], loc="outside upper center", ncol=2,
                          fontsize=text_points(axes[0].figure, 9), frameon=False)
    update_chain_stages(artists, chain, x0, dx)
    return artists


def tangent_segment(ax, x, y, slope, *, reach=0.25, inset=0.05):
    """Ends of the tangent through (x, y): up to ``reach`` of the panel's width each way, cut where it
    would come closer than ``inset`` (a share of the span) to an edge of the panel: about as far
    out as the curves go, never to the edge of the picture.

    >>> from calclib.plotting import new_figure
    >>> fig, ax = new_figure()
    >>> _ = ax.set_xlim(0, 10), ax.set_ylim(0, 10)
    >>> [[round(float(v), 6) for v in ends] for ends in tangent_segment(ax, 5, 5, 4)]
    [[3.875, 6.125], [0.5, 9.5]]
    """
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    lo_x, hi_x = x0 + inset * (x1 - x0), x1 - inset * (x1 - x0)
    lo_y, hi_y = y0 + inset * (y1 - y0), y1 - inset * (y1 - y0)
    half = reach * (x1 - x0)
    back, ahead = min(half, x - lo_x), min(half, hi_x - x)  # how far the line may run left and right of x
    if slope > 0:
        back, ahead = min(back, (y - lo_y) / slope), min(ahead, (hi_y - y) / slope)
    elif slope < 0:
        back, ahead = min(back, (hi_y - y) / -slope), min(ahead, (y - lo_y) / -slope)
    back, ahead = max(back, 0.0), max(ahead, 0.0)
    return [x - back, x + ahead], [y - slope * back, y + slope * ahead]


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
        art.tangent.set_data(*tangent_segment(art.curve.axes, xin, yout, gain))
        art.point.set_data([xin], [yout])
        art.nudge.set_data([xin, xin2, xin2], [yout, yout, yout2])
        art.title.set_text(f"gain d{b}/d{a} = {fmt_minus(gain, 5)}")
    return gains, nudge.overall


class NudgeBarArtists(NamedTuple):
    bars: list
    labels: list


def _stage_symbol(name: str) -> str:
    return f"Δ{name}"


@takes_axes("ax")
def plot_nudge_bars(ax, chain, x0, dx, *, x_range):
    """The nudge at every stage as a bar, all drawn to one scale: Δx, Δu, ... Δy in units of dx.

    The length of each bar is (change at that stage) / dx, so Δx is always 1 long and each
    later bar is as many times longer as the gains so far multiply it. The horizontal
    limits hold every product of gains met over ``x_range``, so they never move.
    """
    names = chain.names
    grid = np.linspace(*x_range, 201)
    spans = [np.ones_like(grid)]
    for i in range(len(chain.links)):
        spans.append(spans[-1] * np.array([chain.local_gains(t)[i] for t in grid]))
    low = min(0.0, float(np.nanmin(np.concatenate(spans))))
    high = max(1.0, float(np.nanmax(np.concatenate(spans))))
    # room for the labels, all right of the bars that grow right and right of the zero line for those that
    # grow left (update_nudge_bars): on the right only
    ax.set_xlim(low - 0.02 * (high - low), high + 0.3 * (high - low))
    rows = np.arange(len(names))[::-1]
    bars = list(ax.barh(rows, np.ones(len(names)), height=0.6, color=COLORS["secant"]))
    labels = [ax.text(0, row, "", va="center", fontsize=text_points(ax.figure, 10)) for row in rows]
    ax.set_yticks(rows, [_stage_symbol(n) for n in names])
    ax.set_ylim(-0.6, len(names) - 0.4)
    ax.axvline(0, color=COLORS["point"], linewidth=0.8)
    style_axes(ax, xlabel=f"change ÷ {_stage_symbol(names[0])}   (every bar drawn to the same scale)")
    ax.grid(False)
    artists = NudgeBarArtists(bars, labels)
    update_nudge_bars(artists, chain, x0, dx)
    return artists


def update_nudge_bars(artists: NudgeBarArtists, chain, x0, dx) -> list:
    """Resize the bars to the measured changes; returns the changes (Δx, Δu, ..., Δy)."""
    nudge = chain.nudge(x0, dx)
    changes = [a - b for a, b in zip(nudge.after, nudge.before)]
    names = chain.names
    ax = artists.bars[0].axes
    gap = 0.01 * np.diff(ax.get_xlim())[0]
    for i, (bar, label, change) in enumerate(zip(artists.bars, artists.labels, changes)):
        length = change / dx
        bar.set_width(length)
        text = f"{_stage_symbol(names[i])} = {fmt_minus(change, 4)}"
        if i:
            text += f"  (×{fmt_minus(change / changes[i - 1], 4)})" if changes[i - 1] else ""
        label.set_text(text)
        # right of a bar that grows right; right of the zero line for one that grows left, where its row is
        # empty (at its left end the label ran over the axis' names, found by a student read at x = -2)
        label.set_x(max(length, 0.0) + gap)
        label.set_horizontalalignment("left")
    return changes
