"""Explorer for the payoff of 10_softmax: a slider over training steps of a softmax classifier."""
from __future__ import annotations

import ipywidgets as widgets

from ..classifier import History, _points, _labels
from ..plotting.classifier import plot_classifier, update_classifier
from ..plotting.figure import new_figure
from .base import Explorer


class ClassifierExplorer(Explorer):
    """Move through a finished training run: the decision regions and the loss marker follow the step.

    The run (``history``, from :func:`calclib.classifier.train`) is computed once beforehand;
    the slider only looks up the weights of one step and recolours the regions in place.
    """

    main_control = "step"

    def __init__(self, X, labels, history, step=0):
        if not isinstance(history, History):
            raise TypeError(f"`history` must be the History returned by calclib.classifier.train, "
                            f"got {type(history).__name__}")
        X = _points(X)
        labels = _labels(labels, X.shape[0])
        if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= history.steps:
            raise ValueError(f"`step` must be a whole number from 0 to {history.steps}, got {step!r}")
        self.history = history
        fig, (ax_map, ax_loss) = new_figure(1, 2, width=9.6, height=4.0, dpi=80)
        self.artists = plot_classifier(ax_map, ax_loss, X, labels, history, step)
        controls = {"step": widgets.IntSlider(value=step, min=0, max=history.steps, description="step")}
        a = self.artists
        super().__init__(fig, controls, animated=[a.regions, *a.dots, a.legend, a.marker, a.guide, a.title])
        # the data and legend are animated only so that they are drawn over the regions, which move

    def update(self) -> str:
        # the read-out says what the title says, in the same words and digits
        return update_classifier(self.artists, self.history, self.controls["step"].value)["text"]
