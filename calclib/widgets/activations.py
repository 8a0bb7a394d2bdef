"""Explorers for 09_activations and 10_softmax."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..activations import catalog
from ..depth import gradient_with_weight, layer_factor
from ..plotting.activations import (
    gradient_text, plot_activation, plot_gradient_depth, set_activation, slope_note, update_activation,
    update_gradient_depth,
)
from ..plotting.figure import new_figure
from ..plotting.softmax import (TEMPERATURE_FORMAT, entry_decimals, plot_softmax, shown_sum_gap, temperature_text,
                                update_softmax)
from ..softmax import softmax, softmax_jacobian
from . import _checks
from ._readout import number
from .base import Explorer, on_grid


class ActivationExplorer(Explorer):
    """Pick an activation and move x: the tangent line's slope is the derivative at x."""

    main_control = "x"

    def __init__(self, name="sigmoid", x=1.0):
        x = _checks.in_range(x, "x", -6, 6)
        self.acts = catalog()
        if not isinstance(name, str) or name not in self.acts:
            raise ValueError(f"`name` must be one of {', '.join(self.acts)}; got {name!r}")
        x = on_grid(float(np.clip(x, -6, 6)), -6, 0.05)
        fig, ax = new_figure(width=6.4, height=3.8, dpi=90)
        self.artists = plot_activation(ax, self.acts[name], x)
        controls = {
            "name": widgets.Dropdown(options=list(self.acts), value=name, description="activation"),
            "x": widgets.FloatSlider(value=x, min=-6, max=6, step=0.05, description="x"),
        }
        a = self.artists
        super().__init__(fig, controls, animated=[a.tangent, a.point, a.slope_point, a.title], drag=[ax])

    names = {"name": "activation function", "x": "input x"}

    def on_drag(self, xdata, ydata, axes) -> dict:
        """The point slides along the curve: only its x follows the hand."""
        return {"x": xdata}

    def _on_change(self, change=None) -> None:
        if change and change["owner"] is self.controls["name"] and not self._paused:
            set_activation(self.artists, self.acts[change["new"]])
            self.invalidate()
        super()._on_change(change)

    def update(self) -> str:
        act = self.acts[self.controls["name"].value]
        x = self.controls["x"].value
        fx, dfx = update_activation(self.artists, act, x)
        at = number(x, 4)  # minus signs: −0.5, as every read-out writes a negative number
        return f"{act.name}: f({at}) = {number(fx, 6)}, f′({at}) = {number(dfx, 6)}{slope_note(act, x)}"


class DepthExplorer(Explorer):
    """The gradient through D layers that each multiply it by w·act'(z): vanishing, kept, or exploding.

    Every layer has the weight w, and its bias puts it at the input z, so each contributes the
    same factor and the curves are straight lines on a log scale.
    """

    main_control = "weight"
    MAX_DEPTH = 50
    NAMES = ("sigmoid", "tanh", "relu")

    def __init__(self, depth=10, *, weight=2.0, z=1.0):
        depth = _checks.v.whole_number(depth, "depth", low=1, high=self.MAX_DEPTH)
        weight = _checks.in_range(weight, "weight", 0.0, 8.0)
        z = _checks.in_range(z, "z", -4.0, 4.0)
        weight, z = on_grid(float(weight), 0, 0.05), on_grid(float(z), -4, 0.1)
        fig, ax = new_figure(width=6.4, height=3.8, dpi=90)
        self.artists = plot_gradient_depth(ax, self.curves(weight, z), depth, ylim=(1e-30, 1e30),
                                           legend_loc="upper left")
        controls = {
            "depth": widgets.IntSlider(value=depth, min=1, max=self.MAX_DEPTH, description="depth D"),
            "weight": widgets.FloatSlider(value=weight, min=0, max=8, step=0.05, description="weight w"),
            "z": widgets.FloatSlider(value=z, min=-4, max=4, step=0.1, description="input z"),
        }
        a = self.artists
        super().__init__(fig, controls, animated=[*a.lines.values(), a.marker_line, a.markers, a.title])

    def curves(self, weight, z) -> dict:
        return {n: gradient_with_weight(n, self.MAX_DEPTH, weight=weight, z=z) for n in self.NAMES}

    def update(self) -> str:
        depth, weight, z = (self.controls[k].value for k in ("depth", "weight", "z"))
        ax = self.artists.title.axes
        legend = ax.get_legend()
        at = update_gradient_depth(self.artists, self.curves(weight, z), depth)
        if ax.get_legend() is not legend:
            # The legend lists only the lines drawn, and it is part of the background that the moving artists are
            # drawn over: that background is drawn again at the next frame. The frames kept stay (each was drawn
            # with the legend of its own values), unlike after invalidate(), which would drop every frame drawn ahead.
            self.redraw_background()
        factor = {n: layer_factor(n, weight, z) for n in self.NAMES}
        factors = ", ".join(f"{n} {number(f, 4)}" for n, f in factor.items())
        text = (f"w = {number(weight, 3)}, z = {number(z, 3)}: each layer multiplies by w·act′(z): "
                f"{factors}; after D = {depth} layer{'s' if depth != 1 else ''}: " + ", ".join(f"{n} {gradient_text(g, 4)}" for n, g in at.items()))
        return text + self.zero_note(factor, weight, z) + self.off_scale_note(at, ax.get_ylim(), depth)

    @staticmethod
    def off_scale_note(at: dict, ylim, depth: int) -> str:
        """Which gradients the picture cannot show at D: beyond the log axis's ends, where their lines leave it
        (a tester found relu at 1.43e+45 with its line gone off the top, and nothing said so)."""
        low, high = sorted(ylim)
        off = [f"{n} {'above' if g > high else 'below'} it" for n, g in at.items() if g > 0 and not low <= g <= high]
        if not off:
            return ""
        return (f". Off the picture at D = {depth}, whose scale runs from {number(low, 1)} to {number(high, 1)}: "
                + ", ".join(off) + (" (its line leaves the picture)" if len(off) == 1 else
                                    " (their lines leave the picture)"))

    @staticmethod
    def zero_note(factor: dict, weight: float, z: float) -> str:
        """Why a line is missing: a factor of exactly 0 makes the gradient 0, which a log scale cannot show."""
        if weight == 0:
            return (". With w = 0 every factor is exactly 0: no gradient passes even one layer, and a log "
                    "scale has no 0, so no line is drawn")
        if factor.get("relu") == 0:
            why = ("at exactly z = 0 (the corner) ReLU's slope is taken as 0, so its factor is exactly 0"
                   if z == 0 else "for z < 0 ReLU's slope is 0, so its factor is exactly 0")
            return f". ReLU's line is gone: {why} and no gradient passes (a log scale has no 0)"
        return ""


