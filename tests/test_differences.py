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
    # the leading error term of the forward quotient, h f''/2, is really there and dominates the next, h^2 f'''/6
    # (at x = -0.0366, x^3 - 2x has f'' = -0.22 and f''' = 6: the ratio is 1.7996; found by a random seed)
    if abs(d2f(x)) > 0.2 and abs(d3f(x)) < 10 * abs(d2f(x)):
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


# ---------------------------------------------------------------- richardson with a step of one's own, by hand


def test_richardson_levels_and_error_against_hand_computed_tableaus():
    # t^3: D(h) = 3x^2 + h^2, so one extrapolation is exact and the error estimate is |value - D(h)| = h^2
    d = cl.richardson(lambda t: t**3, 1.5, h=0.5, levels=2)
    assert float(d) == pytest.approx(6.75, rel=1e-15, abs=0) and d.error == pytest.approx(0.25, rel=1e-12, abs=0)
    assert (d.step, d.method, d.evaluations, d.rtol) == (0.5, "richardson", 5, 1e-8)
    assert not d.success  # 0.25 is far from 1e-8 * 6.75
    assert cl.richardson(lambda t: t**3, 1.5, h=0.5, levels=2, rtol=0.05).success  # 0.25 <= 0.3375
    assert not cl.richardson(lambda t: t**3, 1.5, h=0.5, levels=2, rtol=0.03).success  # 0.25 > 0.2025
    # t^5 at 1: D(h) = 5 + 10h^2 + h^4; the first column is 5 - h^4/4, the second exactly 5
    d = cl.richardson(lambda t: t**5, 1.0, h=0.5, levels=3)
    assert float(d) == pytest.approx(5.0, rel=1e-14, abs=0) and d.error == pytest.approx(0.5**4 / 4, rel=1e-12, abs=0)
    assert d.evaluations == 7 and d.step == 0.5
    # a straight line: every difference is exact, so the error is the rounding bound of the smallest step,
    # 4 eps (|f(x+h)| + |f(x-h)| + |f(x)|) / h = 4 eps (3.25 + 2.75 + 3) / 0.125
    d = cl.richardson(lambda t: 2 * t + 1, 1.0, h=0.5, levels=3)
    assert float(d) == 2.0 and d.error == pytest.approx(288 * EPS, rel=1e-12, abs=0) and d.success


def test_richardson_one_level_is_the_central_difference_with_no_error_estimate():
    points = [0]

    def counted(t):
        points[0] += np.size(t)
        return np.exp(t)

    d = cl.richardson(counted, 0.5, h=0.25, levels=1, rtol=1e-3)
    assert float(d) == pytest.approx((math.exp(0.75) - math.exp(0.25)) / 0.5, rel=1e-15, abs=0)
    assert d.error == math.inf and not d.success and d.method == "central" and d.step == 0.25 and d.rtol == 1e-3
    assert d.evaluations == points[0] == 3  # f(x), f(x + h), f(x - h)


def test_richardson_with_a_step_refuses_what_it_cannot_extrapolate():
    # t (1 + |t|^p) at 0: the central differences are 1 + h^p, changing by exactly 2^p per halving
    for p, settles in ((1, True), (3, True), (math.log2(1.9), False), (math.log2(8.5), False)):
        f = lambda t, p=p: t * (1 + np.abs(t) ** p)  # noqa: E731
        if settles:  # from 2 to 8 is accepted: the extrapolation still says how far it is from settling
            d = cl.richardson(f, 0.0, h=0.5, levels=3)
            assert abs(d - 1.0) < d.error < 0.1
        else:
            factor = f"{2 ** p:.3g}"
            with pytest.raises(ValueError, match=rf"^the central differences from `h` = 0.5 at x = 0 change by a factor "
                                                 rf"{factor} per halving instead of 4: f is not smooth between x - h and "
                                                 r"x \+ h \(a pole or a domain edge nearby\?\); use a smaller h, or leave h "
                                                 "out to have it chosen$"):
                cl.richardson(f, 0.0, h=0.5, levels=3)
    with pytest.raises(ValueError, match=r"^`h` = 0.5 leaves the domain of f: f\(-0.2\) is not finite \(x = 0.3\); use a "
                                         "smaller step$"):
        cl.richardson(np.log, 0.3, h=0.5)
    with pytest.raises(ValueError, match=r"^`h` = 6.25e-17 vanishes against x = 1: x \+ 6.25e-17 == x"):
        cl.richardson(np.sin, 1.0, h=1e-15)  # the fifth step, h / 16, is lost against x
    with pytest.raises(ValueError, match=r"^`h` = 2.5e-17 vanishes against x = 1: x \+ 2.5e-17 == x in floating point"):
        cl.richardson(np.sin, 1.0, h=4e-16)  # the last three steps are lost: the smallest is named
    with pytest.raises(ValueError, match=r"^`h` = 0.5 leaves the domain of f: f\(1.2\) is not finite \(x = 0.7\); use a "
                                         "smaller step$"):
        cl.richardson(lambda t: np.log(1 - t), 0.7, h=0.5)  # on the right this time
    # thirty levels: the last differences are rounding noise, not a sign of a pole; the estimate says how good it is
    d = cl.richardson(np.sin, 1.0, h=0.1, levels=30)
    assert abs(d - math.cos(1.0)) <= d.error < 1e-4 and d.evaluations == 61
    # differences of -1.5e308 and 1.5e308: each is a float, their extrapolation is not
    table = {0.5: -0.75e308, -0.5: 0.75e308, 0.25: 0.375e308, -0.25: -0.375e308}
    wild = np.vectorize(lambda t: table.get(float(t), 0.0))
    with pytest.raises(OverflowError, match=r"^the extrapolation overflows at x = 0; use a smaller `h`$"):
        cl.richardson(wild, 0.0, h=0.5, levels=2)


