"""Explorers moved in JupyterLab as a student moves them: dragged by their handles, stepped by quick keys.

One scratch notebook builds each explorer that has a handle (the same calls as the notebooks), and the
backward walk; it is opened and run once for both tests of this module (one kernel start and one import
of calclib, not two).

- Handles and accessibility: for each explorer with a handle, a mouse drag on its picture must move its
  controls and change the read-out, the frame must be drawn at twice its shown size, and a screen reader
  must find named controls, a live read-out and a described picture.
- The backward walk: quick key presses are all kept, and play walks on from the slider. The walk's Play
  and its step slider are linked in the browser. A student who taps the arrow key four times quickly must
  land on step 4 (a value sent back from the kernel must never pull the slider back to a step it has
  left), and a press on play must then walk on from step 4.
"""
import json
from types import SimpleNamespace

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from tests.browser.harness import close_notebook, kernel_errors, kernel_output, kernel_settled, open_and_run

SETUP = """
import numpy as np
import calclib as cl
from calclib.widgets import LimitExplorer, SecantExplorer
from calclib.widgets.activations import ActivationExplorer
from calclib.widgets.jacobian import LinearizationExplorer
from calclib.widgets.landscape import LandscapeExplorer
"""
# each explorer (as the notebook cell builds it), and where to press and let go inside the axes that has
# the handle, as fractions of that axes' box (left to right, top to bottom)
HANDLES = [
    ('LimitExplorer(cl.Quotient(lambda t: t**2 - 1, lambda t: t - 1), a=1, limit=2, x_range=(0, 2))',
     (0.45, 0.5), (0.8, 0.5)),
    ('SecantExplorer("x^2", x0=3.0, h=1.0)', (0.8, 0.5), (0.6, 0.5)),
    ('LandscapeExplorer("bowl", point=(3.0, 4.0))', (0.7, 0.3), (0.4, 0.6)),
    ("LinearizationExplorer(lambda p: np.array([p[0]**2 + p[1], p[0] * p[1]]), np.array([3.0, 2.0]))",
     (0.8, 0.5), (0.3, 0.2)),
    ('ActivationExplorer("sigmoid", x=1.0)', (0.6, 0.5), (0.3, 0.5)),
]
# Where each explorer's handle axes sit in its picture (as fractions: left, bottom, width, height) and its CSS
# size, read from the explorers the kernel built (the cells' results, kept in Out): not built again here.
GEOMETRY = f"""import json
explorers = [Out[k] for k in sorted(Out) if hasattr(Out[k], "drag_axes")][:{len(HANDLES)}]
print(json.dumps([[list(e.drag_axes[0].get_position().bounds), list(e.css_size)] for e in explorers]))"""


def in_figure(box, point):
    """A point given as fractions of the handle's axes (``box``: left, bottom, width, height), as fractions
    of the whole picture (top down)."""
    x0, y0, width, height = box
    return x0 + point[0] * width, 1 - (y0 + height - point[1] * height)


JS_STATE = """(out) => ({
  readout: out.querySelector('.calclib-readout').innerText,
  values: Array.from(out.querySelectorAll('[role=slider]')).map(h => h.getAttribute('aria-valuenow')),
  // what a screen reader says of each slider, beside what its read-out shows
  says: Array.from(out.querySelectorAll('[role=slider]')).map(h => [h.getAttribute('aria-valuetext'),
    h.closest('.widget-slider').querySelector('.widget-readout').textContent.trim()]),
})"""
JS_A11Y = """(out) => {
  const img = out.querySelector('img.calclib-figure');
  const readout = out.querySelector('.calclib-readout');
  const focusable = Array.from(out.querySelectorAll('[role=slider], select, input, button'));
  return {
    natural: [img.naturalWidth, img.naturalHeight], shown: [img.clientWidth, img.clientHeight],
    overflow: out.scrollWidth - out.clientWidth,
    cursor: getComputedStyle(img).cursor, alt: img.getAttribute('alt') || '',
    live: readout.getAttribute('aria-live'), readout: readout.innerText,
    unnamed: focusable.filter(e => !(e.getAttribute('aria-label') || e.textContent.trim()
                                     || (e.labels && e.labels.length && e.labels[0].textContent.trim())))
                      .map(e => e.outerHTML.slice(0, 80)),
    sliderNames: focusable.filter(e => e.getAttribute('role') === 'slider').map(e => e.getAttribute('aria-label')),
  };
}"""


# Counts the writes of the names and roles in an explorer (the read-out's script rewrites only what differs).
JS_WATCH_NAMES = """(out) => {
  window.__nameWrites = [];
  window.__nameWatch = new MutationObserver((records) => records.forEach(
    (r) => window.__nameWrites.push(r.attributeName + ' on ' + r.target.tagName)));
  window.__nameWatch.observe(out, {subtree: true, attributes: true, attributeFilter: ['aria-label', 'role']});
}"""


WALK_CELLS = ["from calclib.autograd import Value\nfrom calclib.widgets.backprop import BackpropExplorer",
              'x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")\n'
              'BackpropExplorer(((x1 + x2)**2 + (x1 - x2)**2).named("L"))']
EXPLORERS = ".jp-OutputArea-output:has(.calclib-figure)"


