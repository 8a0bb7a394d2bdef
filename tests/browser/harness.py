"""Drive JupyterLab in headless Chromium: one server and one browser for a whole run.

Used by the browser tests (tests/browser) and by the benchmarks (tools/bench.py).
Everything started here is stopped by its own process id, and every wait has a timeout.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Which Chromium the tests drive, first found wins: the path in $CALCLIB_BROWSER; Playwright's
# own browser where `python -m playwright install chromium` has put one; a system Chromium or
# Chrome (Debian's /usr/bin/chromium on Linux, the usual places on macOS and Windows).
BROWSER_ENV = "CALCLIB_BROWSER"
SYSTEM_BROWSERS = {
    "linux": ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"],
    "darwin": ["/Applications/Chromium.app/Contents/MacOS/Chromium",
               "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"],
    "win32": [r"%PROGRAMFILES%\Google\Chrome\Application\chrome.exe",
              r"%PROGRAMFILES(X86)%\Google\Chrome\Application\chrome.exe",
              r"%LOCALAPPDATA%\Google\Chrome\Application\chrome.exe",
              r"%LOCALAPPDATA%\Chromium\Application\chrome.exe"],
}
BROWSERS_ON_PATH = ["chromium", "chromium-browser", "google-chrome", "chrome"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_TIMEOUT_S = 60
# JupyterLab asks to fetch news from the internet on first start; the tests answer no.
NO_NEWS = {"fetchNews": "false", "checkForUpdates": False}
# Some JupyterLab 4 releases render only the cells in view ("windowing"); the tests look at
# every output, so keep every cell in the page.
ALL_CELLS_IN_DOM = {"windowingMode": "none"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


STUDENT_KERNEL = "calclib-student"


class LabServer:
    """JupyterLab from this project's environment on 127.0.0.1, a free port and a random token.

    It serves a scratch copy of ``notebooks/`` (under .venv/var) so that autosave never
    touches the committed notebooks.
    """

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.process = None

    @property
    def kernels(self) -> Path:
        """Where this server finds kernels of its own (its JUPYTER_PATH's kernels/), besides python3."""
        return self.workdir / "share" / "jupyter" / "kernels"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def lab_url(self) -> str:
        # ?reset: start from an empty workspace, not the tabs the previous page left open
        return f"{self.url}/lab?reset&token={self.token}"

    def start(self, *, wait: bool = True) -> "LabServer":
        """Start JupyterLab; ``wait``: until it listens (else call ``wait_until_listening`` before
        loading a page, and do other work meanwhile: the server takes about 2 s to start)."""
        shutil.rmtree(self.workdir, ignore_errors=True)
        notebooks = self.workdir / "notebooks"
        shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        settings = self.workdir / "user-settings" / "@jupyterlab"
        (settings / "apputils-extension").mkdir(parents=True)
        (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(json.dumps(NO_NEWS))
        (settings / "notebook-extension").mkdir(parents=True)
        (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(json.dumps(ALL_CELLS_IN_DOM))
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(self.workdir / "runtime"),
                   IPYTHONDIR=str(self.workdir / "ipython"), MPLCONFIGDIR=str(self.workdir / "matplotlib"),
                   JUPYTER_PLATFORM_DIRS="1",
                   JUPYTER_PATH=os.pathsep.join(filter(None, [str(self.kernels.parent), os.environ.get("JUPYTER_PATH")])))
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
                   f"--ServerApp.token={self.token}", "--allow-root", "--expose-app-in-browser",
                   f"--notebook-dir={notebooks}", f"--LabApp.workspaces_dir={self.workdir / 'workspaces'}",
                   f"--LabApp.user_settings_dir={self.workdir / 'user-settings'}"]
        self.log = open(self.workdir / "server.log", "w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        return self.wait_until_listening() if wait else self

    def wait_until_listening(self) -> "LabServer":
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early; see {self.workdir / 'server.log'}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"JupyterLab did not listen on port {self.port} within {SERVER_START_TIMEOUT_S} s")

    def add_student_copies(self) -> Path:
        """`make student`'s set, served beside the notebooks: the copies under ``student/`` (no solution
        cells), each set to a kernel that imports the sealed package (``STUDENT_KERNEL``, the build
        first on its PYTHONPATH), as a class gets them. Call before the page loads (it reads the
        kernels once), while the server starts if you like (it reads them on request). Returns the build's folder."""
        sys.path.insert(0, str(ROOT / "tools"))
        import nbformat
        import student

        build = self.workdir / "student-build"
        student.main(build)
        spec = self.kernels / STUDENT_KERNEL
        spec.mkdir(parents=True, exist_ok=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (student copy)", "language": "python",
            "env": {"PYTHONPATH": str(build)}}))
        copies = self.workdir / "notebooks" / "student"
        copies.mkdir(exist_ok=True)
        for path in sorted((build / "notebooks").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            nb.metadata["kernelspec"] = {"name": STUDENT_KERNEL, "display_name": "Python 3 (student copy)",
                                         "language": "python"}
            nbformat.write(nb, copies / path.name)
        return build

    def _api(self, method: str, path: str, body: dict | None = None):
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read()
        return json.loads(text) if text else None

    def start_session(self, path: str, kernel: str) -> dict:
        """Start a kernel for the notebook at ``path`` (under notebooks/), as JupyterLab asks for one when it
        opens a notebook: JupyterLab then opening that notebook connects to this kernel. Returns the session."""
        return self._api("POST", "sessions", {"path": path, "name": path.rsplit("/", 1)[-1], "type": "notebook",
                                              "kernel": {"name": kernel}})

    def stop_session(self, path: str) -> None:
        """Stop the kernel of every session the server has for ``path``."""
        for session in self._api("GET", "sessions"):
            if session["path"] == path:
                self._api("DELETE", f"sessions/{session['id']}")

    def stop(self) -> None:
        """Stop the server and its kernels: SIGTERM to its process group, SIGKILL if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        finally:
            self.log.close()


# JavaScript run in the page. `jupyterapp` is exposed by --expose-app-in-browser.
JS_NOTEBOOK_READY = """(name) => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return !!(w && w.context && w.context.path === name && w.sessionContext && w.sessionContext.session
            && w.sessionContext.session.kernel && w.sessionContext.session.kernel.connectionStatus === 'connected');
}"""
JS_APP_READY = "() => !!(window.jupyterapp && window.jupyterapp.started !== undefined && document.querySelector('.jp-LabShell'))"
JS_OPEN = "(name) => { window.jupyterapp.commands.execute('docmanager:open', {path: name}); return null; }"
# The kernel is stopped through the session manager, not the notebook's own session context: disposing the
# notebook at once (wait=False) cancelled the context's shutdown before it was sent, and every notebook a
# run opened kept its kernel until the server stopped (twelve kernels, 0 connections, at the end).
JS_CLOSE = """async (wait) => {
  const w = window.jupyterapp.shell.currentWidget;
  if (!w) return;
  const session = w.sessionContext && w.sessionContext.session;
  w.dispose();
  if (session) {
    const stopped = window.jupyterapp.serviceManager.sessions.shutdown(session.id);
    if (wait) await stopped;
  }
}"""
JS_SESSIONS = """async () => { const sessions = window.jupyterapp.serviceManager.sessions;
  await sessions.refreshRunning(); return Array.from(sessions.running(), s => s.path); }"""


def running_sessions(page) -> list:
    """The paths of the notebooks whose kernels the server still runs."""
    return page.evaluate(JS_SESSIONS)
JS_LISTEN_FOR_KERNEL_ERRORS = """() => {
  window.__calclibErrors = [];
  window.__calclibComms = [];
  const ctx = window.jupyterapp.shell.currentWidget.sessionContext;
  ctx.iopubMessage.connect((_, msg) => {
    const t = msg.header.msg_type;
    if (t === 'comm_open') window.__calclibComms.push(msg.content.comm_id);
    if (t === 'error') window.__calclibErrors.push(msg.content.ename + ': ' + msg.content.evalue);
    if (t === 'stream' && msg.content.name === 'stderr') window.__calclibErrors.push('stderr: ' + msg.content.text);
  });
}"""
JS_RUN_ALL = "() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return null; }"
JS_ALL_RAN = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  const kernel = w.sessionContext.session.kernel;
  return kernel.status === 'idle' && cells.every(c => c.model.executionCount !== null)
         && !cells.some(c => c.promptNode && c.promptNode.textContent.includes('*'));
}"""
JS_KERNEL_ERRORS = "() => [window.__calclibErrors, window.__calclibComms]"
# Two stderr lines are not ours: as soon as a kernel starts, JupyterLab's widget manager opens
# a "jupyter.widget.control" comm and asks it for widget states, before `import ipywidgets` has
# run, and ipykernel logs both misses. Errors raised in widget callbacks arrive as stderr too,
# so every other line, including "No such comm" for a comm this kernel did open, is a failure.
PROBE_MISS = "No such comm target registered: jupyter.widget.control"


