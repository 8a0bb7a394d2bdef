"""What a student sees without running anything, and after run, save and reopen.

- A saved notebook opened as it is (untrusted, a kernel starting but nothing run): every figure and
  every explorer shows its picture, each with a visible caption under it, and nothing says "Error
  displaying widget". Checked for every notebook in test_notebooks_in_browser.py, on the copy it
  opens before it runs it (one kernel start and one rendering per notebook, not two).
- A notebook run top to bottom (Run All) keeps its worked solutions closed.
- A notebook that was run, saved and reopened (trusted now, its widget views referring to models
  of a kernel that is gone): each explorer still shows its picture and read-out (the project's
  JupyterLab saves widget state, tools/lab_settings.py), says at the top of its read-out that it is a
  saved picture and what to do if its controls do not move it (its kernel is gone), and re-running
  makes it live again, without that note (which comes back when the kernel is restarted).
"""
import json
import shutil

from tests.browser.harness import JS_SHOWN, close_notebook, open_and_run, open_notebook
from tests.conftest import NOTEBOOKS


JS_SOLUTIONS = """() => {
  const node = window.jupyterapp.shell.currentWidget.content.node;
  const shown = e => e.getClientRects().length > 0;
  return {closed: node.querySelectorAll('details:not([open])').length, open: node.querySelectorAll('details[open]').length,
          correct: Array.from(node.querySelectorAll('.jp-OutputArea-output')).filter(
            o => shown(o) && o.innerText.includes('Correct.')).length};
}"""


def test_run_saved_and_reopened_notebook_still_shows_its_explorers(page, lab_server):
    notebook = next(p for p in NOTEBOOKS if p.name.startswith("03"))
    name = f"student-{notebook.name}"
    shutil.copy(notebook, lab_server.workdir / "notebooks" / name)
    open_and_run(page, lab_server, name)
    # Run All leaves every worked solution closed: JupyterLab shows a folded Markdown cell's source, and a
    # folded code cell's outputs, when it runs the cell; a solution's steps are a closed <details> block
    # and its code prints nothing (tests/test_notebooks.py)
    solutions = sum("<details>" in "".join(c["source"]) for c in json.loads(notebook.read_text())["cells"])
    assert solutions >= 2
    assert page.evaluate(JS_SOLUTIONS) == {"closed": solutions, "open": 0, "correct": 0}
    live = page.locator("img.calclib-figure").count()
    assert live >= 1
    notes = page.locator(".calclib-saved-note")
    assert notes.count() == 0, "a live explorer is not a saved picture"
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=20_000)
    saved = json.loads((lab_server.workdir / "notebooks" / name).read_text())
    assert "widgets" in saved["metadata"], "the project's JupyterLab saves widget state"
    close_notebook(page)
    open_notebook(page, lab_server, name)  # trusted now: the student ran it
    page.wait_for_function("(n) => document.querySelectorAll('img.calclib-figure').length >= n", arg=live,
                           timeout=20_000)
    shown = page.evaluate(JS_SHOWN)
    assert not shown["errors"], "a reopened explorer must not say 'Error displaying widget'"
    page.wait_for_function("(n) => document.querySelectorAll('.calclib-saved-note').length >= n", arg=live,
                           timeout=10_000)
    assert notes.count() == live, "every restored explorer says it is a saved picture"
    assert notes.first.is_visible() and notes.first.inner_text().startswith("Saved picture:")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function("(n) => document.querySelectorAll('img.calclib-figure').length >= n"
                           " && !document.querySelector('.calclib-saved-note')", arg=live, timeout=60_000)
    # a restarted kernel leaves the explorers on the page without one behind them: they say so too
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
    page.wait_for_function("(n) => document.querySelectorAll('.calclib-saved-note').length >= n", arg=live,
                           timeout=20_000)
    close_notebook(page)


def test_jupyterlab_starts_without_a_console_error(lab_page):
    # the project's environment holds extensions for JupyterLite too (the pyodide kernel's): each of them
    # loads in JupyterLab, or is turned off there (tools/lab_settings.py)
    assert lab_page.load_errors == []
