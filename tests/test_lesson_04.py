"""Lesson 04: the explorer exercise driven through the explorer's own controls, and the figure fixes."""
import numpy as np
import pytest
import sympy as sp

import calclib as cl
from calclib.plotting import new_figure
from calclib.plotting.rules import plot_product_rectangle
from calclib.widgets.rules import ProductRuleExplorer


def f(t):
    return t**2


def g(t):
    return t + 1


def share_in_readout(text):
    """The corner's share, in percent, as the read-out prints it."""
    return float(text.split("(")[1].split(" %")[0])


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_corner_exercise_is_found_with_the_dx_slider():
    """Slide dx down from its start (as the notebook asks) until the corner is at most 1 % of the growth."""
    e = ProductRuleExplorer(f, g, x0=1.0, dx=0.1, x_range=(0.8, 1.2))
    dx = e.controls["dx"]
    assert share_in_readout(e.text) > 1
    exponent = np.log10(dx.value)
    while share_in_readout(e.text) > 1:
        exponent -= dx.step
        dx.value = 10**exponent
    found = dx.value
    assert found == pytest.approx(0.0251, rel=1e-2)
    # the figure shows it too: the marker sits at (dx, share) at or under the dotted 1 % line
    marker_x, marker_y = e.share_artists.marker.get_xdata()[0], e.share_artists.marker.get_ydata()[0]
    assert marker_x == found and marker_y <= 1 and marker_y == pytest.approx(share_in_readout(e.text), rel=1e-2)
    assert cl.check("04.corner-dx", found).correct
    dx.value = 10 ** (exponent + dx.step)  # one step larger: the corner is over 1 %, and the checker says so
    assert share_in_readout(e.text) > 1
    feedback = cl.check("04.corner-dx", dx.value)
    assert not feedback.correct and "more than 1 %" in feedback.message


def test_share_curve_is_traced_as_dx_comes_down_and_its_title_says_so():
    """The curve runs from the slider's largest dx down to the current one, marker at its left end, so
    the starting view (dx = 0.1) does not yet reach the 1 % line the prediction asks about; the title
    tells why the left of the panel starts empty (a student read found the stub puzzling); the axis
    spans the slider; the share is in proportion to dx (slope 1)."""
    from calclib.widgets.base import slider_grid

    e = ProductRuleExplorer(f, g, x0=1.0, dx=0.1, x_range=(0.8, 1.2))
    ax = e.share_artists.curve.axes
    lo, hi = ax.get_xlim()
    slider = e.controls["dx"]
    assert "traced as you slide dx down" in ax.get_title()
    assert lo <= slider.base**slider.min < 1.5 * lo and hi / 1.5 < slider.base**slider.max <= hi  # the axis fits the slider
    xs, ys = (np.asarray(v, dtype=float) for v in e.share_artists.curve.get_data())
    assert ys.min() > 1  # the starting view stops short of the dotted 1 % line
    for dx in slider_grid(slider)[::-1]:
        slider.value = dx
        xs, ys = (np.asarray(v, dtype=float) for v in e.share_artists.curve.get_data())
        assert dx * (1 - 1e-9) <= xs.min() < 1.2 * dx and xs.max() == pytest.approx(slider.base**slider.max), dx
        marker_x, marker_y = (float(v[0]) for v in e.share_artists.marker.get_data())
        assert marker_x == pytest.approx(dx)
    assert ys.min() < 1 < ys.max()  # at the smallest dx, traced across the 1 % line
    assert np.polyfit(np.log10(xs), np.log10(ys), 1)[0] == pytest.approx(1, abs=0.05)  # slope 1: in proportion


def test_share_curve_ends_inside_the_picture():
    """The curve's right end sat on the picture's right edge (3 CSS px from it)."""
    from calclib.plotting.figure import SCALE

    e = ProductRuleExplorer(f, g, x0=1.0, dx=0.1, x_range=(0.8, 1.2))
    e.render()
    curve = e.share_artists.curve
    ends = curve.axes.transData.transform(np.column_stack(curve.get_data()))
    assert ends[:, 0].max() <= e.figure.bbox.x1 - 12 * SCALE


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_share_curve_follows_x():
    e = ProductRuleExplorer(f, g, x0=1.0, dx=1e-4, x_range=(0.8, 1.2))
    before = e.share_artists.curve.get_ydata().copy()
    e.controls["x"].value = 1.2
    assert not np.allclose(e.share_artists.curve.get_ydata(), before)
    slope = np.polyfit(np.log10(e.share_artists.curve.get_xdata()[:20]), np.log10(e.share_artists.curve.get_ydata()[:20]), 1)[0]
    assert slope == pytest.approx(1, abs=0.02)  # the share is proportional to dx


