"""Notebook 09's lesson: the depth explorer drives to the exercise's answer, weights make gradients
vanish or explode, the figures show what their legends and axes say."""
import json
import re

import numpy as np
import pytest

import calclib as cl
from calclib import activations as act
from calclib.depth import gradient_with_weight, layer_factor
from calclib.exercises import exercises
from tests.conftest import ROOT
from tests.test_lesson_05 import breaks_inside_a_word

pytestmark = pytest.mark.usefixtures("warnings_are_errors")

NOTEBOOK = ROOT / "notebooks" / "09_activations.ipynb"


def markdown():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_activation_readout_keeps_each_number_on_one_line():
    from calclib.widgets.activations import ActivationExplorer

    e = ActivationExplorer("sigmoid", x=3.0)
    seen = set()
    for name in e.controls["name"].options:
        e.controls["name"].value = name
        for x in (-6.0, -5.95, -1.45, -0.2, 0.0, 0.05, 3.0):
            e.controls["x"].value = x
            assert not breaks_inside_a_word(e), e.text
            seen.update(re.findall(r"e[−-]\d+", e.text))
    assert seen  # some read-outs carry an exponent (tanh′(−5.95) = 2.71e−05)
    e.set_controls({"name": "tanh", "x": -5.95})
    assert e.text == "tanh: f(−5.95) = −0.999986, f′(−5.95) = 2.71613e−05"


def test_depth_readout_keeps_each_number_on_one_line():
    from calclib.widgets.activations import DepthExplorer

    e = DepthExplorer(depth=10, weight=2.0, z=1.0)
    texts = []
    for weight, z in ((2.0, 1.0), (0.5, -3.0), (8.0, -0.5)):
        e.set_controls({"weight": weight, "z": z})
        assert not breaks_inside_a_word(e), e.text
        texts.append(e.text)
    assert "z = −3:" in texts[1] and "e−" in texts[1]  # a negative input, a vanishing gradient (…e−07)


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_depth_explorer_finds_the_balanced_weight():
    """Exercise 4, done as a student would: z to 0, then w up until the sigmoid line is flat at 1."""
    from calclib.widgets.activations import DepthExplorer

    e = DepthExplorer(depth=10, weight=2.0, z=1.0)
    e.controls["z"].value = 0.0
    e.controls["depth"].value = 40
    flat = None
    for k in range(0, 161):  # every weight the slider offers, 0 to 8 in steps of 0.05
        e.controls["weight"].value = round(k * 0.05, 2)
        if "sigmoid 1," in e.text.split("after")[0]:
            flat = e.controls["weight"].value
            break
    assert flat == 4.0
    assert "after D = 40 layers: sigmoid 1," in e.text
    assert np.allclose(e.artists.lines["sigmoid"].get_ydata(), 1.0)  # the drawn line lies on 1
    assert cl.check("09.balanced-weight", flat).correct
    for wrong in (0.25, 1.0, 8.0):
        feedback = cl.check("09.balanced-weight", wrong)
        assert not feedback.correct and "Hint:" in feedback.message


def test_depth_explorer_shows_vanishing_and_exploding_at_its_start():
    from calclib.widgets.activations import DepthExplorer

    e = DepthExplorer(depth=10, weight=2.0, z=1.0)
    at = {name: line.get_ydata()[9] for name, line in e.artists.lines.items()}
    assert at["sigmoid"] < 1e-3 and at["relu"] == 1024.0  # one start, both failures
    e.controls["weight"].value = 8.0
    e.controls["z"].value = 0.0
    assert "sigmoid 2," in e.text and "after D = 10 layers: sigmoid 1024" in e.text
    e.controls["z"].value = -1.0
    assert "relu 0" in e.text  # a unit with a negative input passes no gradient


