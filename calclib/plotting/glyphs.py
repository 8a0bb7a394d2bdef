"""An Agg canvas that rasterises each glyph once: the same pixels, text at a fraction of the cost.

matplotlib 3.11 shapes every string (``FT2Font._layout``) and rasterises every glyph anew each
time a text is drawn: at twice the screen's resolution a 40-character label costs 5 to 10 ms,
most of it in FreeType turning outlines into bitmaps. An explorer redraws the labels that
change on every frame (a number being dragged), and their glyphs are nearly always ones it has
drawn before.

:class:`GlyphCacheRenderer` keeps what FreeType gives back:

* the shaped string (its glyphs and their positions), keyed on the font, size, resolution and
  shaping options;
* the bitmap of each glyph, keyed on the font, size, resolution, rotation and the glyph's
  position *within* its pixel (FreeType places glyphs to 1/64 of a pixel). A glyph moved by
  whole pixels is the same bitmap moved by whole pixels (FreeType applies that shift after
  hinting), so the cached bitmap is pasted where FreeType would have drawn it: the pixels are
  identical (tests/test_frames.py compares them with matplotlib's own renderer).

New strings are laid out from pieces already measured. A dragged number makes a new string on
every frame, and FreeType and HarfBuzz cost about 35 us a character to shape it, twice (once to
measure it, once to draw it). For a string of Latin and Greek letters, digits and common symbols
present in the font, the layout is the sum of pairs: each glyph sits where the previous one sits
plus the offset of that pair (its advance and kerning, which depend on the scripts of the two
runs: HarfBuzz shapes a Greek run and a Latin run apart), learned from the first string that
held it; the string's box is the union of its glyphs' boxes. A word with a ligature ("fi": two
characters, one glyph) is shaped alone, once, and set among the pairs. Strings with a glyph from a
fallback font, another script or font features are shaped the full way.
tests/test_frames.py compares both ways on thousands of random strings and fonts.

The rest of a label's cost is matplotlib's own bookkeeping, and the renderer cuts two parts of it:
the font a FontProperties names, and that font's line heights (read from its tables), are looked
up once instead of for every text; and the glyphs of a string are put side by side into one bitmap
and blended in one call (Agg's call costs about 20 us whatever its size), which gives the same
pixels as one blend a glyph wherever no pixel takes coverage from two glyphs (where one does, they
are blended one by one).

The renderer relies on two private parts of matplotlib's Agg backend that 3.11 introduced
(``RendererAgg._draw_text_glyphs_and_boxes`` and ``FT2Font._render_glyph``). Where they are
missing (an older matplotlib, which draws text differently and fast enough), or where their
form is not the one this module knows, :func:`attach_canvas` gives the plain Agg canvas.
"""
from __future__ import annotations

import inspect
import math
import threading
import unicodedata
import weakref
from collections import OrderedDict

import matplotlib as mpl
import numpy as np
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.text import Text

# At most this many glyph bitmaps and shaped strings are kept (oldest dropped): a few MB.
MAX_GLYPHS = 8192
MAX_LAYOUTS = 2048
# Characters beyond Latin (below U+0250) and Greek that a string may hold and still be laid out from
# pairs: symbols that belong to no script (they join the run beside them) and a Latin modifier letter.
PAIR_SYMBOLS = frozenset("−×·≈→←↑↓↔∇∂′″≤≥≠±∞²³¹⁰⁴⁵⁶⁷⁸⁹⁺⁻₀₁₂₃₄₅₆₇₈₉ᵀ…–—‘’“”•√∑∏∫°∈∉⊂∪∩∘⋅⊙⊗")
MAX_SHAPERS = 64
# A string with at most this many pairs not seen before learns them one by one from short strings.
FEW_PAIRS = 4
# The characters of numbers as the explorers write them (fmt, fmt_minus, matrices, products): every pair of
# them is learned at once when a renderer is readied for a font (GlyphCacheRenderer.learn_number_pairs), in
# a run of its own and after a Latin letter, so that a number never seen before costs no shaping (a new pair
# learned alone costs 0.1 to 0.3 ms, and a moved control makes several).
NUMBER_CHARS = "0123456789.−-,;×=()[] "


