"""Lesson 02 (derivatives): the best step found with the secant explorer, the derivations, the animation."""
import io
import json
import re

import numpy as np
import pytest
import sympy as sp
from PIL import Image

import calclib as cl
from calclib.exercises import check
from calclib.plotting import new_figure, secant_animation
from calclib.plotting.style import COLORS
from calclib.widgets import SecantExplorer
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("warnings_are_errors")


def gap(text):
    return float(re.search(r"\|secant − f′\(x\)\| = ([0-9.e+-]+)", text).group(1))


def test_best_step_is_found_by_sliding_h_and_accepted():
    e = SecantExplorer("x^2", x0=3.0, h=0.1)
    e.controls["function"].value = "e^x"
    e.controls["x0"].value = 1.0
    slider = e.controls["size"]
    readings = {}
    for k in range(0, 121):  # every position of the |h| slider, from 1 down to 1e-12
        slider.value = 10.0 ** (slider.max - k * slider.step)
        readings[slider.value] = gap(e.text)
        marker_h, marker_gap = (float(v[0]) for v in e.error.marker.get_data())
        assert marker_h == pytest.approx(slider.value) and marker_gap == pytest.approx(max(readings[slider.value], 1e-17), rel=0.05)
    best = min(readings, key=readings.get)
    assert check("02.best-step", best).correct, best
    # the read-out really stops shrinking there: ten times larger and a hundred times smaller are worse
    assert readings[best] < readings[min(readings, key=lambda h: abs(np.log10(h / (10 * best))))]
    assert readings[best] < readings[min(readings, key=lambda h: abs(np.log10(h / (best / 100))))]
    assert "rounding" in check("02.best-step", 1e-12).message
    assert "still falling" in check("02.best-step", 1e-4).message


def test_error_panel_falls_like_h_then_rises():
    e = SecantExplorer("e^x", x0=1.0, h=0.1)
    hs, errors = e.error.curve.get_data()
    slope = np.polyfit(np.log10(hs[(hs >= 1e-4) & (hs <= 1e-1)]), np.log10(errors[(hs >= 1e-4) & (hs <= 1e-1)]), 1)[0]
    assert slope == pytest.approx(1.0, abs=0.05)
    assert errors[hs < 1e-11].min() > 10 * errors.min()  # below the best step, rounding wins


def test_key_limits_and_derivatives_from_the_definition():
    h, x = sp.symbols("h x")
    assert sp.limit((sp.exp(h) - 1) / h, h, 0) == 1 and sp.limit(sp.sin(h) / h, h, 0) == 1
    assert sp.limit((sp.cos(h) - 1) / h, h, 0) == 0
    assert sp.simplify(sp.limit((sp.exp(x + h) - sp.exp(x)) / h, h, 0) - sp.exp(x)) == 0
    assert sp.simplify(sp.limit((sp.sin(x + h) - sp.sin(x)) / h, h, 0) - sp.cos(x)) == 0
    for step in (1e-3, -1e-3):  # the approach tables close in on 1 from both sides
        assert abs((np.exp(step) - 1) / step - 1) < 1e-3 and abs(np.sin(step) / step - 1) < 1e-6


def test_animation_is_readable_and_small():
    fig, ax = new_figure(width=6.4, height=4.0)
    anim = secant_animation(ax, cl.catalog()["x^2"], 3.0, [1.0, 0.7, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01])
    image = Image.open(io.BytesIO(anim.png))
    assert anim.size == (640, 400) and image.size == (1280, 800)  # shown at 640 x 400 (was 403 x 259, 7-pixel text), drawn at 2x
    assert image.n_frames >= 9
    assert len(anim.png) < 150_000
    image.seek(0)
    colours = {c for _, c in image.convert("RGB").getcolors(1 << 16)}
    secant = tuple(int(COLORS["secant"][i:i + 2], 16) for i in (1, 3, 5))
    assert secant in colours  # the palette keeps the set's colours true


def test_implement_and_richardson_exercises():
    assert check("02.central", lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h)).correct
    assert not check("02.central", lambda f, x, h: (f(x + h) - f(x)) / h).correct
    d = lambda s: (np.exp(1 + s) - np.exp(1 - s)) / (2 * s)  # noqa: E731
    assert check("02.richardson", (4 * d(0.05) - d(0.1)) / 3).correct
    assert check("02.richardson", np.e).correct  # the exact value, at 6 significant figures
    assert "h²" in check("02.richardson", 2 * d(0.05) - d(0.1)).message
    assert "smaller step" in check("02.richardson", (4 * d(0.1) - d(0.05)) / 3).message
    assert check("02.cube-slope", ((2 + 1e-3) ** 3 - 8) / 1e-3).correct


def test_notebook_02_defines_i_and_im_before_the_complex_step_formula():
    cells = json.loads((ROOT / "notebooks" / "02_derivatives.ipynb").read_text())["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert text.index("imaginary unit") < text.index(r"\operatorname{Im} f(x + ih)/h")
    assert text.index(r"\operatorname{Im}$ for the imaginary part") < text.index(r"\operatorname{Im} f(x + ih)/h")
    assert "chapter" not in text.lower()
