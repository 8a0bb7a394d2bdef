"""The saved notebooks themselves: clean runs, no errors, the house arc, exercises with solutions."""
import ast
import configparser
import json
import re

import pytest

from tests.conftest import NOTEBOOKS, ROOT


def load(path):
    return json.loads(path.read_text())


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_notebooks_exist():
    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(1, len(NOTEBOOKS) + 1)]
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_from_a_clean_run(path):
    cells = code_cells(load(path))
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))
    for cell in cells:
        for out in cell["outputs"]:
            assert out["output_type"] != "error", cell["source"]
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            assert "Traceback" not in text and "Warning" not in text, cell["source"]
            assert "<Figure size" not in text and "np.float64(" not in text and " at 0x" not in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_later_cell_rebinds_a_name_an_explorer_cell_reads(path):
    """A student read: after Run All, running 07's step-4 explorer again (a reset) drew a 60-step graph of the
    training loss, because the training cell had bound `loss` anew. Every name an explorer cell reads keeps
    the value it had when that cell ran in order."""
    def names(source, context):
        return {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name) and isinstance(node.ctx, context)}

    sources = ["".join(c["source"]) for c in code_cells(load(path))]
    for k, source in enumerate(sources):
        if "Explorer(" in source:
            read = names(source, ast.Load)
            for later in sources[k + 1:]:
                assert not (read & names(later, ast.Store)) - {"_"}, (source, later)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_house_arc(path):
    nb = load(path)
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "After this notebook you will be able to" in markdown
    assert "## Summary" in markdown and "## Exercises" in markdown
    sources = ["".join(c["source"]) for c in code_cells(nb)]
    assert any("assert " in s for s in sources), "a self-check cell"
    assert any(re.search(r"Explorer\(", s) for s in sources), "an interactive"
    shown = [c for c in code_cells(nb) if any("image/png" in o.get("data", {}) for o in c["outputs"])]
    assert len(shown) >= 2, "saved figures, readable without a kernel"


def heading(path):
    """A notebook's short title: its first line, "# NN · Title: subtitle", up to the colon."""
    first = "".join(load(path)["cells"][0]["source"]).splitlines()[0]
    return re.match(r"# (\d\d · [^:]+)", first).group(1).strip()


@pytest.mark.parametrize("k", range(len(NOTEBOOKS)), ids=lambda k: NOTEBOOKS[k].name)
def test_every_notebook_opens_with_where_it_stands_and_its_neighbours_true_titles(k):
    """The line under each title, in one form for all ten: its number, the notebook before and the one
    after by their own titles (03 sent students on to "04 · Differentiation rules", 07 back to
    "06 · The Jacobian": titles no notebook has), and where the whole set is listed."""
    line = "".join(load(NOTEBOOKS[k])["cells"][0]["source"]).splitlines()[2]
    n = len(NOTEBOOKS)
    assert line.startswith(f"*Notebook {k + 1} of {n}") and line.endswith("*"), line
    named = re.findall(r"\*\*(\d\d · [^*]+)\*\*", line)
    expected = ([heading(NOTEBOOKS[k - 1])] if k > 0 else []) + ([heading(NOTEBOOKS[k + 1])] if k < n - 1 else [])
    assert named == expected, line
    assert ("Before: **" in line) == (k > 0) and ("Next: **" in line) == (k < n - 1), line
    assert line.endswith("The README lists the whole set, and the symbols the ten share.*"), line


def test_every_notebook_named_in_the_text_is_named_by_its_own_title():
    """Wherever a notebook names another in bold, "**NN · Title**" (its opening line, its closing "Next:"),
    the title is that notebook's own: "04 · Differentiation rules" and "05 · Gradients" were names no
    notebook has (a student read found both)."""
    titles = {heading(p)[:2]: heading(p) for p in NOTEBOOKS}
    for path in NOTEBOOKS:
        text = "\n".join("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown")
        for named in re.findall(r"\*\*(\d\d · [^*]+?)\*\*", text):
            assert named == titles[named[:2]], (path.name, named)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_folded_solution_shows_nothing_of_the_answer(path):
    """JupyterLab shows the first line of a folded code cell: a solution's first line is a neutral label
    (it showed `why_no_corner = "b"`, `balanced_weight = 1 / 0.25`, found by a student read). A
    solution's Markdown is one closed <details> block behind the same label, not folded by metadata:
    JupyterLab unfolds a folded Markdown cell when it runs (Run All), and static pages ignore it."""
    for cell in load(path)["cells"]:
        if "solution" not in tags(cell):
            continue
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True
            assert source.splitlines()[0] == FOLDED_CODE, source
        elif source.strip() != "#### Solution":
            assert "jupyter" not in cell["metadata"], "folded by <details>, not by metadata"
            assert source.startswith(DETAILS) and source.endswith("\n\n</details>"), source[:80]
            assert source.count("<details>") == 1 and source.count("</details>") == 1, source[:80]


