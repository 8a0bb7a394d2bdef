"""What an instructor relies on: the CI workflow, the oldest-versions pin, student copies.

The static pages (`make html`) are checked in tests/browser/test_static_pages_offline.py, on the
same export that is then opened in Chromium (one export per run, not two)."""
import json
import os
import re
import subprocess
import sys

import nbformat
import numpy as np
import pytest
import sympy as sp
import yaml

from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import student  # noqa: E402


WORKFLOWS = ROOT / ".github" / "workflows"


def load_workflow(name):
    workflow = yaml.safe_load((WORKFLOWS / name).read_text())
    workflow["on"] = workflow.pop(True, None) or workflow.get("on")  # YAML 1.1 reads `on` as true
    return workflow


def ci_commands():
    return [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
            if line.strip() and not line.startswith(("#", "set ", "cd "))]


def runs(job):
    return [s["run"] for s in job["steps"] if "run" in s]


SETUP = ("apt-get ", "rm -f /etc/apt/apt.conf.d/docker-clean")


def test_workflow_runs_what_ci_runs():
    workflow = load_workflow("notebooks.yml")
    assert set(workflow["on"]) == {"push", "pull_request", "workflow_dispatch"}
    assert workflow["on"]["push"] == {"branches": ["main"]}  # a pull request's pushes run once, as pull_request
    test = workflow["jobs"]["test"]
    commands = [r for r in runs(test) if not r.startswith(SETUP)]
    assert commands[0:1] == ci_commands() == ["make test"]  # the test step is exactly .ci/run's command
    assert [s["run"] for s in workflow["jobs"]["oldest"]["steps"] if "run" in s and "make" in s["run"]] == \
        ["make test-oldest"]
    makefile = (ROOT / "Makefile").read_text()
    assert "--upgrade --upgrade-strategy eager" in makefile and "-c constraints/oldest.txt" in makefile
    assert "-c constraints/lock.txt" in makefile


def test_ci_runs_on_the_oldest_and_the_newest_python():
    project = (ROOT / "pyproject.toml").read_text()
    floor = re.search(r'requires-python = ">=(3\.\d+)"', project).group(1)
    for name, job in [("notebooks.yml", "test"), ("weekly.yml", "newest")]:
        pythons = load_workflow(name)["jobs"][job]["strategy"]["matrix"]["python"]
        assert pythons[0] == floor and len(pythons) == 2
        assert tuple(map(int, pythons[1].split("."))) > tuple(map(int, floor.split(".")))
        assert "${{ matrix.python }}" in load_workflow(name)["jobs"][job]["container"]


def test_ci_survives_a_term():
    workflow = load_workflow("notebooks.yml")
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.ref" in workflow["concurrency"]["group"]
    assert workflow["permissions"] == {"contents": "read"}  # least: each job asks for more only if it must
    assert "schedule" not in workflow["on"]  # a disabled schedule must not take these checks down
    test = workflow["jobs"]["test"]
    cached = [s["with"]["path"] for s in test["steps"] if s.get("uses", "").startswith("actions/cache")]
    assert "~/.cache/pip" in cached and "/var/cache/apt/archives" in cached
    uploaded = " ".join(s["with"]["path"] for s in test["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert "build/student/" in uploaded and "build/html/" in uploaded
    assert any(r.startswith("make student html") for r in runs(test))
    oldest = workflow["jobs"]["oldest"]
    paths_filter = next(s for s in oldest["steps"] if s.get("uses", "").startswith("dorny/paths-filter"))
    assert "pyproject.toml" in paths_filter["with"]["filters"] and "constraints/oldest.txt" in paths_filter["with"]["filters"]
    assert all("deps" in s.get("if", "") for s in oldest["steps"] if "run" in s)
    pages = workflow["jobs"]["pages"]
    assert "make lite" in runs(pages) and pages["needs"] == "test" and "refs/heads/main" in pages["if"]
    assert pages["permissions"]["pages"] == "write"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in pages["steps"])


def test_mutation_testing_runs_weekly_and_never_on_a_push():
    weekly = load_workflow("weekly.yml")
    assert runs(weekly["jobs"]["mutation"]) == ["make mutation"]
    assert "mutation" not in json.dumps(load_workflow("notebooks.yml"))
    assert "\nmutation:" in (ROOT / "Makefile").read_text()


def test_weekly_run_is_its_own_workflow_and_refreshes_the_lock():
    weekly = load_workflow("weekly.yml")
    assert set(weekly["on"]) == {"schedule", "workflow_dispatch"}
    assert weekly["on"]["schedule"][0]["cron"].split()[-1] == "1"  # Mondays
    assert weekly["permissions"] == {"contents": "read"}
    newest = weekly["jobs"]["newest"]
    assert [r for r in runs(newest) if not r.startswith(SETUP)] == [ci_commands()[0] + " UPGRADE=1", "make freeze"]
    lock = "\n".join(runs(weekly["jobs"]["lock"]))
    assert "tools/lock.py merge build/freeze-*.txt > constraints/lock.txt" in lock and "gh pr create" in lock
    assert weekly["jobs"]["lock"]["needs"] == "newest"


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


@pytest.fixture(scope="session")
def student_build():
    """`make student`, once per test process, into a folder of that process's own (neither of two
    xdist workers may wipe the other's build)."""
    out = ROOT / "build" / f"student-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    student.main(out)
    return out


def test_student_copies_have_no_solutions(student_build):
    copies = sorted((student_build / "notebooks").glob("*.ipynb"))
    assert [c.name for c in copies] == [p.name for p in NOTEBOOKS]
    for copy, original in zip(copies, NOTEBOOKS):
        nb = nbformat.read(copy, as_version=4)
        assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
        prompts = [c for c in nb.cells if c.cell_type == "code" and " = ...  # your answer" in c.source]
        assert len(prompts) >= 2
        solutions = [c for c in nbformat.read(original, as_version=4).cells if "solution" in c.metadata.get("tags", [])]
        assert all(s.source not in {c.source for c in nb.cells} for s in solutions)
        assert "solution cells below" not in json.dumps(nb.dict()), "student copies must not promise solutions"
        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        assert counts == list(range(1, len(counts) + 1)), "a gap in In [n] shows where a solution was"
        results = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "execute_result"]
        assert results and all(o.execution_count == c.execution_count for c in nb.cells if c.cell_type == "code"
                                for o in c.outputs if o.output_type == "execute_result")


