"""Launch badges from one setting ([project.urls] Repository): none while it is unset, all of them
(README, top of every notebook, the Colab-only set-up cell) for an example address in a copy."""
import re
import shutil
import sys
import types

import nbformat
import pytest

from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import badges  # noqa: E402
import execute_notebooks  # noqa: E402

EXAMPLE = "https://github.com/example-org/calculus-notebooks"
LINK_HOSTS = ("mybinder.org", "colab.research.google.com", "github.io")


def with_setting(tmp_path, url):
    """A temporary copy of the project's pyproject.toml, README and notebooks, with the setting set."""
    text = (ROOT / "pyproject.toml").read_text()
    assert '# Repository = "https://github.com/OWNER/REPO"' in text  # how a fork sets it (README says so)
    (tmp_path / "pyproject.toml").write_text(text.replace('# Repository = "https://github.com/OWNER/REPO"',
                                                          f'Repository = "{url}"'))
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    return tmp_path


def test_the_setting_is_unset_here_and_nothing_links_anywhere():
    assert badges.repository_url(ROOT) == ""
    readme = (ROOT / "README.md").read_text()
    assert badges.update_readme(readme, "") == readme  # the README is what the build writes
    block = readme.split(badges.README_START)[1].split(badges.README_END)[0]
    assert block.strip() == ""
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert not {badges.BADGE_CELL_ID, badges.COLAB_CELL_ID} & {c.get("id") for c in nb.cells}
        text = path.read_text()
        assert not any(host in text for host in LINK_HOSTS), path.name


def test_an_example_address_gives_badges_everywhere(tmp_path):
    root = with_setting(tmp_path, EXAMPLE)
    assert badges.repository_url(root / "notebooks") == EXAMPLE
    badges.main(root / "README.md")
    readme = (root / "README.md").read_text()
    block = readme.split(badges.README_START)[1].split(badges.README_END)[0]
    targets = re.findall(r"\]\((https://[^)]+)\)\]\((https://[^)]+)\)", block)
    assert [img for img, _ in targets] == list(badges.IMAGES.values())
    assert [t for _, t in targets] == [
        "https://mybinder.org/v2/gh/example-org/calculus-notebooks/main?urlpath=lab/tree/notebooks",
        "https://colab.research.google.com/github/example-org/calculus-notebooks/blob/main/notebooks/01_limits.ipynb",
        "https://example-org.github.io/calculus-notebooks/lab/index.html"]
    # the rest of the README is untouched, and a second run changes nothing
    def outside(text):
        before, rest = text.split(badges.README_START)
        return before, rest.split(badges.README_END)[1]

    assert outside(readme) == outside((ROOT / "README.md").read_text())
    badges.main(root / "README.md")
    assert (root / "README.md").read_text() == readme

    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = badges.update_notebook(nbformat.read(path, as_version=4), EXAMPLE, path.name, "calclib-notebooks")
        top, colab = nb.cells[0], nb.cells[1]
        assert top.cell_type == "markdown" and f"blob/main/notebooks/{path.name})" in top.source
        assert f"lab/index.html?path={path.name})" in top.source and f"notebooks/{path.name})" in top.source
        assert colab.cell_type == "code" and f"calclib-notebooks @ git+{EXAMPLE}" in colab.source
        again = badges.update_notebook(nbformat.read(path, as_version=4), EXAMPLE, path.name, "calclib-notebooks")
        twice = badges.update_notebook(again, EXAMPLE, path.name, "calclib-notebooks")
        assert nbformat.writes(twice) == nbformat.writes(nb)  # idempotent
        removed = badges.update_notebook(twice, "", path.name)
        assert [c.source for c in removed.cells] == [c.source for c in nbformat.read(path, as_version=4).cells]


def test_a_non_github_address_is_refused_clearly():
    with pytest.raises(ValueError, match=r"`Repository` in \[project.urls\] must be a GitHub address"):
        badges.links("https://gitlab.example/some/repo")


def run_colab_cell(source, on_colab):
    calls = []
    ipython = types.SimpleNamespace(run_line_magic=lambda *a: calls.append(("magic",) + a))
    output = types.SimpleNamespace(enable_custom_widget_manager=lambda: calls.append(("widgets",)))
    colab = types.ModuleType("google.colab")
    colab.output = output
    saved = {k: sys.modules.get(k) for k in ("google", "google.colab")}
    try:
        if on_colab:
            sys.modules["google"] = types.ModuleType("google")
            sys.modules["google.colab"] = colab
        else:
            sys.modules.pop("google.colab", None)
        exec(compile(source, "<colab cell>", "exec"), {"get_ipython": lambda: ipython})
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v
    return calls


def test_colab_cell_installs_only_on_colab():
    nb = badges.update_notebook(nbformat.v4.new_notebook(), EXAMPLE, "01_limits.ipynb", "calclib-notebooks")
    source = nb.cells[1].source
    assert run_colab_cell(source, on_colab=False) == []
    calls = run_colab_cell(source, on_colab=True)
    assert calls == [("magic", "pip", f'install --quiet "calclib-notebooks @ git+{EXAMPLE}"'), ("widgets",)]


def test_the_notebook_build_writes_the_badges_and_the_colab_cell_is_a_no_op_in_a_kernel(tmp_path):
    """tools/execute_notebooks.py, in a copy whose setting is the example address: a small
    notebook comes back with the two cells on top and the Colab cell ran without output."""
    root = with_setting(tmp_path, EXAMPLE)
    small = root / "notebooks" / "99_small.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print(6 * 7)")]
    nbformat.write(nb, small)
    execute_notebooks.execute(small)
    saved = nbformat.read(small, as_version=4)
    assert [c.get("id") for c in saved.cells[:2]] == [badges.BADGE_CELL_ID, badges.COLAB_CELL_ID]
    assert saved.cells[1].outputs == [] and saved.cells[1].execution_count == 1
    assert saved.cells[2].outputs[0]["text"] == "42\n"
    again = badges.update_notebook(saved, badges.repository_url(small.parent), small.name)  # what a re-run does first
    assert [c.get("id") for c in again.cells].count(badges.BADGE_CELL_ID) == 1


def test_make_notebooks_rewrites_the_readme():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nnotebooks:", 1)[1].split("\n\n", 1)[0]
    assert "tools/execute_notebooks.py" in recipe and "tools/badges.py README.md" in recipe
    assert "badges.update_notebook(nb, badges.repository_url(path.parent), path.name)" in \
        (ROOT / "tools" / "execute_notebooks.py").read_text()
