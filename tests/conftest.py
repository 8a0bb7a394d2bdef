import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture
def root():
    return ROOT


def pytest_configure(config):
    sys.path.insert(0, str(ROOT))



def browser_unavailable(reason):
    """Skip with a notice, or fail under CI (CI=true), which must see what students see."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (make test installs Chromium where it can)")


@pytest.fixture(scope="session")
def shared_chromium():
    """One Playwright and one Chromium for every test in this process.

    Playwright's sync API cannot start a second time in a process while one is running, so the
    JupyterLab tests, the static pages and the JupyterLite site all share this browser, each in
    contexts of its own.
    """
    from tests.browser.harness import BrowserNotFound, find_browser, launch_browser

    try:
        path = find_browser()
    except BrowserNotFound as missing:
        browser_unavailable(str(missing))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = launch_browser(playwright, path)
        yield browser
        browser.close()
