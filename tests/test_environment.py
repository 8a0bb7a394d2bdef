"""The set-up a newcomer relies on: one list of dependencies, a clear Python check, CI = make test."""
import re
import subprocess
import sys

from tests.conftest import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


def normalise(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement.split(";")[0]).lower()


def pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    reqs = project["dependencies"] + extras["lab"] + extras["test"] + extras["lite"]
    return {normalise(r) for r in reqs if "python_version" not in r}


def conda_requirements():
    lines = (ROOT / "environment.yml").read_text().splitlines()
    deps = [m.group(1) for line in lines if (m := re.match(r"^  - ([A-Za-z][\w.-]*[<>=!].*)$", line))]
    return {normalise(d) for d in deps if not d.startswith("python")}


def test_environment_yml_mirrors_pyproject():
    assert conda_requirements() == pyproject_requirements()


def test_python_floor_matches():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.10"
    assert "python>=3.10" in (ROOT / "environment.yml").read_text()


def test_old_python_gets_one_clear_line():
    script = (ROOT / "tools" / "check_python.py").read_text()
    fake_old = "import sys; sys.version_info = (3, 9, 7, 'final', 0)\n" + script
    result = subprocess.run([sys.executable, "-c", fake_old], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs Python 3.10 or newer" in lines[0] and "3.9.7" in lines[0]
    ok = subprocess.run([sys.executable, str(ROOT / "tools" / "check_python.py")], capture_output=True, timeout=60)
    assert ok.returncode == 0


def test_ci_runs_make_test_and_nothing_else():
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    assert commands[-1] == "make test"
    assert all(c.startswith(("set ", "cd ")) for c in commands[:-1])


def test_runtime_dependencies_are_what_calclib_imports():
    """No Jupyter server in the package itself: a browser kernel (Pyodide) could not install it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {re.split(r"[<>=!~ ;\[]", r)[0].lower() for r in project["dependencies"]}
    modules = {"numpy": "numpy", "matplotlib": "matplotlib", "pillow": "PIL", "sympy": "sympy",
               "ipywidgets": "ipywidgets", "ipyevents": "ipyevents"}
    source = "\n".join(p.read_text() for p in (ROOT / "calclib").rglob("*.py"))
    imported = {dist for dist, module in modules.items()
                if re.search(rf"^\s*(import|from) {module}\b", source, re.M)}
    assert runtime == imported
    assert {"ipykernel", "jupyterlab", "notebook", "jupyter-server"}.isdisjoint(runtime)
    assert project["name"] == "calclib-notebooks"  # `calclib` on the package index is someone else's


def test_readme_quick_start_is_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line.strip()]
    assert commands == ["make lab", "make test"]


def test_lab_settings_save_widget_state_and_set_the_lite_kernel_aside(tmp_path):
    # what `make lab`'s set-up and Binder's postBuild run, on an environment of its own
    kernel = tmp_path / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension"
    (kernel / "static").mkdir(parents=True)
    (kernel / "package.json").write_text("{}")
    widgets = tmp_path / "share" / "jupyter" / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager"
    widgets.mkdir(parents=True)
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import lab_settings
    finally:
        sys.path.remove(str(ROOT / "tools"))
    overrides = lab_settings.write(tmp_path)
    assert overrides.is_relative_to(tmp_path)
    assert '"saveState": true' in overrides.read_text()
    assert lab_settings.set_aside(tmp_path) == [tmp_path / "share" / "jupyter" / "lite-labextensions"
                                               / "@jupyterlite" / "pyodide-kernel-extension"]
    assert not kernel.exists() and widgets.is_dir()  # JupyterLab's own extensions stay
    assert (tmp_path / "share" / "jupyter" / "lite-labextensions" / "@jupyterlite" / "pyodide-kernel-extension"
            / "package.json").is_file()
    assert lab_settings.set_aside(tmp_path) == []  # twice is harmless


def test_binder_gets_the_projects_lab_settings():
    post_build = ROOT / "postBuild"
    assert post_build.stat().st_mode & 0o111, "Binder runs postBuild only if it is executable"
    assert "python tools/lab_settings.py" in post_build.read_text()
