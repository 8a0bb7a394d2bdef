"""`make bench`: how fast the interactives respond, measured, not assumed.

For the main control of one interactive per notebook (and the secant explorer):
  * kernel: the in-kernel cost of one update (move artists, draw, encode the PNG);
  * browser: from a key press on the slider in JupyterLab (headless Chromium) to the first
    animation frame after the new picture has loaded;
and the same two numbers for a naive baseline written the way most tutorials do it:
ipywidgets.interact re-plotting an inline matplotlib figure on every event.
Also: the time of `import calclib`, of the nbval suite and of the browser suite.
Results go to stdout and build/bench.md.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.harness import (  # noqa: E402
    LabServer, close_notebook, launch_browser, nudge_main_control, open_and_run,
)

MOVES = 21

SETUP = """
import numpy as np, sympy as sp
import calclib as cl
from calclib.widgets import LimitExplorer, SecantExplorer
from calclib.widgets.chain import ChainExplorer
from calclib.widgets.rules import ProductRuleExplorer
from calclib.widgets.landscape import LandscapeExplorer
from calclib.widgets.jacobian import LinearizationExplorer
from calclib.autograd import Value
from calclib.widgets.backprop import BackpropExplorer
from calclib.widgets.quadratic import QuadraticFormExplorer
from calclib.widgets.activations import ActivationExplorer, SoftmaxExplorer
x, u, y = sp.symbols("x u y")
x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
"""
# (label, notebook, expression that builds the explorer) -- the same calls the notebooks make
INTERACTIVES = [
    ("secant explorer (size of h)", "02", 'SecantExplorer("x^2", x0=3.0, h=1.0)'),
    ("limit explorer (distance to a)", "01", "LimitExplorer(cl.Quotient(lambda t: t**2 - 1, lambda t: t - 1), a=1, limit=2, x_range=(0, 2))"),
    ("chain amplifier (x)", "03", "ChainExplorer(cl.Chain(x, [(u, 3 * x + 1), (y, u**2)]), x0=2.0, dx=1e-3, x_range=(-2.0, 3.0))"),
    ("product rectangle (dx)", "04", "ProductRuleExplorer(lambda t: t**2, lambda t: t + 1, x0=1.0, dx=0.1, x_range=(0.5, 1.5))"),
    ("landscape (x)", "05", 'LandscapeExplorer("bowl", point=(3.0, 4.0))'),
    ("linearization (r)", "06", "LinearizationExplorer(lambda p: np.array([p[0]**2 + p[1], p[0] * p[1]]), np.array([3.0, 2.0]), radius=1.0)"),
    ("backprop steps (step)", "07", 'BackpropExplorer(((x1 + x2)**2 + (x1 - x2)**2).named("L"))'),
    ("quadratic form (a12)", "08", "QuadraticFormExplorer(np.array([[1.0, 2.0], [0.0, 3.0]]))"),
    ("activation tangent (x)", "09", 'ActivationExplorer("sigmoid", x=1.0)'),
    ("softmax temperature (T)", "10", "SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=1.0)"),
]
BASELINE = '''
import matplotlib.pyplot as plt
import ipywidgets as widgets
from ipywidgets import interact

def naive_secant(h=1.0):
    xs = np.linspace(-1, 5, 400)
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.plot(xs, xs**2, label="f(x)")
    ax.plot(xs, 9 + 6 * (xs - 3), label="tangent")
    slope = ((3 + h)**2 - 9) / h
    ax.plot(xs, 9 + slope * (xs - 3), "--", label="secant")
    ax.plot([3, 3 + h], [9, (3 + h)**2], "o")
    ax.set_title(f"secant slope {slope:.6g}")
    ax.legend()
    plt.show()

_ = interact(naive_secant, h=widgets.FloatLogSlider(value=1.0, base=10, min=-6, max=0, step=0.1))
'''

# JavaScript: the time from the key press to the first frame after a new picture has loaded.
JS_ARM = """(output) => {
  window.__bench = {t0: null, t1: null};
  document.addEventListener('keydown', () => { if (window.__bench.t0 === null) window.__bench.t0 = performance.now(); },
                            {capture: true, once: true});
  const done = () => requestAnimationFrame(() => { if (window.__bench.t1 === null) window.__bench.t1 = performance.now(); });
  const watch = (img) => { if (img.complete && img.naturalWidth) done(); else img.addEventListener('load', done, {once: true}); };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.tagName === 'IMG') { watch(r.target); observer.disconnect(); return; }
      for (const n of r.addedNodes) {
        const img = n.tagName === 'IMG' ? n : (n.querySelector && n.querySelector('img'));
        if (img) { watch(img); observer.disconnect(); return; }
      }
    }
  });
  observer.observe(output, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
}"""


def kernel_costs() -> dict:
    """Median in-kernel cost of one update, per interactive, and of the baseline's re-plot."""
    code = SETUP + f"""
import json, time, statistics, ipywidgets as widgets
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt, io
out = {{}}
for label, _, expr in {INTERACTIVES!r}:
    e = eval(expr)
    c = e.controls[e.main_control]
    lo, hi = (c.base ** c.min, c.base ** c.max) if isinstance(c, widgets.FloatLogSlider) else (c.min, c.max)
    steps = {MOVES} if not isinstance(c, widgets.IntSlider) else hi - lo
    vals = [lo + (hi - lo) * k / steps for k in range(steps + 1)]
    times = []
    for v in vals:
        v = type(c.value)(v)
        if v == c.value:
            continue
        t = time.perf_counter(); c.value = v; times.append(time.perf_counter() - t)
    out[label] = statistics.median(times) * 1000
def naive(h):
    xs = np.linspace(-1, 5, 400)
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.plot(xs, xs**2); ax.plot(xs, 9 + 6 * (xs - 3))
    slope = ((3 + h)**2 - 9) / h
    ax.plot(xs, 9 + slope * (xs - 3), "--"); ax.plot([3, 3 + h], [9, (3 + h)**2], "o"); ax.legend(["a", "b", "c"])
    fig.savefig(io.BytesIO(), format="png", dpi=fig.dpi, bbox_inches="tight")  # what the inline backend does
    plt.close(fig)
times = []
for h in np.logspace(0, -6, {MOVES}):
    t = time.perf_counter(); naive(h); times.append(time.perf_counter() - t)
out["baseline: interact + inline re-plot"] = statistics.median(times) * 1000
print(json.dumps(out))
"""
    # the expressions above are this file's own fixed strings, not user input
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, cwd=ROOT)
    if result.returncode:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_notebook(path: Path) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    cells = [new_code_cell(SETUP)] + [new_code_cell(expr) for _, _, expr in INTERACTIVES]
    cells += [new_code_cell("import numpy as np\n" + BASELINE)]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def browser_latencies() -> dict:
    from playwright.sync_api import sync_playwright

    server = LabServer(ROOT / ".var" / "bench-lab").start()
    try:
        bench_notebook(server.workdir / "notebooks" / "bench.ipynb")
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
            open_and_run(page, server, "bench.ipynb")
            outputs = page.locator(".jp-OutputArea-output:has(.noUi-handle)")
            labels = [label for label, _, _ in INTERACTIVES] + ["baseline: interact + inline re-plot"]
            result = {}
            for i, label in enumerate(labels):
                output = outputs.nth(i)
                output.scroll_into_view_if_needed()
                samples = []
                for k in range(MOVES):
                    page.evaluate(JS_ARM, output.element_handle())
                    nudge_main_control(page, output, key="ArrowLeft" if (k // 5) % 2 else "ArrowRight")
                    page.wait_for_function("() => window.__bench.t1 !== null", timeout=15_000)
                    b = page.evaluate("() => window.__bench")
                    samples.append(b["t1"] - b["t0"])
                    page.wait_for_timeout(60)  # let the kernel go idle between moves
                result[label] = statistics.median(samples)
                print(f"  {label}: {result[label]:.1f} ms", file=sys.stderr)
            close_notebook(page)
            browser.close()
        return result
    finally:
        server.stop()


def timed(command) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=900)
    return time.perf_counter() - start


def main() -> None:
    kernel = kernel_costs()
    browser = browser_latencies()
    base_label = "baseline: interact + inline re-plot"
    base = browser[base_label]
    rows = []
    for label, nb, _ in INTERACTIVES:
        rows.append((label, nb, kernel[label], browser[label], browser[label] / base))
    rows.append((base_label, "—", kernel[base_label], base, 1.0))
    import_s = min(timed([sys.executable, "-c", "import calclib"]) for _ in range(3))
    nbval_s = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "notebooks"])
    browser_s = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "tests/browser"])
    lines = [
        f"Measured on {platform.node() or 'this machine'}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, headless Chromium; medians of {MOVES} slider moves.",
        "",
        "| interactive (main control) | notebook | kernel update, ms | slider to new pixels, ms | ratio to baseline |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {r[0]} | {r[1]} | {r[2]:.1f} | {r[3]:.1f} | {r[4]:.2f} |" for r in rows]
    lines += ["", f"`import calclib`: {import_s * 1000:.0f} ms; nbval suite (10 notebooks, one process): "
              f"{nbval_s:.1f} s; browser suite: {browser_s:.1f} s."]
    report = "\n".join(lines)
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "bench.md").write_text(report + "\n")
    print(report)
    worst = max(r[3] for r in rows[:-1])
    print(f"\nslowest interactive: {worst:.1f} ms (target 50 ms); largest ratio {max(r[4] for r in rows[:-1]):.2f} (target 0.35)")


if __name__ == "__main__":
    main()
