"""A heat map of grid cells, painted pixel by pixel: the picture of pcolormesh at a fraction of the cost.

An explorer that redraws a heat map on every frame (08's two quadratic forms) pays for it in
each frame. ``pcolormesh`` rasterises every cell as a quadrilateral (5 ms for 101 x 101 cells at
twice the screen's resolution) and ``imshow`` resamples the whole image (more). A
:class:`CellImage` gives every pixel of the canvas the colour of the cell its centre falls in:
the lookup from pixels to cells is worked out once for the axes' place on the canvas, and a frame
is one colour lookup and one gather of the cells' colours (about 1 ms). Where every cell is opaque
and the canvas is Agg's, the picture is written straight into the canvas (Agg blending an opaque
pixel gives that very pixel): the same pixels at a third of the cost of the blend.

A :class:`PanelCopy` goes one step further where two panels show one picture (08's maps of xᵀAx and
xᵀSx): the second panel's pixels are copied from the first instead of being drawn again.
"""
from __future__ import annotations

import numpy as np
from matplotlib import artist as martist
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.image import AxesImage


class CellImage(AxesImage):
    """An image of cells over ``extent`` (x0, x1, y0, y1 in data), row 0 at the bottom, drawn cell for pixel."""

    def __init__(self, ax, data, *, extent, **kwargs):
        super().__init__(ax, extent=extent, origin="lower", interpolation="nearest", **kwargs)
        self.set_data(data)
        self._lookup = None  # (key, rows, columns, left, bottom): pixels to cells, for one place on the canvas

    def _pixels_to_cells(self, renderer):
        x0, x1, y0, y1 = self.get_extent()
        (left, bottom), (right, top) = self.get_transform().transform([(x0, y0), (x1, y1)])
        clip = self.axes.bbox if self.get_clip_on() else self.get_figure(root=True).bbox
        rows_n, columns_n = self.get_array().shape[:2]
        key = (left, bottom, right, top, tuple(clip.bounds), rows_n, columns_n, renderer.width, renderer.height)
        if self._lookup is None or self._lookup[0] != key:
            px0 = int(np.floor(max(min(left, right), clip.x0, 0)))
            px1 = int(np.ceil(min(max(left, right), clip.x1, renderer.width)))
            py0 = int(np.floor(max(min(bottom, top), clip.y0, 0)))
            py1 = int(np.ceil(min(max(bottom, top), clip.y1, renderer.height)))
            centres_x = np.arange(px0, px1) + 0.5
            centres_y = np.arange(py0, py1) + 0.5
            columns = np.floor((centres_x - left) / (right - left) * columns_n).astype(int)
            rows = np.floor((centres_y - bottom) / (top - bottom) * rows_n).astype(int)
            keep_x = (columns >= 0) & (columns < columns_n)
            keep_y = (rows >= 0) & (rows < rows_n)
            # only pixels whose centre lies inside the cells are painted (as a rasterised quadrilateral's)
            px0, py0 = px0 + int(np.argmax(keep_x)), py0 + int(np.argmax(keep_y))
            self._lookup = (key, rows[keep_y], columns[keep_x], px0, py0)
        return self._lookup[1:]

    def _picture(self, renderer):
        """The cells' colours as pixels (rows from the bottom up), the canvas pixel of its bottom left
        corner, and whether every cell is opaque; None for no pixel."""
        rows, columns, left, bottom = self._pixels_to_cells(renderer)
        if not rows.size or not columns.size:
            return None, 0, 0, True
        colours = self.colours()
        # one pixel is one 32-bit word: gather rows, then columns (draw_image takes rows from the bottom up)
        picture = colours.view(np.uint32)[..., 0].take(rows, axis=0).take(columns, axis=1)
        return picture.view(np.uint8).reshape(*picture.shape, 4), left, bottom, bool(colours[..., 3].min() == 255)

    def colours(self) -> np.ndarray:
        """The cells' colours as the picture has them: 8-bit RGBA, rows from the bottom up."""
        # rounded as Agg rounds a quadrilateral's colour (to_rgba's bytes would truncate)
        return (self.to_rgba(self.get_array(), norm=True) * 255 + 0.5).astype(np.uint8)

    def make_image(self, renderer, magnification=1.0, unsampled=False):
        if unsampled or magnification != 1.0:
            return super().make_image(renderer, magnification, unsampled)
        picture, left, bottom, _ = self._picture(renderer)
        return picture, left, bottom, None

    @martist.allow_rasterization
    def draw(self, renderer):
        """Agg's own drawing, or, on an Agg canvas with every cell opaque, no alpha and no clip path (the
        cells are cut to the axes' box already), the picture written into the canvas as it is."""
        clip = self.get_clip_box()
        if (not isinstance(renderer, RendererAgg) or not self.get_visible()
                or self.get_alpha() is not None or self.get_clip_path() is not None
                or (self.get_clip_on() and clip is not None and clip.bounds != self.axes.bbox.bounds)
                or self.get_array().size == 0 or renderer.get_image_magnification() != 1.0):
            return super().draw(renderer)
        picture, left, bottom, opaque = self._picture(renderer)
        if not opaque:
            return super().draw(renderer)  # (made again: a cell seen through costs the blend anyway)
        if picture is not None:
            canvas = np.asarray(renderer.buffer_rgba())
            top = canvas.shape[0] - bottom
            canvas[top - picture.shape[0]:top, left:left + picture.shape[1]] = picture[::-1]
        self.stale = False


