"""Lesson 05: explorer exercises driven through the controls, colour bars, the loss axis, divergence."""
import json
import re

import numpy as np
import pytest

import calclib as cl
from calclib.descent import gradient_descent
from calclib.landscapes import catalog
from calclib.plotting import new_figure
from calclib.plotting.landscape import VALUE_RANGE, plot_descent
from calclib.widgets.landscape import DirectionDialExplorer, GradientDescentExplorer, LandscapeExplorer
from tests.conftest import ROOT


def test_largest_rate_is_found_with_the_slider():
    """Start where the notebook does (diverging), lower the rate step by step until the read-out says converged."""
    e = GradientDescentExplorer("elongated bowl", learning_rate=0.112)
    assert "diverged" in e.text and "too large" in e.text
    rate = e.controls["rate"]
    exponent = np.log10(rate.value)
    while "converged after" not in e.text:
        exponent -= rate.step
        rate.value = 10**exponent
    found = rate.value
    assert found == pytest.approx(0.0891, rel=1e-2)
    assert e.artists.title.get_text().endswith("converged")
    assert cl.check("05.largest-rate", found).correct
    rate.value = 10 ** (exponent + rate.step)  # one step up (0.1): no longer converges
    assert "not converging" in e.text and "oscillating" in e.artists.title.get_text()
    assert cl.check("05.largest-rate", 0.1).correct  # the edge itself, from the arithmetic
    feedback = cl.check("05.largest-rate", 0.112)
    assert not feedback.correct and "does not converge" in feedback.message


def converges(text):
    """Whether a read-out says the walk converged or is still converging (not: oscillating, diverged)."""
    assert ("converged after" in text) + ("still converging" in text) + ("not converging" in text) \
        + ("diverged after" in text) == 1, text
    return "converged after" in text or "still converging" in text


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_convergence_is_lost_at_one_rate_only():
    """Down the whole slider of the elongated bowl, the read-out says converged or still converging at every
    rate below 0.1 and neither at 0.1 and above: one boundary, where the exercise asks for it. A walk that ends
    near the minimum (f below 1e-10) is never called anything but converged or still converging; every read-out
    that stops at the step limit names it as the text does ("100 steps"), and no title says "max steps"."""
    e = GradientDescentExplorer("elongated bowl", learning_rate=0.112)
    rate = e.controls["rate"]
    seen = []
    for k in range(round((rate.max - rate.min) / rate.step) + 1):
        rate.value = 10 ** (rate.min + k * rate.step)
        path = e._walk(catalog()["elongated bowl"], rate.value)  # the walk the read-out describes
        seen.append((rate.value, converges(e.text)))
        if path.values[-1] < 1e-10:
            assert converges(e.text), e.text
        if path.steps == 100 and path.status != "converged":
            assert "100 steps" in e.text, e.text
        assert "max steps" not in e.artists.title.get_text()
    assert [r for r, ok in seen if ok] == [r for r, _ in seen if r < 0.1 - 1e-9]
    assert any(r < 0.0708 + 1e-4 and r > 0.0707 for r, ok in seen if ok)  # 0.0708: f = 8.8e-13, converging
    for name, limit in (("bowl", 100), ("rosenbrock", 2000)):  # the limits the text states
        e.controls["landscape"].value = name
        rate.value = 10**rate.min  # slow: stops at the limit
        assert f"{limit} steps" in e.text and "still converging" in e.text, e.text


def test_saved_view_shows_divergence_above_the_start():
    e = GradientDescentExplorer("elongated bowl", learning_rate=0.112)
    values = e.artists.values.get_ydata()
    assert values[-1] > 1e10 * values[0]  # the loss curve climbs far above its start ...
    assert values.max() <= e.artists.values.axes.get_ylim()[1]  # ... and stays on the axis


def test_converged_loss_stays_on_the_axis():
    land = catalog()["elongated bowl"]
    path = gradient_descent(land, land.gradient, [4.0, 2.0], learning_rate=0.09, steps=100)
    fig, axes = new_figure(1, 2)
    artists = plot_descent(axes[0], axes[1], land, path, max_steps=100)
    low = axes[1].get_ylim()[0]
    assert path.values[-1] > low and artists.values.get_ydata()[-1] == pytest.approx(path.values[-1])
    assert low == VALUE_RANGE[0]


def test_contour_maps_have_a_colour_bar():
    e = LandscapeExplorer("bowl", point=(3.0, 4.0))
    assert any(ax.get_ylabel() == "height f(x, y)" for ax in e.figure.axes)
    d = GradientDescentExplorer("elongated bowl")
    assert len(d.figure.axes) == 3
    d.controls["landscape"].value = "rosenbrock"  # the old colour bar goes, the new one comes
    assert len(d.figure.axes) == 3
    assert d.text.startswith("rosenbrock")


MINUS = "\u2212"


def dial_slope(text: str) -> str:
    """The slope ∇f · u as the dial's read-out prints it, after its sum of products ("= 8" or "≈ 0.02271")."""
    return re.search(r"∇f · u = .* [=≈] ([^;]*);", text).group(1)


