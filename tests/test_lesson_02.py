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
from tests.conftest import NOTEBOOKS, ROOT

pytestmark = pytest.mark.usefixtures("warnings_are_errors")


def gap(text):
    return float(re.search(r"\|secant − f′\(x\)\| = ([0-9.e+−]+)", text).group(1).replace("−", "-"))


@pytest.mark.usefixtures("frames_not_drawn")  # reads only what update() sets
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
    e.controls["size"].value = 1e-12  # the whole curve is traced once h has been shrunk to the end
    hs, errors = e.error.curve.get_data()
    slope = np.polyfit(np.log10(hs[(hs >= 1e-4) & (hs <= 1e-1)]), np.log10(errors[(hs >= 1e-4) & (hs <= 1e-1)]), 1)[0]
    assert slope == pytest.approx(1.0, abs=0.05)
    assert errors[hs < 1e-11].min() > 10 * errors.min()  # below the best step, rounding wins


def test_error_panel_traces_only_the_steps_already_visited():
    """The whole error curve, with its V near 1e-8, gave away the 'Predict first' question and exercise 3:
    the curve runs from |h| = 1 down to the current |h| only, on axes that keep the slider's whole range."""
    e = SecantExplorer("e^x", x0=1.0, h=0.1)
    ax = e.error.curve.axes
    assert "traced as |h| shrinks" in ax.get_title()
    slider = e.controls["size"]
    for size in (1.0, 0.1, 1e-4, 1e-8, 1e-12, 1e-3):  # shrinking, then back up: the curve follows the slider
        slider.value = size
        hs, errors = (np.asarray(v, dtype=float) for v in e.error.curve.get_data())
        assert hs.max() == pytest.approx(1.0) and hs.min() == pytest.approx(slider.value, rel=1e-6), size
        marker_h = float(e.error.marker.get_data()[0][0])
        assert marker_h == pytest.approx(hs.min(), rel=1e-6)  # the curve ends at the marker
        lo, hi = ax.get_xlim()
        assert lo <= 1e-12 and hi >= 1.0  # the axis keeps the slider's whole range
    e.controls["size"].value = 1e-6  # the turn below 1e-8 is not on the screen before h gets there
    hs, errors = e.error.curve.get_data()
    assert np.all(np.diff(np.log10(errors)) > 0)  # steps run upwards: the error only grows with |h|, no V yet


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


# ----- the student read: what the pictures show -----

ANIMATION_STEPS = [1.0, 0.7, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01]


def is_secant_colour(rgb):
    """Vermillion at any strength against white (not the purple, blue, green or grey of the other lines)."""
    r, g, b = (int(c) for c in rgb)
    return r - g > 40 and r - b > 60


def test_animation_comes_to_rest_on_the_secants_of_every_h_its_caption_names():
    """The caption speaks of h shrinking from 1 to 0.01: the frame the animation rests on shows those secants."""
    fig, ax = new_figure(width=6.4, height=4.0)
    square = cl.catalog()["x^2"]
    anim = secant_animation(ax, square, 3.0, ANIMATION_STEPS)
    assert "from 1 to 0.01" in anim.caption
    image = Image.open(io.BytesIO(anim.png))
    image.seek(image.n_frames - 1)
    last = np.asarray(image.convert("RGB"))
    height = last.shape[0]
    at = 4.5  # right of the point x = 3, where the secants of h = 1, 0.7 and 0.5 fan out
    for h in (1.0, 0.7, 0.5):
        y = square(3.0) + float(cl.secant_slope(square, 3.0, h)) * (at - 3.0)
        px, py = ax.transData.transform([at, y]) * 2  # the PNG is drawn at 2x
        row, col = int(round(height - py)), int(round(px))
        window = last[row - 3:row + 4, col - 8:col + 9].reshape(-1, 3)
        assert any(is_secant_colour(c) for c in window), f"no secant of h = {h:g} in the frame the animation rests on"


def drawn_tick_labels(ax):
    """The tick labels a reader sees: those of ticks inside the view (matplotlib keeps a few outside)."""
    labels = []
    for axis in (ax.xaxis, ax.yaxis):
        lo, hi = sorted(axis.get_view_interval())
        span = 1e-9 * (hi - lo)
        labels += [t.label1 for t in axis.get_major_ticks()
                   if lo - span <= t.get_loc() <= hi + span and t.label1.get_visible() and t.label1.get_text()]
    assert labels, "no tick labels drawn"
    return labels