def _supported() -> bool:
    """True where the Agg backend draws text glyph by glyph in the form this module knows."""
    method = getattr(RendererAgg, "_draw_text_glyphs_and_boxes", None)
    if method is None or not hasattr(backend_agg, "get_hinting_flag") or not hasattr(backend_agg, "RenderMode"):
        return False
    try:
        from matplotlib.ft2font import FT2Font
    except ImportError:  # pragma: no cover - matplotlib always has it
        return False
    if not all(hasattr(FT2Font, name) for name in ("_render_glyph", "_set_transform", "_layout")):
        return False
    params = list(inspect.signature(method).parameters)
    return params == ["self", "gc", "x", "y", "angle", "glyphs", "boxes"]


SUPPORTED = _supported()


def _font_key(font) -> tuple:
    """What names a font face: its file and its index in that file (the same FT2Font is reused)."""
    return (id(font), getattr(font, "fname", None))


class _LRU(OrderedDict):
    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def get_recent(self, key):
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value

    def put(self, key, value) -> None:
        self[key] = value
        if len(self) > self.limit:
            self.popitem(last=False)


def _pairable(char: str) -> bool:
    """True for a character whose string may be laid out from pairs: Latin and Greek letters, digits,
    punctuation and common symbols (no controls, no combining marks)."""
    code = ord(char)
    if code < 0x250 or 0x370 <= code <= 0x3FF:
        return code != 0xB5 and not unicodedata.category(char).startswith(("C", "M"))  # µ: a letter of no script
    return char in PAIR_SYMBOLS


BRACKETS = {"(": ")", "[": "]", "{": "}"}


def scripts(s: str) -> list:
    """The script of each character's run, as the shaper splits a string: "G" Greek, "L" Latin.

    Digits, spaces and symbols belong to no script: they join the run before them (a closing
    bracket the run of its opening one), and those at the start the first run that follows.
    """
    found = ["G" if 0x370 <= ord(c) <= 0x3FF else "L" if c.isalpha() else "" for c in s]
    last, settled, open_brackets = "", -1, []
    for k, char in enumerate(s):
        if found[k]:  # a letter: those before it that had no run yet join its run
            for j in range(settled + 1, k):
                found[j] = found[k]
            last, settled = found[k], k
        elif last:
            if char in BRACKETS:
                open_brackets.append((last, BRACKETS[char]))
            elif char in BRACKETS.values():
                while open_brackets and open_brackets[-1][1] != char:
                    open_brackets.pop()
                if open_brackets:
                    last = open_brackets[-1][0]
            found[k], settled = last, k
    for k in range(len(s) - 2, -1, -1):
        found[k] = found[k] or found[k + 1]
    return found


def every_pair(chars: str) -> str:
    """A shortest string that holds every ordered pair of ``chars`` side by side (a de Bruijn sequence).

    >>> every_pair("ab")
    'aabba'
    >>> s = every_pair("0123"); len(s), all(a + b in s for a in "0123" for b in "0123")
    (17, True)
    """
    k, sequence, a = len(chars), [], [0] * (2 * len(chars))

    def walk(t, p):
        if t > 2:
            if 2 % p == 0:
                sequence.extend(a[1:p + 1])
            return
        a[t] = a[t - p]
        walk(t + 1, p)
        for j in range(a[t - p] + 1, k):
            a[t] = j
            walk(t + 1, t)

    walk(1, 1)
    sequence.append(sequence[0])  # the pair that wraps around
    return "".join(chars[j] for j in sequence)


