"""08_matrix_calculus as a lesson: the explorer exercise driven to its answer, and the explorer's
claims (what moves when a12 and a21 change in opposite directions) checked on its artists."""
import json
import re

import numpy as np
import pytest

from calclib.exercises import check
from calclib.plotting.quadratic import LONGEST, MAP, REACH, arrow_scale
from calclib.widgets.quadratic import QuadraticFormExplorer
from tests.conftest import ROOT
from tests.test_lesson_05 import arrow_corners, inside
from tests.test_lesson_07 import run_cell

NOTEBOOK = ROOT / "notebooks" / "08_matrix_calculus.ipynb"


def code_sources():
    return ["".join(c["source"]) for c in json.loads(NOTEBOOK.read_text())["cells"] if c["cell_type"] == "code"]


def snapshot(explorer):
    a = explorer.artists
    return {"map": a.image.get_array().copy(), "map_sym": a.image_sym.get_array().copy(),
            "black": np.column_stack([a.true_field.U, a.true_field.V]),
            "black_sym": np.column_stack([a.field_sym.U, a.field_sym.V]),
            "red": np.column_stack([a.wrong_field.U, a.wrong_field.V]),
            "levels": [seg.copy() for seg in a.levels.get_segments()],
            "levels_sym": [seg.copy() for seg in a.levels_sym.get_segments()]}


def same_lines(one, other) -> bool:
    return len(one) == len(other) and all(a.shape == b.shape and np.allclose(a, b) for a, b in zip(one, other))


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_explorer_exercise_keep_s_is_found_with_the_controls():
    (source,) = [s for s in code_sources() if s.startswith("QuadraticFormExplorer([[1.0, -1.0]")]
    namespace = {"QuadraticFormExplorer": QuadraticFormExplorer}
    explorer = run_cell(source, namespace)
    start = QuadraticFormExplorer([[1.0, 2.0], [0.0, 3.0]])  # the starting matrix the question refers to
    assert "S = (A + Aᵀ)/2 = [[1, 1], [1, 3]]" not in explorer.text  # the saved view does not show the answer
    assert not np.allclose(snapshot(explorer)["map_sym"], snapshot(start)["map_sym"])
    slider = explorer.controls["a21"]
    found = None
    for k in range(int(round((slider.max - slider.min) / slider.step)) + 1):
        slider.value = slider.min + k * slider.step
        if "S = (A + Aᵀ)/2 = [[1, 1], [1, 3]]" in explorer.text:
            found = slider.value
            break
    assert found is not None, "no a21 on the slider brings S back"
    assert np.allclose(snapshot(explorer)["map_sym"], snapshot(start)["map_sym"])  # the right picture is back
    assert np.allclose(snapshot(explorer)["black_sym"], snapshot(start)["black_sym"])
    assert check("08.keep-s", found).correct


def test_opposite_changes_move_only_the_red_arrows():
    explorer = QuadraticFormExplorer([[1.0, 2.0], [0.0, 3.0]])
    before = snapshot(explorer)
    explorer.controls["a12"].value = 3.0
    explorer.controls["a21"].value = -1.0  # a12 + a21 = 2 as before
    after = snapshot(explorer)
    for still in ("map", "map_sym", "black", "black_sym"):
        assert np.allclose(before[still], after[still]), still
    for still in ("levels", "levels_sym"):  # the contour lines too: S is back
        assert before[still] and same_lines(before[still], after[still]), still
    assert not np.allclose(before["red"], after["red"])
    assert "only the orange 2Ax arrows" in explorer.text and "identical" in explorer.text
    explorer.controls["a21"].value = 3.0  # symmetric: red on black
    after = snapshot(explorer)
    assert np.allclose(after["red"], after["black"])
    assert "lie on the black ones" in explorer.text


def test_arrows_are_large_enough_to_read():
    explorer = QuadraticFormExplorer([[1.0, 2.0], [0.0, 3.0]])
    black = snapshot(explorer)["black"]
    assert 0.45 <= np.linalg.norm(black, axis=1).max() <= 0.75  # the longest spans most of the 0.75 spacing
    assert explorer.artists.true_field.width >= 2 * explorer.artists.wrong_field.width  # thick black, thin red


def test_explain_exercise_and_its_wrong_choices():
    assert check("08.why-symmetric", "a").correct
    for letter in "bcd":
        feedback = check("08.why-symmetric", letter)
        assert not feedback.correct and f"({letter})" in feedback.message


