import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import calclib as cl
from calclib import activations as act
from calclib import softmax as sm
from calclib.jacobian import numerical_jacobian

SMOOTH = ["sigmoid", "tanh", "gelu", "gelu (tanh approx.)"]


@settings(max_examples=80, deadline=None)
@given(name=st.sampled_from(SMOOTH + ["relu"]), x=st.floats(-8, 8))
def test_derivative_matches_finite_differences_across_the_domain(name, x):
    a = act.catalog()[name]
    if name == "relu":
        assume(abs(x) > 1e-3)  # the kink
    assert a.derivative(x) == pytest.approx(cl.central_difference(a.f, x, 1e-6), rel=1e-6, abs=1e-7)


@pytest.mark.parametrize("name", SMOOTH)
def test_derivative_matches_sympy(name):
    a = act.catalog()[name]
    exact = sp.lambdify(act.X, sp.diff(a.expr, act.X), modules=["numpy", {"erf": np.vectorize(__import__("math").erf)}])
    values = sp.lambdify(act.X, a.expr, modules=["numpy", {"erf": np.vectorize(__import__("math").erf)}])
    xs = np.linspace(-5, 5, 41)
    assert np.allclose(a.derivative(xs), exact(xs), atol=1e-12)
    assert np.allclose(a.f(xs), values(xs), atol=1e-12)


def test_chapter_identities():
    s = act.catalog()["sigmoid"].expr
    t = act.catalog()["tanh"].expr
    assert sp.simplify(sp.diff(s, act.X) - s * (1 - s)) == 0
    assert sp.simplify(sp.diff(t, act.X) - (1 - t**2)) == 0
    xs = np.linspace(-4, 4, 9)
    assert np.allclose(act.gelu(xs), xs * act.normal_cdf(xs))


def test_no_warning_at_plus_minus_1000():
    xs = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        for a in act.catalog().values():
            out, slope = a.f(xs), a.derivative(xs)
            assert np.all(np.isfinite(out)) and np.all(np.isfinite(slope))
    assert act.sigmoid(xs).tolist()[::4] == [0.0, 1.0]


def test_relu_convention_and_bad_input():
    assert act.relu_derivative(0.0) == 0.0 and act.relu_derivative(0.0, at_zero=1.0) == 1.0
    with pytest.raises(ValueError, match="`at_zero` must lie between 0 and 1"):
        act.relu_derivative(0.0, at_zero=2.0)
    with pytest.raises(ValueError, match="`z` must hold only finite numbers"):
        act.sigmoid([np.inf])
    with pytest.raises(ValueError, match="`depth` must be a positive whole number"):
        act.gradient_through_depth("relu", 0)


def test_gelu_tanh_error_is_measured():
    error, where = act.gelu_approximation_error()
    assert 1e-4 < error < 5e-4 and 1 < abs(where) < 4


def test_vanishing_gradients():
    sig = act.gradient_through_depth("sigmoid", 20)
    assert np.all(np.diff(sig) < 0) and sig[9] <= 0.25**10
    assert np.all(act.gradient_through_depth("relu", 20) == 1)


logits = arrays(float, st.integers(1, 12), elements=st.floats(-1e6, 1e6))


@settings(max_examples=200, deadline=None)
@given(z=logits, shift=st.floats(-1e6, 1e6))
def test_softmax_sums_to_one_and_ignores_shifts(z, shift):
    with np.errstate(all="raise"):
        p = sm.softmax(z)
        q = sm.softmax(z + shift)
    assert np.all(p >= 0) and p.sum() == pytest.approx(1.0)
    # a shift is exact in real arithmetic; in floating point z + shift is rounded first
    assert np.allclose(p, sm.softmax(z.astype(float) + 0.0)) and np.allclose(p, q, atol=1e-6) or abs(shift) > 1e3


@settings(max_examples=100, deadline=None)
@given(z=arrays(float, st.integers(1, 6), elements=st.floats(-30, 30)), shift=st.floats(-100, 100))
def test_softmax_shift_invariance_moderate(z, shift):
    assert np.allclose(sm.softmax(z), sm.softmax(z + shift), atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(z=arrays(float, st.integers(1, 6), elements=st.floats(-5, 5)))
def test_softmax_jacobian_three_ways(z):
    J = sm.softmax_jacobian(z)
    assert J.shape == (z.size, z.size)
    assert np.allclose(J, numerical_jacobian(sm.softmax, z), atol=1e-8)
    assert np.allclose(J, J.T) and np.allclose(J.sum(axis=1), 0, atol=1e-15)


def test_softmax_jacobian_symbolic():
    zs = sp.symbols("z1:4")
    P = sp.Matrix([sp.exp(s) / sum(sp.exp(t) for t in zs) for s in zs])
    assert sp.simplify(P.jacobian(zs) - (sp.diag(*P) - P * P.T)) == sp.zeros(3, 3)


def test_overflow_naive_against_safe():
    big = np.array([1000.0, 999.0, 998.0])
    assert np.all(np.isnan(sm.naive_softmax(big)))
    assert np.allclose(sm.softmax(big), sm.softmax(big - 1000))
    assert sm.logsumexp(big) == pytest.approx(1000 + np.log(1 + np.exp(-1) + np.exp(-2)))


@settings(max_examples=60, deadline=None)
@given(z=arrays(float, st.integers(2, 6), elements=st.floats(-10, 10)), data=st.data())
def test_cross_entropy_gradient_is_p_minus_y(z, data):
    k = data.draw(st.integers(0, z.size - 1))
    y = np.eye(z.size)[k]
    numeric = cl.gradients.numerical_gradient(lambda v: sm.cross_entropy(v, y), z)
    assert np.allclose(sm.cross_entropy_gradient(z, y), numeric, atol=1e-6)
    assert np.allclose(sm.cross_entropy_gradient(z, y), sm.softmax(z) - y)


def test_attention_gradient_flows_back():
    from calclib.autograd import check_gradients

    keys, values = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]
    step = sm.attention([1.0, 0.5], keys, values)
    assert sum(a.data for a in step.weights) == pytest.approx(1)
    table = check_gradients(lambda a, b: (sm.attention([a, b], keys, values).output[0] - 1) ** 2, [1.0, 0.5])
    assert all(row[-1] == "yes" for row in table.rows)
    with pytest.raises(ValueError, match="`keys` must have shape"):
        sm.attention([1.0], keys, values)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: sm.softmax([]), ValueError, "`z` must be a 1-D array of at least one logit"),
        (lambda: sm.softmax([[1.0, 2.0]]), ValueError, "`z` must be a 1-D array"),
        (lambda: sm.softmax([1.0, np.nan]), ValueError, "`z` must hold only finite numbers"),
        (lambda: sm.softmax([1.0], temperature=0), ValueError, "`temperature` must be greater than 0"),
        (lambda: sm.cross_entropy([1.0, 2.0], [1.0]), ValueError, "`target` must have shape"),
        (lambda: sm.cross_entropy([1.0, 2.0], [-1.0, 2.0]), ValueError, "`target` must hold probabilities"),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words):
        call()
