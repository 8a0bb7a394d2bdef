"""Every result against a reference that shares none of its code.

The other test files mostly check calclib against calclib (the engine against finite
differences of the engine, a Jacobian against a Jacobian). A function that is wrong but
self-consistent passes those. Here each value is compared with something independent:
``math``, the chapter's definition written out in plain numpy, or numbers worked by hand.
Inputs are lopsided on purpose (asymmetric functions, unequal coordinates, T != 1), so that
swapping arguments, dropping a term or flipping a sign changes the answer.
"""
import math
import re

import numpy as np
import pytest
import sympy as sp

import calclib as cl
from calclib import activations as act
from calclib import softmax as sm
from calclib.autograd import Value, check_gradients, cost_table, engine_gradient, forward_mode_gradient
from calclib.differences import EPS, difference_table, error_study, richardson
from calclib.gradients import brute_force, numerical_gradient, partial_derivative, steepest_ascent, unit_vector
from calclib.jacobian import linearize, matrix_text, numerical_jacobian, path_sum
from calclib.limits import approach_table, stored_step

POINTS = [-3.7, -1.0, -0.25, 0.0, 0.5, 2.0, 4.3]


def plain_sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def plain_softmax(z, T=1.0):
    e = np.exp(np.asarray(z, dtype=float) / T)
    return e / e.sum()


def plain_jacobian(f, x, h=1e-6):
    """Central differences written out here, independent of calclib.jacobian."""
    x = np.asarray(x, dtype=float)
    cols = []
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.column_stack(cols)


# ---------------------------------------------------------------- the autograd engine

