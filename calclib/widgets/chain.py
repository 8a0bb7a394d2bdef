"""The chain-rule amplifier: sliders for x and dx, one panel per link."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validate import real_number
from ..chain import Chain
from ..plotting.chain import plot_chain_stages, plot_nudge_bars, update_chain_stages, update_nudge_bars
from ..plotting.figure import new_figure
from . import _checks
from ._readout import number
from .base import Explorer, on_grid

#: A bar more than this share (2 %) off the product of the gains before it is flagged in the read-out: that
#: Δx is not a small nudge. Measured against the product, or against the Δx bar (1) where the product is
#: shorter (beside a zero gain, where the bar is almost nothing). For (3x + 1)² the Δy bar is 6u + 9Δx long
#: against the product 6u: within 2 % up to Δx ≈ 0.08 at x = 2, up to about 0.01 at x = 0 (15 % off at
#: Δx = 0.1 there), and up to Δx = 0.001 at every x from -2 to 3.
BAR_DRIFT = 0.02
#: Significant digits of every gain, product and measured ratio in the read-out: one precision for all (the gains
#: had 6 and the product 8), enough to show the measured ratio's gap at the smallest Δx (42.000009 at 1e-6).
DIGITS = 8


class ChainExplorer(Explorer):
    """Move x and the nudge Δx; each panel shows its link's local gain, the read-out their product.

    Under the panels, the nudge at every stage is a bar, all bars to one scale (in units of
    Δx), so the growth from Δx to Δy is visible whatever the size of dx. The bars stay put as
    Δx moves only while the nudge is small; when a bar is more than BAR_DRIFT off the gains,
    the read-out says so.
    """

    main_control = "x"

    def __init__(self, chain, *, x0=2.0, dx=1e-3, x_range=(-2.0, 3.0)):
        if not isinstance(chain, Chain):
            raise TypeError(f"`chain` must be a calclib Chain, got {type(chain).__name__}")
        _checks.interval(x_range, "x_range")
        dx = _checks.in_range(dx, "dx", 1e-6, 1.0)
        lo, hi = (real_number(t, "x_range") for t in x_range)
        x0 = real_number(x0, "x0")
        if not lo <= x0 <= hi:
            raise ValueError(f"`x0` must lie in x_range [{lo:g}, {hi:g}], got {x0:g}")
        self.chain = chain
        n = len(chain.links) + 1
        fig, _ = new_figure(1, 1, width=3.2 * n, height=5.0)
        fig.clear()
        grid = fig.add_gridspec(2, n, height_ratios=[3.0, 0.4 + 0.45 * n])
        axes = [fig.add_subplot(grid[0, i]) for i in range(n)]
        self.artists = plot_chain_stages(axes, chain, x0, dx, x_range=(lo, hi))
        self.bars = plot_nudge_bars(fig.add_subplot(grid[1, :]), chain, x0, dx, x_range=(lo, hi))
        controls = {
            "x": widgets.FloatSlider(value=on_grid(x0, lo, 0.05), min=lo, max=hi, step=0.05, description="x"),
            "dx": widgets.FloatLogSlider(value=on_grid(dx, -6, 0.1, log=True), base=10, min=-6, max=0, step=0.1, description="Δx",
                                         readout_format=".1e"),
        }
        moving = [getattr(stage, name) for stage in self.artists for name in ("tangent", "point", "nudge", "title")]  # the nudge over the point
        moving += list(self.bars.bars) + list(self.bars.labels)
        super().__init__(fig, controls, animated=moving)

    def update(self) -> str:
        x0, dx = self.controls["x"].value, self.controls["dx"].value
        gains, measured = update_chain_stages(self.artists, self.chain, x0, dx)
        changes = update_nudge_bars(self.bars, self.chain, x0, dx)
        names = self.chain.names
        parts = " × ".join(f"d{names[i + 1]}/d{names[i]} = {number(g, DIGITS)}" for i, g in enumerate(gains))
        product = 1.0
        for g in gains:
            product *= g
        text = (f"x = {number(x0, 4)}: {parts} → product {number(product, DIGITS)}; "
                f"measured Δ{names[-1]}/Δ{names[0]} with Δx = {number(dx, 3)}: {number(measured, DIGITS)}")
        if self.bar_drift(gains, changes, dx) > BAR_DRIFT:
            text += (f". This Δx is not a small nudge here: the slopes change across it, so the bars are more than "
                     f"{BAR_DRIFT:.0%} off the gains (measured {number(measured, DIGITS)} against the product "
                     f"{number(product, DIGITS)})")
        return text

    @staticmethod
    def bar_drift(gains, changes, dx) -> float:
        """How far the bars are from where the gains put them (1, g₁, g₁g₂, ...), as a share of that
        length, or of the Δx bar's (1) where it is shorter: below BAR_DRIFT the bars are the gains.

        >>> round(ChainExplorer.bar_drift([3.0, 2.0], [0.1, 0.3, 0.69], 0.1), 6)  # (3x + 1)² at x = 0, Δx = 0.1
        0.15
        """
        expected = np.cumprod([1.0, *gains])
        lengths = np.array(changes, dtype=float) / dx
        return float(np.max(np.abs(lengths - expected) / np.maximum(np.abs(expected), 1.0)))

