"""What an instructor relies on: the CI workflow, the oldest-versions pin, static pages, student copies."""
import json
import re
import subprocess
import sys

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import export_html  # noqa: E402
import student  # noqa: E402


def test_workflow_runs_what_ci_runs():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "notebooks.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    assert triggers["schedule"][0]["cron"].split()[-1] == "1"  # weekly
    ci_commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
                   if line.strip() and not line.startswith(("#", "set ", "cd "))]
    test_steps = [s["run"] for s in workflow["jobs"]["test"]["steps"] if "run" in s]
    assert test_steps == ci_commands + [ci_commands[0] + " UPGRADE=1"]  # the weekly run: newest releases
    assert [s["run"] for s in workflow["jobs"]["oldest"]["steps"] if "run" in s] == ["make test-oldest"]
    makefile = (ROOT / "Makefile").read_text()
    assert "--upgrade --upgrade-strategy eager" in makefile and "-c constraints/oldest.txt" in makefile


def test_oldest_pins_are_the_declared_lower_bounds():
    text = (ROOT / "constraints" / "oldest.txt").read_text().split("# Transitive pins")[0]
    pins = dict(re.findall(r"^([\w-]+)==([\w.]+)$", text, re.M))
    try:
        import tomllib
    except ModuleNotFoundError:
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    # [lite] only builds the JupyterLite site; its version is whatever the kernel's Pyodide needs
    declared = project["dependencies"] + extras["lab"] + extras["test"]
    bounds = dict(re.findall(r"^([\w-]+)>=([\w.]+)", "\n".join(d.split(";")[0] for d in declared), re.M))
    assert pins == bounds


def test_student_copies_have_no_solutions_and_still_run(tmp_path):
    out = ROOT / "build" / "student-test"
    student.main(out)
    copies = sorted(out.glob("*.ipynb"))
    assert [c.name for c in copies] == [p.name for p in NOTEBOOKS]
    for copy, original in zip(copies, NOTEBOOKS):
        nb = nbformat.read(copy, as_version=4)
        assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
        prompts = [c for c in nb.cells if c.cell_type == "code" and "answer = ..." in c.source]
        assert len(prompts) >= 2
        solutions = [c for c in nbformat.read(original, as_version=4).cells if "solution" in c.metadata.get("tags", [])]
        assert all(s.source not in {c.source for c in nb.cells} for s in solutions)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", "-o", "addopts=",
         "--nbval-lax", "--nbval-current-env", *map(str, copies)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]


def test_static_pages_show_every_figure_and_no_error():
    out = ROOT / "build" / "html-test"
    export_html.main(out)
    index = (out / "index.html").read_text()
    for path in NOTEBOOKS:
        assert f'href="{path.stem}.html"' in index
        page = (out / f"{path.stem}.html").read_text()
        saved = json.loads(path.read_text())
        figures = sum("image/png" in o.get("data", {}) for c in saved["cells"] for o in c.get("outputs", []))
        images = re.findall(r'<img alt="([^"]*)"[^>]*? src="data:image/png;base64,', page)
        assert len(images) == figures > 0
        assert all(len(alt) > 20 and "No description" not in alt for alt in images)
        soup = BeautifulSoup(page, features="html.parser")
        assert soup.select('[data-mime-type="application/vnd.jupyter.stderr"]') == []  # no error or warning output
        assert "Traceback" not in soup.get_text() and "Error displaying widget" not in soup.get_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_a_caption(path):
    for cell in json.loads(path.read_text())["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                text = "".join(data.get("text/plain", ""))
                assert len(text) > 20 and not text.startswith("<"), text