def test_the_student_build_has_the_students_readme(student_build):
    readme = (student_build / "README.md").read_text()
    assert readme == (ROOT / "STUDENTS.md").read_text()
    for command in re.findall(r"`(make \w+)`", readme):  # every make target it names exists in the build
        target = command.split()[1]
        assert re.search(rf"^{target}\b.*:", (student_build / "Makefile").read_text(), re.M), command
    for path in re.findall(r"(tools/\S+\.py|constraints/\S+\.txt|environment\.yml)", readme):
        assert (student_build / path).is_file(), path
    # what a student must not be sent to: solutions, grading, the authors' tools
    for word in ("make grade", "make student", "Solution", "sealed", "mutation"):
        assert word not in readme, word
    example = re.search(r"^  (\w+) = \.\.\.  # your answer.*\n  cl\.check\(\"([\w.-]+)\", \1\)$", readme, re.M)
    assert example, "the readme shows an exercise cell as the notebooks write it"
    copies = "".join(c.source for p in (student_build / "notebooks").glob("*.ipynb")
                     for c in nbformat.read(p, as_version=4).cells)
    assert f'cl.check("{example.group(2)}", {example.group(1)})' in copies


def test_make_lab_sets_up_in_the_student_build(student_build):
    """Students run `make lab` in the build: every file its set-up needs is there (`make -n` stops
    at a missing one), and so is every tool Binder's postBuild runs."""
    result = subprocess.run(["make", "-n", ".venv/.installed-stamp", "lab"], cwd=student_build,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "tools/lab_settings.py" in result.stdout
    for tool in re.findall(r"tools/\S+\.py", (student_build / "postBuild").read_text()):
        assert (student_build / tool).is_file(), tool


# Each student copy runs top to bottom, against the sealed package, in JupyterLab in Chromium:
# tests/browser/test_notebooks_in_browser.py (one execution of each copy, not one here and one there).


PROBE = """
import json, sys
import numpy as np, sympy as sp
import calclib, calclib.exercises as ex
assert calclib.__file__.startswith(sys.argv[1]), calclib.__file__
probes = json.loads(sys.argv[2])
bank = ex.exercises()
assert all(e.solution is None for e in bank.values())
out = {key: [ex.check(key, np.asarray(v) if isinstance(v, list) else v).message for v in values]
       for key, values in probes.items()}
print(json.dumps(out))
"""


def test_student_package_gives_the_same_feedback_and_holds_no_answer(student_build):
    from calclib.exercises import Array, Number, check, exercises

    bank = exercises()
    probes = {}
    for key, exercise in bank.items():
        if isinstance(exercise.answer, (Number, Array)):
            value = np.asarray(exercise.answer.value, dtype=float)
            cases = [value, -value, 2 * value, value * 1.0004, value + 17] + [np.asarray(m[0], float) for m in exercise.answer.mistakes]
            probes[key] = [v.tolist() for v in cases]
    env = {**os.environ, "PYTHONPATH": str(student_build)}
    result = subprocess.run([sys.executable, "-c", PROBE, str(student_build), json.dumps(probes)],
                            cwd=student_build, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    sealed = json.loads(result.stdout)
    for key, values in probes.items():
        assert sealed[key] == [check(key, np.asarray(v) if isinstance(v, list) else v).message for v in values], key
    # no answer can be read from the build's exercise package: grep its files (the pickle read as
    # text too) for every solution value that is not a small whole number
    texts = "\n".join(p.read_bytes().decode("latin-1") for p in (student_build / "calclib" / "exercises" / "bank").rglob("*")
                      if p.is_file())
    for key, exercise in bank.items():  # values precise enough not to turn up by chance in prose
        solution = exercise.solution
        if callable(solution) or isinstance(solution, (str, sp.Expr)):
            continue
        for value in np.asarray(solution, dtype=float).ravel():
            for text in {f"{value:.6g}", f"{value:.5g}", f"{value:.4g}"}:
                if len(text.strip("-0.").replace(".", "")) >= 4:
                    assert text not in texts, (key, text)
    assert not list(student_build.rglob("nb0*.py")), "the full bank modules must not be in the build"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_a_caption(path):
    for cell in json.loads(path.read_text())["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                text = "".join(data.get("text/plain", ""))
                assert len(text) > 20 and not text.startswith("<"), text
