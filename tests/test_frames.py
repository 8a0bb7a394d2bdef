"""Frames drawn the fast way show what a slow, careful draw would show.

Explorers redraw only what moves, paste labels that did not change from pictures made earlier
(calclib.plotting.sprites), and draw heat maps as flat quadrilaterals. Each shortcut is checked
here against the plain way of drawing the same state, pixel by pixel.
"""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import calclib as cl
from calclib.autograd import Value
from calclib.plotting.figure import new_figure
from calclib.plotting.sprites import TextSprites
from calclib.widgets import SecantExplorer
from calclib.widgets.activations import SoftmaxExplorer
from calclib.widgets.backprop import BackpropExplorer
from calclib.widgets.chain import ChainExplorer
from calclib.widgets.quadratic import QuadraticFormExplorer


def _backprop():
    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    return BackpropExplorer(((x1 + x2) ** 2 + (x1 - x2) ** 2).named("L"))


def _chain():
    x, u, y = sp.symbols("x u y")
    return ChainExplorer(cl.Chain(x, [(u, 3 * x + 1), (y, u**2)]), x0=2.0, dx=1e-3, x_range=(-2.0, 3.0))


EXPLORERS = {
    "secant": (lambda: SecantExplorer("x^2", x0=3.0, h=1.0), [1.0, 0.5, 1e-3, 0.5, 1.0, 0.5]),
    "chain": (_chain, [2.0, 1.0, -1.0, 1.0, 2.0, 1.0]),
    "backprop": (_backprop, [0, 1, 2, 3, 4, 5, 6, 7, 3, 0, 1, 2]),
    "softmax": (lambda: SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=1.0), [1.0, 0.5, 2.0, 0.5, 1.0]),
    "quadratic": (lambda: QuadraticFormExplorer(np.array([[1.0, 2.0], [0.0, 3.0]])), [2.0, 0.0, -1.0, 0.0, 2.0]),
}
# explorers with labels that stay put while the main control moves: pictures must be reused
REUSES = {"chain", "backprop", "softmax"}


def _frame(explorer) -> np.ndarray:
    return np.asarray(explorer.figure.canvas.buffer_rgba()).astype(np.int16)


def _plain_frame(explorer) -> np.ndarray:
    """The same state drawn again with every label drawn by matplotlib, none pasted."""
    explorer.sprites.draw = lambda artist, renderer: False
    try:
        explorer.render()
        return _frame(explorer)
    finally:
        del explorer.sprites.draw


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_pasted_labels_give_the_pixels_of_drawn_ones(name):
    make, values = EXPLORERS[name]
    explorer = make()
    control = explorer.controls[explorer.main_control]
    for value in values:
        control.value = type(control.value)(value)
        difference = np.abs(_frame(explorer) - _plain_frame(explorer))
        assert difference.max() <= 1, f"{name} at {explorer.main_control} = {value}: pasted labels differ from drawn ones"
    if name in REUSES:
        assert explorer.sprites.hits > 0, f"{name}: no label was ever pasted"


def test_a_frame_after_a_change_of_layout_shows_the_new_labels():
    explorer = _chain()
    for value in (2.0, 1.0, 2.0):
        explorer.controls["x"].value = value
    assert explorer.sprites.hits > 0
    explorer.invalidate()  # what an explorer calls when something static changes: labels may move
    explorer.controls["x"].value = 1.0
    assert len(explorer.sprites._cache) == 0  # no picture from before the new layout survives
    for value in (2.0, 1.0, 2.0):
        explorer.controls["x"].value = value
        assert np.abs(_frame(explorer) - _plain_frame(explorer)).max() <= 1
    assert explorer.sprites.hits > 0


def _canvas_with(text_kwargs, box=None):
    fig, ax = new_figure(width=4, height=3, dpi=100)
    text = ax.text(0.5, 0.5, "label 0.25", ha="center", va="center", bbox=box, **text_kwargs)
    text.set_animated(True)
    fig.canvas.draw()
    return fig, text, fig.canvas.copy_from_bbox(fig.bbox)


def _drawn(fig, text, background, sprites=None):
    canvas = fig.canvas
    canvas.restore_region(background)
    renderer = canvas.get_renderer()
    if sprites is None or not sprites.draw(text, renderer):
        text.draw(renderer)
    return np.asarray(canvas.buffer_rgba()).astype(np.int16)


@pytest.mark.parametrize("box", [None, {"boxstyle": "round,pad=0.6", "facecolor": "#fde9dc", "edgecolor": "black"}])
def test_a_label_is_pasted_once_it_stays_the_same_and_redrawn_when_it_changes(box):
    fig, text, background = _canvas_with({"color": "purple", "fontsize": 12}, box)
    sprites = TextSprites()
    reference = _drawn(fig, text, background)
    frames = [_drawn(fig, text, background, sprites) for _ in range(4)]
    assert sprites.misses == 1 and sprites.hits == 2  # drawn, then its picture made, then pasted twice
    for frame in frames:
        assert np.abs(frame - reference).max() <= 1
    # a new look (colour, text, box colour) is never served from an old picture
    text.set_color("green")
    if box:
        text.get_bbox_patch().set_facecolor("#e6f2fa")
    text.set_text("label 0.5")
    changed = _drawn(fig, text, background)
    assert np.abs(_drawn(fig, text, background, sprites) - changed).max() <= 1
    assert np.abs(changed - reference).max() > 100


def test_an_eager_label_is_pictured_at_its_first_draw_and_a_prepared_one_pasted_at_once():
    fig, text, background = _canvas_with({"color": "purple"}, {"boxstyle": "round", "facecolor": "#fde9dc"})
    reference = _drawn(fig, text, background)
    eager = TextSprites(eager=True)
    first = _drawn(fig, text, background, eager)
    assert (eager.misses, eager.hits) == (1, 0) and len(eager._cache) == 1  # pictured, not drawn twice later
    assert np.abs(_drawn(fig, text, background, eager) - reference).max() <= 1 and eager.hits == 1
    assert np.abs(first - reference).max() <= 1
    prepared = TextSprites()
    blank = _drawn(fig, Text(), background)
    prepared.prepare(text, fig.canvas.get_renderer())
    assert np.array_equal(np.asarray(fig.canvas.buffer_rgba()), blank)  # preparing drew nothing on the canvas
    assert np.abs(_drawn(fig, text, background, prepared) - reference).max() <= 1
    assert (prepared.misses, prepared.hits) == (0, 1)
    text.set_visible(False)
    prepared.prepare(text, fig.canvas.get_renderer())  # a hidden label gets no picture
    assert len(prepared._cache) == 1