def test_secant_explorer_tick_labels_keep_clear_of_the_picture_edges():
    """The '10⁰' under the error panel's right end was drawn 4 CSS px from the picture's edge and read as cut off."""
    from calclib.plotting.figure import SCALE

    e = SecantExplorer("x^2", x0=3.0, h=0.1)
    for function in e.functions:
        e.controls["function"].value = function
        e.ensure_drawn()
        renderer, picture = e.figure.canvas.get_renderer(), e.figure.bbox
        margin = 8 * SCALE  # CSS px, on the 2x canvas
        for ax in e.figure.axes:
            for label in drawn_tick_labels(ax):
                box = label.get_window_extent(renderer)
                assert picture.x0 + margin <= box.x0 and box.x1 <= picture.x1 - margin, (function, label.get_text())
                assert picture.y0 + margin <= box.y0 and box.y1 <= picture.y1 - margin, (function, label.get_text())


def test_error_study_annotation_sits_clear_of_every_line():
    """'√ε ≈ 1.5e-8' was written across the complex step's line."""
    from matplotlib.text import Annotation

    from calclib.plotting import plot_error_study

    fig, ax = new_figure(width=6.4, height=4.0)
    plot_error_study(ax, cl.error_study(np.exp, np.exp, 1.0))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    notes = [t for t in ax.texts if isinstance(t, Annotation) and "√ε" in t.get_text()]
    assert len(notes) == 1
    box = notes[0].get_window_extent(renderer).padded(2)
    assert ax.get_window_extent(renderer).contains(box.x0, box.y0) and ax.get_window_extent(renderer).contains(box.x1, box.y1)
    for line in ax.get_lines():
        path = line.get_transform().transform_path(line.get_path())
        assert not path.intersects_bbox(box, filled=False), f"the note crosses {line.get_label()!r}"
    assert not ax.get_legend().get_window_extent(renderer).overlaps(box)


def test_central_difference_and_complex_step_both_show_where_their_errors_coincide():
    """From h = 1e-5 to 0.1 both err by e·h²/6: the complex step's line was drawn over the central
    difference's and hid it (a student read found only three methods on a figure that names four lines)."""
    from calclib.plotting import plot_error_study
    from calclib.plotting.figure import _canvas_rgb, draw_scaled

    study = cl.error_study(np.exp, np.exp, 1.0)
    inside = (study.h >= 1e-5) & (study.h <= 1e-1)
    assert np.allclose(study.errors["central"][inside], np.e * study.h[inside] ** 2 / 6, rtol=0.3)
    assert np.allclose(study.errors["complex"][inside], np.e * study.h[inside] ** 2 / 6, rtol=0.02)
    fig, ax = new_figure(width=6.4, height=4.0)
    lines = plot_error_study(ax, study)

    def pixels(colour):
        draw_scaled(fig)
        picture = np.asarray(_canvas_rgb(fig), dtype=int)
        rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
        return np.abs(picture - rgb).sum(axis=2) < 60, picture.shape[0]

    blue, height = pixels(COLORS["curve"])
    green, _ = pixels(COLORS["tangent"])
    lines["complex"].set_visible(False)
    blue_alone, _ = pixels(COLORS["curve"])  # the central difference's line with nothing over it
    for start in np.arange(-4.5, -1.0, 0.5):  # every half decade of the stretch where the two coincide
        part = (study.h >= 10**start) & (study.h <= 10 ** (start + 0.5))
        xy = ax.transData.transform(np.column_stack([study.h[part], study.errors["complex"][part]])) * 2
        x0, x1 = int(xy[:, 0].min()) - 4, int(xy[:, 0].max()) + 4
        y0, y1 = int(height - xy[:, 1].max()) - 4, int(height - xy[:, 1].min()) + 4
        central, alone = int(blue[y0:y1, x0:x1].sum()), int(blue_alone[y0:y1, x0:x1].sum())
        assert central >= 0.8 * alone, f"from h = 1e{start:g}, {central} of the central line's {alone} pixels show"
        assert green[y0:y1, x0:x1].sum() >= 30, f"from h = 1e{start:g}, the complex step does not show"
    handles = {t.get_text(): h for h, t in zip(ax.get_legend().legend_handles, ax.get_legend().get_texts())}
    assert handles["complex step"].get_marker() not in (None, "", "None")  # the legend shows the circles too
    cells = json.loads((ROOT / "notebooks" / "02_derivatives.ipynb").read_text())["cells"]
    figure_cell = next("".join(c["source"]) for c in cells if "plot_error_study(ax" in "".join(c["source"]))
    assert "coincide" in figure_cell and "1e-5 to 0.1" in figure_cell  # the caption says so


