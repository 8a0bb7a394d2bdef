"""Step through a backward pass, one node at a time."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..autograd import Value
from ..plotting.figure import new_figure
from ..plotting.graph import plot_graph, shown_terms, update_graph, work_out_arrows
from ._readout import factor, number
from .base import DRAWING, Explorer

# what the walk's ▶ does, shown when the pointer rests on its buttons
WALK_TOOLTIP = ("Play walks the backward pass on by itself, about one node a second, from wherever the slider is; "
                "press it again to pause. Stop goes back to step 0. The looped arrows, once pressed, start the walk "
                "again from step 0 each time it reaches the last step.")


def _sent(grad, edge) -> str:
    """What a node sends along one edge, "g × local l = c to p", written so that g × l gives c as shown."""
    (g, local), c = shown_terms([grad, edge.local], edge.contribution, 6)
    return f"{factor(g)} × local {factor(local)} = {number(c)} to {edge.parent}"


def _sum(contributions, total) -> tuple:
    """A sum of contributions written "8 + (−4)", with digits enough that the terms give the total as shown."""
    terms, shown = shown_terms(contributions, total, 6, op="+")
    return " + ".join(number(t) if k == 0 else factor(t) for k, t in enumerate(terms)), shown, terms


def describe_step(trace, step: int) -> str:
    """A sentence for the read-out: what arrives at the node and what it sends on."""
    if step == 0:
        first = trace.steps[0]
        return f"Forward pass done ({first.node} = {number(first.value, 6)}). Step 1 starts at the output: d{first.node}/d{first.node} = 1."
    s = trace.steps[step - 1]
    every = trace.arrivals()
    arrived = every.get(s.node, [])
    if len(arrived) > 1:  # the sum and each product written with digits enough to agree (shown_terms)
        _, total, terms = _sum([c for _, c in arrived], s.grad)
        parts = " + ".join(f"{number(term) if k == 0 else factor(term)} (from {child})"  # 8 + (−4)
                           for k, (term, (child, _)) in enumerate(zip(terms, arrived)))
        head = f"Step {step}: paths meet at {s.node}: its gradient is the sum {parts} = {number(total)}."
    elif arrived:
        head = f"Step {step}: {s.node} receives {number(s.grad, 6)} from {arrived[0][0]}."
    else:
        head = f"Step {step}: {s.node} is the output; its gradient is 1."
    if not s.edges:
        return head + f" {s.node} is an input: ∂{trace.steps[0].node}/∂{s.node} = {number(s.grad, 6)}."
    sends = "; ".join(_sent(s.grad, e) for e in s.edges)
    done = {t.node for t in trace.steps[:step]}
    so_far = trace.arrivals(step)
    waiting = [f"{name} (so far {number(sum(c for _, c in parts), 6)})"
               for name, parts in so_far.items() if name not in done and len(parts) < len(every.get(name, []))]
    # a node whose last path arrives now shows its whole gradient from this step on (its own step comes later):
    # the read-out says so here, where the picture shows it
    complete = []
    for name, parts in so_far.items():
        if name not in done and len(parts) == len(every.get(name, [])) > 1 and name in {e.parent for e in s.edges}:
            written, total, _ = _sum([c for _, c in parts], sum(c for _, c in parts))
            complete.append(f"{name} ({written} = {number(total)})")
    tail = f" That completes {' and '.join(complete)}: every path has arrived." if complete else ""
    tail += f" Still waiting for another path: {', '.join(waiting)}." if waiting else ""
    return head + f" It sends {sends}.{tail}"


class BackpropExplorer(Explorer):
    """The computation graph of ``output``; the step control walks the backward pass node by node."""

    main_control = "step"
    eager_sprites = True  # a label's picture is kept from its first draw: the walk's steps come back
    names = {"step": "backward step", "passive0": "walk"}

    def __init__(self, output, *, step=0, width=10.2, height=4.4):
        if not isinstance(output, Value):
            raise TypeError(f"`output` must be a calclib.autograd.Value, got {type(output).__name__}")
        self.trace = output.backward()
        n = len(self.trace.steps)
        if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or not 0 <= step <= n:
            raise ValueError(f"`step` must be a whole number from 0 to {n}, got {step!r}")
        fig, ax = new_figure(width=width, height=height, dpi=80)
        self.artists = plot_graph(ax, output, self.trace, step=step)
        controls = {"step": widgets.IntSlider(value=step, min=0, max=n, description="backward step")}
        # no description: ipywidgets shows the tooltip as the buttons' title only when there is none
        self.play = widgets.Play(value=step, min=0, max=n, interval=900, tooltip=WALK_TOOLTIP)
        # The Play moves the slider in the browser (each of its steps at once, the slider alone makes the kernel
        # draw). The slider does not move the Play there: linked both ways, every key press sent the Play's value
        # to the kernel too, a message ahead of the slider's (a key press took 9 ms longer, 1.37 times the
        # round-trip floor against 1.03-1.11 without). The kernel brings the Play to the slider's step when play
        # is pressed (_on_play), so that the walk goes on from where the slider was put. The kernel never sends
        # the Play a step at any other time: a value coming back late would pull the slider to a step it has
        # left (four quick key presses once ended on step 2). A slider moved while the walk plays pauses it
        # (_on_step).
        self._walk_link = widgets.jsdlink((self.play, "value"), (controls["step"], "value"))
        # The forward arrows and the legend stay put; what the walk changes is redrawn over them
        # (in the order of their layers: gradient arrows, their labels, the nodes, the title).
        a = self.artists
        moving = [*a.backward.values(), *a.edge_labels.values(), *a.nodes.values(), a.title]
        super().__init__(fig, controls, passive=[self.play], animated=moving)
        self.play.observe(self._on_play, names="playing")
        controls["step"].observe(self._on_step, names="value")  # after the explorer's own: its frame goes first
        work_out_arrows(a, fig.canvas.get_renderer())  # laid out now, at the size frames are drawn at
        self._picture_labels()

    def _on_play(self, change) -> None:
        """Play pressed: the walk goes on from the slider's step (the Play's own may be a step the slider left)."""
        step = self.controls["step"].value
        if change["new"] and self.play.value != step:
            self.play.value = step

    def _on_step(self, change) -> None:
        """The slider moved while the walk plays. A step of the Play reaches the kernel as the slider's move to
        the Play's next step (the browser sends it before the Play's own value); any other move is the
        student's: the walk pauses where the slider was put (the Play would have taken the slider back at its
        next step). Pausing sends no step, so it cannot pull the slider from a newer one."""
        play = self.play
        if not play.playing:
            return
        following = change["new"] == play.value + play.step or (play.repeat and change["new"] == play.min
                                                                 and play.value + play.step > play.max)
        if change["new"] != play.value and not following:
            play.playing = False

    def _picture_labels(self) -> None:
        """Draw every label of every step once, now, into the explorer's label pictures (sprites), so that
        a step shown for the first time pastes its labels instead of drawing them: a few labels change at
        each step, about 1 ms each at 2x. The walk has one step a node, so this costs tens of ms, once."""
        with DRAWING:
            self.ensure_drawn()  # the layout is fixed at the first draw, and pictures are keyed on where labels fall
            renderer = self.figure.canvas.get_renderer()
            step = self.controls["step"].value
            try:
                for k in range(len(self.trace.steps) + 1):
                    update_graph(self.artists, self.trace, k)
                    for artist in self.animated:
                        self.sprites.prepare(artist, renderer)
            finally:
                update_graph(self.artists, self.trace, step)  # the canvas still shows this step

    def update(self) -> str:
        step = self.controls["step"].value
        update_graph(self.artists, self.trace, step)
        return describe_step(self.trace, step)
