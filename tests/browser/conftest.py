"""One JupyterLab server and one Chromium for the whole browser run.

The browser is found by harness.find_browser ($CALCLIB_BROWSER, Playwright's own Chromium, a
system Chromium or Chrome). Without one the browser tests are skipped with a notice; under CI (CI=true) that is a
failure, because CI must see what students see.
"""

import os
import time

import pytest

from tests.browser.harness import (
    ROOT, LabServer, close_notebook, open_lab, running_sessions,
)

FAILURES = ROOT / "build" / "browser-failures"




@pytest.fixture(scope="session")
def browser_path(shared_browser_session):
    return shared_browser_session.path


@pytest.fixture(scope="session")
def lab_server(browser_path):
    # one folder per test process, so that two processes never serve (and wipe) the same copies
    server = LabServer(ROOT / ".var" / f"browser-lab-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}")
    server.start(wait=False)
    try:
        server.add_student_copies()  # while the server starts, before the page loads: it reads the kernels once
        server.wait_until_listening()
    except BaseException:
        server.stop()
        raise
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(lab_server, shared_chromium):
    return shared_chromium


@pytest.fixture(scope="session")
def lab_page(browser, lab_server):
    """One page with JupyterLab loaded once; each test opens its notebook in it."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    open_lab(page, lab_server)
    page.load_errors = list(page.console_errors)  # JupyterLab's own start (its extensions)
    yield page
    # every notebook closed stopped its kernel: at most the last one may still be stopping
    deadline = time.monotonic() + 15
    while len(running := running_sessions(page)) > 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    context.close()
    assert len(running) <= 1, f"closed notebooks kept their kernels: {running}"


def screenshot_on_failure(page, request):
    if getattr(request.node, "failed", False):
        FAILURES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(FAILURES / f"{request.node.name}.png"), full_page=True)


@pytest.fixture
def page(lab_page, request):
    lab_page.console_errors.clear()
    yield lab_page
    screenshot_on_failure(lab_page, request)
    close_notebook(lab_page, wait=False)  # the kernel stops while the next test opens its notebook


@pytest.fixture
def page_kept_open(lab_page, request):
    """`page`, but the notebook open in it stays open after the test: a notebook a module opens once for
    several tests (a module-scoped fixture of its own, which closes it)."""
    lab_page.console_errors.clear()
    yield lab_page
    screenshot_on_failure(lab_page, request)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        item.failed = True
