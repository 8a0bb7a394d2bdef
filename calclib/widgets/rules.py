"""The product-rule rectangle: grow x by dx and watch the corner vanish."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validate import real_number, require_callable
from ..differences import central_difference
from ..plotting.figure import new_figure
from ..plotting.rules import (plot_corner_share, plot_product_rectangle, update_corner_share,
                              update_product_rectangle)
from ..rules import product_increment
from . import _checks
from ._readout import number
from .base import Explorer, on_grid

DX_EXPONENTS = (-4.0, -0.5)  # dx from 1e-4 to about 0.3
DX_MAX = 10 ** DX_EXPONENTS[1]
SHARE_DXS = np.logspace(*DX_EXPONENTS, 60)  # where the share curve is drawn


class ProductRuleExplorer(Explorer):
    """Sides f(x) and g(x); sliders for x and dx. Left: the grown rectangle. Right: the corner's
    share of the growth against dx (log-log), traced from the largest dx down to the current one,
    which is marked (its title says so); the read-out gives the numbers."""

    main_control = "dx"

    def __init__(self, f, g, *, x0=1.0, dx=0.1, x_range=(0.5, 1.5)):
        require_callable(f, "f")
        require_callable(g, "g")
        lo, hi = _checks.interval(x_range, "x_range")
        x0 = _checks.in_range(x0, "x0", lo, hi)
        dx = _checks.in_range(dx, "dx", 10 ** DX_EXPONENTS[0], DX_MAX)
        for name, fn in (("f", f), ("g", g)):
            _checks.finite_near(fn, (lo + hi) / 2, lo, hi + DX_MAX, name)
        lo, hi = (real_number(t, "x_range") for t in x_range)
        self.f, self.g = f, g
        self._shares_at = (None, None)  # (x, the corner's share at every dx of the curve) last computed
        grid = np.linspace(lo, hi + DX_MAX, 200)  # the largest rectangle: x and dx at their maxima
        limits = (1.05 * float(np.max(np.abs(f(grid)))), 1.05 * float(np.max(np.abs(g(grid)))))
        fig, (ax_rect, ax_share) = new_figure(1, 2, width=9.6, height=4.6, dpi=80)
        x0, dx = on_grid(real_number(x0, "x0"), lo, 0.05), on_grid(dx, DX_EXPONENTS[0], 0.05, log=True)
        inc = product_increment(f, g, x0, dx)
        self.artists = plot_product_rectangle(ax_rect, inc, limits=limits)
        self.share_artists = plot_corner_share(ax_share, SHARE_DXS, self._shares(x0), dx, inc.corner_share)
        # the axis spans the slider; the curve is traced as dx comes down (update): the title says why
        # the left of the panel starts empty
        ax_share.set_title("the corner's share, traced as you slide dx down", fontsize=ax_share.title.get_fontsize())
        controls = {
            "x": widgets.FloatSlider(value=x0, min=lo, max=hi, step=0.05, description="x"),
            "dx": widgets.FloatLogSlider(value=dx, base=10, min=DX_EXPONENTS[0], max=DX_EXPONENTS[1], step=0.05,
                                         description="dx", readout_format=".3"),  # 0.0891, not 8.91e-2
        }
        super().__init__(fig, controls, animated=list(self.artists) + list(self.share_artists))

    def _shares(self, x):
        """The corner's share at every dx of the curve; it depends on x only (kept while dx moves)."""
        if self._shares_at[0] != x:
            self._shares_at = (x, np.array([product_increment(self.f, self.g, x, d).corner_share for d in SHARE_DXS]))
        return self._shares_at[1]

    def update(self) -> str:
        x, dx = self.controls["x"].value, self.controls["dx"].value
        inc = product_increment(self.f, self.g, x, dx)
        update_product_rectangle(self.artists, inc)
        # the curve is drawn from the largest dx down to the current one: sliding dx down traces it,
        # so the picture does not answer "where does the corner drop below 1 %?" before you look
        shown = SHARE_DXS >= dx * (1 - 1e-9)
        update_corner_share(self.share_artists, SHARE_DXS[shown], self._shares(x)[shown], dx, inc.corner_share)
        return (f"x = {number(x, 4)}, dx = {number(dx, 3)}: f·Δg = {number(inc.f_dg, 4)}, g·Δf = {number(inc.g_df, 4)}, "
                f"corner Δf·Δg = {number(inc.corner, 4)} ({number(100 * inc.corner_share, 3)} % of the growth); "
                f"the strips divided by dx, (f·Δg + g·Δf)/dx = {number((inc.f_dg + inc.g_df) / dx, 6)}, tend to "
                f"f′g + fg′ = {number(self.product_rule(x), 6)} as dx → 0: the product rule")

    def product_rule(self, x) -> float:
        """f′(x)g(x) + f(x)g′(x), the limit of (f·Δg + g·Δf)/dx, with f′ and g′ from central differences
        (step 1e-6: an error near 1e-12 for the functions of the notebook, far below the read-out's 6 digits)."""
        df, dg = (float(central_difference(fn, x, 1e-6)) for fn in (self.f, self.g))
        return df * float(self.g(x)) + float(self.f(x)) * dg
