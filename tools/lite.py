"""`make lite`: the ten notebooks as a static JupyterLite site (Pyodide kernel) in build/lite.

The site holds calclib's own wheel and a pure-Python wheel of every dependency that Pyodide
does not ship (ipywidgets and its helpers, ipyevents when declared), so nothing comes from
the package index: the kernel is told not to fall back to it (`disablePyPIFallback`), and a
first cell added to each notebook's copy installs `calclib-notebooks` from the bundled wheels
with piplite. Before building, every runtime dependency is resolved against Pyodide's own lock
file (shipped in the `pyodide` npm package of the version the installed kernel loads); a
dependency the browser cannot install stops the build with its name.

The kernel itself (Pyodide and its packages: numpy, matplotlib, ...) loads from Pyodide's CDN
when a notebook starts, so running code needs that CDN; listing and reading notebooks does not.

Usage: python tools/lite.py [OUTPUT_DIR]          (default build/lite)
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path

import nbformat
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "build" / "lite"
# npm's pyodide lock file and the downloaded wheels, reused between builds (LITE_CACHE overrides).
CACHE = Path(os.environ.get("LITE_CACHE", ROOT / "build" / "lite-cache"))
# The kernel's extension: where tools/lab_settings.py sets it aside (out of JupyterLab's way), or where pip put it.
LITE_EXTENSIONS = Path(sys.prefix) / "share" / "jupyter" / "lite-labextensions"
KERNEL_EXTENSION = next((p for p in (root / "@jupyterlite" / "pyodide-kernel-extension" for root in
                                     (LITE_EXTENSIONS, Path(sys.prefix) / "share" / "jupyter" / "labextensions"))
                         if p.is_dir()), LITE_EXTENSIONS / "@jupyterlite" / "pyodide-kernel-extension")
# What the Pyodide kernel installs with piplite when it starts (see its worker's initKernel).
KERNEL_NEEDS = ["ipykernel", "comm", "pyodide-kernel", "jedi", "ipython"]
INSTALL_CELL_ID = "lite-install"
INSTALL_SOURCE = (
    "# JupyterLite only: install calclib from the wheels bundled with this site (never from the\n"
    "# package index). The first run takes a few seconds.\n"
    "import piplite\n"
    "await piplite.install(\"{dist}\")"
)


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def runtime_requirements() -> list[Requirement]:
    return [Requirement(r) for r in project()["dependencies"]]


# ---------------------------------------------------------------------------- Pyodide's lock
def pyodide_version(extension: Path = KERNEL_EXTENSION) -> str:
    """The Pyodide release that the installed jupyterlite-pyodide-kernel loads (from its bundled JS)."""
    found = set()
    for js in (extension / "static").glob("*.js"):
        found.update(re.findall(r"pyodide/v(\d+\.\d+\.\d+[\w.]*)/full", js.read_text(errors="ignore")))
    if len(found) != 1:
        raise RuntimeError(f"expected one Pyodide version in {extension}, found {sorted(found) or 'none'}; "
                           "is jupyterlite-pyodide-kernel installed (pip install -e '.[lite]')?")
    return found.pop()


def pyodide_lock(version: str, cache: Path = CACHE) -> dict:
    """pyodide-lock.json from the npm package `pyodide` of this version (npm pack, cached in build/)."""
    target = cache / f"pyodide-lock-{version}.json"
    if not target.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", f"pyodide@{version}", "--silent", "--pack-destination", str(cache),
                        "--cache", str(ROOT / ".var" / "npm")], check=True, cwd=cache, stdout=subprocess.DEVNULL)
        tarball = cache / f"pyodide-{version}.tgz"
        with tarfile.open(tarball) as tar:
            target.write_bytes(tar.extractfile("package/pyodide-lock.json").read())
        tarball.unlink()
    return json.loads(target.read_text())


def marker_environment(lock: dict) -> dict:
    python = lock["info"]["python"]
    return {"python_version": ".".join(python.split(".")[:2]), "python_full_version": python,
            "sys_platform": "emscripten", "platform_system": "Emscripten", "platform_machine": "wasm32",
            "os_name": "posix", "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "extra": ""}


# ---------------------------------------------------------------------------- wheels
def wheel_info(path: Path) -> dict:
    """Name, version, pure-Python or not, and the requirements of a wheel file."""
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if re.match(r"[^/]+\.dist-info/METADATA$", n))
        meta = Parser().parsestr(zf.read(name).decode())
    tags = path.stem.split("-")[-3:]
    return {"name": canonicalize_name(meta["Name"]), "version": Version(meta["Version"]), "path": path,
            "pure": tags[1] == "none" and tags[2] == "any", "requires": meta.get_all("Requires-Dist") or []}


def resolve(requirements, lock: dict, wheels: list[dict]) -> tuple[dict, list[str]]:
    """Check that Pyodide can install every requirement, recursively.

    A requirement is met by a package of Pyodide's lock file whose version is within its bounds
    (Pyodide's packages bring their own dependencies), or else by a bundled pure-Python wheel,
    whose own requirements are then checked the same way. Returns ({name: where it comes from},
    [one line per requirement that cannot be met]).
    """
    env = marker_environment(lock)
    packages = {canonicalize_name(k): v for k, v in lock["packages"].items()}
    by_name = {}
    for w in wheels:
        by_name.setdefault(w["name"], []).append(w)
    chosen, problems, queue, seen = {}, [], [Requirement(str(r)) for r in requirements], set()
    while queue:
        req = queue.pop(0)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        name = canonicalize_name(req.name)
        if (name, str(req.specifier)) in seen:
            continue
        seen.add((name, str(req.specifier)))
        locked = packages.get(name)
        if locked and req.specifier.contains(locked["version"], prereleases=True):
            chosen.setdefault(name, f"Pyodide {locked['version']}")
            continue
        candidates = [w for w in by_name.get(name, []) if w["pure"] and req.specifier.contains(w["version"], prereleases=True)]
        if candidates:
            wheel = max(candidates, key=lambda w: w["version"])
            chosen.setdefault(name, f"bundled {wheel['path'].name}")
            queue.extend(Requirement(r) for r in wheel["requires"])
            continue
        have = f"Pyodide has {locked['version']}" if locked else "Pyodide has no such package"
        problems.append(f"{req}: {have}, and no pure-Python wheel within the bounds is bundled")
    return chosen, problems


def download_wheel(req: Requirement, dest: Path) -> Path | None:
    """A pure-Python wheel for `req`: the locally installed version when it fits, else the newest."""
    dest.mkdir(parents=True, exist_ok=True)
    try:
        installed = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        installed = None
    spec = f"{req.name}=={installed}" if installed and req.specifier.contains(installed, prereleases=True) \
        else f"{req.name}{req.specifier}"
    for existing in dest.glob("*.whl"):
        info = wheel_info(existing)
        if info["name"] == canonicalize_name(req.name) and Requirement(spec).specifier.contains(info["version"], True):
            return existing
    before = set(dest.glob("*.whl"))
    result = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                             "--platform", "any", "--implementation", "py", "--abi", "none", "--python-version", "3.12",
                             "--dest", str(dest), spec], capture_output=True, text=True,
                            env=dict(os.environ, PIP_CACHE_DIR=str(ROOT / ".var" / "pip")))
    new = set(dest.glob("*.whl")) - before
    return new.pop() if result.returncode == 0 and new else None


def kernel_wheels(extension: Path = KERNEL_EXTENSION) -> list[dict]:
    return [wheel_info(p) for p in sorted((extension / "static" / "pypi").glob("*.whl"))]


def gather_wheels(requirements, lock: dict, dest: Path, have: list[dict]) -> list[dict]:
    """Download a pure-Python wheel for every requirement that Pyodide does not meet, recursively."""
    bundled = list(have)
    for _ in range(20):  # each round adds the wheels the previous round's wheels need
        _, problems = resolve(requirements, lock, bundled)
        added = False
        for line in problems:
            req = Requirement(line.split(": ", 1)[0])
            path = download_wheel(req, dest)
            if path is not None and all(w["path"] != path for w in bundled):
                bundled.append(wheel_info(path))
                added = True
        if not added:
            return bundled
    return bundled


def build_own_wheel(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("calclib*.whl"):
        old.unlink()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(ROOT)],
                   check=True, env=dict(os.environ, PIP_CACHE_DIR=str(ROOT / ".var" / "pip")))
    shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)  # setuptools' scratch copy
    (wheel,) = dest.glob("calclib*.whl")
    return wheel


# ---------------------------------------------------------------------------- notebooks
def with_install_cell(nb, dist: str):
    """The lite copy of a notebook: one first cell that installs calclib from the bundled wheels."""
    nb.cells = [c for c in nb.cells if c.get("id") != INSTALL_CELL_ID]
    cell = nbformat.v4.new_code_cell(INSTALL_SOURCE.format(dist=dist))
    cell["id"] = INSTALL_CELL_ID
    cell.metadata["tags"] = ["jupyterlite"]
    nb.cells.insert(0, cell)
    return nb


def lab_extensions(requirements) -> set[str]:
    """Names of the JupyterLab extensions that the installed runtime dependencies (and theirs) ship."""
    names, queue, seen = set(), list(requirements), set()
    while queue:
        req = queue.pop()
        name = canonicalize_name(req.name)
        if name in seen or (req.marker is not None and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue
        for f in dist.files or []:
            parts = Path(f).parts
            if "labextensions" in parts and parts[-1] == "package.json":
                names.add("/".join(parts[parts.index("labextensions") + 1:-1]))
        queue.extend(Requirement(r) for r in dist.requires or [])
    return names


# ---------------------------------------------------------------------------- build
def build(out: Path = SITE) -> Path:
    out = Path(out).resolve()
    dist = project()["name"]
    work = out.parent / f"{out.name}-work"
    shutil.rmtree(work, ignore_errors=True)
    (work / "files").mkdir(parents=True)
    wheels_dir = work / "wheels"

    version = pyodide_version()
    lock = pyodide_lock(version)
    own = wheel_info(build_own_wheel(wheels_dir))
    have = kernel_wheels() + [own]
    requirements = [Requirement(f"{dist}=={own['version']}")] + [Requirement(n) for n in KERNEL_NEEDS]
    bundled = gather_wheels(requirements, lock, CACHE / "wheels", have)
    chosen, problems = resolve(requirements, lock, bundled)
    if problems:
        sys.exit(f"the browser (Pyodide {version}) cannot install:\n  " + "\n  ".join(problems))
    extra = [w["path"] for w in bundled if w not in kernel_wheels() and w["name"] in chosen
             and chosen[w["name"]].startswith("bundled")]

    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = with_install_cell(nbformat.read(path, as_version=4), dist)
        nbformat.write(nb, work / "files" / path.name)
    (work / "jupyter-lite.json").write_text(json.dumps({"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": "Calculus for machine learning",
        "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": {"disablePyPIFallback": True}}}},
        indent=2))

    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(work), "--contents", "files",
               "--output-dir", str(out), "--no-sourcemaps",
               f"--FederatedExtensionAddon.extra_labextensions_path={LITE_EXTENSIONS}"]
    for wheel in extra:
        command += ["--piplite-wheels", str(wheel)]
    env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1", PYTHONWARNINGS="ignore")
    result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"jupyter lite build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    (out / ".nojekyll").write_text("")  # GitHub Pages: serve folders that start with an underscore too
    print(f"wrote a JupyterLite site with {len(list((work / 'files').glob('*.ipynb')))} notebooks to {out} "
          f"(Pyodide {version}, Python {lock['info']['python']}; bundled: {', '.join(p.name for p in extra)})")
    return out


if __name__ == "__main__":
    build(*sys.argv[1:])
