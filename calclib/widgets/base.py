"""The common frame of every explorer: controls, a live PNG of one figure, and a read-out."""
from __future__ import annotations

import base64
import html

import ipywidgets as widgets

from ..plotting.figure import png_bytes


class Explorer:
    """Controls above a figure that is drawn once and updated in place.

    Subclasses build their figure and artists, then call ``super().__init__`` with the
    figure and a dict of controls, and implement :meth:`update`, which moves the artists
    to match the controls and returns the read-out text.

    Shown in a notebook, an explorer is a live widget; where no widget can render (a static
    page, nbval) the same output carries a PNG of the default view and the read-out text.
    """

    def __init__(self, figure, controls: dict):
        self.figure = figure
        self.controls = dict(controls)
        self.text = ""
        self._png = b""
        self._paused = False
        width, height = (figure.get_size_inches() * figure.dpi).astype(int)
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
        self.readout = widgets.HTML()
        self.widget = widgets.VBox([widgets.HBox(list(self.controls.values())), self.image, self.readout])
        self.refresh()
        figure.set_layout_engine("none")  # freeze the layout found on the first draw: faster redraws
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    def update(self) -> str:
        raise NotImplementedError

    def _on_change(self, change=None) -> None:
        if not self._paused:
            self.refresh()

    def refresh(self) -> None:
        """Move the artists, redraw the figure once, and show the new read-out."""
        self.text = self.update()
        self.readout.value = f"<pre style='margin:0'>{html.escape(self.text)}</pre>"
        self._png = png_bytes(self.figure)
        self.image.value = self._png

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = self.text
        bundle["image/png"] = base64.b64encode(self._png).decode("ascii")
        return bundle
