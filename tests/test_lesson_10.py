"""Notebook 10's lesson: the temperature exercise done with the explorer, both Jacobian sums with their
reasons, the logits on the chart, small entries printed, and a classifier whose loss falls to what the
text says."""
import json
import re

import numpy as np
import pytest

import calclib as cl
from calclib import classifier as clf
from calclib import softmax as sm
from calclib.jacobian import numerical_jacobian
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("warnings_are_errors")

NOTEBOOK = ROOT / "notebooks" / "10_softmax.ipynb"


def cells(kind):
    return ["".join(c["source"]) for c in json.loads(NOTEBOOK.read_text())["cells"] if c["cell_type"] == kind]


def top_probability(text):
    return float(re.search(r"p = \(([^,]+),", text).group(1))


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
def test_softmax_explorer_finds_the_cold_temperature():
    """Exercise 4 as a student does it: from T = 1, one slider step colder at a time until p1 reads 0.99 or more."""
    from calclib.widgets.activations import SoftmaxExplorer

    e = SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=0.1)
    slider = e.controls["temperature"]
    exponent, before = 0.0, None
    slider.value = 1.0
    while top_probability(e.text) < 0.99:
        before = top_probability(e.text)
        exponent = round(exponent - slider.step, 10)
        slider.value = 10**exponent
    found = slider.value
    assert before < 0.99 <= top_probability(e.text)
    assert e.artists.bars[0].get_height() >= 0.99  # the bar shows it too
    assert cl.check("10.cold-temperature", found).correct
    assert cl.check("10.cold-temperature", round(found, 2)).correct  # as the slider's read-out shows it
    assert not cl.check("10.cold-temperature", 0.1).correct and "Hint:" in cl.check("10.cold-temperature", 0.1).message


def test_logits_are_drawn_and_follow_their_sliders():
    from calclib.widgets.activations import SoftmaxExplorer

    e = SoftmaxExplorer()
    assert [bar.get_height() for bar in e.artists.logit_bars] == pytest.approx([2.0, 1.0, 0.1, -1.0])
    e.controls["z1"].value = -3.0
    assert e.artists.logit_bars[0].get_height() == pytest.approx(-3.0)
    assert e.artists.bars[0].get_height() < e.artists.bars[1].get_height()


def test_cold_heat_map_prints_small_entries_instead_of_zero():
    from calclib.widgets.activations import SoftmaxExplorer

    e = SoftmaxExplorer(temperature=0.1)
    texts = [cell.get_text() for cell in e.artists.cells]
    J = sm.softmax_jacobian([2.0, 1.0, 0.1, -1.0], temperature=0.1)
    assert abs(J[0, 1]) == pytest.approx(4.54e-4, rel=1e-2)
    assert texts[1] == "≈0" and texts[0] == "≈0"  # tiny, but not written as an exact 0
    assert not any(t in ("0", "-0", "−0", "0.00", "-0.00", "−0.00") for t, value in zip(texts, J.ravel()) if value != 0)
    assert "largest Jacobian entry 0.000454" in e.text  # the read-out gives its size


# Views at the ends of every slider: a cold tie (entries 18.75 and −6.25), two tied leaders (±25),
# one leader, hot and flat, and the explorer's own starting views.
EXTREME_VIEWS = [((-5.0, -5.0, -5.0, -5.0), 0.01), ((5.0, 5.0, -5.0, -5.0), 0.01), ((5.0, -5.0, 5.0, -5.0), 0.01),
                 ((5.0, -5.0, -5.0, -5.0), 0.01), ((5.0, 4.9, -5.0, -5.0), 0.0112), ((5.0, -5.0, 5.0, -5.0), 10.0),
                 ((-5.0, 5.0, 0.0, 0.0), 1.0), ((2.0, 1.0, 0.1, -1.0), 1.0), ((2.0, 1.0, 0.1, -1.0), 0.1)]


def _cell_colours(artists):
    return artists.heat.to_rgba(artists.heat.get_array().reshape(4, 4))


