"""Live frames as JPEG, encoding again only the tiles of the picture that changed.

An explorer's frame differs from the one before it in a few places: a point, a line, a number.
Encoding the whole canvas costs 3 to 6 ms at twice the screen's resolution, about a third of an
update. A JPEG can be cut into independent pieces: with a restart marker every few minimum coded
units (MCUs, 16 x 16 pixels at 4:2:0), each run of MCUs between two markers is coded on its own
(the DC predictions start again at each marker). So the picture is a grid of tiles, one MCU high
and one restart interval wide, and :class:`TileEncoder` keeps the coded bytes of every tile. For
a new frame it compares the canvas with the one it encoded last, encodes only the tiles that
changed, side by side on one small sheet (each comes out as one piece; tiles cut short by the
canvas' bottom or right edge are encoded cut short the same way), and splices the frame together:
the header, every tile's bytes, a marker between two tiles.

The frame is the very file a whole-canvas encoding with the same markers gives, byte for byte
(tests/test_frames.py checks it, odd sizes included). Pillow before 10.2 cannot write restart
markers: there, and for a canvas too small to tile, every frame is encoded whole.
"""
from __future__ import annotations

import io
import re

import numpy as np
from PIL import Image

QUALITY = 90
MCU = 16  # pixels: colour kept at half resolution (4:2:0) makes an MCU 16 x 16
_RESTART = re.compile(rb"\xff[\xd0-\xd7]")  # in coded data a 0xFF byte is followed by 0 or is a marker
_MARKERS = [bytes([0xFF, 0xD0 + k]) for k in range(8)]
_END = b"\xff\xd9"
# Changed tiles are encoded side by side, this many a row; beyond this share of the tiles changed,
# the whole picture is encoded (a sheet of tiles costs more a pixel than the whole canvas).
TILES_ACROSS = 12
WHOLE_BEYOND = 0.35
# After a frame that changed beyond that share, the next frames are encoded whole without comparing
# (a heat map that changes everywhere at every move), this many of them before comparing again.
WHOLE_RUN = 6


def encode(rgba: np.ndarray, *, quality: int = QUALITY, restart_mcus: int = 0) -> bytes:
    """JPEG of an RGBA (or RGBX) array, the fourth byte skipped; 4:2:0; a restart marker every
    ``restart_mcus`` MCUs (none for 0). The array is read in place, not copied."""
    height, width = rgba.shape[:2]
    image = Image.frombuffer("RGBX", (width, height), np.ascontiguousarray(rgba), "raw", "RGBX", 0, 1)
    buffer = io.BytesIO()
    options = {"restart_marker_blocks": restart_mcus} if restart_mcus else {}
    image.save(buffer, format="jpeg", quality=quality, subsampling=2, **options)
    return buffer.getvalue()


def split(jpeg: bytes) -> tuple:
    """The header of a baseline JPEG (up to its scan's data) and the coded pieces between its restart markers."""
    at = 2  # after the start-of-image marker
    while True:
        if jpeg[at] != 0xFF:
            raise ValueError("not a JPEG this module wrote: a marker was expected")
        marker, length = jpeg[at + 1], int.from_bytes(jpeg[at + 2:at + 4], "big")
        at += 2 + length
        if marker == 0xDA:  # start of scan: the coded data follows
            break
    if jpeg[-2:] != _END:
        raise ValueError("not a JPEG this module wrote: no end-of-image marker")
    return jpeg[:at], _RESTART.split(jpeg[at:-2])


def _restarts_supported() -> bool:
    try:
        jpeg = encode(np.zeros((MCU, 2 * MCU, 4), np.uint8), restart_mcus=1)
    except (TypeError, ValueError):  # pragma: no cover - an older Pillow that refuses the option
        return False
    return len(split(jpeg)[1]) == 2


RESTARTS = _restarts_supported()


def tile_mcus(mcus_per_row: int) -> int:
    """MCUs in one tile: a divisor of the MCUs in a row (a restart interval must not run into the
    next row), as near 8 (128 pixels) as there is one.

    >>> tile_mcus(125), tile_mcus(120), tile_mcus(84), tile_mcus(13)
    (5, 8, 7, 13)
    """
    divisors = [d for d in range(1, mcus_per_row + 1) if mcus_per_row % d == 0]
    return min(divisors, key=lambda d: (abs(np.log(d / 8)), -d))


