"""`make mutation`: mutation testing of the math layer with mutmut, scored module by module.

mutmut (configured under [tool.mutmut] in pyproject.toml) changes one thing at a time in a
module (an operator, a constant, a comparison, an argument) and runs the unit tests and
doctests that reach the changed function. A mutant is *killed* when some test fails. This
script runs mutmut one module at a time (the exercise checker last), then prints, per module,
the share of mutants killed, leaving out the harmless (equivalent) mutants listed with a
reason in tests/mutation_equivalent.txt. It exits with 1 if a module is below the target.

    python tools/mutation.py                 # run every module, then report
    python tools/mutation.py --report        # report on the last run only
    python tools/mutation.py softmax limits  # run (and report) these modules only, in this order
    python tools/mutation.py --resume        # go on where an interrupted run stopped
    python tools/mutation.py --survivors     # after adding tests: test the survivors again

An entry of tests/mutation_equivalent.txt names the function and the changed line before and
after, so it keeps matching when other code moves; entries that no longer match any mutant
are reported as stale.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = ROOT / "tests" / "mutation_equivalent.txt"
TARGET = 0.95
# In this order; the checker last (it was being rewritten when the target was first measured).
MODULES = ["differences", "autograd", "softmax", "activations", "gradients", "jacobian", "limits", "exercises"]
KILLED = {"killed", "timeout", "segfault"}  # a mutant that crashes or hangs the tests is caught too


def source_path(module: str) -> str:
    return "calclib/exercises/__init__.py" if module == "exercises" else f"calclib/{module}.py"


def pending(module: str, survivors: bool) -> list | None:
    """Mutants of ``module`` not tested yet in the last run, and its survivors if asked (None: never ran)."""
    meta = ROOT / "mutants" / (source_path(module) + ".meta")
    if not meta.exists():
        return None
    again = {None} | ({0, 5, 33} if survivors else set())  # 0 survived, 5 and 33 no test reached it
    return [k for k, code in json.loads(meta.read_text())["exit_code_by_key"].items() if code in again]


def run_mutmut(module: str, resume: bool, survivors: bool) -> float:
    start = time.monotonic()
    mutmut = Path(sys.executable).with_name("mutmut")
    # One worker: the machine is shared. Naming the mutants makes mutmut test each of them afresh;
    # with --resume only those the last run did not reach (and with --survivors those that survived).
    names = pending(module, survivors) if resume or survivors else None
    if names == []:
        print(f"== {module}: every mutant already tested", flush=True)
        return 0.0
    cmd = [str(mutmut), "run", "--max-children", "1", *(names or [f"calclib.{module}.*"])]
    print(f"== {module}: mutmut run ({len(names) if names else 'all'} mutants)", flush=True)
    subprocess.run(cmd, cwd=ROOT, check=False, stdout=subprocess.DEVNULL if os.environ.get("CI") else None)
    return time.monotonic() - start


def function_name(mutant: str) -> str:
    """calclib.differences.xǁErrorStudyǁ__repr____mutmut_3 -> calclib.differences.ErrorStudy.__repr__"""
    mangled = mutant.partition("__mutmut_")[0]
    module, _, name = mangled.rpartition(".")
    if "ǁ" in name:
        _, cls, meth = name.split("ǁ")
        return f"{module}.{cls}.{meth}"
    return f"{module}.{name[2:]}"


def changed_lines(mutant: str, path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    diff = get_diff_for_mutant(mutant, path=path).splitlines()
    removed = tuple(line[1:].strip() for line in diff if line.startswith("-") and not line.startswith("---"))
    added = tuple(line[1:].strip() for line in diff if line.startswith("+") and not line.startswith("+++"))
    return removed, added


def read_equivalents() -> dict:
    """{(function, removed lines, added lines): reason} from tests/mutation_equivalent.txt."""
    entries, block = {}, []

    def flush():
        if not block:
            return
        function = block[0].strip()
        removed = tuple(line.strip()[2:].strip() for line in block[1:] if line.strip().startswith("- "))
        added = tuple(line.strip()[2:].strip() for line in block[1:] if line.strip().startswith("+ "))
        why = [line.strip()[4:].strip() for line in block[1:] if line.strip().startswith("why:")]
        if not why or not why[0]:
            raise SystemExit(f"{EQUIVALENT.name}: the entry for {function} needs a 'why:' line")
        entries[(function, removed, added)] = why[0]
        block.clear()

    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            flush()
            continue
        block.append(line)
    flush()
    return entries


def report(modules) -> bool:
    os.chdir(ROOT)  # mutmut's helpers read the mutants/ folder relative to here
    from mutmut.stats import status_by_exit_code

    equivalents = read_equivalents()
    used = set()
    ok = True
    rows = []
    for module in modules:
        path = source_path(module)
        meta = ROOT / "mutants" / (path + ".meta")
        if not meta.exists():
            rows.append((module, "not run"))
            ok = False
            continue
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        counts = {"killed": 0, "survived": 0, "equivalent": 0, "not run": 0}
        survivors = []
        for mutant, code in sorted(codes.items()):
            status = status_by_exit_code[code]
            if status in KILLED:
                counts["killed"] += 1
                continue
            if status == "not checked":
                counts["not run"] += 1
                continue
            key = (function_name(mutant), *changed_lines(mutant, path))
            if key in equivalents:
                used.add(key)
                counts["equivalent"] += 1
                continue
            counts["survived"] += 1
            survivors.append((mutant, status, key))
        counted = counts["killed"] + counts["survived"]
        score = counts["killed"] / counted if counted else 0.0
        ok &= score >= TARGET and not counts["not run"]
        rows.append((module, counts, score, survivors))

    print()
    print(f"{'module':<12} {'mutants':>7} {'killed':>6} {'survived':>8} {'equivalent':>10}  score (target {TARGET:.0%})")
    for row in rows:
        if row[1] == "not run":
            print(f"{row[0]:<12} not run yet")
            continue
        module, c, score, _ = row
        total = c["killed"] + c["survived"] + c["equivalent"] + c["not run"]
        note = "" if not c["not run"] else f"  ({c['not run']} not run yet)"
        flag = "" if score >= TARGET else "  BELOW TARGET"
        print(f"{module:<12} {total:>7} {c['killed']:>6} {c['survived']:>8} {c['equivalent']:>10}  {score:6.1%}{flag}{note}")
    for row in rows:
        if row[1] == "not run" or not row[3]:
            continue
        print(f"\nsurvivors in {row[0]} (add a test, or list a truly harmless one in {EQUIVALENT.name}):")
        for mutant, status, (function, removed, added) in row[3]:
            print(f"  {mutant} [{status}]")
            for line in removed:
                print(f"    - {line}")
            for line in added:
                print(f"    + {line}")
    checked = tuple(f"calclib.{row[0]}." for row in rows if row[1] != "not run" and not row[1]["not run"])
    stale = [k for k in equivalents if k not in used and k[0].startswith(checked)]
    if stale:
        print(f"\n{len(stale)} entries of {EQUIVALENT.name} match no surviving mutant (the code changed, or a test now kills it):")
        for function, removed, added in stale:
            print(f"  {function}: {' / '.join(removed)} -> {' / '.join(added)}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"modules to run (default: all of {', '.join(MODULES)})")
    parser.add_argument("--report", action="store_true", help="only report on the last run")
    parser.add_argument("--resume", action="store_true", help="test only the mutants the last run did not reach")
    parser.add_argument("--survivors", action="store_true", help="test again the mutants that survived the last run")
    args = parser.parse_args()
    unknown = set(args.modules) - set(MODULES)
    if unknown:
        parser.error(f"unknown module(s) {', '.join(sorted(unknown))}; choose from {', '.join(MODULES)}")
    modules = list(dict.fromkeys(args.modules)) or MODULES
    if not args.report:
        seconds = {m: run_mutmut(m, args.resume, args.survivors) for m in modules}
        total = sum(seconds.values())
        print("\nrun time: " + ", ".join(f"{m} {s / 60:.1f} min" for m, s in seconds.items())
              + f"; total {total / 60:.1f} min")
    return 0 if report(modules) else 1


if __name__ == "__main__":
    sys.exit(main())