def test_static_rectangle_axes_end_just_past_the_rectangle():
    fig, ax = new_figure()
    inc = cl.product_increment(f, g, 1.0, 0.3)
    plot_product_rectangle(ax, inc)
    assert inc.f + inc.df <= ax.get_xlim()[1] <= 1.2 * (inc.f + inc.df)
    assert inc.g + inc.dg <= ax.get_ylim()[1] <= 1.2 * (inc.g + inc.dg)


def test_explorer_rectangle_fits_its_largest_state():
    e = ProductRuleExplorer(f, g, x0=1.0, dx=0.1, x_range=(0.8, 1.2))
    e.controls["x"].value, e.controls["dx"].value = 1.2, 10 ** -0.5
    ax = e.artists.base.axes
    assert e.artists.corner.get_x() + e.artists.corner.get_width() <= ax.get_xlim()[1]
    assert e.artists.corner.get_y() + e.artists.corner.get_height() <= ax.get_ylim()[1]
    assert ax.get_xlim()[1] < 2.6  # not the old 4.2


@pytest.mark.parametrize("answer, words", [
    (2 * sp.Symbol("x") * sp.cos(sp.Symbol("x")), "multiplied the two derivatives"),
    (2 * sp.Symbol("x") * sp.sin(sp.Symbol("x")), "change through g is missing"),
    (sp.Symbol("x") ** 2 * sp.cos(sp.Symbol("x")), "change through f is missing"),
    # found by a student read: the function itself got only the general hint
    (sp.Symbol("x") ** 2 * sp.sin(sp.Symbol("x")), "the function, not its derivative"),
])
def test_product_rule_mistakes_get_their_hint(answer, words):
    feedback = cl.check("04.product-expression", answer)
    assert not feedback.correct and words in feedback.message


def test_explain_exercise():
    assert cl.check("04.why-no-corner", " B ").correct
    for wrong in "acd":
        feedback = cl.check("04.why-no-corner", wrong)
        assert not feedback.correct and f"({wrong})" in feedback.message


