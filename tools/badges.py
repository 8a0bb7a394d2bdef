"""Launch badges (Binder, Colab, JupyterLite) from one setting: `Repository` in pyproject.toml.

    [project.urls]
    Repository = "https://github.com/OWNER/REPO"

With an address, `make notebooks` puts at the top of every notebook a cell of three badges
and a Colab-only set-up cell (it installs the package from that repository and turns on
Colab's widget manager; anywhere else it does nothing), and writes the same badges into the
README between the two marker comments. With the setting empty (or absent) there are no
badges at all: the cells and the README block are removed, so no link points nowhere.

The JupyterLite badge points to the repository's GitHub Pages, where the `pages` job of
.github/workflows/notebooks.yml publishes `make lite`.

Usage: python tools/badges.py [README.md]   (rewrites the README's badge block)
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SETTING = "Repository"
BRANCH = "main"
BADGE_CELL_ID = "launch-badges"
COLAB_CELL_ID = "colab-setup"
README_START = "<!-- launch-badges:start (written by tools/badges.py from [project.urls] Repository) -->"
README_END = "<!-- launch-badges:end -->"
IMAGES = {
    "Binder": "https://mybinder.org/badge_logo.svg",
    "Colab": "https://colab.research.google.com/assets/colab-badge.svg",
    "JupyterLite": "https://jupyterlite.rtfd.io/en/latest/_static/badge.svg",
}
COLAB_SOURCE = '''\
# On Google Colab only: install calclib from this notebook's repository and turn on Colab's
# widget manager, so the explorers work. Anywhere else this cell does nothing.
import sys
if "google.colab" in sys.modules:
    get_ipython().run_line_magic("pip", "install --quiet \\"{dist} @ git+{url}\\"")
    from google.colab import output
    output.enable_custom_widget_manager()'''


def repository_url(start: Path = ROOT) -> str:
    """The setting, from the pyproject.toml in `start` or its nearest parent ('' when unset)."""
    start = Path(start).resolve()
    for folder in [start, *start.parents]:
        if (folder / "pyproject.toml").is_file():
            project = tomllib.loads((folder / "pyproject.toml").read_text())["project"]
            return project.get("urls", {}).get(SETTING, "").strip()
    raise FileNotFoundError(f"no pyproject.toml in {start} or above")


def distribution_name(start: Path = ROOT) -> str:
    start = Path(start).resolve()
    folder = next(f for f in [start, *start.parents] if (f / "pyproject.toml").is_file())
    return tomllib.loads((folder / "pyproject.toml").read_text())["project"]["name"]


def github(url: str) -> tuple[str, str]:
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", url)
    if not match:
        raise ValueError(f"`{SETTING}` in [project.urls] must be a GitHub address such as "
                         f"https://github.com/OWNER/REPO (Binder, Colab and Pages need one), got {url!r}")
    return match.group(1), match.group(2)


def links(url: str, notebook: str | None = None) -> dict[str, str]:
    """Where each badge leads: one notebook, or (notebook=None) the whole set."""
    owner, repo = github(url)
    if notebook:
        return {"Binder": f"https://mybinder.org/v2/gh/{owner}/{repo}/{BRANCH}?urlpath=lab/tree/notebooks/{notebook}",
                "Colab": f"https://colab.research.google.com/github/{owner}/{repo}/blob/{BRANCH}/notebooks/{notebook}",
                "JupyterLite": f"https://{owner}.github.io/{repo}/lab/index.html?path={notebook}"}
    return {"Binder": f"https://mybinder.org/v2/gh/{owner}/{repo}/{BRANCH}?urlpath=lab/tree/notebooks",
            "Colab": f"https://colab.research.google.com/github/{owner}/{repo}/blob/{BRANCH}/notebooks/01_limits.ipynb",
            "JupyterLite": f"https://{owner}.github.io/{repo}/lab/index.html"}


def badge_markdown(url: str, notebook: str | None = None) -> str:
    return " ".join(f"[![Open in {name}]({IMAGES[name]})]({target})" for name, target in links(url, notebook).items())


def update_notebook(nb, url: str, notebook: str, dist: str | None = None):
    """Put the badge cell and the Colab set-up cell at the top of `nb` (or remove them when `url`
    is empty). Idempotent: running it twice gives the same notebook."""
    nb.cells = [c for c in nb.cells if c.get("id") not in (BADGE_CELL_ID, COLAB_CELL_ID)]
    if not url:
        return nb
    badges = nbformat.v4.new_markdown_cell(badge_markdown(url, notebook))
    badges["id"] = BADGE_CELL_ID
    colab = nbformat.v4.new_code_cell(COLAB_SOURCE.format(dist=dist or distribution_name(), url=url))
    colab["id"] = COLAB_CELL_ID
    colab.metadata["tags"] = ["colab"]
    nb.cells[:0] = [badges, colab]
    return nb


def update_readme(text: str, url: str) -> str:
    """The README with its badge block (between the marker comments) written for `url`."""
    if README_START not in text or README_END not in text:
        raise ValueError(f"the README has no badge block: add the lines {README_START!r} and {README_END!r}")
    before, rest = text.split(README_START, 1)
    after = rest.split(README_END, 1)[1]
    block = f"\n{badge_markdown(url)}\n" if url else "\n"
    return f"{before}{README_START}{block}{README_END}{after}"


def main(readme: str | Path = ROOT / "README.md") -> None:
    readme = Path(readme)
    url = repository_url(readme.parent)
    new = update_readme(readme.read_text(), url)
    if new != readme.read_text():
        readme.write_text(new)
    print(f"README badges: {'for ' + url if url else 'none ([project.urls] Repository is empty)'}")


if __name__ == "__main__":
    main(*sys.argv[1:])