class PairShaper:
    """Lays out strings of one font at one size from single glyphs and pairs of glyphs shaped before.

    ``layout(s)`` gives what ``FT2Font._layout(s)`` gives (font, glyph, x, y for each glyph) and
    ``metrics(s)`` what ``set_text(s)`` then ``get_width_height()`` and ``get_descent()`` give
    (in 1/64 pixel); both are None for a string that must be shaped the full way. The offset from
    one glyph to the next depends on the two characters and the scripts of their runs (kerning
    applies within a run, not across): it is learned from the first string that holds the pair,
    shaped whole, or, when that string brings only a few new pairs, from the pair alone (after a
    Latin or Greek letter where its run needs one). A word with a ligature ("fi": two characters,
    one glyph) is shaped alone and its glyphs set in the string as a block. A string with a glyph
    from a fallback font, a character of another script, or a ligature at the edge of a word is
    declined. tests/test_frames.py compares both ways on thousands of random strings.
    """

    def __init__(self, font, flags):
        self.font = font
        self.flags = flags
        self.singles: dict = {}  # char -> (glyph index, y, advance, top, bottom) in 1/64 px, or None
        self.pairs: dict = {}  # (char, char, script, script) -> offset of the second glyph from the first, px
        self.ligatures: set = set()  # pairs of characters seen shaped into one glyph
        self.declined = _LRU(256)  # strings that could not be laid out from pairs (shaped in full)
        self.words: dict = {}  # (word with a ligature, its runs) -> its glyphs shaped alone, or None
        self._last = (None, None)  # the last string walked and its glyphs: a label is measured, then drawn

    def _single(self, char):
        found = self.singles.get(char, False)
        if found is not False:
            return found
        font, info = self.font, None
        if _pairable(char) and font.get_char_index(ord(char)):
            items = font._layout(char, flags=self.flags)
            if len(items) == 1 and items[0].ft_object is font and items[0].x == 0:
                font.set_text(char, 0.0, flags=self.flags)
                width, height = font.get_width_height()
                descent = font.get_descent()
                info = (items[0].glyph_index, items[0].y, width, height - descent, -descent)
        self.singles[char] = info
        return info

    def _glyph_a_character(self, items, singles) -> bool:
        """Whether the shaped ``items`` are the glyphs of ``singles``, one a character, from this font."""
        return (len(items) == len(singles) and items[0].x == 0
                and all(item.ft_object is self.font and (item.glyph_index, item.y) == single[:2]
                        for item, single in zip(items, singles)))

    def _learn(self, s, singles, keys) -> bool:
        """Learn the pairs of ``s`` from one shaping of the whole string; False if it is not one glyph a character."""
        items = self.font._layout(s, flags=self.flags)
        if self._glyph_a_character(items, singles):
            for k, key in enumerate(keys, start=1):
                self.pairs.setdefault(key, items[k].x - items[k - 1].x)
            return True
        for item in items:
            if len(item.char) > 1:
                self.ligatures.add(item.char[:2])
        return False

    def _learn_pair(self, key) -> bool:
        """Learn one pair from the shortest string that puts its two characters in the same runs
        (the pair alone, or after a Latin or a Greek letter); False if no such string lays out
        one glyph a character (the whole string is then shaped to learn it)."""
        first, second, run_first, run_second = key
        for prefix in ("", "x", "α"):
            s = prefix + first + second
            if scripts(s)[-2:] != [run_first, run_second]:
                continue
            singles = [self._single(char) for char in s]
            if None in singles:
                continue
            items = self.font._layout(s, flags=self.flags)
            if not self._glyph_a_character(items, singles):
                return False
            self.pairs[key] = items[-1].x - items[-2].x
            return True
        return False

    def learn_pairs(self, s) -> int:
        """Learn every pair of ``s`` not known yet from one shaping of the whole string (the characters this
        font has, and lays out one glyph each, only); the number of pairs learned."""
        chars = "".join(c for c in dict.fromkeys(s) if self._single(c) is not None)
        s = "".join(c for c in s if c in chars)
        if len(s) < 2:
            return 0
        runs = scripts(s)
        keys = [(s[k - 1], s[k], runs[k - 1], runs[k]) for k in range(1, len(s))]
        before = len(self.pairs)
        if not self._holds_ligature(s):
            self._learn(s, [self._single(c) for c in s], keys)
        return len(self.pairs) - before

    def _walk(self, s):
        """The glyphs of ``s`` with their positions, or None."""
        if s == self._last[0]:
            return self._last[1]
        placed = self._place(s)
        self._last = (s, placed)
        return placed

    def _holds_ligature(self, s) -> bool:
        return any(s[k - 1:k + 1] in self.ligatures for k in range(1, len(s)))

    def _place(self, s):
        if not s or s in self.declined:
            return None
        singles = [self._single(char) for char in s]
        if None not in singles:
            runs = scripts(s)
            keys = [(s[k - 1], s[k], runs[k - 1], runs[k]) for k in range(1, len(s))]
            if not self._holds_ligature(s):
                missing = [key for key in keys if key not in self.pairs]
                # a few new pairs are learned from short strings (a new number in a long title
                # brings one or two), many from one shaping of the whole string
                if (not missing or len(missing) <= FEW_PAIRS and all(self._learn_pair(key) for key in missing)
                        or self._learn(s, singles, keys)):
                    placed, x = [(singles[0], 0.0)], 0.0
                    for k, key in enumerate(keys, start=1):
                        x += self.pairs[key]
                        placed.append((singles[k], x))
                    return placed
            if self._holds_ligature(s):  # (shaping it whole may just have found one)
                placed = self._place_words(s, singles, runs)
                if placed is not None:
                    return placed
        self.declined.put(s, True)
        return None

    def _place_words(self, s, singles, runs):
        """Lay out a string with a ligature from its words: a word holding one ("magnifier:") is shaped
        alone, once, and the rest comes from pairs. A ligature never spans a space, and the word's
        glyphs sit in it as they sit in the string when its runs are the same there; None otherwise."""
        placed, x, k = [], 0.0, 0
        while k < len(s):
            end = k + 1
            if s[k] != " ":
                while end < len(s) and s[end] != " ":
                    end += 1
                if not self._holds_ligature(s[k:end]):
                    end = k + 1  # a word without a ligature: a character at a time
            if k:
                key = (s[k - 1], s[k], runs[k - 1], runs[k])
                if key not in self.pairs and not self._learn_pair(key):
                    return None
                x += self.pairs[key]
            if end == k + 1:
                placed.append((singles[k], x))
            else:
                word = self._word(s[k:end], tuple(runs[k:end]))
                if word is None:
                    return None
                placed += [(info, x + dx) for info, dx in word]
                x += word[-1][1]  # at the word's last glyph, its last character alone
            k = end
        return placed

    def _word(self, word, runs):
        """The glyphs of ``word`` shaped alone, each with its offset from the first: (glyph index, y,
        width, top, bottom) as a single's, the box the word's (the union of its glyphs' boxes); None
        unless it starts and ends with a character alone and is shaped in the ``runs`` it has in its string."""
        key = (word, runs)
        if key in self.words:
            return self.words[key]
        found = None
        first, last = self._single(word[0]), self._single(word[-1])
        items = self.font._layout(word, flags=self.flags)
        if (tuple(scripts(word)) == runs and items and items[0].x == 0 and items[0].char == word[0]
                and items[-1].char == word[-1] and all(item.ft_object is self.font for item in items)
                and (items[0].glyph_index, items[0].y) == first[:2] and (items[-1].glyph_index, items[-1].y) == last[:2]):
            self.font.set_text(word, 0.0, flags=self.flags)
            height, descent = self.font.get_width_height()[1], self.font.get_descent()
            top, bottom = height - descent, -descent
            found = [((item.glyph_index, item.y, None, top, bottom), item.x) for item in items]
            found[-1] = ((*last[:3], top, bottom), items[-1].x)  # its width, should it end the string
        if len(self.words) > MAX_LAYOUTS:
            self.words.clear()
        self.words[key] = found
        return found

    def layout(self, s):
        placed = self._walk(s)
        if placed is None:
            return None
        return tuple((self.font, single[0], x, single[1]) for single, x in placed)

    def metrics(self, s):
        placed = self._walk(s)
        if placed is None:
            return None
        last, x = placed[-1]
        top = max(single[3] for single, _ in placed)
        bottom = min(single[4] for single, _ in placed)
        return round(x * 64) + last[2], top - bottom, -bottom