def test_zero_slopes_are_exact():
    """A constant, or an even function at 0: every central difference is exactly 0, and so is f'(x)."""
    for f, x in ((lambda t: 5 + 0 * t, 1.0), (np.cos, 0.0), (lambda t: (t - 1) ** 2, 1.0)):
        d = cl.derivative(f, x)
        assert float(d) == 0.0 and d.success and d.exact_zero and d.method == "adaptive (central)", (f, x)
        assert "within rtol" in d.message
    d = cl.derivative(np.sin, 0.5)
    assert not d.exact_zero and d.success
    with pytest.raises(ValueError, match=r"^f has no derivative at `x` = 0: the slope from the left is about -1, "
                                         r"from the right about 1 \(a kink or a jump\)$"):
        cl.derivative(lambda t: np.abs(t) + 100 * t * t, 0.0)  # its central differences are all exactly 0 too


def test_richardson_from_a_step_of_ones_own_refuses_a_zero_slope():
    """From steps of one's own, a zero slope (all central differences 0 up to rounding) cannot be told from a
    kink under curvature: |t| + 100 t^2 at 0 looks like a parabola from h = 0.5 down to 0.03. So it is refused,
    pointing to h=None, which goes on halving until it can tell."""
    for f, x in ((lambda t: 5 + 0 * t, 1.0), (np.cos, 0.0), (lambda t: 0 * t, 1.0), (np.abs, 0.0),
                 (lambda t: np.abs(t) + 100 * t * t, 0.0)):
        for h, levels in ((0.1, 3), (0.5, 5)):
            with pytest.raises(ValueError, match=rf"^the extrapolation from `h` = {h:g} does not settle at x = {x:g}: f "
                                                 r"is not smooth between x - h and x \+ h \(a pole, a kink or a domain "
                                                 r"edge\?\) or the steps are lost to rounding; use a smaller h, or leave "
                                                 "h out to have it chosen$"):
                cl.richardson(f, x, h=h, levels=levels)
    assert cl.derivative(np.cos, 0.0, method="richardson").exact_zero  # h=None: the adaptive estimate


def test_error_study_default_steps_and_overflowing_quotients():
    study = cl.error_study(np.exp, np.exp, 1.0)  # by default the steps run from 1e-16 to 1
    assert study.h[0] == pytest.approx(1e-16, rel=1e-12, abs=0) and study.h[-1] == 1.0
    # a dip of width 1e-3 from 1e308 to -1e308: f(x + h) - f(x) / h overflows for every step above about 1e-6
    # (the central quotient does not: f is even about x); those steps are left out, the rest measured
    dip = lambda t: 1e308 * (1 - 2 * np.exp(-(((t - 0.5) / 1e-3) ** 2)))  # noqa: E731
    study = cl.error_study(dip, lambda t: 0 * t, 0.5)
    assert study.h[0] == pytest.approx(1e-16, rel=1e-12, abs=0) and 5e-7 < study.h[-1] < 1e-6
    assert all(np.all(np.isfinite(e)) for e in study.errors.values())


# ---------------------------------------------------------------- the adaptive derivative's search, counted by hand