JS_KERNEL_OUTPUT = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let text = '';
  future.onIOPub = (msg) => { if (msg.header.msg_type === 'stream') text += msg.content.text; };
  await future.done;
  return text;
}"""


def kernel_output(page, code: str) -> str:
    """What ``code`` prints, run in the open notebook's kernel (outside its cells)."""
    return page.evaluate(JS_KERNEL_OUTPUT, code)


# Lets the kernel's event loop run for 0.1 s (the explorers' coalesced frames are drawn there at its next
# turn, the first frames ahead 20 ms after a move), then prints nothing.
SETTLE = "import asyncio\nawait asyncio.sleep(0.1)"


def kernel_settled(page) -> None:
    """Wait until the kernel has handled every message the page sent it before (the widgets' too), and what
    its event loop does next, and the page has had what they sent back: the kernel handles its messages in
    turn, and its answers come back in the order it sent them, so a request sent now is answered after them."""
    kernel_output(page, SETTLE)


def kernel_errors(page) -> list:
    """Errors and stderr lines the kernel sent while the page was open (widget callbacks included)."""
    errors, kernel_comms = page.evaluate(JS_KERNEL_ERRORS)

    def benign(line):
        if PROBE_MISS in line:
            return True
        match = re.search(r"No such comm: ([0-9a-f-]+)", line)
        return bool(match) and match.group(1) not in kernel_comms

    return [e for e in errors if not benign(e)]