def module_level_names(source):
    """The names a cell binds at its top level (assignments, loops, imports, definitions), not inside functions."""
    import ast

    names = set()
    for statement in ast.parse(source).body:
        if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            names.add(statement.name)
            continue
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in statement.names}
            continue
        names |= {n.id for n in ast.walk(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return names


def test_solution_cells_rebind_no_name_an_earlier_cell_made():
    """Exercise 6's solution set h = 1e-20 over the sympy symbol h of the derivations: a student who runs
    it and then goes back to a cell with sp.limit(..., h, 0) got an error. A solution may set its own answer
    (the name its exercise cell asks for) and new names, nothing else the notebook made before it."""
    cells = json.loads((ROOT / "notebooks" / "02_derivatives.ipynb").read_text())["cells"]
    made = set()
    exercise = set()
    solutions = 0
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        names = module_level_names("".join(cell["source"]))
        if "solution" in cell.get("metadata", {}).get("tags", []):
            solutions += 1
            clobbered = (names - exercise) & made
            assert not clobbered, f"the solution {''.join(cell['source'])[:40]!r} rebinds {sorted(clobbered)}"
        else:
            exercise = names
        made |= names
    assert solutions == 6
    assert "h" in made  # the symbol the derivations use


def test_animation_legend_lists_only_what_each_frame_draws(monkeypatch):
    """The first frame's legend named 'secants of the larger h' before any such secant was drawn."""
    import calclib.plotting.secant as module

    seen = []

    def record(fig, update, frames, **kwargs):
        for frame in frames:
            update(frame)
            legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
            trail = sum(len(line.get_xdata()) > 0 for line in fig.axes[0].get_lines()  # the faint secants drawn
                        if line.get_linewidth() == 1.0 and line.get_zorder() == 1.5)
            seen.append((frame, legend, trail))

    monkeypatch.setattr(module, "animate", record)
    fig, ax = new_figure(width=6.4, height=4.0)
    module.secant_animation(ax, cl.catalog()["x^2"], 3.0, ANIMATION_STEPS)
    assert seen[0][2] == 0 and seen[-1][2] == len(ANIMATION_STEPS) - 1
    for frame, legend, trail in seen:
        assert ("secants of the larger h" in legend) == (trail > 0), (frame, legend, trail)
        assert {"tangent at x", "secant"} <= set(legend) and legend[0].startswith("f(x) = ")


def test_richardson_and_best_step_hints_name_the_slip():
    """Found by a student read: 2.7183 (e to 5 significant figures, 6 asked), 4·D(0.05) − D(0.1) without the
    division by 3, and h = 1e-10 (past the bottom of the V) all got only the general hint."""
    def D(step):
        return (np.exp(1 + step) - np.exp(1 - step)) / (2 * step)

    assert "6 significant figures" in check("02.richardson", 2.7183).message
    assert check("02.richardson", 2.71828).correct
    assert "divide by 3" in check("02.richardson", 4 * D(0.05) - D(0.1)).message
    for h in (1e-10, 5e-10, 1e-11):
        assert "stopped shrinking" in check("02.best-step", h).message, h
    assert check("02.best-step", 1e-9).correct


def _nb02():
    return json.loads((ROOT / "notebooks" / "02_derivatives.ipynb").read_text())["cells"]


def test_limits_table_text_names_the_quotient_columns_and_the_rules_table_says_d_dx_of_x():
    """Found by a student read: "The first two columns close in on 1" (the first column is h), and the
    essential-derivatives table printed "d/dx t**2" (d/dx of t² is 0) for a symbol t the text never named."""
    cells = _nb02()
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "first two columns" not in text
    assert "The quotients $\\frac{e^h - 1}{h}$ and $\\frac{\\sin h}{h}$ close in on 1" in text
    table = next(c for c in cells if c["cell_type"] == "code" and "cl.derivative_table(checks)" in "".join(c["source"]))
    shown = "".join(table["outputs"][0]["data"]["text/plain"])
    rows = [line.split()[0:2] for line in shown.splitlines()[2:]]
    assert len(rows) == 9 and all(d == "d/dx" and "x" in e and "t" not in e.replace("sqrt", "") for d, e in rows), rows


def test_h_slider_shows_the_three_figures_of_the_read_out():
    """The |h| slider showed 2.5e-8 beside "h = 2.51e−08" in the read-out and the title: the same h, two numbers."""
    from tests.test_lesson_06 import d3_format

    e = SecantExplorer("e^x", x0=1.0, h=0.1)
    slider = e.controls["size"]
    for k in range(0, 121, 7):
        slider.value = 10.0 ** (slider.max - k * slider.step)
        shown = d3_format(slider.value, slider.readout_format)
        mantissa, exponent = shown.split("e")
        read = re.search(r"h = ([0-9.e+−-]+):", e.text).group(1).replace("−", "-")
        assert float(mantissa) * 10.0 ** int(exponent) == pytest.approx(float(read), rel=1e-9), (shown, read)


def test_the_menu_and_the_read_out_name_the_cubic_by_its_formula():
    """Found by a student read: the menu offered "cubic" and the read-out said "f(x) = cubic"; which cubic, only
    the legend told (x³ − 3x)."""
    from calclib.widgets.secant import SHOWN

    e = SecantExplorer("x^2", x0=1.0, h=0.1)
    labels = [label for label, _ in e.controls["function"].options]
    assert "cubic" not in labels and SHOWN["cubic"] in labels
    e.controls["function"].value = "cubic"
    assert e.text.startswith("f(x) = x^3 − 3x, x = 1")
    cubic = cl.catalog()["cubic"].expr
    (x,) = cubic.free_symbols
    assert sp.expand(cubic - (x**3 - 3 * x)) == 0  # the formula shown is the function's


MINE = ("01_limits", "02_derivatives", "04_differentiation_rules")


def _notebook(name):
    return json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text())["cells"]


@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_every_shown_code_line_fits_the_cell_beside_the_file_browser(name):
    """Found by a student read at 1280 pixels with the file browser open (833 pixels for a cell): code lines past
    about 105 characters ran under the cell's edge, behind a scroll bar (the list of claims in 02, the product
    checks and the derivation table in 04, the error study's caption; then 30 more lines in 05 to 10). Folded
    cells count too: a student opens the solutions, and a self-check's first line is what shows while it is
    folded. Answer prompts too: three of them ran to 107-112 ("checked to 6 significant figures")."""
    for cell in _notebook(name):
        if cell["cell_type"] == "code":
            for line in "".join(cell["source"]).splitlines():
                assert len(line) <= 104, line


def test_forward_difference_and_catalog_are_explained_where_first_met():
    """Found by a student read: "the forward difference" arrived as a heading, never defined, and
    ``cl.catalog()`` appeared in code without a word about it."""
    cells = _notebook("02_derivatives")
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    first = next(text for text in markdown if "forward difference" in text)
    assert "is called the **forward difference**" in first
    assert re.search(r"\\frac\{f\(x \+ h\) - f\(x\)\}\{h\}[^.]*is called the \*\*forward difference", first)
    code_at = next(k for k, c in enumerate(cells) if c["cell_type"] == "code" and "cl.catalog()" in "".join(c["source"]))
    assert "`cl.catalog()`" in "".join(cells[code_at - 1]["source"])


def test_cube_slope_hints_name_the_slip_made():
    """Found by a student read: 6 (3·2, x not squared) was told "a factor of 2 is missing", 12.61 (the secant with
    h = 0.1) got the general hint, and that hint named ``secant_slope``, which the notebook never shows."""
    assert "square 2 first" in check("02.cube-slope", 6).message
    secant = float(np.ravel(cl.secant_slope(lambda t: t**3, 2, [0.1]))[0])
    assert secant == pytest.approx(12.61)
    assert "secant with h = 0.1" in check("02.cube-slope", secant).message
    assert "secant_slope" not in check("02.cube-slope", 100).message


def test_hints_name_only_what_the_notebook_shows():
    """A hint that names a calclib function must name one the student has seen in a shown code cell."""
    from calclib.exercises import exercises
    for name in MINE:
        shown = "\n".join("".join(c["source"]) for c in _notebook(name)
                          if not c["metadata"].get("jupyter", {}).get("source_hidden"))
        for key, exercise in exercises().items():
            if key.startswith(name[:2] + "."):
                for word in re.findall(r"\b[a-z]+_[a-z_]+\b", exercise.hint):
                    assert word in shown, (key, word)


@pytest.mark.parametrize("wrong, words", [
    (lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h), "minus the slope"),
    (lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h, "/ (2 * h)"),
    (lambda f, x, h: f(x), "the value of f"),
])
def test_central_difference_slips_get_their_own_hint(wrong, words):
    feedback = check("02.central", wrong)
    assert not feedback.correct and words in feedback.message, feedback.message