@pytest.mark.parametrize("name, weight, z", [("sigmoid", 8.0, 0.0), ("tanh", 1.5, 0.3), ("sigmoid", 3.0, -1.2)])
def test_weighted_depth_matches_a_real_chain(name, weight, z):
    """(w·act'(z))^D against a central difference through D real layers whose biases put each at z."""
    f = act.catalog()[name].f
    depth, x0 = 6, 0.4
    biases, value = [], x0
    for _ in range(depth):
        biases.append(z - weight * value)
        value = float(f(z))

    def chain(x):
        for b in biases:
            x = f(weight * x + b)
        return x

    measured = cl.central_difference(chain, x0, 1e-6)
    assert measured == pytest.approx(gradient_with_weight(name, depth, weight=weight, z=z)[-1], rel=1e-6)


def test_layer_factor_and_its_door():
    assert layer_factor("sigmoid", 8.0, 0.0) == 2.0
    assert layer_factor("relu", 8.0, -1.0) == 0.0
    with pytest.raises(ValueError, match="`name` must be one of"):
        layer_factor("swish", 1.0, 0.0)
    with pytest.raises(TypeError, match="`weight` must be a real number"):
        layer_factor("tanh", "8", 0.0)
    with pytest.raises(ValueError, match="`depth` must be a whole number"):
        gradient_with_weight("tanh", 0, weight=1.0, z=0.0)


def test_exercise_three_counts_the_weight():
    answer = 0.75**10
    assert cl.check("09.sigmoid-depth", round(answer, 5)).correct
    assert "without weights" in cl.check("09.sigmoid-depth", 0.25**10).message
    assert "one layer's factor" in cl.check("09.sigmoid-depth", 0.75).message
    assert "do not add" in cl.check("09.sigmoid-depth", 7.5).message


def test_safe_sigmoid_exercise_refuses_the_literal_formula():
    literal = cl.check("09.safe-sigmoid", lambda x: 1 / (1 + np.exp(-x)))
    assert not literal.correct and "too large for a float" in literal.message  # its own hint, saying why

    def safe(x):
        if x >= 0:
            return 1 / (1 + np.exp(-x))
        e = np.exp(x)
        return e / (1 + e)

    assert cl.check("09.safe-sigmoid", safe).correct


