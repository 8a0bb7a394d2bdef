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


def test_invisible_and_empty_labels_draw_nothing():
    fig, text, background = _canvas_with({})
    sprites = TextSprites()
    blank = _drawn(fig, Text(), background)  # nothing on the background
    text.set_visible(False)
    assert np.array_equal(_drawn(fig, text, background, sprites), blank)
    text.set_visible(True)
    text.set_text("")
    assert np.array_equal(_drawn(fig, text, background, sprites), blank)
