"""`make student`: the set as a course hands it to students, with no answers in it.

Writes build/student/:
- notebooks/NN_*.ipynb: every cell tagged "solution" removed (with its outputs);
- calclib/: the package with its exercise bank sealed: each exercise keeps its question's
  precision, hints and the digests of its right answer and known mistakes, but no answer and
  no solution, so `cl.check` gives exactly the same feedback (tests/test_instructor_kit.py);
- README.md: the students' own (STUDENTS.md: how to start, work through a notebook, answer an exercise,
  hand in), not the project's, which is written for authors and instructors (solutions, grading);
- Makefile, pyproject.toml, environment.yml, postBuild, LICENSE, the lock and the two tools
  `make lab`'s set-up runs (tools/check_python.py, tools/lab_settings.py), so that `make lab` (and
  Binder) work in the folder as they do in the full project.
"""
import io
import marshal
import pickle
import shutil
import sys
import types
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SOLUTION_TAG = "solution"
CARRIED = ["Makefile", "pyproject.toml", "environment.yml", "postBuild", "LICENSE",
           "tools/check_python.py", "tools/lab_settings.py", "constraints/lock.txt", "constraints/oldest.txt"]
SEALED_BANK = '''"""The exercises, sealed by `make student`: digests of the answers, no answers."""
import pickle
from pathlib import Path

from .. import register

register(*pickle.loads(Path(__file__).with_name("sealed.pickle").read_bytes()))
'''


def strip_solutions(nb):
    """The notebook without solution cells; returns (notebook, number removed). The code cells left
    are numbered 1, 2, 3 ... again, so no gap in the In [n] numbers shows where a solution was."""
    keep = [c for c in nb.cells if SOLUTION_TAG not in c.get("metadata", {}).get("tags", [])]
    removed = len(nb.cells) - len(keep)
    nb.cells = keep
    count = 0
    for cell in keep:
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = count
    return nb, removed


class SealedPickler(pickle.Pickler):
    """Pickles the sealed bank. The test inputs of an implement-it exercise may be small functions
    written in the bank's modules (``lambda p: p[0] ** 2 * p[1]``), which are not shipped; such a
    function travels as its compiled code and is rebuilt with numpy and math as its globals
    (calclib.exercises.rebuild_function). Nothing else of the bank's modules is carried over."""

    def reducer_override(self, obj):
        if isinstance(obj, types.FunctionType) and obj.__module__.startswith("calclib.exercises.bank"):
            if obj.__closure__:
                raise ValueError(f"{obj.__qualname__}: a test-input function of the bank must not use a closure")
            from calclib.exercises import rebuild_function

            return rebuild_function, (marshal.dumps(obj.__code__), obj.__name__, obj.__defaults__)
        return NotImplemented


def sealed_bytes(sealed) -> bytes:
    buffer = io.BytesIO()
    SealedPickler(buffer).dump(sealed)
    return buffer.getvalue()


def sealed_package(target: Path) -> int:
    """Copy calclib to ``target`` with the bank replaced by its sealed form; returns the number of exercises."""
    from calclib.exercises import exercises

    shutil.copytree(ROOT / "calclib", target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    bank = target / "exercises" / "bank"
    shutil.rmtree(bank)
    bank.mkdir()
    sealed = [exercise.seal() for exercise in exercises().values()]
    (bank / "sealed.pickle").write_bytes(sealed_bytes(sealed))
    (bank / "__init__.py").write_text(SEALED_BANK)
    return len(sealed)


def main(out_dir=ROOT / "build" / "student"):
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "notebooks").mkdir(parents=True)
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb, removed = strip_solutions(nbformat.read(path, as_version=4))
        nbformat.write(nb, out_dir / "notebooks" / path.name)
        print(f"{out_dir / 'notebooks' / path.name}: {removed} solution cells removed")
    count = sealed_package(out_dir / "calclib")
    for name in CARRIED:
        if (ROOT / name).exists():
            (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, out_dir / name)
    shutil.copy2(ROOT / "STUDENTS.md", out_dir / "README.md")
    print(f"{out_dir / 'calclib'}: {count} exercises sealed (digests only, no answers)")


if __name__ == "__main__":
    main(*sys.argv[1:])
