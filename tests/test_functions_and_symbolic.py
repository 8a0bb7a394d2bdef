import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import calclib as cl
from calclib.functions import Function, x


@settings(max_examples=50, deadline=None)
@given(name=st.sampled_from(sorted(cl.catalog())), u=st.floats(0.05, 0.95))
def test_catalog_derivatives_match_finite_differences(name, u):
    func = cl.catalog()[name]
    lo, hi = func.view
    t = lo + u * (hi - lo)
    assert func.derivative(t) == pytest.approx(cl.central_difference(func, t, 1e-5), rel=1e-6, abs=1e-6)


def test_catalog_vectorises_and_respects_domains():
    ln = cl.catalog()["ln x"]
    out = ln(np.array([-1.0, 0.0, 1.0]))
    assert np.isnan(out[0]) and np.isnan(out[1]) and out[2] == 0
    with pytest.raises(ValueError, match="`x0` = 0 is outside the domain of ln x"):
        ln.require_in_domain(0.0, "x0")
    const = Function("one", sp.Integer(1) + 0 * x)
    assert const(np.zeros(3)).shape == (3,)


def test_function_needs_a_sympy_expression():
    with pytest.raises(TypeError, match="`expr` must be a sympy expression"):
        Function("bad", "x**2")


def test_check_derivative_says_yes_and_no():
    t = sp.Symbol("t", positive=True)
    good = cl.check_derivative(sp.log(t), t, [0.5, 2.0], claimed=1 / t)
    bad = cl.check_derivative(sp.cos(t), t, [0.5, 2.0], claimed=sp.sin(t))
    assert good.ok and good.symbolic_match and good.numeric_match
    assert not bad.ok and not bad.symbolic_match and not bad.numeric_match
    assert "NO" in repr(bad) and "yes" in repr(good)
    assert cl.check_derivative(t**3, t, 1.0).claimed == 3 * t**2  # default claim: sympy's own
    # a table row names the variable differentiated by (it said d/dx t**2, which is 0: a student read of 02)
    assert good.row() == ("d/dt log(t)", "1/t", "yes", "yes")
    assert cl.check_derivative(sp.Symbol("x") ** 2, sp.Symbol("x"), 1.0).row()[0] == "d/dx x**2"


def test_check_derivative_bad_input():
    t, a = sp.symbols("t a")
    with pytest.raises(ValueError, match="substitute values for a"):
        cl.check_derivative(a * t, t, [1.0])
    with pytest.raises(TypeError, match="`symbol` must be a sympy Symbol"):
        cl.check_derivative(t**2, "t", [1.0])
    with pytest.raises(ValueError, match="`points` must hold at least one point"):
        cl.check_derivative(t**2, t, [])
