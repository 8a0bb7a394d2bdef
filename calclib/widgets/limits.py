"""Explorers for 01_limits: walk toward a point; choose epsilon and see delta."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validate import evaluate_or_nan, real_number, require_callable
from ..limits import delta_for_epsilon, value_at
from ..plotting.figure import new_figure
from ..plotting.limits import (minus, move_limit_point, plot_epsilon_delta, plot_limit, plot_limit_zoom,
                               update_epsilon_delta, update_limit_zoom)
from . import _checks
from ._readout import number
from .base import Explorer, on_grid


A_LIMIT = 1e6  # largest |a|: beside it x = a ± 1e-6 is still exact to about 1e-4 of the distance


class LimitExplorer(Explorer):
    """Approach ``a`` from the left or the right; the read-out shows f(x) and its distance to the limit.

    Beside the graph, a magnifier keeps the hole in view at every distance: its window
    shrinks with |x − a|, so the point never merges into the hole on screen.
    """

    main_control = "distance"

    def __init__(self, f, a, limit, *, x_range=None, distance=0.1, side=-1):
        require_callable(f)
        # the slider's smallest distance, 1e-6, must be told apart from a in floating point (at |a| = 1e15,
        # a + 0.1 was a itself, and the magnifier divided by a distance of 0)
        a = _checks.in_range(a, "a", -A_LIMIT, A_LIMIT)
        lo, hi = _checks.window(a, 1) if x_range is None else _checks.interval(x_range, "x_range", around=a)
        distance = _checks.in_range(distance, "distance", 1e-6, min(10**-0.3, a - lo, hi - a))
        _checks.finite_near(f, a, lo, hi)
        self.f, self.a, self.limit = f, real_number(a, "a"), _checks.drawable(limit, "limit")
        self.x_range = (self.a - 1, self.a + 1) if x_range is None else tuple(x_range)
        if side not in (-1, 1):
            raise ValueError(f"`side` must be -1 (from the left) or 1 (from the right), got {side!r}")
        fig, (ax, zoom) = new_figure(1, 2, width=9.6, height=3.8)
        fig.get_layout_engine().set(wspace=0.08)
        self.artists = plot_limit(ax, f, self.a, left=self.limit, x_range=self.x_range)
        self.zoom = plot_limit_zoom(zoom, f, self.a, self.limit, self.a + side * distance)
        controls = {
            "side": widgets.ToggleButtons(options=[("from the left", -1), ("from the right", 1)], value=side,
                                          description="approach"),
            "distance": widgets.FloatLogSlider(value=on_grid(distance, -6, 0.1, log=True), base=10, min=-6, max=-0.3, step=0.1,
                                               description="|x − a|", readout_format=".1e"),
        }
        a = self.artists
        # drawn in this order over the rest: the guides, then the curve and its holes over them, then the point
        super().__init__(fig, controls, animated=[a.guide_x, a.guide_y, a.curve, a.holes, a.point, a.point.axes.title,
                                                  self.zoom.curve, self.zoom.point, self.zoom.title], drag=[ax])

    names = {"side": "approach a from", "distance": "distance |x − a|"}

    def on_drag(self, xdata, ydata, axes) -> dict:
        """The point x follows the hand; its side of a and its distance to a set the controls."""
        gap = xdata - self.a
        return {"side": 1 if gap > 0 else -1, "distance": abs(gap)}

    @property
    def x(self) -> float:
        return self.a + self.controls["side"].value * self.controls["distance"].value

    def update(self) -> str:
        x = self.x
        fx = move_limit_point(self.artists, self.f, x)
        update_limit_zoom(self.zoom, self.f, self.a, self.limit, x)
        self.artists.point.axes.set_title(f"x = {number(x, 8)}   f(x) = {number(fx, 8)}")
        gap = abs(fx - self.limit)
        return (f"x = {number(x, 8)}, f(x) = {number(fx, 8)}, |{minus('f(x)', self.limit)}| = {number(gap, 3)}; "
                f"f({number(self.a)}) itself is {number(value_at(self.f, self.a))}")


class EpsilonDeltaExplorer(Explorer):
    """Pick a tolerance epsilon around the limit; see the widest delta around ``a`` that keeps f inside."""

    def __init__(self, f, a, limit, *, x_range=None, epsilon=0.5, name="f"):
        require_callable(f)
        a = real_number(a, "a")
        lo, hi = _checks.window(a, 1.5) if x_range is None else _checks.interval(x_range, "x_range", around=a)
        epsilon = _checks.in_range(epsilon, "epsilon", 0.01, 1.0)
        _checks.finite_near(f, a, lo, hi)
        self.f, self.a, self.limit, self.name = f, real_number(a, "a"), _checks.drawable(limit, "limit"), str(name)
        x_range = (self.a - 1.5, self.a + 1.5) if x_range is None else tuple(x_range)
        fig, ax = new_figure(width=6.4, height=3.8)
        self.artists = plot_epsilon_delta(ax, f, self.a, self.limit, epsilon, epsilon, x_range=x_range, name=name,
                                          exits=True)
        controls = {"epsilon": widgets.FloatSlider(value=on_grid(epsilon, 0.01, 0.01), min=0.01, max=1.0, step=0.01,
                                                   description="ε")}
        a = self.artists
        # the bands first, then the curve and its open circle over them (colours unmixed where the bands overlap)
        super().__init__(fig, controls, animated=[a.epsilon_band, a.delta_band, a.curve, a.hole, a.exits, a.title])

    def update(self) -> str:
        eps = self.controls["epsilon"].value
        delta = delta_for_epsilon(self.f, self.a, self.limit, eps).delta
        exits = self._exits(eps)
        update_epsilon_delta(self.artists, self.a, self.limit, eps, delta, exits=exits)
        # the marks' distances from a, in words: at ε = 0.3 the two marks are 1 px apart from the band's edges
        # in the picture (a student read), 0.104 and 0.0969 from 1
        far = " and ".join(f"{number(abs(x - self.a), 3)} {'left' if x < self.a else 'right'} of {number(self.a, 4)}"
                           for x, _ in exits)
        marks = f"; the orange marks: {self.name}(x) leaves the band {far}" if far else ""
        return (f"ε = {number(eps, 3)} → δ = {number(delta, 3)}: every x with 0 < |{minus('x', self.a)}| < δ "
                f"gives |{minus(f'{self.name}(x)', self.limit)}| < ε{marks}{self._leaves(eps, delta)}")

    def _exits(self, eps: float, samples: int = 4001) -> list:
        """Where the curve first leaves the ε band going out from a, on each side: the first sampled x at which
        |f(x) − limit| ≥ ε within the picture, moved back to where the curve crosses the band's edge (a student
        read could not see at ε = 0.3 which side sets δ: the marks stand at 0.896 and 1.097 for q, and the
        nearer one sits on the hatched band's edge)."""
        lo, hi = self.artists.curve.axes.get_xlim()
        points = []
        for end in (lo, hi):
            x = self.a + (end - self.a) * np.linspace(0.0, 1.0, samples)[1:]
            y = evaluate_or_nan(self.f, x)  # nan (outside f's domain) counts as out of the band
            out = np.flatnonzero(~(np.abs(y - self.limit) < eps))
            if not len(out):
                continue
            k = out[0]
            level = self.limit + eps * np.sign(y[k] - self.limit)
            if k > 0 and np.isfinite(y[k]) and y[k] != y[k - 1]:
                # between the last sample inside and the first outside, where the curve crosses the band's edge
                # (the samples alone put the right mark at 0.0971 from 1, beside δ = 0.0969 in the same read-out)
                t = (level - y[k - 1]) / (y[k] - y[k - 1])
                points.append((float(x[k - 1] + t * (x[k] - x[k - 1])), float(level)))
            else:
                points.append((float(x[k]), float(y[k])))
        return points

    def _leaves(self, eps: float, delta: float) -> str:
        """Which side of ``a`` sets δ: where, just past δ, the curve is out of the ε band. The hatched band is
        symmetric, so the picture alone does not say (a student read asked which side limits δ and could not
        see it at ε = 0.3)."""
        past = delta * 1.001
        with np.errstate(all="ignore"):
            out = [bool(np.abs(self.f(self.a + sign * past) - self.limit) >= eps) for sign in (-1, 1)]
        side = {(True, True): "on both sides", (False, True): "first on the right", (True, False): "first on the left"}
        where = side.get(tuple(out))
        return f"; just past δ, {self.name}(x) leaves the band {where} of {number(self.a, 4)}" if where else ""
