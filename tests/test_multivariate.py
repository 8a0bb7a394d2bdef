import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import calclib as cl
from calclib.descent import DIVERGENCE_NORM, gradient_descent
from calclib.gradients import (
    brute_force, directional_derivative, numerical_gradient, partial_derivative, steepest_ascent, unit_vector,
)
from calclib.jacobian import linearize, matrix_text, numerical_jacobian, path_sum
from calclib.landscapes import catalog


def test_chapter_gradient_numbers():
    bowl = catalog()["bowl"]
    assert bowl.gradient([3, 4]).tolist() == [6, 8] and bowl.gradient([0, 0]).tolist() == [0, 0]
    assert numerical_gradient(bowl, [3.0, 4.0]) == pytest.approx([6, 8])
    g = bowl.gradient([3, 4])
    assert [directional_derivative(g, u) for u in ([0, 1], [1, 0], [0.6, 0.8])] == [8, 6, 10]
    assert steepest_ascent(g).tolist() == [0.6, 0.8] and np.linalg.norm(g) == 10
    assert sp.simplify(bowl.partials[0] - 2 * sp.Symbol("x", real=True)) == 0


def test_brute_force_is_computed():
    search = brute_force(10, 10**6)
    assert search.exponent == 10**6 and search.count == 10**(10**6)
    assert "10^1,000,000" in repr(search)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_gradient_shape_and_value_for_any_n(n, seed):
    rng = np.random.default_rng(seed)
    a, x = rng.normal(size=n), rng.normal(size=n)
    grad = numerical_gradient(lambda p: a @ p + p @ p, x)
    assert grad.shape == (n,)
    assert grad == pytest.approx(a + 2 * x, rel=1e-7, abs=1e-7)


