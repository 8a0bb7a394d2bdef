"""Edges and wrong paths: first and last index, lopsided functions, bounds, bad input, the checker's no-paths.

Each bad input gets its own ``pytest.raises``, matched on the argument's name in backticks (the
convention of calclib/_validate.py), not on the rest of the wording.
"""
import math
import re
import warnings

import numpy as np
import pytest
import sympy as sp

import calclib as cl
from calclib import activations as act
from calclib import softmax as sm
from calclib.autograd import Value, check_gradients, cost_table, engine_gradient
from calclib.differences import default_step, difference_table, error_study, richardson
from calclib.exercises import Choice, Array, Exercise, Expression, Feedback, Interval, Number, check, exercises, register
from calclib.gradients import (
    brute_force, directional_derivative, numerical_gradient, partial_derivative, steepest_ascent, unit_vector,
)
from calclib.jacobian import linearize, matrix_text, numerical_jacobian, path_sum
from calclib.limits import EpsilonDelta, LimitResult, Quotient, delta_for_epsilon, stored_step, value_at

F = Quotient(lambda x: x**2 - 1, lambda x: x - 1)
x_sym = sp.Symbol("x")
KEYS2, VALUES2 = [[1.0, 0.0], [0.0, 1.0]], [[1.0], [2.0]]


def named(name):
    """The error names the argument in backticks (a regular expression)."""
    return f"`{name}`"


