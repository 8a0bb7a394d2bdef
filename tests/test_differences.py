import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calclib as cl
from calclib.differences import EPS, METHODS, default_step

SMOOTH = [  # f and its first three derivatives
    (np.sin, np.cos, lambda x: -np.sin(x), lambda x: -np.cos(x)),
    (np.exp, np.exp, np.exp, np.exp),
    (lambda x: x**3 - 2 * x, lambda x: 3 * x**2 - 2, lambda x: 6 * x, lambda x: 6.0),
    (np.arctan, lambda x: 1 / (1 + x**2), lambda x: -2 * x / (1 + x**2) ** 2,
     lambda x: (6 * x**2 - 2) / (1 + x**2) ** 3),
]


def test_chapter_secant_table():
    slopes = cl.secant_slope(lambda x: x**2, 3, [1, 0.1, 0.01, 0.001])
    assert np.allclose(slopes, [7, 6.1, 6.01, 6.001], rtol=0, atol=1e-9)
    table = cl.difference_table(lambda x: x**2, 3, [1, 0.1, 0.01, 0.001], exact=6)
    assert "6.001" in repr(table) and "0.001" in repr(table)


def test_quotients_are_vectorised_over_h():
    hs = np.logspace(-1, -4, 7)
    for quotient in (cl.forward_difference, cl.backward_difference, cl.central_difference, cl.complex_step):
        out = quotient(np.sin, 0.3, hs)
        assert out.shape == hs.shape
        assert out[3] == pytest.approx(quotient(np.sin, 0.3, hs[3]))
    assert isinstance(cl.central_difference(np.sin, 0.3, 0.1), float)


def test_scalar_only_functions_work_too():
    assert cl.central_difference(math.sin, 0.3, [1e-3, 1e-4])[1] == pytest.approx(math.cos(0.3), rel=1e-7)


@settings(max_examples=60, deadline=None)
@given(m=st.floats(-50, 50), c=st.floats(-50, 50), x=st.floats(-10, 10),
       h=st.floats(1e-3, 10) | st.floats(-10, -1e-3))
def test_secant_of_a_line_is_exact_for_every_h(m, c, x, h):
    slope = cl.secant_slope(lambda t: m * t + c, x, h)
    assert slope == pytest.approx(m, abs=1e-9 * (1 + abs(m) + abs(c) + abs(x)))


@settings(max_examples=40, deadline=None)
@given(case=st.sampled_from(SMOOTH), x=st.floats(-1.5, 1.5))
def test_convergence_orders(case, x):
    """Halving h halves the forward error and quarters the central error."""
    f, df, d2f, d3f = case
    h = np.array([0.02, 0.01])
    fwd = np.abs(cl.forward_difference(f, x, h) - df(x))
    cen = np.abs(cl.central_difference(f, x, h) - df(x))
    if abs(d2f(x)) > 0.2:  # the leading error term of the forward quotient is really there
        assert 1.8 < fwd[0] / fwd[1] < 2.2
    if abs(d3f(x)) > 0.2:  # likewise for the central quotient
        assert 3.6 < cen[0] / cen[1] < 4.4


@pytest.mark.parametrize("f, df, d2f, d3f", SMOOTH)
def test_high_precision_estimators(f, df, d2f, d3f):
    x = 0.7
    assert cl.complex_step(f, x) == pytest.approx(df(x), rel=4 * EPS, abs=4 * EPS)
    assert cl.richardson(f, x) == pytest.approx(df(x), rel=1e-11, abs=1e-11)


@pytest.mark.parametrize("method", METHODS)
def test_derivative_every_method(method):
    assert cl.derivative(np.exp, 1.0, method=method) == pytest.approx(np.e, rel=1e-6)
    assert default_step(method, 100.0) == pytest.approx(100 * default_step(method, 1.0))


def test_error_study_finds_the_rounding_floor():
    study = cl.error_study(np.exp, np.exp, 1.0)
    assert 1e-9 <= study.best_step("forward") <= 1e-7
    assert 1e-7 <= study.best_step("central") <= 1e-3
    assert study.observed_order("forward", 1e-3, 1e-1) == pytest.approx(1, abs=0.05)
    assert study.observed_order("central", 1e-3, 1e-1) == pytest.approx(2, abs=0.05)
    assert np.all(study.errors["complex"][study.h < 1e-9] < 1e-15)
    assert np.all(study.errors["central"] > 0)  # safe for log axes


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: cl.forward_difference(np.sin, 1.0, 0), ValueError, "`h` must be non-zero"),
        (lambda: cl.central_difference(np.sin, 1.0, [0.1, 0.0]), ValueError, "`h` must be non-zero"),
        (lambda: cl.secant_slope(3.0, 1.0, 0.1), TypeError, "`f` must be a function"),
        (lambda: cl.derivative(np.log, 0.0), ValueError, "`x` = 0 is outside the domain"),
        (lambda: cl.derivative(np.sqrt, -1.0), ValueError, "`x` = -1 is outside the domain"),
        (lambda: cl.derivative(lambda t: 1 / t, 0.0), ValueError, "`x` = 0 is outside the domain"),
        (lambda: cl.derivative(np.sin, 1.0, method="sideways"), ValueError, "`method` must be one of"),
        (lambda: cl.derivative(np.sin, "one"), TypeError, "`x` must be a real number"),
        (lambda: cl.complex_step(math.sin, 1.0), ValueError, "`f` must accept complex"),
        (lambda: cl.richardson(np.sin, 1.0, levels=0), ValueError, "`levels` must be a positive whole number"),
        (lambda: cl.richardson(np.sin, 1.0, h=[0.1, 0.2]), ValueError, "`h` must be a single"),
        (lambda: cl.forward_difference(np.sin, 1.0, np.inf), ValueError, "`h` must hold only finite"),
        (lambda: cl.error_study(np.sin, "cos", 1.0), TypeError, "`dfdx` must be a function"),
        (lambda: cl.error_study(np.exp, np.exp, 1.0).best_step("magic"), ValueError, "`method` must be one of"),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words):
        call()