def test_the_walk_pastes_every_label_the_first_time_a_step_is_shown():
    explorer = _backprop()  # its labels, at every step, are pictured when it is made
    control = explorer.controls["step"]
    made = explorer.sprites.misses  # step 0's labels, drawn (and pictured) at its first draw
    for step in [*range(1, control.max + 1), 0]:
        control.value = step
        assert np.abs(_frame(explorer) - _plain_frame(explorer)).max() <= 1
    assert explorer.sprites.misses == made and explorer.sprites.hits > 0


def test_an_annotation_is_drawn_not_pasted():
    fig, ax = new_figure(width=4, height=3, dpi=100)
    arrow = ax.annotate("u", xy=(0.2, 0.2), xytext=(0.8, 0.8), arrowprops={"arrowstyle": "->"})
    sprites = TextSprites()
    assert not sprites.cacheable(arrow)
    assert not sprites.draw(arrow, fig.canvas.get_renderer())
    assert sprites.cacheable(Text(0, 0, "plain"))


def test_the_pictures_kept_stay_within_their_budget():
    fig, text, background = _canvas_with({"fontsize": 30})
    sprites = TextSprites(max_bytes=200_000)
    for k in range(40):
        text.set_text(f"label {k}")
        for _ in range(3):
            _drawn(fig, text, background, sprites)
    assert sprites._bytes <= 200_000
    assert 0 < len(sprites._cache) < 40
    assert sprites._bytes == sum(image.nbytes for _, _, image in sprites._cache.values() if image is not None)


def test_a_picture_is_cut_from_near_the_label_and_the_whole_canvas_when_the_label_reaches_beyond(monkeypatch):
    """A picture is looked for around the label's laid-out extent (not over the whole canvas); a label drawn
    beyond that window (here a layout, and a box, that say it is 2 px wide) is still pictured whole, and the scratch
    canvas is left blank for the next picture either way."""
    for box in (None, {"boxstyle": "round,pad=0.6", "facecolor": "#fde9dc", "edgecolor": "black"}):
        fig, text, background = _canvas_with({"color": "purple", "rotation": 30}, box)
        reference = _drawn(fig, text, background)
        for shrink in (False, True):
            if shrink:
                for kind in {type(text), type(text.get_bbox_patch())} - {type(None)}:
                    monkeypatch.setattr(kind, "get_window_extent",
                                        lambda self, renderer=None: Bbox.from_extents(200, 150, 202, 152))
            sprites = TextSprites(eager=True)
            looked = []
            inked = TextSprites._inked
            monkeypatch.setattr(TextSprites, "_inked", staticmethod(
                lambda drawn, rows, columns: looked.append((rows, columns)) or inked(drawn, rows, columns)))
            assert np.abs(_drawn(fig, text, background, sprites) - reference).max() <= 1, (box, shrink)
            assert not np.asarray(sprites._scratch.buffer_rgba()).any(), "the scratch canvas kept pixels"
            height, width = np.asarray(sprites._scratch.buffer_rgba()).shape[:2]
            whole = ((0, height), (0, width))
            assert (looked[-1] == whole) == shrink and whole not in looked[:-1], (box, shrink, looked)
            monkeypatch.undo()


def test_invisible_and_empty_labels_draw_nothing():
    fig, text, background = _canvas_with({})
    sprites = TextSprites()
    blank = _drawn(fig, Text(), background)  # nothing on the background
    text.set_visible(False)
    assert np.array_equal(_drawn(fig, text, background, sprites), blank)
    text.set_visible(True)
    text.set_text("")
    assert np.array_equal(_drawn(fig, text, background, sprites), blank)


