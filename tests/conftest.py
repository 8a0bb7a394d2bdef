import asyncio
import os
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture
def root():
    return ROOT


@pytest.fixture
def warnings_are_errors():
    """Every warning an error, with none of pyproject's exceptions (those are for Jupyter's own
    deprecations): for the widget and lesson tests, where a leaked RuntimeWarning is a bug a
    student would see. Modules opt in with ``pytestmark = pytest.mark.usefixtures(...)``."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.fixture
def frames_not_drawn(monkeypatch):
    """Explorers that work out everything update() sets (the read-out, titles, artists' data) but draw and
    encode no frame: for the tests that read only those, where drawing was most of the time. A test that
    looks at pixels, tick labels or where things sit on the picture must not use it."""
    from calclib.widgets.base import Explorer

    monkeypatch.setattr(Explorer, "_render_frame", lambda self, key: b"")


@pytest.fixture(autouse=True)
def no_borrowed_event_loop(request):
    """Hide an event loop that Playwright left marked as running in this thread.

    Playwright's sync API keeps its asyncio loop marked as this thread's running loop between
    browser tests (it runs the loop in a greenlet and switches back). An explorer inside a
    browser event hands its frame to the running loop (so that a fast drag never queues stale
    frames); in a later test of the same process that loop never runs, the frame is never drawn,
    and the test fails or passes depending on which worker ran a browser test first. Tests that
    drive the browser keep the loop; every other test runs without it, as in a fresh process.
    """
    browser = {"shared_browser_session", "shared_chromium"} & set(request.fixturenames)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is None or browser:
        yield
        return
    asyncio._set_running_loop(None)
    try:
        yield
    finally:
        asyncio._set_running_loop(loop)


def pytest_configure(config):
    sys.path.insert(0, str(ROOT))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope` (make test): the same units, longest first, JupyterLab's modules as one
    (tests/scheduling.py). Any other --dist mode is xdist's own."""
    if config.getvalue("dist") != "loadscope":
        return None
    from tests.scheduling import LongestFirst

    return LongestFirst(config, log)


def browser_unavailable(reason):
    """Skip with a notice, or fail under CI (CI=true), which must see what students see."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (make test installs Chromium where it can)")


@pytest.fixture(scope="session")
def shared_browser_session():
    """One Playwright and one Chromium for every test in this process, and the path it runs.

    Playwright's sync API cannot start a second time in a process while one is running, so the
    JupyterLab tests, the static pages and the JupyterLite site all share this browser, each in
    contexts of their own, and the browser is looked for with this same Playwright.
    """
    from types import SimpleNamespace

    from tests.browser.harness import BrowserNotFound, find_browser, launch_browser, playwright_chromium

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        try:
            path = find_browser(playwright_path=lambda: playwright_chromium(playwright))
        except BrowserNotFound as missing:
            browser_unavailable(str(missing))
        browser = launch_browser(playwright, path)
        yield SimpleNamespace(path=path, browser=browser)
        browser.close()


@pytest.fixture(scope="session")
def shared_chromium(shared_browser_session):
    return shared_browser_session.browser