DETAILS = "<details>\n<summary>Worked solution, step by step (click to open)</summary>\n\n"
FOLDED_CODE = "# The answer, worked out in code."


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


PROMPT = re.compile(r'^(\w+) = \.\.\.  # your answer, (.+)\ncl\.check\("([^"]+)", (\w+)\)$')


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_state_precision_and_have_folded_solutions(path):
    """Each prompt answers in the exercise's own variable and states its precision; each solution
    sits under a visible "Solution" heading, folded, and ends in a correct check of that variable,
    asserted, so that it shows nothing when it passes: JupyterLab shows a folded code cell's outputs
    again when the cell runs, and Run All must not spread "Correct." and numbers under the exercises."""
    from calclib.exercises import exercises

    bank = exercises()
    cells = load(path)["cells"]
    prompts = 0
    for i, cell in enumerate(cells):
        match = PROMPT.match("".join(cell["source"])) if cell["cell_type"] == "code" else None
        if not match:
            continue
        prompts += 1
        name, precision, key, checked = match.groups()
        exercise = bank[key]
        assert name == checked == exercise.name and precision == exercise.describe(), key
        question = "".join(cells[i - 1]["source"])
        assert exercise.describe() in question, f"{key}: the question must state the precision"
        if hasattr(exercise.answer, "signature"):  # a function: what is checked, and how closely, in words
            assert (f"it is run on a few inputs, and each result must match to {exercise.answer.digits} significant "
                    "figures") in " ".join(question.split()), key
        heading = cells[i + 1]
        assert heading["cell_type"] == "markdown" and "".join(heading["source"]).strip() == "#### Solution", key
        assert "solution" in tags(heading) and "jupyter" not in heading.get("metadata", {})
        folded = []
        for later in cells[i + 2:]:
            if "solution" not in tags(later):
                break
            folded.append(later)
            if later["cell_type"] == "markdown":
                assert "".join(later["source"]).startswith(DETAILS), key
            else:
                assert later["metadata"].get("jupyter", {}).get("source_hidden") is True, key
                assert later["outputs"] == [], f"{key}: a solution's code shows nothing when it runs"
        code = [c for c in folded if c["cell_type"] == "code"]
        assert code and "".join(code[-1]["source"]).splitlines()[-1].startswith(
            f'assert cl.check("{key}", {name}).correct'), key
        assert code[-1]["metadata"]["jupyter"].get("outputs_hidden") is True, key
    assert prompts >= 2, f"{path.name} needs at least two exercises"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_self_checks_are_folded_and_say_what_they_guard(path):
    for cell in load(path)["cells"]:
        if "self-check" in tags(cell):
            assert "".join(cell["source"]).startswith("# "), "a one-line comment saying what it guards"
            assert cell["metadata"]["jupyter"] == {"source_hidden": True}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_have_visible_captions_and_no_dead_widgets(path):
    """A PNG output is followed by a Markdown caption (viewers show one format per output), and no
    saved output refers to a widget model (it would show "Error displaying widget: model not found")."""
    for cell in code_cells(load(path)):
        outputs = cell["outputs"]
        for j, out in enumerate(outputs):
            data = out.get("data", {})
            assert "application/vnd.jupyter.widget-view+json" not in data, cell["source"]
            if "image/png" in data:
                caption = outputs[j + 1].get("data", {}) if j + 1 < len(outputs) else {}
                assert "".join(caption.get("text/markdown", "")).strip(), f"no visible caption: {cell['source']}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_ignored_cells_say_why(path):
    for cell in code_cells(load(path)):
        tags = cell.get("metadata", {}).get("tags", [])
        source = "".join(cell["source"])
        if any(t.startswith("nbval-") for t in tags) or "# NBVAL_" in source:
            assert re.search(r"#.*(because|why)", source, re.I), source


def test_every_sanitize_rule_says_why():
    text = (ROOT / "notebooks" / "sanitize.cfg").read_text()
    parser = configparser.ConfigParser()
    parser.read_string(text)
    for section in parser.sections():
        before = text.split(f"[{section}]")[0].rstrip().splitlines()
        assert before and before[-1].startswith("#"), f"rule [{section}] needs a comment saying why"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_answer_prompt_fits_a_code_cell(path):
    """A prompt's line is read whole in a notebook's code cell: the implement-it prompts ran to 145 characters
    and lost their ends past the cell's edge (a student read, at 1280 pixels); at most 104 characters, as every
    code line (tests/test_lesson_02.py)."""
    for cell in code_cells(load(path)):
        for line in "".join(cell["source"]).splitlines():
            if "# your answer" in line:
                assert len(line) <= 104, line
