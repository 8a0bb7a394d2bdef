"""Re-execute notebooks top to bottom and save them in place, with their outputs.

This is the one way notebooks are saved (``make notebooks``): a fresh kernel, every cell in
order, so execution counts run 1, 2, 3 ... and the outputs are exactly what nbval sees.
"""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import badges

CELL_TIMEOUT_S = 120


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    badges.update_notebook(nb, badges.repository_url(path.parent), path.name)  # launch badges, or none
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        # No widget state in the file: a page without a kernel then shows each explorer's PNG,
        # and JupyterLab does not restore dead widgets whose controls talk to comms that no
        # kernel has ("No such comm" in the log console).
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    elapsed = time.perf_counter() - start
    nb.metadata.get("language_info", {}).pop("version", None)  # machine-specific, not content
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return elapsed


def main(paths):
    if not paths:
        sys.exit("usage: execute_notebooks.py NOTEBOOK.ipynb ...")
    for name in paths:
        seconds = execute(Path(name))
        print(f"executed {name} in {seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
