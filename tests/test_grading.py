"""`make grade`: generated submissions (right, wrong, empty, broken, hostile) are all graded."""
import csv
import re
import sys
import zipfile

import nbformat
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import grade  # noqa: E402
import student  # noqa: E402
from calclib.exercises import exercises  # noqa: E402

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
    for who, nb in SUBMISSIONS.items():
        (folder / who).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / who / "03_chain_rule.ipynb")
    (folder / "dave_03_chain_rule.ipynb").write_text("{not json")  # not a notebook at all
    grade.main(folder, out, cell_timeout=4)
    with open(out / "grades.csv") as file:
        rows = list(csv.DictReader(file))
    return {(r["student"], r["exercise"]): r["status"] for r in rows}, out, {(r["student"], r["exercise"]): r["feedback"] for r in rows}


def test_each_kind_of_submission_gets_its_grades(graded):
    table, _, _ = graded
    keys = ["03.cubed-chain", "03.neuron-gradient", "03.gain-product"]
    assert [table["right", k] for k in keys] == ["correct"] * 3
    assert [table["wrong", k] for k in keys] == ["wrong"] * 3
    assert [table["empty", k] for k in keys] == ["unanswered"] * 3
    assert [table["broken", k] for k in keys] == ["error", "unanswered", "correct"]
    assert [table["hostile", k] for k in keys] == ["unanswered", "unanswered", "correct"]
    assert [table["dave", k] for k in keys] == ["error"] * 3


def test_summary_counts_correct_answers(graded):
    _, out, _ = graded
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


def test_feedback_says_what_the_student_was_told_or_what_went_wrong(graded):
    _, _, said = graded
    assert said["right", "03.cubed-chain"] == ""
    assert said["wrong", "03.cubed-chain"].startswith("Not quite. Hint:") and "294" not in said["wrong", "03.cubed-chain"]
    assert said["wrong", "03.neuron-gradient"].startswith("Not quite.")  # a string for a number: the checker says so
    assert said["empty", "03.gain-product"] == "`gain_product` is still ..."
    assert said["broken", "03.cubed-chain"] == "NameError: name 'undefined_name' is not defined"
    assert said["hostile", "03.cubed-chain"] == "no `cubed_chain`: its cell was deleted or never run"
    assert said["dave", "03.cubed-chain"] == "the file is not a readable notebook"


def filled_in(number, wrong=None):
    """The student copy of notebook ``number`` with every prompt answered by the solution's own
    code (``wrong`` replaces the answer to a key), as a student who got everything right hands it in."""
    full = nbformat.read(next((ROOT / "notebooks").glob(f"{number}_*.ipynb")), as_version=4)
    key_of = lambda cell: re.search(r'cl\.check\("([^"]+)"', cell.source).group(1)  # noqa: E731
    solutions = {key_of(c): c.source for c in full.cells
                 if c.cell_type == "code" and "solution" in c.metadata.get("tags", []) and "cl.check(" in c.source}
    nb, _ = student.strip_solutions(full)
    for cell in nb.cells:
        if cell.cell_type == "code" and " = ...  # your answer" in cell.source:
            cell.source = (wrong or {}).get(key_of(cell), solutions[key_of(cell)])
    return nb


def test_a_class_zip_with_a_renamed_notebook_and_course_site_names(tmp_path, monkeypatch, capsys):
    """`make grade SUBMISSIONS=class.zip` as `make` runs it (output folder relative to the project):
    a real student copy, filled in and renamed, is told by its exercises; a course site's ids come
    off the names; a notebook that is none of the set is listed, not fatal."""
    right = filled_in("03")
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("class/alice/homework.ipynb", nbformat.writes(right))
        zipped.writestr("class/leeann_late_1234_56789_03_chain_rule.ipynb", nbformat.writes(SUBMISSIONS["right"]))
        zipped.writestr("class/Ann Lee_4203_assignsubmission_file_/03_chain_rule.ipynb", nbformat.writes(SUBMISSIONS["wrong"]))
        zipped.writestr("class/alice/notes.ipynb", nbformat.writes(nbformat.v4.new_notebook()))
        zipped.writestr("class/leeann_late_1234_56789_03_chain_rule-1.ipynb", nbformat.writes(SUBMISSIONS["empty"]))
    monkeypatch.chdir(ROOT)
    rows = grade.main(archive, "build/grade-test/zip-out", cell_timeout=20)
    table = {(student, key, file): status for student, _, key, status, _, file in rows}
    assert table["leeann", "03.cubed-chain", "leeann_late_1234_56789_03_chain_rule-1.ipynb"] == "unanswered"
    table = {(student, key): status for (student, key, file), status in table.items() if not file.endswith("-1.ipynb")}
    keys = sorted(k for k in exercises() if k.startswith("03."))
    assert {s for s, _ in table} == {"alice", "leeann", "Ann Lee"}
    assert [table["alice", k] for k in keys] == ["correct"] * len(keys)
    assert table["leeann", "03.cubed-chain"] == "correct" and table["Ann Lee", "03.cubed-chain"] == "wrong"
    printed = capsys.readouterr().out
    assert "NOT GRADED alice/notes.ipynb: cannot tell which notebook this is" in printed
    assert "TWICE leeann handed in notebook 03 2 times" in printed


def test_student_names_lose_course_site_ids():
    assert grade.student_name("Ann Lee_4203_assignsubmission_file_") == "Ann Lee"  # Moodle's folder
    assert grade.student_name("leeann_late_1234_56789_") == "leeann"  # Canvas's file name, before 03_...
    assert grade.student_name("alice") == "alice" and grade.student_name("student_07") == "student_07"


def test_a_number_in_a_students_name_is_not_the_notebooks(tmp_path):
    assert grade.notebook_number(tmp_path / "team_12_03_chain_rule.ipynb", {"03", "07"}) == "03"  # 12 is none of the set
    path = tmp_path / "student_07_03_chain_rule.ipynb"  # two of the set: its cells check 03's exercises
    nbformat.write(SUBMISSIONS["right"], path)
    assert grade.notebook_number(path, {"03", "07"}) == "03"
    assert grade.find_submissions(tmp_path, {"03", "07"}) == [("student_07", "03", path)]
