"""Settings this project gives JupyterLab in its own environment (run by the set-up of `make lab`).

Writes ``<env>/share/jupyter/lab/settings/overrides.json`` (inside .venv, never the home folder):

- Jupyter widgets save their state with the notebook. A notebook that a student ran, saved and
  reopened then shows each explorer's last picture and read-out, instead of "Error displaying
  widget: model not found" (without saved state a reopened, trusted notebook has widget views
  whose models no kernel has any more). Re-running the cell makes the explorer live again.

And it sets aside the extensions the environment holds for the JupyterLite site only (`make lite`):
JupyterLab loads every extension in its labextensions folder, and the Pyodide kernel's fails there
(a console error at every start, "Shared module @jupyterlite/services doesn't exist"; turning it off
with `jupyter labextension disable` does not stop JupyterLab loading its code). They move to
``<env>/share/jupyter/lite-labextensions``, where tools/lite.py finds them.
"""
import json
import shutil
import sys
from pathlib import Path

OVERRIDES = {"@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": True}}
LITE_ONLY = ["@jupyterlite/pyodide-kernel-extension"]


def set_aside(prefix=sys.prefix) -> list:
    """Move the JupyterLite-only extensions out of JupyterLab's folder (a newer copy replaces an older one)."""
    moved = []
    for name in LITE_ONLY:
        source = Path(prefix) / "share" / "jupyter" / "labextensions" / name
        if source.is_dir():
            target = Path(prefix) / "share" / "jupyter" / "lite-labextensions" / name
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(source), str(target))
            moved.append(target)
    return moved


def write(prefix=sys.prefix) -> Path:
    path = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text()) if path.exists() else {}
    for plugin, values in OVERRIDES.items():
        current.setdefault(plugin, {}).update(values)
    path.write_text(json.dumps(current, indent=2) + "\n")
    return path


if __name__ == "__main__":
    print(f"wrote {write()}")
    for path in set_aside():
        print(f"moved a JupyterLite-only extension to {path}")