def test_jacobian_colour_scale_adapts_to_the_largest_entry_and_the_colour_bar_follows():
    """A cold tie's entries (18.75) are not drawn in the colour of 0.25; ordinary views keep the ±0.25 scale."""
    from calclib.plotting.softmax import bar_ticks, colour_scale
    from calclib.widgets.activations import SoftmaxExplorer

    e = SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=1.0)
    assert e.artists.heat.get_clim() == (-0.25, 0.25)  # today's colours for an ordinary view
    labels = [label.get_text() for label in e.artists.bar_labels if label.get_text()]
    assert labels == ["−0.2", "−0.1", "0", "0.1", "0.2"]
    figure = e.figure
    count = len(list(figure.findobj()))
    for name in ("z1", "z2", "z3", "z4"):
        e.controls[name].value = -5.0
    e.controls["temperature"].value = 0.01
    J = sm.softmax_jacobian([-5.0] * 4, temperature=0.01)
    assert J[0, 0] == pytest.approx(18.75) and J[0, 1] == pytest.approx(-6.25)  # (diag(p) − p pᵀ)/T, p = 1/4
    assert e.artists.heat.get_clim() == pytest.approx((-18.75, 18.75)) and colour_scale(J) == pytest.approx(18.75)
    colours = _cell_colours(e.artists)
    # the diagonal has the colour of the top of the scale, an entry of 0.25 would be nearly white
    assert colours[0, 0] == pytest.approx(e.artists.heat.cmap(1.0))
    assert not np.allclose(colours[0, 0], e.artists.heat.to_rgba(np.array([[0.25]]))[0, 0], atol=0.1)
    # the colour bar's marks and values moved to the new scale, on the same bar
    labels = [label.get_text() for label in e.artists.bar_labels if label.get_text()]
    assert labels == ["−15", "−10", "−5", "0", "5", "10", "15"]
    assert e.artists.bar_marks.get_ydata() == pytest.approx(bar_ticks(18.75) / 18.75)
    assert [label.get_position()[1] for label in e.artists.bar_labels[:7]] == pytest.approx(bar_ticks(18.75) / 18.75)
    assert e.figure is figure and len(list(figure.findobj())) == count  # no artist made for the new scale
    e.controls["temperature"].value = 1.0
    assert e.artists.heat.get_clim() == (-0.25, 0.25)  # a tie at T = 1: entries 0.19, back to ±0.25


@pytest.mark.parametrize("logits, temperature", EXTREME_VIEWS)
def test_jacobian_entries_are_readable_and_fit_their_cells(logits, temperature):
    """One notation (2 decimals, 3 when all are small, ≈0 for a tiny entry), text 10 CSS pixels or more, inside its cell, legible on its colour."""
    from calclib.plotting.figure import SCALE
    from calclib.plotting.softmax import contrast, entry_decimals
    from calclib.widgets.activations import SoftmaxExplorer

    e = SoftmaxExplorer(logits=logits, temperature=temperature)
    e.ensure_drawn()
    renderer = e.figure.canvas.get_renderer()
    ax = e.artists.heat.axes
    colours = _cell_colours(e.artists)
    J = sm.softmax_jacobian(e.logits, temperature=e.controls["temperature"].value)
    for k, text in enumerate(e.artists.cells):
        i, j = divmod(k, 4)
        # 2 decimals, 3 where every entry is below 0.1 (entry_decimals), the same in every cell
        assert re.fullmatch(r"−?\d+\.\d{%d}|≈0|0" % entry_decimals(J), text.get_text()), text.get_text()
        if text.get_text() not in ("≈0", "0"):
            assert float(text.get_text().replace("−", "-")) == pytest.approx(J[i, j], abs=0.005)
        assert text.get_fontsize() * e.figure.dpi / SCALE / 72 >= 10  # CSS pixels
        box = text.get_window_extent(renderer)
        (x0, y0), (x1, y1) = ax.transData.transform([(j - 0.5, i - 0.5), (j + 0.5, i + 0.5)])
        left, right, bottom, top = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        assert left + 2 <= box.x0 and box.x1 <= right - 2 and bottom + 2 <= box.y0 and box.y1 <= top - 2
        assert contrast(text.get_color() == "white" and (1, 1, 1) or (0, 0, 0), colours[i, j]) >= 4.5


def test_temperature_slider_and_title_show_the_same_digits():
    from calclib.plotting.softmax import TEMPERATURE_FORMAT, temperature_text
    from calclib.widgets.activations import SoftmaxExplorer

    e = SoftmaxExplorer(temperature=1.0)
    slider = e.controls["temperature"]
    assert slider.readout_format == TEMPERATURE_FORMAT == ".3r"  # d3-format: 3 significant figures, zeros kept
    # what d3's ".3r" writes for these values (its documented behaviour), and Python's text for the title
    for value, shown in ((10 ** -0.75, "0.178"), (1.0, "1.00"), (0.01, "0.0100"), (10.0, "10.0"), (10 ** -0.65, "0.224")):
        slider.value = value
        assert temperature_text(slider.value) == shown
        assert e.artists.title_z.get_text().endswith(f"T = {shown}") and e.text.startswith(f"T = {shown}:")


def test_softmax_text_names_the_sliders_and_their_scales_and_the_tie_caveat():
    text = "\n".join(cells("markdown"))
    assert "drag a logit" not in text.lower() and "move a z slider" in text
    assert "logarithmic" in text and "equal ratios" in text
    assert "grows like $1/T$" in text  # a tie keeps the Jacobian large as T shrinks
    assert "18.75" in text and f"{sm.softmax_jacobian([-5.0] * 4, temperature=0.01)[0, 0]:.2f}" == "18.75"
    assert "T = 0.200" in text and "T = 0.224" in text  # the slider's grid values as its read-out shows them