def number(text):
    """A number as a read-out prints it (with a minus sign, −, not a hyphen)."""
    return float(text.strip("()").replace(MINUS, "-"))


def unbracketed_negative_factors(text):
    """The factors of printed products a·b that are negative without brackets: "6·-0.07", "-6·0.5"."""
    after = re.findall(r"·\s*[−-][\d.]+", text)
    before = re.findall(r"(?<![\w(.])[−-]\d[\d.]*(?:e[+−-]?\d+)?·", text)
    return after + before


def breaks_inside_a_word(explorer):
    """Words of the read-out (runs without spaces) in which a browser may break a line: a word the widget's
    HTML does not hold in a span that never wraps (the explorers' base class puts every word in one: |∇f|,
    ∂f/∂x and f′(x) stay whole with no invisible word joiner in the text), or one with a hyphen-minus
    (a number's sign is the minus sign, −, as in every read-out)."""
    import html

    kept = [html.unescape(word) for word in
            re.findall(r'<span style="white-space:nowrap">(.*?)</span>', explorer.readout.value)]
    words = explorer.text.split()
    return [word for word in words if "-" in word or "\u2060" in word] + (
        [] if " ".join(kept).split() == words else ["(not kept whole)"])


def colour_bar_room(fig):
    """Points between the colour bar's label and the y label of the panel to its right (their boxes)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    bar = next(ax for ax in fig.axes if ax.get_ylabel() == "height f(x, y)")
    right = next(ax for ax in fig.axes if ax.get_position().x0 > bar.get_position().x1)
    gap = right.yaxis.label.get_window_extent(renderer).x0 - bar.yaxis.label.get_window_extent(renderer).x1
    return gap * 72 / fig.dpi


def test_colour_bar_label_has_room_before_the_next_panel():
    """The contour map's colour bar label and the loss plot's y label, side by side, stay at least 12 pt
    apart (the default layout left 7 pt between their boxes: the letters nearly touched), in the notebook's
    figure and in the explorer on every landscape."""
    land = catalog()["elongated bowl"]
    path = gradient_descent(land, land.gradient, [4.0, 2.0], learning_rate=0.09, steps=100)
    fig, axes = new_figure(1, 2, width=9.6, height=3.8, dpi=80)  # as the notebook draws it
    plot_descent(axes[0], axes[1], land, path, max_steps=100)
    assert colour_bar_room(fig) >= 12
    e = GradientDescentExplorer("elongated bowl", learning_rate=0.112)
    assert colour_bar_room(e.figure) >= 12
    for name in ("bowl", "rosenbrock", "elongated bowl"):  # a new landscape lays the figure out again
        e.controls["landscape"].value = name
        assert colour_bar_room(e.figure) >= 12, name


def test_rosenbrock_colour_bar_reads_in_decades():
    """On Rosenbrock's valley (a log colour scale) the colour bar is labelled at whole powers of ten, at least
    four of them, not at the levels' odd values (it showed a stray 1.42384×10² and 10⁻² only)."""
    e = GradientDescentExplorer("elongated bowl", learning_rate=0.112)
    e.controls["landscape"].value = "rosenbrock"
    e.figure.canvas.draw()
    bar = next(ax for ax in e.figure.axes if ax.get_ylabel() == "height f(x, y)")
    ticks = [t for t in bar.get_yticks() if bar.get_ylim()[0] <= t <= bar.get_ylim()[1]]
    assert len(ticks) >= 4 and all(np.log10(t) == round(np.log10(t)) for t in ticks), ticks
    labels = [t.get_text() for t in bar.get_yticklabels() if t.get_text()]
    assert len(labels) == len(ticks) and not any("\\times" in t or "." in t for t in labels), labels
    assert colour_bar_room(e.figure) >= 12


