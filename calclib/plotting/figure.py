"""Figures without pyplot: made once, drawn with Agg, shown as PNG with a caption."""
from __future__ import annotations

import base64
import io

import numpy as np
from matplotlib.figure import Figure
from PIL import Image, ImageChops, ImageStat

from . import jpeg
from .glyphs import attach_canvas

# Every picture is drawn at SCALE times the size it is shown at (CSS pixels), so that lines and
# text stay sharp on the high-resolution (2x) screens of most laptops.
SCALE = 2
# An animation plays this many times, then rests on its last frame (no endless motion on the page).
ANIMATION_LOOPS = 3


def new_figure(nrows: int = 1, ncols: int = 1, *, width: float = 6.4, height: float = 3.6, dpi: int = 100):
    """A new Agg figure and its axes (a single Axes, or an array when there are several).

    >>> fig, ax = new_figure()
    >>> fig.get_size_inches().tolist()
    [6.4, 3.6]
    """
    fig = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    attach_canvas(fig)
    return fig, fig.subplots(nrows, ncols)


def _canvas_rgb(fig) -> Image.Image:
    """What the Agg canvas of ``fig`` holds now, as an RGB image (no drawing).

    One pass: the RGBA buffer is read as RGB with its fourth byte skipped.
    """
    buffer = fig.canvas.buffer_rgba()
    height, width = np.asarray(buffer).shape[:2]  # the size it was drawn at, whatever the dpi is now
    return Image.frombytes("RGB", (width, height), buffer, "raw", "RGBX")


def png_metadata(width: float, height: float) -> dict:
    """Output metadata that shows a PNG at ``width`` x ``height`` CSS pixels (its drawing is SCALE times larger).

    >>> png_metadata(640, 360)
    {'image/png': {'width': 640, 'height': 360}}
    """
    return {"image/png": {"width": int(round(width)), "height": int(round(height))}}


def css_size(fig) -> tuple:
    """The size ``fig`` is shown at, in CSS pixels: its size in inches at its own dpi."""
    width, height = fig.get_size_inches() * fig.dpi
    return int(round(width)), int(round(height))


def draw_scaled(fig) -> None:
    """Draw ``fig`` at SCALE times its dpi (the figure keeps its own dpi afterwards)."""
    dpi = fig.dpi
    fig.set_dpi(dpi * SCALE)
    try:
        fig.canvas.draw()
    finally:
        fig.set_dpi(dpi)


SAVED_COLORS = 256
# Mean error (0-255 a channel) of the fast palette beyond which a saved picture takes median cut's palette.
SMOOTH_ERROR = 1.5


def encode_png(fig, *, compress_level: int = 1, colors: int | None = None) -> bytes:
    """Encode what the Agg canvas of ``fig`` holds now, without drawing. Level 1: fast.

    With ``colors``, the picture is reduced to a palette of that many colours first: a saved
    2x figure then takes less room than a full-colour 1x one (notebooks stay small). Saved
    figures take zlib's level 6, not Pillow's ``optimize`` (level 9): 7-25 % larger, but 4-6 times
    quicker to write (16-24 against 95-150 ms for an explorer), in every run of every notebook.
    """
    buffer = io.BytesIO()
    image = _canvas_rgb(fig)
    if colors:
        image = reduce_colors(image, colors)
    image.save(buffer, format="png", compress_level=compress_level)
    return buffer.getvalue()


def reduce_colors(image: Image.Image, colors: int) -> Image.Image:
    """``image`` (RGB) with a palette of ``colors`` colours: the fast octree's, or, where that is off by more
    than SMOOTH_ERROR on average (a smooth heat map, whose many greys it bands into a few steps), median
    cut's (six times slower, a third larger, but as smooth as the picture drawn)."""
    reduced = image.quantize(colors=colors, method=Image.Quantize.FASTOCTREE)
    # mean |difference| over the three channels, in Pillow's C (a fifth of the time numpy takes)
    error = sum(ImageStat.Stat(ImageChops.difference(reduced.convert("RGB"), image)).mean) / 3
    if error > SMOOTH_ERROR:
        reduced = image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT)
    return reduced


def encode_jpeg(fig, *, quality: int = 90) -> bytes:
    """Encode the Agg canvas as JPEG without drawing: about 8 times faster than PNG, for live frames.

    The canvas is drawn at SCALE = 2 times the shown size, so colour kept at half resolution
    (4:2:0) is still one colour sample per shown pixel: thin coloured lines stay sharp.
    """
    return jpeg.encode(np.asarray(fig.canvas.buffer_rgba()), quality=quality)  # read in place: no copy of the canvas


def png_bytes(fig, *, compress_level: int = 1) -> bytes:
    """Draw ``fig`` and encode it as PNG."""
    fig.canvas.draw()
    return encode_png(fig, compress_level=compress_level)