def test_attention_loss_is_stated_in_the_text_as_the_code_computes_it():
    text = "\n".join(cells("markdown"))
    code = "\n".join(cells("code"))
    assert "loss = (step.output[0] - 1.0) ** 2" in code
    assert "$L = (o_1 - 1)^2$" in text
    assert text.index("$L = (o_1 - 1)^2$") < text.index("A finite-difference check of the gradient at the\nquery")


def test_classifier_text_explains_the_tie_at_step_zero():
    text = "\n".join(cells("markdown"))
    assert "ties go to the first class" in text


@pytest.mark.parametrize("step", [0, 200])
def test_loss_marker_sits_whole_inside_the_axes(step):
    from calclib.widgets.classifier import ClassifierExplorer

    X, labels, run = _classifier_from_notebook()
    e = ClassifierExplorer(X, labels, run, step=step)
    e.ensure_drawn()
    marker = e.artists.marker
    ax = marker.axes
    x, y = ax.transData.transform((marker.get_xdata()[0], marker.get_ydata()[0]))
    radius = marker.get_markersize() / 72 * e.figure.dpi / 2 + marker.get_markeredgewidth() / 72 * e.figure.dpi
    box = ax.bbox
    assert box.x0 <= x - radius and x + radius <= box.x1 and box.y0 <= y - radius and y + radius <= box.y1


@pytest.mark.parametrize("seed", range(5))
def test_rows_sum_to_zero_by_shift_and_columns_by_total(seed):
    rng = np.random.default_rng(seed)
    z, T = rng.normal(scale=3, size=5), float(rng.uniform(0.2, 3))
    J = sm.softmax_jacobian(z, temperature=T)
    assert np.allclose(J.sum(axis=1), 0, atol=1e-14) and np.allclose(J.sum(axis=0), 0, atol=1e-14)
    c = float(rng.normal(scale=10))
    assert np.allclose(sm.softmax(z + c, temperature=T), sm.softmax(z, temperature=T))  # why rows sum to 0
    assert np.isclose(sm.softmax(z, temperature=T).sum(), 1)  # why columns sum to 0
    # A map with only the second property: columns sum to 0, rows do not.
    s = rng.uniform(0.5, 3, size=4)
    N = numerical_jacobian(lambda v: v / v.sum(), s)
    assert np.allclose(N.sum(axis=0), 0, atol=1e-8) and not np.allclose(N.sum(axis=1), 0, atol=1e-3)


def test_notebook_gives_both_reasons_and_introduces_attention_symbols_in_order():
    text = "\n".join(cells("markdown"))
    assert "chapter" not in text
    assert "**Each column sums to 0 because the probabilities sum to 1.**" in text
    assert "**Each row sums to 0 because adding the same number to every logit changes nothing.**" in text
    order = [text.index(word) for word in ("**query**", "**key**", r"by $\sqrt{d}$", "**attention weights**", "**value**")]
    assert order == sorted(order)
    assert r"\ell" not in text  # the loss is L throughout the set


def _classifier_from_notebook():
    """The data set and training run exactly as the notebook makes them (its own source lines)."""
    code = "\n".join(cells("code"))
    data_line = next(line for line in code.splitlines() if line.startswith("X, labels = clf.blobs("))
    assert "m, eta = len(X), 0.1" in code and "for step_number in range(200):" in code
    assert "run = clf.train(X, labels, steps=200, learning_rate=eta)" in code
    scope = {"clf": clf}
    exec(data_line, scope)
    return scope["X"], scope["labels"], clf.train(scope["X"], scope["labels"], steps=200, learning_rate=0.1)


def test_classifier_loss_falls_and_final_accuracy_is_what_the_text_says():
    X, labels, run = _classifier_from_notebook()
    assert X.shape == (120, 2) and np.bincount(labels).tolist() == [40, 40, 40]
    assert np.all(np.diff(run.losses) < 0)
    assert run.losses[0] == pytest.approx(np.log(3)) and run.losses[-1] < 0.3 * run.losses[0]
    text = "\n".join(cells("markdown"))
    right, total, percent = re.search(r"(\d+) of the (\d+) points \(([\d.]+)%\)", text).groups()
    assert int(total) == len(X)
    assert round(run.accuracies[-1] * len(X)) == int(right)
    assert 100 * run.accuracies[-1] == pytest.approx(float(percent))
    stated_loss = re.search(r"it has fallen to about ([\d.]+)", text).group(1)
    assert f"{run.losses[-1]:.3f}" == stated_loss
    assert f"and it classifies {right} of the {total} points right" in text  # the summary agrees