def test_least_squares_part_keeps_its_own_symbols():
    """A and b mean the quadratic form's matrix and formula 1's vector; the fit uses X (data), y (values), w (weights)."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    start = next(i for i, c in enumerate(cells) if "".join(c["source"]).startswith("## Beyond: the least-squares"))
    end = next(i for i, c in enumerate(cells) if "".join(c["source"]).startswith("## Exercises"))
    part = ["".join(c["source"]) for c in cells[start:end]]
    text, code = "\n".join(part[:1]), "\n".join(s for s, c in zip(part, cells[start:end]) if c["cell_type"] == "code")
    assert r"2\mathbf{X}^{\mathsf T}(\mathbf{X}\mathbf{w} - \mathbf{y})" in text and "data matrix" in text
    for stale in (r"\mathbf{A}\mathbf{w}", r"\mathbf{b}", "design"):
        assert stale not in "\n".join(part)
    assert "least_squares_loss(X, y)" in code and "np.linalg.lstsq(X, y" in code
    everywhere = "\n".join("".join(c["source"]) for c in cells)
    assert r"\mathbf{A}\mathbf{w}" not in everywhere and "Aw − b" not in everywhere


def test_the_read_out_names_the_wrong_arrows_colour_as_it_looks():
    from tests.test_lesson_07 import named_as_seen

    explorer = QuadraticFormExplorer(np.array([[1.0, 2.0], [0.0, 3.0]]))
    word = re.search(r"the (\w+) 2Ax arrows", explorer.text).group(1)
    assert named_as_seen(word, explorer.artists.wrong_field.get_facecolor()[0])
    assert not named_as_seen(word, explorer.artists.true_field.get_facecolor()[0])


def test_every_black_arrow_ends_inside_its_heat_map_and_every_orange_head_shows():
    """The outer arrows sit at ±1.5 on a map of ±2: the longest (0.6) left the picture and lost its head on
    the way to the exercise's answer, A = [[1, −1], [3, 3]] (a student read found it). The black arrows
    now end inside the map; the orange ones, longer on the black ones' scale, are not clipped, and at the
    exercise's answer they end inside the picture."""
    explorer = QuadraticFormExplorer(np.array([[1.0, 2.0], [0.0, 3.0]]))
    a = explorer.artists
    assert not a.wrong_field.get_clip_on() and a.true_field.get_clip_on()
    for entries in ([1.0, -1.0, 3.0, 3.0], [3.0, 3.0, 3.0, 3.0], [-3.0, 3.0, -3.0, -3.0], [0.0, -3.0, 3.0, 0.0]):
        explorer.set_controls(dict(zip(("a11", "a12", "a21", "a22"), entries)))
        for field in (a.true_field, a.field_sym):
            tips = field.XY + np.column_stack([field.U, field.V])
            assert np.all(np.abs(tips) <= field.axes.get_xlim()[1] - 0.01), entries
    explorer.set_controls({"a11": 1.0, "a12": -1.0, "a21": 3.0, "a22": 3.0})
    explorer.ensure_drawn()
    tips = a.wrong_field.XY + np.column_stack([a.wrong_field.U, a.wrong_field.V])
    pixels = a.wrong_field.axes.transData.transform(tips)
    assert explorer.figure.bbox.contains(*pixels.min(axis=0)) and explorer.figure.bbox.contains(*pixels.max(axis=0))


@pytest.mark.parametrize("entries", [[0.0, 1.0, -1.0, 0.0], [0.0, -3.0, 3.0, 0.0], [1.0, -3.0, 3.0, 1.0],
                                     [0.25, 3.0, -3.0, 0.0]])
def test_orange_arrows_stay_on_the_picture_where_s_is_small_beside_k(entries):
    """With S = 0 (A = [[0, 1], [−1, 0]]) every 2Ax arrow was drawn at full length, 1 : 1, across the titles,
    the legends and the other map. The orange arrows now set the one scale when a tip would reach past ±REACH
    (inside the ±MAP map), the read-out says the arrows are drawn shorter, and a dot is explained where S = 0."""
    explorer = QuadraticFormExplorer(np.array([[1.0, 2.0], [0.0, 3.0]]))
    explorer.set_controls(dict(zip(("a11", "a12", "a21", "a22"), entries)))
    explorer.ensure_drawn()
    a = explorer.artists
    tips = a.wrong_field.XY + np.column_stack([a.wrong_field.U, a.wrong_field.V])
    assert np.abs(tips).max() == pytest.approx(REACH)  # the least scale that keeps them within ±REACH
    pixels = a.wrong_field.axes.transData.transform(tips)  # and inside the picture: never over the other map
    assert a.wrong_field.axes.bbox.padded(0.1 * a.wrong_field.axes.bbox.width).contains(*pixels.min(axis=0))
    assert a.wrong_field.axes.bbox.padded(0.1 * a.wrong_field.axes.bbox.width).contains(*pixels.max(axis=0))
    true = np.hypot(a.true_field.U, a.true_field.V).max()
    A = np.array(entries).reshape(2, 2)
    scale, by = arrow_scale(A)
    assert by == "orange" and true < LONGEST  # one scale, set by the orange arrows
    G = np.column_stack([a.true_field.U, a.true_field.V])
    W = np.column_stack([a.wrong_field.U, a.wrong_field.V])
    P = a.true_field.XY
    assert np.allclose(G * scale, P @ (A + A.T).T) and np.allclose(W * scale, P @ (2 * A).T)
    if np.any(A + A.T):
        assert "drawn shorter so that the long orange ones fit" in explorer.text
    else:  # no black arrow to shrink; the orange ones are drawn shorter, and the read-out says so (a later read)
        assert "a dot is an arrow of length 0" in explorer.text
        assert explorer.text.endswith(" The orange arrows are drawn shorter so that they fit on the map.")
        assert "the black ones shrink too" not in explorer.text


