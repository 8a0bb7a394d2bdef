"""Explorers for 05_gradients: the landscape, the direction dial, gradient descent."""
from __future__ import annotations

from decimal import Decimal

import ipywidgets as widgets
import numpy as np

from ..descent import gradient_descent
from ..gradients import unit_vector
from ..landscapes import catalog
from ..plotting.figure import new_figure
from ..plotting.landscape import (
    landscape_axes, plot_descent, plot_direction_dial, plot_landscape, update_descent,
    update_direction_dial, update_landscape,
)
from ..tables import fmt
from . import _checks
from ._readout import factor, minus_signs, number
from .base import Explorer, on_grid

POINT_STEP = 0.1


def _landscape(name):
    lands = catalog()
    if not isinstance(name, str) or name not in lands:
        raise ValueError(f"`landscape` must be one of {', '.join(lands)}; got {name!r}")
    return lands[name]


class LandscapeExplorer(Explorer):
    """Move a point on a landscape: the gradient arrow on the contours and the two slices follow it."""

    main_control = "x"

    def __init__(self, landscape="bowl", point=(3.0, 4.0)):
        point = _checks.point(point, "point", 2)
        self.land = land = _landscape(landscape)
        p = [on_grid(float(c), lo, POINT_STEP) for c, lo in zip(point, (land.xlim[0], land.ylim[0]))]
        if not (land.xlim[0] <= p[0] <= land.xlim[1] and land.ylim[0] <= p[1] <= land.ylim[1]):
            raise ValueError(f"`point` must lie in the window x in {land.xlim}, y in {land.ylim}; got {tuple(float(c) for c in point)}")
        fig = new_figure(width=8.4, height=6.4, dpi=80)[0]
        fig.clear()
        self.artists = plot_landscape(landscape_axes(fig), land, p)
        controls = {
            "x": widgets.FloatSlider(value=p[0], min=land.xlim[0], max=land.xlim[1], step=POINT_STEP, description="x"),
            "y": widgets.FloatSlider(value=p[1], min=land.ylim[0], max=land.ylim[1], step=POINT_STEP, description="y"),
        }
        a = self.artists
        super().__init__(fig, controls, animated=list(a) + [a.slice_x.axes.title, a.slice_y.axes.title],
                         drag=[a.point.axes, a.slice_x.axes, a.slice_y.axes])

    names = {"x": "point x coordinate", "y": "point y coordinate"}

    def on_drag(self, xdata, ydata, axes) -> dict:
        """On the contours the point follows the hand; on a slice, only that slice's coordinate."""
        a = self.artists
        return {"x": xdata, "y": ydata} if axes is a.point.axes else {"x" if axes is a.slice_x.axes else "y": xdata}

    def update(self) -> str:
        p = (self.controls["x"].value, self.controls["y"].value)
        g = update_landscape(self.artists, self.land, p)
        # four significant figures: the point is read to three (f = 16.14 at (0.37, 4), not 16.1369)
        return (f"at ({number(p[0], 3)}, {number(p[1], 3)}): f = {number(self.land(p), 4)}, "
                f"∂f/∂x = {number(g[0], 4)}, ∂f/∂y = {number(g[1], 4)}, |∇f| = {number(np.linalg.norm(g), 4)}")


class DirectionDialExplorer(Explorer):
    """Turn the unit vector u around the point; the slope ∇f · u peaks when u points along ∇f."""

    main_control = "angle"

    def __init__(self, landscape="bowl", point=(3.0, 4.0), angle_degrees=90):
        point = _checks.point(point, "point", 2)
        angle_degrees = _checks.in_range(angle_degrees, "angle_degrees", 0, 360)
        _land = _landscape(landscape)
        for c, (lo, hi) in zip(point, (_land.xlim, _land.ylim)):
            _checks.in_range(c, "point", lo, hi)
        self.land = _landscape(landscape)
        self.point = tuple(float(c) for c in point)
        self.gradient = self.land.gradient(self.point)
        if not np.any(self.gradient):
            raise ValueError(f"`point` {self.point} is flat (zero gradient): every direction has slope 0")
        fig, (ax_plane, ax_curve) = new_figure(1, 2, width=9.0, height=3.8, dpi=80)
        angle = np.radians(on_grid(angle_degrees, 0, 1))
        self.artists = plot_direction_dial(ax_plane, ax_curve, self.gradient, self.point, angle)
        controls = {"angle": widgets.FloatSlider(value=on_grid(angle_degrees, 0, 1), min=0, max=360, step=1,
                                                 description="angle (°)")}
        super().__init__(fig, controls, animated=list(self.artists))

    def update(self) -> str:
        angle = np.radians(self.controls["angle"].value)
        slope = update_direction_dial(self.artists, self.gradient, angle)
        u = unit_vector(angle)
        best = float(np.linalg.norm(self.gradient))
        g = self.gradient  # a negative factor in brackets: 6·(−0.06976), not 6·-0.06976
        # "=" where the factors as printed give the slope as printed (both to four significant figures, as
        # u is), else "≈" (u's entries are rounded: 6·(−0.7986) + 8·0.6018 is 0.0228 by hand, the slope 0.02271)
        by_hand = sum(Decimal(fmt(a, 4)) * Decimal(fmt(b, 4)) for a, b in ((g[0], u[0]), (g[1], u[1])))
        equals = "=" if fmt(float(by_hand), 4) == fmt(slope, 4) else "≈"
        return (f"u = ({number(u[0], 4)}, {number(u[1], 4)}): ∇f · u = {factor(g[0], 4)}·{factor(u[0], 4)} "
                f"+ {factor(g[1], 4)}·{factor(u[1], 4)} {equals} {number(slope, 4)}; the best any unit step can "
                f"do is |∇f| = {number(best, 4)}")