def test_static_legend_lists_only_what_is_drawn_and_axes_use_the_lesson_symbols():
    from calclib.plotting import new_figure
    from calclib.plotting.activations import plot_activation, plot_gradient_depth

    fig, ax = new_figure()
    plot_activation(ax, act.catalog()["sigmoid"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["f(x)", "f′(x)"]
    fig, ax = new_figure()
    plot_activation(ax, act.catalog()["sigmoid"], 1.0)
    assert "tangent at x" in [t.get_text() for t in ax.get_legend().get_texts()]
    fig, ax = new_figure()
    plot_gradient_depth(ax, {"sigmoid": act.gradient_through_depth("sigmoid", 5)}, 3)
    assert "h_" not in ax.get_ylabel() and "x_D" in ax.get_ylabel()
    assert "depth D" in ax.get_xlabel()


def test_notebook_states_the_assumption_and_the_numbers():
    text = markdown()
    assert "Follows section" not in text and "chapter" not in text
    assert "holds only when $w = 1$" in text
    assert "$8 \\times 0.25 = 2$" in text and layer_factor("sigmoid", 8.0, 0.0) == 2.0
    assert "0.25^{10} \\approx 9.5 \\times 10^{-7}" in text and f"{0.25**10:.1e}" == "9.5e-07"
    assert "Dead units" in text and "Exploding products" in text
    assert "\\operatorname{GELU}_{\\tanh}(x) =" in text
    assert "h_L" not in text and "h_l" not in text  # h is the step, L the loss: depth is D, values x_k
    bank = exercises()
    assert {"09.balanced-weight", "09.safe-sigmoid"} <= set(bank)


def test_depth_readout_says_why_a_line_is_missing():
    """At z = 0, as exercise 4 asks, ReLU's factor is exactly 0 and its line vanishes; at w = 0 the chart
    is empty. The read-out says why, and the notebook warns where the student needs it."""
    from calclib.widgets.activations import DepthExplorer

    e = DepthExplorer(depth=10, weight=2.0, z=1.0)
    low = e.artists.lines["relu"].axes.get_ylim()[0]
    assert "line is gone" not in e.text and "no line" not in e.text
    e.set_controls({"z": 0.0, "weight": 4.0})  # exercise 4's setting
    assert layer_factor("relu", 4.0, 0.0) == 0 and np.all(e.artists.lines["relu"].get_ydata() < low)
    assert "ReLU's line is gone: at exactly z = 0" in e.text and "exactly 0" in e.text
    assert "after D = 10 layers: sigmoid 1," in e.text  # the exercise's reading is unchanged
    e.controls["z"].value = -1.0
    assert "ReLU's line is gone: for z < 0" in e.text
    e.controls["z"].value = 0.1
    assert "line is gone" not in e.text
    e.controls["weight"].value = 0.0
    assert all(np.all(line.get_ydata() < low) for line in e.artists.lines.values())
    assert "With w = 0 every factor is exactly 0" in e.text and "no line is drawn" in e.text
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    exercise = next("".join(c["source"]) for c in cells if "*With the depth explorer.*" in "".join(c["source"]))
    assert "ReLU's line vanishes" in exercise and "exactly 0" in exercise
    # the prompt asks what ReLU's line will do; the answer comes in the cell after the explorer (a student read:
    # the prompt used to say it before inviting the try)
    sources = ["".join(c["source"]) for c in cells]
    prompt = next(i for i, s in enumerate(sources) if "## Try it: vanishing or exploding" in s)
    explorer = next(i for i, s in enumerate(sources) if s.startswith("DepthExplorer("))
    assert prompt < explorer and "**Predict again:** what will ReLU's line do" in sources[prompt]
    assert "line is gone" not in sources[prompt] and "drop off the chart" not in sources[prompt]
    assert "At $z = 0$ exactly, ReLU's line is gone" in sources[explorer + 1]
    assert "For $z < 0$ ReLU's line drops off the chart" in sources[explorer + 1]


def test_depth_legend_keeps_clear_of_every_line():
    """The legend sat in the lower left, across the lines that fall steeply when z < 0."""
    from calclib.widgets.activations import DepthExplorer

    e = DepthExplorer(depth=10, weight=2.0, z=1.0)
    ax = e.artists.title.axes
    for weight in np.arange(0.5, 8.01, 0.5):
        for z in np.arange(-4.0, 4.01, 0.5):
            e.set_controls({"weight": float(weight), "z": float(z)})
            e.ensure_drawn()
            box = ax.get_legend().get_window_extent(e.figure.canvas.get_renderer()).padded(2)
            for name, line in e.artists.lines.items():
                depths = np.linspace(1, DepthExplorer.MAX_DEPTH, 50 * DepthExplorer.MAX_DEPTH)
                logs = np.interp(depths, line.get_xdata(), np.log10(line.get_ydata()))  # straight on the log scale
                points = ax.transData.transform(np.column_stack([depths, 10.0 ** logs]))
                inside = ((box.x0 <= points[:, 0]) & (points[:, 0] <= box.x1)
                          & (box.y0 <= points[:, 1]) & (points[:, 1] <= box.y1))
                assert not inside.any(), (name, weight, z)


def joined_jumps(line, height):
    """The segments of ``line`` (finite ends on both sides) that rise or fall by more than ``height``."""
    y = np.asarray(line.get_ydata(), dtype=float)
    x = np.asarray(line.get_xdata(), dtype=float)
    rise = np.abs(np.diff(y))
    return [(x[i], x[i + 1]) for i in np.flatnonzero(np.isfinite(rise) & (rise > height))]


def test_relu_slope_is_two_pieces_with_its_value_at_zero_marked():
    """ReLU's derivative was drawn with a segment from (0, 0) to (0.025, 1), read as if the slope took every
    value in [0, 1] at 0. It is two pieces: a filled dot at (0, 0), the value the code takes there (as the
    notebook says), and an open circle at (0, 1), where the slope-1 piece stops; in the figure and the explorer."""
    from calclib.plotting import new_figure
    from calclib.plotting.activations import plot_activation
    from calclib.widgets.activations import ActivationExplorer

    fig, ax = new_figure()
    static = plot_activation(ax, act.catalog()["relu"])
    explorer = ActivationExplorer("sigmoid", x=0.0)
    explorer.controls["name"].value = "relu"
    for artists in (static, explorer.artists):
        assert not joined_jumps(artists.derivative, 0.5)
        y = artists.derivative.get_ydata()
        assert np.isnan(y).sum() == 1 and set(y[np.isfinite(y)]) == {0.0, 1.0}
        assert artists.jump_values.get_xydata().tolist() == [[0.0, float(act.relu_derivative(0.0))]] == [[0.0, 0.0]]
        assert artists.jump_ends.get_xydata().tolist() == [[0.0, 1.0]]
        assert artists.jump_ends.get_markerfacecolor() == "white"
    explorer.controls["name"].value = "gelu"  # a smooth slope: one line, no dots
    assert not np.isnan(explorer.artists.derivative.get_ydata()).any()
    assert len(explorer.artists.jump_values.get_xdata()) == len(explorer.artists.jump_ends.get_xdata()) == 0
    # the other convention puts the filled dot on 1 and the open circle on 0
    from calclib.plotting.activations import derivative_pieces

    _, _, values, ends = derivative_pieces(lambda z: act.relu_derivative(z, at_zero=1.0))
    assert values == [(0.0, 1.0)] and ends == [(0.0, 0.0)]
    for name in ("sigmoid", "tanh", "gelu", "gelu (tanh approx.)"):
        assert derivative_pieces(act.catalog()[name].derivative)[2:] == ([], [])
    source = next("".join(c["source"]) for c in json.loads(NOTEBOOK.read_text())["cells"]
                  if "plot_activation(ax, acts[name])" in "".join(c["source"]))
    caption = re.sub(r'"\s*\n\s*"', "", source)  # the caption's string literals joined
    assert "filled dot" in caption and "open circle" in caption


def test_depth_legend_lists_only_the_lines_drawn():
    """The legend listed ReLU with no ReLU line on the chart (z ≤ 0: its factor is exactly 0), and all three
    lines at w = 0, where none is drawn. It lists the lines with a point on the chart, and the picture shown,
    drawn ahead or after a move, is the picture a fresh explorer draws for those values."""
    from calclib.widgets.activations import DepthExplorer

    def canvas(explorer):
        explorer.ensure_drawn()
        return np.asarray(explorer.figure.canvas.buffer_rgba()).copy()

    e = DepthExplorer(depth=10, weight=2.0, z=1.0)
    ax = e.artists.title.axes
    low, high = ax.get_ylim()
    for weight in (0.0, 0.05, 2.0, 8.0):
        for z in (-4.0, -0.1, 0.0, 0.1, 4.0):
            e.set_controls({"weight": weight, "z": z})
            e.ensure_drawn()
            on_chart = [name for name, values in e.curves(weight, z).items()
                        if np.any((values >= low) & (values <= high))]
            legend = ax.get_legend()
            listed = [t.get_text() for t in legend.get_texts()] if legend is not None else []
            assert listed == on_chart, (weight, z, listed)
            assert ("relu" in listed) == (z > 0 and weight > 0) and (listed == []) == (weight == 0)
    for values in ({"weight": 4.0, "z": 0.0}, {"weight": 0.0, "z": 1.0}, {"weight": 2.0, "z": 1.0}):
        e.set_controls(values)
        assert np.array_equal(canvas(e), canvas(DepthExplorer(depth=10, **values))), values
    e.set_controls({"weight": 2.0, "z": 0.1})
    e.draw_ahead({"z": 0.0})  # the frame for z = 0 drawn ahead (no ReLU), then back at z = 0.1 (ReLU)
    ahead = np.asarray(e.figure.canvas.buffer_rgba()).copy()
    assert np.array_equal(ahead, canvas(DepthExplorer(depth=10, weight=2.0, z=0.0)))
    assert np.array_equal(canvas(e), canvas(DepthExplorer(depth=10, weight=2.0, z=0.1)))


def test_balanced_weight_tolerance_stated_is_the_one_the_checker_applies_around_the_true_weight():
    """Already centred (3.95 to 4.05 about w = 4): kept so, with the slider's 4 accepted and its 3.9 not."""
    import sympy as sp

    from tests.test_lesson_05 import assert_stated_tolerance_is_about

    w, z = sp.symbols("w z")
    sigma = 1 / (1 + sp.exp(-z))
    (truth,) = sp.solve(sp.Eq(w * sp.diff(sigma, z).subs(z, 0), 1), w)
    assert truth == 4
    assert assert_stated_tolerance_is_about("09.balanced-weight", float(truth)) == 0.05
    assert cl.check("09.balanced-weight", 4.0).correct and not cl.check("09.balanced-weight", 3.9).correct


def test_depth_readout_says_one_layer_not_one_layers():
    from calclib.widgets.activations import DepthExplorer

    explorer = DepthExplorer(depth=10, weight=2.0, z=1.0)
    explorer.controls["depth"].value = 1
    assert "after D = 1 layer:" in explorer.text
    explorer.controls["depth"].value = 2
    assert "after D = 2 layers:" in explorer.text


def test_the_four_panel_caption_sends_the_reader_to_where_gelus_dip_can_be_seen():
    """The caption said GELU's slope dips to about −0.13, a few pixels on the panel's −1 to 6 scale (a student
    read could not see it): it says so, and where to read it; and the explorer it names offers gelu."""
    import json

    from calclib.widgets.activations import ActivationExplorer
    from tests.conftest import ROOT

    cells = json.loads((ROOT / "notebooks" / "09_activations.ipynb").read_text())["cells"]
    source = next("".join(c["source"]) for c in cells if c["cell_type"] == "code" and "plot_activation(ax" in "".join(c["source"]))
    assert "only a few pixels at this scale" in source and "choose gelu in the explorer" in source
    assert "gelu" in ActivationExplorer("sigmoid", x=3.0).controls["name"].options


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_the_activation_explorers_title_and_read_out_give_the_same_numbers():
    """The picture's title said f′(3) = 0.045177 and the read-out under it 0.0451767 (a student read): both
    now write f(x) and f′(x) to the same digits, for every activation and across the slider."""
    import re

    from calclib.widgets.activations import ActivationExplorer

    explorer = ActivationExplorer("sigmoid", x=3.0)
    for name in explorer.controls["name"].options:
        explorer.controls["name"].value = name
        for x in (-5.95, -1.45, 0.0, 0.05, 3.0, 5.95):
            explorer.controls["x"].value = x
            title = explorer.artists.title.get_text()
            shown = re.findall(r"f′?\([^)]*\) = (\S+?)(?:,| |$)", title)
            assert len(shown) == 2 and all(f"= {value}" in explorer.text for value in shown), (title, explorer.text)


def test_depth_title_and_read_out_write_every_gradient_in_one_form():
    """At w = 2, z = 0 the title read 'tanh 1073741824' beside '1.126e+15' (a student read): a whole number
    is written out in full by fmt, as tables want; a gradient is written to its digits, big ones in e-form."""
    import re

    from calclib.widgets.activations import DepthExplorer

    explorer = DepthExplorer(depth=30, weight=2.0, z=0.0)
    for text in (explorer.artists.title.get_text(), explorer.text.split("after D")[1]):
        assert not re.search(r"\d{7,}", text), text
    assert "tanh 1.07e+09" in explorer.artists.title.get_text() and "tanh 1.074e+09" in explorer.text


# A student read of 09 (session 8): the common wrong answers each get a hint that names the slip.
@pytest.mark.parametrize("key, answer, words", [
    ("09.tanh-slope", 0.238, "1 − tanh(1)"),  # typed to 3 figures, as read off a calculator
    ("09.tanh-slope", np.tanh(1.0) ** 2, "tanh²(1)"),
    ("09.tanh-slope", 0.58, "tanh²(1)"),
    ("09.sigmoid-slope", act.sigmoid_derivative(3.0), "σ′(3)"),  # where the explorer starts
    ("09.sigmoid-depth", 0.75**9, "nine"),
    ("09.sigmoid-depth", 2.5, "do not add"),
    ("09.sigmoid-depth", 0.056, "4 significant figures"),  # right, but rounded to 2 figures
    ("09.balanced-weight", 4.1, "read-out"),
    ("09.balanced-weight", 3.85, "read-out"),
    ("09.balanced-weight", 1 / act.sigmoid_derivative(1.0), "z = 1"),
    # a student read of 09: the sigmoid's pattern σ(1 − σ) carried over to tanh was told "evaluate tanh(1) first"
    ("09.tanh-slope", np.tanh(1.0) * (1 - np.tanh(1.0)), "sigmoid's pattern"),
    ("09.tanh-slope", 0.1816, "not tanh times (1 − tanh)"),
])
def test_common_wrong_answers_get_the_hint_that_names_them(key, answer, words):
    feedback = cl.check(key, answer)
    assert not feedback.correct and words in feedback.message, feedback.message


def test_balanced_weight_hints_say_line_as_the_explorer_and_the_text_do():
    for answer in (1.0, 8.0, 2.0):
        message = cl.check("09.balanced-weight", answer).message
        assert "curve" not in message and "line" in message


def test_safe_sigmoid_written_with_tanh_is_accepted():
    # σ(x) = (1 + tanh(x/2))/2 never overflows either; in the far tail it is 0 where σ is below 1e-17
    assert cl.check("09.safe-sigmoid", lambda x: 0.5 * (1 + np.tanh(x / 2))).correct


def test_relu_readout_at_its_corner_says_the_slope_there_is_the_code_s_choice():
    # a student read "relu: f(0) = 0, f′(0) = 0" as if ReLU had the derivative 0 at its corner
    from calclib.widgets.activations import ActivationExplorer

    explorer = ActivationExplorer("relu", x=0.0)
    assert "f′(0) = 0" in explorer.text and "no derivative at the corner" in explorer.text
    assert explorer.artists.title.get_text().endswith("f′(0) = 0 (no derivative: the code's choice)")
    for name, x in (("relu", 0.5), ("relu", -0.5), ("sigmoid", 0.0), ("gelu", 0.0)):
        explorer.controls["name"].value = name
        explorer.controls["x"].value = x
        assert "corner" not in explorer.text and "choice" not in explorer.artists.title.get_text(), explorer.text


def test_safe_sigmoid_with_np_where_is_told_that_both_branches_are_computed():
    # a student read of 09: np.where picks the safe branch, but computes both for every x first
    feedback = cl.check("09.safe-sigmoid", lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x))))
    assert not feedback.correct and "np.where" in feedback.message and "both" in feedback.message
    literal = cl.check("09.safe-sigmoid", lambda x: 1 / (1 + np.exp(-x)))
    assert "np.where" not in literal.message