def cell_image(ax, data, *, extent, **kwargs) -> CellImage:
    """Add a :class:`CellImage` of ``data`` over ``extent`` to ``ax``, with the limits pcolormesh would give."""
    image = CellImage(ax, data, extent=extent, **kwargs)
    image.set_in_layout(False)  # clipped to the axes: what lies beyond them must not widen the layout
    ax.add_image(image)
    image.set_extent(extent)  # the data limits and sticky edges, as imshow sets them
    return image


def snap_beside(ax, other) -> None:
    """Move ``other`` by less than a pixel, so that its box lies a whole number of pixels from ``ax``'s (call
    after the layout, before drawing): what is drawn alike in the two is then the same pixels (a
    :class:`PanelCopy` copies them)."""
    fig = ax.get_figure(root=True)
    for axis in (ax, other):
        axis.apply_aspect()
    a, b = ax.get_position(), other.get_position()
    dx, dy = (b.x0 - a.x0) * fig.bbox.width, (b.y0 - a.y0) * fig.bbox.height
    shift = ((round(dx) - dx) / fig.bbox.width, (round(dy) - dy) / fig.bbox.height)
    other.set_position(other.get_position(original=True).translated(*shift), which="original")
    other.apply_aspect()


class PanelCopy(martist.Artist):
    """The pixels of one axes' box (and a margin) copied onto another's, instead of drawing ``artists`` there.

    08's two heat maps show one picture: the same cells, the same level lines, the same black arrows
    (xᵀAx = xᵀSx at every x). Drawn twice they cost twice; the right one drawn and copied costs a block
    copy. The copy is taken only where drawing would give the very same pixels: two boxes of one size a
    whole number of pixels apart (:func:`snap_beside`), on an Agg canvas, and while ``same`` is True (the
    explorer's check that the two maps agree). Otherwise ``artists`` are drawn as usual. (The same pixels
    within one level of 255: xᵀAx and xᵀSx, each rounded, now and then give a cell the next shade, and
    Agg places an edge 1/256 pixel apart where a coordinate's last bit differs.)
    """

    MARGIN = 2  # pixels around the box: a line clipped to the box may shade the pixel its edge crosses

    def __init__(self, source, target, artists):
        super().__init__()
        self.source, self.target = source, target
        self.artists = list(artists)
        self.same = True
        self.set_animated(True)

    def _blocks(self, renderer):
        """(rows, columns) of the source block and of the target block on the canvas (top down), or None."""
        s, t = self.source.bbox, self.target.bbox
        dx, dy = t.x0 - s.x0, t.y0 - s.y0
        if (not isinstance(renderer, RendererAgg) or abs(s.width - t.width) > 1e-6 or abs(s.height - t.height) > 1e-6
                or abs(dx - round(dx)) > 1e-6 or abs(dy - round(dy)) > 1e-6):
            return None
        height, width = int(renderer.height), int(renderer.width)
        x0, x1 = int(np.floor(s.x0)) - self.MARGIN, int(np.ceil(s.x1)) + self.MARGIN
        y0, y1 = height - int(np.ceil(s.y1)) - self.MARGIN, height - int(np.floor(s.y0)) + self.MARGIN
        dx, dy = int(round(dx)), -int(round(dy))
        if min(x0, x0 + dx, y0, y0 + dy) < 0 or max(x1, x1 + dx) > width or max(y1, y1 + dy) > height:
            return None
        return (slice(y0, y1), slice(x0, x1)), (slice(y0 + dy, y1 + dy), slice(x0 + dx, x1 + dx))

    @martist.allow_rasterization
    def draw(self, renderer):
        blocks = self._blocks(renderer) if self.same and self.get_visible() else None
        if blocks is None:
            for artist in self.artists:
                artist.draw(renderer)
        else:
            canvas = np.asarray(renderer.buffer_rgba())
            canvas[blocks[1]] = canvas[blocks[0]]
        self.stale = False
