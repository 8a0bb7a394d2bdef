"""`make bench`, part two: how accurate and how cheap calclib's derivative is, beside scipy's,
and what the autograd engine costs per node.

* accuracy: ``calclib.derivative(f, x)`` (defaults) and ``scipy.differentiate.derivative``
  (defaults) on sin, exp, x³, ln, tanh, sqrt, 1/x and exp(-x²) at ordinary points, far
  from 0 and near domain edges; the error is |estimate − f′(x)| / |f′(x)|, measured
  against eps·|f(x)| / max(1, |x|) where f′ is smaller than f's own rounding can resolve
  (tanh at 100);
* cost: the median time of one call, and the points f is evaluated at;
* engine: build and backward time per node of a 100,000-node graph.

scipy is a bench-only extra (``pip install -e ".[bench]"``); without it only calclib is
measured. Results go to stdout and build/bench_accuracy.md.
"""
from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import calclib as cl  # noqa: E402
from calclib.autograd import Value  # noqa: E402

EPS = np.finfo(float).eps
SECH2 = lambda t: 4 * np.exp(-2 * abs(t)) / (1 + np.exp(-2 * abs(t))) ** 2  # noqa: E731
CASES = [  # name, f, f', points
    ("sin", np.sin, np.cos, [1.0, -2.5, 100.0, 1000.0]),
    ("exp", np.exp, np.exp, [1.0, -2.5, 100.0, 700.0]),
    ("x³", lambda t: t**3, lambda t: 3 * t**2, [1.0, -2.5, 1000.0, 1e-3]),
    ("ln", np.log, lambda t: 1 / t, [1.0, 100.0, 1000.0, 1e-3]),
    ("tanh", np.tanh, SECH2, [1.0, -2.5, 100.0, 1000.0]),
    ("sqrt", np.sqrt, lambda t: 0.5 / np.sqrt(t), [1.0, 100.0, 1000.0, 1e-3]),
    ("1/x", lambda t: 1 / t, lambda t: -1 / t**2, [1.0, -2.5, 1000.0, 1e-3]),
    ("exp(−x²)", lambda t: np.exp(-t * t), lambda t: -2 * t * np.exp(-t * t), [1.0, -2.5, 10.0, 100.0]),
]


def error(f, df, x, estimate) -> float:
    with np.errstate(all="ignore"):
        exact, fx = float(df(x)), float(f(x))
        if not np.isfinite(estimate):
            return float("nan")
        return abs(estimate - exact) / max(abs(exact), EPS * abs(fx) / max(1.0, abs(x)), 1e-300)


def timed(call, repeat=15) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def scipy_derivative():
    try:
        from scipy.differentiate import derivative
    except ImportError:
        return None

    def call(f, x):
        with np.errstate(all="ignore"):
            res = derivative(f, x)
        return float(res.df), int(res.nfev), bool(res.success)

    return call


def show(err) -> str:
    return "nan" if not np.isfinite(err) else ("0" if err == 0 else f"{err:.0e}")


def accuracy_table(lines: list) -> None:
    scipy = scipy_derivative()
    head = "| f | x | calclib error | calclib ms | calclib: points f was evaluated at | scipy error | scipy ms | scipy: points |"
    lines += [head, "|" + "---|" * 8]
    worst, worst_scipy, ms, ms_scipy = 0.0, 0.0, [], []
    for name, f, df, points in CASES:
        for x in points:
            d = cl.derivative(f, x)
            err = error(f, df, x, d)
            t = timed(lambda: cl.derivative(f, x))
            worst, ms = max(worst, err), ms + [t]
            row = f"| {name} | {x:g} | {show(err)} | {t:.2f} | {d.evaluations} |"
            if scipy:
                value, nfev, _ = scipy(f, x)
                err_s = error(f, df, x, value)
                t_s = timed(lambda: scipy(f, x))
                worst_scipy = worst_scipy if np.isnan(err_s) else max(worst_scipy, err_s)
                ms_scipy.append(t_s)
                row += f" {show(err_s)} | {t_s:.2f} | {nfev} |"
            else:
                row += " (scipy not installed) | | |"
            lines.append(row)
    summary = f"\nWorst calclib error {show(worst)}; median {statistics.median(ms):.2f} ms a call."
    if scipy:
        nans = sum(1 for r in lines if r.count("| nan |"))
        summary += (f" scipy.differentiate: worst finite error {show(worst_scipy)}, {nans} nan, "
                    f"median {statistics.median(ms_scipy):.2f} ms a call.")
    lines.append(summary)


def engine_table(lines: list, n=100_000) -> None:
    x = Value(1.0, "x")
    t0 = time.perf_counter()
    y = x
    for _ in range(n):
        y = y + x
    t1 = time.perf_counter()
    trace = y.backward()
    t2 = time.perf_counter()
    assert x.grad == n + 1 and len(trace.steps) == n + 1
    lines.append(f"\nEngine, a graph of {n + 1:,} nodes {n:,} deep: building {(t1 - t0) / n * 1e6:.1f} µs per node, "
                 f"backward (topological sort, walk and trace) {(t2 - t1) / n * 1e6:.1f} µs per node.")


def main() -> None:
    import scipy  # noqa: F401  (fails early with a clear message when the bench extra is missing)

    lines = [f"Measured on {platform.node()}: Python {platform.python_version()}, numpy {np.__version__}, "
             f"scipy {scipy.__version__}; medians of 15 calls.", ""]
    accuracy_table(lines)
    engine_table(lines)
    text = "\n".join(lines)
    print(text)
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "bench_accuracy.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
