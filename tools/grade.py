"""`make grade SUBMISSIONS=dir`: run every submitted notebook afresh and grade its exercises.

A submission is ``dir/<student>/NN_*.ipynb`` (one folder per student) or ``dir/<student>_NN*.ipynb``
where NN is the notebook's number; a renamed notebook (``dir/<student>/homework.ipynb``) is told
by the exercises it checks. ``dir`` may be a .zip of such a folder (a class's download from a
course site: Moodle's and Canvas's ids and "late" marks are taken off the student's name). A file
that is no notebook of the set is listed at the end, not graded. Each one is executed top
to bottom in a fresh kernel, in a scratch copy under the output folder, with a time limit per
cell; its saved outputs are never trusted. A last cell, added by the grader, judges each of that
notebook's exercises from the variable it is answered in (``Exercise.name``):

- ``correct`` / ``wrong``: the checker's verdict on the value;
- ``unanswered``: the variable is missing (cell deleted or never reached) or still ``...``;
- ``error``: the exercise's own cell raised, or the kernel died before grading.

A submission that raises, loops (interrupted at the time limit) or deletes cells is graded, not
fatal. Writes ``grades.csv`` (student, notebook, exercise, status, feedback: the checker's hint
for a wrong answer, the error for an error, never the answer; file: the submission) and ``summary.csv`` (student,
correct, of: the exercises of the notebooks that student handed in) to the output folder, and
prints the summary.
"""
import csv
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
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
        name = bank[key].name
        try:
            if name not in globals():
                found[key] = ["unanswered", f"no `{name}`: its cell was deleted or never run"]
            elif globals()[name] is Ellipsis:
                found[key] = ["unanswered", f"`{name}` is still ..."]
            else:
                value = globals()[name]
                feedback = exercises_.check(key, value)
                found[key] = ["correct", ""] if feedback.correct else ["wrong", feedback.message]
        except Exception as error:
            found[key] = ["error", f"{type(error).__name__}: {error}"[:300]]
    with open(result_path, "w") as file:
        file.write(json_.dumps(found))