def test_richardson_on_forward_differences_is_told_d_is_central():
    def forward(step):
        return (np.exp(1 + step) - np.exp(1)) / step

    def central(step):
        return (np.exp(1 + step) - np.exp(1 - step)) / (2 * step)

    for answer in ((4 * forward(0.05) - forward(0.1)) / 3, 2 * forward(0.05) - forward(0.1)):
        assert "central difference" in check("02.richardson", answer).message
    assert "not by 4" in check("02.richardson", (4 * central(0.05) - central(0.1)) / 4).message
    assert "the function, not its derivative" in check("02.power-rule", sp.Symbol("x") ** 4).message


def test_the_base_constants_the_text_quotes_are_computed_where_they_are_quoted():
    """A student read could not check "about 0.69 for b = 2, about 1.10 for b = 3" from anything shown.
    A cell now computes (b^h − 1)/h at h = 1e-6 for 2, e and 3; its saved output shows the constants."""
    cells = _nb02()
    at = next(i for i, c in enumerate(cells) if "bases = {" in "".join(c["source"]))
    quoted = "\n".join("".join(c["source"]) for c in cells[:at] if c["cell_type"] == "markdown")
    assert "(about 0.69 for $b = 2$, about 1.10 for $b = 3$)" in quoted
    assert "quoted above" in "".join(cells[at - 1]["source"])
    shown = "".join(cells[at]["outputs"][0]["data"]["text/plain"])
    assert shown == "{'2': 0.693, 'e': 1.0, '3': 1.099}"