BAD_INPUT = [
    # differences
    ("forward f", TypeError, "f", lambda: cl.forward_difference("sin", 1.0, 0.1)),
    ("backward f", TypeError, "f", lambda: cl.backward_difference(None, 1.0, 0.1)),
    ("central x text", TypeError, "x", lambda: cl.central_difference(np.sin, "1", 0.1)),
    ("central x bool", TypeError, "x", lambda: cl.central_difference(np.sin, True, 0.1)),
    ("central x inf", ValueError, "x", lambda: cl.central_difference(np.sin, math.inf, 0.1)),
    ("forward x outside domain", ValueError, "x", lambda: cl.forward_difference(np.log, -1.0, 0.1)),
    ("forward x raises", ValueError, "x", lambda: cl.forward_difference(lambda t: 1 / t, 0, 0.1)),
    ("backward h zero", ValueError, "h", lambda: cl.backward_difference(np.sin, 1.0, 0.0)),
    ("central h nan", ValueError, "h", lambda: cl.central_difference(np.sin, 1.0, [0.1, np.nan])),
    ("forward h text", TypeError, "h", lambda: cl.forward_difference(np.sin, 1.0, "small")),
    ("complex f real only", ValueError, "f", lambda: cl.complex_step(math.exp, 1.0)),
    ("complex f drops imaginary", ValueError, "f", lambda: cl.complex_step(lambda t: np.asarray(t, dtype=float), 1.0)),
    ("complex h zero", ValueError, "h", lambda: cl.complex_step(np.sin, 1.0, 0.0)),
    ("complex x text", TypeError, "x", lambda: cl.complex_step(np.sin, "1")),
    ("complex f", TypeError, "f", lambda: cl.complex_step(1.0, 1.0)),
    ("richardson levels 0", ValueError, "levels", lambda: richardson(np.sin, 1.0, levels=0)),
    ("richardson levels float", (TypeError, ValueError), "levels", lambda: richardson(np.sin, 1.0, levels=2.5)),
    ("richardson levels bool", (TypeError, ValueError), "levels", lambda: richardson(np.sin, 1.0, levels=True)),
    ("richardson h array", ValueError, "h", lambda: richardson(np.sin, 1.0, h=[0.1, 0.05])),
    ("richardson h zero", ValueError, "h", lambda: richardson(np.sin, 1.0, h=0.0)),
    ("derivative method", ValueError, "method", lambda: cl.derivative(np.sin, 1.0, method="Central")),
    ("derivative x", TypeError, "x", lambda: cl.derivative(np.sin, [1.0, 2.0])),
    ("derivative x richardson", TypeError, "x", lambda: cl.derivative(np.sin, "1", method="richardson")),
    ("derivative x domain", ValueError, "x", lambda: cl.derivative(np.log, -2.0, method="complex")),
    ("table method", ValueError, "method", lambda: difference_table(np.sin, 1.0, [0.1], method="complex")),
    ("table hs zero", ValueError, "hs", lambda: difference_table(np.sin, 1.0, [0.1, 0.0])),
    ("table exact", TypeError, "exact", lambda: difference_table(np.sin, 1.0, [0.1], exact="cos(1)")),
    ("study dfdx", TypeError, "dfdx", lambda: error_study(np.sin, None, 1.0)),
    ("study hs zero", ValueError, "hs", lambda: error_study(np.sin, np.cos, 1.0, [0.1, 0.0])),
    ("study x", TypeError, "x", lambda: error_study(np.sin, np.cos, "one")),
    ("study method", ValueError, "method", lambda: error_study(np.sin, np.cos, 1.0).best_step("backward")),
    # autograd
    ("Value text", TypeError, "data", lambda: Value("2")),
    ("Value bool", TypeError, "data", lambda: Value(True)),
    ("Value nan", ValueError, "data", lambda: Value(math.nan)),
    ("Value -inf", ValueError, "data", lambda: Value(-math.inf)),
    ("engine fn", TypeError, "fn", lambda: engine_gradient(lambda a: [a], [1.0])),
    # softmax
    ("softmax 2-D", ValueError, "z", lambda: sm.softmax([[1.0], [2.0]])),
    ("softmax empty", ValueError, "z", lambda: sm.softmax(np.array([]))),
    ("softmax inf", ValueError, "z", lambda: sm.softmax([1.0, np.inf])),
    ("softmax text", TypeError, "z", lambda: sm.softmax(["a", "b"])),
    ("softmax T zero", ValueError, "temperature", lambda: sm.softmax([1.0, 2.0], temperature=0.0)),
    ("softmax T negative", ValueError, "temperature", lambda: sm.softmax([1.0, 2.0], temperature=-1.0)),
    ("softmax T text", TypeError, "temperature", lambda: sm.softmax([1.0, 2.0], temperature="hot")),
    ("softmax T bool", TypeError, "temperature", lambda: sm.softmax([1.0, 2.0], temperature=True)),
    ("jacobian T", ValueError, "temperature", lambda: sm.softmax_jacobian([1.0, 2.0], temperature=-2.0)),
    ("jacobian z", ValueError, "z", lambda: sm.softmax_jacobian([])),
    ("naive z", ValueError, "z", lambda: sm.naive_softmax([[1.0]])),
    ("logsumexp z", ValueError, "z", lambda: sm.logsumexp([np.nan])),
    ("cross-entropy z", ValueError, "z", lambda: sm.cross_entropy([], [])),
    ("cross-entropy target shape", ValueError, "target", lambda: sm.cross_entropy([1.0, 2.0], [1.0, 0.0, 0.0])),
    ("cross-entropy target 2-D", ValueError, "target", lambda: sm.cross_entropy([1.0, 2.0], [[1.0, 0.0]])),
    ("cross-entropy target negative", ValueError, "target", lambda: sm.cross_entropy([1.0, 2.0], [1.5, -0.5])),
    ("cross-entropy target nan", ValueError, "target", lambda: sm.cross_entropy([1.0, 2.0], [np.nan, 1.0])),
    ("gradient target shape", ValueError, "target", lambda: sm.cross_entropy_gradient([1.0, 2.0], [1.0])),
    ("gradient target negative", ValueError, "target", lambda: sm.cross_entropy_gradient([1.0, 2.0], [-1.0, 2.0])),
    ("attention keys 1-D", ValueError, "keys", lambda: sm.attention([1.0, 2.0], [1.0, 2.0], VALUES2)),
    ("attention keys width", ValueError, "keys", lambda: sm.attention([1.0, 2.0, 3.0], KEYS2, VALUES2)),
    ("attention keys nan", ValueError, "keys", lambda: sm.attention([1.0, 2.0], [[1.0, np.nan], [0, 1]], VALUES2)),
    ("attention values rows", ValueError, "values", lambda: sm.attention([1.0, 2.0], KEYS2, [[1.0]])),
    ("attention values 1-D", ValueError, "values", lambda: sm.attention([1.0, 2.0], KEYS2, [1.0, 2.0])),
    ("attention values nan", ValueError, "values", lambda: sm.attention([1.0, 2.0], KEYS2, [[1.0], [np.inf]])),
    ("attention query", TypeError, "query", lambda: sm.attention([1.0, "2"], KEYS2, VALUES2)),
    ("attention query inf", ValueError, "query", lambda: sm.attention([1.0, math.inf], KEYS2, VALUES2)),
    # activations
    ("sigmoid nan", ValueError, "z", lambda: act.sigmoid(np.nan)),
    ("sigmoid text", TypeError, "z", lambda: act.sigmoid("zero")),
    ("sigmoid' inf", ValueError, "z", lambda: act.sigmoid_derivative(np.inf)),
    ("tanh inf", ValueError, "z", lambda: act.tanh([0.0, -np.inf])),
    ("tanh' nan", ValueError, "z", lambda: act.tanh_derivative(np.nan)),
    ("relu inf", ValueError, "z", lambda: act.relu(np.inf)),
    ("relu' z", ValueError, "z", lambda: act.relu_derivative(np.nan)),
    ("relu' at_zero high", ValueError, "at_zero", lambda: act.relu_derivative(0.0, at_zero=1.5)),
    ("relu' at_zero low", ValueError, "at_zero", lambda: act.relu_derivative(0.0, at_zero=-0.5)),
    ("relu' at_zero text", TypeError, "at_zero", lambda: act.relu_derivative(0.0, at_zero="one")),
    ("gelu nan", ValueError, "z", lambda: act.gelu(np.nan)),
    ("gelu' nan", ValueError, "z", lambda: act.gelu_derivative(np.nan)),
    ("gelu tanh nan", ValueError, "z", lambda: act.gelu_tanh(np.nan)),
    ("gelu tanh' nan", ValueError, "z", lambda: act.gelu_tanh_derivative(np.nan)),
    ("normal cdf nan", ValueError, "z", lambda: act.normal_cdf(np.nan)),
    ("depth name", ValueError, "name", lambda: act.gradient_through_depth("swish", 3)),
    ("depth zero", ValueError, "depth", lambda: act.gradient_through_depth("tanh", 0)),
    ("depth float", (TypeError, ValueError), "depth", lambda: act.gradient_through_depth("tanh", 2.0)),
    ("depth bool", (TypeError, ValueError), "depth", lambda: act.gradient_through_depth("tanh", True)),
    ("depth x0", TypeError, "x0", lambda: act.gradient_through_depth("tanh", 2, x0="half")),
    # gradients
    ("gradient f", TypeError, "f", lambda: numerical_gradient("f", [1.0])),
    ("gradient f vector", ValueError, "f", lambda: numerical_gradient(lambda p: p * 2, [1.0, 2.0])),
    ("gradient x 2-D", ValueError, "x", lambda: numerical_gradient(np.sum, [[1.0], [2.0]])),
    ("gradient x empty", ValueError, "x", lambda: numerical_gradient(np.sum, [])),
    ("gradient x nan", ValueError, "x", lambda: numerical_gradient(np.sum, [1.0, np.nan])),
    ("gradient x domain", ValueError, "x", lambda: numerical_gradient(lambda p: np.sqrt(p[0]), [-1.0])),
    ("gradient h zero", ValueError, "h", lambda: numerical_gradient(np.sum, [1.0], h=0.0)),
    ("partial i too big", ValueError, "i", lambda: partial_derivative(np.sum, [1.0, 2.0], 2)),
    ("partial i negative", ValueError, "i", lambda: partial_derivative(np.sum, [1.0, 2.0], -1)),
    ("partial i bool", ValueError, "i", lambda: partial_derivative(np.sum, [1.0, 2.0], False)),
    ("partial i float", ValueError, "i", lambda: partial_derivative(np.sum, [1.0, 2.0], 1.0)),
    ("partial x", ValueError, "x", lambda: partial_derivative(np.sum, [[1.0, 2.0]], 0)),
    ("unit angle", TypeError, "angle", lambda: unit_vector("north")),
    ("unit angle inf", ValueError, "angle", lambda: unit_vector(math.inf)),
    ("directional u length", ValueError, "u", lambda: directional_derivative([1.0, 2.0], [0.5, 0.5])),
    ("directional u shape", ValueError, "u", lambda: directional_derivative([1.0, 2.0], [1.0])),
    ("directional u 2-D", ValueError, "u", lambda: directional_derivative([1.0, 0.0], [[1.0, 0.0]])),
    ("directional gradient", ValueError, "gradient", lambda: directional_derivative([[1.0, 2.0]], [1.0, 0.0])),
    ("steepest zero", ValueError, "gradient", lambda: steepest_ascent([0.0, 0.0, 0.0])),
    ("steepest empty", ValueError, "gradient", lambda: steepest_ascent([])),
    ("brute values", ValueError, "values_per_parameter", lambda: brute_force(0, 3)),
    ("brute values bool", ValueError, "values_per_parameter", lambda: brute_force(True, 3)),
    ("brute values float", ValueError, "values_per_parameter", lambda: brute_force(2.0, 3)),
    ("brute parameters", ValueError, "parameters", lambda: brute_force(10, -1)),
    # jacobian
    ("jacobian f", TypeError, "f", lambda: numerical_jacobian(None, [1.0])),
    ("jacobian f matrix", ValueError, "f", lambda: numerical_jacobian(lambda p: np.outer(p, p), [1.0, 2.0])),
    ("jacobian x", ValueError, "x", lambda: numerical_jacobian(np.sin, [[1.0]])),
    ("jacobian x domain", ValueError, "x", lambda: numerical_jacobian(lambda p: np.log(p), [1.0, -1.0])),
    ("jacobian h", ValueError, "h", lambda: numerical_jacobian(np.sin, [1.0], h=0.0)),
    ("linearize x0", ValueError, "x0", lambda: linearize(np.sin, [[1.0]], [0.1])),
    ("linearize dx", ValueError, "dx", lambda: linearize(np.sin, [1.0, 2.0], [0.1, 0.2, 0.3])),
    ("linearize dx nan", ValueError, "dx", lambda: linearize(np.sin, [1.0], [np.nan])),
    ("linearize jacobian", ValueError, "jacobian", lambda: linearize(np.sin, [1.0, 2.0], [0.1, 0.1],
                                                                     jacobian=[[1.0, 0.0]])),
    ("path x_symbol", TypeError, "x_symbol", lambda: path_sum(x_sym, [], "x", 1.0)),
    ("path intermediates", TypeError, r"intermediates(\[0\])?", lambda: path_sum(x_sym, [(x_sym,)], x_sym, 1.0)),
    ("path intermediates symbol", TypeError, r"intermediates(\[0\])?", lambda: path_sum(x_sym, [("y", x_sym)], x_sym, 1.0)),
    ("path x0", TypeError, "x0", lambda: path_sum(x_sym, [], x_sym, "1")),
    # limits
    ("Quotient numerator", TypeError, "numerator", lambda: Quotient(2.0, np.sin)),
    ("Quotient denominator", TypeError, "denominator", lambda: Quotient(np.sin, 2.0)),
    ("value_at f", TypeError, "f", lambda: value_at("f", 1.0)),
    ("value_at x", TypeError, "x", lambda: value_at(F, "1")),
    ("value_at x bool", TypeError, "x", lambda: value_at(F, False)),
    ("approach f", TypeError, "f", lambda: cl.approach_table(None, 1.0)),
    ("approach a", ValueError, "a", lambda: cl.approach_table(F, math.inf)),
    ("approach steps", ValueError, "steps", lambda: cl.approach_table(F, 1.0, steps=[0.0])),
    ("limit expr", TypeError, "expr", lambda: cl.symbolic_limit(1, x_sym, 0)),
    ("limit symbol", TypeError, "symbol", lambda: cl.symbolic_limit(x_sym, x_sym + 1, 0)),
    ("delta f", TypeError, "f", lambda: delta_for_epsilon(1.0, 0.0, 0.0, 0.1)),
    ("delta a", TypeError, "a", lambda: delta_for_epsilon(F, "1", 2.0, 0.1)),
    ("delta limit", TypeError, "limit", lambda: delta_for_epsilon(F, 1.0, None, 0.1)),
    ("delta limit inf", ValueError, "limit", lambda: delta_for_epsilon(F, 1.0, math.inf, 0.1)),
    ("delta epsilon negative", ValueError, "epsilon", lambda: delta_for_epsilon(F, 1.0, 2.0, -0.1)),
    ("delta delta_max", ValueError, "delta_max", lambda: delta_for_epsilon(F, 1.0, 2.0, 0.1, delta_max=0.0)),
    ("stored a", TypeError, "a", lambda: stored_step("1", 1e-15)),
    ("stored h", ValueError, "h", lambda: stored_step(1.0, 0.0)),
    ("stored h nan", ValueError, "h", lambda: stored_step(1.0, np.nan)),
    # the checker
    ("check key", KeyError, "key", lambda: check("00.no-such-exercise", 1)),
]


@pytest.mark.parametrize("error, name, call", [case[1:] for case in BAD_INPUT], ids=[case[0] for case in BAD_INPUT])
def test_bad_input_names_the_argument(error, name, call):
    with pytest.raises(error, match=named(name)):
        call()