class BrowserNotFound(RuntimeError):
    pass


def playwright_chromium(playwright=None) -> Path | None:
    """Playwright's own Chromium, if it has been downloaded (Playwright knows where it keeps it).
    Pass the running `playwright` when there is one (Playwright cannot be started twice)."""
    if playwright is None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            return None
        with sync_playwright() as started:
            return playwright_chromium(started)
    path = Path(playwright.chromium.executable_path)
    return path if path.exists() else None


def find_browser(*, environ=os.environ, platform=sys.platform, playwright_path=playwright_chromium) -> Path:
    """The Chromium to drive (see BROWSER_ENV above), or BrowserNotFound saying what was tried."""
    override = environ.get(BROWSER_ENV)
    if override:
        path = Path(override)
        if not path.is_file():
            raise BrowserNotFound(f"${BROWSER_ENV} is {override}, which is not a file")
        return path
    own = playwright_path()
    if own is not None:
        return own
    key = "win32" if platform.startswith(("win", "cygwin")) else "darwin" if platform == "darwin" else "linux"
    for candidate in SYSTEM_BROWSERS[key]:
        path = Path(re.sub(r"%([^%]+)%", lambda m: environ.get(m.group(1), m.group(0)), candidate))
        if path.is_file():
            return path
    for name in BROWSERS_ON_PATH:
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return Path(found)
    raise BrowserNotFound("no Chromium found: not Playwright's own (python -m playwright install chromium), "
                          f"not a system Chromium or Chrome; set ${BROWSER_ENV} to a Chromium or Chrome executable")


def launch_browser(playwright, executable: Path | None = None):
    executable = executable or find_browser(playwright_path=lambda: playwright_chromium(playwright))
    return playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_FLAGS, timeout=60_000)


def open_lab(page, server: LabServer, *, timeout_ms: int = 90_000) -> None:
    """Load JupyterLab once; notebooks are then opened inside it without reloading the page."""
    page.goto(server.lab_url, timeout=timeout_ms)
    page.wait_for_function(JS_APP_READY, timeout=timeout_ms)


def open_notebook(page, server: LabServer, name: str, *, timeout_ms: int = 90_000) -> None:
    """Open a notebook as saved (nothing run), wait for its kernel, and listen for kernel errors."""
    if "/lab" not in page.url:
        open_lab(page, server, timeout_ms=timeout_ms)
    page.evaluate(JS_OPEN, name)
    page.wait_for_function(JS_NOTEBOOK_READY, arg=name, timeout=timeout_ms)
    page.evaluate(JS_LISTEN_FOR_KERNEL_ERRORS)