def test_the_gradient_used_in_training_is_the_loss_gradient():
    X, labels = clf.blobs(3, [(0, 0), (2, 1), (1, 3)], per_class=5)
    Y = clf.one_hot(labels, 3)
    rng = np.random.default_rng(0)
    W, b = rng.normal(size=(2, 3)), rng.normal(size=3)

    def mean_loss(flat):
        return clf.loss(clf.softmax_rows(X @ flat[:6].reshape(2, 3) + flat[6:]), labels)

    G = (clf.softmax_rows(X @ W + b) - Y) / len(X)
    analytic = np.concatenate([(X.T @ G).ravel(), G.sum(axis=0)])
    numeric = cl.gradients.numerical_gradient(mean_loss, np.concatenate([W.ravel(), b]))
    assert np.allclose(analytic, numeric, atol=1e-8)


def test_classifier_explorer_swaps_in_place():
    from calclib.widgets.classifier import ClassifierExplorer

    X, labels, run = _classifier_from_notebook()
    e = ClassifierExplorer(X, labels, run, step=15)
    figure, n_children = e.figure, len(e.figure.axes[0].get_children())
    start = e.artists.regions.get_array().copy()
    assert "after 15 steps" in e.text and "84 of 120 points right (70%)" in e.text
    e.controls["step"].value = 200
    assert e.figure is figure and len(e.figure.axes[0].get_children()) == n_children
    assert not np.array_equal(start, e.artists.regions.get_array())  # the regions moved
    assert e.artists.marker.get_ydata()[0] == pytest.approx(run.losses[200])
    assert "111 of 120 points right (92.5%)" in e.text
    e.controls["step"].value = 0
    assert len(np.unique(e.artists.regions.get_array())) == 1  # W = 0: one class everywhere (a tie, argmax picks 1)


def test_classifier_door_checks():
    from calclib.widgets.classifier import ClassifierExplorer

    with pytest.raises(ValueError, match="`X` must have shape"):
        clf.train(np.zeros((3, 3)), [0, 1, 2])
    with pytest.raises(ValueError, match="`labels` must be"):
        clf.train(np.zeros((3, 2)), [0.5, 1, 2])
    with pytest.raises(ValueError, match="`learning_rate` must be greater than 0"):
        clf.train(np.zeros((3, 2)), [0, 1, 2], learning_rate=0)
    with pytest.raises(ValueError, match="`steps` must be a whole number"):
        clf.train(np.zeros((3, 2)), [0, 1, 2], steps=-1)
    with pytest.raises(TypeError, match="`history` must be"):
        ClassifierExplorer(np.zeros((3, 2)), [0, 1, 2], history=None)


def test_explain_and_implement_exercises():
    assert "column" in cl.check("10.row-sums", "a").message
    assert cl.check("10.row-sums", "B").correct
    assert cl.check("10.attention-scale", "b").correct
    assert "whatever the scores" in cl.check("10.attention-scale", "a").message
    naive = cl.check("10.safe-softmax", lambda z: np.exp(z) / np.exp(z).sum())
    assert not naive.correct and "too large for a float" in naive.message  # its own hint, saying why
    assert cl.check("10.safe-softmax", lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()).correct


def test_diag_and_outer_product_are_shown_before_the_jacobian_formula_and_rows_are_announced():
    """diag(p) and p pᵀ are explained, and printed for a 3-class p, before J = diag(p) − p pᵀ is stated;
    the classifier says its vectors are rows before it uses xW."""
    every = json.loads(NOTEBOOK.read_text())["cells"]
    sources = ["".join(c["source"]) for c in every]
    explained = next(i for i, s in enumerate(sources) if "**outer product**" in s)
    example = next(i for i, s in enumerate(sources) if "np.outer(" in s and every[i]["cell_type"] == "code")
    formula = next(i for i, s in enumerate(sources)
                   if r"$$\mathbf{J} = \operatorname{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^{\mathsf T}.$$" in s)
    assert explained < example < formula
    printed = "".join("".join(o.get("text", "")) for o in every[example]["outputs"])
    p3 = np.array([0.7, 0.2, 0.1])
    assert "[[0.49, 0.14, 0.07]," in printed and "[[0.21, -0.14, -0.07]," in printed
    assert np.allclose(np.diag(p3) - np.outer(p3, p3), sm.softmax_jacobian(np.log(p3)))  # the same J softmax has there
    model = next(s for s in sources if "**The model.**" in s)
    assert model.index("**row** vectors") < model.index("`X @ W + b`")