@pytest.mark.parametrize("call", [
    lambda: Value(-1.0).log(),
    lambda: Value(0.0).log(),
    lambda: Value(2.0) / Value(0.0),
    lambda: 3.0 / Value(0.0),
    lambda: Value(0.0) ** 0.5,
    lambda: Value(0.0) ** -2,
], ids=["log of negative", "log of 0", "divide by 0", "number over 0", "root at 0", "negative power at 0"])
def test_engine_refuses_operations_without_a_finite_value_or_slope(call):
    with pytest.raises((ValueError, ZeroDivisionError)):
        call()


@pytest.mark.parametrize("k", [True, "2", None])
def test_engine_exponent_must_be_a_plain_number(k):  # (a Value exponent is allowed: x**y)
    with pytest.raises(TypeError):
        Value(3.0) ** k


def test_value_accepts_numpy_numbers_and_integers():
    assert Value(np.float64(2.5)).data == 2.5 and Value(np.int64(3)).data == 3.0 and Value(7).data == 7.0
    assert isinstance(Value(7).data, float)


# ---------------------------------------------------------------- first and last index, lopsided functions

@pytest.mark.parametrize("n", [1, 2, 5])
def test_partial_derivative_first_and_last_index(n):
    weights = np.arange(1.0, n + 1) ** 2  # 1, 4, 9, ...: every coordinate has its own slope
    f = lambda p: float(weights @ p + p[0] * p[-1])
    x = np.linspace(-1.0, 2.0, n)
    exact = weights.copy()
    exact[0] += x[-1]
    exact[-1] += x[0]
    assert partial_derivative(f, x, 0) == pytest.approx(exact[0], rel=1e-9)
    assert partial_derivative(f, x, n - 1) == pytest.approx(exact[-1], rel=1e-9)
    assert numerical_gradient(f, x) == pytest.approx(exact, rel=1e-9)


def lopsided_left(x):
    """Steep on the left of 0 (slope -4), gentle on the right (slope 1): |f| < 0.2 needs delta 0.05."""
    return np.where(x < 0, -4.0 * x, x)


def lopsided_right(x):
    return np.where(x < 0, -x, 4.0 * x)


@pytest.mark.parametrize("f", [lopsided_left, lopsided_right])
@pytest.mark.parametrize("a", [0.0, 1.5])
def test_delta_for_epsilon_looks_at_both_sides(f, a):
    g = lambda x: f(np.asarray(x) - a) + 3.0  # the same kink moved to a, limit 3
    result = delta_for_epsilon(g, a, 3.0, 0.2)
    assert result.delta == pytest.approx(0.05, rel=1e-3) and result.delta <= 0.05
    assert result.epsilon == 0.2


def test_delta_for_epsilon_is_capped_and_strict():
    capped = delta_for_epsilon(lambda x: np.full_like(x, 2.0), 0.0, 2.0, 0.1, delta_max=2.5)
    assert capped.delta == 2.5 and capped.epsilon == 0.1
    assert delta_for_epsilon(lambda x: 0.01 * x, 0.0, 0.0, 0.1, delta_max=3.0).delta == 3.0
    # |x| < 0.5 for 0 < |x| < delta: every delta below 0.5 works, 0.5 itself does not (strict inequality)
    d = delta_for_epsilon(lambda x: x, 0.0, 0.0, 0.5, delta_max=0.5).delta
    assert 0.5 - 1e-9 < d < 0.5
    d = delta_for_epsilon(lambda x: x, 0.0, 0.0, 0.5, delta_max=0.8).delta
    assert 0.5 - 1e-9 < d <= 0.5
    # a jump: no delta brings both sides within 0.5 of the left value
    step = lambda x: np.where(x < 1.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="`epsilon`"):
        delta_for_epsilon(step, 1.0, 0.0, 0.5)


def test_delta_for_epsilon_samples_the_grid_it_is_given():
    # a spike at 0.2 + 1/3 is seen by a fine grid, missed by a grid of three points (a - delta, a, a + delta)
    spike = lambda x: np.where(np.abs(x - 0.2 - 1 / 3) < 0.01, 10.0, 0.0)
    assert delta_for_epsilon(spike, 0.2, 0.0, 1.0, samples=3).delta == 1.0
    assert delta_for_epsilon(spike, 0.2, 0.0, 1.0).delta == pytest.approx(1 / 3 - 0.01, rel=1e-2)


def test_forward_with_a_negative_step_is_the_backward_quotient():
    f = lambda t: t**3 - 2 * t
    for h in (0.3, 1e-4):
        assert cl.forward_difference(f, 1.2, -h) == pytest.approx(cl.backward_difference(f, 1.2, h), rel=1e-12)
        assert cl.central_difference(f, 1.2, -h) == pytest.approx(cl.central_difference(f, 1.2, h), rel=1e-12)


def test_quotients_return_arrays_for_arrays_and_floats_for_numbers():
    for q in (cl.forward_difference, cl.backward_difference, cl.central_difference, cl.complex_step):
        out = q(np.sin, 0.3, [0.1, 0.01])
        assert isinstance(out, np.ndarray) and out.shape == (2,)
        assert type(q(np.sin, 0.3, 0.1)) is float  # a plain float: a notebook shows 0.95, not np.float64(0.95)
        assert type(q(np.sin, 0.3, np.float64(0.1))) is float
        assert out[1] == pytest.approx(q(np.sin, 0.3, 0.01), rel=1e-15)


def test_complex_step_leaves_other_warnings_alone_and_silences_numpy():
    def noisy(t):
        warnings.warn("a remark from inside f", UserWarning)
        return t**3

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the caller does not want to see the remark
        assert cl.complex_step(noisy, 2.0) == pytest.approx(12.0, rel=1e-15)
    # a branch that overflows but is not taken must not warn (the module's rule: no numpy warnings)
    guarded = lambda t: np.where(np.real(t) > 0, t**2, np.exp(1000 * t))
    assert cl.complex_step(guarded, 1.0) == pytest.approx(2.0, rel=1e-15)


def test_error_study_floors_exact_errors_at_the_rounding_level():
    # the complex step of a line is exact: its error 0 is shown at about half an ulp of f'(x)
    study = error_study(lambda t: 0.001 * t, lambda t: 0.001, 2.0, [1e-20, 1e-10, 1e-3])
    eps = np.finfo(float).eps
    assert np.all(study.errors["complex"] > eps * 0.001 / 4) and np.all(study.errors["complex"] <= eps * 0.001)


def test_quotient_of_a_scalar_only_function_on_many_steps():
    # math.sin takes one float at a time; the quotients still take a list of steps
    out = cl.backward_difference(math.sin, 0.5, [0.1, 0.01])
    assert out == pytest.approx([(math.sin(0.5) - math.sin(0.4)) / 0.1, (math.sin(0.5) - math.sin(0.49)) / 0.01])


def test_approach_table_steps_sign_and_order_do_not_matter():
    a = cl.approach_table(F, 1.0, steps=[-0.1, 0.01])
    b = cl.approach_table(F, 1.0, steps=[0.1, 0.01])
    assert a.left_x.tolist() == b.left_x.tolist() == pytest.approx([0.9, 0.99])
    assert a.right_x.tolist() == pytest.approx([1.01, 1.1])


def test_value_at_every_undefined_form():
    assert value_at(Quotient(lambda x: x + 2.0, lambda x: x), 0.0) == cl.Undefined("2/0")
    assert value_at(Quotient(lambda x: x + 2.0, lambda x: x), 2.0) == 2.0
    assert value_at(lambda x: np.inf * x, 1.0).label == "undefined (f(x) = inf)"
    assert value_at(lambda x: x * x, -3) == 9.0
    Quotient(lambda x: 1 / x, lambda x: 1.0)  # built fine; at 0 the numerator itself is undefined
    assert isinstance(value_at(Quotient(lambda x: 1 / x, lambda x: 1.0), 0.0), cl.Undefined)


def test_limit_result_edges():
    assert LimitResult(sp.Integer(2), sp.Integer(2)).value == 2
    assert LimitResult(sp.Integer(2), sp.Integer(3)).value is None
    assert LimitResult(-sp.oo, -sp.oo).value is None
    assert repr(LimitResult(sp.Integer(1), sp.Integer(1))) == "left limit 1, right limit 1: the limit is 1"
    assert repr(EpsilonDelta(0.25, 0.125)) == "epsilon = 0.25 -> delta = 0.125"
    assert repr(EpsilonDelta(1 / 3, 2 / 3)) == "epsilon = 0.3333 -> delta = 0.6667"
    assert repr(stored_step(1.0, 0.5)) == "a + 0.5 is stored as a + 0.5"
    typed = 1.2345678901234567e-15
    assert repr(stored_step(0.0, typed)) == f"a + {typed!r} is stored as a + {typed!r}"  # every digit typed
    x = sp.Symbol("x")
    assert repr(cl.symbolic_limit(sp.Abs(x) / x, x, 0)).startswith("left limit -1, right limit 1: the limit does not exist")


