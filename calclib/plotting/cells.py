"""A heat map of grid cells, painted pixel by pixel: the picture of pcolormesh at a fraction of the cost.

An explorer that redraws a heat map on every frame (08's two quadratic forms) pays for it in
each frame. ``pcolormesh`` rasterises every cell as a quadrilateral (5 ms for 101 x 101 cells at
twice the screen's resolution) and ``imshow`` resamples the whole image (more). A
:class:`CellImage` gives every pixel of the canvas the colour of the cell its centre falls in:
the lookup from pixels to cells is worked out once for the axes' place on the canvas, and a frame
is one colour lookup and one gather of the cells' colours (about 1 ms). Where every cell is opaque
and the canvas is Agg's, the picture is written straight into the canvas (Agg blending an opaque
pixel gives that very pixel): the same pixels at a third of the cost of the blend.
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
        # 8-bit colours rounded as Agg rounds a quadrilateral's colour (to_rgba's bytes would truncate)
        colours = (self.to_rgba(self.get_array(), norm=True) * 255 + 0.5).astype(np.uint8)
        # one pixel is one 32-bit word: gather rows, then columns (draw_image takes rows from the bottom up)
        picture = colours.view(np.uint32)[..., 0].take(rows, axis=0).take(columns, axis=1)
        return picture.view(np.uint8).reshape(*picture.shape, 4), left, bottom, bool(colours[..., 3].min() == 255)

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
