"""The saved notebooks themselves: clean runs, no errors, the house arc, exercises with solutions."""
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_have_tagged_solutions(path):
    cells = code_cells(load(path))
    prompts = [c for c in cells if re.search(r"^answer = \.\.\.$", "".join(c["source"]), re.M)]
    solutions = [c for c in cells if "solution" in c.get("metadata", {}).get("tags", [])]
    assert len(prompts) >= 2 and len(solutions) == len(prompts)
    for cell in solutions:
        assert "Correct." in json.dumps(cell["outputs"])


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