def test_quotient_is_quiet_and_gives_plain_floats():
    big = Quotient(lambda x: 1e300 + 0 * x, lambda x: x)
    with np.errstate(all="raise"):  # 1e300 / 1e-300 overflows to inf: the answer, without a warning
        assert big(np.array([1e-300, 1.0, 0.0])).tolist()[:2] == [np.inf, 1e300]
        assert np.isnan(big(np.array([0.0]))[0])
    assert type(F(0.9)) is float and type(F(np.float64(0.9))) is float
    title = repr(cl.approach_table(F, 1.0)).splitlines()[0]
    assert "x = 1" in title and "f(1) is undefined (0/0)" in title


# ---------------------------------------------------------------- single elements and large scores

def test_one_logit_and_one_key():
    assert sm.softmax([42.0]).tolist() == [1.0] and sm.softmax_jacobian([-3.0]).tolist() == [[0.0]]
    assert sm.logsumexp([-5.0]) == -5.0 and sm.cross_entropy([7.0], [1.0]) == 0.0
    step = sm.attention([2.0], [[3.0]], [[5.0, -1.0]])
    assert [w.data for w in step.weights] == [1.0] and [o.data for o in step.output] == [5.0, -1.0]
    assert step.scores[0].data == 6.0


def test_softmax_functions_never_warn_even_when_numpy_is_strict():
    # e^-800 underflows to 0, which is the right answer: no warning, even under errstate(all="raise")
    with np.errstate(all="raise"):
        assert sm.logsumexp([0.0, -800.0]) == 0.0
        assert sm.naive_softmax([0.0, -800.0]).tolist() == [1.0, 0.0]
        assert np.isnan(sm.naive_softmax([800.0, 0.0])[0])  # the overflow it exists to show
        assert sm.softmax([0.0, -800.0]).tolist() == [1.0, 0.0]
        assert sm.cross_entropy([0.0, -800.0], [1.0, 0.0]) == 0.0


def test_softmax_of_large_logits_with_a_small_temperature():
    z = np.array([300.0, 299.0, -300.0])
    p = sm.softmax(z, temperature=0.01)
    assert p[0] == 1.0 and p[1] == pytest.approx(math.exp(-100), rel=1e-12) and p[2] == 0.0
    J = sm.softmax_jacobian(z, temperature=0.01)
    assert np.all(np.isfinite(J)) and J[0, 1] == pytest.approx(-math.exp(-100) / 0.01, rel=1e-12)


def test_activations_at_the_ends_of_the_float_range():
    big = np.array([-1e308, 1e308])
    assert act.sigmoid(big).tolist() == [0.0, 1.0] and act.tanh(big).tolist() == [-1.0, 1.0]
    assert act.relu(big).tolist() == [0.0, 1e308] and act.relu_derivative(big).tolist() == [0.0, 1.0]


# ---------------------------------------------------------------- the checker's no-paths

def refusal_id(value) -> str:
    """Ids of (call, error, message) cases: only values that are neither a call, a type nor a message show."""
    return "" if callable(value) or isinstance(value, (type, str)) else str(value)


def short_id(value) -> str:
    """A test id without spaces or line breaks (mutmut passes ids back to pytest on a command line)."""
    return re.sub(r"[^\w.+-]+", "_", repr(value))[:40]


def accepted(kind, answer) -> bool:
    verdict = kind.judge(answer)
    correct = verdict[0] if isinstance(verdict, tuple) else verdict.correct
    assert isinstance(correct, bool)
    return correct


NOT_NUMBERS = ["4", None, [4.0], (4,), {"value": 4}, sp.Symbol("x"), 4 + 0j, np.array([4.0, 4.0])]


@pytest.mark.parametrize("answer", NOT_NUMBERS + [True, False, np.bool_(True)], ids=short_id)
def test_number_refuses_non_numbers_and_booleans(answer):
    assert not accepted(Number(4.0), answer)
    assert not accepted(Number(1.0), answer) if not isinstance(answer, (str, list, tuple, dict)) else True


def test_number_booleans_are_not_one_and_zero():
    assert not accepted(Number(1.0), True) and not accepted(Number(0.0, unit=0.01), False)


def test_number_accepts_every_kind_of_real_number():
    for answer in (4, 4.0, np.float64(4.0), np.int32(4), sp.Integer(4), sp.Rational(8, 2), sp.Float(4.0)):
        assert accepted(Number(4.0), answer), answer


def test_number_tolerances():
    # 3 significant figures of 1000 count in tens, with one unit of slack either way
    assert accepted(Number(1000.0), 1009.0) and accepted(Number(1000.0), 991.0)
    assert not accepted(Number(1000.0), 1016.0) and not accepted(Number(1000.0), 984.0)
    assert accepted(Number(1000.0, digits=6), 1000.001) and not accepted(Number(1000.0, digits=6), 1000.02)
    assert accepted(Number(0.0, unit=0.01), 0.004) and not accepted(Number(0.0, unit=0.01), 0.006)
    assert accepted(Number(0.0, unit=0.01), -0.004)


@pytest.mark.parametrize("answer", NOT_NUMBERS + [True, False], ids=short_id)
def test_interval_refuses_non_numbers_and_booleans(answer):
    assert not accepted(Interval(0.0, 5.0), answer)


def test_interval_includes_its_bounds():
    box = Interval(1e-9, 1e-7)
    assert accepted(box, 1e-9) and accepted(box, 1e-7) and accepted(box, 5e-8)
    # bins of a tenth of a decade: an edge is accepted to within its bin, not beyond
    assert not accepted(box, 0.7e-9) and not accepted(box, 1.3e-7) and not accepted(box, -5e-8)
    assert accepted(Interval(-2.0, 3.0), np.int64(-2)) and accepted(Interval(-2, 3), 3)


@pytest.mark.parametrize("answer", [
    (1.0, 2.0, 3.0), [1.0], 1.0, [[1.0, 2.0]], [[1.0], [2.0]], np.ones((2, 2)), True, "1, 2", None, ["a", "b"],
    [1.0, None], {"x": 1.0},
], ids=short_id)
def test_array_refuses_wrong_shapes_and_non_numbers(answer):
    assert not accepted(Array((1.0, 2.0)), answer)


def test_array_accepts_any_sequence_of_the_right_shape():
    assert accepted(Array((1.0, 2.0)), [1, 2]) and accepted(Array((1.0, 2.0)), np.array([1.0, 2.0 + 1e-8]))
    assert accepted(Array(((1.0, 2.0), (3.0, 4.0))), np.array([[1, 2], [3, 4]]))
    assert not accepted(Array(((1.0, 2.0), (3.0, 4.0))), np.array([[1, 3], [2, 4]]))  # the transpose
    assert not accepted(Array((1.0, 2.0)), [2.0, 1.0])  # the order matters
    assert accepted(Array((1.0, 2.0)), [1.0, 2.001]) and not accepted(Array((1.0, 2.0)), [1.0, 2.03])
    assert accepted(Array((1.0, 2.0), digits=2), [1.05, 2.0]) and not accepted(Array((1.0, 2.0), digits=2), [1.0, 2.3])
    assert accepted(Array((0.0, 0.0)), [0.0005, -0.0005]) and not accepted(Array((0.0, 0.0)), [0.003, 0])


X = sp.Symbol("x")


@pytest.mark.parametrize("answer", [3, 3.0, sp.Integer(3), sp.pi, True, sp.true, "3*x**2", None, [X], sp.Eq(X, 1)],
                         ids=short_id)
def test_expression_refuses_numbers_and_non_expressions(answer):
    assert not accepted(Expression(3 * X**2), answer)


def test_expression_equivalence():
    xr = sp.Symbol("x", real=True)
    assert accepted(Expression(3 * X**2), xr**2 * 3) and accepted(Expression((X + 1) ** 2), X**2 + 2 * X + 1)
    assert not accepted(Expression(3 * X**2), 3 * X**3)
    assert not accepted(Expression(3 * X**2), 3 * sp.Symbol("y") ** 2)  # a different variable