UNARY = {  # operation, value from math, derivative from math or calclib.activations, domain
    "exp": (Value.exp, math.exp, math.exp, POINTS),
    "log": (Value.log, math.log, lambda x: 1 / x, [0.05, 0.5, 1.0, 2.7, 40.0]),
    "sin": (Value.sin, math.sin, math.cos, POINTS),
    "cos": (Value.cos, math.cos, lambda x: -math.sin(x), POINTS),
    "tanh": (Value.tanh, math.tanh, act.tanh_derivative, POINTS),
    "sigmoid": (Value.sigmoid, plain_sigmoid, act.sigmoid_derivative, POINTS),
    "relu": (Value.relu, lambda x: max(x, 0.0), lambda x: float(x > 0), [p for p in POINTS if p != 0]),
    "neg": (Value.__neg__, lambda x: -x, lambda x: -1.0, POINTS),
    "abs": (Value.__abs__, abs, lambda x: math.copysign(1.0, x), [p for p in POINTS if p != 0]),
    "sqrt": (Value.sqrt, math.sqrt, lambda x: 0.5 / math.sqrt(x), [0.05, 0.5, 1.0, 2.7, 40.0]),
    "tan": (Value.tan, math.tan, lambda x: 1 / math.cos(x) ** 2, [-1.5, -0.3, 0.4, 1.2, 1.5]),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_operation_values_and_local_derivatives(name):
    op, value, slope, domain = UNARY[name]
    for x in domain:
        leaf = Value(x, "x")
        node = op(leaf)
        assert node.data == pytest.approx(value(x), rel=1e-14, abs=1e-300)
        assert node.parents == (leaf,)
        assert len(node.local_grads) == 1
        assert node.local_grads[0] == pytest.approx(slope(x), rel=1e-12, abs=1e-300)
        node.backward()
        assert leaf.grad == pytest.approx(slope(x), rel=1e-12, abs=1e-300)
        assert node.grad == 1.0


@pytest.mark.parametrize("z", [-800.0, -40.0, 40.0, 800.0])
def test_sigmoid_node_at_large_inputs_matches_the_activations_module(z):
    node = Value(z).sigmoid()
    assert node.data == pytest.approx(act.sigmoid(z), rel=1e-14, abs=1e-300)
    assert node.local_grads[0] == pytest.approx(act.sigmoid_derivative(z), rel=1e-12, abs=1e-300)


def test_relu_node_at_its_kink_takes_slope_zero():
    node = Value(0.0).relu()
    assert node.data == 0.0 and node.local_grads == (0.0,)


@pytest.mark.parametrize("k", [2, 3, 0.5, -1, -2.5, 1, 0])
@pytest.mark.parametrize("x", [0.3, 1.7, 4.0])
def test_power_node(k, x):
    node = Value(x) ** k
    assert node.data == pytest.approx(x**k, rel=1e-14)
    assert node.local_grads[0] == pytest.approx(k * x ** (k - 1), rel=1e-12, abs=1e-300)


def test_abs_node_at_zero_takes_slope_zero():
    node = abs(Value(0.0))
    assert node.data == 0.0 and node.local_grads == (0.0,)


@pytest.mark.parametrize("a, b", [(2.0, 3.0), (0.3, -1.7), (5.5, 0.5), (1.0, 2.0)])
def test_power_with_a_value_exponent(a, b):
    """a ** b with both Values: the value from math, d/da = b a^(b-1), d/db = a^b ln a."""
    base, exponent = Value(a, "a"), Value(b, "b")
    out = base ** exponent
    assert out.data == pytest.approx(a**b, rel=1e-14) and out.parents == (base, exponent)
    out.backward()
    assert base.grad == pytest.approx(b * a ** (b - 1), rel=1e-12)
    assert exponent.grad == pytest.approx(a**b * math.log(a), rel=1e-12, abs=1e-300)
    plain = 2.5 ** exponent  # a number to a Value power
    plain.backward()
    assert plain.data == pytest.approx(2.5**b, rel=1e-14) and exponent.grad == pytest.approx(2.5**b * math.log(2.5), rel=1e-12)
    assert repr(Value(a) ** Value(b)).startswith("Value(^ = ")


def test_power_zero_is_one_with_slope_zero():
    x = Value(-3.0, "x")
    one = x**0
    assert one.data == 1.0 and one.parents == (x,) and one.local_grads == (0.0,) and one.op == "^0"
    one.backward()
    assert x.grad == 0.0 and repr(one) == "Value(^0 = 1, grad = 1)"
    assert (Value(0.0) ** 1.5).data == 0.0 and (Value(0.0) ** 1.5).local_grads == (0.0,)  # 1.5 x^0.5 is 0 at 0


def test_power_at_zero():
    assert (Value(0.0) ** 2).local_grads == (0.0,)
    one = Value(0.0) ** 1  # x ** 1 has slope 1 everywhere, 0 included
    assert one.data == 0.0 and one.local_grads == (1.0,)
    for k in (0.5, -1):  # x^0.5 and 1/x have no finite slope at 0
        with pytest.raises((ValueError, ZeroDivisionError)):
            Value(0.0) ** k


A, B = 3.5, -1.25  # unequal, opposite signs: swapping the two operands shows

BINARY = {  # operation, value, (d/da, d/db)
    "+": (lambda a, b: a + b, A + B, (1.0, 1.0)),
    "-": (lambda a, b: a - b, A - B, (1.0, -1.0)),
    "*": (lambda a, b: a * b, A * B, (B, A)),
    "/": (lambda a, b: a / b, A / B, (1 / B, -A / B**2)),
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_operation_values_and_gradients(name):
    op, value, (da, db) = BINARY[name]
    a, b = Value(A, "a"), Value(B, "b")
    out = op(a, b)
    assert out.data == pytest.approx(value, rel=1e-15)
    assert out.parents == (a, b)
    assert out.local_grads == pytest.approx((da, db), rel=1e-15)
    out.backward()
    assert (a.grad, b.grad) == pytest.approx((da, db), rel=1e-15)


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_operation_with_a_plain_number_on_either_side(name):
    op, value, (da, db) = BINARY[name]
    a = Value(A, "a")
    left = op(a, B)  # Value op number
    left.backward()
    assert left.data == pytest.approx(value, rel=1e-15) and a.grad == pytest.approx(da, rel=1e-15)
    b = Value(B, "b")
    right = op(A, b)  # number op Value: the reflected operations
    right.backward()
    assert right.data == pytest.approx(value, rel=1e-15) and b.grad == pytest.approx(db, rel=1e-15)
    constants = [p for p in right.parents if p is not b]
    assert len(constants) == 1 and constants[0].data == A and constants[0].op == "constant"


def test_composite_against_math_and_its_hand_derivative():
    # L = sin(a b) + e^(a / b) - log(a) * tanh(b) at a lopsided point
    a_, b_ = 1.3, -0.7
    a, b = Value(a_), Value(b_)
    L = (a * b).sin() + (a / b).exp() - a.log() * b.tanh()
    L.backward()
    assert L.data == pytest.approx(math.sin(a_ * b_) + math.exp(a_ / b_) - math.log(a_) * math.tanh(b_), rel=1e-14)
    dLda = b_ * math.cos(a_ * b_) + math.exp(a_ / b_) / b_ - math.tanh(b_) / a_
    dLdb = a_ * math.cos(a_ * b_) - a_ / b_**2 * math.exp(a_ / b_) - math.log(a_) * (1 - math.tanh(b_) ** 2)
    assert (a.grad, b.grad) == pytest.approx((dLda, dLdb), rel=1e-12)


def test_engine_gradient_against_sympy():
    x1, x2, x3 = sp.symbols("x1 x2 x3")
    expr = x1**2 * x3 - sp.cos(x2) / x1 + sp.exp(x3 - x2)
    point = {x1: 0.8, x2: -1.9, x3: 0.35}
    value, grad = engine_gradient(lambda a, b, c: a**2 * c - b.cos() / a + (c - b).exp(), list(point.values()))
    assert value == pytest.approx(float(expr.subs(point)), rel=1e-14)
    assert grad == pytest.approx([float(sp.diff(expr, s).subs(point)) for s in (x1, x2, x3)], rel=1e-12)


# ---------------------------------------------------------------- engine tables, row by row

def chapter_network():
    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    h1, h2 = (x1 + x2).named("h1"), (x1 - x2).named("h2")
    return (h1**2 + h2**2).named("L"), (x1, x2, h1, h2)


def test_trace_steps_run_from_the_output_to_the_inputs():
    L, (x1, x2, h1, h2) = chapter_network()
    trace = L.backward()
    assert trace.names_in_order[0] in ("x1", "x2") and trace.names_in_order[-1] == "L"
    assert trace.steps[0].node == "L" and trace.steps[0].grad == 1.0 and trace.steps[0].value == 20.0
    assert trace.steps[0].op == "+" and {s.op for s in trace.steps if s.node in ("x1", "x2")} == {"input"}
    by_name = {s.node: s for s in trace.steps}
    assert by_name["h1"].edges == (cl.autograd.Edge("x1", 1.0, 8.0), cl.autograd.Edge("x2", 1.0, 8.0))
    assert by_name["h2"].edges == (cl.autograd.Edge("x1", 1.0, 4.0), cl.autograd.Edge("x2", -1.0, -4.0))
    assert by_name["x1"].edges == () and by_name["x1"].grad == 12.0 and by_name["x2"].grad == 4.0
    assert trace.gradients["x1"] == 12.0 and trace.gradients["h2"] == 4.0 and trace.gradients["L"] == 1.0
    order = [s.node for s in trace.steps]
    assert order.index("h1^2") < order.index("h1") and order.index("h1") < order.index("x1")
    assert trace.arrivals(1) == {"h1^2": [("L", 1.0)], "h2^2": [("L", 1.0)]}


def test_trace_table_cell_by_cell():
    L, _ = chapter_network()
    trace = L.backward()
    table = trace.table()
    assert list(table.columns) == ["step", "node", "value", "gradient", "sum of arrivals", "edge walked back",
                                   "passes on"]
    rows = {}
    for row in table.rows:
        if row[1] != "":
            current = row[1]
            rows[current] = [row]
        else:
            rows[current].append(row)
    assert [r[0] for r in table.rows if r[0] != ""] == list(range(1, len(trace.steps) + 1))
    first = rows["L"][0]
    assert first[:4] == (1, "L", 20.0, 1.0) and first[4] == ""
    x1 = rows["x1"][0]
    assert x1[1:4] == ("x1", 3.0, 12.0) and x1[5] == "(an input: nothing further)" and x1[6] == ""
    assert sorted(x1[4].split(" + ")) == ["4", "8"]  # the two paths that meet at x1
    assert sorted(rows["x2"][0][4].split(" + ")) == ["-4", "8"]
    assert rows["h1"][0][4] == ""  # one path only: nothing to add
    h2 = rows["h2"]
    assert [r[5] for r in h2] == ["h2 → x1: local 1", "h2 → x2: local -1"]
    assert [r[6] for r in h2] == [4.0, -4.0]
    assert h2[1][:5] == ("", "", "", "", "")
    assert [r[0] for r in trace.table(upto=2).rows if r[0] != ""] == [1, 2] and trace.table(upto=2).rows[0][1] == "L"
    text = repr(trace)
    assert text == repr(table) and "h2 → x2: local -1" in text
    assert "<table>" in trace._repr_html_() and "h2 → x2" in trace._repr_html_()


def test_node_names_are_built_from_parents_and_unique():
    a = Value(2.0, "a")
    out = ((a * 3.0).exp() + a) ** 2 + (-a) / a.sin()
    names = set(out.backward().gradients)
    assert {"a", "3", "a·3", "exp(a·3)", "neg(a)", "sin(a)"} <= names
    assert "exp(a·3)+a" in names and "neg(a)÷sin(a)" in names
    assert len(names) == len(out.graph())  # every node has its own name
    twins = Value(1.0) + Value(1.0)  # two unnamed inputs with the same value
    assert sorted(twins.backward().gradients) == ["1", "1'", "1+1'"]
    third = Value(1 / 3) * Value(2.0, "b")  # an unnamed input is called by its value, to 4 digits
    assert third.backward().names_in_order[0] == "0.3333"
    fits = Value(1.0, "abcdef") + Value(2.0, "ghijklm")  # 14 characters: kept
    assert fits.backward().names_in_order[-1] == "abcdef+ghijklm"


def test_a_name_built_from_a_sum_or_product_brackets_it():
    """(x1+x2)^2 is not x1+x2^2: a parent named by an operation of two goes in brackets."""
    x1, x2, c = Value(3.0, "x1"), Value(1.0, "x2"), Value(2.0, "c")
    names = ((x1 + x2) ** 2 + (x1 - x2) * c + (x1 * x2).tanh()).backward().names_in_order
    assert {"x1+x2", "(x1+x2)^2", "x1−x2", "(x1−x2)·c", "x1·x2", "tanh(x1·x2)"} <= set(names)
    a, b, d = Value(1.0, "a"), Value(2.0, "b"), Value(4.0, "d")
    names = (a - (b + c) + a * b + c / (a * d)).backward().names_in_order
    assert {"a−(b+c)", "a−(b+c)+a·b", "c÷(a·d)"} <= set(names)  # left to right, × before +


def test_long_names_are_cut_short():
    x = Value(0.5, "x")
    y = x
    for _ in range(6):
        y = y.sin()
    names = y.backward().names_in_order
    assert all(len(n) <= 14 for n in names) and len(set(names)) == len(names)
    assert names[:3] == ("x", "sin(x)", "sin(sin(x))")
    assert "sin#" in names[-1]


def test_repr_of_a_value_shows_label_value_and_gradient():
    w = Value(2.5, "w")
    assert "w" in repr(w) and "2.5" in repr(w)
    s = w * 4
    s.backward()
    assert "×" in repr(s) and "10" in repr(s)  # an unnamed node shows its operation
    assert "4" in repr(w)  # the gradient after backward
    assert w.named("weight") is w and "weight" in repr(w)
    third = Value(1 / 3, "t")
    (third * third * 1.5).backward()  # d/dt 1.5 t^2 = 3t = 1
    assert "0.3333" in repr(third) and "grad = 1" in repr(third)
    half = Value(0.75, "h")
    (half * half * 0.5).backward()  # grad 0.75
    assert "h = 0.75" in repr(half) and "grad = 0.75" in repr(half)


def test_forward_mode_counts_one_pass_per_input():
    a, b, c = Value(0.4), Value(-1.1), Value(2.0)
    out = (a * b).exp() + b * c
    trace = out.backward()
    grad, count = forward_mode_gradient(out, [a, b, c])
    assert grad == pytest.approx((a.grad, b.grad, c.grad), rel=1e-15)
    assert grad == pytest.approx((-1.1 * math.exp(-0.44), 0.4 * math.exp(-0.44) + 2.0, -1.1), rel=1e-14)
    assert trace.multiplications == 7 and count == 3 * 7  # edges: 2 for a×b, 1 for exp, 2 for b×c, 2 for +
    unused = Value(5.0)
    assert forward_mode_gradient(out, [unused, a])[0] == pytest.approx((0.0, a.grad))
    # an input is its own output: slope 1 with respect to itself, 0 with respect to anything else
    assert forward_mode_gradient(a, [b, a]) == ((0.0, 1.0), 0)


def test_cost_table_cell_by_cell():
    table = cost_table(lambda xs: sum((x * x for x in xs[1:]), xs[0] * xs[0]), [1, 2, 4])
    # n inputs: n products and n - 1 sums, 2 edges each
    edges = [2 * (2 * n - 1) for n in (1, 2, 4)]
    assert [row[0] for row in table.rows] == [1, 2, 4]
    assert [row[1] for row in table.rows] == edges == [row[3] for row in table.rows]
    assert [row[2] for row in table.rows] == [n * e for n, e in zip((1, 2, 4), edges)]
    assert [row[4] for row in table.rows] == [1, 2, 4]
    assert list(table.columns) == ["inputs n", "edges in graph", "forward mode (n passes)", "reverse mode (1 pass)",
                                   "ratio"]
    assert repr(table).splitlines()[-1].split() == ["4", "14", "56", "14", "4"]


def test_check_gradients_table_and_names():
    t = check_gradients(lambda a, b: a * b.exp(), [1.5, -0.5], names=["a", "b"])
    assert [row[0] for row in t.rows] == ["a", "b"]
    assert [row[1] for row in t.rows] == pytest.approx([math.exp(-0.5), 1.5 * math.exp(-0.5)], rel=1e-15)
    assert [row[2] for row in t.rows] == pytest.approx([math.exp(-0.5), 1.5 * math.exp(-0.5)], rel=1e-8)
    assert [row[3] for row in t.rows] == ["yes", "yes"]
    assert [row[0] for row in check_gradients(lambda a, b: a * b, [1.0, 2.0]).rows] == ["x1", "x2"]
    assert list(t.columns) == ["input", "engine (backward)", "central difference", "agree to 1e-6"]
    assert repr(t).splitlines()[2].split()[:2] == ["a", "0.60653066"]  # e^-0.5, as the student reads it


class Skewed(Value):
    """A node that passes its input on unchanged but claims the local slope ``1 + skew``."""


def skewed(x: Value, skew: float) -> Value:
    return Value(x.data, parents=(x,), local_grads=(1.0 + skew,), op="copy")


@pytest.mark.parametrize("scale", [1.0, 1000.0])
def test_check_gradients_tolerance_is_relative_to_large_gradients(scale):
    # the gradient is `scale`: a slip of 0.5e-6 of it agrees "to 1e-6", one of 1.5e-6 does not
    agree = check_gradients(lambda a: skewed(a * scale, 0.5e-6), [0.7]).rows[0]
    disagree = check_gradients(lambda a: skewed(a * scale, 1.5e-6), [0.7]).rows[0]
    assert agree[1] == pytest.approx(scale * (1 + 0.5e-6), rel=1e-15) and agree[-1] == "yes"
    assert disagree[1] == pytest.approx(scale * (1 + 1.5e-6), rel=1e-15) and disagree[-1] == "NO"
    assert disagree[2] == pytest.approx(scale, rel=1e-9)  # the central difference sees the true slope


def test_check_gradients_tolerance_is_absolute_for_small_gradients():
    # gradient 0.01: a slip of 1e-5 of it is 1e-7 in absolute terms, within 1e-6
    assert check_gradients(lambda a: skewed(a * 0.01, 1e-5), [0.7]).rows[0][-1] == "yes"
    assert check_gradients(lambda a: skewed(a * 0.01, 2e-4), [0.7]).rows[0][-1] == "NO"  # 2e-6 absolute


def test_every_operation_is_named_in_the_trace():
    a, b = Value(0.5, "a"), Value(2.0, "b")
    nodes = {"+": a + b, "−": a - b, "×": a * b, "÷": a / b, "^3": a**3, "neg": -a, "exp": a.exp(), "log": a.log(),
             "sin": a.sin(), "cos": a.cos(), "tanh": a.tanh(), "σ": a.sigmoid(), "relu": a.relu(),
             "abs": abs(a), "sqrt": a.sqrt(), "tan": a.tan(), "^": a**b}
    for op, node in nodes.items():
        assert node.op == op
        names = node.backward().names_in_order
        shown = "·" if op == "×" else op  # a product is named a·b: a×b read as "axb" in a monospace table
        assert names[-1] in {f"a{shown}b", f"{op}(a)", f"a{op}"}
    assert a.op == "input" and (a + 1.0).parents[1].op == "constant"
    fresh = Value(1.5)
    assert fresh.grad == 0.0 and fresh.label == "" and fresh.parents == () and fresh.local_grads == ()


# ---------------------------------------------------------------- softmax, attention

ZS = [np.array([2.0, 1.0, 0.1]), np.array([-1.5, 0.3, 4.2, 0.0]), np.array([0.7])]


def _softmax_jacobian_40_digits(z, T):
    import mpmath

    with mpmath.workdps(40):
        e = [mpmath.exp(mpmath.mpf(float(v)) / T) for v in z]
        p = [x / sum(e) for x in e]
        return np.array([[float(p[i] * ((1 if i == j else 0) - p[j]) / T) for j in range(len(z))]
                         for i in range(len(z))])


@pytest.mark.parametrize("T", [0.25, 0.5, 1.0, 2.5, 10.0])
@pytest.mark.parametrize("k", range(len(ZS)))
def test_softmax_and_jacobian_at_several_temperatures(T, k):
    z = ZS[k]
    p = sm.softmax(z, temperature=T)
    assert p == pytest.approx(plain_softmax(z, T), rel=1e-13)
    J = sm.softmax_jacobian(z, temperature=T)
    # the definition (diag(p) − p pᵀ)/T in 40 digits: in floats its diagonal p_i − p_i² loses digits when p_i is
    # near 1 (3.7e-10 relative at z3 = 4.2, T = 0.25), which softmax_jacobian's p_i Σ_{j≠i} p_j does not
    assert J == pytest.approx(_softmax_jacobian_40_digits(z, T), rel=1e-13, abs=1e-16)
    assert J == pytest.approx((np.diag(p) - np.outer(p, p)) / T, rel=1e-9, abs=1e-16)
    assert J == pytest.approx(plain_jacobian(lambda v: plain_softmax(v, T), z), rel=1e-6, abs=1e-8)


def test_temperature_sharpens_and_flattens():
    z = np.array([3.0, 1.0, -2.0])
    cold, warm = sm.softmax(z, temperature=0.1), sm.softmax(z, temperature=100.0)
    assert cold[0] > 0.999 and np.all(np.abs(warm - 1 / 3) < 0.02)


def test_softmax_of_large_logits_matches_the_shifted_definition():
    z = np.array([1000.0, 998.0, 990.5])
    for T in (1.0, 3.0):
        assert sm.softmax(z, temperature=T) == pytest.approx(plain_softmax(z - 1000.0, T), rel=1e-13)
    assert sm.naive_softmax([0.3, -1.0, 2.0]) == pytest.approx(plain_softmax([0.3, -1.0, 2.0]), rel=1e-14)
    assert np.all(np.isnan(sm.naive_softmax(z)))


def test_logsumexp_against_math():
    for z in ([0.3, -1.0, 2.0], [5.0], [-700.0, -701.0]):
        assert sm.logsumexp(z) == pytest.approx(math.log(sum(math.exp(t) for t in z)), rel=1e-14)
    assert sm.logsumexp([1000.0, 999.0]) == pytest.approx(1000 + math.log1p(math.exp(-1)), rel=1e-15)


TARGETS = [np.array([0.0, 1.0, 0.0]), np.array([0.2, 0.5, 0.3]), np.array([0.5, 1.0, 0.0])]


@pytest.mark.parametrize("y", TARGETS, ids=["one-hot", "soft", "unnormalised"])
def test_cross_entropy_against_its_definition(y):
    z = np.array([1.2, -0.4, 2.5])
    p = plain_softmax(z)
    definition = -float(np.sum(y * np.log(p)))
    assert sm.cross_entropy(z, y) == pytest.approx(definition, rel=1e-13)
    grad = plain_jacobian(lambda v: np.array([-np.sum(y * np.log(plain_softmax(v)))]), z)[0]
    assert sm.cross_entropy_gradient(z, y) == pytest.approx(grad, abs=1e-8)
    if y.sum() == 1:
        assert sm.cross_entropy_gradient(z, y) == pytest.approx(p - y, rel=1e-13, abs=1e-15)


def test_cross_entropy_of_large_logits_is_finite_and_right():
    z = np.array([1000.0, 0.0])
    assert sm.cross_entropy(z, [0.0, 1.0]) == pytest.approx(1000.0, rel=1e-15)
    assert sm.cross_entropy(z, [1.0, 0.0]) == pytest.approx(0.0, abs=1e-300)


@pytest.mark.parametrize("scores", [[0.3, -1.2, 2.0], [1000.0, 999.0, 995.5], [-1000.0, -1001.5, -998.0], [4.0]])
def test_value_softmax_against_numpy(scores):
    vals = [Value(s) for s in scores]
    weights = sm.value_softmax(vals)
    assert [w.data for w in weights] == pytest.approx(plain_softmax(np.array(scores) - max(scores)), rel=1e-13)
    # and the gradient of one weight is a row of the softmax Jacobian
    weights[-1].backward()
    J = sm.softmax_jacobian(scores)
    assert [v.grad for v in vals] == pytest.approx(J[-1], rel=1e-12, abs=1e-15)


def reference_attention(q, K, V):
    q, K, V = (np.asarray(a, dtype=float) for a in (q, K, V))
    scores = K @ q / np.sqrt(q.size)
    w = plain_softmax(scores - scores.max())  # the same numbers, without overflow for large scores
    return scores, w, w @ V


Q = [0.9, -1.7, 0.4]
KEYS = [[1.0, 0.5, -2.0], [-0.3, 2.2, 0.7], [1.5, -1.0, 0.2], [0.1, 0.1, 3.0]]
VALUES = [[2.0, -1.0], [0.5, 3.0], [-1.2, 0.4], [0.8, 0.9]]


def test_attention_against_plain_numpy():
    step = sm.attention(Q, KEYS, VALUES)
    scores, w, out = reference_attention(Q, KEYS, VALUES)
    assert [s.data for s in step.scores] == pytest.approx(scores, rel=1e-14)
    assert [a.data for a in step.weights] == pytest.approx(w, rel=1e-13)
    assert [o.data for o in step.output] == pytest.approx(out, rel=1e-13)
    assert [q.data for q in step.query] == Q
    assert [q.label for q in step.query] == ["q1", "q2", "q3"]
    assert [s.label for s in step.scores] == ["s1", "s2", "s3", "s4"]
    assert [a.label for a in step.weights] == ["a1", "a2", "a3", "a4"]
    assert [o.label for o in step.output] == ["o1", "o2"]


@pytest.mark.parametrize("j", [0, 1])
def test_attention_gradient_against_a_numerical_gradient_of_the_reference(j):
    step = sm.attention(Q, KEYS, VALUES)
    step.output[j].backward()
    numeric = plain_jacobian(lambda q: reference_attention(q, KEYS, VALUES)[2], Q)[j]
    assert [q.grad for q in step.query] == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_attention_uses_query_values_as_given():
    qs = [Value(c, f"mine{i}") for i, c in enumerate(Q)]
    step = sm.attention(qs, KEYS, VALUES)
    assert all(a is b for a, b in zip(step.query, qs))
    step.output[1].backward()
    assert qs[0].grad != 0.0
    big = sm.attention([30.0, -30.0, 30.0], np.array(KEYS) * 40, VALUES)  # scores near ±3000
    _, w, out = reference_attention([30.0, -30.0, 30.0], np.array(KEYS) * 40, VALUES)
    assert [o.data for o in big.output] == pytest.approx(out, rel=1e-12)


# ---------------------------------------------------------------- activations

@pytest.mark.parametrize("z", POINTS + [-12.0, 9.0])
def test_activations_against_math(z):
    Phi = 0.5 * math.erfc(-z / math.sqrt(2))  # (1 + erf) would cancel to nothing in the left tail
    phi = math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
    assert act.sigmoid(z) == pytest.approx(plain_sigmoid(z), rel=1e-14, abs=1e-300)
    assert act.sigmoid_derivative(z) == pytest.approx(plain_sigmoid(z) * plain_sigmoid(-z), rel=1e-12, abs=1e-300)
    assert act.tanh(z) == pytest.approx(math.tanh(z), rel=1e-14)
    assert act.tanh_derivative(z) == pytest.approx(1 / math.cosh(z) ** 2, rel=1e-6, abs=1e-300)  # see the tails below
    assert act.relu(z) == max(z, 0.0)
    assert act.normal_cdf(z) == pytest.approx(Phi, rel=1e-14, abs=1e-300)
    assert act.gelu(z) == pytest.approx(z * Phi, rel=1e-14, abs=1e-300)
    assert act.gelu_derivative(z) == pytest.approx(Phi + z * phi, rel=1e-13, abs=1e-300)
    u = math.sqrt(2 / math.pi) * (z + 0.044715 * z**3)
    assert act.gelu_tanh(z) == pytest.approx(0.5 * z * (1 + math.tanh(u)), rel=1e-14, abs=1e-300)
    du = math.sqrt(2 / math.pi) * (1 + 3 * 0.044715 * z**2)
    expected = 0.5 * (1 + math.tanh(u)) + 0.5 * z * du / math.cosh(u) ** 2
    assert act.gelu_tanh_derivative(z) == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("z", [-40.0, -25.0, 25.0, 40.0])
def test_activation_slopes_keep_their_relative_accuracy_in_the_tails(z):
    assert act.sigmoid_derivative(z) == pytest.approx(plain_sigmoid(z) * plain_sigmoid(-z), rel=1e-9, abs=0)
    assert act.tanh_derivative(z) == pytest.approx(1 / math.cosh(z) ** 2, rel=1e-9, abs=0)


def test_known_values_of_the_normal_cdf():
    assert act.normal_cdf(0.0) == 0.5
    assert act.normal_cdf(1.959963984540054) == pytest.approx(0.975, rel=1e-14)
    assert act.normal_cdf(-1.0) == pytest.approx(0.15865525393145707, rel=1e-14)


def test_activations_keep_the_shape_and_give_floats_for_numbers():
    grid = np.array([[-1.0, 0.0, 2.0], [0.5, -3.0, 4.0]])
    for a in act.catalog().values():
        assert a.f(grid).shape == grid.shape and a.derivative(grid).shape == grid.shape
        assert isinstance(a.f(0.7), float) and isinstance(a.derivative(0.7), float)
        assert a.f(grid)[1, 2] == pytest.approx(a.f(4.0)) and a.derivative(grid)[0, 0] == pytest.approx(a.derivative(-1.0))


def test_relu_derivative_convention_at_zero():
    z = np.array([-2.0, 0.0, 3.0])
    for c in (0.0, 0.3, 1.0):  # the two ends of [0, 1] included
        assert act.relu_derivative(z, at_zero=c).tolist() == [0.0, c, 1.0]


def test_catalog_plot_ranges_hold_the_curves():
    grid = np.linspace(-5, 5, 201)
    for name, a in act.catalog().items():
        lo, hi = a.ylim
        assert a.name == name
        assert lo < a.f(grid).min() and a.f(grid).max() < hi


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "gelu"])
def test_gradient_through_depth_against_a_hand_loop(name):
    f, df = {"sigmoid": (plain_sigmoid, lambda z: plain_sigmoid(z) * plain_sigmoid(-z)),
             "tanh": (math.tanh, lambda z: 1 - math.tanh(z) ** 2),
             "gelu": (lambda z: z * 0.5 * (1 + math.erf(z / math.sqrt(2))),
                      lambda z: 0.5 * (1 + math.erf(z / math.sqrt(2))) + z * math.exp(-z * z / 2) / math.sqrt(2 * math.pi))}[name]
    h, product, expected = 0.3, 1.0, []
    for _ in range(5):
        z = 1.5 * h
        product *= 1.5 * df(z)
        h = f(z)
        expected.append(abs(product))
    got = act.gradient_through_depth(name, 5, x0=0.3, weight=1.5)
    assert got == pytest.approx(expected, rel=1e-12)
    assert act.gradient_through_depth(name, 1).tolist() == pytest.approx([abs(df(0.5))])


