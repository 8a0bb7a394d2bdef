"""`make student`: copies of the notebooks without the exercise solutions, for handing out.

Cells tagged "solution" are removed (with their outputs); everything else is kept as
saved. Writes build/student/NN_*.ipynb.
"""
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOLUTION_TAG = "solution"


def strip_solutions(nb):
    """The notebook without solution cells; returns (notebook, number removed)."""
    keep = [c for c in nb.cells if SOLUTION_TAG not in c.get("metadata", {}).get("tags", [])]
    removed = len(nb.cells) - len(keep)
    nb.cells = keep
    return nb, removed


def main(out_dir=ROOT / "build" / "student"):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb, removed = strip_solutions(nbformat.read(path, as_version=4))
        nbformat.write(nb, out_dir / path.name)
        print(f"{out_dir / path.name}: {removed} solution cells removed")


if __name__ == "__main__":
    main(*sys.argv[1:])
