"""The linearization explorer for 06_jacobian: shrink the nudges, watch f become J."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validate import require_callable
from ..jacobian import numerical_jacobian
from ..plotting.figure import new_figure
from ..plotting.linearization import MARKED_ANGLE, RADIUS_DIGITS, plot_linearization, update_linearization
from . import _checks
from ._readout import number
from .base import Explorer, on_grid

RADIUS_EXPONENTS = (-4.0, 0.0)
# The size slider shows r as the figure's title and the read-out print it: d3-format's ".3" (no type) is
# three significant digits with trailing zeros trimmed, in fixed notation over the slider's whole range,
# as fmt(r, 3) writes them (0.398 and 0.000126, not 4.0e-1 and 1.3e-4).
RADIUS_FORMAT = f".{RADIUS_DIGITS}"


class LinearizationExplorer(Explorer):
    """A circle of input nudges of size r, its image under f and under the Jacobian J (both divided by r)."""

    main_control = "radius"

    def __init__(self, f, x0, *, radius=1.0):
        require_callable(f)
        radius = _checks.in_range(radius, "radius", 10 ** RADIUS_EXPONENTS[0], 10 ** RADIUS_EXPONENTS[1])
        self.f, self.x0 = f, _checks.point(x0, "x0", 2)
        with np.errstate(all="ignore"):
            y0 = np.asarray(f(self.x0))
        if y0.shape != (2,) or y0.dtype.kind not in "iuf" or not np.all(np.isfinite(y0)):
            raise ValueError("`f` must map R^2 to R^2 with finite values at `x0`: the picture is planar")
        if self.x0.shape != (2,) or np.asarray(f(self.x0)).shape != (2,):
            raise ValueError("`f` must map R^2 to R^2 and `x0` must have shape (2,): the picture is planar")
        self.J = numerical_jacobian(f, self.x0)
        radius = on_grid(radius, RADIUS_EXPONENTS[0], 0.1, log=True)
        fig, (ax_in, ax_out) = new_figure(1, 2, width=8.4, height=4.0, dpi=80)
        self.artists = plot_linearization(ax_in, ax_out, f, self.J, self.x0, radius, MARKED_ANGLE, draggable=True)
        controls = {"radius": widgets.FloatLogSlider(value=radius, base=10, min=RADIUS_EXPONENTS[0],
                                                     max=RADIUS_EXPONENTS[1], step=0.1, description="size r",
                                                     readout_format=RADIUS_FORMAT),
                    "angle": widgets.IntSlider(value=round(np.degrees(MARKED_ANGLE)), min=0, max=359, step=1, description="direction u (°)")}
        super().__init__(fig, controls, animated=list(self.artists), drag=[ax_in])

    names = {"radius": "size r of the nudges", "angle": "direction of the marked nudge u, in degrees"}

    def on_drag(self, xdata, ydata, axes) -> dict:
        """The end of the marked nudge follows the hand around the circle: its direction sets u."""
        return {"angle": np.degrees(np.arctan2(ydata, xdata)) % 360}

    def update(self) -> str:
        r, angle = self.controls["radius"].value, self.controls["angle"].value
        gap = update_linearization(self.artists, self.f, self.J, self.x0, r, np.radians(angle))
        (lx,), (ly,) = self.artists.mark_linear.get_data()
        (tx,), (ty,) = self.artists.marked_true.get_data()
        segment = float(np.hypot(tx - lx, ty - ly))  # the black segment: the marked u's gap, divided by r
        # Below the numbers' own error the segment is not a gap: J from central differences is good to about 1e−10
        # of J·u, and (f(x₀ + r u) − f(x₀))/r loses about ε·|f(x₀)|/r to rounding (f here is linear along x₂:
        # u = (0, 1) read "4.59e−11 long", 5.64e−11 at r = 1e−4, where the gap is 0)
        noise = 1e-9 * max(float(np.hypot(lx, ly)), 1.0) + 256 * np.finfo(float).eps * max(
            float(np.max(np.abs(self.f(self.x0)))), 1.0) / r
        shown = "0 long (up to rounding)" if segment < noise else f"{number(segment, 3)} long"
        return (f"nudges of size r = {number(r, RADIUS_DIGITS)}: the largest gap between f(x₀ + Δx) − f(x₀) and J·Δx "
                f"is {number(gap, 4)}, which is {number(gap / r**2, 4)}·r² (shrinks like the square of the nudge); "
                f"u at {angle}°: J·u = ({number(lx, 4)}, {number(ly, 4)}), true ({number(tx, 4)}, {number(ty, 4)}), "
                f"black segment {shown}")