def test_known_mistakes_get_their_hint_and_others_do_not():
    n = Number(5.0, mistakes=((6.0, "off by one"), (-5.0, "sign")))
    assert n.judge(6.0) == (False, "off by one") and n.judge(-5.0) == (False, "sign") and n.judge(7.0) == (False, None)
    assert n.judge(5.0)[0] is True
    a = Array((1.0, 2.0), mistakes=(((2.0, 1.0), "swapped"),))
    assert a.judge([2.0, 1.0]) == (False, "swapped") and a.judge([3.0, 3.0]) == (False, None)
    e = Expression(2 * X, mistakes=((X**2, "that is the function"),))
    assert e.judge(X**2) == (False, "that is the function") and e.judge(X) == (False, None)


def solution_texts(solution):
    """Ways the solution could leak into a message (short ones such as "4" also occur in honest hints)."""
    if callable(solution):
        return set()
    if isinstance(solution, str):  # a Choice: the right letter named as an option
        return {f"({solution})"}
    if isinstance(solution, sp.Expr) and not solution.is_number:
        return {str(solution)}
    texts = set()
    for v in np.ravel(np.asarray(solution, dtype=float)):
        texts |= {repr(float(v)), f"{v:g}", f"{v:.4g}"}
    return {t for t in texts if len(t) >= 3}


BANK = exercises()


def _known_mistakes(kind):
    """The wrong answers an exercise names itself: values, (low, high, hint) ranges, wrong letters."""
    if isinstance(kind, Choice):
        return list(kind.why_wrong)
    if isinstance(kind, Interval):
        return [0.5 * (low + high) for low, high, _ in kind.mistakes]
    return [m[0] for m in getattr(kind, "mistakes", ())]


@pytest.mark.parametrize("key", sorted(BANK))
def test_feedback_never_shows_the_solution(key):
    ex = BANK[key]
    answers = [None, True, "the answer", [1.0, 2.0, 3.0, 4.0], 123456.0, sp.Symbol("q"), lambda *args: "text"]
    answers += _known_mistakes(ex.answer)
    for answer in answers:
        feedback = check(key, answer)
        assert not feedback.correct and feedback.answered, (answer, feedback.message)
        for text in solution_texts(ex.solution):
            assert text not in feedback.message, (answer, text)
            assert text not in repr(feedback) and text not in feedback._repr_markdown_()
    assert "solution=" not in repr(ex)
    right = check(key, ex.solution)
    assert right.correct and right.message == ex.praise and right._repr_markdown_().startswith("✅")


def test_feedback_marks():
    assert Feedback(True, "ok")._repr_markdown_() == "✅ ok" and repr(Feedback(False, "no")) == "no"
    assert Feedback(False, "no")._repr_markdown_() == "❌ no"
    waiting = check("01.left-limit", ...)
    assert waiting.correct is False and waiting.answered is False and waiting._repr_markdown_().startswith("✍️")
    assert check("01.left-limit", 5).message == "Not quite. Hint: " + BANK["01.left-limit"].hint
    assert check("01.left-limit", -1).message == "Correct."  # the default praise
    assert check("01.left-limit", 1).message.startswith("Not quite. Hint: That is the limit from the right")


def test_a_registered_exercise_can_be_checked():
    from calclib import exercises as ex_module

    extra = Exercise("99.registered-in-a-test", Number(2.5), "a hint", solution=2.5)
    register(extra)
    try:
        assert exercises()["99.registered-in-a-test"] is extra
        assert check("99.registered-in-a-test", 2.5).correct and not check("99.registered-in-a-test", 3).correct
    finally:
        ex_module._BANK.pop("99.registered-in-a-test", None)


# ---- extremes that take the guarded paths (each was a surviving mutant of `make mutation`) ----

def test_softmax_family_at_the_extremes_of_a_float():
    # a temperature so small that z / T overflows: the largest logit takes everything, without a warning
    assert sm.softmax([1.0, 0.0, -1.0], temperature=1e-310).tolist() == [1.0, 0.0, 0.0]
    assert sm.logsumexp([1e308, -1e308]) == 1e308  # z - max overflows to -inf: its term is 0
    # a class with no weight may lie any distance below; a weighted one that far below overflows
    assert sm.cross_entropy([1e308, -1e308], [1.0, 0.0]) == 0.0
    assert sm.cross_entropy([-1e308, 1e308], [0.0, 1.0]) == 0.0
    with pytest.raises(OverflowError, match="^the cross-entropy overflows a float: a target class has a logit about 1e308 below the largest$"):
        sm.cross_entropy([1e308, -1e308], [0.0, 1.0])
    # the Jacobian at T = 1e-309: entries p(1 - p) / T = 0.25 / 1e-309 overflow
    with pytest.raises(OverflowError, match=r"`temperature` = 1e-309 is so small that the Jacobian's entries overflow a float"):
        sm.softmax_jacobian([0.0, 0.0], temperature=1e-309)
    assert sm.softmax_jacobian([0.0, 0.0], temperature=1e-300) == pytest.approx(np.array([[0.25, -0.25], [-0.25, 0.25]]) * 1e300)


@pytest.mark.parametrize("scale", [1e-200, 1e200, 1.0])
def test_steepest_ascent_at_any_scale(scale):
    """The unit vector along the gradient does not depend on its length, however large or small."""
    assert steepest_ascent([3 * scale, -4 * scale]) == pytest.approx([0.6, -0.8], rel=1e-12)
    assert steepest_ascent([0.0, 2 * scale]).tolist() == [0.0, 1.0]


def test_directional_derivative_refuses_a_huge_direction_without_a_warning():
    with pytest.raises(ValueError, match=r"`u` must be a unit vector \(length 1\); it has length inf"):
        directional_derivative([6.0, 8.0], [1e200, 1e200])


def _right_of_zero(p):
    """p0² + 3 p0 + 5 p1, defined only for p0 >= 0: a domain edge at p0 = 0 (one-sided slope 3)."""
    return np.where(p[0] >= 0, p[0] ** 2 + 3 * p[0], np.nan) + 5 * p[1]


def _left_of_one(p):
    """2 p0 + (p1 - 1)² - 4 (p1 - 1), defined only for p1 <= 1: an edge at p1 = 1 (one-sided slope -4)."""
    return 2 * p[0] + np.where(p[1] <= 1, (p[1] - 1) ** 2 - 4 * (p[1] - 1), np.nan)


def test_gradient_at_the_edge_of_the_domain_takes_one_sided_differences():
    assert numerical_gradient(_right_of_zero, [0.0, 1.0]) == pytest.approx([3.0, 5.0], rel=1e-9)
    assert numerical_gradient(_left_of_one, [2.0, 1.0]) == pytest.approx([2.0, -4.0], rel=1e-9)
    assert numerical_jacobian(lambda p: [_right_of_zero(p), _left_of_one(p)], [0.0, 1.0]) == pytest.approx(
        np.array([[3.0, 5.0], [2.0, -4.0]]), rel=1e-9)
    # sqrt at 0 has no slope: the one-sided estimates at h and 2h disagree, and the gradient says so
    with pytest.raises(ValueError, match=r"`x` is at the edge of f's domain in coordinate 1 \(x\[1\] = 0\) and the one-sided "
                                         "slopes do not settle"):
        numerical_gradient(lambda p: p[0] + np.sqrt(p[1]), [1.0, 0.0])
    with pytest.raises(ValueError, match=r"`x` is too close to the edge of f's domain in coordinate 0 \(x\[0\] = 0\)"):
        numerical_gradient(lambda p: np.sqrt(-p[0] ** 2), [0.0])


def test_gradient_guards_its_arithmetic():
    eps = np.finfo(float).eps
    # the default step is cbrt(eps) max(1, |x|): the central difference of p³ at 0 is exactly h²
    assert numerical_gradient(lambda p: p[0] ** 3, [0.0])[0] == pytest.approx(np.cbrt(eps) ** 2, rel=1e-9)
    assert numerical_gradient(lambda p: p[0] ** 3, [0.0], h=1e-3)[0] == pytest.approx(1e-6, rel=1e-9)
    with pytest.raises(OverflowError, match="the partial derivatives in coordinate 0 overflow a float"):
        numerical_gradient(lambda p: 1e308 * np.tanh(1e9 * p[0]), [0.0])
    with pytest.raises(ValueError, match=r"^`h` must be a single step$"):
        numerical_gradient(lambda p: p[0], [1.0], h=[0.1, 0.2])
    with pytest.raises(ValueError, match=r"^`h` = 0.001 vanishes against x = 1e\+20"):
        numerical_gradient(lambda p: p[0], [1e20], h=1e-3)
    # f raising an arithmetic error counts as "no value there"
    with pytest.raises(ValueError, match=r"`x` is outside the domain of f: f\(x\) is nan"):
        numerical_gradient(lambda p: 1.0 / float(p[0]), [0.0])


@pytest.mark.parametrize("value, kind", [(None, "NoneType"), ("1.0", "str"), (b"1", "bytes"), (1j, "complex"),
                                         (np.array([1.0 + 0j]), "ndarray")])