def test_slope_note_checks_its_arguments_at_the_door():
    from calclib.activations import catalog
    from calclib.plotting.activations import slope_note

    with pytest.raises(TypeError, match=r"^`act` must be an activation from calclib.activations.catalog\(\), got str$"):
        slope_note("relu", 0.0)
    with pytest.raises(ValueError, match=r"^`x` must be finite, got nan$"):
        slope_note(catalog()["relu"], float("nan"))
    assert slope_note(catalog()["relu"], 0) and slope_note(catalog()["sigmoid"], 0) == ""


def _cells():
    return json.loads(NOTEBOOK.read_text())["cells"]


def test_balanced_weight_is_read_off_the_factor_not_the_line():
    """A student read: "move w until the sigmoid line lies flat" gets within ±0.3 on the log axis, and the
    exercise needs ±0.05. The explorer's prompt and exercise 4 both say to read the factor in the read-out."""
    from calclib.widgets.activations import DepthExplorer

    sources = ["".join(c["source"]) for c in _cells()]
    prompt = next(s for s in sources if "## Try it: vanishing or exploding" in s)
    exercise = next(s for s in sources if "*With the depth explorer.*" in s)
    assert "until the read-out gives the sigmoid's factor" in prompt and "Read the number, not the line" in prompt
    assert "until the read-out gives the sigmoid's factor as 1" in exercise
    assert "until the sigmoid line lies flat" not in prompt + exercise
    assert "read-out" in exercises()["09.balanced-weight"].hint
    # what the prompt claims: a w 0.3 off still draws a line that looks flat (factor 0.925 or 1.075 per layer)
    for weight in (3.7, 4.3):
        e = DepthExplorer(depth=10, weight=weight, z=0.0)
        heights = np.log10(e.artists.lines["sigmoid"].get_ydata())
        low, high = np.log10(e.artists.lines["sigmoid"].axes.get_ylim())
        assert (heights.max() - heights.min()) / (high - low) < 0.03  # under 3 % of the axis, end to end
        assert not cl.check("09.balanced-weight", weight).correct