# rcParams that decide which font file a FontProperties names (matplotlib's findfont and get_font key on them)
FONT_PARAMS = ("font.serif", "font.sans-serif", "font.cursive", "font.fantasy", "font.monospace")
FONT_FLAGS = ("text.kerning_factor", "font.enable_last_resort")


def _props_key(prop) -> tuple:
    """What decides the font (and its size) that matplotlib finds for the FontProperties ``prop``.

    Its fields (FontProperties' own hash), the rcParams that name the families' fonts, and the
    thread (matplotlib gives each thread its own font objects: they are not thread-safe).
    """
    rc = mpl.rcParams
    read = dict.__getitem__  # the validated value as stored (RcParams' own lookup costs ten times more)
    return (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(), prop.get_stretch(),
            prop.get_size(), prop.get_file(), prop.get_math_fontfamily(),
            tuple(tuple(read(rc, name)) for name in FONT_PARAMS), tuple(read(rc, name) for name in FONT_FLAGS),
            threading.get_ident())


class GlyphCacheRenderer(RendererAgg):
    """RendererAgg that remembers shaped strings and glyph bitmaps (see the module's text).

    The caches are shared by every renderer of the process: glyphs are the same in every figure.
    """

    glyphs = _LRU(MAX_GLYPHS)
    layouts = _LRU(MAX_LAYOUTS)
    shapers = _LRU(MAX_SHAPERS)  # a PairShaper per font, size, resolution and hinting
    fonts: dict = {}  # the font of each font properties (_props_key)
    heights: dict = {}  # font height metrics by font properties and resolution
    # fonts seen by the caches, kept alive so that the id in a key is never reused by another font
    _fonts: dict = {}
    _figure = staticmethod(lambda: None)  # the figure this renderer draws (set by GlyphCacheCanvas)
    snap_text = 0  # every text starts on a grid of this many pixels (GlyphCacheCanvas.snap_text), 0: not snapped

    def _prepare_font(self, font_prop):
        """matplotlib's own (the font for ``font_prop``, cleared, at its size), the font looked up once.

        Finding the font for a FontProperties costs about 55 us a text in matplotlib 3.11.
        """
        key = _props_key(font_prop)
        font = self.fonts.get(key)
        if font is None:
            font = super()._prepare_font(font_prop)
            if len(self.fonts) > MAX_SHAPERS:
                self.fonts.clear()
            self.fonts[key] = font
            return font
        font._set_transform([[0x10000, 0], [0, 0x10000]], [0, 0])  # as matplotlib's get_font leaves it
        font.clear()
        font.set_size(font_prop.get_size_in_points(), self.dpi)
        return font

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if self.snap_text:
            x, y = snapped(x, y, self.height, self.snap_text)
        if ismath:
            return self.draw_mathtext(gc, x, y, s, prop, angle)
        font = self._prepare_font(prop)
        flags = backend_agg.get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        key = (_font_key(font), size, self.dpi, s, flags,
               tuple(features) if features is not None else None,
               tuple(language) if isinstance(language, list) else language)
        items = self.layouts.get_recent(key)
        if items is None:
            self._fonts[id(font)] = font
            if features is None and language is None:
                items = self._shaper(font, size, flags).layout(s)
            if items is None:
                items = tuple((item.ft_object, item.glyph_index, item.x, item.y)
                              for item in font._layout(s, flags=flags, features=features, language=language))
            self.layouts.put(key, items)
        self._draw_text_glyphs_and_boxes(
            gc, x, y, angle, ((ft, size, index, 0, 1, dx, dy) for ft, index, dx, dy in items), [])

    def _shaper(self, font, size, flags) -> PairShaper:
        key = (_font_key(font), size, self.dpi, flags)
        shaper = self.shapers.get_recent(key)
        if shaper is None:
            self._fonts[id(font)] = font
            shaper = PairShaper(font, flags)
            self.shapers.put(key, shaper)
        return shaper

    def learn_number_pairs(self, prop) -> None:
        """Learn, once per font and size, every pair of NUMBER_CHARS in the runs a number takes in a label
        (alone, and after a Latin letter): a few milliseconds a font and size, once, where a
        label's new numbers would otherwise learn their pairs one or a few at a time while a control moves."""
        font = self._prepare_font(prop)
        shaper = self._shaper(font, prop.get_size_in_points(), backend_agg.get_hinting_flag())
        if getattr(shaper, "numbers_learned", False):
            return
        shaper.numbers_learned = True
        digits = every_pair(NUMBER_CHARS)
        for prefix in ("", "x "):
            shaper.learn_pairs(prefix + digits)

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath is False:
            font = self._prepare_font(prop)
            metrics = self._shaper(font, prop.get_size_in_points(), backend_agg.get_hinting_flag()).metrics(s)
            if metrics is not None:
                width, height, descent = metrics
                return width / 64.0, height / 64.0, descent / 64.0
        return super().get_text_width_height_descent(s, prop, ismath)

    def _get_font_height_metrics(self, prop):
        """The ascent, descent and line gap of ``prop``'s font, in pixels, as ``Text._get_layout`` reads them.

        matplotlib 3.11 asks the renderer first, and otherwise finds the font and reads two of its
        tables for every text it lays out, twice a draw (about 70 us each time). The same numbers,
        worked out the same way, are kept per font, size and resolution. (None, None, None), which
        sends matplotlib its own way, where the figure's resolution is not this renderer's (the
        numbers are scaled by the figure's).
        """
        figure = self._figure()
        if figure is None or figure.dpi != self.dpi:
            return None, None, None
        key = (_props_key(prop), self.dpi)
        found = self.heights.get(key)
        if found is None:
            found = (None, None, None)
            font = self._prepare_font(prop)  # the font matplotlib would find, looked up once
            for table_name, gap_key, ascent_key, descent_key in (
                    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                    ("hhea", "lineGap", "ascent", "descent")):  # matplotlib's own order
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                found = (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
                break
            if len(self.heights) > MAX_LAYOUTS:
                self.heights.clear()
            self.heights[key] = found
        return found

    def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):
        """matplotlib's own loop, with each glyph's bitmap taken from the cache when it was drawn before."""
        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        flags = backend_agg.get_hinting_flag()
        antialiased = gc.get_antialiased()
        height = self.height
        int_height = int(height)
        cache = self.glyphs
        pieces = []
        for font, size, glyph_index, slant, extend, dx, dy in glyphs:  # dy is upwards
            # FreeType's position of the glyph, in 1/64 pixel, y upwards (as matplotlib computes it)
            px = round(0x40 * (x + dx * cos - dy * sin))
            py = round(0x40 * (height - y + dx * sin + dy * cos))
            key = (_font_key(font), size, self.dpi, glyph_index, angle, slant, extend, px & 63, py & 63,
                   flags, antialiased)
            glyph = cache.get_recent(key)
            if glyph is None:
                self._fonts[id(font)] = font
                font.set_size(size, self.dpi)
                font._set_transform(
                    (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]])
                    .round().astype(int),
                    [px & 63, py & 63])  # the position within its pixel; whole pixels are added below
                bitmap = font._render_glyph(
                    glyph_index, flags,
                    backend_agg.RenderMode.NORMAL if antialiased else backend_agg.RenderMode.MONO)
                buffer = np.array(bitmap.buffer, copy=True)
                if not antialiased:
                    buffer *= 0xff
                glyph = (buffer, bitmap.left, bitmap.top)
                cache.put(key, glyph)
            buffer, left, top = glyph
            if buffer.size:
                # the bitmap's left side and top side, in pixels, y downwards
                pieces.append((buffer, left + (px >> 6), int_height - (top + (py >> 6))))
        _paste(pieces, self._renderer.draw_text_image, gc)
        if boxes:
            super()._draw_text_glyphs_and_boxes(gc, x, y, angle, (), boxes)