def test_gradient_of_a_function_returning_a_non_number(value, kind):
    with pytest.raises(TypeError, match=f"^`f` must return a real number, got {kind}$"):
        numerical_gradient(lambda p: value, [1.0])


# ---- jacobian: what each wrong input is told, word for word where a student reads it ----

y1_sym, y2_sym, t_sym = sp.symbols("y1 y2 t")


@pytest.mark.parametrize("call, error, message", [
    (lambda: path_sum("y1", [(y1_sym, x_sym**2)], x_sym, 1.0), TypeError, "^`z_expr` must be a sympy expression, not text"),
    (lambda: path_sum(y1_sym, "x**2", x_sym, 1.0), TypeError, "^`intermediates` must be a sympy expression, not text"),
    (lambda: path_sum(y1_sym, [(y1_sym, "x**2")], x_sym, 1.0), TypeError, r"^`intermediates\[0\]` must be a sympy expression"),
    (lambda: path_sum(y1_sym, [(y1_sym, x_sym + t_sym)], x_sym, 1.0), ValueError,
     r"^`intermediates\[0\]` must be an expression in x only$"),
    (lambda: path_sum(y1_sym, [], x_sym, 1.0), ValueError, r"^`intermediates` must hold at least one \(symbol, expression\) pair$"),
    (lambda: path_sum(y1_sym * y2_sym * t_sym * sp.Symbol("a"), [(y1_sym, x_sym), (y2_sym, x_sym**2)], x_sym, 1.0), ValueError,
     "^`z_expr` must be an expression in y1, y2 only; it also uses a, t$"),
    (lambda: path_sum(y1_sym, [(y1_sym, sp.Function("g")(x_sym))], x_sym, 1.0), ValueError,
     r"^`intermediates\[0\]`: y1 at x = 1 is not a number \(g\(1.0\)\)$"),
    (lambda: path_sum(y1_sym, [(y1_sym, sp.sqrt(x_sym))], x_sym, -1.0), ValueError,
     r"^`intermediates\[0\]`: y1 at x = -1 is not a finite real number \(1.0\*I\)$"),
    (lambda: path_sum(y1_sym, [(y1_sym, sp.sqrt(x_sym))], x_sym, 0.0), ValueError,
     r"^`intermediates\[0\]`: dy1/dx at x = 0 is not a finite real number \(zoo\)$"),
    (lambda: path_sum(sp.sqrt(y1_sym), [(y1_sym, x_sym - 1)], x_sym, 1.0), ValueError,
     r"^`z_expr`: ∂z/∂y1 is not a finite real number \(zoo\)$"),
    (lambda: linearize(np.sin, [1.0], [0.1], jacobian="1"), TypeError, "`jacobian`"),
    (lambda: linearize(np.log, [1.0], [-2.0]), ValueError,
     r"^`dx` moves x0 outside the domain of f: f\(x0 \+ dx\) is not finite$"),
    (lambda: linearize(lambda p: np.ones(1 if p[0] < 1.5 else 2), [1.0], [1.0]), ValueError,
     r"^`dx` moves x0 outside the domain of f"),
    (lambda: linearize(np.sin, [1.0], [1e300], jacobian=[[1e10]]), OverflowError,
     r"^the changes overflow a float: use a smaller `dx`$"),
    (lambda: linearize(lambda p: p[0] + p[1], [1.0, 1.0], [1e10, 1e10], jacobian=[[1e300, -1e300]]), OverflowError,
     r"^the changes overflow a float"),  # inf - inf inside J·dx: nan, refused like an overflow
    (lambda: matrix_text("ab"), TypeError, "`M`"),
    (lambda: matrix_text(np.zeros((1, 401))), ValueError, r"^`M` must be a small matrix \(at most 400 entries\), got shape \(1, 401\)$"),
    (lambda: matrix_text(np.zeros((2, 2, 2))), ValueError, r"got shape \(2, 2, 2\)$"),
    (lambda: matrix_text([[1.0]], digits=18), ValueError, "^`digits` must be at most 17, got 18$"),
    (lambda: matrix_text([[1.0]], digits="3"), TypeError, "^`digits` must be a whole number"),
], ids=refusal_id)
def test_jacobian_module_refuses_with_the_argument_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_matrix_text_limits_are_inclusive():
    assert matrix_text(np.zeros((20, 20))).count("0") == 400
    assert matrix_text([[1 / 3]], digits=17) == "[[0.3333333333333333]]"


@pytest.mark.parametrize("value, kind", [(None, "NoneType"), ("1.0", "str"), (b"1", "bytes"), (1j, "complex"),
                                         ([1.0, 1j], "list")])
def test_jacobian_of_a_function_returning_non_numbers(value, kind):
    with pytest.raises(TypeError, match=f"^`f` must return real numbers, got {kind}$"):
        numerical_jacobian(lambda p: value, [1.0])


def test_jacobian_where_f_raises_on_one_side_and_returns_sympy_numbers():
    def right_only(p):
        if p[0] < 0:
            raise ZeroDivisionError("no value left of 0")
        return [p[0] ** 2 + 3 * p[0], 2 * p[0]]

    assert numerical_jacobian(right_only, [0.0]) == pytest.approx(np.array([[3.0], [2.0]]), rel=1e-9)
    assert numerical_jacobian(lambda p: [sp.Float(3) * float(p[0]), float(p[0])], [2.0]) == pytest.approx(
        np.array([[3.0], [1.0]]), rel=1e-9)


# ---- limits: every refusal and every "does not exist", as the student reads it ----

@pytest.mark.parametrize("call, error, message", [
    (lambda: cl.approach_table(F, 1.0, steps=[[0.1]]), ValueError, "^`steps` must be a list of at most 100 distances$"),
    (lambda: cl.approach_table(F, 1.0, steps=np.linspace(0.001, 0.1, 101)), ValueError, "^`steps` must be a list of at most 100"),
    (lambda: cl.approach_table(F, 1e20, steps=[1e-3]), ValueError,
     r"^`steps` = 0.001 vanishes against a = 1e\+20: a \+ 0.001 == a in floating point"),
    (lambda: cl.approach_table(np.log, 0.05, steps=[0.1, 0.09, 0.01]), ValueError,
     "^f has no finite value at x = -0.05, 0.1 from `a` = 0.05: approach a from where f is defined, with smaller `steps`$"),
    (lambda: delta_for_epsilon(F, 1.0, 5.0, 0.1), ValueError,
     r"^no delta > 8.9e-16 keeps \|f\(x\) - 5\| below `epsilon` = 0.1 near `a` = 1: is `limit` the limit of f at a\?$"),
    (lambda: delta_for_epsilon(lambda x: x - 1e6 + 1, 1e6, 2.0, 0.1), ValueError, r"^no delta > 8.9e-16 .* near `a` = 1e\+06"),
    (lambda: delta_for_epsilon(lambda x: np.full_like(x, 1e308), 0.0, -1e308, 1.0), ValueError, "^no delta > "),
    (lambda: delta_for_epsilon(F, 1.0, 2.0, 0.1, samples=2), ValueError, "^`samples` must be at least 3, got 2$"),
    (lambda: delta_for_epsilon(F, 1.0, 2.0, 0.1, samples=1_000_002), ValueError,
     r"^`samples` must be at most 1,000,001 \(a finer grid takes too long\), got 1,000,002$"),
    (lambda: delta_for_epsilon(F, 1.0, 2.0, 0.1, samples="9"), TypeError, "^`samples` must be a whole number"),
    (lambda: stored_step(1.0, 0.0), ValueError, "^`h`"),
    (lambda: stored_step(1.0, [0.1, 0.2]), ValueError, "^`h` must be a single step$"),
    (lambda: stored_step(1e308, 1e308), ValueError, r"^`h` = 1e\+308 overflows when added to a = 1e\+308$"),
    (lambda: stored_step(0.0, 1e-3).table(np.log), ValueError, r"^f is not finite at a = 0 or at a \+ h = 0.001$"),
    (lambda: stored_step(1.0, 1e-17).table(np.sin), ValueError,
     r"^the step 1e-17 is lost entirely: a \+ h == a, so no quotient can be formed$"),
    (lambda: cl.symbolic_limit("x", x_sym, 0), TypeError, "^`expr` must be a sympy expression, not text"),
    (lambda: cl.symbolic_limit(x_sym, x_sym, "0"), TypeError, "^`point` must be a sympy expression, not text"),
    (lambda: cl.symbolic_limit(x_sym, x_sym, [1]), TypeError, "^`point` must be a sympy expression"),
    (lambda: cl.symbolic_limit(x_sym, x_sym, sp.Symbol("b")), ValueError, r"^`point` must be a real number \(or sp.oo\), got b$"),
    (lambda: cl.symbolic_limit(x_sym, x_sym, sp.I), ValueError, r"^`point` must be a real number \(or sp.oo\), got I$"),
], ids=refusal_id)
def test_limits_module_refuses_with_the_argument_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_limits_edges_that_work():
    assert cl.approach_table(F, 1.0, steps=np.linspace(0.001, 0.1, 100)).left_x.size == 100  # 100 steps are allowed
    assert stored_step(0.0, 1.0).table(np.sin) is not None  # a step stored as exactly 1 is fine
    assert cl.symbolic_limit(sp.sin(x_sym) / x_sym, x_sym, sp.Integer(0)).value == 1  # a sympy number as the point
    assert cl.symbolic_limit(1 / x_sym, x_sym, sp.oo).value == 0
    assert cl.symbolic_limit(sp.exp(x_sym), x_sym, -sp.oo).value == 0