def test_gelu_approximation_error_against_a_grid():
    z = np.linspace(-10, 10, 20_001)
    gap = np.abs(0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) - act.gelu(z))
    error, where = act.gelu_approximation_error()
    assert error == pytest.approx(gap.max(), rel=1e-3) and abs(abs(where) - abs(z[gap.argmax()])) < 0.01
    small, at = act.gelu_approximation_error(0.0, 1.0, 101)
    assert 0 <= at <= 1 and small < error


# ---------------------------------------------------------------- difference quotients

def cube(t):
    return t**3


@pytest.mark.parametrize("h", [0.5, -0.25])
def test_quotients_against_their_definitions(h):
    x = 2.0
    assert cl.forward_difference(cube, x, h) == pytest.approx(((x + h) ** 3 - x**3) / h, rel=1e-14)
    assert cl.backward_difference(cube, x, h) == pytest.approx((x**3 - (x - h) ** 3) / h, rel=1e-14)
    assert cl.central_difference(cube, x, h) == pytest.approx(((x + h) ** 3 - (x - h) ** 3) / (2 * h), rel=1e-14)
    assert cl.secant_slope(cube, x, h) == cl.forward_difference(cube, x, h)
    # by hand: 3x^2 + 3xh + h^2, 3x^2 - 3xh + h^2, 3x^2 + h^2
    assert cl.forward_difference(cube, x, h) == pytest.approx(12 + 6 * h + h * h, rel=1e-14)
    assert cl.backward_difference(cube, x, h) == pytest.approx(12 - 6 * h + h * h, rel=1e-14)
    assert cl.central_difference(cube, x, h) == pytest.approx(12 + h * h, rel=1e-14)