def _paste(pieces, draw, gc) -> None:
    """Blend the glyph bitmaps ``pieces`` (bitmap, left, top; y downwards) onto the canvas with ``gc``'s colour.

    Each call of Agg's ``draw_text_image`` costs about 20 us whatever the bitmap's size (most of it
    reading ``gc``), so the glyphs of a string are first put side by side into one bitmap and blended
    in one call. That gives the very pixels of one call a glyph: a zero coverage leaves a pixel as it
    is, and no pixel gets coverage from two glyphs (where two glyphs would both cover a pixel, they
    are blended one by one, as Agg would).
    """
    if len(pieces) > 1:
        left = min(x for _, x, _ in pieces)
        top = min(y for _, _, y in pieces)
        right = max(x + b.shape[1] for b, x, _ in pieces)
        bottom = max(y + b.shape[0] for b, _, y in pieces)
        joined = np.zeros((bottom - top, right - left), np.uint8)
        reach = left  # the right side of the bitmaps put so far: one to the right of it overlaps none
        for buffer, x, y in pieces:
            height, width = buffer.shape
            region = joined[y - top:y - top + height, x - left:x - left + width]
            if x < reach and np.minimum(region, buffer).any():
                break  # two glyphs cover one pixel: blend each on its own
            np.bitwise_or(region, buffer, out=region)
            reach = max(reach, x + width)
        else:
            pieces = [(joined, left, top)]
    for buffer, x, y in pieces:
        draw(buffer, x, y + buffer.shape[0], 0, gc)  # draw_text_image's y: the bitmap's bottom side