def test_value_at_reports_what_went_wrong():
    assert repr(value_at(Quotient(lambda x: 1e308 + 0 * x, lambda x: 1e-308 + 0 * x), 1.0)) == "undefined (f(x) = inf)"
    assert repr(value_at(lambda x: np.exp(x), 1000.0)) == "undefined (f(x) = inf)"
    assert repr(value_at(lambda x: math.log(x), -1.0)) == "undefined (f raised ValueError)"


def test_why_a_limit_does_not_exist():
    unsettled = sp.Limit(sp.Function("g")(x_sym), x_sym, 0)
    cases = [
        (LimitResult(sp.Integer(1), sp.Integer(2)), "left limit 1, right limit 2: the limit does not exist (the one-sided limits differ)"),
        (LimitResult(-sp.oo, -sp.oo), "left limit -oo, right limit -oo: the limit does not exist (the values grow without bound)"),
        (LimitResult(sp.Integer(1), sp.zoo), "left limit 1, right limit zoo: the limit does not exist (the values grow without bound)"),
        (LimitResult(unsettled, unsettled), f"left limit {unsettled}, right limit {unsettled}: the limit does not exist "
                                            "(sympy could not settle a one-sided limit)"),
        (cl.symbolic_limit(sp.sin(1 / x_sym), x_sym, 0), "left limit none (oscillates between -1 and 1), right limit none "
                                                        "(oscillates between -1 and 1): the limit does not exist (the values "
                                                        "keep oscillating between -1 and 1)"),
        (LimitResult(sp.Integer(3), sp.Integer(3)), "left limit 3, right limit 3: the limit is 3"),
    ]
    for result, text in cases:
        assert repr(result) == text
        assert result.exists is text.endswith("the limit is 3") and (result.value is None) is not result.exists


@pytest.mark.parametrize("call, error, message", [
    (lambda: act.gelu_approximation_error(lo="a"), TypeError, "^`lo`"),
    (lambda: act.gelu_approximation_error(hi="a"), TypeError, "^`hi`"),
    (lambda: act.gelu_approximation_error(1.0, 1.0), ValueError, "^`lo` must be below `hi`, got 1 and 1$"),
    (lambda: act.gelu_approximation_error(n=1), ValueError, "^`n` must be at least 2, got 1$"),
    (lambda: act.gelu_approximation_error(n=2_000_002), ValueError,
     r"^`n` must be at most 2,000,001 \(a finer grid takes too long\), got 2,000,002$"),
    (lambda: act.gradient_through_depth("relu", 10_001), ValueError,
     r"^`depth` must be at most 10,000 \(each layer is a step of a Python loop\), got 10,001$"),
    (lambda: act.gradient_through_depth("relu", 3, weight="2"), TypeError, "^`weight`"),
    (lambda: act.gradient_through_depth("relu", 3, weight=1e200), OverflowError,
     "^`weight` = 1e\\+200 makes the pre-activation overflow at layer 2$"),
    (lambda: act.gradient_through_depth("relu", 3, x0=1e-300, weight=1e200), OverflowError,
     "^`weight` = 1e\\+200 makes the gradient overflow a float after 2 layers$"),
], ids=refusal_id)
def test_activation_studies_refuse_with_the_argument_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_activation_studies_at_their_limits():
    assert act.gelu_approximation_error(0.0, 1e-9, n=2)[1] in (0.0, 1e-9)  # the narrowest range and grid allowed
    assert act.gradient_through_depth("relu", 10_000, weight=1.0).size == 10_000


@pytest.mark.parametrize("derivative", [act.gelu_derivative, act.gelu_tanh_derivative])
def test_gelu_slopes_far_out_are_exactly_0_and_1_without_warnings(derivative):
    """z² and z³ overflow for |z| = 1e200: the density term must then vanish, not become nan or 1."""
    assert derivative(1e200) == 1.0 and derivative(-1e200) == 0.0
    assert derivative(np.array([-1e155, 1e155])).tolist() == [0.0, 1.0]


def test_gelu_tanh_far_out_without_warnings():
    assert act.gelu_tanh(1e200) == 1e200 and act.gelu_tanh(-1e200) == 0.0  # z³ overflows; tanh(±inf) = ±1 is right


# ---- the engine: each refusal as the student reads it ----

OVERFLOW = r" overflows: the result is beyond the largest float \(about 1.8e308\)$"