def test_derivative_with_a_given_step_is_that_quotient():
    for method, expected in (("forward", 15.25), ("backward", 9.25), ("central", 12.25)):
        assert cl.derivative(cube, 2.0, method=method, h=0.5) == pytest.approx(expected, rel=1e-14)
    assert cl.derivative(cube, 2.0, method="complex", h=1e-3) == pytest.approx(12 - 1e-6, rel=1e-14)
    assert cl.derivative(np.exp, 0.4, method="richardson", h=0.2) == pytest.approx(richardson(np.exp, 0.4, h=0.2))


def test_complex_step_is_exact_for_polynomials():
    # Im (x + ih)^3 / h = 3x^2 - h^2, exactly
    for h in (1e-20, 1e-3, 0.5):
        assert cl.complex_step(cube, 2.0, h) == pytest.approx(12 - h * h, rel=1e-15)
    assert cl.complex_step(cube, -1.5, [0.5, 1e-8]).tolist() == pytest.approx([6.75 - 0.25, 6.75], rel=1e-15)


def test_richardson_is_the_extrapolation_it_describes():
    x, h = 0.6, 0.4
    D = lambda s: cl.central_difference(np.exp, x, s)
    assert richardson(np.exp, x, h=h, levels=1) == pytest.approx(D(h), rel=1e-15)
    assert richardson(np.exp, x, h=h, levels=2) == pytest.approx((4 * D(h / 2) - D(h)) / 3, rel=1e-14)
    level2 = lambda s: (4 * D(s / 2) - D(s)) / 3
    assert richardson(np.exp, x, h=h, levels=3) == pytest.approx((16 * level2(h / 2) - level2(h)) / 15, rel=1e-13)
    # a quintic has central-difference error terms in h^2 and h^4 only: three levels remove both
    quintic = lambda t: t**5 - 2 * t**4 + t
    assert richardson(quintic, 1.3, h=0.5, levels=3) == pytest.approx(5 * 1.3**4 - 8 * 1.3**3 + 1, rel=1e-13)


