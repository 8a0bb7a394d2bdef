import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calclib.gradients import numerical_gradient
from calclib.matrix_calculus import (
    FORMULAS, antisymmetric_part, formula_table, least_squares_loss, symmetric_part,
)


def test_chapter_examples():
    a, x = np.array([3.0, 2.0]), np.array([3.0, 4.0])
    assert FORMULAS[0].gradient(x, a).tolist() == [3, 2]
    assert x @ x == 25 and FORMULAS[1].gradient(x, None).tolist() == [6, 8]
    A, ones = np.array([[1.0, 2.0], [0.0, 3.0]]), np.ones(2)
    assert (A @ ones).tolist() == [3, 3] and ones @ A @ ones == 6
    assert (A + A.T).tolist() == [[2, 2], [2, 6]] and FORMULAS[2].gradient(ones, A).tolist() == [4, 8]
    assert np.linalg.norm(x) == 5 and FORMULAS[3].gradient(x, None).tolist() == [0.6, 0.8]


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 8))
def test_every_formula_in_any_dimension(seed, n):
    rng = np.random.default_rng(seed)
    for formula in FORMULAS:
        assert formula.check(rng, n, trials=2) < 1e-6, formula.name


def test_a_wrong_formula_is_caught():
    from calclib.matrix_calculus import GradientFormula

    wrong = GradientFormula("∇(xᵀAx) = 2Ax", lambda x, A: x @ A @ x, lambda x, A: 2 * A @ x,
                            lambda rng, n: rng.normal(size=(n, n)))
    assert wrong.check(np.random.default_rng(1), 3) > 1e-3


def test_symmetric_part_is_all_a_quadratic_form_sees():
    rng = np.random.default_rng(5)
    A = rng.normal(size=(4, 4))
    S, K = symmetric_part(A), antisymmetric_part(A)
    assert np.allclose(S + K, A) and np.allclose(S, S.T) and np.allclose(K, -K.T)
    for x in rng.normal(size=(20, 4)):
        assert x @ A @ x == pytest.approx(x @ S @ x) and abs(x @ K @ x) < 1e-12


def test_least_squares_gradient():
    rng = np.random.default_rng(3)
    A, b = rng.normal(size=(6, 3)), rng.normal(size=6)
    f, grad = least_squares_loss(A, b)
    for w in rng.normal(size=(5, 3)):
        assert grad(w) == pytest.approx(numerical_gradient(f, w), rel=1e-6, abs=1e-6)
    assert np.allclose(grad(np.linalg.lstsq(A, b, rcond=None)[0]), 0, atol=1e-10)


def test_formula_table_and_bad_input():
    assert all(row[-1] == "yes" for row in formula_table(np.random.default_rng(0), dims=(2,), trials=1).rows)
    with pytest.raises(TypeError, match="`rng` must be a numpy Generator"):
        formula_table(7)
    with pytest.raises(ValueError, match="`A` must be a square matrix"):
        symmetric_part([[1, 2, 3]])
    with pytest.raises(ValueError, match="`y` must have shape"):
        least_squares_loss(np.ones((3, 2)), np.ones(2))
    loss, gradient = least_squares_loss(np.eye(2), [1e308, -1e308])  # a residual too large to square
    with pytest.raises(OverflowError, match="overflows a float"):
        loss(np.ones(2))
    loss, gradient = least_squares_loss([[1e308, 0.0], [1e308, 0.0]], [0.0, 0.0])
    with pytest.raises(OverflowError, match="overflows a float"):
        gradient(np.array([10.0, 0.0]))
