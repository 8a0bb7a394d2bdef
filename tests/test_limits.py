import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import calclib as cl
from calclib.limits import EpsilonDelta, LimitResult

F = cl.Quotient(lambda x: x**2 - 1, lambda x: x - 1)


def test_chapter_approach_table():
    t = cl.approach_table(F, 1, steps=[0.1, 0.01, 0.001])
    assert np.allclose(t.left_x, [0.9, 0.99, 0.999])
    assert np.allclose(t.left_fx, [1.9, 1.99, 1.999])
    assert np.allclose(t.right_x, [1.001, 1.01, 1.1])
    assert np.allclose(t.right_fx, [2.001, 2.01, 2.1])
    assert t.left_estimate == pytest.approx(1.999) and t.right_estimate == pytest.approx(2.001)
    text = repr(t)
    assert "undefined (0/0)" in text and "1.999" in text and "np.float64" not in text
    assert "<table>" in t._repr_html_()


def test_steps_order_does_not_matter():
    a = cl.approach_table(F, 1, steps=[0.001, 0.1, 0.01])
    b = cl.approach_table(F, 1, steps=[0.1, 0.01, 0.001])
    assert np.array_equal(a.left_x, b.left_x) and np.array_equal(a.right_x, b.right_x)


def test_value_at_reports_undefined_forms():
    assert cl.value_at(F, 1) == cl.Undefined("0/0")
    assert cl.value_at(cl.Quotient(lambda x: 1.0, lambda x: x), 0) == cl.Undefined("1/0")
    assert cl.value_at(lambda x: 1 / x, 0) == cl.Undefined("division by zero")
    assert isinstance(cl.value_at(np.log, -1.0), cl.Undefined)
    assert cl.value_at(F, 3) == pytest.approx(4)


def test_quotient_on_arrays_gives_nan_only_at_the_hole():
    with np.errstate(all="raise"):  # and no numpy warning on the way
        out = F(np.array([0.0, 1.0, 2.0]))
    assert out[0] == pytest.approx(1) and np.isnan(out[1]) and out[2] == pytest.approx(3)


def test_symbolic_limits_three_ways():
    x = sp.symbols("x")
    result = cl.symbolic_limit((x**2 - 1) / (x - 1), x, 1)
    assert result.exists and result.value == 2
    assert sp.cancel((x**2 - 1) / (x - 1)) == x + 1
    assert cl.approach_table(F, 1, steps=[1e-6]).right_estimate == pytest.approx(2, abs=1e-5)


def test_one_sided_limits_that_disagree():
    x = sp.symbols("x")
    result = cl.symbolic_limit(sp.Abs(x) / x, x, 0)
    assert (result.left, result.right, result.exists, result.value) == (-1, 1, False, None)
    assert "does not exist" in repr(result)
    t = cl.approach_table(cl.Quotient(np.abs, lambda s: s), 0)
    assert np.all(t.left_fx == -1) and np.all(t.right_fx == 1)


def test_infinite_limit_does_not_exist():
    x = sp.symbols("x")
    assert not LimitResult(sp.oo, sp.oo).exists
    assert not cl.symbolic_limit(1 / x**2, x, 0).exists


@given(slope=st.floats(0.1, 10), epsilon=st.floats(0.01, 1))
def test_delta_for_a_line_is_epsilon_over_slope(slope, epsilon):
    result = cl.delta_for_epsilon(lambda x: slope * x, 0.0, 0.0, epsilon, delta_max=20.0)
    assert result.delta == pytest.approx(epsilon / slope, rel=2e-3)


def test_delta_for_epsilon_chapter_function():
    assert cl.delta_for_epsilon(F, 1, 2, 0.1).delta == pytest.approx(0.1, rel=1e-3)
    assert repr(EpsilonDelta(0.5, 0.5)) == "epsilon = 0.5 -> delta = 0.5"


def test_floating_point_step():
    s = cl.stored_step(1, 1e-15)
    assert s.stored != 1e-15 and s.stored == (1 + 1e-15) - 1
    rows = s.table(lambda t: t**2).rows
    assert rows[0][2] == pytest.approx(2.220446049250313) and rows[1][2] == 2.0


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: cl.approach_table("f", 1), TypeError, "`f` must be a function"),
        (lambda: cl.approach_table(F, "1"), TypeError, "`a` must be a real number"),
        (lambda: cl.approach_table(F, 1, steps=[0.1, 0]), ValueError, "`steps` must be non-zero"),
        (lambda: cl.approach_table(F, np.nan), ValueError, "`a` must be finite"),
        (lambda: cl.value_at(F, None), TypeError, "`x` must be a real number"),
        (lambda: cl.Quotient(1, lambda x: x), TypeError, "`numerator` must be a function"),
        (lambda: cl.symbolic_limit("x**2", sp.Symbol("x"), 0), TypeError, "`expr` must be a sympy expression"),
        (lambda: cl.symbolic_limit(sp.Symbol("x"), "x", 0), TypeError, "`symbol` must be a sympy Symbol"),
        (lambda: cl.delta_for_epsilon(F, 1, 2, 0), ValueError, "`epsilon` must be greater than 0"),
        (lambda: cl.stored_step(1, 0), ValueError, "`h` must be non-zero"),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(")):
        call()