@settings(max_examples=30, deadline=None)
@given(m=st.integers(1, 5), n=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
def test_jacobian_shape_is_m_by_n(m, n, seed):
    rng = np.random.default_rng(seed)
    A, x = rng.normal(size=(m, n)), rng.normal(size=n)
    J = numerical_jacobian(lambda p: A @ p + np.sin(A @ p), x)
    assert J.shape == (m, n)
    assert J == pytest.approx(A + np.cos(A @ x)[:, None] * A, rel=1e-7, abs=1e-7)


@settings(max_examples=40, deadline=None)
@given(theta=st.floats(0, 2 * np.pi), g=arrays(float, 2, elements=st.floats(-10, 10)))
def test_directional_derivative_never_beats_the_gradient_norm(theta, g):
    assert directional_derivative(g, unit_vector(theta)) <= np.linalg.norm(g) + 1e-12


def test_chapter_jacobian_numbers():
    f = lambda p: np.array([p[0] ** 2 + p[1], p[0] * p[1]])
    J = numerical_jacobian(f, [3.0, 2.0])
    assert J == pytest.approx(np.array([[6, 1], [2, 3]]))
    lin = linearize(f, [3.0, 2.0], [0.1, 0.2])
    assert lin.predicted == pytest.approx([0.8, 0.8]) and lin.actual == pytest.approx([0.81, 0.82])
    assert lin.gap == pytest.approx(np.hypot(0.01, 0.02))
    gaps = [linearize(f, [3.0, 2.0], [0.1 * s, 0.2 * s]).gap for s in (1, 0.5, 0.25)]
    assert gaps[0] / gaps[1] == pytest.approx(4) and gaps[1] / gaps[2] == pytest.approx(4)
    assert matrix_text(J) == "[[6, 1],\n [2, 3]]"


def test_path_sum_three_ways():
    x, y1, y2 = sp.symbols("x y1 y2")
    s = path_sum(y1 * y2 + y2**2, [(y1, x**2), (y2, sp.sin(x))], x, 1.2)
    composed = x**2 * sp.sin(x) + sp.sin(x) ** 2
    assert s.total == pytest.approx(float(sp.diff(composed, x).subs(x, 1.2)))
    assert s.total == pytest.approx(cl.central_difference(sp.lambdify(x, composed), 1.2, 1e-5))
    assert len(s.products) == 2 and "sum over paths" in repr(s)


def test_descent_regimes_on_the_elongated_bowl():
    land = catalog()["elongated bowl"]
    walk = lambda rate: gradient_descent(land, land.gradient, [4.0, 2.0], learning_rate=rate, steps=200)
    assert walk(0.05).status == "converged"
    ys = walk(0.09).points[:6, 1]
    assert np.all(np.sign(ys[1:]) != np.sign(ys[:-1]))  # zig-zag: y flips sign every step
    with np.errstate(all="raise"):  # no overflow on the way
        diverged = walk(0.2)
    assert diverged.status == "diverged" and np.linalg.norm(diverged.points[-1]) <= DIVERGENCE_NORM
    assert "too large" in diverged.message


def test_landscape_gradients_match_finite_differences():
    for land in catalog().values():
        for p in ([0.3, -0.7], [1.1, 0.4]):
            assert land.gradient(p) == pytest.approx(numerical_gradient(land, p), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: numerical_gradient(lambda p: p, [1.0, 2.0]), ValueError, "`f` must return a single number"),
        (lambda: numerical_gradient(np.sum, [[1.0, 2.0]]), ValueError, "`x` must be a 1-D array"),
        (lambda: numerical_gradient(lambda p: np.log(p[0]), [0.0]), ValueError, "`x` is outside the domain"),
        (lambda: partial_derivative(np.sum, [1.0, 2.0], 2), ValueError, "`i` must be a coordinate index"),
        (lambda: directional_derivative([6, 8], [1, 1]), ValueError, "`u` must be a unit vector"),
        (lambda: directional_derivative([6, 8], [1, 0, 0]), ValueError, "`u` must have the gradient's shape"),
        (lambda: steepest_ascent([0, 0]), ValueError, "`gradient` is zero"),
        (lambda: brute_force(10, 0), ValueError, "`parameters` must be a positive whole number"),
        (lambda: numerical_jacobian("f", [1.0]), TypeError, "`f` must be a function"),
        (lambda: linearize(np.sin, [1.0, 2.0], [0.1]), ValueError, "`dx` must have the shape of x0"),
        (lambda: gradient_descent(np.sum, np.ones_like, [1.0], learning_rate=0), ValueError,
         "`learning_rate` must be greater than 0"),
        (lambda: gradient_descent(np.sum, np.ones_like, [1.0], learning_rate=0.1, steps=0), ValueError,
         "`steps` must be a positive whole number"),
        (lambda: path_sum(sp.Symbol("y"), [sp.Symbol("y")], "x", 1.0), TypeError, "`x_symbol` must be a sympy Symbol"),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_catalog_gives_a_new_dict_of_the_landscapes_made_once():
    """The landscapes derive their gradients with sympy once (the descent explorer asked for them at every move);
    each call's dict is its own, so a caller that changes it changes no other's."""
    first, second = catalog(), catalog()
    assert first is not second and all(first[name] is second[name] for name in first)
    first.pop("bowl")
    assert sorted(catalog()) == ["bowl", "elongated bowl", "rosenbrock"]


def test_a_float_array_is_checked_as_any_other():
    """real_array takes a float64 array as it is (no conversion: every step of a walk), and still refuses one
    that is not finite; other arrays are converted as before (a masked array to a plain one)."""
    from calclib._validate import real_array

    p = np.array([1.0, 2.0])
    assert real_array(p, "p") is p
    for bad in ([np.nan, 1.0], [1.0, np.inf], np.float64(np.nan)):
        with pytest.raises(ValueError, match="^`p` must hold only finite numbers$"):
            real_array(np.array(bad), "p")
    masked = np.ma.masked_array([1.0, 2.0], mask=[False, True])
    assert type(real_array(masked, "p")) is np.ndarray
    assert real_array(np.array([1, 2]), "p").dtype == np.float64