def test_the_tangent_prompt_asks_what_the_page_has_not_shown_and_answers_after_the_explorer():
    """Cell 10 and the first figure already give the steepest point (0.25 at 0); the prompt asked for it anyway.
    It now asks where σ′ falls below 0.01, which is answered (and solved) only after the explorer."""
    sources = ["".join(c["source"]) for c in _cells()]
    prompt = next(i for i, s in enumerate(sources) if "## Try it: tangent lines" in s)
    explorer = next(i for i, s in enumerate(sources) if s.startswith("ActivationExplorer("))
    assert "steepest, and\nhow steep" not in sources[prompt] and "falls below 0.01" in sources[prompt]
    assert "4.55" not in "".join(sources[:explorer]) and "4.6" not in "".join(sources[:explorer])
    answer = "".join(sources[explorer + 1:explorer + 5])
    assert "between $x = 4.55$ and $x = 4.6$" in answer
    assert act.sigmoid_derivative(4.55) > 0.01 > act.sigmoid_derivative(4.6)
    root = (1 + np.sqrt(0.96)) / 2
    assert act.sigmoid_derivative(np.log(root / (1 - root))) == pytest.approx(0.01)
    assert "It is steepest at $x = 0$" in "".join(sources[:prompt])  # said, with the figure, before the prompt