@pytest.fixture(scope="module")
def scratch(lab_page, lab_server):
    """The scratch notebook (the explorers with handles, then the walk), opened and run once for this
    module. The page's console errors while it opened and ran are kept, and every test checks them with
    its own (`scratch_page`)."""
    cells = [SETUP] + [expr for expr, _, _ in HANDLES] + WALK_CELLS
    nb = new_notebook(cells=[new_code_cell(source) for source in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, lab_server.workdir / "notebooks" / "explorers.ipynb")
    lab_page.console_errors.clear()
    try:
        open_and_run(lab_page, lab_server, "explorers.ipynb")
        geometry = json.loads(kernel_output(lab_page, GEOMETRY))
        yield SimpleNamespace(opening_errors=list(lab_page.console_errors), geometry=geometry)
    finally:
        close_notebook(lab_page, wait=False)


@pytest.fixture
def scratch_page(scratch, page_kept_open):
    page_kept_open.console_errors.extend(scratch.opening_errors)
    return page_kept_open


def test_every_handle_can_be_dragged_and_every_control_is_named(scratch_page, scratch):
    page = scratch_page
    assert len(scratch.geometry) == len(HANDLES)
    outputs = page.locator(EXPLORERS)
    assert outputs.count() == len(HANDLES) + 1  # and the walk's
    # as a student first meets JupyterLab, the file browser open: the notebook is narrower than the widest
    # pictures (the secant explorer's 1000 px), which then shrink, keeping their shape, and never spill over
    page.evaluate("() => { window.jupyterapp.shell.activateById('filebrowser'); window.jupyterapp.shell.expandLeft(); }")
    try:
        drag_every_handle(page, outputs, scratch.geometry)
    finally:
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    assert page.console_errors == []


def drag_every_handle(page, outputs, geometry):
    narrower = 0
    for i, ((expr, start, end), (box, css_size)) in enumerate(zip(HANDLES, geometry)):
        start, end = in_figure(box, start), in_figure(box, end)
        output = outputs.nth(i)
        output.scroll_into_view_if_needed()
        figure = output.locator("img.calclib-figure")
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
        page.wait_for_function("(out) => out.querySelector('.calclib-readout').getAttribute('aria-live')",
                               arg=output.element_handle())
        a11y = page.evaluate(JS_A11Y, output.element_handle())
        assert a11y["natural"][0] >= 2 * a11y["shown"][0] and a11y["natural"][1] >= 2 * a11y["shown"][1], a11y
        (width, height), (shown_w, shown_h) = a11y["natural"], a11y["shown"]
        assert abs(shown_w / shown_h - width / height) < 0.02 * width / height, (expr, a11y)  # not squeezed
        assert a11y["overflow"] <= 0, (expr, a11y)  # no scroll bar under the explorer
        narrower += shown_w < css_size[0]
        assert a11y["live"] == "polite" and a11y["unnamed"] == [], (expr, a11y)
        assert a11y["sliderNames"] and all(a11y["sliderNames"]), (expr, a11y)
        assert a11y["readout"].strip() and a11y["readout"].strip() in a11y["alt"], (expr, a11y)
        assert a11y["cursor"] == "grab", expr
        before = page.evaluate(JS_STATE, output.element_handle())
        assert all(said == shown for said, shown in before["says"]), (expr, before["says"])
        page.evaluate(JS_WATCH_NAMES, output.element_handle())
        box = figure.bounding_box()
        page.mouse.move(box["x"] + start[0] * box["width"], box["y"] + start[1] * box["height"])
        page.mouse.down()
        for k in range(1, 11):
            t = k / 10
            page.mouse.move(box["x"] + ((1 - t) * start[0] + t * end[0]) * box["width"],
                            box["y"] + ((1 - t) * start[1] + t * end[1]) * box["height"])
            page.wait_for_timeout(30)
        page.mouse.up()
        page.wait_for_function(
            "([out, before]) => { const r = out.querySelector('.calclib-readout').innerText;"
            " const img = out.querySelector('img.calclib-figure');"
            " return r !== before && (img.getAttribute('alt') || '').includes(r.trim()); }",
            arg=[output.element_handle(), before["readout"]], timeout=10_000)
        after = page.evaluate(JS_STATE, output.element_handle())
        assert after["values"] != before["values"], f"{expr}: the slider did not follow the drag"
        # a slider announces the value its read-out shows (1.0e-3, not the log slider's -3; 1.95, not 1.9500000000000002)
        assert all(said == shown for said, shown in after["says"]), (expr, after["says"])
        # the names stayed as they were: each new read-out changed the picture's text, no name was rewritten
        assert page.evaluate("() => { window.__nameWatch.disconnect(); return window.__nameWrites; }") == [], expr
        assert kernel_errors(page) == [], expr
    assert narrower, "with the file browser open, the widest picture is shown narrower than its CSS size"


JS_STEP = """(out) => ({
  value: out.querySelector('.calclib-main-control [role=slider]').getAttribute('aria-valuenow'),
  readout: out.querySelector('.calclib-readout').innerText,
})"""


def test_quick_key_presses_are_all_kept_and_play_walks_on_from_there(scratch_page):
    page = scratch_page
    output = page.locator(EXPLORERS).nth(len(HANDLES))
    output.scroll_into_view_if_needed()
    handle = output.locator(".calclib-main-control .noUi-handle").first
    handle.focus()
    for _ in range(4):  # as quick as a held key: no waiting for the picture between presses
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(15)
    page.wait_for_function("(out) => out.querySelector('.calclib-readout').innerText.startsWith('Step 4')",
                           arg=output.element_handle(), timeout=10_000)
    kernel_settled(page)  # any value on its way back from the kernel has arrived
    state = page.evaluate(JS_STEP, output.element_handle())
    assert float(state["value"]) == 4 and state["readout"].startswith("Step 4:"), state
    output.locator(".calclib-control-passive0 button").first.click()  # play
    page.wait_for_function("(out) => out.querySelector('.calclib-readout').innerText.startsWith('Step 5')",
                           arg=output.element_handle(), timeout=10_000)
    output.locator(".calclib-control-passive0 button").first.click()  # pause
    assert kernel_errors(page) == []
    assert page.console_errors == []