@pytest.mark.parametrize("f, df, x", [(np.exp, np.exp, 1.0), (np.sin, np.cos, -2.3),
                                      (np.log, lambda t: 1 / t, 1e6)])
def test_default_steps_reach_the_accuracy_each_method_allows(f, df, x):
    exact = df(x)
    rel = lambda method: abs(cl.derivative(f, x, method=method) - exact) / abs(exact)
    assert rel("forward") < 1e-7  # first order, rounding-limited near sqrt(eps)
    assert rel("backward") < 1e-7
    assert rel("central") < 1e-9  # second order: about eps^(2/3)
    assert rel("complex") < 4 * EPS
    assert rel("richardson") < 1e-11


def test_difference_table_cell_by_cell():
    hs = [0.5, -0.25, 0.1]
    for method, quotient in (("forward", cl.forward_difference), ("backward", cl.backward_difference),
                             ("central", cl.central_difference)):
        t = difference_table(cube, 2.0, hs, exact=12, method=method)
        assert list(t.columns) == ["h", "slope", "error"]
        for row, h in zip(t.rows, hs):
            assert row[0] == h
            assert row[1] == pytest.approx(quotient(cube, 2.0, h), rel=1e-15)
            assert row[2] == pytest.approx(abs(quotient(cube, 2.0, h) - 12), rel=1e-12)
    plain = difference_table(cube, 2.0, [0.5])
    assert list(plain.columns) == ["h", "slope"] and plain.rows[0][1] == pytest.approx(15.25)
    assert repr(difference_table(cube, 2.0, [0.5], exact=12)).splitlines()[-1].split() == ["0.5", "15.25", "3.25"]


