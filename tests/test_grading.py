"""`make grade`: generated submissions (right, wrong, empty, broken, hostile) are all graded."""
import csv
import sys

import nbformat
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import grade  # noqa: E402

SETUP = "import calclib as cl"


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SETUP)] + [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def prompt(name, key, value):
    return f'{name} = {value}\ncl.check("{key}", {name})'


SUBMISSIONS = {
    "right": notebook(prompt("cubed_chain", "03.cubed-chain", "294"),
                      prompt("neuron_gradient", "03.neuron-gradient", "1.180"),
                      prompt("gain_product", "03.gain-product", "2 * 3")),
    "wrong": notebook(prompt("cubed_chain", "03.cubed-chain", "147"),
                      prompt("neuron_gradient", "03.neuron-gradient", "'one'"),
                      prompt("gain_product", "03.gain-product", "5")),
    "empty": notebook(prompt("cubed_chain", "03.cubed-chain", "..."),
                      prompt("neuron_gradient", "03.neuron-gradient", "..."),
                      prompt("gain_product", "03.gain-product", "...")),
    "broken": notebook("1 / 0", prompt("cubed_chain", "03.cubed-chain", "undefined_name"),
                       prompt("gain_product", "03.gain-product", "6")),
    # loops until interrupted, deletes its other exercise cells, and leaves a right answer behind
    "hostile": notebook("while True:\n    pass", "gain_product = 6", "import os\nos.remove('no-such-file')"),
}


@pytest.fixture(scope="module")
def graded():
    folder = ROOT / "build" / "grade-test" / "submissions"
    out = ROOT / "build" / "grade-test" / "out"
    for student, nb in SUBMISSIONS.items():
        (folder / student).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / student / "03_chain_rule.ipynb")
    (folder / "dave_03_chain_rule.ipynb").write_text("{not json")  # not a notebook at all
    grade.main(folder, out, cell_timeout=4)
    with open(out / "grades.csv") as file:
        rows = list(csv.DictReader(file))
    return {(r["student"], r["exercise"]): r["status"] for r in rows}, out


def test_each_kind_of_submission_gets_its_grades(graded):
    table, _ = graded
    keys = ["03.cubed-chain", "03.neuron-gradient", "03.gain-product"]
    assert [table["right", k] for k in keys] == ["correct"] * 3
    assert [table["wrong", k] for k in keys] == ["wrong"] * 3
    assert [table["empty", k] for k in keys] == ["unanswered"] * 3
    assert [table["broken", k] for k in keys] == ["error", "unanswered", "correct"]
    assert [table["hostile", k] for k in keys] == ["unanswered", "unanswered", "correct"]
    assert [table["dave", k] for k in keys] == ["error"] * 3


def test_summary_counts_correct_answers(graded):
    _, out = graded
    with open(out / "summary.csv") as file:
        summary = {r["student"]: (int(r["correct"]), int(r["of"])) for r in csv.DictReader(file)}
    from calclib.exercises import exercises

    n = sum(key.startswith("03.") for key in exercises())  # every exercise of 03 counts, answered or not
    assert summary["right"] == (3, n) and summary["wrong"] == (0, n) and summary["hostile"] == (1, n)


def test_notebook_number_is_read_from_the_name(tmp_path):
    assert grade.notebook_number(tmp_path / "03_chain_rule.ipynb") == "03"
    assert grade.notebook_number(tmp_path / "alice_07_backprop.ipynb") == "07"
    with pytest.raises(ValueError, match="NN_"):
        grade.notebook_number(tmp_path / "homework.ipynb")