# landscape: (start, step limit, learning-rate exponents (min, max), default rate); the notebook's text states the
# step limits: 100 steps, 2000 on Rosenbrock's valley
DESCENT = {
    "bowl": ((4.0, 3.0), 100, (-3.0, 0.2), 0.1),
    "elongated bowl": ((4.0, 2.0), 100, (-3.0, -0.8), 10**-1.1),
    "rosenbrock": ((-1.5, 2.0), 2000, (-4.0, -2.3), 0.001),
}


class GradientDescentExplorer(Explorer):
    """Pick a landscape and a learning rate: watch descent converge, zig-zag or diverge."""

    main_control = "rate"

    def __init__(self, landscape="elongated bowl", learning_rate=None):
        _landscape(landscape)
        if learning_rate is not None:
            _lo, _hi = DESCENT[landscape][2]
            learning_rate = _checks.in_range(learning_rate, "learning_rate", 10**_lo, 10**_hi)
        land = _landscape(landscape)
        start, steps, (lo, hi), default = DESCENT[landscape]
        rate = on_grid(default if learning_rate is None else learning_rate, lo, 0.05, log=True)
        fig, (ax_plane, ax_values) = new_figure(1, 2, width=9.0, height=4.0, dpi=80)
        self.axes = (ax_plane, ax_values)
        self.artists = plot_descent(ax_plane, ax_values, land, self._walk(land, rate), max_steps=steps)
        controls = {
            "landscape": widgets.Dropdown(options=list(DESCENT), value=landscape, description="landscape"),
            "rate": widgets.FloatLogSlider(value=rate, base=10, min=lo, max=hi, step=0.05,
                                           description="learning rate", readout_format=".3"),  # 0.0891, as the text
        }
        super().__init__(fig, controls, animated=self._moving())

    def _moving(self) -> list:
        """The artists redrawn at every frame, in order: the path, its marks, and last the minimum's star (a
        student read found it under the path and its end mark, which the still figure draws under it)."""
        return [artist for artist in self.artists if artist is not None]

    @staticmethod
    def _walk(land, rate):
        start, steps, _, _ = DESCENT[land.name]
        return gradient_descent(land, land.gradient, start, learning_rate=rate, steps=steps)

    def _on_change(self, change=None) -> None:
        if not self._paused and change and change["owner"] is self.controls["landscape"]:
            self._switch(change["new"])
        super()._on_change(change)

    def _switch(self, name) -> None:
        """New contours and axes for another landscape; the rate slider takes that landscape's range."""
        land = _landscape(name)
        start, steps, (lo, hi), default = DESCENT[name]
        ax_plane, ax_values = self.axes
        for ax in self.axes:  # the old landscape's colour bar, and its room in the layout
            for bar in {getattr(artist, "colorbar", None) for artist in ax.get_children()} - {None}:
                bar.remove()
        for extra in [ax for ax in self.figure.axes if ax not in self.axes]:
            extra.remove()  # anything else drawn beside them
        for ax in self.axes:
            ax.clear()
        self.artists = plot_descent(ax_plane, ax_values, land, self._walk(land, default), max_steps=steps)
        self.animated = self._moving()
        for artist in self.animated:
            artist.set_animated(True)
        rate = self.controls["rate"]
        self._paused = True
        try:
            rate.min, rate.max = min(lo, rate.min), max(hi, rate.max)
            rate.value = default
            rate.min, rate.max = lo, hi
        finally:
            self._paused = False
        self.invalidate()

    def update(self) -> str:
        land = _landscape(self.controls["landscape"].value)
        path = self._walk(land, self.controls["rate"].value)
        update_descent(self.artists, path)
        return f"{land.name}, learning rate {number(path.learning_rate, 3)}: {minus_signs(path.message)}"
