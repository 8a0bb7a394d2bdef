"""`make html`: every notebook as a static HTML page with its figures, plus an index page.

The pages need no kernel: figures are embedded PNGs. Solutions and self-checks are folded, as in
JupyterLab (a solution's steps are a <details> block of their own; its code is wrapped in one here). Explorers are saved without widget
state, so their live-widget part is dropped here and the PNG of their default view shows.
They need no network either: MathJax (2.7, from the jupyter-server-mathjax package) is copied
beside them into mathjax/ and loaded from there, with its STIX-Web fonts.
Writes build/html/index.html, build/html/NN_*.html and build/html/mathjax/.
"""
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
# The packaged MathJax ships the STIX-Web fonts only (not MathJax's default TeX fonts). Each formula
# is typeset once, in its final form: without the quick preview first (fast-preview, drawn and then
# replaced) and the pause before each section, a page is ready 20 to 35 % sooner (3.7 against 5.3 s
# for 08 in headless Chromium).
MATHJAX_CONFIG = ('MathJax.Hub.Config({"fast-preview": {disabled: true}, processSectionDelay: 0, '
                  '"HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null}});')
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def static_copy(nb):
    """Drop widget views (no kernel, no state to draw them from) so each output's PNG is shown."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    return nb


def captions(nb) -> list:
    """The text form of every output that has a PNG, in order: each figure's caption or read-out."""
    return ["".join(o["data"].get("text/plain", "")) for c in nb.cells for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]


def alt_texts(soup, texts: list) -> None:
    """Give every figure its caption as alternative text, for screen readers."""
    images = soup.select('img[src^="data:image/png"]')
    for img, text in zip(images, texts):
        img["alt"] = text


def offline_scripts(soup) -> None:
    """Tell the bundled MathJax to use the fonts it has and to typeset once, before it loads, and drop
    the template's require.js from a CDN (it loads widget views, and the pages have none)."""
    for script in soup.find_all("script", src=re.compile(r"^https?://.*require")):
        script.decompose()
    loader = soup.find("script", src=MATHJAX_URL)
    config = soup.new_tag("script", type="text/x-mathjax-config")
    config.string = MATHJAX_CONFIG
    loader.insert_before(config)


def static_page(page: str, texts: list) -> str:
    """The exported page with its figures' alternative text and offline MathJax, parsed once (a
    page of embedded PNGs takes Python's HTML parser about half a second)."""
    soup = BeautifulSoup(page, features="html.parser")
    alt_texts(soup, texts)
    fold_code(soup)
    offline_scripts(soup)
    return str(soup)


def fold_code(soup) -> None:
    """Fold a solution's code and a self-check as JupyterLab does, behind their first line (a comment
    saying what they are): nbconvert ignores the folding metadata and would show them open."""
    for cell in soup.select(".jp-CodeCell.celltag_solution, .jp-CodeCell.celltag_self-check"):
        source = cell.select_one(".jp-Cell-inputWrapper")
        code = source.select_one("pre") if source else None
        if code is None:
            continue
        details, summary = soup.new_tag("details"), soup.new_tag("summary")
        summary.string = code.get_text().splitlines()[0].lstrip("# ") + " (click to open)"
        summary["style"] = ("font-family: monospace; cursor: pointer; "
                            "margin: 0.3em 0 0.3em calc(var(--jp-cell-prompt-width, 64px) + 12px)")
        source.wrap(details)
        details.insert(0, summary)


def copy_mathjax(out_dir: Path) -> None:
    import jupyter_server_mathjax
    source = Path(jupyter_server_mathjax.__file__).parent / "static"
    target = out_dir / "mathjax"
    if not (target / "MathJax.js").exists():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("localization"))


def notebook_table():
    """(file, what it teaches, section) rows, read from the README's notebook table."""
    readme = (ROOT / "README.md").read_text()
    return re.findall(r"^\| `(\d\d_\w+)\.ipynb` \| (.+?) \| (.+?) \|$", readme, flags=re.M)


def index_page(rows) -> str:
    items = "".join(f'<tr><td><a href="{name}.html">{name}</a></td><td>{html.escape(what)}</td>'
                    f"<td>{html.escape(section)}</td></tr>" for name, what, section in rows)
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Calculus for machine learning</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.3em .6em;"
            "border-bottom:1px solid #ddd;text-align:left}</style></head><body>"
            "<h1>Calculus for machine learning: ten notebooks</h1>"
            "<p>Static pages with every figure and number as saved. To move the sliders, run the notebooks "
            "in JupyterLab (<code>make lab</code>).</p>"
            f"<table><tr><th>notebook</th><th>what it teaches</th><th>what you do in it</th></tr>{items}</table>"
            "</body></html>")


def main(out_dir=ROOT / "build" / "html", source_dir=ROOT / "notebooks"):
    out_dir, source_dir = Path(out_dir), Path(source_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    copy_mathjax(out_dir)
    exporter = HTMLExporter(template_name="lab", mathjax_url=MATHJAX_URL)
    exporter.log.setLevel("ERROR")  # its missing-alt warning: we add the captions as alt text just below
    rows = notebook_table()
    for name, _, _ in rows:
        nb = static_copy(nbformat.read(source_dir / f"{name}.ipynb", as_version=4))
        body, _ = exporter.from_notebook_node(nb)
        (out_dir / f"{name}.html").write_text(static_page(body, captions(nb)))
    (out_dir / "index.html").write_text(index_page(rows))
    print(f"wrote {len(rows)} pages and index.html to {out_dir}")


if __name__ == "__main__":
    main(*sys.argv[1:])
