import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import calclib as cl
from calclib.rules import product_increment_table, quotient_rule_derivation

x, u, v, y = sp.symbols("x u v y")
CHAPTER = cl.Chain(x, [(u, 3 * x + 1), (y, u**2)])


def test_chapter_nudge_numbers():
    n = CHAPTER.nudge(2, 0.001)
    assert n.before == [2, 7, 49]
    assert n.after == pytest.approx([2.001, 7.003, 49.042009])
    assert n.changes == pytest.approx([0.001, 0.003, 0.042009])
    assert n.ratios == pytest.approx([3, 14.003])
    assert n.overall == pytest.approx(42.009)
    assert CHAPTER.derivative(2) == 42
    text = repr(n)
    assert "49.042009" in text and "Δy/Δu = 14.003" in text and "42.009" in text


def test_gap_shrinks_in_proportion_to_dx():
    gaps = [abs(CHAPTER.nudge(2, dx).overall - 42) for dx in (0.1, 0.01, 0.001)]
    assert gaps == pytest.approx([0.9, 0.09, 0.009], rel=1e-6)
    assert "0.009" in repr(cl.gap_table(CHAPTER, 2, [0.001]))


CHAINS = [
    cl.Chain(x, [(u, 3 * x + 1), (y, u**2)]),
    cl.Chain(x, [(v, 2 * x + 1), (u, v**2), (y, sp.sin(u))]),
    cl.Chain(x, [(v, sp.exp(x)), (u, sp.cos(v)), (y, u**3 - u)]),
]


@settings(max_examples=40, deadline=None)
@given(chain=st.sampled_from(CHAINS), x0=st.floats(-1.0, 1.0))
def test_chain_rule_three_ways(chain, x0):
    by_product = chain.derivative(x0)
    by_sympy = float(sp.diff(chain.composed(), x).subs(x, x0))
    by_difference = cl.central_difference(sp.lambdify(x, chain.composed(), "numpy"), x0, 1e-5)
    assert by_product == pytest.approx(by_sympy, rel=1e-9, abs=1e-9)
    assert by_product == pytest.approx(by_difference, rel=1e-6, abs=1e-6)


def test_chain_bad_input():
    with pytest.raises(TypeError, match="`input_symbol` must be a sympy Symbol"):
        cl.Chain("x", [(u, 3 * x)])
    with pytest.raises(ValueError, match="`links` must hold at least one"):
        cl.Chain(x, [])
    with pytest.raises(TypeError, match=r"`links\[0\]` must be a pair"):
        cl.Chain(x, [3 * x])
    with pytest.raises(ValueError, match=r"`links\[1\]` must be an expression in u only; it also uses x"):
        cl.Chain(x, [(u, 3 * x), (y, u * x)])
    with pytest.raises(ValueError, match="`dx` must be non-zero"):
        CHAPTER.nudge(2, 0)


def test_sigmoid_is_safe_and_right():
    with np.errstate(all="raise"):
        assert cl.sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist() == [0.0, 0.5, 1.0]
    zs = np.linspace(-8, 8, 41)
    assert np.allclose(cl.sigmoid(zs), 1 / (1 + np.exp(-zs)))
    numeric = [cl.central_difference(cl.sigmoid, z, 1e-5) for z in zs]
    assert np.allclose(cl.sigmoid_derivative(zs), numeric, atol=1e-9)
    with pytest.raises(ValueError, match="`z` must hold only finite numbers"):
        cl.sigmoid(np.nan)


FUNCS = [x**2, sp.sin(x), sp.exp(x), x**3 + 1, sp.log(x), sp.sqrt(x), sp.cos(x) + 2]


@settings(max_examples=30, deadline=None)
@given(f=st.sampled_from(FUNCS), g=st.sampled_from(FUNCS), t=st.floats(0.3, 2.5))
def test_product_and_quotient_rules(f, g, t):
    pos = sp.Symbol("x", positive=True)
    f, g = f.subs(x, pos), g.subs(x, pos)
    assume(abs(float(g.subs(pos, t))) > 0.1)  # the quotient needs g(t) away from 0
    for expr, claim in ((f * g, cl.product_rule(f, g, pos)), (f / g, cl.quotient_rule(f, g, pos))):
        check = cl.check_derivative(expr, pos, [t], claimed=claim)
        assert check.symbolic_match and check.numeric_match


def test_wrong_rules_are_caught():
    pos = sp.Symbol("x", positive=True)
    wrong = cl.check_derivative(pos**2 * sp.sin(pos), pos, [1.0], claimed=2 * pos * sp.cos(pos))
    assert not wrong.ok


def test_product_increment_pieces_add_up():
    inc = cl.product_increment(lambda t: t**2, lambda t: t + 1, 1.0, 0.3)
    assert inc.f_dg + inc.g_df + inc.corner == pytest.approx(inc.total)
    assert (inc.f_dg, inc.g_df, inc.corner) == pytest.approx((0.3, 1.38, 0.207))
    shares = [cl.product_increment(np.sin, np.exp, 0.7, dx).corner_share for dx in (1e-2, 1e-3, 1e-4)]
    assert shares[0] / shares[1] == pytest.approx(10, rel=0.05) and shares[1] / shares[2] == pytest.approx(10, rel=0.05)
    assert "corner share" in repr(product_increment_table(np.sin, np.exp, 0.7, [0.1]))
    with pytest.raises(TypeError, match="`g` must be a function"):
        cl.product_increment(np.sin, 2, 0.0, 0.1)


def test_quotient_rule_derivation_is_checked():
    d = quotient_rule_derivation(x)
    assert all(d.valid) and len(d.steps) == 3
    assert "checked" in repr(d) and "✔" in d._repr_markdown_()


def test_rules_bad_input():
    with pytest.raises(TypeError, match="`f` must be a sympy expression"):
        cl.product_rule("x", x, x)
    with pytest.raises(TypeError, match="`symbol` must be a sympy Symbol"):
        cl.quotient_rule(x, x + 1, "x")