def _restart_mcus(width: int) -> int:
    """The MCUs between two restart markers (one tile) for a canvas ``width`` pixels wide."""
    return tile_mcus(-(-width // MCU))


def encode_tiled(rgba: np.ndarray, *, quality: int = QUALITY) -> bytes:
    """The JPEG a :class:`TileEncoder` makes of ``rgba``, encoded whole: a restart marker after every tile."""
    return encode(rgba, quality=quality, restart_mcus=_restart_mcus(rgba.shape[1]) if RESTARTS else 0)


class TileEncoder:
    """Encodes the successive frames of one canvas, each tile again only when its pixels changed."""

    def __init__(self, quality: int = QUALITY):
        self.quality = quality
        self.tiles_encoded = self.tiles_kept = 0
        self.frames_whole = 0  # frames encoded whole (the first, and those that changed nearly everywhere)
        self._shape = None
        self._last = None  # the canvas as it was encoded last (only the tiles that changed are copied)
        self._whole_run = 0

    def encode(self, rgba: np.ndarray) -> bytes:
        """The JPEG of ``rgba`` (height x width x 4 bytes, the fourth ignored)."""
        height, width = rgba.shape[:2]
        if not RESTARTS or height < MCU or width < MCU:
            return encode(rgba, quality=self.quality)
        if self._shape != rgba.shape:
            return self._encode_whole(rgba)
        if self._whole_run:  # the picture changes nearly everywhere: encode it whole, compare nothing
            self._whole_run -= 1
            if self._whole_run:
                self.frames_whole += 1
                return encode(rgba, quality=self.quality, restart_mcus=self._mcus)
            return self._encode_whole(rgba)  # the run's last frame is kept, to compare the next one with
        rows, columns = self._dirty(rgba)
        if len(rows) > WHOLE_BEYOND * self._count:  # most of the picture changed: encode it whole
            self._whole_run = WHOLE_RUN
            return self._encode_whole(rgba)
        if len(rows):
            self._encode_tiles(rgba, rows, columns)
        self.tiles_kept += self._count - len(rows)
        return b"".join(self._parts)

    def _encode_whole(self, rgba) -> bytes:
        height, width = rgba.shape[:2]
        self.frames_whole += 1
        self._shape = rgba.shape
        self._mcus = _restart_mcus(width)
        self._tile_width = self._mcus * MCU
        self._grid = (-(-height // MCU), -(-width // self._tile_width))
        self._count = self._grid[0] * self._grid[1]
        jpeg = encode(rgba, quality=self.quality, restart_mcus=self._mcus)
        header, pieces = split(jpeg)
        if len(pieces) != self._count:  # pragma: no cover - a JPEG writer that places markers otherwise
            raise RuntimeError(f"expected {self._count} restart intervals, found {len(pieces)}")
        # header, piece 0, marker 0, piece 1, marker 1, ..., piece N-1, end of image
        self._parts = [header]
        for k, piece in enumerate(pieces):
            self._parts += [piece, _MARKERS[k % 8]]
        self._parts[-1] = _END
        if self._last is None or self._last.shape != rgba.shape:
            self._last = np.empty_like(rgba)
        np.copyto(self._last, rgba)
        self.tiles_encoded += self._count
        return jpeg

    def _dirty(self, rgba):
        """Grid rows and columns of the tiles whose pixels differ from the frame encoded last."""
        height, width = rgba.shape[:2]
        words = np.uint64 if width % 2 == 0 else np.uint32  # compare 8 (or 4) bytes at a time
        changed = rgba.reshape(height, -1).view(words) != self._last.reshape(height, -1).view(words)
        tile = self._tile_width // (2 if words is np.uint64 else 1)  # words a tile wide
        return np.nonzero(_any_in_blocks(_any_in_blocks(changed, MCU, 0), tile, 1))

    def _encode_tiles(self, rgba, rows, columns) -> None:
        """Encode the tiles at grid ``rows``, ``columns`` again, from the canvas ``rgba``."""
        height, width = rgba.shape[:2]
        pixels = rgba.view(np.uint32).reshape(height, width)  # a pixel a word: tiles are copied row by row
        last = self._last.view(np.uint32).reshape(height, width)
        wide = self._tile_width
        full_rows, full_columns = height // MCU, width // wide  # tiles not cut short by an edge
        y0, x0 = full_rows * MCU, full_columns * wide  # where the tiles cut short begin
        bottom, right = rows >= full_rows, columns >= full_columns
        pieces = {}
        inside = np.nonzero(~bottom & ~right)[0]
        if len(inside):  # whole tiles side by side, TILES_ACROSS a row (one a row costs twice as much a pixel)
            r, c = rows[inside], columns[inside]
            tiles = _blocks(pixels, full_rows, full_columns, wide)[r, :, c, :]
            _blocks(last, full_rows, full_columns, wide)[r, :, c, :] = tiles  # now the frame encoded last
            across = min(len(inside), TILES_ACROSS)
            down = -(-len(inside) // across)
            sheet = np.zeros((down * across, MCU, wide), np.uint32)
            sheet[:len(inside)] = tiles
            sheet = sheet.reshape(down, across, MCU, wide).transpose(0, 2, 1, 3).reshape(down * MCU, across * wide)
            pieces.update(zip(inside.tolist(), self._pieces(sheet, down * across)))
        # Tiles cut short by the bottom or right edge are encoded cut short the same way (the JPEG writer
        # pads a picture to whole MCUs in its own manner): the bottom ones side by side, the right ones
        # one above the other, the corner alone.
        edge = np.nonzero(bottom & ~right)[0]
        if len(edge):
            strip = pixels[y0:, :x0].reshape(height - y0, full_columns, wide)[:, columns[edge], :]
            last[y0:, :x0].reshape(height - y0, full_columns, wide)[:, columns[edge], :] = strip
            pieces.update(zip(edge.tolist(), self._pieces(strip.reshape(height - y0, -1), len(edge))))
        edge = np.nonzero(right & ~bottom)[0]
        if len(edge):
            strip = pixels[:y0, x0:].reshape(full_rows, MCU, width - x0)[rows[edge]]
            last[:y0, x0:].reshape(full_rows, MCU, width - x0)[rows[edge]] = strip
            pieces.update(zip(edge.tolist(), self._pieces(strip.reshape(-1, width - x0), len(edge))))
        corner = np.nonzero(bottom & right)[0]
        if len(corner):
            last[y0:, x0:] = pixels[y0:, x0:]
            pieces[int(corner[0])] = self._pieces(pixels[y0:, x0:], 1)[0]
        columns_in_grid = self._grid[1]
        for k, piece in pieces.items():
            self._parts[1 + 2 * (int(rows[k]) * columns_in_grid + int(columns[k]))] = piece
        self.tiles_encoded += len(rows)

    def _pieces(self, words, count) -> list:
        """Encode a picture of pixels as words (height x width); its first ``count`` restart intervals."""
        picture = np.ascontiguousarray(words).view(np.uint8).reshape(*words.shape, 4)
        pieces = split(encode(picture, quality=self.quality, restart_mcus=self._mcus))[1]
        if len(pieces) < count:  # pragma: no cover - a JPEG writer that places markers otherwise
            raise RuntimeError(f"expected {count} restart intervals, found {len(pieces)}")
        return pieces[:count]


def _blocks(pixels, rows, columns, width):
    """A view of the whole tiles of ``pixels`` (height x width words): [tile row, y, tile column, x]."""
    return pixels[:rows * MCU, :columns * width].reshape(rows, MCU, columns, width)


def _any_in_blocks(changed, size, axis):
    """Whether anything changed in each run of ``size`` along ``axis`` (the last run may be shorter)."""
    length = changed.shape[axis]
    whole = length // size * size
    head = np.moveaxis(changed, axis, 0)
    found = np.logical_or.reduce(head[:whole].reshape(length // size, size, *head.shape[1:]), axis=1)
    if whole < length:
        found = np.concatenate([found, head[whole:].any(axis=0, keepdims=True)])
    return np.moveaxis(found, 0, axis)
