"""The engine against finite differences, node by node, and its traces run to run."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calclib.autograd import Value, check_gradients, cost_table, engine_gradient, forward_mode_gradient

UNARY = {  # operation, safe input range
    "exp": (lambda v: v.exp(), (-3, 3)),
    "log": (lambda v: v.log(), (0.1, 5)),
    "sin": (lambda v: v.sin(), (-4, 4)),
    "cos": (lambda v: v.cos(), (-4, 4)),
    "tanh": (lambda v: v.tanh(), (-3, 3)),
    "sigmoid": (lambda v: v.sigmoid(), (-8, 8)),
    "relu": (lambda v: v.relu(), (0.05, 3)),  # away from the kink at 0
    "relu-": (lambda v: v.relu(), (-3, -0.05)),
    "square": (lambda v: v**2, (-3, 3)),
    "cube": (lambda v: v**3, (-3, 3)),
    "sqrt": (lambda v: v**0.5, (0.1, 5)),
    "neg": (lambda v: -v, (-3, 3)),
    "reciprocal": (lambda v: 1 / v, (0.2, 4)),
}
BINARY = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b,
    "r-": lambda a, b: 2 - a * b, "r*": lambda a, b: 3 * a + b * 0.5,
}


def finite_difference(fn, point, i, h=1e-6):
    up, down = list(point), list(point)
    up[i] += h
    down[i] -= h
    return (engine_gradient(fn, up)[0] - engine_gradient(fn, down)[0]) / (2 * h)


def assert_matches_finite_differences(fn, point):
    _, grad = engine_gradient(fn, point)
    for i, g in enumerate(grad):
        assert g == pytest.approx(finite_difference(fn, point, i), rel=1e-6, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(name=st.sampled_from(sorted(UNARY)), u=st.floats(0, 1))
def test_every_unary_operation(name, u):
    op, (lo, hi) = UNARY[name]
    assert_matches_finite_differences(lambda a: op(a), [lo + u * (hi - lo)])


@settings(max_examples=100, deadline=None)
@given(name=st.sampled_from(sorted(BINARY)), a=st.floats(0.5, 3), b=st.floats(0.5, 3))
def test_every_binary_operation(name, a, b):
    assert_matches_finite_differences(BINARY[name], [a, b])


@settings(max_examples=40, deadline=None)
@given(a=st.floats(-2, 2), b=st.floats(0.5, 2))
def test_reused_nodes_add_their_paths(a, b):
    # x used many times: the engine must add every path
    assert_matches_finite_differences(lambda x, y: x * x + x.sin() * x + (x * y).exp() / y, [a, b])


def test_deep_chain():
    def deep(x):
        for _ in range(60):
            x = (x * 0.9).tanh() + 0.1 * x
        return x

    assert_matches_finite_differences(deep, [0.7])


def test_chapter_network():
    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    h1, h2 = (x1 + x2).named("h1"), (x1 - x2).named("h2")
    L = (h1**2 + h2**2).named("L")
    trace = L.backward()
    assert (L.data, h1.data, h2.data) == (20, 4, 2)
    assert (h1.grad, h2.grad, x1.grad, x2.grad) == (8, 4, 12, 4)
    arrivals = trace.arrivals()
    assert sorted(c for _, c in arrivals["x1"]) == [4, 8] and sorted(c for _, c in arrivals["x2"]) == [-4, 8]
    assert trace.multiplications == 8


def build():
    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    return ((x1 + x2) ** 2 + (x1 - x2) ** 2 * x1.sin()).named("L")


def test_backward_twice_gives_the_same_gradients_and_trace():
    L = build()
    first, second = L.backward(), L.backward()
    assert first == second
    assert repr(first) == repr(build().backward())  # a fresh graph traces identically


def test_forward_mode_agrees_and_costs_n_times_more():
    xs = [Value(0.1 * i + 0.2) for i in range(5)]
    out = xs[0]
    for x in xs[1:]:
        out = out * x.cos() + x
    trace = out.backward()
    grad, count = forward_mode_gradient(out, xs)
    assert grad == pytest.approx([x.grad for x in xs])
    assert count == len(xs) * trace.multiplications
    table = cost_table(lambda inputs: sum((x * x for x in inputs[1:]), inputs[0] * inputs[0]), [1, 3])
    assert [row[-1] for row in table.rows] == [1, 3]
    assert cost_table(lambda inputs: inputs[0], [1]).rows[0][-1] == "no edges"


def test_check_gradients_can_say_no():
    class Wrong(Value):
        def sin(self):  # a deliberately wrong local derivative
            return Value(math.sin(self.data), parents=(self,), local_grads=(2.0,), op="sin")

    ok = check_gradients(lambda a: a.sin(), [0.4])
    assert ok.rows[0][-1] == "yes"
    bad = check_gradients(lambda a: Wrong(a.data, parents=(a,), local_grads=(1.0,), op="copy").sin(), [0.4])
    assert bad.rows[0][-1] == "NO"


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: Value("3"), TypeError, "`data` must be a real number"),
        (lambda: Value(math.inf), ValueError, "`data` must be finite"),
        (lambda: Value(-1.0).log(), ValueError, "log needs a positive input"),
        (lambda: Value(1.0) / 0, ZeroDivisionError, "divides by the constant 0"),
            (lambda: Value(1.0) / Value(0.0, "b"), ZeroDivisionError, "the divisor b is a Value equal to 0"),
        (lambda: Value(-2.0) ** Value(2.0), ValueError, "needs a positive base"),
            (lambda: Value(-2.0) ** 0.5, ValueError, "not a real number"),
            (lambda: Value(710.0).exp(), OverflowError, "exp\\(710\\) overflows"),
        (lambda: Value(0.0) ** 0.5, ValueError, "has no finite derivative"),
        (lambda: engine_gradient(lambda a: 3.0, [1.0]), TypeError, "`fn` must return a Value"),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words):
        call()
