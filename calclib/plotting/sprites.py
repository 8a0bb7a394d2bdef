"""Text drawn once and pasted after: the cheap way to redraw a label that has not changed.

An explorer redraws its moving artists on every frame (blitting). Lines and patches cost a
fraction of a millisecond each, but a line of text costs 1 to 10 ms at twice the screen's
resolution (matplotlib 3.11 lays out and rasterises every glyph anew on every draw), and an
explorer shows many labels, most of which do not change when one control moves. A
:class:`TextSprites` keeps the picture of each label it has drawn, keyed on everything that
decides its pixels (string, place, colour, font, angle, clip), and pastes that picture instead
of drawing the text again: the same pixels (the test compares them), a tenth of the time.
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.text import Annotation, Text

MARGIN = 8  # pixels looked at around a label's laid-out extent for the pixels it drew


def _box_key(box) -> tuple | None:
    """What decides the pixels of a label's box (its shape is the label's own, fixed)."""
    if box is None:
        return None
    return (id(box), box.get_visible(), to_rgba(box.get_facecolor()), to_rgba(box.get_edgecolor()),
            box.get_linewidth(), box.get_linestyle(), box.get_alpha())


class TextSprites:
    """Pictures of the text artists of one figure, at most ``max_bytes`` of them (oldest dropped)."""

    def __init__(self, max_bytes: int = 16 * 2**20, *, eager: bool = False):
        self.max_bytes = max_bytes
        # eager: a label gets its picture the first time it is drawn. For a control with a few values
        # (the backward walk's steps) every label comes back, and drawing it once saves a second draw.
        self.eager = eager
        self._cache: OrderedDict = OrderedDict()
        self._bytes = 0
        self._scratch = None
        self._last: dict = {}  # id of a label -> its key at its last frame
        self.hits = self.misses = 0

    def clear(self) -> None:
        self._cache.clear()
        self._last.clear()
        self._bytes = 0

    @staticmethod
    def cacheable(artist) -> bool:
        """Plain text only: an annotation's arrow reaches beyond its text, a TeX string goes elsewhere."""
        return (isinstance(artist, Text) and not isinstance(artist, Annotation)
                and not artist.get_usetex() and not artist.get_path_effects())

    @staticmethod
    def key(artist, renderer) -> tuple | None:
        """Everything that decides the label's pixels: its string, where its anchor falls on the canvas,
        and how it is set (font, colour, alignment, angle, clip, box). Its extent follows from these,
        so it is not laid out to make the key (which costs as much as drawing a short label).
        None for a label whose layout depends on more (wrapped text follows the figure's width)."""
        if artist.get_wrap():
            return None
        clip = artist.get_clip_box() if artist.get_clip_on() else None
        x, y = artist._get_xy_display()
        return (artist.get_text(), float(x), float(y), renderer.dpi, to_rgba(artist.get_color()),
                artist.get_alpha(), hash(artist.get_fontproperties()), artist.get_rotation(),
                artist.get_rotation_mode(), artist.get_transform_rotates_text(),
                artist.get_horizontalalignment(), artist.get_verticalalignment(), artist._get_multialignment(),
                getattr(artist, "_linespacing", None), artist.get_antialiased(),
                None if clip is None else tuple(clip.bounds), _box_key(artist.get_bbox_patch()))

    def draw(self, artist, renderer) -> bool:
        """Draw ``artist`` on ``renderer`` from its picture (made now if new); False if it is not plain text."""
        if not self.cacheable(artist):
            return False
        if not artist.get_visible() or not artist.get_text():
            return True
        key = self.key(artist, renderer)
        if key is None:
            return False
        sprite = self._cache.get(key)
        if sprite is None:
            # A label that changes on every frame (a number being dragged) is drawn directly: making
            # its picture would cost more than it saves. One that stayed as it was gets a picture.
            last, self._last[id(artist)] = self._last.get(id(artist)), key
            if last != key and not self.eager:
                return False
            sprite = self._make(artist, renderer)
            self.misses += 1
            self._store(key, sprite)
        else:
            self._last[id(artist)] = key
            self.hits += 1
            self._cache.move_to_end(key)
        x0, y0, image = sprite
        if image is not None:
            gc = renderer.new_gc()
            try:
                renderer.draw_image(gc, x0, y0, image)
            finally:
                gc.restore()
        return True

    def prepare(self, artist, renderer) -> None:
        """Make the picture of ``artist`` as it is set now (if it is plain text, shown, and not pictured
        yet), without drawing it: its first frame then pastes it."""
        if not self.cacheable(artist) or not artist.get_visible() or not artist.get_text():
            return
        key = self.key(artist, renderer)
        if key is not None and key not in self._cache:
            self._store(key, self._make(artist, renderer))

    def _make(self, artist, renderer):
        """Draw the text alone on a transparent canvas of the same size and cut out its picture.

        The picture is the smallest window holding every pixel the text drew (its box included),
        found from the pixels themselves; the window is wiped after, so the scratch canvas is
        transparent again.
        """
        width, height = int(renderer.width), int(renderer.height)
        scratch = self._scratch
        if scratch is None or (scratch.width, scratch.height, scratch.dpi) != (width, height, renderer.dpi):
            # the renderer's own kind (glyphs cached or not): the same pixels at the same cost
            scratch = self._scratch = type(renderer)(width, height, renderer.dpi)
            np.asarray(scratch.buffer_rgba())[...] = 0  # transparent black (clear() leaves white)
        if hasattr(renderer, "_figure"):
            scratch._figure = renderer._figure  # the figure it draws for (a glyph cache renderer asks)
            scratch.snap_text = renderer.snap_text  # and texts on the grid the renderer puts them on
        artist.draw(scratch)
        pixels = np.asarray(scratch.buffer_rgba())
        drawn = pixels.view(np.uint32).reshape(height, width)  # a pixel a word: nonzero where drawn
        # Looked for where the label's layout puts it (a margin around it), not over the whole canvas (most
        # of the cost of a picture at 2x); the whole canvas if anything was drawn on the window's border.
        found = self._inked(drawn, *self._near(artist, scratch, height, width))
        if found is None:
            found = self._inked(drawn, (0, height), (0, width))
        if found is None:
            return (0, 0, None)
        top, bottom, left, right = found
        window = pixels[top:bottom, left:right]
        image = window[::-1].copy()  # draw_image takes rows from the bottom up
        window[...] = 0
        return (left, height - bottom, image)

    @staticmethod
    def _near(artist, renderer, height, width) -> tuple:
        """Canvas rows and columns (top down) around where ``artist`` drew: its laid-out extent, its box's
        too, and MARGIN pixels more (hinting, antialiasing, a box's edge); the whole canvas if unknown."""
        try:
            boxes = [artist.get_window_extent(renderer)]
            patch = artist.get_bbox_patch()
            if patch is not None:
                boxes.append(patch.get_window_extent(renderer))
        except (RuntimeError, ValueError):  # pragma: no cover - a label matplotlib cannot lay out
            return (0, height), (0, width)
        x_lo, x_hi = min(b.x0 for b in boxes) - MARGIN, max(b.x1 for b in boxes) + MARGIN
        y_lo, y_hi = min(b.y0 for b in boxes) - MARGIN, max(b.y1 for b in boxes) + MARGIN
        if not np.isfinite([x_lo, x_hi, y_lo, y_hi]).all():
            return (0, height), (0, width)
        rows = (max(0, int(np.floor(height - y_hi))), min(height, int(np.ceil(height - y_lo))))
        columns = (max(0, int(np.floor(x_lo))), min(width, int(np.ceil(x_hi))))
        return rows, columns

    @staticmethod
    def _inked(drawn, rows, columns):
        """(top, bottom, left, right) of the pixels drawn (nonzero words of the canvas ``drawn``) within
        ``rows`` and ``columns``; None if none was, or if one lies on a border of that window that is not the
        canvas' edge (the label may reach beyond the window: the caller looks again over the whole canvas)."""
        part = drawn[rows[0]:rows[1], columns[0]:columns[1]]
        found = np.flatnonzero(part.any(axis=1)) if part.size else ()
        if not len(found):
            return None
        top, bottom = rows[0] + int(found[0]), rows[0] + int(found[-1]) + 1
        found = np.flatnonzero(drawn[top:bottom, columns[0]:columns[1]].any(axis=0))
        left, right = columns[0] + int(found[0]), columns[0] + int(found[-1]) + 1
        height, width = drawn.shape
        if (top == rows[0] > 0 or bottom == rows[1] < height or left == columns[0] > 0
                or right == columns[1] < width):
            return None
        return top, bottom, left, right

    def _store(self, key, sprite) -> None:
        size = 0 if sprite[2] is None else sprite[2].nbytes
        self._cache[key] = sprite
        self._bytes += size
        while self._bytes > self.max_bytes and len(self._cache) > 1:
            _, (_, _, old) = self._cache.popitem(last=False)
            self._bytes -= 0 if old is None else old.nbytes