def test_cold_temperature_tolerance_stated_is_the_one_the_checker_applies_around_the_true_temperature():
    """The range was 0.195 to 0.225 (stated ±0.015) about the true T = 0.21688: 0.196 passed 0.021 below it,
    0.226 was refused 0.009 above. Centred now, ±0.018: the slider's two readings around p1 = 0.99, T = 0.200
    (p1 0.993, where a student stops) and T = 0.224 (p1 0.988), both pass; the steps beyond them do not."""
    import sympy as sp

    from tests.test_lesson_05 import assert_stated_tolerance_is_about

    T = sp.symbols("T", positive=True)
    logits = (2, 1, sp.Rational(1, 10), -1)
    p1 = 1 / sum(sp.exp((z - 2) / T) for z in logits)
    truth = float(sp.nsolve(p1 - sp.Rational(99, 100), T, 0.2))
    assert truth == pytest.approx(0.216879, abs=1e-6)
    assert assert_stated_tolerance_is_about("10.cold-temperature", truth) == 0.018
    from calclib.plotting.softmax import temperature_text

    for exponent, correct in ((-0.75, False), (-0.7, True), (-0.65, True), (-0.6, False)):
        shown = float(temperature_text(10**exponent))  # 0.178, 0.200, 0.224, 0.251
        assert cl.check("10.cold-temperature", shown).correct is correct, shown


def test_classifier_title_and_read_out_say_the_same_numbers_as_the_text():
    """A student read: the title said "loss 1.1, accuracy 33.3%" over a read-out saying "loss 1.099, accuracy
    33.33%" (step 15: 0.633 and 0.6327). Both now say the same, to the digits the notebook uses (ln 3 = 1.099,
    about 0.259, 111 of the 120 points)."""
    from calclib.widgets.classifier import ClassifierExplorer

    X, labels, run = _classifier_from_notebook()
    e = ClassifierExplorer(X, labels, run, step=15)
    shown = {}
    for step in (0, 15, 200):
        e.controls["step"].value = step
        assert e.text == e.artists.title.get_text()
        shown[step] = e.text
    assert shown[0] == "after 0 steps: loss 1.099, 40 of 120 points right (33.3%)"
    assert shown[200] == "after 200 steps: loss 0.259, 111 of 120 points right (92.5%)"
    text = "\n".join(cells("markdown"))
    assert r"$\ln 3 \approx 1.099$" in text and "fallen to about 0.259" in text and "111 of the 120 points" in text


def test_symbols_keep_one_meaning():
    """S is 08's symmetric part (the README's table), not the sum of exponentials; the data points are counted
    by m as in 08, n stays the number of classes; one-hot is said where it is first used."""
    text = "\n".join(cells("markdown"))
    code = "\n".join(cells("code"))
    assert r"Write $Z = \sum_k e^{z_k}$" in text and "Write $S =" not in text and "{S^2}" not in text
    assert "$m = 120$ points" in text and "$n = 120$" not in text and r"\tfrac1n" not in text
    assert "G = (P - Y) / m" in code and " of {m}" in code
    first = text.index("one-hot")
    assert text[first - 2:].startswith("**one-hot** (one entry near 1, all the others near 0)")
    assert "the tie from above" not in text and "the tie described above" in text


def test_cold_temperature_solution_quotes_the_read_out():
    """The solution said p1 = 0.993 and 0.988 "as its read-out shows them"; the read-out prints four digits."""
    from calclib.widgets.activations import SoftmaxExplorer

    text = "\n".join(cells("markdown"))
    e = SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=0.2)
    for exponent, quoted in ((-0.7, "p_1 = 0.9933$ at\n$T = 0.200$"), (-0.65, "$0.9884$ at $T = 0.224$")):
        e.controls["temperature"].value = 10**exponent
        p1 = re.search(r"p = \(([^,]+),", e.text).group(1)
        assert p1 in quoted and quoted in text


@pytest.mark.parametrize("temperature", [0.158, 0.178])
def test_a_step_or_two_too_cold_is_not_a_wide_margin(temperature):
    feedback = cl.check("10.cold-temperature", temperature)
    assert not feedback.correct and "wide margin" not in feedback.message and "only just" in feedback.message
    assert "wide margin" in cl.check("10.cold-temperature", 0.1).message


def test_attention_gradients_are_named_with_the_loss_and_the_zero_is_explained():
    code = "\n".join(cells("code"))
    text = "\n".join(cells("markdown"))
    assert "∂loss/" not in code and '"∂L/∂α (through the weights)"' in code
    assert "the second entry is exactly 0 because the second\nvalue" in text


# ---- a student read of 09 and 10 (content910): each finding, with the fix it got ----

def _sources():
    return ["".join(c["source"]) for c in json.loads(NOTEBOOK.read_text())["cells"]]


def _outputs(cell_id):
    cell = next(c for c in json.loads(NOTEBOOK.read_text())["cells"] if c["id"] == cell_id)
    return "".join("".join(o.get("data", {}).get("text/plain", o.get("text", ""))) for o in cell["outputs"])


