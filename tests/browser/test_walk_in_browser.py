"""The backward walk in JupyterLab: quick key presses are all kept, and play walks on from the slider.

The walk's Play and its step slider are linked in the browser. A student who taps the arrow key four
times quickly must land on step 4 (a value sent back from the kernel must never pull the slider back
to a step it has left), and a press on play must then walk on from step 4.
"""
import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from tests.browser.harness import kernel_errors, open_and_run

CELLS = ["from calclib.autograd import Value\nfrom calclib.widgets.backprop import BackpropExplorer",
         'x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")\n'
         'BackpropExplorer(((x1 + x2)**2 + (x1 - x2)**2).named("L"))']

JS_STEP = """(out) => ({
  value: out.querySelector('.calclib-main-control [role=slider]').getAttribute('aria-valuenow'),
  readout: out.querySelector('.calclib-readout').innerText,
})"""


def test_quick_key_presses_are_all_kept_and_play_walks_on_from_there(page, lab_server):
    nb = new_notebook(cells=[new_code_cell(source) for source in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, lab_server.workdir / "notebooks" / "walk.ipynb")
    open_and_run(page, lab_server, "walk.ipynb")
    output = page.locator(".jp-OutputArea-output:has(.calclib-figure)").first
    output.scroll_into_view_if_needed()
    handle = output.locator(".calclib-main-control .noUi-handle").first
    handle.focus()
    for _ in range(4):  # as quick as a held key: no waiting for the picture between presses
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(15)
    page.wait_for_function("(out) => out.querySelector('.calclib-readout').innerText.startsWith('Step 4')",
                           arg=output.element_handle(), timeout=10_000)
    page.wait_for_timeout(1500)  # long enough for any value on its way back from the kernel to arrive
    state = page.evaluate(JS_STEP, output.element_handle())
    assert float(state["value"]) == 4 and state["readout"].startswith("Step 4:"), state
    output.locator(".calclib-control-passive0 button").first.click()  # play
    page.wait_for_function("(out) => out.querySelector('.calclib-readout').innerText.startsWith('Step 5')",
                           arg=output.element_handle(), timeout=10_000)
    output.locator(".calclib-control-passive0 button").first.click()  # pause
    assert kernel_errors(page) == []
    assert page.console_errors == []
