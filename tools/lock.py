"""The term's lock: constraints/lock.txt pins every package to a version the whole suite passed with.

`make lab` and `make test` install with `-c constraints/lock.txt` (LOCK=0 turns it off), so
thirty students who install on different days get the same numbers the notebooks were saved
with. The weekly workflow (.github/workflows/weekly.yml) runs the suite against the newest
releases on the oldest and the newest supported Python, freezes each passing environment, merges
the freezes into a new lock and proposes it as a pull request.

    python tools/lock.py freeze build/freeze-3.10.txt      # this environment, as pins
    python tools/lock.py merge build/freeze-*.txt > constraints/lock.txt

A package whose pinned version differs between the Pythons (numpy dropped 3.10, for example)
gets one pin per Python range, with an environment marker; a package only one Python needs
(tomli on 3.10) gets a marker too.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# Known-good versions for a term: the whole suite passed with exactly these (tools/lock.py).
# make lab / make test install with -c constraints/lock.txt; LOCK=0 ignores it.
# Refreshed by .github/workflows/weekly.yml when the newest releases pass. Do not edit by hand.
"""
OWN = {"calclib-notebooks"}


def freeze(out: str) -> None:
    pins = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable", "--all"],
                          check=True, capture_output=True, text=True).stdout
    keep = [line for line in pins.splitlines()
            if "==" in line and canonicalize_name(line.split("==")[0]) not in OWN | {"pip", "setuptools", "wheel"}]
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(f"# python {python}\n" + "\n".join(sorted(keep, key=str.lower)) + "\n")


def read_freeze(path: Path) -> tuple[tuple[int, int], dict[str, tuple[str, str]]]:
    text = Path(path).read_text()
    python = tuple(int(x) for x in re.search(r"^# python (\d+)\.(\d+)", text, re.M).groups())
    pins = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = (name, version.strip())
    return python, pins


def marker(lower: tuple | None, upper: tuple | None) -> str:
    parts = []
    if lower:
        parts.append(f'python_version >= "{lower[0]}.{lower[1]}"')
    if upper:
        parts.append(f'python_version < "{upper[0]}.{upper[1]}"')
    return " and ".join(parts)


def merge(paths) -> str:
    """One constraints file from freezes taken on different Pythons (see the module docstring)."""
    freezes = sorted(read_freeze(p) for p in paths)
    pythons = [python for python, _ in freezes]
    # Freeze i stands for the Pythons from its own version up to the next freeze's version.
    ranges = [(pythons[i] if i else None, pythons[i + 1] if i + 1 < len(pythons) else None)
              for i in range(len(pythons))]
    lines = []
    for key in sorted({k for _, pins in freezes for k in pins}):
        found = [(pins.get(key), span) for (_, pins), span in zip(freezes, ranges)]
        versions = {pin[1] for pin, _ in found if pin}
        if len(versions) == 1 and all(pin for pin, _ in found):
            name, version = found[0][0]
            lines.append(f"{name}=={version}")
            continue
        merged = []  # neighbouring Pythons with the same version share one range
        for pin, (lower, upper) in found:
            if pin and merged and merged[-1][0] == pin and merged[-1][2] == lower:
                merged[-1][2] = upper
            elif pin:
                merged.append([pin, lower, upper])
        for pin, lower, upper in merged:
            where = marker(lower, upper)
            lines.append(f"{pin[0]}=={pin[1]}" + (f" ; {where}" if where else ""))
    return HEADER + "\n".join(lines) + "\n"


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "freeze":
        freeze(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "merge":
        sys.stdout.write(merge(sys.argv[2:]))
    else:
        sys.exit(__doc__)
