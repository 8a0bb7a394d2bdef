"""The JupyterLite site (`make lite`): built once per test session from a fresh copy of the project.

What can be checked without Pyodide's CDN is checked here: the build, its wheels and notebooks,
that Pyodide can install every runtime dependency within its bounds, and that the site opens in
Chromium and lists the notebooks. Running a kernel needs the CDN; that one test skips with a
notice when the CDN cannot be reached.
"""
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.request
import zipfile
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement

from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import lite  # noqa: E402

BUILD = ROOT / "build" / "lite-test"
UNDER_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason):
    if UNDER_CI:
        pytest.fail(f"the JupyterLite tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"JupyterLite tests skipped: {reason}")


def fresh_copy(dest: Path) -> Path:
    """The files a fresh clone has (tracked, plus new files not yet ignored), nothing built."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    shutil.rmtree(dest, ignore_errors=True)
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


@pytest.fixture(scope="session")
def site():
    if shutil.which("npm") is None:
        _unavailable("npm is needed to fetch Pyodide's lock file (Debian: apt-get install npm)")
    clone = fresh_copy(BUILD / "clone")
    out = BUILD / "site"
    env = dict(os.environ, LITE_CACHE=str(lite.CACHE), JUPYTER_PLATFORM_DIRS="1")
    result = subprocess.run([sys.executable, "tools/lite.py", str(out)], cwd=clone, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def lock():
    return lite.pyodide_lock(lite.pyodide_version())


def site_wheels(site):
    return [lite.wheel_info(p) for p in sorted((site / "pypi").glob("*.whl"))]


def test_site_has_the_wheel_and_every_notebook(site):
    wheels = {w["name"]: w for w in site_wheels(site)}
    own = wheels["calclib-notebooks"]
    assert own["pure"]
    with zipfile.ZipFile(own["path"]) as zf:
        assert "calclib/__init__.py" in zf.namelist() and "calclib/widgets/base.py" in zf.namelist()
    index = json.loads((site / "pypi" / "all.json").read_text())
    assert "calclib-notebooks" in index
    assert "calclib" not in index  # never the unrelated `calclib` of the package index
    assert sorted(p.name for p in (site / "files").glob("*.ipynb")) == [p.name for p in NOTEBOOKS]
    for path in NOTEBOOKS:
        copy = nbformat.read(site / "files" / path.name, as_version=4)
        first = copy.cells[0]
        assert first.cell_type == "code" and 'piplite.install("calclib-notebooks")' in first.source
        original = nbformat.read(path, as_version=4)
        assert [c.source for c in copy.cells[1:]] == [c.source for c in original.cells]


def test_site_never_falls_back_to_the_package_index(site):
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert any(url.startswith("./pypi/all.json") for url in kernel["pipliteUrls"])


def test_site_carries_the_widget_extensions(site):
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    shipped = {e["name"] for e in config["federated_extensions"]}
    needed = lite.lab_extensions(lite.runtime_requirements())
    assert "@jupyter-widgets/jupyterlab-manager" in needed  # from ipywidgets' jupyterlab_widgets
    assert needed <= shipped
    # the kernel's own, kept out of JupyterLab's folder by tools/lab_settings.py, is found where it was set aside
    assert "@jupyterlite/pyodide-kernel-extension" in shipped
    for name in needed:
        assert (site / "extensions" / name / "package.json").is_file()


def test_pyodide_installs_every_runtime_dependency_within_its_bounds(site, lock):
    requirements = lite.runtime_requirements() + [Requirement(n) for n in lite.KERNEL_NEEDS]
    chosen, problems = lite.resolve(requirements, lock, site_wheels(site) + lite.kernel_wheels())
    assert problems == []
    for req in lite.runtime_requirements():
        assert lite.canonicalize_name(req.name) in chosen, req
    # numpy, matplotlib, pillow and sympy come from Pyodide itself, not from a bundled wheel
    for name in ("numpy", "matplotlib", "pillow", "sympy"):
        assert chosen[name].startswith("Pyodide ")


def make_wheel(folder: Path, name: str, version: str, requires=(), tag="py3-none-any") -> dict:
    path = folder / f"{name}-{version}-{tag}.whl"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}-{version}.dist-info/METADATA", meta)
    return lite.wheel_info(path)


def test_a_dependency_the_browser_cannot_install_is_refused(lock, tmp_path):
    for bad in ["ipykernel>=6.29", "tornado>=6", "pyzmq", "numpy<1.0"]:
        _, problems = lite.resolve([Requirement(bad)], lock, lite.kernel_wheels())
        assert len(problems) == 1 and problems[0].startswith(bad.split(">")[0].split("<")[0]), (bad, problems)
    # a bundled wheel is accepted only when it is pure Python and its own requirements resolve
    pure = make_wheel(tmp_path, "ipyevents", "2.0.4", ["ipywidgets>=7.6.0"])
    widgets = make_wheel(tmp_path, "ipywidgets", "8.1.9", ["traitlets>=4.3.1", "ipython>=6.1.0"])
    chosen, problems = lite.resolve([Requirement("ipyevents>=2")], lock, [pure, widgets])
    assert problems == [] and chosen["ipyevents"].startswith("bundled") and chosen["traitlets"].startswith("Pyodide")
    binary = make_wheel(tmp_path, "fastthing", "1.0", tag="cp312-cp312-manylinux_2_17_x86_64")
    _, problems = lite.resolve([Requirement("fastthing")], lock, [binary])
    assert len(problems) == 1
    needs_server = make_wheel(tmp_path, "serverish", "1.0", ["tornado>=6"])
    _, problems = lite.resolve([Requirement("serverish")], lock, [needs_server])
    assert problems and problems[0].startswith("tornado")


def test_lock_file_comes_from_the_kernels_pyodide(lock):
    version = lite.pyodide_version()
    assert (lite.CACHE / f"pyodide-lock-{version}.json").is_file()
    assert lock["info"]["platform"].startswith("emscripten") and "numpy" in lock["packages"]


# ---------------------------------------------------------------------------- in Chromium
@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def chromium(shared_chromium):
    return shared_chromium


def test_site_opens_in_chromium_and_lists_the_notebooks(served, chromium):
    context = chromium.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{served}/lab/index.html", timeout=60_000)
    listing = page.locator(".jp-DirListing-content .jp-DirListing-itemText")
    listing.first.wait_for(timeout=60_000)
    page.wait_for_function(f"() => document.querySelectorAll('.jp-DirListing-content .jp-DirListing-itemText').length >= {len(NOTEBOOKS)}", timeout=30_000)
    names = sorted(listing.all_inner_texts())
    assert names == [p.name for p in NOTEBOOKS]
    assert errors == []
    context.close()


def cdn_reachable(url: str) -> bool:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=5):
            return True
    except OSError:
        return False


def test_a_notebook_runs_in_the_browser_kernel(served, chromium):
    lock_url = f"https://cdn.jsdelivr.net/pyodide/v{lite.pyodide_version()}/full/pyodide-lock.json"
    if not cdn_reachable(lock_url):
        pytest.skip(f"NOTICE: Pyodide's CDN is not reachable from here ({lock_url}); running a notebook in the "
                    "JupyterLite kernel needs it, so this one test is skipped. The site itself is tested above.")
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{served}/lab/index.html?path=02_derivatives.ipynb", timeout=60_000)
    page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()
    page.locator(".jp-OutputArea-output img.calclib-figure, .jp-OutputArea-output .calclib-figure img") \
        .first.wait_for(timeout=300_000)
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"], '
                          '.jp-OutputArea-output:has-text("Traceback")')
    assert errors.count() == 0, errors.first.inner_text()
    context.close()