def test_adaptive_derivative_evaluation_counts_by_hand():
    """f(x), the two points of the cross-check, the probes for a first usable step, then 32 steps of the tableau.

    A probe evaluates f at x + h, then at x - h only if x + h was finite; a probe of every 16th halving
    from the first step top = min(|x|/2, max(1, |x|/100)) (or 1/2 for |x| < 1), then the halvings
    since the last failed probe one by one, stopping at the first usable one.
    """
    cases = [
        # 1 + 2 + 4 (k = 0 twice: the coarse probe, then the one by one) + 2 * 32
        (np.sin, 1.0, 71, "central", math.cos(1.0)),
        # 0.5 * 2**-k < 1e-3 from k = 9: coarse probes k = 0 (fails), 16; then k = 0 .. 9 one by one: 2 * 12 probes
        (np.sqrt, 1e-3, 1 + 2 + 24 + 64, "central", 0.5 / math.sqrt(1e-3)),
        # defined for t >= 0 only: every central probe fails at x - h, k = 0, 16, .., 1072 (68 probes) until the
        # step underflows at k = 1088; forward: k = 0 twice (1 point each), then f(x) and 32 steps
        (lambda t: np.where(t >= 0, np.exp(t) + 2 * t, np.nan), 0.0, 1 + 2 + 136 + 2 + 33, "forward", 3.0),
        # defined for t <= 1 only: central and forward probes fail at x + h (1 point each) for k = 0, 16, 32, 48,
        # the step vanishes against 1 at k = 64; backward: k = 0 twice, f(x) and 32 steps
        (lambda t: np.where(t <= 1, np.sin(t), np.nan), 1.0, 1 + 2 + 4 + 4 + 2 + 33, "backward", math.cos(1.0)),
        # x = 2**-12: f is not defined above x; x + h vanishes against x at k = 64 (h = 2**-65 is half an ulp of x),
        # x - h does not (the ulp below x is 2**-65): every probe must stop there, on either side of x
        (lambda t: np.where(t <= 2.0**-12, np.sin(t), np.nan), 2.0**-12, 46, "backward", math.cos(2.0**-12)),
        # the mirror image: central probes evaluate x + h (finite), then x - h (not), at k = 0, 16, 32, 48;
        # x - h vanishes at k = 64; forward: k = 0 twice, then f(x) and 32 steps
        (lambda t: np.where(t >= -(2.0**-12), np.exp(t) + 2 * t, np.nan), -(2.0**-12), 1 + 2 + 8 + 2 + 33, "forward",
         math.exp(-(2.0**-12)) + 2),
        # 0.5 * 2**-k < 1e-8 from k = 26: coarse probes k = 0, 16 (fail), 32; then k = 16 .. 26 one by one
        (np.log, 1e-8, 1 + 2 + 2 * 3 + 2 * 11 + 64, "central", 1e8),
        # ln(t + 1 + 1e-7) at -1: 0.5 * 2**-k < 1e-7 from k = 23 (probes k = 0, 16 fail, 32; then 16 .. 23); of the
        # 32 steps 2**-24 .. 2**-55, x - h vanishes against -1 for 2**-53 (x + h does not), both for the last two
        (lambda t: np.log(t + 1 + 1e-7), -1.0, 1 + 2 + 2 * 3 + 2 * 8 + 2 * 29, "central", 1e7),
        # steps 8π, 4π, 2π see sin's period: the first tableau agrees on a wrong slope; the cross-check starts
        # again from a step 64 times smaller: 1 + 2 + 2 * (4 + 64)
        (np.sin, 800 * math.pi, 139, "central", 1.0),
    ]
    for f, x, evaluations, kind, exact in cases:
        d = cl.derivative(f, x)
        assert d.evaluations == evaluations and d.method == f"adaptive ({kind})", (x, d.evaluations, d.method)
        assert float(d) == pytest.approx(exact, rel=1e-12, abs=0) and d.success


def test_aliased_steps_do_not_make_a_smooth_function_look_kinked():
    """Found by mutation testing: at x = 1600π the first steps, 16π .. 2π, make sin look kinked."""
    for k in (1600, 1800, 2400, 3187):
        d = cl.derivative(np.sin, k * math.pi)
        assert float(d) == pytest.approx(math.cos(k * math.pi), rel=1e-12, abs=0) and d.success and d.evaluations == 139
    with pytest.raises(ValueError, match="^f has no derivative at `x` = 1600: the slope from the left is about -1, "):
        cl.derivative(lambda t: np.abs(t - 1600), 1600.0)  # a true kink is still found on the last try