def test_diverged_path_stops_where_it_leaves_the_window():
    """A diverging walk is drawn up to the first point outside the window only (its later jumps crossed the
    window again and again, a solid band over the minimum), and the minimum's star is drawn above the path."""
    e = GradientDescentExplorer("elongated bowl", learning_rate=0.112)
    ax = e.artists.path.axes
    xs, ys = e.artists.path.get_data()
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    inside = (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)
    assert inside[:-1].all() and not inside[-1] and len(xs) < 10  # it leaves after a few jumps
    star = next(line for line in ax.get_lines() if line.get_label() == "minimum")
    assert star.get_zorder() > e.artists.path.get_zorder()
    e.controls["rate"].value = 10**-1.05  # a converging walk is drawn whole
    assert len(e.artists.path.get_xdata()) == 82


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_dial_readout_brackets_every_negative_factor():
    """The read-out writes ∇f · u out as a sum of products: a negative factor stands in brackets with a
    minus sign, 6·(−0.06976), never 6·-0.06976; the printed products add up to the printed slope."""
    for point in ((3.0, 4.0), (-3.0, -4.0), (3.0, -4.0)):
        e = DirectionDialExplorer("bowl", point=point, angle_degrees=0)
        for angle in range(0, 360, 7):
            e.controls["angle"].value = angle
            assert not unbracketed_negative_factors(e.text), e.text
            assert not breaks_inside_a_word(e), e.text  # every minus is a minus sign
            terms, sign, slope = re.search(r"∇f · u = (.*) ([=≈]) ([^;]*);", e.text).groups()
            products = [np.prod([number(f) for f in term.split("·")]) for term in terms.split(" + ")]
            assert sum(products) == pytest.approx(number(slope), abs=2e-3), e.text  # 4 figures each
            # "=" only where the printed products give the printed slope (to its 4 figures), "≈" elsewhere
            exact = float(f"{sum(products):.4g}") == number(slope)
            assert sign == ("=" if exact else "≈"), e.text
    e = DirectionDialExplorer("bowl", point=(3.0, 4.0), angle_degrees=94)
    assert "u = (−0.06976, 0.9976): ∇f · u = 6·(−0.06976) + 8·0.9976 = 7.562;" in e.text  # by hand 7.56224
    e.controls["angle"].value = 143  # a student read: 6·(−0.7986) + 8·0.6018 is 0.0228 by hand
    assert "∇f · u = 6·(−0.7986) + 8·0.6018 ≈ 0.02271;" in e.text
    e.controls["angle"].value = 90
    assert "∇f · u = 6·0 + 8·1 = 8;" in e.text


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_every_readout_of_the_lesson_brackets_negative_factors():
    """The other two explorers print no product with a negative factor either, over their sliders, and
    wrap between words only."""
    e = LandscapeExplorer("bowl", point=(3.0, 4.0))
    for x, y in ((-3.0, -4.0), (2.5, -1.5), (-6.0, 6.0)):
        e.set_controls({"x": x, "y": y})
        assert not unbracketed_negative_factors(e.text) and not breaks_inside_a_word(e), e.text
    d = GradientDescentExplorer("elongated bowl", learning_rate=0.112)  # diverged: "more than 1e6 from the origin"
    for name in ("elongated bowl", "rosenbrock"):
        d.controls["landscape"].value = name
        assert not unbracketed_negative_factors(d.text) and not breaks_inside_a_word(d), d.text
    d.controls["rate"].value = 1e-4  # stops short on the valley's left side, at a negative x
    assert "at (−1.309, 1.722)" in d.text and not breaks_inside_a_word(d), d.text


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_level_angle_is_found_with_the_dial():
    e = DirectionDialExplorer("bowl", point=(3.0, 4.0), angle_degrees=90)
    angle = e.controls["angle"]
    slope = lambda: number(dial_slope(e.text))  # the value of ∇f · u in the read-out
    best = min(range(90, 181), key=lambda a: (setattr(angle, "value", a), abs(slope()))[1])
    angle.value = best
    assert best == 143 and abs(slope()) < 0.05
    assert abs(e.artists.marker.get_ydata()[0]) < 0.05  # the marker sits on the zero line
    assert cl.check("05.level-angle", best).correct
    feedback = cl.check("05.level-angle", 53.13)
    assert not feedback.correct and "steepest ascent" in feedback.message


def test_central_gradient_exercise_catches_a_forward_difference():
    def forward(f, p, h):
        return np.array([(f(p + h * e) - f(p)) / h for e in np.eye(p.size)])

    def only_two_dimensions(f, p, h):
        return np.array([(f(p + [h, 0]) - f(p - [h, 0])) / (2 * h), (f(p + [0, h]) - f(p - [0, h])) / (2 * h)])

    assert not cl.check("05.central-gradient", forward).correct
    feedback = cl.check("05.central-gradient", only_two_dimensions)
    assert not feedback.correct and "p[0] * p[1] * p[2]" in feedback.message
    assert " at 0x" not in feedback.message  # the test function prints as its formula


def test_directional_accepts_an_exact_form():
    import sympy as sp

    assert cl.check("05.directional", 7 * sp.sqrt(2)).correct
    assert "unit vector" in cl.check("05.directional", 14).message


def test_table_states_the_stopping_rules_its_code_uses():
    """The text beside the learning-rate table names the tolerance and the step limit the table's code passes,
    and those rules, applied to the runs' end points, give the table's verdicts."""
    import json

    from tests.conftest import ROOT

    cells = json.loads((ROOT / "notebooks" / "05_gradients.ipynb").read_text(encoding="utf-8"))["cells"]
    at = next(i for i, c in enumerate(cells) if "for rate in (0.01, 0.05, 0.09, 0.15)" in "".join(c["source"]))
    code, text = "".join(cells[at]["source"]), "".join(cells[at - 1]["source"])
    assert "steps=100, tolerance=1e-6" in code
    assert "10^{-6}" in text and "after 100 steps" in text and "10^6" in text
    assert "max steps" not in code + text and "not converged" not in text
    bowl = catalog()["elongated bowl"]
    for rate in (0.01, 0.05, 0.09, 0.1):
        walk = gradient_descent(bowl, bowl.gradient, [4.0, 2.0], learning_rate=rate, steps=100, tolerance=1e-6)
        level = np.linalg.norm(bowl.gradient(walk.points[-1])) < 1e-6
        falling = walk.values[50] - walk.values[100] > 1e-6 * walk.values[50] if not level else None
        assert walk.status == ("converged" if level else "converging" if falling else "oscillating")
        assert level or walk.steps == 100