def test_best_step_asks_for_a_size_and_a_signed_reading_is_told_so():
    """The text tells the student to flip the sign of h; a student read then gave h = −1e-8 for
    exercise 3 and got only the general hint. The question now asks for the size |h|, and a value ≤ 0
    is told to give it."""
    sources = ["".join(c["source"]) for c in _nb02()]
    prompt = next(s for s in sources if "**3. With the explorer.**" in s)
    assert "At which size $|h|$" in prompt
    for wrong in (-1e-8, -1e-3, 0):
        assert "size |h|" in check("02.best-step", wrong).message, wrong
    assert check("02.best-step", 1e-8).correct


def test_richardson_solution_shows_the_step_that_cancels_c_and_the_arithmetic():
    """The worked solution went from "errors c h² and c h²/4" straight to the answer. It now shows that
    4·D(0.05) − D(0.1) leaves 3f'(1), and the numbers, which give the answer the checker accepts."""
    solution = next("".join(c["source"]) for c in _nb02() if "10.8776583" in "".join(c["source"]))
    assert "= 3 f'(1)" in solution
    d = {step: (np.exp(1 + step) - np.exp(1 - step)) / (2 * step) for step in (0.1, 0.05)}
    assert f"{4 * d[0.05]:.7f} - {d[0.1]:.7f}" in solution
    assert check("02.richardson", (10.8776583 - 2.7228146) / 3).correct


def test_the_slips_of_power_rule_and_richardson_get_their_own_hints():
    x = sp.Symbol("x")
    d = {step: (np.exp(1 + step) - np.exp(1 - step)) / (2 * step) for step in (0.1, 0.05)}
    assert "other way round" in check("02.power-rule", 3 * x**4).message
    assert "An average" in check("02.richardson", (d[0.1] + d[0.05]) / 2).message
    assert "16 and −1" in check("02.richardson", (16 * d[0.05] - d[0.1]) / 15).message


@pytest.mark.parametrize("answer, words", [
    ("4*x**3", "in quotes; write the formula itself, without quotes"),
    (4 * sp.Symbol("x") ** 5 / 5, "the rule for an integral"),
    (sp.Symbol("x") ** 5 / 5, "an antiderivative of x⁴"),
])
def test_second_read_power_rule_slips_get_their_own_hints(answer, words):
    feedback = check("02.power-rule", answer)
    assert not feedback.correct and words in feedback.message