def test_quotient_rule_derivation_lines_are_not_rubber_stamped():
    """The notebook's check of each line says NO to a wrong line (a plus sign in step 3)."""
    x = sp.Symbol("x")
    F, G = sp.Function("f")(x), sp.Function("g")(x)
    target = sp.diff(F / G, x)
    right = (sp.diff(F, x) * G - F * sp.diff(G, x)) / G**2
    wrong = (sp.diff(F, x) * G + F * sp.diff(G, x)) / G**2
    assert sp.simplify(right - target) == 0 and sp.simplify(wrong - target) != 0


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_readout_ties_the_strips_over_dx_to_the_product_rule():
    """The read-out showed (f·Δg + g·Δf)/dx with nothing tying it to f′g + fg′ (a student read): it now gives
    f′g + fg′ at the same x and says the first tends to the second as dx → 0; the notebook's numbers are its own."""
    import json
    import re

    from tests.conftest import ROOT

    t = sp.Symbol("t")
    rule = sp.diff(t**2, t) * (t + 1) + t**2 * sp.diff(t + 1, t)  # f′g + fg′
    e = ProductRuleExplorer(f, g, x0=1.0, dx=0.1, x_range=(0.8, 1.2))
    readings = {}
    for x0 in (1.0, 0.8, 1.2):
        e.controls["x"].value = x0
        for dx in (10**-0.5, 0.1, 0.01, 1e-3, 1e-4):
            e.controls["dx"].value = dx
            strips = float(re.search(r"\(f·Δg \+ g·Δf\)/dx = ([0-9.e+−]+)", e.text).group(1).replace("−", "-"))
            limit = float(re.search(r"f′g \+ fg′ = ([0-9.e+−]+) as dx → 0", e.text).group(1).replace("−", "-"))
            assert "tend to f′g + fg′" in e.text and "the product rule" in e.text
            assert limit == pytest.approx(float(rule.subs(t, x0)), rel=1e-6)
            # the gap is g·(Δf/dx − f′) = g·dx exactly for f = x², so it shrinks in proportion to dx
            assert strips - limit == pytest.approx(g(x0) * dx, rel=1e-3, abs=1e-6)
            readings[(x0, round(np.log10(dx), 2))] = (strips, limit)
    cells = json.loads((ROOT / "notebooks" / "04_differentiation_rules.ipynb").read_text())["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert readings[(1.0, -1.0)] == (5.2, 5.0) and readings[(1.0, -3.0)] == (5.002, 5.0)
    assert "it is 5.2 at $dx = 0.1$ and 5.002 at $dx = 0.001$" in text and "That limit is the product rule" in text


def test_corner_dx_tolerance_stated_is_the_one_the_checker_applies_around_the_answer():
    from tests.test_lesson_05 import assert_stated_tolerance_is_about

    low, high = 0.01, 0.05  # the corner's share at x = 1 is under 1 % at 0.01, over it at 0.05: bisect
    while high - low > 1e-9:
        middle = (low + high) / 2
        low, high = (middle, high) if cl.product_increment(f, g, 1.0, middle).corner_share <= 0.01 else (low, middle)
    assert low == pytest.approx(0.02519, abs=1e-6)
    assert assert_stated_tolerance_is_about("04.corner-dx", low) == 0.0008


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_the_strips_are_read_out_to_four_digits_at_every_dx():
    """The read-out jumped from 'f·Δg = 0.1, g·Δf = 0.42' to '0.0891251, 0.372387, 0.0165945' at the next step
    of dx (a student read): the strips and the corner are written to 4 significant digits throughout; only
    their sum over dx keeps 6, to show it close in on f′g + fg′."""
    import re

    from calclib.widgets.base import slider_grid
    from calclib.widgets.rules import ProductRuleExplorer

    explorer = ProductRuleExplorer(lambda t: t**2, lambda t: t + 1, x0=1.0, dx=0.1, x_range=(0.8, 1.2))
    for dx in slider_grid(explorer.controls["dx"]):
        explorer.controls["dx"].value = dx
        for name in ("f·Δg", "g·Δf", "corner Δf·Δg"):
            value = re.search(re.escape(name) + r" = ([^ ,(]+)", explorer.text).group(1)
            digits = value.replace("−", "").split("e")[0].replace(".", "").lstrip("0")
            assert len(digits) <= 4, (dx, name, value)


# A student read of 04 (session 8): the common wrong answers each get a hint that names the slip.
X = sp.Symbol("x", positive=True)


def test_product_rule_with_a_minus_sign_is_told_the_minus_belongs_to_the_quotient_rule():
    feedback = cl.check("04.product-expression", 2 * X * sp.sin(X) - X**2 * sp.cos(X))
    assert not feedback.correct and "quotient rule" in feedback.message and "adds" in feedback.message


def test_quotient_value_of_one_half_names_both_ways_to_get_it():
    message = cl.check("04.quotient-value", 0.5).message
    assert "x/(x + 1) itself" in message and "g(1)² = 4" in message


@pytest.mark.parametrize("answer, words", [(2.5, "as the slider shows it"), (2.51, "as the slider shows it"),
                                           (1, "1 % is the corner's share")])
def test_corner_dx_read_as_a_percentage_or_without_its_power_of_ten_gets_its_hint(answer, words):
    feedback = cl.check("04.corner-dx", answer)
    assert not feedback.correct and words in feedback.message
    assert "0.025" not in feedback.message and "0.0251" not in feedback.message  # no hint gives the answer away


def test_corner_solution_quotes_dx_as_the_slider_shows_it():
    """The slider reads 0.0251 (readout_format .3); the solution wrote 2.51 × 10^{-2}, which a student
    looking at the slider had to translate."""
    import json
    from pathlib import Path

    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / "04_differentiation_rules.ipynb").read_text())
    solution = next("".join(c["source"]) for c in nb["cells"]
                    if c["cell_type"] == "markdown" and "0.4\\,dx = 0.01" in "".join(c["source"]))
    e = ProductRuleExplorer(f, g, x0=1.0, dx=0.1, x_range=(0.8, 1.2))
    dx = e.controls["dx"]
    shown = []
    for exponent in (-1.6, -1.55):  # the last step at or under 1 %, and the next one up
        dx.value = 10**exponent
        shown.append((format(dx.value, dx.readout_format), share_in_readout(e.text)))
    assert shown[0][1] <= 1 < shown[1][1]
    for text, share in shown:
        assert f"dx = {text}$" in solution and f"{share:.3g} %" in solution, (text, share)
    assert "10^{-2}" not in solution


