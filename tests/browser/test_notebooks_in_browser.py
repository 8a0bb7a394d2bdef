"""Every notebook, as a student in a class meets it: `make student`'s copy (no solution cells, the sealed
package) in JupyterLab in Chromium, first as saved, then Run All, then move each slider.

This is also the student copies' run (it was a second execution of each in a kernel of its own,
tests/test_instructor_kit.py): every copy runs top to bottom against the sealed package with no error
and no stderr. The full notebooks, solutions included, are run by nbval and checked against their saved
outputs; their saved pages are opened in Chromium by test_static_pages_offline.py.
New notebooks are picked up automatically (tests/conftest.py lists notebooks/NN_*.ipynb).
"""
import threading
from types import SimpleNamespace

import pytest

from tests.browser.harness import (
    JS_SHOWN, STUDENT_KERNEL, explorers, kernel_errors, kernel_output, nudge_main_control, open_notebook, run_all,
    saved_counts,
)
from tests.conftest import NOTEBOOKS

PIXEL_TIMEOUT_MS = 10_000
JS_NEW_FRAME_OR_ERROR = """([img, src]) => img.getAttribute('src') !== src
  || window.__calclibErrors.some(e => !e.startsWith('stderr: No such comm'))"""


# what the pointer would show as "null": a title of that text on anything an explorer shows
JS_NULL_TITLES = """() => Array.from(document.querySelectorAll('.calclib-explorer [title="null"]'))
  .filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 120))"""


# "Starting view" captions on screen, and hidden under a live explorer
JS_STARTING_VIEWS_SHOWN = """() => Array.from(window.jupyterapp.shell.currentWidget.content.node
  .querySelectorAll('.jp-OutputArea-output[data-mime-type="text/markdown"]'))
  .filter(o => o.innerText.startsWith('Starting view') && o.getBoundingClientRect().height > 0).length"""
JS_STARTING_VIEWS_HIDDEN = """() => Array.from(window.jupyterapp.shell.currentWidget.content.node
  .querySelectorAll('.jp-OutputArea-child:has(.calclib-figure) + .jp-OutputArea-child'))
  .filter(o => o.style.display === 'none' && o.textContent.startsWith('Starting view')).length"""


# The next notebook's kernel is started (a session for its path, as JupyterLab asks the server for one) while
# this one's explorers are moved; opening the notebook, JupyterLab finds the session for its path and connects
# to its kernel, as it does to any kernel already running for a notebook. Its start (about 1.5 s, most of
# opening a notebook) is then off the way. The request goes from here, not from the page: a second kernel
# connection in the page would answer the widgets' comms itself (and close them).
def copy_of(notebook):
    return f"student/{notebook.name}"


@pytest.fixture(scope="module")
def kernels_ahead(lab_server, lab_page, request):
    """start_next(item): start the kernel of the notebook tested next in this run (if the next test is
    this one for another notebook); wait(): until the server has started the one asked for. A kernel started
    for a notebook that was then never opened (its test deselected, or failed before) is stopped with the module."""
    ahead = SimpleNamespace(started=set(), opened=set(), request=None)

    def start_next(item):
        items = request.session.items
        upcoming = items[items.index(item) + 1] if item in items[:-1] else None
        if upcoming is None or getattr(upcoming, "originalname", None) != item.originalname \
                or upcoming.module is not item.module:
            return
        path = copy_of(upcoming.callspec.params["notebook"])
        ahead.request = threading.Thread(target=lab_server.start_session, args=(path, STUDENT_KERNEL))
        ahead.request.start()
        ahead.started.add(path)

    def wait():
        if ahead.request is not None:
            ahead.request.join(timeout=60)

    ahead.start_next, ahead.wait = start_next, wait
    yield ahead
    wait()
    for path in ahead.started - ahead.opened:
        lab_server.stop_session(path)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_every_explorer_responds(page, lab_server, notebook, kernels_ahead, request):
    # As saved, opened as it is (untrusted, a kernel started but nothing run): every figure and every
    # explorer shows its picture, each with a visible caption under it, no "Error displaying widget".
    copy = copy_of(notebook)
    kernels_ahead.wait()  # for the request for this notebook's kernel, if the test before sent one
    kernels_ahead.opened.add(copy)
    open_notebook(page, lab_server, copy)
    images, captions = saved_counts(lab_server.workdir / "notebooks" / copy)
    page.wait_for_function(f"() => ({JS_SHOWN})().images >= {images}", timeout=20_000)
    shown = page.evaluate(JS_SHOWN)
    assert not shown["errors"]
    assert len(shown["captions"]) >= captions >= images > 0, shown

    run_all(page)
    kernels_ahead.start_next(request.node)
    sealed = kernel_output(page, "import calclib, calclib.exercises as ex\n"
                                 "print(calclib.__file__, all(e.solution is None for e in ex.exercises().values()))")
    assert sealed.startswith(str(lab_server.workdir / "student-build")) and sealed.split()[-1] == "True", sealed

    # ipywidgets writes a control's missing tooltip into its label's title as "null", which the pointer then
    # shows: every control an explorer shows has a tooltip of its own (the base class gives its name)
    assert page.evaluate(JS_NULL_TITLES) == []
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.first.inner_text()
    assert kernel_errors(page) == []

    found = explorers(page)
    assert found, "every notebook has at least one interactive"
    # a live explorer's read-out says what its "Starting view" caption says: the caption is hidden (it
    # stays in the output, for the saved file; a caption whose explorer was moved by a later cell is empty)
    page.wait_for_function(f"() => ({JS_STARTING_VIEWS_SHOWN})() === 0", timeout=10_000)
    assert page.evaluate(JS_STARTING_VIEWS_HIDDEN) >= 1
    for explorer in found:
        explorer.scroll_into_view_if_needed()
        figure = explorer.locator("img.calclib-figure, .calclib-figure img, img").first
        assert figure.is_visible()
        before_src, before_pixels = figure.get_attribute("src"), figure.screenshot()
        nudge_main_control(page, explorer)
        page.wait_for_function(JS_NEW_FRAME_OR_ERROR, arg=[figure.element_handle(), before_src],
                               timeout=PIXEL_TIMEOUT_MS)
        assert kernel_errors(page) == [], "moving the main control raised in the kernel"
        assert figure.screenshot() != before_pixels, "the figure's pixels did not change"

    page.wait_for_timeout(300)  # let any late message from a widget callback arrive
    assert kernel_errors(page) == [], "a widget callback raised (JupyterLab's log console shows it)"
    assert page.console_errors == []