def test_the_black_arrows_set_the_scale_in_every_view_the_text_describes():
    """The text says both maps and every black arrow are back where they started after a12 and a21 move by
    opposite amounts from A = [[1, 2], [0, 3]]: true while the black arrows set the scale, for every a12 the
    sliders allow with a12 + a21 = 2 (a12 from −1 to 3), and at the explorers' starting matrices."""
    for a12 in np.linspace(-1.0, 3.0, 41):
        assert arrow_scale([[1.0, a12], [2.0 - a12, 3.0]])[1] == "black", a12
    for A in ([[1.0, 2.0], [0.0, 3.0]], [[1.0, -1.0], [0.0, 3.0]]):
        assert arrow_scale(A)[1] == "black" and "shorter" not in QuadraticFormExplorer(A).text
    assert arrow_scale(np.zeros((2, 2))) == (1.0, "none")


def test_the_text_says_the_arrows_show_relative_length():
    """A later student read: tripling A left the black arrows as they were, and nothing had said that the longest
    black arrow is always drawn the same size."""
    text = " ".join(markdown_text().split())
    assert ("The arrows show direction and relative length, not true length: the longest black arrow is always "
            "drawn the same size") in text
    once, thrice = (QuadraticFormExplorer(k * np.array([[1.0, 1.0], [0.0, 1.0]])).artists.true_field for k in (1, 3))
    assert np.allclose(once.U, thrice.U) and np.allclose(once.V, thrice.V)  # the same arrows for A and 3A
    assert np.hypot(once.U, once.V).max() == pytest.approx(LONGEST)


def markdown_text():
    return "\n".join("".join(c["source"]) for c in json.loads(NOTEBOOK.read_text())["cells"] if c["cell_type"] == "markdown")


def test_one_slider_at_a_time_is_what_the_text_describes():
    """A student read: "change a12 and a21 in opposite directions ... S does not change" surprised a student
    moving one slider, which always changes S and both maps. The text says so, and says what holds after both."""
    explorer = QuadraticFormExplorer([[1.0, 2.0], [0.0, 3.0]])
    before = snapshot(explorer)
    explorer.controls["a12"].value = 3.0  # the first move alone
    middle = snapshot(explorer)
    assert not np.allclose(before["map_sym"], middle["map_sym"]) and not np.allclose(before["black"], middle["black"])
    explorer.controls["a21"].value = -1.0  # the second: the sum a12 + a21 is back at 2
    after = snapshot(explorer)
    assert np.allclose(before["map_sym"], after["map_sym"]) and np.allclose(before["black"], after["black"])
    assert not same_lines(before["levels"], middle["levels"]) and same_lines(before["levels"], after["levels"])
    text = " ".join(markdown_text().split())
    assert "in **opposite** directions (their sum fixed): $\\mathbf{S}$ does not change" not in text
    assert ("The sliders move one at a time, so after the first move $\\mathbf{S}$ and both maps (shades and contour "
            "lines) have changed; after the second, $\\mathbf{S}$ is back, and both maps and every black arrow are "
            "exactly where they started") in text


def test_quadratic_form_is_defined_where_it_is_first_used():
    text = markdown_text()
    first = text.lower().index("quadratic form")
    assert text[first - 2:].startswith("**quadratic form**")