def test_the_rounding_term_says_what_relative_means():
    cells = json.loads((ROOT / "notebooks" / "02_derivatives.ipynb").read_text())["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "the error in $f(x + h) - f(x)$ is about $\\varepsilon\\,|f(x)|$" in text


def test_set_controls_switches_the_function_before_it_sets_the_sliders():
    """A tester: set_controls set the menu while paused, so the read-out named sin x over a picture of x²,
    and {"function": "ln x", "x0": 0} raised, the x range still x²'s."""
    e = SecantExplorer("x^2", x0=3.0, h=0.1)
    before = np.asarray(e.figure.canvas.buffer_rgba()).copy()
    e.set_controls({"function": "sin x"})
    assert "f(x) = sin x" in e.text and "sin" in e.artists.curve.get_label()
    assert not np.array_equal(before, np.asarray(e.figure.canvas.buffer_rgba()))
    e.set_controls({"function": "ln x", "x0": 0.0})  # x clamped into ln x's range, which the switch set first
    assert e.controls["x0"].value == e.controls["x0"].min > 1


def test_the_read_out_says_when_a_new_function_moves_x():
    """A second student read: choosing e^x moved x from 3.00 to 1.50 (the slider's new end), silently."""
    e = SecantExplorer("x^2", x0=3.0, h=0.1)
    e.controls["function"].value = "e^x"
    assert "(x moved from 3 to 1.5: the x slider of e^x runs from −1 to 1.5, so that x ± 1 stays in view)" in e.text
    e.controls["x0"].value = 1.0
    assert "moved" not in e.text
    e.controls["function"].value = "x^2"  # x = 1 is in x²'s range: nothing moves, nothing said
    assert "moved" not in e.text


def test_secant_explorer_keeps_its_legend_off_the_data_and_both_points_whole():
    """Found by a review: with ln x, x = 1.05, h = −1, the legend (upper left, inside) covered the curve and the
    secant, the point x + h = 0.05 was cut in half by the left edge, and the legend said "f(x) = log(x)" where the
    menu and the read-out say "ln x"; with e^x, x = 1.5, h = 1 the second point was cut at the right edge. The
    legend stands outside the axes and names the function as the menu does; both points are drawn whole."""
    for function, x0, h in (("ln x", 1.05, -1.0), ("e^x", 1.5, 1.0), ("x^2", 3.0, 1.0), ("cubic", -1.5, -1.0)):
        e = SecantExplorer(function, x0=x0, h=h)
        ax = e.artists.curve.axes
        e.figure.canvas.draw()
        renderer = e.figure.canvas.get_renderer()
        legend = ax.get_legend()
        assert not legend.get_window_extent(renderer).overlaps(ax.bbox), function
        menu = dict((value, label) for label, value in e.controls["function"].options)[function]
        assert legend.get_texts()[0].get_text() == f"f(x) = {menu}", function
        assert e.text.startswith(f"f(x) = {menu},"), e.text
        radius = e.artists.points.get_markersize() / 2 * e.figure.dpi / 72
        for centre in ax.transData.transform(e.artists.points.get_xydata()):
            assert ax.bbox.contains(*(centre - radius)) and ax.bbox.contains(*(centre + radius)), (function, centre)


def test_error_study_legend_leaves_the_curves_clear_and_the_title_reads_as_h_shrinks():
    """Found by a review: the legend (lower right, inside) covered the central difference's turn near h = 1e-6 to
    1e-5, the very turn the caption asks the reader to find; and the title "Truncation error falls with h;
    rounding error rises" read backwards on an axis whose h grows to the right (truncation error falls as h
    shrinks). The legend stands outside the axes, clear of every curve; the title says what happens as h shrinks,
    and the axis runs as it says (small h on the left)."""
    from calclib.plotting import plot_error_study
    from calclib.plotting.style import text_points

    fig, ax = new_figure(width=6.4, height=4.0)  # as the notebook draws it
    lines = plot_error_study(ax, cl.error_study(np.exp, np.exp, 1.0))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend()
    box = legend.get_window_extent(renderer)
    assert not box.overlaps(ax.bbox) and fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1)
    assert all(t.get_fontsize() >= text_points(fig, 9) for t in legend.get_texts())
    for name in ("forward", "central", "complex"):
        path = lines[name].get_transform().transform_path(lines[name].get_path())
        assert not path.intersects_bbox(box, filled=True), name
    title = ax.get_title()
    assert title.startswith("As h shrinks") and "falls" in title and "rises" in title, title
    assert ax.get_xlim()[0] < ax.get_xlim()[1]  # h grows to the right: shrinking h is read leftwards
