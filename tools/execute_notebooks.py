"""Re-execute notebooks top to bottom and save them in place, with their outputs.

This is the one way notebooks are saved (``make notebooks``, or ``make notebooks NB=03`` for
one): a fresh kernel, every cell in order, so execution counts run 1, 2, 3 ... and the
outputs are exactly what nbval sees.

Saving is deterministic, so re-running an unchanged notebook leaves its file byte for byte
the same and two authors editing different notebooks never conflict:
- no timing metadata (nbclient's ``record_timing`` is off), no Python patch version;
- no widget model ids: the live-widget part of an explorer's output is dropped, which also
  lets a reopened notebook show the explorer's PNG instead of "Error displaying widget:
  model not found" (a saved widget view refers to a model that no kernel has any more);
- cells tagged ``solution`` start folded (input and output) under their visible "Solution"
  heading, cells tagged ``self-check``
  start with their input folded: students see a one-line bar, CI still runs them.
"""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import badges

CELL_TIMEOUT_S = 120
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def fold(nb) -> None:
    """Fold solutions' code and self-checks by their tags (JupyterLab's ``jupyter`` cell metadata).

    A solution's Markdown folds itself, in a ``<details>`` block: JupyterLab unfolds a folded Markdown
    cell when it runs (Run All renders every Markdown cell and shows its source), and static pages
    ignore the metadata. A code cell's folded source stays folded when it runs, its outputs do not:
    a solution's code prints nothing (its last line asserts the check), so Run All shows nothing new.
    """
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        jupyter = {}
        if "solution" in tags and cell.cell_type == "code":
            jupyter = {"source_hidden": True, "outputs_hidden": True}
        elif "self-check" in tags:
            jupyter = {"source_hidden": True}
        if jupyter:
            cell.metadata["jupyter"] = jupyter
        else:
            cell.metadata.pop("jupyter", None)


def tidy(nb) -> None:
    """Drop what varies between runs or machines and carries no content."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    nb.metadata.get("language_info", {}).pop("version", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    badges.update_notebook(nb, badges.repository_url(path.parent), path.name)  # launch badges, or none
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        record_timing=False,
        # No widget state in the file: JupyterLab would restore dead widgets whose controls
        # talk to comms that no kernel has ("No such comm" in the log console).
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    elapsed = time.perf_counter() - start
    tidy(nb)
    fold(nb)
    nbformat.write(nb, path)
    return elapsed


def select(paths, only: str = ""):
    """The notebooks to run: all of ``paths``, or those whose names start with one of ``only`` ("03 05")."""
    wanted = only.replace(",", " ").split()
    chosen = [p for p in paths if not wanted or any(Path(p).name.startswith(w) for w in wanted)]
    if wanted and not chosen:
        sys.exit(f"NB={only!r} matches no notebook (use the number, such as NB=03)")
    return chosen


def main(argv):
    only = ""
    if argv and argv[0].startswith("--only="):
        only, argv = argv[0].split("=", 1)[1], argv[1:]
    if not argv:
        sys.exit("usage: execute_notebooks.py [--only=03] NOTEBOOK.ipynb ...")
    for name in select(argv, only):
        seconds = execute(Path(name))
        print(f"executed {name} in {seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