def test_largest_rate_tolerance_stated_is_the_one_the_checker_applies_around_the_true_boundary():
    """The exercise said 'good to within ±0.0075' but the checker took 0.085 to 0.1: 0.0891, 0.011 from the
    true boundary 0.1, was accepted, and 0.105, 0.005 from it, refused (a student read). The boundary is
    measured here with the explorer's own rules; every answer within the stated ± of it is accepted, none
    beyond it (give or take one of the checker's bins), and both slider rates either side of it pass."""
    from calclib.exercises import exercises

    exercise = exercises()["05.largest-rate"]
    plus_minus = float(re.search(r"good to within ±([0-9.]+)$", exercise.describe()).group(1))
    bowl = catalog()["elongated bowl"]

    def converges(rate):
        walk = gradient_descent(bowl, bowl.gradient, [4.0, 2.0], learning_rate=rate, steps=100, tolerance=1e-6)
        return walk.status in ("converged", "converging")

    low, high = 0.05, 0.15  # converges at 0.05, not at 0.15: bisect the boundary between them
    assert converges(low) and not converges(high)
    while high - low > 1e-7:
        middle = (low + high) / 2
        low, high = (middle, high) if converges(middle) else (low, middle)
    assert low == pytest.approx(0.1, abs=1e-6)  # the arithmetic: |1 - 20η| < 1
    boundary = low
    for answer in np.linspace(boundary - plus_minus, boundary + plus_minus, 41)[1:-1]:
        assert cl.check("05.largest-rate", float(answer)).correct, answer
    bin_width = 2 * plus_minus / 20
    for answer in (boundary - plus_minus - bin_width, boundary + plus_minus + bin_width):
        assert not cl.check("05.largest-rate", float(answer)).correct, answer
    for answer in (10**-1.05, 0.1):  # the slider's last converging rate and its first that does not
        assert cl.check("05.largest-rate", answer).correct
    from tests.conftest import ROOT

    notebook = (ROOT / "notebooks" / "05_gradients.ipynb").read_text(encoding="utf-8")
    assert notebook.count(f"good to within ±{plus_minus:g}") == 2  # the question and the answer cell's comment


def assert_stated_tolerance_is_about(key, truth):
    """The ± an Interval exercise states holds about the true answer: every answer inside it passes, none a
    bin (a twentieth of the range) beyond it. The ranges were not centred on the answers (a student read)."""
    from calclib.exercises import exercises

    plus_minus = float(re.search(r"good to within ±([0-9.]+)$", exercises()[key].describe()).group(1))
    for answer in np.linspace(truth - plus_minus, truth + plus_minus, 41)[1:-1]:
        assert cl.check(key, float(answer)).correct, (key, answer)
    for answer in (truth - 1.1 * plus_minus, truth + 1.1 * plus_minus):
        assert not cl.check(key, float(answer)).correct, (key, answer)
    return plus_minus


def test_level_angle_tolerance_stated_is_the_one_the_checker_applies_around_the_true_angle():
    angles = np.radians(np.linspace(90, 180, 900_001))
    truth = float(np.degrees(angles[np.argmin(np.abs(np.array([6.0, 8.0]) @ [np.cos(angles), np.sin(angles)]))]))
    assert truth == pytest.approx(143.13, abs=0.001)  # where ∇f(3, 4) · u = 0, between 90° and 180°
    assert assert_stated_tolerance_is_about("05.level-angle", truth) == 0.75
    assert cl.check("05.level-angle", 143).correct and not cl.check("05.level-angle", 144).correct  # the dial's steps


def test_exercise_hints_answer_the_common_slips():
    """Found by a student read: the descent question's general hint spoke of steepest ascent; (−3, −4), 10 (|∇f|),
    arctan 0.75 and one dial step off the level angle got only general hints."""
    for wrong in ((-0.6, 0.8), (0.8, 0.6)):
        message = cl.check("05.descent-direction", wrong).message
        assert "descent" in message and "ascent" not in message.replace("descent", ""), message
    assert "length 5" in cl.check("05.descent-direction", (-3, -4)).message
    assert "|∇f|" in cl.check("05.directional", 10).message
    assert "arctan" in cl.check("05.level-angle", 36.87).message
    e = DirectionDialExplorer("bowl", point=(3.0, 4.0), angle_degrees=90)
    slopes = {}
    for angle in (142, 143, 144):
        e.controls["angle"].value = angle
        slopes[angle] = abs(float(dial_slope(e.text).replace("−", "-")))
    assert min(slopes, key=slopes.get) == 143  # the dial's answer: the read-out's slope nearest 0
    assert cl.check("05.level-angle", 143).correct
    for near in (142, 144):
        assert "one degree at a time" in cl.check("05.level-angle", near).message, near


