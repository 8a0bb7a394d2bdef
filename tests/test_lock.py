"""The term's lock (constraints/lock.txt): pins every declared dependency, for every supported
Python, within the declared bounds; and tools/lock.py merges freezes from several Pythons."""
import re
import sys

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import lock  # noqa: E402

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


def pins_for(python: str) -> dict:
    """{name: version} that constraints/lock.txt gives on this Python version."""
    pins = {}
    for line in (ROOT / "constraints" / "lock.txt").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"python_version": python}):
            name = canonicalize_name(req.name)
            assert name not in pins, f"two pins for {name} on Python {python}"
            (spec,) = req.specifier
            pins[name] = spec.version
    return pins


def test_lock_pins_every_declared_dependency_within_its_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [Requirement(r) for r in project["dependencies"]]
    declared += [Requirement(r) for extra in ("lab", "test", "lite") for r in project["optional-dependencies"][extra]]
    for python in ("3.10", "3.11", "3.12", "3.13", "3.14"):
        pins = pins_for(python)
        for req in declared:
            version = pins.get(canonicalize_name(req.name))
            assert version is not None, f"{req.name} is not pinned for Python {python}"
            assert req.specifier.contains(version), f"{req.name}=={version} is outside {req.specifier}"
    assert "calclib-notebooks" not in pins_for("3.11")


def test_merge_gives_one_pin_per_python_range(tmp_path):
    (tmp_path / "a.txt").write_text("# python 3.10\nnumpy==2.2.6\nsix==1.17.0\ntomli==2.0.1\n")
    (tmp_path / "b.txt").write_text("# python 3.11\nnumpy==2.4.6\nsix==1.17.0\n")
    (tmp_path / "c.txt").write_text("# python 3.13\nnumpy==2.4.6\nsix==1.17.0\n")
    merged = lock.merge([tmp_path / "c.txt", tmp_path / "a.txt", tmp_path / "b.txt"])
    body = [line for line in merged.splitlines() if not line.startswith("#")]
    assert body == ['numpy==2.2.6 ; python_version < "3.11"', 'numpy==2.4.6 ; python_version >= "3.11"',
                    "six==1.17.0", 'tomli==2.0.1 ; python_version < "3.11"']
    for line in body:  # every line is a valid constraint
        Requirement(line)


def test_freeze_leaves_out_the_project_and_pip(tmp_path):
    out = tmp_path / "freeze.txt"
    lock.freeze(out)
    text = out.read_text()
    assert re.match(r"# python 3\.\d+\n", text)
    names = {canonicalize_name(line.split("==")[0]) for line in text.splitlines()[1:]}
    assert "numpy" in names and "calclib-notebooks" not in names and "pip" not in names
