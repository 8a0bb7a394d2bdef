"""The secant-to-tangent explorer: shrink h and watch the secant turn into the tangent."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..functions import catalog
from ..plotting.figure import new_figure
from ..plotting.secant import plot_secant, plot_secant_error, set_secant_function, update_secant, update_secant_error
from . import _checks
from ._readout import number
from .base import Explorer, on_grid

H_EXPONENTS = (-12.0, 0.0)  # |h| from 1e-12 to 1: below about 1e-8 rounding wins
PLAY_STEPS = 60
PLAY_INTERVAL_MS = 120
# Shown on hover over the Play widget, whose three buttons have icons only (play/pause, stop, two arrows).
PLAY_TOOLTIP = (f"Play shrinks |h| from 1 to 1e-12 in {PLAY_STEPS * PLAY_INTERVAL_MS / 1000:g} s; press it again "
                "to pause. Stop puts |h| back to 1. The arrows repeat the run from 1 each time it reaches 1e-12.")
X_STEP = 0.05
#: How the menu and the read-out name a function of the catalogue: by its formula where the name is a word
#: ("cubic" said nothing of which cubic; the legend showed x³ − 3x).
SHOWN = {"cubic": "x^3 − 3x"}


def shown(name: str) -> str:
    """How the menu and the read-out name a function of the catalogue (SHOWN, else its own name)."""
    return SHOWN.get(name, name)


class SecantExplorer(Explorer):
    """Pick a function and a point; shrink |h| (either sign) or press Play to shrink it for you.

    The right panel plots the secant's error against |h| on log-log axes, with the current
    h marked, so the step where the error stops shrinking can be found with the slider.
    """

    main_control = "size"

    def __init__(self, function="x^2", x0=3.0, h=1.0):
        h = _checks.v.real_number(h, "h")
        self.functions = catalog()
        self._moved = None  # (x before, x after) when a new function's range moved x, until x moves
        if not isinstance(function, str) or function not in self.functions:
            raise ValueError(f"`function` must be one of {', '.join(self.functions)}; got {function!r}")
        func = self.functions[function]
        x0 = func.require_in_domain(x0, "x0")
        lo, hi = self._x0_range(func)
        x0 = float(np.clip(on_grid(x0, lo, X_STEP), lo, hi))
        if not 10 ** H_EXPONENTS[0] <= abs(h) <= 10 ** H_EXPONENTS[1]:
            raise ValueError(f"`h` must have size between 1e-12 and 1, got {h:g}")
        fig, (ax, error_ax) = new_figure(1, 2, width=10.0, height=4.4)  # 0.4 more: the legend below the curve
        self.artists = plot_secant(ax, func, x0, h, name=shown(function))
        self.error = plot_secant_error(error_ax, func, x0, h)
        controls = {
            "function": widgets.Dropdown(options=[(shown(name), name) for name in self.functions],
                                         value=function, description="f(x)"),
            "x0": widgets.FloatSlider(value=x0, min=lo, max=hi, step=X_STEP, description="x"),
            "size": widgets.FloatLogSlider(value=on_grid(abs(h), H_EXPONENTS[0], 0.1, log=True), base=10, min=H_EXPONENTS[0], max=H_EXPONENTS[1], step=0.1,
                                           description="|h|", readout_format=".2e"),  # 2.51e-8, the 3 figures of the read-out's h
            "sign": widgets.ToggleButtons(options=[("h > 0", 1), ("h < 0", -1)], value=1 if h > 0 else -1),
            # no description: ipywidgets' view shows the tooltip as the buttons' title only when it has none
            "play": widgets.Play(value=0, min=0, max=PLAY_STEPS, interval=PLAY_INTERVAL_MS, tooltip=PLAY_TOOLTIP),
        }
        a = self.artists
        super().__init__(fig, controls, animated=[a.tangent, a.secant, a.rise_run, a.points, a.title,
                                                  self.error.curve, self.error.marker], drag=[ax])

    names = {"function": "function f(x)", "x0": "point x", "size": "size of the step |h|", "sign": "sign of h",
             "play": "shrink h"}

    def on_drag(self, xdata, ydata, axes) -> dict:
        """The second point x + h follows the hand along the x axis (x stays)."""
        h = xdata - self.controls["x0"].value
        return {"sign": 1 if h >= 0 else -1, "size": abs(h)}

    @staticmethod
    def _x0_range(func):
        """Points on the slider grid whose neighbours x ± 1 stay inside the view and the domain."""
        lo, hi = func.view
        lo, hi = max(lo + 1.0, func.domain[0] + 1.05), hi - 1.0
        return float(np.ceil(lo / X_STEP - 1e-9) * X_STEP), float(np.floor(hi / X_STEP + 1e-9) * X_STEP)

    @property
    def func(self):
        return self.functions[self.controls["function"].value]

    @property
    def h(self) -> float:
        return self.controls["sign"].value * self.controls["size"].value

    def _on_change(self, change=None) -> None:
        if self._paused:
            return
        owner = change["owner"] if change else None
        self._paused = True
        try:
            if owner is self.controls["x0"]:
                self._moved = None
            if owner is self.controls["function"]:
                self._switch_function()
            elif owner is self.controls["play"]:  # Play walks log10|h| from 0 down to -12
                step = self.controls["play"].value / PLAY_STEPS
                self.controls["size"].value = 10 ** (H_EXPONENTS[1] + step * (H_EXPONENTS[0] - H_EXPONENTS[1]))
        finally:
            self._paused = False
        self.refresh()

    def _switch_function(self) -> None:
        func = self.func
        set_secant_function(self.artists, func, name=shown(func.name))
        self.invalidate()
        slider = self.controls["x0"]
        lo, hi = self._x0_range(func)
        slider.min, slider.max = min(lo, slider.min), max(hi, slider.max)  # widen first so value stays valid
        before = slider.value
        slider.value = float(np.clip(slider.value, lo, hi))
        slider.min, slider.max = lo, hi
        # a student read: x moved from 3.00 to 1.50 when e^x was chosen, and nothing said so
        self._moved = (before, slider.value) if slider.value != before else None

    def update(self) -> str:
        func, x0, h = self.func, self.controls["x0"].value, self.h
        slope = update_secant(self.artists, func, x0, h)
        update_secant_error(self.error, func, x0, h)
        exact = float(func.derivative(x0))
        moved, name = self._moved, shown(func.name)
        note = (f" (x moved from {number(moved[0], 4)} to {number(moved[1], 4)}: the x slider of "
                f"{name} runs from {number(self.controls['x0'].min, 4)} to "
                f"{number(self.controls['x0'].max, 4)}, so that x ± 1 stays in view)") if moved and moved[1] == x0 else ""
        return (f"f(x) = {name}, x = {number(x0, 4)}, h = {number(h, 3)}: secant slope = {number(slope, 8)}, "
                f"f′(x) = {number(exact, 8)}, |secant − f′(x)| = {number(abs(slope - exact), 3)}{note}")
