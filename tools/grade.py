"""`make grade SUBMISSIONS=dir`: run every submitted notebook afresh and grade its exercises.

A submission is ``dir/<student>/NN_*.ipynb`` (one folder per student) or ``dir/<student>_NN*.ipynb``
/ ``dir/<student>/<anything>.ipynb`` where NN is the notebook's number. Each one is executed top
to bottom in a fresh kernel, in a scratch copy under the output folder, with a time limit per
cell; its saved outputs are never trusted. A last cell, added by the grader, judges each of that
notebook's exercises from the variable it is answered in (``Exercise.name``):

- ``correct`` / ``wrong``: the checker's verdict on the value;
- ``unanswered``: the variable is missing (cell deleted or never reached) or still ``...``;
- ``error``: the exercise's own cell raised, or the kernel died before grading.

A submission that raises, loops (interrupted at the time limit) or deletes cells is graded, not
fatal. Writes ``grades.csv`` (student, notebook, exercise, status) and ``summary.csv`` (student,
correct, of) to the output folder, and prints the summary.
"""
import csv
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CELL_TIMEOUT_S = 30
STATUSES = ("correct", "wrong", "unanswered", "error")

GRADING_CELL = '''
def __calclib_grade(keys, result_path):
    import json as json_
    import calclib.exercises as exercises_
    bank, found = exercises_.exercises(), {}
    for key in keys:
        exercise = bank[key]
        value = globals().get(exercise.name, Ellipsis)
        try:
            found[key] = "unanswered" if value is Ellipsis else ("correct" if exercise.judge(value)[0] else "wrong")
        except Exception:
            found[key] = "error"
    with open(result_path, "w") as file:
        file.write(json_.dumps(found))
__calclib_grade(KEYS, RESULT)
'''


def notebook_number(path: Path) -> str:
    match = re.search(r"(?:^|[_\-/ ])(\d\d)(?:[_\-. ]|$)", path.name) or re.search(r"^(\d\d)", path.name)
    if not match:
        raise ValueError(f"{path}: cannot tell which notebook this is (name it NN_..., such as 03_chain_rule.ipynb)")
    return match.group(1)


def find_submissions(folder: Path):
    """(student, notebook number, path) for every submitted notebook in ``folder``."""
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        relative = path.relative_to(folder)
        number = notebook_number(path)
        student = relative.parts[0] if len(relative.parts) > 1 else re.sub(rf"[_\- ]?{number}.*$", "", path.stem) or path.stem
        found.append((student, number, path))
    return found


def errored_keys(nb, keys) -> set:
    """Exercises whose own cell (the one that checks them) raised."""
    failed = set()
    for cell in nb.cells:
        if cell.cell_type != "code" or not any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            continue
        failed |= {key for key in keys if f'"{key}"' in cell.source}
    return failed


def grade_one(path: Path, keys, work: Path, cell_timeout: int = CELL_TIMEOUT_S) -> dict:
    """Run one submission in a fresh kernel and return {key: status}."""
    work.mkdir(parents=True, exist_ok=True)
    result = work / "grades.json"
    result.unlink(missing_ok=True)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # not a notebook at all: nothing can be graded
        return {key: "error" for key in keys}
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.cells.append(nbformat.v4.new_code_cell(
        GRADING_CELL.replace("KEYS", repr(list(keys))).replace("RESULT", repr(str(result)))))
    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            interrupt_on_timeout=True, record_timing=False,
                            resources={"metadata": {"path": str(work)}})
    try:
        client.execute()
    except Exception:  # a dead kernel, a cell that ignores the interrupt: grade what was reached
        pass
    try:
        statuses = json.loads(result.read_text())
    except (OSError, ValueError):
        statuses = {}
    failed = errored_keys(nb, keys)
    graded = {}
    for key in keys:
        status = statuses.get(key, "error")
        if status != "correct" and key in failed:
            status = "error"
        graded[key] = status if status in STATUSES else "error"
    return graded


def main(folder, out_dir=ROOT / "build" / "grades", cell_timeout=CELL_TIMEOUT_S):
    from calclib.exercises import exercises

    folder, out_dir = Path(folder), Path(out_dir)
    if not folder.is_dir():
        sys.exit(f"SUBMISSIONS={folder} is not a folder")
    bank = exercises()
    out_dir.mkdir(parents=True, exist_ok=True)
    rows, totals = [], {}
    for index, (student, number, path) in enumerate(find_submissions(folder)):
        keys = sorted(k for k in bank if k.startswith(number + "."))
        work = out_dir / "work" / f"{index:03d}"
        if work.exists():
            shutil.rmtree(work)
        for key, status in grade_one(path, keys, work, int(cell_timeout)).items():
            rows.append((student, number, key, status))
            done, of = totals.get(student, (0, 0))
            totals[student] = (done + (status == "correct"), of + 1)
        print(f"graded {path.relative_to(folder)} ({student}, notebook {number})")
    with open(out_dir / "grades.csv", "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "notebook", "exercise", "status"])
        writer.writerows(rows)
    with open(out_dir / "summary.csv", "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "correct", "of"])
        writer.writerows((student, done, of) for student, (done, of) in sorted(totals.items()))
    for student, (done, of) in sorted(totals.items()):
        print(f"{student}: {done} of {of} correct")
    print(f"wrote {out_dir / 'grades.csv'} and {out_dir / 'summary.csv'}")
    return rows


if __name__ == "__main__":
    main(*sys.argv[1:])