def test_attention_gradient_is_derived_from_the_weights_to_the_scores_to_the_query():
    """The page printed ∂L/∂q and checked it, but the text stopped at ∂L/∂α. The two steps between are derived,
    then computed in a few lines that give the engine's numbers."""
    sources = _sources()
    read = next(i for i, s in enumerate(sources) if s.startswith("Read the $\\partial L/\\partial \\alpha_i$ first."))
    check = next(i for i, s in enumerate(sources) if s.startswith("def attention_loss("))
    derivation = sources[read]
    assert r"\mathbf{J}^{\mathsf T}\,\nabla_{\boldsymbol{\alpha}}L" in derivation and r"\odot" in derivation
    assert r"$$\nabla_{\mathbf{q}}L = \sum_i \frac{\partial L}{\partial s_i}\,\frac{\mathbf{k}_i}{\sqrt{d}}.$$" in derivation
    steps = next(i for i in range(read, check) if "grad_s = alpha_vector * (grad_alpha - alpha_vector @ grad_alpha)"
                 in sources[i])
    assert "grad_q = grad_s @ np.array(keys) / np.sqrt(2)" in sources[steps]
    shown = _outputs(json.loads(NOTEBOOK.read_text())["cells"][steps]["id"])
    assert "[-0.1309, 0.1113, 0.0196]" in shown and "[-0.07869, 0.09257]" in shown
    # the same two steps, independently of the notebook: α ⊙ (g − α·g), then Σ (∂L/∂s_i) k_i/√d
    keys = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    step = sm.attention([1.0, 0.5], keys, [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    ((step.output[0] - 1.0) ** 2).backward()
    alpha = np.array([a.data for a in step.weights])
    g = np.array([a.grad for a in step.weights])
    grad_s = alpha * (g - alpha @ g)
    assert grad_s == pytest.approx([s.grad for s in step.scores])
    assert grad_s == pytest.approx([-0.1309, 0.1113, 0.0196], abs=5e-5)
    assert grad_s @ keys / np.sqrt(2) == pytest.approx([q.grad for q in step.query])


def test_a_gradient_with_too_few_figures_is_told_so():
    """[−0.67, 0.33, 0.33], the right gradient to 2 figures where 3 are asked, was given the method hint."""
    for answer, figures in (([-0.67, 0.33, 0.33], "2 significant figures"), ((-0.7, 0.3, 0.3), "1 significant figure")):
        feedback = cl.check("10.cross-entropy-gradient", answer)
        assert not feedback.correct and figures in feedback.message and "subtract" not in feedback.message
    assert cl.check("10.cross-entropy-gradient", [-0.667, 0.333, 0.333]).correct


def test_exercise_four_says_how_to_get_the_starting_logits_back():
    sources = _sources()
    exercise = next(s for s in sources if s.startswith("**4.** *With the softmax explorer.*"))
    assert "Keep the logits at" not in exercise
    assert "type its starting value" in exercise and "run the explorer's cell again" in exercise
    prompt = next(s for s in sources if s.startswith("## Try it: logits and temperature"))
    assert "Exercise 4 needs the starting logits $(2, 1, 0.1, -1)$ again" in prompt


def test_the_temperature_predictions_are_asked_before_the_explorer_and_answered_after_it():
    """The collapse at a cold T and the tie's 18.75 were stated before the explorer invited the experiment."""
    sources = _sources()
    explorer = next(i for i, s in enumerate(sources) if s.startswith("SoftmaxExplorer("))
    before, after = "\n".join(sources[:explorer]), "\n".join(sources[explorer + 1:])
    assert "what will the diagonal entries of $\\mathbf{J}_T$ read?" in before
    assert "18.75" not in before and "collapse" not in before and "grows like $1/T$" not in before
    assert "= 18.75$" in after and "grows like $1/T$" in after and "some 500 times smaller" in after
    at_one = np.abs(sm.softmax_jacobian([2.0, 1.0, 0.1, -1.0])).max()
    cold = np.abs(sm.softmax_jacobian([2.0, 1.0, 0.1, -1.0], temperature=0.1)).max()
    assert 450 < at_one / cold < 550 and round(at_one, 2) == 0.23  # "about 0.23", "some 500 times smaller"


def test_the_caption_says_the_shown_entries_are_rounded_and_its_row_adds_up_as_it_says():
    sources = _sources()
    figure = next(s for s in sources if "plot_softmax(*axes, logits" in s)
    assert "The cells round to 2 decimals" in figure
    assert "reads −0.06 − 0.02 + 0.09 + ≈0 = 0.01" in figure and "−0.0609 − 0.0224 \"\n" in figure
    row = sm.softmax_jacobian([2.0, 1.0, 0.1, -1.0])[2]
    assert np.round(row, 2)[:3].tolist() == [-0.06, -0.02, 0.09] and abs(row[3]) < 0.005
    assert round(float(np.round(row, 2).sum()), 10) == 0.01 and abs(row.sum()) < 1e-15


@pytest.mark.parametrize("temperature", [0.01, 0.0112, 0.02])
def test_a_cold_diagonal_entry_is_tiny_not_zero(temperature):
    """At T = 0.01, 1 − p1 rounds to exactly 0, so p1(1 − p1) was 0 and its cell read "0" beside "≈0" cells;
    the diagonal is now p_i Σ_{j≠i} p_j, equal and free of the cancellation."""
    from calclib.widgets.activations import SoftmaxExplorer

    J = sm.softmax_jacobian([2.0, 1.0, 0.1, -1.0], temperature=temperature)
    assert np.all(np.diag(J) > 0)
    assert J[0, 0] == pytest.approx(-J[0, 1:].sum(), rel=1e-12)  # the row still sums to 0
    e = SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=temperature)
    assert e.artists.cells[0].get_text() == "≈0"


def test_the_diagonal_form_agrees_with_p_times_one_minus_p_wherever_that_is_exact():
    rng = np.random.default_rng(3)
    for _ in range(20):
        z, T = rng.normal(scale=3, size=6), float(rng.uniform(0.3, 3))
        p = sm.softmax(z, temperature=T)
        assert np.allclose(sm.softmax_jacobian(z, temperature=T), (np.diag(p) - np.outer(p, p)) / T, atol=1e-15)


def test_exercise_four_solution_says_where_the_gaps_come_from():
    solution = next(s for s in _sources() if "solving by bisection" in s)
    assert "Divide top and bottom by $e^{2/T}$" in solution
    assert "$2 - 1 = 1$, $2 - 0.1 = 1.9$ and $2 - (-1) = 3$" in solution
    assert solution.index("Divide top and bottom") < solution.index(r"e^{-1.9/T}")


def test_the_shift_prompt_is_concrete_and_gives_the_reason_in_the_right_order():
    """"adding the same amount to all four would change nothing (the rows sum to 0)": no control adds to all
    four, and the rows sum to 0 *because* a shift changes nothing (cell 15), not the other way round."""
    from calclib.widgets.activations import SoftmaxExplorer

    text = "\n".join(cells("markdown"))
    assert "(the rows sum to 0)" not in text
    assert "$z_1$ to 3, $z_2$ to 2, $z_3$ to 1.1 and $z_4$ to 0" in text
    assert "and that is the reason each row of $\\mathbf{J}$ sums to 0" in text
    e = SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=1.0)
    start = e.text
    for name, value in zip(("z1", "z2", "z3", "z4"), (3.0, 2.0, 1.1, 0.0)):
        e.controls[name].value = value
        assert e.text != start or name == "z4"  # out of step, p moves
    assert e.text.split(";")[0].split("p = ")[1] == start.split(";")[0].split("p = ")[1]  # p comes back


