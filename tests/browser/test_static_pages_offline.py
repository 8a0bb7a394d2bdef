"""`make html` pages: every figure with its caption and no error output, then the same pages in
Chromium with the network blocked: every display formula typeset by the bundled MathJax (primes
such as f'(x) included), no "Math Processing Error", nothing fetched from outside the folder.

The export runs once for the module (about 20 s) and every test reads it, and each page is opened
in Chromium once (fixture `typeset`); the first test needs no browser, so it runs where Chromium is
missing too."""
import json
import re
import sys
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from tests.browser.harness import ROOT
from tests.conftest import NOTEBOOKS

OUT = ROOT / "build" / "html-offline-test"
JS_TYPESET_DONE = """() => window.MathJax && MathJax.Hub && MathJax.Hub.queue
  && MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running
  && document.querySelectorAll('script[type^="math/tex"]').length > 0"""
JS_DISPLAYS = """() => Array.from(document.querySelectorAll('script[type="math/tex; mode=display"]')).map(s => {
  const shown = s.previousElementSibling;
  return {tex: s.textContent, ok: !!shown && shown.classList.contains('MathJax_Display')
          && shown.getBoundingClientRect().width > 0 && !shown.querySelector('.MathJax_Error, merror')};
})"""


@pytest.fixture(scope="module")
def exported():
    """`make html`'s export of the saved notebooks, written afresh to OUT once per run."""
    sys.path.insert(0, str(ROOT / "tools"))
    import export_html

    export_html.main(OUT)
    return OUT


def test_static_pages_show_every_figure_and_no_error(exported):
    index = (exported / "index.html").read_text()
    for path in NOTEBOOKS:
        assert f'href="{path.stem}.html"' in index
        page = (exported / f"{path.stem}.html").read_text()
        saved = json.loads(path.read_text())
        figures = sum("image/png" in o.get("data", {}) for c in saved["cells"] for o in c.get("outputs", []))
        images = re.findall(r'<img alt="([^"]*)"[^>]*? src="data:image/png;base64,', page)
        assert len(images) == figures > 0
        assert all(len(alt) > 20 and "No description" not in alt for alt in images)
        soup = BeautifulSoup(page, features="html.parser")
        assert soup.select('[data-mime-type="application/vnd.jupyter.stderr"]') == []  # no error or warning output
        assert "Traceback" not in soup.get_text() and "Error displaying widget" not in soup.get_text()
        # solutions and self-checks folded, as in JupyterLab: a solution's steps in their own <details>,
        # the code of solutions and self-checks wrapped in one by the export, each closed
        folded = [c for c in saved["cells"] if c["cell_type"] == "code"
                  and {"solution", "self-check"} & set(c["metadata"].get("tags", []))]
        steps = [c for c in saved["cells"] if c["cell_type"] == "markdown" and "<details>" in "".join(c["source"])]
        assert len(soup.select("details > .jp-Cell-inputWrapper")) == len(folded) > 0
        assert len(soup.select("details")) == len(folded) + len(steps) and soup.select("details[open]") == []


@pytest.fixture(scope="module")
def pages(exported, shared_chromium):
    context = shared_chromium.new_context()
    outside = []

    def offline(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    yield context, outside
    context.close()


# Pages typesetting at once. MathJax 2 typesets a page in chunks with pauses between them; while one
# page pauses, the next one typesets (one page after another, the browser was idle about a third of
# the time). A few at a time, so that no page waits long for the processor.
TYPESET_AT_ONCE = 3


@pytest.fixture(scope="module")
def typeset(pages):
    """A page opened offline, read once MathJax has finished: its display formulas, its text and its
    MathJax error marks. Each page is opened once per run however many tests read it (02 is read by
    two), and the tests assert on what was read. Reading a notebook's page starts the next pages of
    the list loading too (TYPESET_AT_ONCE in all), in tabs of their own."""
    context, _ = pages
    order = [p.stem for p in NOTEBOOKS]
    read, loading = {}, {}

    def start(stem):
        if stem not in read and stem not in loading:
            page = context.new_page()
            page.goto((OUT / f"{stem}.html").as_uri())
            loading[stem] = page

    def open_page(stem):
        if stem not in read:
            start(stem)
            following = order[order.index(stem) + 1:] if stem in order else []
            for other in [s for s in following if s not in read][:TYPESET_AT_ONCE - 1]:
                start(other)
            page = loading.pop(stem)
            page.wait_for_function(JS_TYPESET_DONE, timeout=60_000)
            read[stem] = SimpleNamespace(displays=page.evaluate(JS_DISPLAYS), text=page.inner_text("body"),
                                         error_marks=page.locator(".MathJax_Error, .MathJax merror").count())
            page.close()
        return read[stem]

    yield open_page
    for page in loading.values():
        page.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_formulas_render_offline(pages, typeset, notebook):
    _, outside = pages
    page = typeset(notebook.stem)
    assert page.displays, "every notebook has display formulas"
    assert [d["tex"] for d in page.displays if not d["ok"]] == []
    assert "Math Processing Error" not in page.text
    assert page.error_marks == 0
    assert outside == []


def test_a_formula_with_a_prime_renders(typeset):
    primed = [d for d in typeset("02_derivatives").displays if "'" in d["tex"]]
    assert primed and all(d["ok"] for d in primed)
