"""The common frame of every explorer: controls, a live PNG of one figure, and a read-out."""
from __future__ import annotations

import base64
import html

import ipywidgets as widgets
import numpy as np

from ..plotting.figure import Caption, encode_jpeg, encode_png


def on_grid(value: float, start: float, step: float, *, log: bool = False) -> float:
    """Round ``value`` to the slider grid start + k·step (in log10 for a log slider).

    A browser slider snaps its value to that grid and sends the snapped value back, so a
    default off the grid would change the read-out the moment the widget appears.

    >>> on_grid(0.3, -4.0, 0.05, log=True) == 10 ** -0.5
    True
    >>> on_grid(1.234, 0.0, 0.05)
    1.25
    """
    position = np.log10(value) if log else value
    snapped = round(start + round((position - start) / step) * step, 10)
    return float(10**snapped) if log else float(snapped)


class Explorer:
    """Controls above a figure that is drawn once and updated in place.

    Subclasses build their figure and artists, then call ``super().__init__`` with the
    figure and a dict of controls, and implement :meth:`update`, which moves the artists
    to match the controls and returns the read-out text. ``animated`` lists the artists
    that move (they are blitted over a saved background); ``passive`` widgets are shown
    beside the controls but not observed.

    Shown in a notebook, an explorer is a live widget; where no widget can render (a static
    page, nbval) the same output carries a PNG of the default view and the read-out text.

    ``main_control`` names the control a student reaches for first; it carries the CSS
    class ``calclib-main-control`` so that browser tests and benchmarks can find it.
    """

    main_control: str = ""

    def __init__(self, figure, controls: dict, *, animated=(), passive=()):
        self.figure = figure
        self.controls = dict(controls)
        self.text = ""
        self._paused = False
        # Blitting: the artists that move are drawn over a saved picture of everything else.
        self.animated = list(animated)
        for artist in self.animated:
            artist.set_animated(True)
        self._background = None
        width, height = (figure.get_size_inches() * figure.dpi).astype(int)
        self.image = widgets.Image(format="jpeg", layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
        self.image.add_class("calclib-figure")
        self.controls[self.main_control or next(iter(self.controls))].add_class("calclib-main-control")
        for control in self.controls.values():  # show whole labels ("learning rate", not "learnin...")
            if hasattr(getattr(control, "style", None), "description_width"):
                control.style.description_width = "initial"
        self.readout = widgets.HTML()
        self.readout.add_class("calclib-readout")
        # passive controls are shown but not observed (a Play linked in the browser to a slider)
        row = widgets.HBox(list(self.controls.values()) + list(passive),
                           layout=widgets.Layout(flex_flow="row wrap"))  # many controls wrap, never squash
        self.widget = widgets.VBox([row, self.image, self.readout])
        self.refresh()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    def update(self) -> str:
        raise NotImplementedError

    def _on_change(self, change=None) -> None:
        if not self._paused:
            self.refresh()
        if getattr(self, "_caption", None) is not None:  # live now: the widget's own read-out takes over
            self._caption.update(Caption(""))
            self._caption = None

    def refresh(self) -> None:
        """Move the artists, redraw what moved, and show the new picture and read-out."""
        self.text = self.update()
        self.readout.value = (f"<div style='font-family: monospace; white-space: normal; line-height: 1.4'>"
                              f"{html.escape(self.text)}</div>")
        self.render()
        self.image.value = encode_jpeg(self.figure)  # live frames: fast to encode and to decode

    def invalidate(self) -> None:
        """Call after changing something static (limits, a curve): the next render lays out and draws all."""
        self._background = None
        self.figure.set_layout_engine("constrained")

    def render(self) -> None:
        """Bring the canvas up to date. With animated artists, only they are drawn after the first time."""
        canvas = self.figure.canvas
        if not self.animated or self._background is None:
            canvas.draw()  # animated artists are left out of a full draw
            self.figure.set_layout_engine("none")  # keep this layout: later draws skip the layout pass
            if self.animated:
                self._background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self.animated:
            self.figure.draw_artist(artist)

    @property
    def _png(self) -> bytes:
        """PNG of the current picture, for saved outputs and static pages (lossless, no kernel needed)."""
        return encode_png(self.figure, compress_level=6)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = self.text
        bundle["image/png"] = base64.b64encode(self._png).decode("ascii")
        return bundle

    def _ipython_display_(self) -> None:
        """Two outputs: the live widget (a PNG of this view where no widget can be drawn), and the
        read-out of this view as a visible caption under it.

        Notebooks are saved without the widget part (tools/execute_notebooks.py), so a reopened
        notebook shows the picture and the caption, trusted or not, with or without a kernel;
        re-running the cell brings the live widget back. The caption is emptied on the first move
        of a control, after which the widget's own read-out is the one that is current.
        """
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)
        self._caption = display(Caption(self.text, label="Starting view"), display_id=True)