def test_the_square_root_growth_is_shown_and_exercise_six_does_not_repeat_the_bullet():
    sources = _sources()
    demo = next(i for i, s in enumerate(sources) if s.startswith("dims = [4, 16, 64, 256]"))
    bullets = next(i for i, s in enumerate(sources) if "**attention weights**" in s)
    assert bullets < demo < next(i for i, s in enumerate(sources) if s.startswith("keys = [[1.0, 0.0]"))
    shown = _outputs(json.loads(NOTEBOOK.read_text())["cells"][demo]["id"])
    ratios = [float(line.split()[-1]) for line in shown.splitlines()[2:]]
    assert len(ratios) == 4 and all(abs(r - 1) < 0.1 for r in ratios)
    # the experiment itself, with another seed: std of q·k is about √d
    rng = np.random.default_rng(0)
    for d in (4, 256):
        q, k = rng.normal(size=(2, 4000, d))
        assert np.std(np.sum(q * k, axis=1)) == pytest.approx(np.sqrt(d), rel=0.08)
    option = exercises_bank()["10.attention-scale"].answer.options["b"]
    assert "8 times as wide" in option and "do not grow with the number of entries" not in option
    question = next(s for s in sources if s.startswith("**6.**"))
    assert "$d = 256$ dimensions spread about 8 times as wide as in $d = 4$" in question
    assert "do not grow with the number of entries" not in question


def exercises_bank():
    from calclib.exercises import exercises

    return exercises()


@pytest.mark.parametrize("key, answer, words", [
    ("10.jacobian-entry", 0.35, "p1(1 − p2)"),  # the diagonal's pattern with the other index
    ("10.probability", 1.0, "e^0 = 1"),  # e^0 taken as 0
    ("10.probability", 1, "e^0 = 1"),
])
def test_common_wrong_answers_get_the_hint_that_names_them(key, answer, words):
    feedback = cl.check(key, answer)
    assert not feedback.correct and words in feedback.message, feedback.message