def test_the_left_quadratic_map_copied_from_the_right_is_the_picture_drawing_it_gives():
    """08's left map is the right one's pixels (the same cells, level lines and black arrows: xᵀAx = xᵀSx)
    with the orange arrows drawn on top; drawn instead, the left map's artists give the same frame, but for
    a shade in a few cells (xᵀAx and xᵀSx round apart) and an edge pixel here and there."""
    explorer = QuadraticFormExplorer(np.array([[1.0, 2.0], [0.0, 3.0]]))
    renderer = explorer.figure.canvas.get_renderer()
    assert explorer.copy._blocks(renderer) is not None, "the two maps are not a whole number of pixels apart"
    for entries in ({"a12": -3.0}, {"a11": 0.0, "a12": 1.0, "a21": -1.0, "a22": 0.0},
                    {"a11": 3.0, "a12": -3.0, "a21": 3.0, "a22": 3.0}, {"a11": 0.0, "a12": 0.0, "a21": 0.0, "a22": 0.0},
                    {"a11": -2.0, "a12": 0.5, "a21": 0.5, "a22": 1.0}, {"a11": 1.0, "a12": 2.75, "a21": -0.5, "a22": -1.5}):
        explorer.set_controls(entries)
        assert explorer.copy.same, entries
        copied = _frame(explorer)
        explorer.copy.same = False  # what update() sets if the two maps ever differed: drawn, not copied
        explorer.render()
        explorer.copy.same = True
        drawn = _frame(explorer)
        difference = np.abs(copied - drawn).max(axis=2)
        assert difference.max() <= 1 and np.count_nonzero(difference) < 300, (entries, np.count_nonzero(difference))
        assert np.abs(drawn[:, : drawn.shape[1] // 2] - drawn[:, drawn.shape[1] // 2:]).max() > 0  # (two panels)


# ----- glyphs rasterised once (calclib.plotting.glyphs) -----

def _text_figure(canvas_class, antialiased=True):
    from calclib.plotting.figure import new_figure as make

    fig, ax = make(width=4, height=3, dpi=100)
    canvas_class(fig)
    fig.set_dpi(200)
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("x label with δ and ĥ")
    ax.text(0.2, 0.5, "rotated 0.125", rotation=33, antialiased=antialiased)
    ax.text(0.5, 0.2, r"$\frac{f(x+h)-f(x)}{h}$ and $\sqrt{2}$", fontsize=14)
    ax.text(0.1, 0.8, "upside down", rotation=180, fontsize=7)
    # glyphs whose bitmaps share pixels (kerned pairs, italic overhangs, heavy strokes), a label the
    # axes clip, one beyond the figure's edge, a translucent one over a line, and several lines
    ax.text(0.05, 0.62, "AVATAR Tyy fjord ffl ŷ", fontsize=15, style="italic", weight="bold")
    ax.text(0.7, 0.35, "clipped by the axes: 0.987654", fontsize=11, clip_on=True)
    ax.text(-0.3, 1.02, "off the figure's left edge WWW", fontsize=12)
    ax.text(0.3, 0.45, "translucent\nlines of 1.25\nand δx", fontsize=10, alpha=0.55, color="C3")
    title = ax.set_title("slope 0")
    return fig, title


@pytest.mark.parametrize("antialiased", [True, False])
def test_glyphs_drawn_from_the_cache_give_matplotlibs_own_pixels(antialiased):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from calclib.plotting.glyphs import SUPPORTED, GlyphCacheCanvas, GlyphCacheRenderer

    if not SUPPORTED:
        pytest.skip("this matplotlib draws text its own way (no glyph cache)")

    stock, stock_title = _text_figure(FigureCanvasAgg, antialiased)
    cached, cached_title = _text_figure(GlyphCacheCanvas, antialiased)
    for k in range(6):  # strings and places that change, as a dragged label's do
        for title in (stock_title, cached_title):
            title.set_text(f"slope {k * 0.137:.7f} at x = 3")
            title.set_x(0.5 + 0.0013 * k)  # positions between pixels
        stock.canvas.draw()
        cached.canvas.draw()
        assert np.array_equal(np.asarray(stock.canvas.buffer_rgba()), np.asarray(cached.canvas.buffer_rgba())), k
    assert isinstance(cached.canvas.get_renderer(), GlyphCacheRenderer) or not GlyphCacheRenderer.glyphs


@pytest.mark.parametrize("step", [1, 2])
def test_snapped_texts_are_matplotlibs_own_at_the_grid_point_and_a_moving_label_keeps_its_glyphs(monkeypatch, step):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from calclib.plotting import glyphs

    if not glyphs.SUPPORTED:
        pytest.skip("this matplotlib draws text its own way (no glyph cache)")
    stock, stock_title = _text_figure(FigureCanvasAgg)
    snapped, snapped_title = _text_figure(glyphs.GlyphCacheCanvas)
    snapped.canvas.snap_text = step
    renderer = stock.canvas.get_renderer()
    own = renderer.draw_text
    renderer.draw_text = lambda gc, x, y, *args, **kwargs: own(
        gc, *glyphs.snapped(x, y, renderer.height, step), *args, **kwargs)
    for k in range(6):
        for title in (stock_title, snapped_title):
            title.set_text(f"slope {k * 0.137:.7f} at x = 3")
            title.set_x(0.5 + 0.0013 * k)
        stock.canvas.draw()
        snapped.canvas.draw()
        assert stock.canvas.get_renderer() is renderer  # (the wrapped one drew)
        assert np.array_equal(np.asarray(stock.canvas.buffer_rgba()), np.asarray(snapped.canvas.buffer_rgba())), k

    def glyphs_rasterised(snap):
        monkeypatch.setattr(glyphs.GlyphCacheRenderer, "glyphs", glyphs._LRU(10_000))
        snapped.canvas.snap_text = snap
        snapped_title.set_text("slope 0.4110000 at x = 3")
        counts = []
        for k in range(8):  # the same label, moved by fractions of a pixel
            snapped_title.set_position((0.5 + 0.0013 * k, 1.0 + 0.0017 * k))
            snapped.canvas.draw()
            counts.append(len(glyphs.GlyphCacheRenderer.glyphs))
        return counts[-1] - counts[0]

    assert glyphs_rasterised(step) == 0
    assert glyphs_rasterised(0) > 20  # the plain way: new bitmaps at every place


@pytest.mark.parametrize("size", [7, 8, 10, 12])
def test_an_explorers_equals_sign_stays_two_bars_on_a_1x_screen(size):
    """An explorer's picture, drawn at twice its size, is halved by a 1x screen: "=" must not become a block."""
    from PIL import Image

    from calclib.plotting import glyphs
    from calclib.plotting.figure import SCALE, new_figure

    if not glyphs.SUPPORTED:
        pytest.skip("this matplotlib draws text its own way (no glyph cache)")
    for offset in np.linspace(0, 0.05, 9):  # baselines on rows of both kinds
        fig, ax = new_figure(width=1, height=1, dpi=100)
        ax.set_axis_off()
        fig.set_dpi(100 * SCALE)
        fig.canvas.snap_text = SCALE  # as an explorer's canvas
        fig.text(0.3, 0.4 + offset, "=", fontsize=size)
        fig.canvas.draw()
        grey = np.asarray(fig.canvas.buffer_rgba())[..., :3].mean(axis=2).astype(np.uint8)
        shown = np.asarray(Image.fromarray(grey).resize((grey.shape[1] // SCALE, grey.shape[0] // SCALE), Image.BOX))
        column = shown[:, np.flatnonzero((shown < 200).any(axis=0))].min(axis=1).astype(int)  # darkest in each row
        inked = np.flatnonzero(column < 230)
        between = column[inked[0]:inked[-1] + 1]
        assert between.max() > 200, f"{size} pt at {offset:.4f}: the bars of = run together ({between.tolist()})"


def test_glyphs_blended_as_one_bitmap_give_the_pixels_of_one_blend_a_glyph():
    """Glyph bitmaps put side by side and blended once give the pixels of one blend each, also where
    two bitmaps overlap (with a pixel both cover, they are blended one by one)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.transforms import Bbox

    from calclib.plotting.glyphs import _paste

    rng = np.random.default_rng(3)
    for trial in range(40):
        pieces = []
        x = int(rng.integers(-8, 20))
        for _ in range(int(rng.integers(1, 7))):
            height, width = (int(v) for v in rng.integers(1, 14, size=2))
            bitmap = (rng.random((height, width)) < 0.6) * rng.integers(1, 256, size=(height, width))
            bitmap[:, :int(rng.integers(0, 3))] = 0  # blank side bearings, as glyphs have
            pieces.append((bitmap.astype(np.uint8), x, int(rng.integers(-4, 40))))
            x += int(rng.integers(width - 4, width + 4)) if trial % 2 else width  # overlapping or side by side
        frames = []
        for joined in (True, False):
            renderer = RendererAgg(48, 48, 72)
            gc = renderer.new_gc()
            gc.set_foreground((0.8, 0.2, 0.1, 0.7 if trial % 3 else 1.0), isRGBA=True)
            gc.set_clip_rectangle(Bbox([[5, 3], [40, 30]]) if trial % 4 == 0 else None)  # a clip box on some
            if joined:
                _paste(pieces, renderer._renderer.draw_text_image, gc)
            else:
                for bitmap, left, top in pieces:
                    renderer._renderer.draw_text_image(bitmap, left, top + bitmap.shape[0], 0, gc)
            frames.append(np.asarray(renderer.buffer_rgba()).copy())
        assert np.array_equal(*frames), trial


def test_font_heights_kept_by_the_renderer_give_matplotlibs_own_layout():
    """Text boxes laid out with the font heights the renderer keeps equal matplotlib's own, for
    several fonts, sizes, resolutions and lines, and after the families' fonts are changed."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from calclib.plotting import glyphs

    if not glyphs.SUPPORTED:
        pytest.skip("this matplotlib draws text its own way (no glyph cache)")

    def boxes(canvas_class, dpi):
        fig, ax = new_figure(width=4, height=3, dpi=100)
        canvas_class(fig)
        fig.set_dpi(dpi)
        texts = [ax.text(0.1, 0.1 * k, text, fontsize=size, weight=weight, family=family)
                 for k, (text, size, weight, family) in enumerate([
                     ("one line", 9, "normal", "sans-serif"), ("two\nlines", 11, "bold", "sans-serif"),
                     ("three\nlines\nof gq", 7.5, "normal", "serif"), ("mono 0.5", 10, "normal", "monospace"),
                     ("", 10, "normal", "sans-serif")])]
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        return [t.get_window_extent(renderer).bounds for t in texts], renderer

    for dpi in (100, 200, 144):
        plain, _ = boxes(FigureCanvasAgg, dpi)
        kept, renderer = boxes(glyphs.GlyphCacheCanvas, dpi)
        assert isinstance(renderer, glyphs.GlyphCacheRenderer) and kept == plain, dpi
    with mpl.rc_context({"font.sans-serif": ["DejaVu Serif"], "font.serif": ["DejaVu Sans Mono"]}):
        assert boxes(glyphs.GlyphCacheCanvas, 200)[0] == boxes(FigureCanvasAgg, 200)[0]
    fig, _ = new_figure()
    renderer = glyphs.attach_canvas(fig).get_renderer()
    fig.set_dpi(fig.dpi * 2)  # the figure's resolution is not the renderer's: matplotlib's own way
    assert renderer._get_font_height_metrics(mpl.font_manager.FontProperties()) == (None, None, None)


def test_the_glyph_cache_is_used_and_stays_within_its_budget(monkeypatch):
    from calclib.plotting import glyphs

    if not glyphs.SUPPORTED:
        pytest.skip("this matplotlib draws text its own way (no glyph cache)")
    monkeypatch.setattr(glyphs.GlyphCacheRenderer, "glyphs", glyphs._LRU(50))
    monkeypatch.setattr(glyphs.GlyphCacheRenderer, "layouts", glyphs._LRU(5))
    fig, title = _text_figure(glyphs.GlyphCacheCanvas)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for k in range(8):
        title.set_text(f"slope {k}")
        title.draw(renderer)
    assert len(glyphs.GlyphCacheRenderer.glyphs) == 50 and len(glyphs.GlyphCacheRenderer.layouts) == 5


def test_without_the_private_parts_it_needs_the_plain_canvas_is_used(monkeypatch):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from calclib.plotting import glyphs

    monkeypatch.setattr(glyphs, "SUPPORTED", False)
    fig, _ = new_figure()
    assert type(glyphs.attach_canvas(fig)) is FigureCanvasAgg
    monkeypatch.setattr(glyphs.RendererAgg, "_draw_text_glyphs_and_boxes", None, raising=False)
    assert glyphs._supported() is False


def test_arrows_that_keep_their_paths_give_matplotlibs_own_pixels():
    """An annotation's arrow with its path kept draws what matplotlib's own arrow draws, as its width,
    colour, ends, style and the figure's resolution change (and works its path out again for each)."""
    from matplotlib.patches import ArrowStyle

    from calclib.plotting.graph import KeptPathArrow, keep_arrow_paths

    def scene(kept):
        fig, ax = new_figure(width=3, height=2, dpi=100)
        ax.set_xlim(0, 4)
        ax.set_ylim(0, 2)
        arrows = [ax.annotate("", xy=(3, 1 + 0.3 * k), xytext=(0.5, 0.4 * k), zorder=2,
                              arrowprops={"arrowstyle": "-|>", "color": "C1", "lw": 1.8, "shrinkA": 28,
                                          "shrinkB": 28, "mutation_scale": 13})
                  for k in range(3)]
        arrows.append(ax.annotate("boxed", xy=(3.5, 0.2), xytext=(1, 1.8), bbox={"boxstyle": "round"},
                                  arrowprops={"arrowstyle": "->", "lw": 1.2}))  # clipped to its text's box
        arrows.append(ax.annotate("", xy=(250, 150), xytext=(40, 30), xycoords="figure pixels",  # the same pixels at
                                  arrowprops={"arrowstyle": "-|>", "shrinkA": 9, "shrinkB": 9}))  # any resolution
        if kept:
            for arrow in arrows:
                keep_arrow_paths(arrow)
        return fig, arrows

    plain, plain_arrows = scene(False)
    kept, kept_arrows = scene(True)
    assert all(isinstance(a.arrow_patch, KeptPathArrow) for a in kept_arrows)
    changes = [lambda a: None, lambda a: a.arrow_patch.set_linewidth(2.6), lambda a: a.arrow_patch.set_color("C3"),
               lambda a: a.arrow_patch.set_linewidth(1.8), lambda a: setattr(a, "xy", (2.5, 0.5)),
               lambda a: a.arrow_patch.set_arrowstyle(ArrowStyle("-|>", head_length=0.8)),
               lambda a: a.arrow_patch.set_mutation_scale(20), lambda a: a.arrow_patch.set_linewidth(2.6)]
    for step, change in enumerate(changes * 2):
        if step == len(changes):
            for fig in (plain, kept):
                fig.set_dpi(200)  # the same changes again at twice the resolution
        for arrows in (plain_arrows, kept_arrows):
            for arrow in arrows:
                change(arrow)
        plain.canvas.draw()
        kept.canvas.draw()
        assert np.array_equal(np.asarray(plain.canvas.buffer_rgba()), np.asarray(kept.canvas.buffer_rgba())), step
    assert 4 <= len(kept_arrows[0].arrow_patch._paths) <= 16


def test_the_backward_walk_works_its_arrows_out_when_it_is_made(monkeypatch):
    """Every backward arrow's path, at both widths, is worked out when the explorer is made: walking the
    steps works out none, and every frame is the one of an explorer that works them out as it draws."""
    from matplotlib.patches import FancyArrowPatch

    from calclib.plotting import graph

    def make():
        x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
        return BackpropExplorer(((x1 + x2) ** 2 + (x1 - x2) ** 2).named("L"))

    worked_out = []
    own = FancyArrowPatch._get_path_in_displaycoord
    monkeypatch.setattr(FancyArrowPatch, "_get_path_in_displaycoord",
                        lambda self: (worked_out.append(self), own(self))[1])
    walk = make()
    assert len(worked_out) >= 2 * len(walk.artists.backward)  # both widths, when it was made
    monkeypatch.setattr(graph, "work_out_arrows", lambda artists, renderer: None)
    monkeypatch.setattr("calclib.widgets.backprop.work_out_arrows", lambda artists, renderer: None)
    plain = make()
    worked_out.clear()
    for step in [*range(1, len(walk.trace.steps) + 1), 3, 0]:
        frames = []
        for explorer in (walk, plain):
            explorer.controls["step"].value = step
            frames.append(np.asarray(explorer.figure.canvas.buffer_rgba()).copy())
        assert np.array_equal(*frames), step
    assert worked_out and not any(arrow in worked_out for arrow in (a.arrow_patch for a in walk.artists.backward.values()))


# ----- frames kept and drawn ahead (calclib.widgets.base.FrameCache) -----

def _pixels(jpeg: bytes) -> np.ndarray:
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(jpeg))).astype(np.int16)


def _grid_values(explorer):
    from calclib.widgets.base import slider_grid, snap

    control = explorer.controls[explorer.main_control or next(iter(explorer.controls))]
    grid = slider_grid(control)
    current = grid.index(snap(control, control.value))
    far = 0 if current > len(grid) // 2 else len(grid) - 1  # the farther end, and the next step towards it
    picks = {far, current + (1 if far > current else -1)} - {current}
    return control, [grid[k] for k in sorted(picks)]


def encode_frame(explorer) -> bytes:
    """The canvas of ``explorer`` encoded whole, as the explorer's frames are (tiles spliced give the same bytes)."""
    from calclib.plotting.jpeg import encode_tiled

    return encode_tiled(np.asarray(explorer.figure.canvas.buffer_rgba()))


def test_a_move_from_the_browser_to_a_kept_frame_shows_it_without_drawing():
    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    control = explorer.controls["size"]
    _, values = _grid_values(explorer)
    explorer.draw_ahead({"size": values[-1]})
    kept = explorer.frames.get(explorer.frame_key({"size": values[-1]}))
    renders = []
    explorer.render = lambda: renders.append(1)
    control.set_state({"value": values[-1]})  # what a message from the browser does
    assert explorer.image.value == kept and not renders and explorer.frames.hits == 1
    assert f"h = {values[-1]:.3g}".rstrip("0") in explorer.text or "h = " in explorer.text
    fresh = SecantExplorer("x^2", x0=3.0, h=values[-1])
    assert explorer.text == fresh.text  # the read-out is computed, not kept
    del explorer.render
    assert np.abs(_pixels(explorer.image.value) - _pixels(fresh.image.value)).max() <= 8
    # the canvas is stale after a kept frame; a saved picture brings it up to date first
    assert explorer._png == fresh._png
    control.value = values[0]  # from Python: drawn, never taken from the store
    assert explorer.frames.hits == 1


@pytest.mark.parametrize("kept", [False, True])
def test_the_new_picture_is_sent_before_the_new_read_out(kept):
    # the browser handles messages in order: a read-out first would be laid out before the picture shows
    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    control = explorer.controls["size"]
    _, values = _grid_values(explorer)
    if kept:
        explorer.draw_ahead({"size": values[-1]})
    sent = []
    for widget, name in ((explorer.image, "picture"), (explorer.readout, "read-out")):
        widget.observe(lambda change, name=name: sent.append(name), names="value")
    control.set_state({"value": values[-1]})
    assert sent == ["picture", "read-out"] and explorer.frames.hits == int(kept)


def spy_drawn_ahead(explorer, name) -> list:
    """The values of control ``name`` whose frames the idle kernel finished drawing ahead, in order."""
    drawn, steps = [], explorer._draw_ahead_steps

    def spied(values, key):
        yield from steps(values, key)
        if key in explorer.frames:
            drawn.append(values[name])

    explorer._draw_ahead_steps = spied
    return drawn


def test_a_move_arriving_while_a_frame_is_drawn_ahead_waits_one_step_and_that_frame_is_dropped():
    import asyncio
    import time

    from calclib.widgets.base import slider_grid

    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    control = explorer.controls["size"]
    grid = slider_grid(control)
    steps, log = explorer._draw_ahead_steps, []

    def spied(values, key):
        for _ in steps(values, key):
            log.append(("step", values["size"]))
            yield

    explorer._draw_ahead_steps = spied

    async def student():
        control.set_state({"value": grid[60]})
        deadline = time.monotonic() + 5
        while not log and time.monotonic() < deadline:  # a turn of the loop at a time, until a frame is begun
            await asyncio.sleep(0)
        first = log[0][1]
        control.set_state({"value": grid[30]})  # a move, handled at once (the frame begun waits)
        log.append(("move", grid[30]))
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        return first

    first = asyncio.run(student())
    assert log[0][0] == "step" and log.index(("move", grid[30])) == 1  # the move came after one step
    assert explorer.frame_key({"size": first}) not in explorer.frames  # dropped half-way, never kept
    assert explorer.text == SecantExplorer("x^2", x0=3.0, h=grid[30]).text
    explorer.ensure_drawn()
    fresh = SecantExplorer("x^2", x0=3.0, h=grid[30])
    assert np.array_equal(np.asarray(explorer.figure.canvas.buffer_rgba()), np.asarray(fresh.figure.canvas.buffer_rgba()))


def test_an_idle_kernel_draws_ahead_nearest_first_and_a_move_goes_before_it():
    import asyncio

    from calclib.widgets.base import slider_grid, snap

    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    control = explorer.controls["size"]
    grid = slider_grid(control)
    drawn = spy_drawn_ahead(explorer, "size")

    async def student():
        control.set_state({"value": grid[60]})
        for _ in range(200):
            await asyncio.sleep(0.01)
            if len(drawn) >= 4:
                break
        assert drawn[:4] == [grid[59], grid[61], grid[58], grid[62]] or drawn[:4] == [grid[61], grid[59], grid[62], grid[58]]
        hits = explorer.frames.hits
        control.set_state({"value": grid[58]})  # drawn ahead: shown from the store
        await asyncio.sleep(0)
        assert explorer.frames.hits == hits + 1
        assert snap(control, control.value) == grid[58] and explorer.text == SecantExplorer("x^2", x0=3.0, h=grid[58]).text
        count = len(drawn)
        control.set_state({"value": grid[20]})  # far away: the plan starts again from there
        for _ in range(200):
            await asyncio.sleep(0.01)
            if len(drawn) >= count + 2:
                break
        assert set(drawn[count:count + 2]) == {grid[19], grid[21]}

    asyncio.run(student())


def test_nothing_is_drawn_ahead_for_changes_made_from_python():
    import asyncio

    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)

    async def notebook_code():
        explorer.controls["size"].value = 0.5
        await asyncio.sleep(0.2)

    asyncio.run(notebook_code())
    assert explorer.frames.drawn_ahead == 0


def test_kept_frames_stay_within_their_budget_and_a_static_change_forgets_them():
    from calclib.widgets.base import FrameCache

    cache = FrameCache(max_bytes=1000)
    for k in range(30):
        cache.put(("v", k), bytes(90))
    assert cache.bytes <= 1000 and len(cache) == 11 and ("v", 29) in cache and ("v", 0) not in cache
    cache.put(("v", 29), bytes(10))
    assert cache.bytes == 10 * 90 + 10
    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    explorer.draw_ahead({"size": 0.5})
    assert len(explorer.frames) == 2
    explorer.controls["function"].value = "sin x"  # another curve: every kept frame is of the old one
    assert len(explorer.frames) == 1 and explorer.frame_key() in explorer.frames


def test_the_ends_of_the_slider_are_drawn_ahead_soon_after_the_nearest_values():
    from calclib.widgets.base import slider_grid

    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    control = explorer.controls["size"]
    grid = slider_grid(control)
    control.set_state({"value": grid[60]})  # no event loop here: the plan is made, nothing drawn
    planned = [value for _, value in explorer._ahead]
    assert set(planned[:4]) == {grid[59], grid[61], grid[58], grid[62]}
    assert set(planned[4:6]) == {grid[0], grid[-1]}
    assert set(planned[6:8]) == {grid[57], grid[63]} and grid[60] not in planned  # the current one is drawn


def test_only_the_explorer_moved_last_draws_ahead():
    import asyncio

    first = SecantExplorer("x^2", x0=3.0, h=1.0)
    second = SecantExplorer("sin x", x0=1.0, h=0.5)

    async def student():
        first.controls["size"].set_state({"value": 0.1})
        for _ in range(100):
            await asyncio.sleep(0.01)
            if first.frames.drawn_ahead >= 2:
                break
        second.controls["size"].set_state({"value": 0.1})
        switched = first.frames.drawn_ahead
        await asyncio.sleep(0.3)
        return switched

    switched = asyncio.run(student())
    assert switched >= 2 and first._ahead == [] and second.frames.drawn_ahead >= 2
    assert first.frames.drawn_ahead == switched  # the first stopped as soon as the second was moved


def test_while_a_frame_is_drawn_ahead_other_threads_see_the_real_controls_and_wait_to_draw():
    """JupyterLab may send widget messages to a kernel subshell (a thread with its own event loop)
    while the main thread draws a frame ahead: that thread must see the controls' real values,
    not the values being drawn ahead, and must wait for the drawing to finish before drawing."""
    import threading

    from calclib.widgets.base import DRAWING

    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    seen = {}
    real_update = explorer.update

    def update():
        if not seen:  # the first update of draw_ahead: the held values are in force in this thread
            def subshell():
                seen["size"] = explorer.controls["size"].value
                seen["key"] = explorer.frame_key()
                seen["free to draw"] = DRAWING.acquire(blocking=False)
                if seen["free to draw"]:
                    DRAWING.release()

            thread = threading.Thread(target=subshell)
            thread.start()
            thread.join()
            seen["here"] = explorer.controls["size"].value
        return real_update()

    explorer.update = update
    explorer.draw_ahead({"size": 0.5})
    assert seen == {"size": 1.0, "key": explorer.frame_key(), "free to draw": False, "here": pytest.approx(0.5, rel=0.01)}
    assert explorer.controls["size"].value == 1.0  # and in this thread too, once the frame is drawn


def test_a_key_press_on_another_thread_while_a_frame_is_drawn_ahead_waits_for_it_and_is_drawn():
    """A key press after a pause is drawn at once, inside its own message; on a subshell thread that can
    be while the main thread is inside a step of a frame drawn ahead. It must wait for that step (not
    close the frame's generator under it: "generator already executing"), then show its own frame."""
    import threading
    import time

    from calclib.widgets.base import DRAWING, MAX_FRAME_GAP_S, slider_grid

    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    control = explorer.controls["size"]
    target = slider_grid(control)[30]
    errors, real_update = [], explorer.update

    def key_press():
        try:
            control.set_state({"value": target})  # as a message from the browser sets it
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    subshell = threading.Thread(target=key_press)

    def update():
        if not subshell.is_alive() and not subshell.ident:  # the frame drawn ahead sets its values
            subshell.start()
            subshell.join(timeout=0.5)  # the key press has arrived (and waits for the lock this thread holds)
        return real_update()

    explorer.update = update
    time.sleep(MAX_FRAME_GAP_S)  # a pause: the key press is drawn at once
    with DRAWING:  # a step of a frame drawn ahead, as the idle kernel takes it
        explorer._ahead_job = explorer._draw_ahead_steps({"size": 0.5}, explorer.frame_key({"size": 0.5}))
        next(explorer._ahead_job)
    subshell.join(timeout=10)
    assert errors == [] and not subshell.is_alive()
    assert next(explorer._ahead_job, "stopped") == "stopped"  # the frame begun gave way to the real one
    assert explorer.text == SecantExplorer("x^2", x0=3.0, h=target).text


@pytest.mark.parametrize("values", [{}, {"speed": 0.5}, [("size", 0.5)], None])
def test_drawing_ahead_names_the_controls_it_can_hold(values):
    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    with pytest.raises(ValueError, match=r"^`values` must map names of this explorer's controls \(function, x0, "):
        explorer.draw_ahead(values)


PAIR_ALPHABET = ("0123456789.-+= ,:;()[]{}|/'%*<>!?_^abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                 "ffiflĥéøßÆ×·°±²µ−≈→∇∂′≤≥ᵀ₁₂…" "δΔσθ" "ab+-=0.1 ")


@pytest.mark.parametrize("weight, style, size, dpi", [("normal", "normal", 10, 200), ("normal", "normal", 8.5, 144),
                                                    ("bold", "normal", 12, 200), ("normal", "italic", 9, 200)])
def test_strings_laid_out_from_pairs_match_freetype_and_harfbuzz(weight, style, size, dpi):
    """The pair layout gives exactly what full shaping gives (glyphs, places, box), or declines."""
    import random

    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import get_hinting_flag

    from calclib.plotting.glyphs import SUPPORTED, PairShaper, scripts

    if not SUPPORTED:
        pytest.skip("this matplotlib shapes text its own way (no pair layout)")
    font = font_manager.get_font(font_manager.findfont(font_manager.FontProperties(weight=weight, style=style)))
    flags = get_hinting_flag()
    rng = random.Random(7)
    laid = declined = 0
    font.set_size(size, dpi)
    shaper = PairShaper(font, flags)
    strings = ["".join(rng.choice(PAIR_ALPHABET) for _ in range(rng.randint(1, 30))) for _ in range(100)]
    strings += [f"x = {rng.uniform(-9, 9):.3f}" for _ in range(60)]  # numbers being dragged: pairs come back
    strings += [f"Δ{rng.choice('xyu')} = {rng.uniform(-1, 1):.4g}  (×{rng.uniform(-9, 9):.3g}) σ(T)" for _ in range(40)]
    strings += ["coefficient", "office", "ffl", "AVATAR", "T.V.", "Δx = 0.1", "σ(x)", "x (σ)", "-T", "f′(x) = 6"]
    # "-T" is kerned in a Latin run; after "σ(y)" the ")" and "-" belong to the Greek run (a closing
    # bracket joins the run of its opening one), so "-T" there crosses runs and is not kerned
    strings += ["f(y)-T", "σ(y)-T", "Δ(y) -T", "d(y) -T"]
    reused = 0
    for s in strings:
        runs = scripts(s)
        reused += len(s) > 2 and all((s[k - 1], s[k], runs[k - 1], runs[k]) in shaper.pairs for k in range(1, len(s)))
        composed, metrics = shaper.layout(s), shaper.metrics(s)
        assert (composed is None) == (metrics is None), s
        if composed is None:
            declined += 1
            continue
        laid += 1
        full = tuple((item.ft_object, item.glyph_index, item.x, item.y) for item in font._layout(s, flags=flags))
        assert composed == full, s
        font.set_text(s, 0.0, flags=flags)
        assert metrics == (*font.get_width_height(), font.get_descent()), s
    assert laid > 100 and declined > 10 and reused > 25  # both ways, and strings made of pairs learned before
    # a word with a ligature is shaped alone and the rest laid out from pairs; a ligature at a word's
    # edge (its first or last glyph is not one character) sends the string to full shaping
    words = ["magnifier: d = |x − 1| = 0.125", "coefficient", "office", "an affine map (T) fl", "fix", "wifi",
             "σ (office) T", "Δ [affine] V", "σ(office)"]  # a word whose runs differ from its runs alone
    words += [f"magnifier: d = {rng.uniform(0, 1):.3g},  s = |f(x) − 2| = {rng.uniform(0, 1):.3g}" for _ in range(20)]
    for s in words:
        composed, metrics = shaper.layout(s), shaper.metrics(s)
        assert (composed is None) == (metrics is None), s
        if s in ("fix", "wifi", "an affine map (T) fl"):
            assert composed is None, s
        elif s.startswith("magnifier") or s in ("coefficient", "office"):
            assert composed is not None, s
        if composed is not None:
            full = tuple((item.ft_object, item.glyph_index, item.x, item.y) for item in font._layout(s, flags=flags))
            assert composed == full, s
            font.set_text(s, 0.0, flags=flags)
            assert metrics == (*font.get_width_height(), font.get_descent()), s
    assert sum(word == "magnifier:" for word, _ in shaper.words) == 1  # each word shaped once
    assert shaper.layout("Δx = 0.1, σ(T)") is not None  # Greek runs beside Latin ones: from pairs


@pytest.mark.parametrize("weight, size, dpi", [("normal", 9, 160), ("normal", 10, 160), ("bold", 12, 200)])
def test_number_pairs_learned_up_front_lay_numbers_out_as_freetype_and_harfbuzz_do(weight, size, dpi):
    """The pairs of NUMBER_CHARS learned in one shaping when an explorer is made give the layout full shaping
    gives to numbers and labels never seen, with no further shaping."""
    import random

    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import get_hinting_flag

    from calclib.plotting.glyphs import NUMBER_CHARS, SUPPORTED, PairShaper, every_pair

    if not SUPPORTED:
        pytest.skip("this matplotlib shapes text its own way (no pair layout)")
    assert all(a + b in every_pair(NUMBER_CHARS) for a in NUMBER_CHARS for b in NUMBER_CHARS)
    font = font_manager.get_font(font_manager.findfont(font_manager.FontProperties(weight=weight)))
    flags = get_hinting_flag()
    font.set_size(size, dpi)
    shaper = PairShaper(font, flags)
    for prefix in ("", "x "):
        assert shaper.learn_pairs(prefix + every_pair(NUMBER_CHARS)) > 100
    learned = dict(shaper.pairs)
    rng = random.Random(3)
    strings = [f"{rng.uniform(-99, 99):.{rng.randint(0, 5)}f}".replace("-", "−") for _ in range(80)]
    strings += [f"grad {rng.uniform(-9, 9):.4g} × ({rng.uniform(-9, 9):.3g}) = [[{rng.randint(-3, 3)}, 0.25]]"
                for _ in range(40)]
    for s in strings:
        composed, metrics = shaper.layout(s), shaper.metrics(s)
        full = tuple((item.ft_object, item.glyph_index, item.x, item.y) for item in font._layout(s, flags=flags))
        assert composed == full, s
        font.set_text(s, 0.0, flags=flags)
        assert metrics == (*font.get_width_height(), font.get_descent()), s
    new = {key for key in shaper.pairs if key not in learned}
    assert all(a.isalpha() or b.isalpha() for a, b, _, _ in new), new  # only pairs beside the letters of "grad"


def test_an_explorer_learns_the_number_pairs_of_its_labels_fonts_when_it_is_made():
    from matplotlib.backends.backend_agg import get_hinting_flag

    from calclib.plotting.glyphs import SUPPORTED

    if not SUPPORTED:
        pytest.skip("this matplotlib shapes text its own way (no pair layout)")
    explorer = _backprop()
    renderer = explorer.figure.canvas.get_renderer()
    title = explorer.artists.title.get_fontproperties()
    font = renderer._prepare_font(title)
    shaper = renderer._shaper(font, title.get_size_in_points(), get_hinting_flag())
    assert shaper.numbers_learned and ("4", ".", "L", "L") in shaper.pairs and ("−", "1", "", "") in shaper.pairs


# ----- JPEG frames encoded a changed tile at a time (calclib.plotting.jpeg) -----

@pytest.mark.parametrize("height, width", [(800, 2000), (672, 1344), (760, 1920), (684, 1150), (37, 53), (16, 16)])
def test_frames_encoded_a_changed_tile_at_a_time_are_the_whole_encoding(height, width):
    """Each frame spliced from tiles is the file the whole canvas encoded at once with the same restart
    markers gives, byte for byte, edges cut short included (so it decodes to the same pixels)."""
    from calclib.plotting import jpeg

    if not jpeg.RESTARTS:
        pytest.skip("this Pillow writes no restart markers: every frame is encoded whole")
    rng = np.random.default_rng(height + width)
    encoder = jpeg.TileEncoder()
    canvas = np.full((height, width, 4), 255, np.uint8)
    canvas[::7, :, :3] = 40
    kept = 0
    for step in range(24):
        frame = canvas.copy()
        if step % 5 != 4:  # a patch and a line move; every fifth frame changes nothing
            y, x = rng.integers(0, height), rng.integers(0, width)
            frame[y:y + 30, x:x + 70, :3] = rng.integers(0, 255, 3)
            frame[:, (13 * step) % width, :3] = 0  # across every row of tiles, as a secant line is
            frame[height - 1, :width // 3, 0] = step  # the last row, beyond which the writer pads
            frame[:, width - 1, 1] = 10 * step  # and the last column
        if step in (8, 9):
            frame[...] = rng.integers(0, 255, frame.shape)  # everything changed: encoded whole, and the
            canvas = frame  # frames after it too, for a few frames, before they are compared again
        before, whole_before = encoder.tiles_kept, encoder.frames_whole
        spliced = encoder.encode(frame)
        kept += encoder.tiles_kept > before
        if step in (0, 8, 10, 11):  # the first, one changed everywhere, and the frames after it
            assert encoder.frames_whole == whole_before + 1, step
        whole = jpeg.encode_tiled(frame)
        assert spliced == whole, step
        assert np.array_equal(_pixels(spliced), _pixels(whole)), step
    if height > 100:
        assert kept >= 8  # tiles that did not change were not encoded again


@pytest.mark.parametrize("height, width", [(684, 1150), (800, 2000)])
def test_a_frame_that_comes_back_is_encoded_from_what_the_canvas_holds(height, width):
    """Frames that go back and forth (a key pressed left, then right) are each the file of the canvas as
    it is now: the encoder compares with the frame it encoded last, edge tiles included."""
    from calclib.plotting import jpeg

    if not jpeg.RESTARTS:
        pytest.skip("this Pillow writes no restart markers: every frame is encoded whole")
    encoder = jpeg.TileEncoder()
    frames = []
    for k in range(3):
        frame = np.full((height, width, 4), 255, np.uint8)
        frame[height - 5:, :, 0] = 10 * k  # the bottom row of tiles, cut short
        frame[:, width - 3:, 1] = 20 * k  # the right column
        frame[height // 2:height // 2 + 20, width // 3:width // 3 + 30, 2] = 30 * k  # a tile inside
        frames.append(frame)
    for k in [0, 1, 0, 1, 2, 0, 2, 1, 1, 0]:
        assert encoder.encode(frames[k]) == jpeg.encode_tiled(frames[k]), k
    assert encoder.tiles_kept > 0


def test_without_restart_markers_every_frame_is_encoded_whole(monkeypatch):
    from calclib.plotting import jpeg

    monkeypatch.setattr(jpeg, "RESTARTS", False)
    encoder = jpeg.TileEncoder()
    frame = np.full((64, 96, 4), 200, np.uint8)
    for value in (10, 10, 90):
        frame[5:20, 7:40, 0] = value
        assert encoder.encode(frame) == jpeg.encode(frame)
    assert encoder.tiles_encoded == encoder.tiles_kept == 0


def test_an_explorers_frames_decode_to_the_pixels_of_its_canvas_encoded_whole():
    """Frames of a moved explorer (spliced from changed tiles, drawn ahead or not) decode as the canvas does."""
    from calclib.plotting.figure import encode_jpeg

    explorer = SecantExplorer("x^2", x0=3.0, h=1.0)
    for h in (0.5, 0.25, 1e-3, 0.5):
        explorer.controls["size"].value = h
        assert explorer.image.value == encode_frame(explorer), h
        assert np.array_equal(_pixels(explorer.image.value), _pixels(encode_jpeg(explorer.figure))), h
    explorer.draw_ahead({"size": 0.1})
    assert np.array_equal(_pixels(explorer.frames.get(explorer.frame_key({"size": 0.1}))),
                          _pixels(encode_jpeg(explorer.figure)))
    from calclib.plotting.jpeg import RESTARTS

    assert explorer.encoder.tiles_kept > explorer.encoder.tiles_encoded / 4 or not RESTARTS


# ----- heat maps painted cell for pixel (calclib.plotting.cells) -----

@pytest.mark.parametrize("missing", [True, False], ids=["a cell missing", "opaque"])
@pytest.mark.parametrize("view", ["whole", "zoomed", "inverted"])
def test_cells_painted_pixel_by_pixel_give_pcolormeshs_own_pixels(view, missing, monkeypatch):
    from matplotlib.image import AxesImage

    from calclib.plotting.cells import CellImage, cell_image
    from calclib.plotting.figure import new_figure as make

    rng = np.random.default_rng(3)
    data = rng.normal(size=(37, 53))
    data[-1, 5] = 9.0  # one far above the rest
    if missing:
        data[0, 0] = np.nan  # seen through: blended by Agg
    blends = []  # images drawn matplotlib's way (blended by Agg): none where every cell is opaque
    draw = AxesImage.draw
    monkeypatch.setattr(AxesImage, "draw", lambda *a, **k: (blends.append(1), draw(*a, **k))[1])
    pictures = []
    for kind in ("mesh", "cells"):
        fig, ax = make(width=3.1, height=2.3, dpi=100)
        fig.set_dpi(200)
        if kind == "mesh":
            ax.pcolormesh(np.linspace(-1, 2, 54), np.linspace(0, 1, 38), data, cmap="viridis", antialiased=False)
        else:
            image = cell_image(ax, data, extent=(-1, 2, 0, 1), cmap="viridis")
            assert isinstance(image, CellImage)
        if view == "zoomed":
            ax.set_xlim(-0.3, 1.1)
            ax.set_ylim(0.2, 0.7)
        elif view == "inverted":
            ax.invert_xaxis()
        blends.clear()
        fig.canvas.draw()
        pictures.append(np.asarray(fig.canvas.buffer_rgba()).copy())
    assert len(blends) == (1 if missing else 0)
    assert np.array_equal(*pictures)
