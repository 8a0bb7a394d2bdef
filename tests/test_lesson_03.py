"""Lesson 03 (chain rule): the amplifier's bars drawn to one scale, the silent-nudge exercise, the neuron."""
import json
import re

import numpy as np
import pytest
import sympy as sp

import calclib as cl
from calclib.exercises import check
from calclib.widgets.chain import ChainExplorer
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("warnings_are_errors")

x, u, y = sp.symbols("x u y")
CHAIN = cl.Chain(x, [(u, 3 * x + 1), (y, u**2)])


def test_bars_show_every_nudge_to_one_scale_whatever_dx():
    e = ChainExplorer(CHAIN, x0=2.0, dx=1e-3, x_range=(-2.0, 3.0))
    widths = [bar.get_width() for bar in e.bars.bars]
    assert widths == pytest.approx([1, 3, 42.009], rel=1e-6)
    assert "Δy = 0.04201" in e.bars.labels[2].get_text() and "×14" in e.bars.labels[2].get_text()
    e.render()
    ax = e.bars.bars[0].axes
    pixels = [abs(ax.transData.transform([[w, 0]])[0][0] - ax.transData.transform([[0, 0]])[0][0]) for w in widths]
    assert pixels[0] >= 5 and pixels[2] / pixels[0] == pytest.approx(42.009, rel=1e-3)  # visible and to scale
    e.controls["dx"].value = 1e-6
    assert [bar.get_width() for bar in e.bars.bars] == pytest.approx([1, 3, 42], rel=1e-4)


def test_silent_nudge_is_found_with_the_x_slider_and_accepted():
    e = ChainExplorer(CHAIN, x0=2.0, dx=1e-3, x_range=(-2.0, 3.0))
    slider = e.controls["x"]
    lengths = {}
    for k in range(int(round((slider.max - slider.min) / slider.step)) + 1):
        slider.value = round(slider.min + k * slider.step, 10)
        lengths[slider.value] = e.bars.bars[-1].get_width()
        product = float(re.search(r"product ([0-9.e+-]+)", e.text).group(1))
        assert lengths[slider.value] == pytest.approx(product, abs=0.01)
    smallest = min(lengths, key=lambda t: abs(lengths[t]))
    assert smallest == pytest.approx(-0.35)
    assert abs(lengths[smallest]) < 0.01 * abs(lengths[2.0])  # the Δy bar has all but vanished
    assert e.bars.bars[1].get_width() == pytest.approx(3)  # while Δu is still there
    assert check("03.silent-nudge", smallest).correct
    assert check("03.silent-nudge", sp.Rational(-1, 3)).correct


def test_neuron_answers_and_the_implement_exercise():
    assert check("03.neuron-gradient", 1.180).correct
    assert "output weight" in check("03.neuron-gradient", 0.3932).message

    def slope(w, x_in, b, v):
        s = 1 / (1 + np.exp(-(w * x_in + b)))
        return v * s * (1 - s) * x_in

    assert check("03.neuron-slope", slope).correct
    assert not check("03.neuron-slope", lambda w, x_in, b, v: v * x_in / (1 + np.exp(-(w * x_in + b)))).correct
    h = 1e-6  # the chain-rule function agrees with a central difference
    for w in (-1.0, 0.5, 2.0):
        numeric = (1.5 / (1 + np.exp(-((w + h) * 2 - 0.3))) - 1.5 / (1 + np.exp(-((w - h) * 2 - 0.3)))) / (2 * h)
        assert slope(w, 2.0, -0.3, 1.5) == pytest.approx(numeric, rel=1e-6)


def test_notebook_03_keeps_h_for_steps_only():
    cells = json.loads((ROOT / "notebooks" / "03_chain_rule.ipynb").read_text())["cells"]
    text = "\n".join("".join(c["source"]) for c in cells)
    assert "h = \\sigma" not in text and 'sp.symbols("h")' not in text and "(h, sigma)" not in text
    assert "a = \\sigma(wx + b)" in text
    assert "chapter" not in text.lower()