def test_the_depth_table_is_read_tanh_vanishes_too():
    text = markdown()
    tanh = act.gradient_through_depth("tanh", 50, x0=0.5)[[0, 9, 49]]
    stated = "0.786 after one layer, 0.223 after ten, 0.034 after fifty"
    assert stated == "{:.3f} after one layer, {:.3f} after ten, {:.3f} after fifty".format(*tanh)
    assert "vanishes too, only more slowly: " + stated in text


def test_tanh_quotient_is_split_gelu_constants_are_explained_and_the_bell_area_is_shown():
    cells = _cells()
    text = markdown()
    assert r"\frac{\cosh^2 x}{\cosh^2 x} - \frac{\sinh^2 x}{\cosh^2 x} = 1 - \tanh^2 x" in text
    assert "fitted approximation" in text and r"\frac12\sqrt{2/\pi} = 1/\sqrt{2\pi}" in text
    assert 0.5 * np.sqrt(2 / np.pi) == pytest.approx(1 / np.sqrt(2 * np.pi))
    area = next(c for c in cells if c["cell_type"] == "code" and "sp.integrate(bell" in "".join(c["source"]))
    assert "".join(area["outputs"][0]["data"]["text/plain"]) == "1"
    assert "whose whole area is 1" not in text  # shown, not only stated