JS_ERROR_OUTPUT = """() => {
  for (const cell of window.jupyterapp.shell.currentWidget.content.widgets) {
    if (cell.model.type !== 'code') continue;
    for (let i = 0; i < cell.model.outputs.length; i++) {
      const output = cell.model.outputs.get(i).toJSON();
      if (output.output_type === 'error') return cell.model.sharedModel.getSource().slice(0, 200)
        + '\\n' + output.ename + ': ' + output.evalue;
    }
  }
  return null;
}"""


JS_ANY_ERROR = """() => window.jupyterapp.shell.currentWidget.content.widgets.some(cell => cell.model.type === 'code'
  && Array.from({length: cell.model.outputs.length}, (_, i) => cell.model.outputs.get(i).type).includes('error'))"""


def run_all(page, *, timeout_ms: int = 90_000) -> None:
    """Run every cell of the open notebook and wait until the kernel is idle. A cell that raises stops
    the run (JupyterLab runs no cell after it): this fails at once, with the error."""
    page.evaluate(JS_RUN_ALL)
    # looked at every 50 ms (each look reads every cell's prompt and output types, no output's data)
    page.wait_for_function(f"() => ({JS_ALL_RAN})() || ({JS_ANY_ERROR})()", timeout=timeout_ms, polling=50)
    error = page.evaluate(JS_ERROR_OUTPUT)
    assert error is None, f"a cell raised:\n{error}"


def open_and_run(page, server: LabServer, name: str, *, timeout_ms: int = 90_000) -> None:
    """Open a notebook, run every cell, and wait until the kernel is idle."""
    open_notebook(page, server, name, timeout_ms=timeout_ms)
    run_all(page, timeout_ms=timeout_ms)


# What a notebook shows before anything runs: pictures drawn, captions visible, no widget error.
JS_SHOWN = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const node = w.content.node;
  const outputs = Array.from(node.querySelectorAll('.jp-OutputArea-output'));
  const images = outputs.filter(o => o.querySelector('img'));
  return {
    images: images.filter(o => { const i = o.querySelector('img'); return i.complete && i.naturalWidth > 0
                                   && i.getBoundingClientRect().width > 50; }).length,
    captions: outputs.filter(o => o.getAttribute('data-mime-type') === 'text/markdown'
                              && o.innerText.trim().length > 10 && o.getBoundingClientRect().height > 5)
                     .map(o => o.innerText.trim().slice(0, 60)),
    errors: node.innerText.includes('Error displaying widget'),
  };
}"""


def saved_counts(path):
    """(pictures, captions) saved in a notebook file: PNG outputs, and Markdown outputs starting with `*`."""
    nb = json.loads(Path(path).read_text())
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    return (sum("image/png" in o.get("data", {}) for o in outputs),
            sum("text/markdown" in o.get("data", {}) and "".join(o["data"]["text/markdown"]).startswith("*")
                for o in outputs))


def close_notebook(page, *, wait: bool = True) -> None:
    """Stop the notebook's kernel and close its tab. ``wait``: until the kernel has stopped, so that the
    next notebook has the machine to itself (the benchmarks); without, the kernel stops (about 1.5 s,
    mostly waiting) while the next test goes on."""
    page.evaluate(JS_CLOSE, wait)


def explorers(page):
    """Locators of every rendered explorer: its output area, figure and main control."""
    outputs = page.locator(".jp-OutputArea-output:has(.calclib-figure)")
    return [outputs.nth(i) for i in range(outputs.count())]


def nudge_main_control(page, explorer, *, key: str = "ArrowLeft") -> None:
    """Move the main control (or, in a plain widget output, the first slider) one step, as a
    student would with the keyboard: ``key`` unless the slider sits at the end it points to."""
    control = explorer.locator(".calclib-main-control")
    handle = control.locator(".noUi-handle") if control.count() else explorer.locator(".noUi-handle")
    if handle.count():
        handle = handle.first
        now, lo, hi = (handle.get_attribute(a) for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
        handle.focus()
        page.keyboard.press("ArrowRight" if now == lo else "ArrowLeft" if now == hi else key)
    else:  # a dropdown or toggle: pick the next option
        control.first.focus()
        page.keyboard.press("ArrowDown")
