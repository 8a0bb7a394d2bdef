"""Lesson 01 (limits): the explorer exercise driven through its controls, the magnifier, the legends."""
import json
import re

import numpy as np
import pytest

import calclib as cl
from calclib.exercises import check
from calclib.widgets import EpsilonDeltaExplorer, LimitExplorer
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("warnings_are_errors")

F = cl.Quotient(lambda x: x**2 - 1, lambda x: x - 1)
Q = cl.Quotient(lambda t: t**3 - 1, lambda t: t - 1)


def test_curved_delta_is_found_with_the_explorer_and_accepted():
    e = EpsilonDeltaExplorer(Q, a=1, limit=3, x_range=(0, 2), epsilon=1.0, name="q")
    assert "δ = 0.303" in e.text  # the starting view: the right side limits delta
    e.controls["epsilon"].value = 0.3
    delta = float(re.search(r"δ = ([0-9.e-]+)", e.text).group(1))
    assert delta == pytest.approx(0.0969, abs=5e-5)
    assert e.artists.delta_band.get_width() == pytest.approx(2 * delta, rel=1e-3)
    # the right edge of the band is where q leaves 3 + ε: the curve, not the band, sets delta
    assert Q(1 + delta) == pytest.approx(3.3, abs=1e-3)
    assert check("01.curved-delta", delta).correct
    assert "straight-line guess" in check("01.curved-delta", 0.1).message
    assert "both sides" in check("01.curved-delta", 0.1036).message


def test_the_magnifier_keeps_point_and_hole_apart_at_every_distance():
    e = LimitExplorer(F, a=1, limit=2, x_range=(0, 2), distance=1e-3, side=1)
    assert e.text.startswith("x = 1.001, f(x) = 2.001")
    for distance in (1e-3, 1e-6):
        e.controls["distance"].value = distance
        e.render()
        zoom = e.zoom.axes
        assert f"d = |x − 1| = {distance:g}" in e.zoom.title.get_text()
        point = zoom.transData.transform(np.column_stack(e.zoom.point.get_data()))[0]
        hole = zoom.transData.transform([[0.0, 0.0]])[0]
        assert np.hypot(*(point - hole)) > 40  # pixels: clearly apart in the magnifier
        main = e.artists.point.axes.transData
        apart = main.transform([[1 + distance, 2 + distance]])[0] - main.transform([[1.0, 2.0]])[0]
        assert np.hypot(*apart) < 1  # while on the full graph they sit on one pixel


def test_legends_name_no_undefined_symbol():
    e = EpsilonDeltaExplorer(F, a=1, limit=2)
    labels = [t.get_text() for t in e.figure.axes[0].get_legend().get_texts()]
    assert any(label.startswith("2 ± ε") for label in labels) and any(label.startswith("1 ± δ") for label in labels)
    limit = LimitExplorer(F, a=1, limit=2)
    labels += [t.get_text() for t in limit.figure.axes[0].get_legend().get_texts()]
    for label in labels:
        assert not re.search(r"\b[aL]\b", label), label  # a and L were undefined letters in the legends


def test_root_limit_read_off_the_table_is_accepted():
    table = cl.approach_table(cl.Quotient(lambda t: np.sqrt(1 + t) - 1, lambda t: t), 0, steps=[0.1, 0.01, 0.001])
    read = round(float(table.right_fx[0]), 4)
    assert read == 0.4999 and check("01.root-limit", read).correct
    assert check("01.root-limit", round(float(table.left_fx[-1]), 4)).correct


def test_rounding_cause_matches_the_table_it_explains():
    step = cl.stored_step(1, 1e-15)
    typed, stored = step.table(lambda t: t**2).rows[0][2], step.table(lambda t: t**2).rows[1][2]
    assert typed == pytest.approx(2 * step.stored / step.typed) and stored == pytest.approx(2)
    assert check("01.rounding-cause", "b").correct
    for wrong in "acd":
        message = check("01.rounding-cause", wrong).message
        assert f"({wrong})" in message


def test_notebook_01_is_self_contained_and_uses_ell_for_the_limit():
    cells = json.loads((ROOT / "notebooks" / "01_limits.ipynb").read_text())["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "chapter" not in text.lower() and "Calculus foundations" not in text
    assert r"\ell" in text and "L ±" not in text
    assert "solution cells below each exercise" not in text