def test_claims_a_later_read_could_not_check_are_shown():
    """Found by a later student read: "closer to 1 the nearer z_k is to 0" had no z_k or factor on the page,
    and "0.044715 was fitted numerically" nothing to compare it with. The tanh chain's factors are printed
    (climbing toward 1, their product the table's row), and the constant's gap beside its neighbours'."""
    import ast

    cells = _cells()
    outputs = {c.get("id"): "".join("".join(o.get("data", {}).get("text/plain", "")) for o in c.get("outputs", []))
               for c in cells}
    factors = ast.literal_eval(outputs["nb09-32b"])
    assert list(factors.values()) == sorted(factors.values()) and max(factors.values()) < 1
    gaps = {k: float(v) for k, v in ast.literal_eval(outputs["nb09-23c"]).items()}
    assert min(gaps, key=gaps.get) == "c = 0.044715" and gaps["c = 0.0"] > 0.01
    words = " ".join("\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown").split())
    assert "0.907 at layer 10, 0.973 at layer 50" in words and "18 to 20 times less" in words


def test_depth_read_out_names_the_gradients_off_the_picture():
    """A tester: at D = 50, w = 8 relu's 1.43e+45 is far above the axis's 1e30, its line gone off the top, and
    nothing said so; at w = 0.05, z = 4 all three are below 1e−30."""
    from calclib.widgets.activations import DepthExplorer

    e = DepthExplorer(50, weight=8.0, z=1.0)
    assert "Off the picture at D = 50" in e.text and "relu above it (its line leaves the picture)" in e.text
    assert "sigmoid above" not in e.text and "tanh above" not in e.text  # 6.8e+09 and 2.1e+26 are on it
    e.set_controls({"weight": 0.05, "z": 4.0})
    assert "sigmoid below it, tanh below it, relu below it (their lines leave the picture)" in e.text
    e.set_controls({"weight": 2.0, "z": 1.0, "depth": 10})
    assert "Off the picture" not in e.text