def test_the_corner_share_is_written_to_three_figures_in_the_table_the_text_and_the_explorer():
    """The table printed 3.881701 % beside the text's 3.9 % and the explorer's 3.88 % (a student read):
    all three now give the share to 3 significant figures."""
    import json

    from calclib.rules import product_increment_table
    from tests.conftest import ROOT

    f, g = (lambda t: t**2), (lambda t: t + 1)
    table = repr(product_increment_table(f, g, 1.0, [0.3, 0.1, 0.01]))
    assert "11%" in table and "3.88%" in table and "0.399%" in table and "3.881701" not in table
    cells = json.loads((ROOT / "notebooks" / "04_differentiation_rules.ipynb").read_text())["cells"]
    text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "a share of 3.88 % at $dx = 0.1$" in text
    e = ProductRuleExplorer(f, g, x0=1.0, dx=0.1, x_range=(0.5, 1.5))
    assert "3.88%" in e.text.replace(" %", "%")


def test_quotient_numerator_in_the_wrong_order_is_told_so():
    """Found by a student read: -0.25, from fg' − f'g, was told only "check each minus sign"."""
    message = cl.check("04.quotient-value", -0.25).message
    assert "wrong order" in message and "f' first" in message


def test_gain_is_recalled_where_the_quotient_rule_uses_it():
    """Found by a student read: "gain" (notebook 03's word for a link's derivative) came back unexplained."""
    import json
    import re

    from tests.conftest import ROOT
    cells = json.loads((ROOT / "notebooks" / "04_differentiation_rules.ipynb").read_text())["cells"]
    first = next("".join(c["source"]) for c in cells
                 if c["cell_type"] == "markdown" and re.search(r"\bgain\b", "".join(c["source"])))
    assert "its gain (its own\nderivative, as in notebook 03)" in first
    # a second read: where the outer gain −u⁻² is taken, at u = g, so that −g⁻² follows
    assert "takes that gain at $u = g$" in first and "which gives $-g^{-2}$" in first


def test_corner_solution_puts_in_the_values_at_x_equal_to_one():
    """Found by a student read: the worked solution jumped from f'g'dx²/((fg' + gf')dx) to
    (2·1/5)dx without saying f, g, f', g' at x = 1, nor that the growth was taken as the two
    strips alone. Each value is now written down, and the fraction's numbers are the rule's own."""
    import json
    from tests.conftest import ROOT

    path = ROOT / "notebooks" / "04_differentiation_rules.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    solution = next("".join(c["source"]) for c in cells
                    if c["cell_type"] == "markdown" and "0.4\\,dx = 0.01" in "".join(c["source"]))
    at = 1.0
    values = {"f": f(at), "g": g(at), "f'": 2 * at, "g'": 1.0}  # f = x², g = x + 1
    for name, value in values.items():
        assert f"${name} = {value:g}$" in solution or f"{name} = 2x = {value:g}$" in solution, name
    assert "the two strips" in solution
    # f'g' over f g' + g f', in that order
    assert "\\frac{2 \\cdot 1}{1 \\cdot 1 + 2 \\cdot 2}" in solution
    v = values
    assert v["f'"] * v["g'"] / (v["f"] * v["g'"] + v["g"] * v["f'"]) == 0.4


@pytest.mark.parametrize("answer, words", [
    (0.2, "cut off after 1 significant figure, not rounded"),  # was "rounded to 1 significant figure": 0.25 rounds to 0.3
    (0, "is not 0 here: at x = 1 it is 1·2 − 1·1 = 1"),
])
def test_second_read_quotient_value_slips_get_their_own_hints(answer, words):
    feedback = cl.check("04.quotient-value", answer)
    assert not feedback.correct and words in feedback.message


def test_the_product_rule_multiplied_instead_of_added_is_told_so():
    x = sp.Symbol("x")
    feedback = cl.check("04.product-expression", 2 * x * sp.sin(x) * sp.cos(x))
    assert not feedback.correct and "does not multiply them together" in feedback.message


def test_a_derivative_check_shows_as_a_table_like_the_others():
    """A second student read: the wrong-claim check printed as monospace text, unlike every other table."""
    x = sp.Symbol("x")
    result = cl.check_derivative(x**3 * sp.sin(x), x, [0.5, 1.0], claimed=3 * x**2 * sp.cos(x))
    page = result._repr_html_()
    assert page.startswith("<table>") and "<td>NO</td>" in page and "<th>sympy agrees</th>" in page


def test_the_text_says_where_the_rectangle_stops_showing_the_strips():
    """A second student read: at dx ≤ 0.02 the left picture showed no strips or corner, and nothing said why."""
    import json

    from tests.conftest import ROOT
    cells = json.loads((ROOT / "notebooks" / "04_differentiation_rules.ipynb").read_text())["cells"]
    intro = next("".join(c["source"]) for c in cells if "".join(c["source"]).startswith("## Try it: shrink the corner"))
    assert "Below $dx \\approx 0.02$ the strips on the left are thin lines" in intro
