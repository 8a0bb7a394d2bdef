"""One JupyterLab server and one Chromium for the whole browser run.

Without Chromium the browser tests are skipped with a notice; under CI (CI=true) that is a
failure, because CI must see what students see.
"""
import os

import pytest

from tests.browser.harness import CHROMIUM, ROOT, LabServer, launch_browser, shut_down_kernel

FAILURES = ROOT / "build" / "browser-failures"


def _unavailable(reason):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (make test installs Chromium where it can)")


@pytest.fixture(scope="session")
def lab_server():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found")
    server = LabServer(ROOT / ".venv" / "var" / "browser-lab").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(lab_server):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        chromium = launch_browser(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def context(browser):
    """One browser context for the run, so JupyterLab's scripts load from cache after the first page."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    try:
        if getattr(request.node, "failed", False):
            FAILURES.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(FAILURES / f"{request.node.name}.png"), full_page=True)
        shut_down_kernel(page)
    finally:
        page.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        item.failed = True
