"""Settings this project gives JupyterLab in its own environment (run by the set-up of `make lab`).

Writes ``<env>/share/jupyter/lab/settings/overrides.json`` (inside .venv, never the home folder):

- Jupyter widgets save their state with the notebook. A notebook that a student ran, saved and
  reopened then shows each explorer's last picture and read-out, instead of "Error displaying
  widget: model not found" (without saved state a reopened, trusted notebook has widget views
  whose models no kernel has any more). Re-running the cell makes the explorer live again.
"""
import json
import sys
from pathlib import Path

OVERRIDES = {"@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": True}}


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