def test_activation_point_and_slope_markers_are_whole_at_the_slider_ends():
    """Found by a review: at x = ±6 (the slider's ends, the axes' edges) the point on f and the square on f′ were
    cut in half by the axes' edge (gelu at x = 6 sits in the top right corner). Each is drawn whole, inside the
    figure, clear of the title and the tick labels."""
    from calclib.widgets.activations import ActivationExplorer

    e = ActivationExplorer("sigmoid", x=3.0)
    a = e.artists
    ax = a.curve.axes
    for name in e.controls["name"].options:
        for x in (-6.0, 6.0):
            e.controls["name"].value = name
            e.controls["x"].value = x
            e.figure.canvas.draw()
            renderer = e.figure.canvas.get_renderer()
            texts = [a.title] + [t.label1 for axis in (ax.xaxis, ax.yaxis) for t in axis.get_major_ticks()
                                 if t.label1.get_visible() and t.label1.get_text()]
            boxes = [t.get_window_extent(renderer) for t in texts if t.get_text()]
            for marker in (a.point, a.slope_point):
                radius = marker.get_markersize() / 2 * e.figure.dpi / 72
                centre = ax.transData.transform(marker.get_xydata()[0])
                inside = ax.bbox.contains(*(centre - radius)) and ax.bbox.contains(*(centre + radius))
                assert inside or not marker.get_clip_on(), (name, x)  # whole: inside the axes, or not clipped
                assert e.figure.bbox.contains(*(centre - radius)) and e.figure.bbox.contains(*(centre + radius))
                extent = marker.get_window_extent(renderer)
                assert not any(extent.overlaps(box) for box in boxes), (name, x)


def test_the_text_says_why_the_sigmoid_and_its_slope_run_together_on_the_left():
    """A student read: in the first figure's sigmoid panel f and f′ coincide for x below −2, unexplained."""
    text = markdown()
    assert "$\\sigma' = \\sigma(1 - \\sigma) \\approx \\sigma$" in text and "(at $x = -4$, 0.0180 against 0.0177)" in text
    assert round(float(act.sigmoid(-4.0)), 4) == 0.0180 and round(float(act.sigmoid_derivative(-4.0)), 4) == 0.0177


def test_the_depth_explorer_ticks_round_decades():
    """A student read: the log axis ticked every 7th decade (10⁰, 10⁷, 10¹⁴), and no value could be read off it."""
    from calclib.widgets.activations import DepthExplorer

    e = DepthExplorer()
    ticks = np.log10(e.artists.title.axes.get_yticks())
    assert np.allclose(ticks, np.round(ticks)) and set(np.diff(ticks)) == {10.0} and 0 in ticks
