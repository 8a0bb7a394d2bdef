"""Explorers for 09_activations and 10_softmax."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..activations import catalog, gradient_through_depth
from ..plotting.activations import (
    plot_activation, plot_gradient_depth, set_activation, update_activation, update_gradient_depth,
)
from ..plotting.figure import new_figure
from ..plotting.softmax import plot_softmax, update_softmax
from ..softmax import softmax, softmax_jacobian
from ..tables import fmt
from .base import Explorer, on_grid


class ActivationExplorer(Explorer):
    """Pick an activation and move x: the tangent line's slope is the derivative at x."""

    main_control = "x"

    def __init__(self, name="sigmoid", x=1.0):
        self.acts = catalog()
        if name not in self.acts:
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
        return f"{act.name}: f({fmt(x, 4)}) = {fmt(fx, 6)}, f′({fmt(x, 4)}) = {fmt(dfx, 6)}"


class DepthExplorer(Explorer):
    """How the gradient survives L layers of sigmoid, tanh or ReLU: the chain rule's product, on a log scale."""

    main_control = "depth"
    MAX_DEPTH = 50

    def __init__(self, depth=10, *, x0=0.5):
        self.curves = {n: gradient_through_depth(n, self.MAX_DEPTH, x0=x0) for n in ("sigmoid", "tanh", "relu")}
        fig, ax = new_figure(width=6.4, height=3.8, dpi=90)
        self.artists = plot_gradient_depth(ax, self.curves, depth)
        controls = {"depth": widgets.IntSlider(value=depth, min=1, max=self.MAX_DEPTH, description="layers L")}
        super().__init__(fig, controls, animated=list(self.artists))

    def update(self) -> str:
        depth = self.controls["depth"].value
        at = update_gradient_depth(self.artists, self.curves, depth)
        return f"after {depth} layers: " + ", ".join(f"{n} {fmt(a, 4)}" for n, a in at.items())


class SoftmaxExplorer(Explorer):
    """Logit sliders and a temperature: the distribution and its Jacobian heat map change together."""

    main_control = "temperature"

    def __init__(self, logits=(2.0, 1.0, 0.1, -1.0), temperature=1.0):
        z = [on_grid(float(c), -5, 0.1) for c in logits]
        if len(z) != 4 or not all(-5 <= c <= 5 for c in z):
            raise ValueError("`logits` must be four numbers between -5 and 5")
        t = on_grid(temperature, -2, 0.05, log=True)
        fig, (ax_p, ax_j) = new_figure(1, 2, width=9.0, height=3.8, dpi=80)
        self.artists = plot_softmax(ax_p, ax_j, softmax(z, temperature=t), softmax_jacobian(z, temperature=t))
        controls = {f"z{i + 1}": widgets.FloatSlider(value=c, min=-5, max=5, step=0.1, description=f"z{i + 1}")
                    for i, c in enumerate(z)}
        controls["temperature"] = widgets.FloatLogSlider(value=t, base=10, min=-2, max=1, step=0.05,
                                                         description="T", readout_format=".2f")
        a = self.artists
        super().__init__(fig, controls, animated=[*a.bars, a.heat, *a.cells, a.title_p, a.title_j])

    @property
    def logits(self) -> np.ndarray:
        return np.array([self.controls[f"z{i + 1}"].value for i in range(4)])

    def update(self) -> str:
        z, t = self.logits, self.controls["temperature"].value
        p, J = softmax(z, temperature=t), softmax_jacobian(z, temperature=t)
        update_softmax(self.artists, p, J)
        return (f"T = {fmt(t, 3)}: p = (" + ", ".join(fmt(c, 4) for c in p) + f"), sum {fmt(p.sum(), 6)}; "
                f"largest Jacobian entry {fmt(np.abs(J).max(), 4)}")