def _reference_tableau(f, x, kind, k0):
    """The documented algorithm written out plainly: 32 steps top * 2**-k from the first usable k (as floating
    point takes them, (x + h) - x), central (or one-sided) differences, a Neville tableau of 8 columns removing
    h**2, h**4, .. (or h, h**2, .. one-sided), each entry's error estimate the larger of its change from its two
    parents and 4 times the rounding bound eps (|f(x+h)| + |f(x-h)| + |f(x)|) / h; the smallest wins. It has
    settled if that change is at most 1e-3 of its value, or within the rounding bound.
    Returns (error estimate, value, step, settled)."""
    top = min(0.5 * max(abs(x), 1.0), max(1.0, abs(x) / 100))
    hs = (x + top * 2.0 ** -np.arange(k0, k0 + 32)) - x
    fx = float(f(np.float64(x)))
    if kind == "central":
        fp, fm = f(x + hs), f(x - hs)
        d, rounding, ratio = (fp - fm) / (2 * hs), EPS * (abs(fp) + abs(fm) + abs(fx)) / hs, 4.0
    else:
        sign = 1.0 if kind == "forward" else -1.0
        fo = f(x + sign * hs)
        d, rounding, ratio = (fo - fx) / (sign * hs), EPS * (abs(fo) + abs(fx)) / hs, 2.0
    best = (math.inf, None, None, None)
    column = [float(t) for t in d]
    for j in range(1, 9):
        new = [None] * 32
        for k in range(j, 32):
            new[k] = column[k] + (column[k] - column[k - 1]) / (ratio**j - 1.0)
            change = max(abs(new[k] - column[k]), abs(new[k] - column[k - 1]))
            err = max(change, 4.0 * float(rounding[k]))
            if err < best[0]:
                best = (err, new[k], float(hs[k]), change <= 1e-3 * abs(new[k]) or change <= 4.0 * float(rounding[k]))
        column = new
    return best


@pytest.mark.parametrize("f, x, kind, k0", [
    (np.sin, 1.0, "central", 0), (np.sin, -2.5, "central", 0), (np.sin, 1000.0, "central", 0),
    (np.exp, -2.5, "central", 0), (np.log, 2.5, "central", 0), (lambda t: np.exp(-t * t), 2.0, "central", 0),
    (np.sqrt, 1e-3, "central", 9), (np.log, 1e-8, "central", 26),
    (lambda t: np.where(t >= 0, np.exp(t) + 2 * t, np.nan), 0.0, "forward", 0),
    (lambda t: np.where(t <= 1, np.sin(t), np.nan), 1.0, "backward", 0),
    # rounding (eps * 1e6 / h) dominates the error estimates of these one-sided tableaus
    (lambda t: np.where(t >= 0, 1e6 + np.exp(t), np.nan), 0.0, "forward", 0),
    (lambda t: np.where(t <= 0, 1e6 + np.exp(t), np.nan), 0.0, "backward", 0),
    # defined on [0, 0.6) or (0.4, 1] only: the first step, 0.5, fits on the one side where f is defined
    (lambda t: np.where((t >= 0) & (t < 0.6), np.exp(t), np.nan), 0.0, "forward", 0),
    (lambda t: np.where((t <= 1) & (t > 0.4), np.sin(t), np.nan), 1.0, "backward", 0),
])
def test_adaptive_derivative_is_the_tableau_entry_with_the_smallest_error_estimate(f, x, kind, k0):
    err, value, step, settled = _reference_tableau(f, x, kind, k0)
    d = cl.derivative(f, x)
    assert d.method == f"adaptive ({kind})" and settled
    assert float(d) == pytest.approx(value, rel=1e-15, abs=0) and d.error == pytest.approx(err, rel=1e-12, abs=0) and d.step == step