@pytest.mark.parametrize("call, error, message", [
    (lambda: Value(1e308, "a") + Value(1e308, "b"), OverflowError, "^a \\+ b" + OVERFLOW),
    (lambda: Value(1e308, "a") - Value(-1e308, "b"), OverflowError, "^a − b" + OVERFLOW),
    (lambda: Value(1000.0).exp(), OverflowError, "^exp\\(1000\\)" + OVERFLOW),
    (lambda: Value(5e-324).log(), OverflowError, r"^log\(4.940656458e-324\) has a local derivative too large for a float$"),
    (lambda: Value(-1.0).sqrt(), ValueError, "^sqrt needs an input of at least 0, got -1$"),
    (lambda: Value(0.0).sqrt(), ValueError, r"^sqrt has no finite derivative at 0 \(its slope 1/\(2√x\) is infinite there\)$"),
    (lambda: Value(2.0, "x") ** math.inf, ValueError, "^the exponent must be finite, got inf$"),
    (lambda: Value(0.0, "x") ** -1, ZeroDivisionError, r"^x \*\* -1 divides by zero: 0 to a negative power is undefined$"),
    (lambda: Value(0.0, "x") ** 0.5, ValueError, r"^x \*\* 0.5 has no finite derivative at 0"),
    (lambda: Value(-8.0, "x") ** (1 / 3), ValueError, r"^x \*\* 0.3333333333: a negative number to a non-whole power is not a real number$"),
    (lambda: Value(10.0, "x") ** 400, OverflowError, r"^x \*\* 400" + OVERFLOW),
    (lambda: Value(0.0, "a") ** Value(2.0, "b"), ValueError,
     r"^a \*\* b: a power with a Value exponent needs a positive base, got 0$"),
    (lambda: Value(-0.5, "a") ** Value(2.0, "b"), ValueError,
     r"^a \*\* b: a power with a Value exponent needs a positive base, got -0.5$"),
    (lambda: Value(10.0, "a") ** Value(400.0, "b"), OverflowError, r"^a \*\* b" + OVERFLOW),
    (lambda: Value(5e-324, "a") ** Value(0.001, "b"), OverflowError, r"^a \*\* b" + OVERFLOW),  # only the slope overflows
    (lambda: "a" - Value(1.0), TypeError, "unsupported operand type"),
    (lambda: "a" / Value(1.0), TypeError, "unsupported operand type"),
    (lambda: "a" ** Value(1.0), TypeError, "unsupported operand type"),
    (lambda: Value(1.0).named(3), TypeError, "^`label` must be text, got int$"),
    (lambda: Value(1.0, 3), TypeError, "^`label` must be text, got int$"),
    (lambda: Value(1e300, "a") ** Value(1.02, "b"), OverflowError,
     r"^a \*\* b has a local derivative too large for a float$"),  # a^b ln a: 1e306 × 690
    (lambda: check_gradients(lambda a, b: a * b, [1.0, 2.0], names=["a"]), ValueError, "^`names` must be 2 strings, one per input$"),
    (lambda: check_gradients(lambda a, b: a * b, [1.0, 2.0], names=["a", 2]), ValueError, "^`names` must be 2 strings"),
    (lambda: cost_table(3, [2]), TypeError, "^`make_output` must be a function of a list of Values, got int$"),
    (lambda: cost_table(lambda xs: 2.0, [2]), TypeError, "^`make_output` must return a Value, got float$"),
    (lambda: cost_table(lambda xs: xs[0] * 2, [2001]), ValueError,
     r"^`sizes` must be at most 2,000 \(forward mode needs n passes\), got 2,001$"),
], ids=refusal_id)
def test_engine_refuses_with_what_went_wrong(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_check_gradients_with_a_step_of_ones_own_and_cost_table_of_one_size():
    table = check_gradients(lambda a: a**3, [1.0], h=1e-3)  # one plain central difference: 3 + h² = 3.000001
    assert table.rows[0][2] == pytest.approx(3.000001, rel=1e-9) and table.rows[0][-1] == "yes"
    assert check_gradients(lambda a: a**3, [1.0]).rows[0][2] == pytest.approx(3.0, rel=1e-12)
    assert [row[0] for row in cost_table(lambda xs: xs[0] * 2, 3).rows] == [3]
    assert [row[0] for row in cost_table(lambda xs: xs[0] * 2, 2000).rows] == [2000]


@pytest.mark.parametrize("call, error, message", [
    (lambda: Value(1e200, "a") * Value(1e200, "b"), OverflowError, "^a × b" + OVERFLOW),
    (lambda: Value(1e300, "a") / Value(1e-300, "b"), OverflowError, "^a ÷ b" + OVERFLOW),
    (lambda: Value(1 / 3) / 0, ZeroDivisionError, r"^division by zero: 0.333333 / 0 divides by the constant 0$"),
    (lambda: Value(1.0) + math.inf, ValueError, "^a constant in an expression must be finite, got inf$"),
    (lambda: Value(1.0) + True, TypeError, "unsupported operand type"),
    (lambda: Value(1.0) + "a", TypeError, "unsupported operand type"),
    (lambda: ((Value(1e-200, "x") * 1e200) * 1e200).backward(), OverflowError,
     "^the gradient at x overflows a float: the local derivatives along some path multiply beyond 1.8e308$"),
    (lambda: engine_gradient(3, [1.0]), TypeError, "^`fn` must be a function of Values, got int$"),
    (lambda: engine_gradient(lambda a: a, [1.0, 2.0]), TypeError,
     r"^`fn` could not be called with 2 Values, one per coordinate of `point`: "),
    (lambda: engine_gradient(lambda a, b: (a - b).log(), [1 / 3, 2.5]), ValueError,
     r"^`fn` fails at `point` = \(0.333333, 2.5\): log needs a positive input, got -2.166666667$"),
    (lambda: engine_gradient(lambda *xs: xs[0], [1.0] * 1001), ValueError,
     r"^`point` must be a list of 1 to 1000 numbers, one per input, got shape \(1001,\)$"),
    (lambda: engine_gradient(lambda *xs: xs[0], []), ValueError, r"got shape \(0,\)$"),
    (lambda: engine_gradient(lambda *xs: xs[0], [[1.0]]), ValueError, r"got shape \(1, 1\)$"),
    (lambda: engine_gradient(lambda *xs: xs[0], "1"), TypeError, "^`point`"),
], ids=refusal_id)
def test_engine_refuses_with_what_went_wrong_more(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_trace_names_repeated_labels_and_constants():
    a = [Value(1.0, "a") for _ in range(5)]
    names = (a[0] + a[1] + a[2] + a[3] + a[4]).backward().names_in_order
    assert names == ("a", "a'", "a+a'", "a''", "a+a'+a''", "a'''", "a+a'+a''+a'''", "a#7", "+#8")
    assert (Value(1.0, "a") + 3.14159265).backward().names_in_order == ("a", "3.14159265", "a+3.14159265")
    assert engine_gradient(lambda *xs: xs[0] * 2, [1.0] * 1000)[1][:2] == (2.0, 0.0)  # 1000 inputs are allowed


# ---- differences: the default steps, the error study's grid and refusals ----

@pytest.mark.parametrize("x, scale", [(0.5, 1.0), (-3.0, 3.0), (1e6, 1e6)])
def test_default_steps_are_the_textbook_ones_scaled_to_x(x, scale):
    eps = np.finfo(float).eps
    expected = {"forward": np.sqrt(eps), "backward": np.sqrt(eps), "central": np.cbrt(eps), "complex": 1e-20,
                "richardson": 0.1, "auto": 0.1}
    for method, step in expected.items():
        assert default_step(method, x) == pytest.approx(step * scale, rel=1e-15), method


@pytest.mark.parametrize("call, error, message", [
    (lambda: default_step("sideways", 1.0), ValueError, "^`method`"),
    (lambda: default_step("forward", "1"), TypeError, "^`x`"),
    (lambda: error_study(np.log, lambda x: 1 / x, 0.5, hs=[0.1, 0.6, 0.7]), ValueError,
     "^`hs` holds the step 0.6, which leaves the domain of f at x = 0.5; keep every step smaller than the distance "
     "to the domain's edge$"),
    (lambda: error_study(np.exp, np.exp, 1.0, hs=[[0.1]]), ValueError, "^`hs` must be a list of at most 10,000 steps$"),
    (lambda: error_study(np.exp, np.exp, 1.0, hs=np.full(10_001, 0.1)), ValueError, "^`hs` must be a list of at most 10,000"),
    (lambda: cl.backward_difference(np.log, 0.05, 0.1), ValueError,
     r"^`h` = 0.1 leaves the domain of f: f\(-0.05\) is not finite \(x = 0.05\); use a smaller step$"),
    (lambda: cl.complex_step(lambda z: 1e300 * np.exp(1e10 * z), 0.0), ValueError,
     "^the complex step is not finite at x = 0 for `h` = 1e-20: f is not analytic there, or the step is too large$"),
    (lambda: cl.forward_difference(np.log, 0.05, -0.1), ValueError,
     r"^`h` = -0.1 leaves the domain of f: f\(-0.05\) is not finite \(x = 0.05\); use a smaller step$"),
    (lambda: cl.central_difference(np.log, 0.05, 0.1), ValueError, r"^`h` = 0.1 leaves the domain of f: f\(-0.05\) is not"),
    (lambda: cl.central_difference(lambda t: np.log(1 - t), 0.95, 0.1), ValueError,
     r"^`h` = 0.1 leaves the domain of f: f\(1.05\) is not finite \(x = 0.95\)"),
    (lambda: cl.central_difference(np.log, 0.5, [0.1, 0.6, 0.7]), ValueError,
     r"^`h` = 0.6 leaves the domain of f: f\(-0.1\) is not finite \(x = 0.5\)"),  # the first step that leaves
    (lambda: cl.forward_difference(lambda t: np.where(t > 1, 1e308, -1e308), 1.0, 1e-10), OverflowError,
     "^the quotient overflows for `h` = 1e-10 at x = 1; use a moderate step$"),
    (lambda: cl.complex_step(math.sin, 1.0), ValueError,
     r"^`f` must accept complex arguments for the complex step \(use numpy functions\)$"),
    (lambda: cl.complex_step(np.sum, 1.0, h=[1e-20, 1e-10]), ValueError,  # np.sum folds the steps into one number
     "^`f` must return one number per complex input for the complex step$"),
    (lambda: cl.complex_step(lambda z: 3, 1.0), ValueError, "^`f` must return one number per complex input"),
    (lambda: error_study(np.log, lambda x: 1 / x, 1e-17), ValueError,
     "^`x` = 1e-17 is too close to the edge of f's domain for any step from 1e-16 to 1$"),
], ids=refusal_id)
def test_differences_refuse_with_the_argument_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_error_study_grid():
    study = error_study(np.exp, np.exp, 1.0)
    assert study.h.min() == pytest.approx(1e-16) and study.h.max() == 1.0  # the documented default range
    near_edge = error_study(np.log, lambda x: 1 / x, 0.5)  # default steps that leave the domain are left out, quietly
    assert near_edge.h.max() < 0.5 and near_edge.h.min() == pytest.approx(1e-16)
    assert error_study(np.exp, np.exp, 1.0, hs=[1e-3]).h.tolist() == [1e-3]  # one step of one's own is enough
    assert error_study(np.exp, np.exp, 1.0, hs=np.full(10_000, 1e-3)).h.size == 10_000


def test_complex_step_evaluates_f_only_near_x():
    seen = []

    def f(z):
        seen.append(complex(np.ravel(z)[0]))
        return np.exp(z)

    assert cl.complex_step(f, 3.0) == pytest.approx(math.exp(3.0), rel=1e-15)
    assert seen and all(abs(z - 3.0) < 1e-12 for z in seen)


def test_trace_names_stay_unique_when_a_label_looks_like_a_generated_name():
    a = [Value(1.0, "a") for _ in range(5)]
    names = ((Value(2.0, "a#10") * 1.0) + (a[0] + a[1] + a[2] + a[3] + a[4])).backward().names_in_order
    assert names[10] == "a#10#" and names[0] == "a#10" and len(set(names)) == len(names)