class Caption:
    """A line of text under a figure, shown as Markdown everywhere a notebook is opened.

    JupyterLab, VS Code and GitHub show only one format of each output (for a figure, the
    PNG), so a caption inside the figure's own output is never seen. A caption is therefore
    an output of its own, right under the picture; its text form is what nbval compares.
    """

    def __init__(self, text: str, *, label: str = "Figure"):
        self.text = text
        self.label = label

    def __repr__(self) -> str:
        return f"{self.label}: {self.text}" if self.text else ""

    def _repr_markdown_(self) -> str:
        return f"*{self.label}:* {self.text}" if self.text else ""


def display(*objects, **kwargs):
    """IPython's display, imported on use so the plotting layer loads without IPython; returns
    its handle when asked for one (``display_id=True``)."""
    from IPython.display import display as ipython_display

    return ipython_display(*objects, **kwargs)


class FigureView:
    """A drawn figure for a notebook: the PNG, then its caption as a visible line of text.

    ``size`` is the size to show the PNG at, in CSS pixels (the PNG itself is SCALE times larger).
    """

    def __init__(self, png: bytes, caption: str, size=None):
        self.png = png
        self.caption = caption
        self.size = size

    @property
    def metadata(self) -> dict:
        """Output metadata showing the PNG at its CSS size (empty when the size is unknown)."""
        return png_metadata(*self.size) if self.size else {}

    def __repr__(self) -> str:
        return f"Figure: {self.caption}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": repr(self)}, self.metadata

    def _ipython_display_(self) -> None:
        """In a notebook: two outputs, the picture and, under it, the caption (visible in every viewer).

        The picture's own text form is the caption too (alt text, and what nbval compares)."""
        bundle, metadata = self._repr_mimebundle_()
        display(bundle, raw=True, metadata=metadata)
        display(Caption(self.caption))


def show(fig, caption: str) -> FigureView:
    """Show ``fig`` in a notebook with ``caption`` (the caption is what a test compares)."""
    if not isinstance(caption, str) or not caption:
        raise ValueError("`caption` must be a non-empty sentence saying what the figure shows")
    draw_scaled(fig)
    return FigureView(encode_png(fig, compress_level=6, colors=SAVED_COLORS), caption, css_size(fig))


class Animation(FigureView):
    """An animated PNG: plays in any browser, with or without a kernel."""


def _style_palette() -> Image.Image:
    """A palette image of the set's colours at four strengths on white, plus white, black and greys."""
    from .style import COLORS, STRENGTHS, on_white

    colours = [(255, 255, 255), (0, 0, 0), (230, 230, 230)] + [(g, g, g) for g in (64, 128, 170, 200)]
    for hex_colour in sorted(set(COLORS.values())):
        colours += [on_white(hex_colour, strength) for strength in STRENGTHS]
    flat = [value for colour in colours for value in colour]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat + flat[:3] * (256 - len(colours)))
    return palette


def animate(fig, update, frames, *, caption: str, ms_per_frame: int = 150, loops: int = ANIMATION_LOOPS,
            hold_ms: int = 1500) -> Animation:
    """Call ``update(frame)`` for each frame, grab the figure, and return an animated PNG.

    All frames share one palette: the set's colours (calclib.plotting.style) at a few
    strengths against white, plus greys, without dithering. Colours stay true, unchanged
    pixels stay identical from frame to frame, so each frame stores only what moved and a
    full-size animation stays small. The
    animation plays ``loops`` times (0: for ever) and holds its last frame ``hold_ms`` before
    each repeat, so the page comes to rest (a moving picture that never stops distracts).
    """
    if isinstance(loops, bool) or not isinstance(loops, int) or loops < 0:
        raise ValueError(f"`loops` must be a whole number of plays, 0 for endless; got {loops!r}")
    if not callable(update):
        raise TypeError("`update` must be a function of one frame value")
    raw = []
    layout = fig.get_layout_engine()
    try:
        for frame in frames:
            update(frame)
            draw_scaled(fig)
            raw.append(_canvas_rgb(fig))
            fig.set_layout_engine("none")  # the first frame's layout for all: a picture that holds still
    finally:
        fig.set_layout_engine(layout)
    if not raw:
        raise ValueError("`frames` must hold at least one frame")
    palette = _style_palette()
    images = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in raw]
    buffer = io.BytesIO()
    durations = [int(ms_per_frame)] * (len(images) - 1) + [int(ms_per_frame) + int(hold_ms)]
    images[0].save(buffer, format="png", save_all=True, append_images=images[1:],
                   duration=durations, loop=loops, compress_level=6)
    return Animation(buffer.getvalue(), caption, css_size(fig))