@pytest.mark.parametrize("f, x, rtol, first", [
    (np.tanh, 12.0, 1e-8, {"central": 0, "forward": 0, "backward": 0}),
    (np.tanh, 15.0, 1e-8, {"central": 0, "forward": 0, "backward": 0}),
    (lambda t: 1e6 + 1e-6 * t, 0.5, 1e-8, {"central": 0, "forward": 0, "backward": 0}),
    (np.sqrt, 1e-3, 1e-15, {"central": 9, "forward": 0, "backward": 9}),
])
def test_adaptive_derivative_falls_back_to_one_sided_tableaus_and_keeps_the_best(f, x, rtol, first):
    """Where central differences do not settle, or settle but miss rtol (rounding), forward and backward ones are
    tried too; the settled estimate with the smallest error estimate wins, an unsettled one never."""
    central = _reference_tableau(f, x, "central", first["central"])
    assert not (central[3] and central[0] <= rtol * abs(central[1]))  # (at tanh 15 central has not settled)
    candidates = {kind: _reference_tableau(f, x, kind, k0) for kind, k0 in first.items()}
    kind = min((kind for kind in candidates if candidates[kind][3]), key=lambda kind: candidates[kind][0])
    err, value, step, _ = candidates[kind]
    d = cl.derivative(f, x, rtol=rtol)
    assert d.method == f"adaptive ({kind})" and not d.success
    assert float(d) == pytest.approx(value, rel=1e-15, abs=0) and d.error == pytest.approx(err, rel=1e-12, abs=0) and d.step == step


def test_kinks_and_huge_slopes_at_the_limits_of_the_search():
    # |t - 1| defined only within 2e-15 of 1: four steps fit (2**-49 .. 2**-52) before they vanish against 1
    tiny = lambda t: np.where(np.abs(t - 1) < 2e-15, np.abs(t - 1), np.nan)  # noqa: E731
    with pytest.raises(ValueError, match=r"^f has no derivative at `x` = 1: the slope from the left is about -1, "):
        cl.derivative(tiny, 1.0)
    # f'(0) = 3e308 is beyond every float: refused, without a numpy warning on the way (warnings are errors here)
    with pytest.raises((ValueError, OverflowError), match="at `x` = 0"):
        cl.derivative(lambda t: 1e308 * np.sin(3 * t), 0.0)


def test_the_cross_check_restarts_only_when_it_disagrees_beyond_its_own_imprecision():
    """A plain central difference with the step 6e-6 * max(|x|, 1) checks the tableau (counts as in the test above)."""
    # sin(1e4 t): 6e-6 is small against the wavelength 6.3e-4, so the cross-check agrees with the first tableau
    d = cl.derivative(lambda t: np.sin(1e4 * t), 1.0)
    assert d.evaluations == 71 and float(d) == pytest.approx(1e4 * math.cos(1e4), rel=1e-12, abs=0)
    # the same step for sin(3e4 t) is too coarse (sin(0.18) / 0.18 is 0.5 % off) and it disagrees: four tableaus,
    # from steps 64 times smaller each time, the last one kept: 1 + 2 + 4 * (4 + 64)
    d = cl.derivative(lambda t: np.sin(3e4 * t), 1.0)
    assert d.evaluations == 275 and float(d) == pytest.approx(3e4 * math.cos(3e4), rel=1e-12, abs=0)
    # ... unless both are below 1e-11 (1e-3 of the floor 1e-8): the disagreement is not worth a second look
    d = cl.derivative(lambda t: 1e-16 * np.sin(3e4 * t), 1.0)
    assert d.evaluations == 71 and float(d) == pytest.approx(3e-12 * math.cos(3e4), rel=1e-12, abs=0)
    # a small slope seen through aliased steps: the disagreement, 1e-4, is small in absolute terms but not relative
    d = cl.derivative(lambda t: 1e-4 * np.sin(t), 800 * math.pi)
    assert d.evaluations == 139 and float(d) == pytest.approx(1e-4, rel=1e-12, abs=0)
    # cbrt at 1e-6: the cross-check's step spans the vertical tangent at 0 and always disagrees: four tableaus
    d = cl.derivative(np.cbrt, 1e-6)
    assert d.evaluations == 275 and float(d) == pytest.approx(1 / (3 * 1e-6 ** (2 / 3)), rel=1e-12, abs=0)
    # sin at 1e6: the cross-check's step is 6 there, so it disagrees: four tableaus, the last (from 1e4 / 64**3)
    # loses its two smallest steps against x = 1e6 (below half an ulp, 5.8e-11): 1 + 2 + 3 * 68 + (4 + 2 * 30)
    d = cl.derivative(np.sin, 1e6)
    assert d.evaluations == 271 and float(d) == pytest.approx(math.cos(1e6), rel=1e-12, abs=0)
    # 1e6 + 1e-6 t: rounding (eps * 1e6 / h) limits every estimate, so central, forward and backward are all tried,
    # once each: 1 + 2 + (4 + 64) + (2 + 33) + (2 + 33); the cross-check, itself only rounding noise
    # (eps * 1e6 / 6e-6, about 4e-5), is not a reason to start again
    d = cl.derivative(lambda t: 1e6 + 1e-6 * t, 0.5)
    assert d.evaluations == 141 and not d.success and abs(d - 1e-6) <= d.error < 1e-8