def snapped(x, y, height, step):
    """Where a text drawn at (x, y) (pixels, y up, on a canvas ``height`` pixels high) starts when it is
    snapped to a grid of ``step`` pixels: x on a multiple of ``step``, the baseline on the row one below a
    multiple of ``step`` counted from the top.

    With ``step`` the canvas pixels a screen pixel shows (2: a picture drawn at twice its size shown on
    a 1x screen), every text meets the screen's pixels the same way, and the way that keeps thin strokes
    apart: the two bars of "=" at 7 to 14 points stay two bars after the halving, where whole pixels
    alone left some labels' "=" a grey block (the backward walk's nodes).
    """
    down = height - y  # rows from the top, as the picture is scaled down
    return round(x / step) * step, height - (round((down - 1) / step) * step + 1)


class GlyphCacheCanvas(FigureCanvasAgg):
    """FigureCanvasAgg whose renderer is a :class:`GlyphCacheRenderer`.

    ``snap_text = n`` starts every text on a grid of n pixels (the place matplotlib works out, moved
    to the nearest point of the grid: :func:`snapped`): a label that moves with a point then moves a
    grid step at a time, its glyphs the same bitmaps at each place, taken from the cache instead of
    rasterised anew for every fraction of a pixel (a label beside a dragged point: 2.5 ms a frame,
    1 ms snapped). The explorers' figures snap to the screen's pixels (n = SCALE = 2): a text moves by
    at most one canvas pixel, half a pixel on the screen.
    """

    snap_text = 0

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key or not isinstance(getattr(self, "renderer", None), GlyphCacheRenderer):
            self.renderer = GlyphCacheRenderer(w, h, self.figure.dpi)
            self.renderer._figure = weakref.ref(self.figure)
            self._lastKey = key
        self.renderer.snap_text = self.snap_text
        return self.renderer


def learn_number_pairs(canvas, artists) -> None:
    """Ready ``canvas``' renderer for the numbers the labels among ``artists`` will show: every pair of
    NUMBER_CHARS learned for each label's font and size (nothing on a canvas without the glyph cache)."""
    renderer = canvas.get_renderer()
    if isinstance(renderer, GlyphCacheRenderer):
        for artist in artists:
            if isinstance(artist, Text):
                renderer.learn_number_pairs(artist.get_fontproperties())


def attach_canvas(figure):
    """Give ``figure`` an Agg canvas: one that caches glyphs where this matplotlib allows it."""
    return (GlyphCacheCanvas if SUPPORTED else FigureCanvasAgg)(figure)