__calclib_grade(KEYS, RESULT)
'''


NAME_NUMBER = re.compile(r"(?:^|[_\- ])(\d\d)(?=[_\-. ]|$)|^(\d\d)")
CHECKED = re.compile(r"""check\(\s*["'](\d\d)\.""")
# A course site's download names: Moodle "Ann Lee_12345_assignsubmission_file_", Canvas "leeann_late_12345_67890_"
LMS_SUFFIX = re.compile(r"(_\d+_assignsubmission_\w*|(_late)?(_\d+){2,})_*$", re.I)


def notebook_number(path: Path, numbers=None) -> str:
    """The notebook's number, NN: from the file name (03_chain_rule.ipynb, alice_03.ipynb; when
    ``numbers`` is given, the first number in the name that is one of them) or, for a renamed
    notebook, from the exercises its cells check (``cl.check("03.cubed-chain", ...)``)."""
    try:
        return _identify(path, numbers)[0]
    except ValueError as error:
        raise ValueError(f"{path.name}: {error}") from None


def _identify(path: Path, numbers=None):
    """(NN, where the number starts in the file name, or None when it was read from the cells).
    A name with two numbers of the set (student_01_03_chain_rule.ipynb) is settled by the cells."""
    named = [(m.group(1) or m.group(2), m.start()) for m in NAME_NUMBER.finditer(path.stem)]
    named = [(n, start) for n, start in named if numbers is None or n in numbers]
    if len(named) == 1:
        return named[0]
    try:
        cells = nbformat.read(path, as_version=4).cells
    except Exception:
        cells = []
    checked = Counter(n for cell in cells if cell.cell_type == "code" for n in CHECKED.findall(cell.source))
    checked = [n for n, _ in checked.most_common() if numbers is None or n in numbers]
    for number, start in named:
        if checked and number == checked[0]:
            return number, start
    if named:
        return named[0]
    if checked:
        return checked[0], None
    raise ValueError("cannot tell which notebook this is: its name has no NN_ (such as 03_chain_rule.ipynb) "
                     "and its cells check no exercise of the set")


def student_name(name: str) -> str:
    """A student's name without a course site's submission ids (Moodle, Canvas)."""
    return LMS_SUFFIX.sub("", name).strip(" _-") or name


def find_submissions(folder: Path, numbers=None, skipped=None):
    """(student, notebook number, path) for every submitted notebook in ``folder``; a file that is
    no notebook of the set goes to ``skipped`` as (path, reason) (or raises ValueError without it)."""
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        relative = path.relative_to(folder)
        if ".ipynb_checkpoints" in relative.parts or "__MACOSX" in relative.parts:
            continue
        try:
            number, start = _identify(path, numbers)
        except ValueError as error:
            if skipped is None:
                raise
            skipped.append((path, str(error)))
            continue
        if len(relative.parts) > 1:
            student = relative.parts[0]
        else:
            student = path.stem[:start] if start else path.stem
        found.append((student_name(student), number, path))
    return found


def unpack(archive: Path, target: Path) -> Path:
    """A class's .zip unpacked into ``target``; returns the folder that holds the students (a zip of
    a folder holds that one folder: the students are inside it)."""
    if target.exists():
        shutil.rmtree(target)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(target)
    top = [p for p in target.iterdir() if p.name != "__MACOSX"]
    if len(top) == 1 and top[0].is_dir() and len({s for s, _, _ in find_submissions(top[0], skipped=[])}) > 1:
        return top[0]
    return target


def errored_keys(nb, keys) -> dict:
    """Exercises whose own cell (the one that checks them) raised: {key: the error, in one line}."""
    failed = {}
    for cell in nb.cells:
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"] if cell.cell_type == "code" else []
        for key in (key for key in keys if errors and f'"{key}"' in cell.source):
            failed[key] = f"{errors[0].get('ename', 'Error')}: {errors[0].get('evalue', '')}"[:300]
    return failed


STOPPED = "the notebook stopped before it could be graded (the kernel died, or a cell ignored the time limit)"


def grade_one(path: Path, keys, work: Path, cell_timeout: int = CELL_TIMEOUT_S, feedback: dict = None) -> dict:
    """Run one submission in a fresh kernel and return {key: status}; ``feedback`` (a dict) receives
    {key: what the student was told or what went wrong}."""
    feedback = {} if feedback is None else feedback
    work.mkdir(parents=True, exist_ok=True)
    result = work / "grades.json"
    result.unlink(missing_ok=True)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # not a notebook at all: nothing can be graded
        feedback.update({key: "the file is not a readable notebook" for key in keys})
        return {key: "error" for key in keys}
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.cells.append(nbformat.v4.new_code_cell(
        GRADING_CELL.replace("KEYS", repr(list(keys))).replace("RESULT", repr(str(result)))))
    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            interrupt_on_timeout=True, record_timing=False,
                            resources={"metadata": {"path": str(work)}})
    try:  # the kernel's own start-up chatter (a TCP notice) is not the instructor's business
        client.execute(stderr=subprocess.DEVNULL)
    except Exception:  # a dead kernel, a cell that ignores the interrupt: grade what was reached
        pass
    try:
        verdicts = json.loads(result.read_text())
    except (OSError, ValueError):
        verdicts = {}
    failed = errored_keys(nb, keys)
    graded = {}
    for key in keys:
        status, said = verdicts.get(key, ("error", STOPPED))
        if status != "correct" and key in failed:
            status, said = "error", failed[key]
        graded[key] = status if status in STATUSES else "error"
        feedback[key] = said
    return graded


def main(folder, out_dir=ROOT / "build" / "grades", cell_timeout=CELL_TIMEOUT_S):
    from calclib.exercises import exercises

    # absolute: the kernel that runs a submission works in a scratch folder, and writes its verdicts
    # to a path under out_dir (`make grade` passes build/grades, relative to the project)
    folder, out_dir = Path(folder).resolve(), Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    if folder.is_file() and zipfile.is_zipfile(folder):
        folder = unpack(folder, out_dir / "submissions")
    elif not folder.is_dir():
        sys.exit(f"SUBMISSIONS={folder} is neither a folder nor a .zip of one")
    bank = exercises()
    numbers = {key.split(".")[0] for key in bank}
    rows, totals, skipped, handed_in = [], {}, [], {}
    for index, (student, number, path) in enumerate(find_submissions(folder, numbers, skipped)):
        handed_in.setdefault((student, number), []).append(str(path.relative_to(folder)))
        keys = sorted(k for k in bank if k.startswith(number + "."))
        work = out_dir / "work" / f"{index:03d}"
        if work.exists():
            shutil.rmtree(work)
        feedback = {}
        for key, status in grade_one(path, keys, work, int(cell_timeout), feedback).items():
            rows.append((student, number, key, status, feedback.get(key, ""), str(path.relative_to(folder))))
            done, of = totals.get(student, (0, 0))
            totals[student] = (done + (status == "correct"), of + 1)
        print(f"graded {path.relative_to(folder)} ({student}, notebook {number})")
    with open(out_dir / "grades.csv", "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "notebook", "exercise", "status", "feedback", "file"])
        writer.writerows(rows)
    with open(out_dir / "summary.csv", "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "correct", "of"])
        writer.writerows((student, done, of) for student, (done, of) in sorted(totals.items()))
    for student, (done, of) in sorted(totals.items()):
        print(f"{student}: {done} of {of} correct")
    print(f"wrote {out_dir / 'grades.csv'} and {out_dir / 'summary.csv'}")
    for path, reason in skipped:
        print(f"NOT GRADED {path.relative_to(folder)}: {reason}")
    for (student, number), files in handed_in.items():
        if len(files) > 1:
            print(f"TWICE {student} handed in notebook {number} {len(files)} times ({', '.join(files)}): "
                  "each is graded and counted in summary.csv; delete the ones that should not count and grade again")
    return rows


if __name__ == "__main__":
    main(*sys.argv[1:])