def test_contour_levels_are_round_heights_and_the_bowl_point_lies_on_one():
    """Found by a student read: the colour bars read 4.8, 14.4, 24.0, … and 18.3, 55.0, 91.7, …: hard to read,
    and the point (3, 4) of the text, at height 25, lay on no labelled line."""
    e = LandscapeExplorer("bowl", point=(3.0, 4.0))
    d = GradientDescentExplorer("elongated bowl", learning_rate=0.112)
    for fig, step in ((e.figure, 5), (d.figure, 20)):
        cs = next(c for ax in fig.axes for c in ax.collections if hasattr(c, "levels") and len(c.levels) > 5)
        assert len(cs.levels) >= 10 and all(level % step == 0 for level in cs.levels), cs.levels
    assert 25 in e.artists.point.axes.collections[0].levels


def test_read_outs_and_legends_use_only_words_the_notebook_defines():
    """Found by a student read: the dial's legend said "unit steps (the budget)" (no budget in the notebook), and
    the diverged read-out said "|x| passed 1e+06" where x is the first coordinate (the text: "more than 10^6 away
    from the origin")."""
    dial = DirectionDialExplorer("bowl", point=(3.0, 4.0), angle_degrees=90)
    labels = [t.get_text() for ax in dial.figure.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert labels and not any("budget" in label for label in labels), labels
    d = GradientDescentExplorer("elongated bowl", learning_rate=0.112)
    assert "|x|" not in d.text and "e+0" not in d.text
    assert d.text.endswith("(stopped once the point was more than 1e6 from the origin)")


def test_largest_rate_solution_names_the_rates_as_the_slider_shows_them():
    """Found by a student read: the worked solution said "8.91 × 10⁻²" and "1.00 × 10⁻¹" where the slider shows
    0.0891 and 0.1."""
    from tests.test_lesson_06 import d3_format

    import json
    from tests.conftest import ROOT

    cells = json.loads((ROOT / "notebooks" / "05_gradients.ipynb").read_text(encoding="utf-8"))["cells"]
    solution = next("".join(c["source"]) for c in cells if "convergence is lost at the boundary" in "".join(c["source"]))
    rate = GradientDescentExplorer("elongated bowl").controls["rate"]
    for exponent in (-1.05, -1.0, -1.15):
        shown = d3_format(10**exponent, rate.readout_format)
        assert re.search(rf"(?<![\d.]){re.escape(shown)}(?!\d)", solution), (exponent, shown)
    assert "\\times 10^" not in solution


def test_dial_title_and_read_out_print_the_same_numbers():
    """Found by a student read: at 144° the title said u = (−0.809, 0.588), ∇f · u = −0.1518 and the read-out
    below it u = (−0.809, 0.5878), = −0.15182."""
    e = DirectionDialExplorer("bowl", point=(3.0, 4.0), angle_degrees=90)
    for angle in (0, 53, 90, 143, 144, 271):
        e.controls["angle"].value = angle
        title = e.artists.title.get_text()
        u, slope = re.fullmatch(r"u = (\(.*?\)):\s+∇f · u = (\S+)", title).groups()
        assert e.text.startswith(f"u = {u}: ") and dial_slope(e.text) == slope, (title, e.text)


def test_slips_found_in_a_student_read_of_the_exercises_get_their_own_hint():
    """Found by a student read (session 9): the gradient (6, 8)/√2 typed where the slope along (1, 1) is asked
    got only "you gave an array"; 9.8 (7√2 cut off, not rounded) got the method repeated; `/ 2*h` in
    central_gradient (Python divides by 2, then multiplies by h) got "returned [4e-08 ...], which is not right"."""
    for vector in ((6.0, 8.0), np.array([6.0, 8.0]) / np.sqrt(2)):
        message = cl.check("05.directional", vector).message
        assert "you gave an array" in message and "dot product" in message, message
    message = cl.check("05.directional", 9.8).message
    assert "cut off" in message and "give 4" in message, message
    assert cl.check("05.directional", 9.899).correct and cl.check("05.directional", 9.9).correct  # one unit of slack

    def precedence(f, p, h):
        return np.array([(f(p + h * e) - f(p - h * e)) / 2 * h for e in np.eye(len(p))])

    message = cl.check("05.central-gradient", precedence).message
    assert "/ (2*h)" in message and "returned" not in message, message


def test_dial_draws_the_contour_line_its_text_speaks_of():
    """Found by a student read (session 9): the text and the exercise say that at the level angle u runs along the
    contour line, and the dial's left panel drew no contour line. Its direction is now drawn through the point,
    at right angles to ∇f, and the u of the level angle (143.13°) lies along it."""
    e = DirectionDialExplorer("bowl", point=(3.0, 4.0), angle_degrees=143)
    ax = e.artists.u_arrow.axes
    level = [line for line in ax.get_lines() if "contour line" in line.get_label()]
    assert len(level) == 1 and level[0].get_linestyle() == "--"
    ends = level[0].get_xydata()
    direction = (ends[1] - ends[0]) / np.linalg.norm(ends[1] - ends[0])
    assert np.allclose(ends.mean(axis=0), (3.0, 4.0))
    assert abs(direction @ np.array([6.0, 8.0])) < 1e-12  # at right angles to the gradient
    assert np.linalg.norm(ends[1] - ends[0]) > 2  # longer than the unit circle is wide: it reads as a line
    level_u = np.array([np.cos(np.radians(143.13)), np.sin(np.radians(143.13))])
    assert abs(abs(direction @ level_u) - 1) < 1e-6
    assert "contour line" in [t.get_text() for t in ax.get_legend().get_texts()][1]
    import json
    from tests.conftest import ROOT
    cells = json.loads((ROOT / "notebooks" / "05_gradients.ipynb").read_text(encoding="utf-8"))["cells"]
    intro = next("".join(c["source"]) for c in cells if "".join(c["source"]).startswith("## Try it: the direction dial"))
    assert "The dashed line through the point runs along the contour line" in intro


def test_gradient_arrow_still_shows_where_it_points_out_of_the_window():
    """Found by a student read (session 9): dragged to (−5.7, 4) the point's gradient (−11.4, 8) points out of the
    slider's window, and the arrow was clipped to nothing. The contour panel shows a margin around the window, and
    the arrow, shortened where it would leave the panel, is drawn whole inside it: it keeps its head and its
    direction (the read-out gives its size)."""
    e = LandscapeExplorer("bowl", point=(-5.7, 4.0))
    arrow = e.artists.arrow
    e.figure.canvas.draw()
    tip = arrow.axes.transData.transform([-5.7 + arrow.U[0], 4.0 + arrow.V[0]])
    assert arrow.axes.bbox.contains(*tip)
    assert np.hypot(arrow.U[0], arrow.V[0]) > 0.05 * 12  # an arrow, not a dot
    assert np.allclose(np.array([arrow.U[0], arrow.V[0]]) / np.hypot(arrow.U[0], arrow.V[0]),
                       np.array([-11.4, 8.0]) / np.hypot(-11.4, 8.0))


def arrow_corners(quiver) -> np.ndarray:
    """The corners of every arrow ``quiver`` draws (head included), in display pixels, as drawn last.
    (Quiver.get_window_extent gives a single point: the quiver's own transform is left out.)"""
    offsets = quiver.get_offset_transform().transform(quiver.get_offsets())
    return np.vstack([quiver.get_transform().transform(path.vertices) + offset
                      for path, offset in zip(quiver.get_paths(), offsets)])


def inside(box, corners) -> bool:
    return bool(box.contains(*corners.min(axis=0)) and box.contains(*corners.max(axis=0)))


@pytest.mark.parametrize("landscape, points", [
    ("bowl", [(6.0, 4.0), (6.0, 6.0), (-6.0, -6.0), (-6.0, 6.0), (6.0, -6.0), (0.0, 6.0), (3.0, 4.0)]),
    ("rosenbrock", [(-2.0, 3.0), (2.0, 3.0), (-2.0, -1.0), (2.0, -1.0), (0.0, -1.0)]),
])
def test_gradient_arrow_and_point_stay_inside_the_contour_panel(landscape, points):
    """Found by a review: at the sliders' edges the orange arrow, drawn unclipped, crossed the colour bar (bowl,
    x = 6, y = 4), left the figure's top (6, 6) and sat on the tick labels (−6, −6); the same on Rosenbrock's
    (−2, 3); the point's marker was cut in half at the corners. At each point the whole arrow, its head's width
    included, lies inside the contour panel's axes (clear of the colour bar, the title and the tick labels), it
    points along ∇f and is long enough to show its head; the point's marker is drawn whole."""
    e = LandscapeExplorer(landscape, point=points[0])
    a = e.artists
    ax = a.arrow.axes
    for p in points:
        e.set_controls({"x": p[0], "y": p[1]})
        e.figure.canvas.draw()
        g = e.land.gradient(p)
        shown = np.array([a.arrow.U[0], a.arrow.V[0]])
        assert np.allclose(shown / np.linalg.norm(shown), g / np.linalg.norm(g)), p
        start, tip = ax.transData.transform([p, np.add(p, shown)])
        head = a.arrow.headlength * a.arrow.width * ax.bbox.width
        assert np.linalg.norm(tip - start) >= 1.4 * head, p  # a head and a bit of shaft
        assert inside(ax.bbox, arrow_corners(a.arrow)), p
        radius = a.point.get_markersize() / 2 * e.figure.dpi / 72
        centre = ax.transData.transform(p)
        assert ax.bbox.contains(*(centre - radius)) and ax.bbox.contains(*(centre + radius)), p  # the marker whole


def test_contour_line_is_defined_where_it_is_first_used():
    """Found by a student read (session 9): "the colour bar gives the height of each contour line" came before any
    word of what a contour line is; the notebook now says it (points of equal height) at its first use."""
    import json
    from tests.conftest import ROOT
    cells = json.loads((ROOT / "notebooks" / "05_gradients.ipynb").read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    first = text.index("contour line")
    assert text[first - 2:].startswith("**contour line** joins\nthe points of equal height"), text[first - 60:first + 60]


def test_dial_prediction_is_not_read_off_the_first_picture():
    """Found by a student read: 'Is that angle nearer 90° or 180°? Guess it to within ten degrees'
    was answered by the dial's first picture, whose right panel draws the whole curve, zero crossing
    at 143° included. The prediction now asks for the angle from two facts the learner has: the
    gradient's angle, marked by the dotted line at the slope's peak, and the contour line at right
    angles to it."""
    import json
    from tests.conftest import ROOT
    cells = json.loads((ROOT / "notebooks" / "05_gradients.ipynb").read_text(encoding="utf-8"))["cells"]
    texts = ["".join(c["source"]) for c in cells]
    intro = next(t for t in texts if t.startswith("## Try it: the direction dial"))
    prediction = intro[intro.index("**Predict first**"):]
    assert "nearer 90° or 180°" not in prediction and "within ten degrees" not in prediction
    assert "53.13°" in prediction and "right angles" in prediction
    assert "before you read it off" in prediction
    e = DirectionDialExplorer("bowl", point=(3.0, 4.0), angle_degrees=90)
    right = e.figure.axes[-1]
    assert right.get_xlabel().startswith("angle of u")
    dotted = [line for line in right.get_lines() if line.get_linestyle() == ":"]
    # "the dotted line on the right, where the slope peaks"
    assert len(dotted) == 1 and np.allclose(dotted[0].get_xdata(), 53.13, atol=0.01)


def test_slips_found_in_a_later_student_read_get_their_own_hint():
    """126.87° solves 6 sin α + 8 cos α = 0 (the partials swapped); a central gradient that nudges p
    in place and never puts p[i] back takes every later slope at a shifted point. Both got only the
    general hint."""
    feedback = cl.check("05.level-angle", 180 - np.degrees(np.arctan(8 / 6)))
    assert not feedback.correct and "swapped" in feedback.message and "tan α = −6/8" in feedback.message

    def nudging(put_back):
        def central(f, p, h):
            p = np.asarray(p, dtype=float)
            slopes = []
            for i in range(p.size):
                p[i] += h
                up = f(p)
                p[i] -= 2 * h
                slopes.append((up - f(p)) / (2 * h))
                p[i] += h if put_back else 0.0
            return np.array(slopes)
        return central

    in_place, restored = nudging(put_back=False), nudging(put_back=True)  # the second puts p[i] back: right
    feedback = cl.check("05.central-gradient", in_place)
    assert not feedback.correct and "p.copy()" in feedback.message
    assert "returned" not in feedback.message  # the hint, not the failing case
    assert cl.check("05.central-gradient", restored).correct


def test_descent_legend_never_covers_the_start():
    """Found by a student read: on Rosenbrock's valley the legend (upper left) covered the start point
    (−1.5, 2) and the first part of the path. In every landscape, the start and the path's first steps
    are clear of the legend's box."""
    from calclib.widgets.landscape import DESCENT, GradientDescentExplorer

    for name in DESCENT:
        e = GradientDescentExplorer(name)
        ax = e.axes[0]
        renderer = e.figure.canvas.get_renderer()
        # the box grown by the start marker's radius: a dot half under the legend's edge counts
        radius = e.artists.start.get_markersize() / 2 * e.figure.dpi / 72
        box = ax.get_legend().get_window_extent(renderer).padded(radius)
        xs, ys = e.artists.path.get_data()
        first = ax.transData.transform(np.column_stack([xs[:20], ys[:20]]))
        assert not any(box.contains(x, y) for x, y in first), name


def test_descent_legend_names_every_mark_on_the_map():
    """The end of the walk (an orange X) was the one mark the legend did not name (a third read)."""
    from calclib.widgets.landscape import GradientDescentExplorer

    e = GradientDescentExplorer("elongated bowl")
    ax = e.axes[0]
    named = {text.get_text() for text in ax.get_legend().get_texts()}
    a = e.artists
    marks = [a.path, a.start, a.end, a.minimum]
    assert {mark.get_label() for mark in marks} <= named, named
    assert len(named) == len(marks)


def test_second_read_level_angle_at_the_dials_start_gets_its_own_hint():
    explorer = DirectionDialExplorer("bowl", point=(3.0, 4.0), angle_degrees=90)
    assert "∇f · u = 6·0 + 8·1 = 8;" in explorer.text  # the dial opens at 90°, where the slope is 8 (the hint says so)
    feedback = cl.check("05.level-angle", 90)
    assert not feedback.correct and "90° is where the dial starts, and the slope there is 8" in feedback.message


def test_descent_table_shows_the_gradient_its_stopping_rule_is_on():
    """A second read: rate 0.05 ends at f = 1.13e-08, "still converging", which looked converged; the rule is
    on |∇f| (2.1e-04 there, the tolerance 1e-6), so the table shows it and the text says so."""
    cells = json.loads((ROOT / "notebooks" / "05_gradients.ipynb").read_text())["cells"]
    table = next(c for c in cells if c["cell_type"] == "code" and "|∇f| at the end" in "".join(c["source"]))
    shown = "".join(table["outputs"][0]["data"]["text/plain"])
    row = next(line for line in shown.splitlines() if line.strip().startswith("0.05"))
    assert "1.13e-08" in row and "0.000212" in row
    text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "The rule is on the gradient, not on $f$" in text
    assert "the central difference is exact, not just close" in text


def test_a_walk_stopped_while_falling_says_when_f_was_higher_in_words_apart_from_the_number():
    walk = gradient_descent(catalog()["rosenbrock"], catalog()["rosenbrock"].gradient, [-1.0, 2.0],
                            learning_rate=0.001, steps=2000)
    assert walk.status == "converging"
    assert re.search(r"\(1000 steps earlier it was [0-9.]+\)", walk.message), walk.message


def test_the_surface_s_tick_labels_do_not_run_into_each_other():
    explorer = LandscapeExplorer("bowl", point=(3.0, 4.0))
    explorer.ensure_drawn()
    renderer = explorer.figure.canvas.get_renderer()
    ax3d = explorer.figure.axes[0]
    for axis in (ax3d.xaxis, ax3d.yaxis):
        boxes = [t.get_window_extent(renderer) for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
        assert len(boxes) >= 3
        for a, b in zip(boxes, boxes[1:]):
            assert not a.overlaps(b.expanded(1.3, 1.0)), (a, b)  # apart by at least 15 % of a label's width


def test_set_controls_switches_the_landscape_before_it_sets_the_rate():
    e = GradientDescentExplorer("elongated bowl", learning_rate=0.112)
    e.set_controls({"landscape": "rosenbrock"})
    assert e.text.startswith("rosenbrock") and e.controls["rate"].max < 0.112  # the rosenbrock range, rate reset


def test_dial_legend_leaves_the_unit_circle_clear_at_every_angle():
    """Found by a review: at angles of about 220-320° the blue u arrow's tip and the dashed slope-0 line ran
    under the legend in the lower left of the left panel. The legend stands outside the axes, below them: at
    every angle of the dial, u's tip, the gradient's tip and the dashed line's ends are clear of its box, and
    its text keeps the project's legible size."""
    from calclib.plotting.style import text_points

    e = DirectionDialExplorer("bowl", point=(3.0, 4.0), angle_degrees=90)
    ax = e.artists.u_arrow.axes
    legend = ax.get_legend()
    e.figure.canvas.draw()
    box = legend.get_window_extent(e.figure.canvas.get_renderer())
    assert not box.overlaps(ax.bbox), (box, ax.bbox)  # outside the axes, so clear of anything drawn in them
    assert all(t.get_fontsize() >= text_points(e.figure, 9) for t in legend.get_texts())
    circle = np.column_stack([3.0 + np.cos(np.linspace(0, 2 * np.pi, 73)), 4.0 + np.sin(np.linspace(0, 2 * np.pi, 73))])
    level = next(line for line in ax.get_lines() if "contour line" in line.get_label()).get_xydata()
    for angle in range(0, 360, 5):
        e.controls["angle"].value = angle
        tip = np.array([[3.0 + e.artists.u_arrow.U[0], 4.0 + e.artists.u_arrow.V[0]]])
        for x, y in ax.transData.transform(np.vstack([tip, level, circle])):
            assert not box.contains(x, y), angle


def test_an_oscillating_walk_names_its_last_two_points():
    """A second student read: at rate 0.1 on the elongated bowl the read-out gave f = 40 and |∇f| = 40 beside a
    flat loss line, and did not say what oscillates: y flips between 2 and −2 while x goes to 0."""
    land = catalog()["elongated bowl"]
    walk = gradient_descent(land, land.gradient, [4.0, 2.0], learning_rate=0.1, steps=100, tolerance=1e-6)
    assert walk.status == "oscillating"
    last_two = re.search(r"the last two points: \((.*?)\) and \((.*?)\)\)$", walk.message)
    assert last_two, walk.message
    ys = [float(part.split(", ")[1].replace("\u2212", "-")) for part in last_two.groups()]
    assert sorted(ys) == [-2.0, 2.0]


def test_the_explorer_draws_the_minimum_s_star_over_the_path_and_its_end_mark():
    """A third student read: at rate 0.0891 the walk's end mark covered the star, at 0.1 the path's zig-zag did
    (the still figure draws the star on top; the explorer drew it in the background, under its moving path)."""
    for make in (lambda: GradientDescentExplorer("elongated bowl", learning_rate=0.0891),
                 lambda: GradientDescentExplorer("rosenbrock")):
        e = make()
        order = e.animated
        assert order.index(e.artists.minimum) > max(order.index(e.artists.path), order.index(e.artists.end))
    e = GradientDescentExplorer("elongated bowl", learning_rate=0.0891)
    e.set_controls({"landscape": "rosenbrock"})  # a new landscape: its own star, still last
    assert e.animated[-1] is e.artists.minimum and e.artists.minimum.axes is e.artists.path.axes