def test_difference_table_shows_eight_digits():
    # (1.1^3 - 1) / 7 / 0.1 = 0.47285714285..., and its error against 3/7 is 0.04428571428...
    t = difference_table(lambda u: u**3 / 7, 1.0, [0.1], exact=3 / 7)
    assert repr(t).splitlines()[-1].split() == ["0.1", "0.47285714", "0.044285714"]
    assert repr(difference_table(lambda u: u**3 / 7, 1.0, [0.1])).splitlines()[-1].split() == ["0.1", "0.47285714"]


def test_error_study_against_direct_errors():
    hs = [1e-1, 1e-3, 1e-2, -1e-4]
    study = error_study(np.sin, np.cos, 0.8, hs)
    assert study.h.tolist() == [1e-4, 1e-3, 1e-2, 1e-1]  # sorted, signs dropped
    for method, quotient in (("forward", cl.forward_difference), ("central", cl.central_difference)):
        direct = [abs(quotient(np.sin, 0.8, h) - np.cos(0.8)) for h in study.h]
        assert study.errors[method] == pytest.approx(direct, rel=1e-12)
    assert study.best_step("forward") == 1e-4 and study.best_step("central") == 1e-4
    complex_direct = [abs(cl.complex_step(np.sin, 0.8, h) - np.cos(0.8)) for h in study.h]
    assert study.errors["complex"] == pytest.approx(complex_direct, rel=1e-9)
    assert study.observed_order("forward", 1e-3, 1e-1) == pytest.approx(1, abs=0.05)
    assert study.observed_order("central", 1e-1, 1e-2) == pytest.approx(2, abs=0.05)
    text = repr(study)
    assert re.split(r"\s{2,}", text.splitlines()[0].strip()) == ["method", "best h", "smallest error"]
    assert "forward" in text and "central" in text and "complex" in text and "best h" in text
    assert repr(study).splitlines()[2].split()[:2] == ["forward", "0.0001"]


# ---------------------------------------------------------------- limits

def test_approach_table_cell_by_cell():
    F = cl.Quotient(lambda x: x**3 - 8, lambda x: x - 2)  # x^2 + 2x + 4 away from 2; limit 12
    t = approach_table(F, 2, steps=(0.5, 0.1))
    g = lambda x: x * x + 2 * x + 4
    assert list(t.table().columns) == ["side", "x", "f(x)"]
    rows = t.table().rows
    assert [r[0] for r in rows] == ["left", "left", "right", "right"]
    assert [r[1] for r in rows] == pytest.approx([1.5, 1.9, 2.1, 2.5])
    assert [r[2] for r in rows] == pytest.approx([g(1.5), g(1.9), g(2.1), g(2.5)], rel=1e-14)
    assert t.left_estimate == pytest.approx(g(1.9)) and t.right_estimate == pytest.approx(g(2.1))
    assert t.a == 2.0 and t.at_a == cl.Undefined("0/0")
    title = repr(t).splitlines()[0]
    assert "x = 2" in title and "undefined (0/0)" in title
    lopsided = approach_table(lambda x: np.where(x < 0, -x, 3 * x), 0.0, steps=[0.2])
    assert lopsided.left_fx.tolist() == [0.2] and lopsided.right_fx.tolist() == pytest.approx([0.6])
    assert lopsided.at_a == 0.0


def test_stored_step_table_cell_by_cell():
    s = stored_step(1.0, 1e-15)
    f = lambda t: t * t
    rise = f(1.0 + 1e-15) - f(1.0)
    rows = s.table(f).rows
    assert [r[0] for r in rows] == ["the step you typed", "the step actually stored"]
    assert rows[0][1] == 1e-15 and rows[1][1] == (1.0 + 1e-15) - 1.0
    assert rows[0][2] == rise / 1e-15 and rows[1][2] == rise / ((1.0 + 1e-15) - 1.0)
    assert stored_step(0.0, 1e-15).stored == 1e-15  # no rounding next to 0
    assert stored_step(2.0, 0.5).stored == 0.5
    assert "1.1102230246251565e-15" in repr(s)
    table = s.table(f)
    assert list(table.columns) == ["dividing by", "h", "quotient"]
    text = repr(table)  # every digit shown: the point of this table
    assert "1.1102230246251565e-15" in text and "1e-15" in text and repr(rise / 1e-15) in text


# ---------------------------------------------------------------- several variables

def lopsided(p):
    return p[0] ** 3 + 5 * p[1] - np.sin(p[2]) * p[0]


def lopsided_gradient(p):
    return np.array([3 * p[0] ** 2 - np.sin(p[2]), 5.0, -np.cos(p[2]) * p[0]])


def test_gradient_and_partials_at_first_and_last_index():
    x = np.array([1.2, -0.4, 2.1])
    exact = lopsided_gradient(x)
    assert numerical_gradient(lopsided, x) == pytest.approx(exact, rel=1e-8)
    for i in range(3):
        assert partial_derivative(lopsided, x, i) == pytest.approx(exact[i], rel=1e-8)
    assert partial_derivative(lopsided, x, np.int64(2)) == pytest.approx(exact[2], rel=1e-8)
    assert partial_derivative(lambda p: 7 * p[0], [3.0], 0) == pytest.approx(7.0)