@pytest.mark.parametrize("key, answer, words", [
    ("08.norm", (0.0, -0.5), "squared length"),
    ("08.norm", (0.0, -2.0), "x itself"),
    ("08.norm", (0.0, 1.0), "toward the origin"),
    ("08.linear", (-1.0, 2.0, -5.0), "+a_k"),
    ("08.linear", (1.0, 2.0, 5.0), "second entry"),  # one sign dropped (a student read, session 9)
    ("08.quadratic", (4.0, 6.0), "2Aᵀx"),
    ("08.quadratic", (2.0, 3.0), "Aᵀx alone"),
    ("08.quadratic", (-6.0, -5.0), "wrong sign"),
])
def test_common_wrong_answers_get_a_hint_about_that_mistake(key, answer, words):
    """x/‖x‖² got "a factor of 2 is missing", x itself "a factor of 2 that should not be there", 2Aᵀx and Aᵀx the
    rule repeated, and a flipped sign a word about 10's p − y: each now names its own mistake."""
    feedback = check(key, answer)
    assert not feedback.correct and words in feedback.message
    assert "p − y" not in feedback.message and "factor of 2" not in feedback.message


def test_symmetric_is_defined_where_the_body_first_uses_it():
    """Found by a student read (session 9): "For symmetric A this is 2Ax" came with no word of what symmetric
    means (07 defines the transpose, not symmetry). The lesson's body (after the list of goals) defines it
    in bold, by Aᵀ = A, at its first use."""
    text = markdown_text()
    body = text[text.index("## Shapes first"):]
    first = body.lower().index("symmetric")
    assert body[first - 2:].startswith("**symmetric** when it equals its own transpose"), body[first - 80:first + 80]


@pytest.mark.parametrize("A", [[[1.0, 2.0], [0.0, 3.0]], [[1.0, -2.0], [1.0, -1.0]], [[0.5, 3.0], [-3.0, 0.25]]])
def test_contour_lines_are_the_level_sets_of_the_form_the_same_on_both_maps(A):
    explorer = QuadraticFormExplorer(A)
    S = (np.asarray(A) + np.asarray(A).T) / 2
    lines, lines_sym = explorer.artists.levels, explorer.artists.levels_sym
    assert same_lines(lines.get_segments(), lines_sym.get_segments())
    heights = set()
    for segment, style in zip(lines.get_segments(), lines.get_linestyles() * len(lines.get_segments())):
        values = np.einsum("ni,ij,nj->n", segment, S, segment)
        level = float(np.median(values))
        assert np.allclose(values, level, rtol=0.03, atol=0.03), level  # one height along each line
        assert min(abs(level - h) for h in (1, 2, 4, 8, 16, -1, -2, -4, -8, -16)) < 0.05 * abs(level)
        heights.add(round(level))
        assert np.all(np.abs(segment) <= MAP + 1e-9)  # inside the map
    if np.all(np.linalg.eigvalsh(S) > 0):
        assert {1, 2} <= heights and not any(h < 0 for h in heights)  # a bowl: rings, all above 0
    else:
        assert any(h < 0 for h in heights) and any(h > 0 for h in heights)  # a saddle: both signs
    # solid above 0, dashed below
    styles = lines.get_linestyles()
    signs = [np.einsum("ni,ij,nj->n", seg, S, seg).mean() > 0 for seg in lines.get_segments()]
    assert len(styles) == len(signs)
    for style, positive in zip(styles, signs):
        assert (style[1] is None) == positive, (style, positive)


def test_moving_s_moves_the_contour_lines():
    explorer = QuadraticFormExplorer([[1.0, 2.0], [0.0, 3.0]])
    before = snapshot(explorer)
    explorer.controls["a12"].value = 0.5  # S changes
    after = snapshot(explorer)
    assert not same_lines(before["levels"], after["levels"])
    assert same_lines(after["levels"], after["levels_sym"])


def test_read_out_keeps_formulas_and_matrices_on_one_line():
    """Found by a student read: the read-out wrapped inside a formula, "(A" on one line and "+ Aᵀ)x" on the
    next. A short bracketed group is one unbreakable span; the text itself is unchanged."""
    import html
    import re

    e = QuadraticFormExplorer()
    spans = [html.unescape(s) for s in re.findall(r'<span style="white-space:nowrap">(.*?)</span>', e.readout.value)]
    assert {"(A + Aᵀ)/2", "(A + Aᵀ)x"} <= set(spans), spans
    assert " ".join(spans) == e.text


@pytest.mark.usefixtures("frames_not_drawn")  # reads only the read-out
def test_a_zero_symmetric_part_is_explained():
    """Found by a student read: A = 0 gave a plain grey map with no word why. With S = 0 the read-out says
    that xᵀAx is 0 everywhere (the antisymmetric part, if any, still moves only the orange arrows)."""
    e = QuadraticFormExplorer(((0.0, 0.0), (0.0, 0.0)))
    assert "0 at every x, so both maps are flat" in e.text
    e.set_controls({"a12": 1.0, "a21": -1.0})
    assert "0 at every x" in e.text and "K = [[0, 1], [−1, 0]]" in e.text
    e.set_controls({"a21": 1.0})
    assert "0 at every x" not in e.text and "sets both heat maps" in e.text