class SoftmaxExplorer(Explorer):
    """Logit sliders and a temperature: the logits, the distribution and its Jacobian change together."""

    main_control = "temperature"

    def __init__(self, logits=(2.0, 1.0, 0.1, -1.0), temperature=1.0):
        arr = _checks.v.real_array(logits, "logits")
        if arr.shape != (4,) or not np.all(np.abs(arr) <= 5):
            raise ValueError("`logits` must be four numbers between -5 and 5")
        temperature = _checks.in_range(temperature, "temperature", 0.01, 10)
        z = [on_grid(float(c), -5, 0.1) for c in logits]
        if len(z) != 4 or not all(-5 <= c <= 5 for c in z):
            raise ValueError("`logits` must be four numbers between -5 and 5")
        t = on_grid(temperature, -2, 0.05, log=True)
        fig, (ax_z, ax_p, ax_j) = new_figure(1, 3, width=11.0, height=3.6, dpi=80)
        self.artists = plot_softmax(ax_z, ax_p, ax_j, z, softmax(z, temperature=t), softmax_jacobian(z, temperature=t), t)
        controls = {f"z{i + 1}": widgets.FloatSlider(value=c, min=-5, max=5, step=0.1, description=f"z{i + 1}")
                    for i, c in enumerate(z)}
        controls["temperature"] = widgets.FloatLogSlider(value=t, base=10, min=-2, max=1, step=0.05,
                                                         description="T", readout_format=TEMPERATURE_FORMAT)
        a = self.artists
        super().__init__(fig, controls, animated=[*a.logit_bars, *a.bars, a.heat, *a.cells, a.bar_marks,
                                                  *a.bar_labels, a.title_z, a.title_p, a.title_j])

    @property
    def logits(self) -> np.ndarray:
        return np.array([self.controls[f"z{i + 1}"].value for i in range(4)])

    def update(self) -> str:
        z, t = self.logits, self.controls["temperature"].value
        p, J = softmax(z, temperature=t), softmax_jacobian(z, temperature=t)
        update_softmax(self.artists, z, p, J, t)
        text = (f"T = {temperature_text(t)}: p = (" + ", ".join(number(c, 4) for c in p) + f"), sum {number(p.sum(), 6)}; "
                f"largest Jacobian entry {number(np.abs(J).max(), 4)}")
        gap = shown_sum_gap(J)
        if gap:  # a student adding up a row of the cells (0.019 − 3 × 0.006) got 0.001 under "rows ... sum to 0"
            text += (f" (the cells are rounded to {entry_decimals(J)} decimals: a row or column of them can add up to "
                     f"{number(gap, 3)}; the exact entries sum to 0)")
        return text