def test_gradient_with_a_given_step_is_the_central_quotient():
    # ∂/∂x0 of x0^3 at 2 with h = 0.5: (2.5^3 - 1.5^3) / 1 = 12.25
    g = numerical_gradient(lambda p: p[0] ** 3 + p[1] ** 2, [2.0, -1.0], h=0.5)
    assert g == pytest.approx([12.25, -2.0], rel=1e-14)
    assert partial_derivative(lambda p: p[0] ** 3 + p[1] ** 2, [2.0, -1.0], 0, h=0.5) == pytest.approx(12.25)


def test_default_step_scales_with_the_coordinate():
    x = np.array([1e6, 0.3])
    g = numerical_gradient(lambda p: np.log(p[0]) + np.exp(p[1]), x)
    assert g == pytest.approx([1e-6, np.exp(0.3)], rel=1e-9)
    J = numerical_jacobian(lambda p: np.array([np.log(p[0]), p[1] ** 3]), x)
    assert J == pytest.approx(np.array([[1e-6, 0.0], [0.0, 3 * 0.09]]), rel=1e-9, abs=1e-12)


def test_gradient_accepts_a_one_element_answer():
    assert numerical_gradient(lambda p: np.array([p[0] * p[1]]), [2.0, 3.0]) == pytest.approx([3.0, 2.0])


def test_jacobian_of_a_wide_and_a_tall_map():
    x = np.array([0.5, -1.0, 2.0])
    wide = lambda p: np.array([p[0] * p[2], p[1] ** 2 - p[0]])
    assert numerical_jacobian(wide, x) == pytest.approx(np.array([[2.0, 0, 0.5], [-1.0, -2.0, 0]]), abs=1e-9)
    tall = lambda p: np.array([p[0], p[0] * p[1], np.exp(p[1])])
    J = numerical_jacobian(tall, [0.3, -0.2])
    assert J == pytest.approx(np.array([[1.0, 0], [-0.2, 0.3], [0, np.exp(-0.2)]]), abs=1e-9)
    scalar = numerical_jacobian(lambda p: p[0] * p[1], [2.0, 5.0])
    assert scalar.shape == (1, 2) and scalar == pytest.approx(np.array([[5.0, 2.0]]))
    assert numerical_jacobian(wide, x, h=0.5) == pytest.approx(np.array([[2.0, 0, 0.5], [-1.0, -2.0, 0]]), abs=1e-12)


def test_linearization_table_cell_by_cell():
    f = lambda p: np.array([p[0] ** 2 + p[1], p[0] * p[1], -p[1] ** 2])
    x0, dx = [3.0, 2.0], [0.1, -0.2]
    lin = linearize(f, x0, dx)
    J = np.array([[6.0, 1.0], [2.0, 3.0], [0.0, -4.0]])
    predicted = J @ dx
    actual = f(np.add(x0, dx)) - f(np.array(x0))
    table = lin.table()
    assert list(table.columns) == ["output", "at x0", "predicted change J·dx", "actual change", "gap"]
    for i, row in enumerate(table.rows):
        assert row[0] == f"y{i + 1}"
        assert row[1] == pytest.approx(f(np.array(x0))[i])
        assert row[2] == pytest.approx(predicted[i], abs=1e-9)
        assert row[3] == pytest.approx(actual[i], rel=1e-12)
        assert row[4] == pytest.approx(actual[i] - predicted[i], abs=1e-9)  # actual minus predicted
    # the gap of x0^2 + y is dx0^2 > 0; of x0 x1 it is dx0 dx1 < 0; of -x1^2 it is -dx1^2 < 0
    assert [np.sign(row[4]) for row in table.rows] == [1, -1, -1]
    assert lin.gap == pytest.approx(np.linalg.norm(actual - predicted), rel=1e-6)
    assert repr(lin) == repr(table) and "<table>" in lin._repr_html_()
    given = linearize(f, x0, dx, jacobian=J)
    assert given.predicted == pytest.approx(predicted, rel=1e-15)
    # a Jacobian worked out with sympy (as notebook 06 does) gives plain floats too
    symbolic = linearize(f, x0, dx, jacobian=sp.Matrix([[6, 1], [2, 3], [0, -4]]))
    assert symbolic.predicted.dtype == float and symbolic.predicted == pytest.approx(predicted, rel=1e-15)
    assert given.x0.tolist() == x0 and given.dx.tolist() == dx and given.y0 == pytest.approx(f(np.array(x0)))


def test_path_sum_table_cell_by_cell():
    x, u, w = sp.symbols("x u w")
    s = path_sum(u**2 * w, [(u, 3 * x), (w, sp.exp(x))], x, 0.5)
    uu, ww = 1.5, math.exp(0.5)
    outer = [2 * uu * ww, uu**2]
    inner = [3.0, math.exp(0.5)]
    rows = s.table().rows
    assert [r[0] for r in rows] == ["x → u → z", "x → w → z", "sum over paths"]
    assert [r[1] for r in rows[:2]] == pytest.approx(outer) and [r[2] for r in rows[:2]] == pytest.approx(inner)
    assert [r[3] for r in rows[:2]] == pytest.approx([o * i for o, i in zip(outer, inner)])
    assert rows[2][3] == pytest.approx(float(sp.diff((3 * x) ** 2 * sp.exp(x), x).subs(x, 0.5)))
    assert rows[2][1:3] == ("", "")  # the sum row has no factors of its own
    assert s.names == ("u", "w") and s.x_name == "x"
    assert list(s.table().columns) == ["path", "∂z/∂y", "dy/dx", "product"]
    assert repr(s) == repr(s.table()) and "<table>" in s._repr_html_()


def test_matrix_text_rounds_for_display():
    assert matrix_text([[1 / 3, -2.0]], digits=3) == "[[0.333, -2]]"
    assert matrix_text([[1 / 3]]) == "[[0.333333]]"
    assert matrix_text(5.0) == "[[5]]"


def test_unit_vectors_and_steepest_ascent():
    for theta in (0.0, 0.4, 2.0, -1.0):
        assert unit_vector(theta) == pytest.approx([math.cos(theta), math.sin(theta)], abs=1e-15)
    assert unit_vector(np.pi).tolist() == [-1.0, 0.0]
    assert str(unit_vector(-np.pi).tolist()) == "[-1.0, 0.0]"  # sin(-π) is -1.2e-16: shown as 0, not -0
    assert steepest_ascent([-3.0, 4.0]).tolist() == pytest.approx([-0.6, 0.8])
    assert cl.gradients.directional_derivative([-3.0, 4.0], unit_vector(0.4)) == pytest.approx(
        -3 * math.cos(0.4) + 4 * math.sin(0.4))


@pytest.mark.parametrize("values, parameters", [(10, 6), (7, 5), (2, 64), (3, 1), (1, 5)])
def test_brute_force_counts_against_python_integers(values, parameters):
    search = brute_force(values, parameters)
    count = values**parameters
    assert search.count == count
    assert search.exponent == pytest.approx(math.log10(count), abs=1e-12)
    assert f"a number with {len(str(count))} digits" in repr(search)
    assert f"{values} values for each of {parameters} parameters" in repr(search)


# ---------------------------------------------------------------- derivative(f, x) against exact slopes