def test_what_a_second_read_of_08_could_not_check():
    """Found by a second student read: (4, 3), A + Aᵀ with its diagonal counted once, got only the formula
    again; the loss figure's ticks did not show the 0.032 the caption names; and nothing said that a 1-D
    array on the left of @ acts as a row (x @ A @ x)."""
    import numpy as np

    from calclib.descent import gradient_descent
    from calclib.matrix_calculus import least_squares_loss
    from calclib.plotting import new_figure
    from calclib.plotting.fit import plot_line_fit

    assert "doubles the diagonal" in check("08.quadratic", (4.0, 3.0)).message
    t = np.linspace(0, 1, 8)
    y = 1 + 2 * t + np.array([0, .1, -.1, .05, -.05, .1, -.1, 0])
    X = np.column_stack([np.ones_like(t), t])
    loss, gradient = least_squares_loss(X, y)
    path = gradient_descent(loss, gradient, [0.0, 0.0], learning_rate=0.05, steps=2000, tolerance=1e-10)
    fig, (ax_fit, ax_loss) = new_figure(1, 2, width=9.0, height=3.4, dpi=80)
    plot_line_fit(ax_fit, ax_loss, t, y, path)
    floor = [text.get_text() for text in ax_loss.texts if text.get_text().startswith("levels off at")]
    assert floor == [f"levels off at {float(path.values[-1]):.2g}"]
    shapes = "".join(json.loads((ROOT / "notebooks" / "08_matrix_calculus.ipynb").read_text())["cells"][2]["source"])
    assert "on the\nleft of `@` it acts as a row" in shapes


@pytest.mark.parametrize("entries", [[3.0, -3.0, 3.0, 3.0], [1.0, -3.0, 3.0, 3.0], [1.0, -1.0, 3.0, 3.0],
                                     [-3.0, 3.0, -3.0, -3.0], [0.0, 1.0, -1.0, 0.0], [3.0, 3.0, -3.0, 3.0]])
def test_every_orange_arrow_ends_on_its_map(entries):
    """Found by a review: at A = [[3, −3], [3, 3]] and [[1, −3], [3, 3]] the orange 2Ax arrows (unclipped, so that
    their heads show) still ran into the title, past the right edge and into the tick labels. Every arrow, its
    head included, now lies inside the map's axes: clear of the titles, the tick labels and the other map."""
    explorer = QuadraticFormExplorer(np.array([[1.0, 2.0], [0.0, 3.0]]))
    explorer.set_controls(dict(zip(("a11", "a12", "a21", "a22"), entries)))
    explorer.copy.same = False  # the left map drawn, not copied from the right: every quiver lays out its arrows
    explorer.render()
    a = explorer.artists
    ax = a.wrong_field.axes
    renderer = explorer.figure.canvas.get_renderer()
    for field in (a.wrong_field, a.true_field, a.field_sym):
        assert inside(field.axes.bbox, arrow_corners(field)), entries
    texts = [a.title, ax.title] + [t.label1 for axis in (ax.xaxis, ax.yaxis) for t in axis.get_major_ticks()
                                   if t.label1.get_visible() and t.label1.get_text()]
    for t in texts:
        box = t.get_window_extent(renderer)
        assert not any(box.contains(x, y) for x, y in arrow_corners(a.wrong_field)), (entries, t.get_text())


def test_every_orange_tip_stays_on_the_map_over_the_sliders():
    """The position-aware bound of arrow_scale: over a grid of the sliders' matrices, every 2Ax tip ends within
    ±REACH of the origin in each coordinate (the map shows ±MAP), and the scale is the least that does so
    wherever the orange arrows set it."""
    from calclib.plotting.quadratic import MAP, REACH, _field, _points

    assert REACH < MAP
    P = np.stack(_points(), axis=1)
    values = np.linspace(-3.0, 3.0, 7)
    for entries in np.stack(np.meshgrid(values, values, values, values), axis=-1).reshape(-1, 4):
        A = entries.reshape(2, 2)
        scale, by = arrow_scale(A)
        tips = P + _field(2 * A, scale)
        assert np.abs(tips).max() <= REACH + 1e-9, entries
        if by == "orange":  # the least: one tip reaches the bound
            assert np.abs(tips).max() == pytest.approx(REACH), entries