def test_only_the_contiguous_usable_steps_count():
    """f defined at x and away from it, but not just beside it: the tableau uses the steps before the gap."""
    near = lambda width, g: (lambda t: np.where((np.abs(t - 1) < width) & (t != 1), np.nan, g(t)))  # noqa: E731
    d = cl.derivative(near(1e-6, np.sin), 1.0)  # 19 steps, 0.5 .. 0.5 * 2**-18, are enough
    assert float(d) == pytest.approx(math.cos(1.0), rel=1e-12, abs=0) and d.success and d.method == "adaptive (central)"
    d = cl.derivative(near(1e-6, lambda t: 5 + 0 * t), 1.0)  # every usable difference is exactly 0
    assert float(d) == 0.0 and d.exact_zero and d.success
    d = cl.derivative(lambda t: np.where((t < 1) & (t > 1 - 1e-6), np.nan, 5 + 0 * t), 1.0)  # the gap on one side
    assert float(d) == 0.0 and d.exact_zero and d.success and d.evaluations == 71
    d = cl.derivative(near(0.2, lambda t: 2 * t + 1), 1.0)  # two steps, 0.5 and 0.25: enough for a straight line
    assert float(d) == 2.0 and d.success and d.method == "adaptive (central)"
    with pytest.raises(ValueError, match="^no estimate of f'\\(x\\) settles at `x` = 1"):
        cl.derivative(near(0.3, lambda t: 2 * t + 1), 1.0)  # one step, 0.5: nothing to extrapolate
    # undefined on (0.6, 1): one central step only, but forward differences have them all
    d = cl.derivative(lambda t: np.where((t >= 1) | (t <= 0.6), np.exp(t), np.nan), 1.0)
    assert float(d) == pytest.approx(math.e, rel=1e-12, abs=0) and d.method == "adaptive (forward)"


def test_no_estimate_settles_at_a_vertical_tangent():
    with pytest.raises(ValueError, match=r"^no estimate of f'\(x\) settles at `x` = 0: f may not be differentiable "
                                         r"there \(a kink, a jump, a vertical tangent, or the edge of its domain\)$"):
        cl.derivative(np.sqrt, 0.0)
    with pytest.raises(ValueError, match=r"^no estimate of f'\(x\) settles at `x` = 0: "):
        cl.derivative(np.cbrt, 0.0)


def test_a_stencil_point_where_f_overflows_is_named_without_a_warning():
    with pytest.raises(ValueError, match=r"^`h` = 1 leaves the domain of f: f\(1\) is not finite \(x = 0\); use a "
                                         "smaller step$"):
        cl.central_difference(lambda t: 1 / (t * t - 1), 0.0, 1.0)  # inf - inf on the way: no numpy warning


def test_rounding_noise_in_the_last_differences_is_not_a_pole():
    # from h = 0.1, 16 or 17 levels end in differences that are rounding noise (0, or a few ulps): no factor 4 to check
    for levels in (16, 17):
        d = cl.richardson(np.sin, 0.5, h=0.1, levels=levels)
        assert abs(d - math.cos(0.5)) <= d.error < 1e-9 and d.success
    # a pole between x - h and x + h: five levels, the factor of the last two differences is named
    with pytest.raises(ValueError, match=r"^the central differences from `h` = 0.1 at x = 0.001 change by a factor 0.244 "
                                         "per halving instead of 4"):
        cl.richardson(lambda t: 1 / t, 1e-3, h=0.1)


def test_kinks_under_curvature_and_values_near_the_largest_float():
    with pytest.raises(ValueError, match=r"^f has no derivative at `x` = 0: the slope from the left is about -1, "):
        cl.derivative(lambda t: np.abs(t) + 100 * t * t, 0.0)  # the large steps see mostly the parabola
    # f(x + h) - 2 f(x) overflows in the kink check's second difference: quietly (warnings are errors here)
    for f, df, x in ((lambda t: 1.5e308 * np.cos(t), lambda t: -1.5e308 * math.sin(t), 0.1),
                     (lambda t: 1.79e308 * np.sin(t), lambda t: 1.79e308 * math.cos(t), 2 * math.pi - 0.2)):
        d = cl.derivative(f, x)
        assert float(d) == pytest.approx(df(x), rel=1e-12) and d.success