EXACT_SLOPES = {  # f, exact f' (math), points: ordinary, far from 0, close to a domain edge
    "sin": (np.sin, math.cos, [0.5, -2.5, 1000.0]),
    "exp": (np.exp, math.exp, [1.0, -2.5, 700.0]),
    "ln": (np.log, lambda t: 1 / t, [2.5, 1e-3, 1e-8]),
    "sqrt": (np.sqrt, lambda t: 0.5 / math.sqrt(t), [100.0, 1e-3, 1e-8]),
    "1/x": (lambda t: 1 / t, lambda t: -1 / t**2, [0.5, -1e-3]),
    "x^3": (lambda t: t**3, lambda t: 3 * t**2, [1e-3, -2.5]),
    "exp(-x^2)": (lambda t: np.exp(-t * t), lambda t: -2 * t * math.exp(-t * t), [0.5, 2.0]),
}


@pytest.mark.parametrize("name", sorted(EXACT_SLOPES))
def test_default_derivative_against_exact_slopes(name):
    """The default (adaptive Richardson) estimate is right to 1e-12, near domain edges and far from 0 too."""
    f, df, points = EXACT_SLOPES[name]
    for x in points:
        d = cl.derivative(f, x)
        assert float(d) == pytest.approx(df(x), rel=1e-12), (name, x)
        assert d.success and 0 <= d.error <= 1e-8 * abs(df(x))
        assert cl.richardson(f, x) == pytest.approx(df(x), rel=1e-12)


@pytest.mark.parametrize("f, x, left, right", [(np.abs, 0.0, "-1", "1"), (lambda t: 3 * np.abs(t - 1) + t, 1.0, "-2", "4")])
def test_derivative_names_both_slopes_at_a_kink(f, x, left, right):
    with pytest.raises(ValueError, match=rf"^f has no derivative at `x` = {x:g}: the slope from the left is about {left}, "
                                         rf"from the right about {right} \(a kink or a jump\)$"):
        cl.derivative(f, x)


def test_steps_too_large_or_too_small_for_a_float():
    with pytest.raises(ValueError, match=r"^`h` = 1e\+308 is too large: x ± h and 2h must stay below the largest float "
                                         r"\(about 1.8e308\)$"):
        cl.derivative(np.sin, 1.0, h=1e308, method="central")
    with pytest.raises(ValueError, match=r"^`h` = 1e\+308 is too large"):
        cl.derivative(np.sin, -1.0, h=[0.1, 1e308], method="forward")
    with pytest.raises(ValueError, match=r"^`h` = 1e-17 vanishes against x = 1: x \+ 1e-17 == x in floating point"):
        cl.derivative(np.sin, 1.0, h=1e-17, method="central")
    assert cl.derivative(np.sin, 1.0, h=1e300, method="forward") == pytest.approx((np.sin(1 + 1e300) - np.sin(1)) / 1e300)
    assert math.isfinite(cl.derivative(np.sin, 0.0, h=7e307, method="central"))  # 2h = 1.4e308 is still a float
    for x in (1.7e308, -1.7e308):  # 2h is a float, but x + h or x - h is not
        with pytest.raises(ValueError, match=r"^`h` = 8e\+307 is too large"):
            cl.derivative(np.sin, x, h=8e307, method="forward")


def test_derivative_at_the_very_edge_of_the_domain_falls_back_to_one_sided_differences():
    right = cl.derivative(lambda t: np.where(t >= 0, np.exp(t) + 2 * t, np.nan), 0.0)  # defined for t >= 0 only
    assert float(right) == pytest.approx(3.0, rel=1e-12) and right.method == "adaptive (forward)" and right.success
    left = cl.derivative(lambda t: np.where(t <= 1, np.sin(t), np.nan), 1.0)  # defined for t <= 1 only
    assert float(left) == pytest.approx(math.cos(1.0), rel=1e-12) and left.method == "adaptive (backward)"
    inside = cl.derivative(np.log, 1e-8)  # central differences, once the steps are below 1e-8
    assert inside.method == "adaptive (central)" and float(inside) == pytest.approx(1e8, rel=1e-12)
    assert cl.derivative(np.sin, 2513.7) == pytest.approx(math.cos(2513.7), rel=1e-12)  # a first step near 2π aliases


def test_default_derivative_next_to_the_largest_float(recwarn):
    """x ± h overflows there for the first steps: they are skipped, quietly (found by the property test)."""
    x = 1.7976909404153672e308
    assert cl.derivative(np.sqrt, x) == pytest.approx(0.5 / math.sqrt(x), rel=1e-9)
    assert cl.derivative(np.log, x) == pytest.approx(1 / x, rel=1e-9)
    assert cl.derivative(lambda t: -t, -x) == pytest.approx(-1.0, rel=1e-12)
    with pytest.raises(ValueError, match="^no estimate of f'\\(x\\) settles at `x` = 1.79769e\\+308"):
        cl.derivative(np.log, np.finfo(float).max)  # no step fits on the far side
    assert not recwarn.list


def test_derivative_reports_how_often_it_evaluated_f():
    points = [0]

    def counted(t):
        points[0] += np.size(t)
        return np.sin(t)

    d = cl.derivative(counted, 1.0)
    assert d.evaluations == points[0]  # the tableau's points, f(x), the probes and the cross-check
    points[0] = 0

    def root(t):
        points[0] += np.size(t)
        return np.sqrt(t)

    edge = cl.derivative(root, 1e-3)  # near the edge of the domain: one-sided, after probing and retrying
    assert edge.evaluations == points[0] and edge == pytest.approx(0.5 / math.sqrt(1e-3), rel=1e-9)


def test_derivative_passes_its_options_on():
    with pytest.raises(ValueError, match=r"^`h` cannot be given with method='auto', which chooses its own steps; pick "
                                         r"method='central' \(or another\) to use your own step$"):
        cl.derivative(np.sin, 1.0, h=0.1)
    with pytest.raises(TypeError, match="^`x`"):
        cl.derivative(np.sin, "1", method="central")
    assert cl.derivative(np.sin, 1.0).rtol == 1e-8 and cl.richardson(np.sin, 1.0).rtol == 1e-8  # the documented default
    assert cl.derivative(np.sin, 1.0).success and not cl.derivative(np.sin, 1.0, rtol=1e-20).success
    own = cl.derivative(np.sin, 1.0, method="richardson", h=0.1)
    assert own.method == "richardson" and own.step == 0.1 and own.evaluations == 2 * 5 + 1  # 5 levels by default
    assert not cl.derivative(np.sin, 1.0, method="richardson", h=0.1, rtol=1e-20).success
    with pytest.raises(ValueError, match=r"^`levels` must be at most 30 \(more halvings only add rounding error\), got 31$"):
        cl.richardson(np.sin, 1.0, h=0.1, levels=31)
    with pytest.raises(ValueError, match="^`rtol`"):
        cl.richardson(np.sin, 1.0, rtol=0.0)
    with pytest.raises(ValueError, match=r"^the complex step is not finite for f at x = 0 \(f must be analytic there\)$"):
        error_study(lambda t: 1 / (t**2 + 1), lambda t: -2 * t / (t**2 + 1) ** 2, 0.0)  # x + ih meets the pole at i


def test_the_newer_operations_are_named_in_traces_and_reprs():
    a, b = Value(0.5, "a"), Value(2.0, "b")
    for op, node in {"abs": abs(a), "sqrt": a.sqrt(), "tan": a.tan(), "^": a**b}.items():
        assert node.op == op and repr(node).startswith(f"Value({op} = ")