def test_the_payoff_of_the_square_root_is_shown_and_exercise_six_options_are_alike():
    """Found by a later student read: the spread table never showed what unscaled scores do to the weights
    (close to one-hot), the d = 4 row read "2 | 2 | 1" as if rigged, and option (b) of exercise 6 was the
    only detailed one, which gave it away."""
    import ast

    sources = _sources()
    demo = next(i for i, s in enumerate(sources) if s.startswith("largest = {}"))
    assert demo > next(i for i, s in enumerate(sources) if s.startswith("dims = [4, 16, 64, 256]"))
    shown = ast.literal_eval(_outputs(json.loads(NOTEBOOK.read_text())["cells"][demo]["id"]))
    assert shown["d = 256, unscaled"] > 0.85 > shown["d = 4, unscaled"]
    assert abs(shown["d = 256, scaled"] - shown["d = 4, scaled"]) < 0.1
    spread = _outputs(json.loads(NOTEBOOK.read_text())["cells"][demo - 3]["id"])
    assert "2.003" in spread  # four figures: measured, not exact
    options = exercises_bank()["10.attention-scale"].answer.options
    lengths = sorted(len(text) for text in options.values())
    assert lengths[0] > 0.4 * lengths[-1], options


def test_classifier_read_out_says_one_step_not_one_steps():
    from calclib.plotting.classifier import status_text

    assert status_text(1, 0.5, 0.75, 40).startswith("after 1 step: loss 0.500, 30 of 40")
    assert status_text(2, 0.5, 0.75, 40).startswith("after 2 steps:")


def test_small_jacobian_entries_keep_a_third_decimal_so_rows_still_read_as_summing_to_zero():
    """A tester: at T = 10 with equal logits the cells read 0.02 and −0.01, and each row seemed to add up to
    −0.01 under the title "rows and columns sum to 0"."""
    from calclib.widgets.activations import SoftmaxExplorer

    e = SoftmaxExplorer(logits=(0.0, 0.0, 0.0, 0.0), temperature=10.0)
    shown = [float(t.get_text().replace("−", "-")) for t in e.artists.cells]
    assert shown[0] == 0.019 and shown[1] == -0.006
    assert abs(sum(shown[:4])) <= 0.0015 and "rows and columns sum to 0" in e.artists.title_j.get_text()
    e = SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=1.0)  # large entries keep 2 decimals
    assert all(len(t.get_text().split(".")[-1]) <= 2 for t in e.artists.cells if "." in t.get_text())


def test_the_read_out_says_when_a_row_of_rounded_cells_does_not_add_up_to_zero():
    """A third read: at T = 10 a row of cells reads 0.019 − 3 × 0.006 = 0.001 under "rows and columns sum to 0".
    The read-out now says the cells are rounded, with the largest sum they show; where every row and column of
    them adds up to 0 it says nothing."""
    from calclib.plotting.softmax import shown_sum_gap
    from calclib.widgets.activations import SoftmaxExplorer

    def shown(e):  # the cells as a student reads them ("≈0" is 0)
        return np.array([float(t.get_text().replace("−", "-").replace("≈", "")) for t in e.artists.cells]).reshape(4, 4)

    e = SoftmaxExplorer(logits=(0.0, 0.0, 0.0, 0.0), temperature=10.0)
    cells = shown(e)
    worst = max(np.abs(cells.sum(axis=0)).max(), np.abs(cells.sum(axis=1)).max())
    assert round(worst, 6) == 0.001 == shown_sum_gap(e.artists.heat.get_array().reshape(4, 4))
    assert "(the cells are rounded to 3 decimals: a row or column of them can add up to 0.001; the exact entries sum to 0)" in e.text
    e = SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=10 ** -0.5)
    cells = shown(e)
    assert np.allclose(cells.sum(axis=0), 0, atol=1e-9) and np.allclose(cells.sum(axis=1), 0, atol=1e-9)
    assert "rounded" not in e.text


def test_the_classifier_legend_stands_below_the_map_clear_of_every_point():
    """A student read: the legend (upper left, inside the map) covered the points of that corner."""
    from calclib.widgets.classifier import ClassifierExplorer

    X, labels, run = _classifier_from_notebook()
    e = ClassifierExplorer(X, labels, run, step=15)
    e.ensure_drawn()
    renderer = e.figure.canvas.get_renderer()
    ax = e.artists.regions.axes
    box = e.artists.legend.get_window_extent(renderer)
    assert box.y1 < ax.get_window_extent(renderer).y0  # below the map
    assert box.y1 < min(t.get_window_extent(renderer).y0 for t in ax.get_xticklabels() if t.get_text())
    assert not box.overlaps(ax.xaxis.label.get_window_extent(renderer))
    assert e.figure.bbox.contains(box.x0, box.y0) and e.figure.bbox.contains(box.x1, box.y1)
