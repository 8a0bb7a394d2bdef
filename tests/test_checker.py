"""The exercise checker judged from the outside: what a student sees for each kind of answer.

Every kind is built here with small made-up values (not the bank), so the boundaries are known
exactly: the stated precision and its one unit of slack, the bins of an estimate, the shapes of
an array, the sample points of an expression, the cases of a function, the letters of a choice.
The sealed (student) form of every kind must give the same feedback, and hold none of the values.
"""
import marshal
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from calclib.exercises import (RECORD, SAMPLE_POINTS, Array, Choice, Exercise, Expression, Feedback, Function,
                               Interval, Number, Sealed, Shown, as_real, as_real_array, check, exercises,
                               rebuild_function, register, seal)

x, y, a = sp.symbols("x y a")

SIGN = "Your answer has the right size but the wrong sign: check each minus sign."
TWICE = "Your answer is twice the right one: is there a factor of 2 that should not be there?"
HALF = "Your answer is half the right one: a factor of 2 is missing."
RECIPROCAL = "Your answer is the reciprocal of the right one: is a fraction upside down?"
RIGHT = (True, "")
UNKNOWN = (False, None)  # wrong, and no known mistake: the exercise's general hint is shown


def verdicts(kind, answers, salt="salt"):
    return [kind.judge(answer, salt) for answer in answers]


# --- numbers: the stated precision, one unit of slack, exact forms ---------------------------

@pytest.mark.parametrize("value, digits, inside, outside", [
    (0.5, 3, [0.5, 0.5014, 0.4986, 0.501, 0.499], [0.5016, 0.4984, 0.502, 0.498]),
    (-0.0321, 2, [-0.032, -0.031, -0.033, -0.0334], [-0.030, -0.034, -0.0336]),
    (123.456, 2, [120, 110, 130, 134], [100, 136, 140, -120]),
    (98765.0, 4, [98770, 98760, 98780, 98784], [98750, 98790, 98786]),
    (7.0, 1, [7, 6, 8, 8.4, 5.6], [9, 5, 8.6, 5.4]),
])
def test_number_accepts_the_stated_precision_and_one_unit_either_way(value, digits, inside, outside):
    kind = Number(value, digits=digits)
    for answer in inside:
        assert kind.judge(answer, "k") == RIGHT, answer
    for answer in outside:
        assert not kind.judge(answer, "k")[0], answer


def test_number_rounds_half_away_from_zero_on_both_sides():
    """0.5 at 1 figure: 0.46 rounds to 0.5 (inside), 0.36 to 0.4 (one unit off, inside), 0.34 to 0.3 (out)."""
    kind = Number(0.5, digits=1)
    assert kind.judge(0.46)[0] and kind.judge(0.36)[0] and kind.judge(0.64)[0]
    assert not kind.judge(0.34)[0] and not kind.judge(0.66)[0]
    negative = Number(-0.5, digits=1)
    assert negative.judge(-0.46)[0] and negative.judge(-0.36)[0] and negative.judge(-0.64)[0]
    assert not negative.judge(-0.34)[0] and not negative.judge(-0.66)[0]


def test_a_unit_means_an_exact_rounded_answer_with_no_slack():
    kind = Number(0.25, unit=0.01)
    assert kind.judge(0.25) == RIGHT and kind.judge(0.254) == RIGHT and kind.judge(0.246) == RIGHT
    assert kind.judge(0.256) == UNKNOWN and kind.judge(0.244) == UNKNOWN and kind.judge(0.26) == UNKNOWN
    zero = Number(0, unit=0.01)
    assert zero.judge(0.004) == RIGHT and zero.judge(-0.004) == RIGHT and zero.judge(0) == RIGHT
    assert zero.judge(0.006) == UNKNOWN and zero.judge(-0.006) == UNKNOWN
    whole = Number(3, unit=1)
    assert whole.judge(3.4) == RIGHT and whole.judge(2.6) == RIGHT
    assert whole.judge(4) == UNKNOWN and whole.judge(1) == UNKNOWN


def test_exact_and_decimal_forms_of_a_number():
    kind = Number(0.5)
    for answer in (sp.Rational(1, 2), Fraction(1, 2), np.float32(0.5), np.float64(0.5), np.array(0.5),
                   sp.Float("0.49999"), 1 / sp.Integer(2), sp.sqrt(2) / sp.sqrt(8), np.int64(1) / 2):
        assert kind.judge(answer) == RIGHT, answer
    assert Number(3).judge(np.int64(3)) == RIGHT and Number(3).judge(3) == RIGHT
    assert Number(9.89949).judge(7 * sp.sqrt(2)) == RIGHT


def test_number_hints_for_the_sign_a_factor_of_two_and_the_reciprocal():
    kind = Number(4.0)
    assert kind.judge(-4) == (False, SIGN)
    assert kind.judge(8) == (False, TWICE)
    assert kind.judge(2) == (False, HALF)
    assert kind.judge(0.25) == (False, RECIPROCAL)
    assert kind.judge(0.251) == (False, RECIPROCAL)  # the mistakes get the same slack as the answer
    assert kind.judge(-0.25) == UNKNOWN and kind.judge(16) == UNKNOWN and kind.judge(1) == UNKNOWN
    one = Number(1.0)  # 1 is its own reciprocal, but still has a sign and a double
    assert one.judge(-1) == (False, SIGN) and one.judge(2) == (False, TWICE) and one.judge(0.5) == (False, HALF)
    negative = Number(-3.0)
    assert negative.judge(3) == (False, SIGN) and negative.judge(-6) == (False, TWICE)
    assert negative.judge(-1.5) == (False, HALF) and negative.judge(-1 / 3) == (False, RECIPROCAL)


def test_the_reciprocal_hint_only_when_it_means_something():
    # 1000 to 2 decimals: its reciprocal 0.001 rounds to 0, so an answer of 0 is not "the reciprocal"
    big = Number(1000.0, unit=0.01)
    assert big.judge(0) == UNKNOWN and big.judge(0.001) == UNKNOWN
    # 0.004 to 3 decimals: below... its reciprocal 250 is a real number, but 0.004 is 4 units
    small = Number(0.004, unit=0.001)
    assert small.judge(250) == (False, RECIPROCAL)
    tiny = Number(0.001, unit=0.001)  # the answer is one unit: too coarse for a reciprocal
    assert tiny.judge(1000) == UNKNOWN
    huge = Number(1000.0, unit=0.001)  # 1/1000 is exactly one unit: too coarse as well
    assert huge.judge(0.001) == UNKNOWN
    zero = Number(0, unit=0.1)  # no sign, factor or reciprocal of 0
    assert zero.judge(1) == UNKNOWN and zero.judge(-1) == UNKNOWN


def test_a_specific_mistake_comes_before_the_generic_ones():
    kind = Number(6.0, mistakes=((3.0, "You halved it: the chain rule multiplies."), (5.0, "Off by one.")))
    assert kind.judge(3) == (False, "You halved it: the chain rule multiplies.")
    assert kind.judge(5.004) == (False, "Off by one.")
    assert kind.judge(12) == (False, TWICE)
    assert kind.judge(6.001) == RIGHT


def test_number_describes_its_precision():
    assert Number(0.5).describe() == "to 3 significant figures"
    assert Number(0.5, digits=1).describe() == "to 1 significant figure"
    assert Number(0.5, digits=4).describe() == "to 4 significant figures"
    assert Number(0.5, unit=0.01).describe() == "to 2 decimal places"
    assert Number(0.5, unit=0.1).describe() == "to 1 decimal place"
    assert Number(0.5, unit=0.001).describe() == "to 3 decimal places"
    assert Number(5, unit=1).describe() == "as a whole number"
    assert Number(50, unit=10).describe() == "as a whole number"


def test_a_right_value_rounded_to_too_few_figures_is_told_so():
    """0.1 for σ′(2) = 0.105 (asked to 3 figures) got the exercise's method hint (a student read of 09):
    the right value with too few figures is told it is close, and how many figures to give."""
    kind = Number(0.105, digits=3)
    assert kind.judge(0.1) == (False, "Close: that is the right value rounded to 1 significant figure; give 3.")
    assert kind.judge(0.11) == (False, "Close: that is the right value rounded to 2 significant figures; give 3.")
    assert kind.judge(0.105) == RIGHT and kind.judge(0.1049) == RIGHT
    assert not (kind.judge(0.2)[1] or "").startswith("Close")  # not a rounding of the right value
    assert not (Number(0.25, unit=0.01).judge(0.3)[1] or "").startswith("Close")  # decimal places: exact, no figures
    assert Number(2.0, digits=3).judge(2) == RIGHT  # a value with no more figures to round away
    # a known mistake keeps its own hint
    assert Number(0.105, digits=3, mistakes=((0.1, "That is σ(2) − σ(2)²? No: read again."),)).judge(0.1)[1].startswith("That is")


def test_an_exact_answer_gets_no_slip_hint_that_cannot_be_written_at_its_precision():
    """07.passes is 3, as a whole number: 2 was told "half the right one" (1.5, rounded to a whole number, is 2;
    a student read). A slip counts only where it can be written at the answer's precision."""
    kind = Number(3, unit=1)
    assert not (kind.judge(2)[1] or "").startswith("Your answer is half")
    assert kind.judge(6)[1].startswith("Your answer is twice") and kind.judge(-3)[1].startswith("Your answer has the right size")
    assert Number(3.0, digits=3).judge(1.5)[1].startswith("Your answer is half")  # significant figures: 1.5 is half


def test_a_letter_is_read_as_a_student_writes_it():
    kind = Choice({"a": "one", "b": "two"}, "b", {"a": "no"})
    for written in ("b", " B ", "(b)", "b)", "b.", "(B)."):
        assert kind.judge(written) == RIGHT, written
    for written in ("bb", "(c)", "a b", ""):
        assert kind.judge(written) == (False, 'Your answer should be one of the letters "a", "b".'), written


def test_number_refuses_what_is_not_one_real_number():
    kind = Number(0.5)
    expected = "Your answer should be a single real number (like 2.5 or 7*sp.sqrt(2)); you gave "
    # what was given, as a student would say it (nan by name, not "a float": a student read of 01)
    for answer, kind_name in [("0.5", "the text '0.5'"), (b"0.5", "a bytes"), (True, "a bool"), (np.bool_(True), "a bool"),
                              (None, "a NoneType"), (1 + 0j, "a complex number"), ([0.5, 0.5], "an array"),
                              (np.array([0.5]), "an array"), (x, "an expression in x"), (float("nan"), "nan (not a number)"),
                              (float("inf"), "infinity"), (-math.inf, "minus infinity"), (sp.oo, "infinity"),
                              (sp.I, "a complex number"), (1 + sp.I, "a complex number"), (sp.nan, "nan (not a number)"),
                              (sp.zoo, "complex infinity (zoo)"), (np.float64("nan"), "nan (not a number)"),
                              ({}, "a dict"), ("does not exist", "the text 'does not exist'")]:
        assert kind.judge(answer) == (False, expected + kind_name + "."), answer
    # an integer beyond every float is a wrong answer, not a crash of the checker
    assert check("01.left-limit", 10**400).message.startswith("Not quite. Hint: Your answer should be a single real number")
    assert Number(0.5).judge(Fraction(10**400, 3))[0] is False and not Array((1.0, 2.0)).judge([10**400, 2])[0]
    with pytest.raises(ValueError, match=r"^`unit` must be given when `value` is 0 \(significant figures of 0 are undefined\)$"):
        Number(0)
    assert Number(0.0, unit=1).judge(0) == RIGHT and Number(1).judge(1) == RIGHT


def test_as_real_and_as_real_array():
    assert as_real(True) is None and as_real(np.bool_(False)) is None and as_real("1") is None and as_real(b"1") is None
    assert as_real(sp.Function("f")(2)) is None and Number(2.0).judge(sp.Function("f")(2))[1].endswith("you gave the expression f(2).")
    assert as_real(sp.Tuple(1)) is None and as_real(sp.true) is None and as_real(x + 1) is None
    assert as_real(sp.exp(1)) == pytest.approx(math.e) and as_real(-sp.pi) == pytest.approx(-math.pi)
    assert as_real(sp.sqrt(-1) ** 2) == -1.0 and as_real(sp.Integer(-7)) == -7.0
    assert as_real(np.array(2.5)) == 2.5 and as_real(np.array([2.5])) is None and as_real(Fraction(-3, 4)) == -0.75
    assert as_real(float("nan")) is None and as_real(np.inf) is None and as_real(10**400) is None
    assert as_real(sp.Integer(10) ** 400) is None
    assert as_real_array(1.0) is None and as_real_array("ab") is None and as_real_array(True) is None
    assert as_real_array([]) is None and as_real_array([1, "a"]) is None and as_real_array([1, None]) is None
    assert as_real_array([[1, 2], [3]]) is None and as_real_array([1, True]) is None and as_real_array(b"ab") is None
    assert as_real_array([1.0, np.nan]) is None and as_real_array(np.bool_(True)) is None
    assert as_real_array(sp.Matrix([])) is None
    np.testing.assert_array_equal(as_real_array([5.0]), [5.0])
    np.testing.assert_array_equal(as_real_array(sp.Matrix([1, 2])), [1.0, 2.0])  # a column counts as a vector
    np.testing.assert_array_equal(as_real_array(sp.Matrix([[1, 2]])), [[1.0, 2.0]])  # a row stays a row
    np.testing.assert_array_equal(as_real_array(sp.Matrix([[1, 2], [3, 4]])), [[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(as_real_array((sp.Rational(1, 4), Fraction(1, 2), np.int64(3))), [0.25, 0.5, 3.0])


# --- estimates read off a figure: bins on a linear or a log scale -----------------------------

def test_interval_on_a_linear_scale_counts_bins_of_a_twentieth():
    kind = Interval(2.0, 4.0)  # bins of 0.1: codes 20..40, an edge accepted to within half a bin
    assert all(kind.judge(v) == RIGHT for v in (2.0, 3.0, 4.0, 1.96, 4.04))
    assert all(kind.judge(v) == UNKNOWN for v in (1.94, 4.06, 0.0, -3.0, 100.0))


def test_interval_with_its_own_unit():
    kind = Interval(0.0, 1.0, unit=0.5)  # codes 0..2: accepted from -0.25 to 1.25
    assert kind.judge(1.2) == RIGHT and kind.judge(-0.2) == RIGHT
    assert kind.judge(1.3) == UNKNOWN and kind.judge(-0.3) == UNKNOWN
    assert Interval(0.0, 100.0).judge(50) == RIGHT and Interval(-1.0, 100.0).judge(-1) == RIGHT


def test_interval_on_a_log_scale_counts_tenths_of_a_decade():
    kind = Interval(1.0, 10.0)  # a decade wide: a log scale on its own
    assert all(kind.judge(v) == RIGHT for v in (1.0, 3.0, 10.0, 12.5))
    assert all(kind.judge(v) == UNKNOWN for v in (0.9, 12.6, 0.0, -5.0, -1e-300))
    narrow = Interval(1.0, 9.9)  # less than a decade: linear, bins of 0.445
    assert narrow.judge(0.9) == RIGHT and narrow.judge(9.9) == RIGHT and narrow.judge(10.3) == UNKNOWN
    forced = Interval(1.0, 9.9, log=True)
    assert forced.judge(0.9) == UNKNOWN and forced.judge(9.9) == RIGHT and forced.judge(10.5) == UNKNOWN
    linear = Interval(1.0, 100.0, log=False)  # bins of 4.95: 0.9 and 101 are inside
    assert linear.judge(0.9) == RIGHT and linear.judge(101) == RIGHT and linear.judge(104) == UNKNOWN
    assert Interval(1.0, 100.0).judge(0.9) == UNKNOWN
    tiny = Interval(1e-13, 1e-11)  # 0 and negative numbers have no place on a log scale, however small the range
    assert tiny.judge(1e-12) == RIGHT and tiny.judge(0.0) == UNKNOWN and tiny.judge(-1e-12) == UNKNOWN


def test_interval_mistake_ranges_and_wrong_types():
    kind = Interval(1e-9, 1e-7, mistakes=((1e-17, 1e-14, "Rounding dominates there."), (1e-3, 1e-1, "Truncation.")))
    assert kind.judge(1e-8) == RIGHT and kind.judge(1e-7) == RIGHT and kind.judge(1e-9) == RIGHT
    assert kind.judge(1e-16) == (False, "Rounding dominates there.") and kind.judge(1e-14) == (False, "Rounding dominates there.")
    assert kind.judge(1e-17) == (False, "Rounding dominates there.") and kind.judge(0.05) == (False, "Truncation.")
    assert kind.judge(1e-11) == UNKNOWN and kind.judge(1e-5) == UNKNOWN and kind.judge(0.0) == UNKNOWN
    assert kind.judge(True)[1].startswith("Your answer should be a single real number") and not kind.judge(True)[0]
    assert kind.judge([1e-8])[1].endswith("you gave an array.")
    # how close an estimate must be, never where the answer lies
    assert kind.describe() == "as an estimate read off the explorer, good to within a factor of 10"
    assert Interval(0.094, 0.0985).describe() == "as an estimate read off the explorer, good to within ±0.0023"
    assert Interval(0.094, 0.0985, read_off="the figure").describe().startswith("as an estimate read off the figure,")
    assert Interval(-0.36, -0.3).describe() == "as an estimate read off the explorer, good to within ±0.03"
    assert Interval(-1.0, 1.0).describe() == "as an estimate read off the explorer, good to within ±1"
    for kind_ in (Interval(0.094, 0.0985), Interval(-0.36, -0.3), Interval(142.5, 144.0)):
        assert not any(f"{edge:g}" in kind_.describe() for edge in (kind_.low, kind_.high))
    for low, high in [(1.0, 1.0), (2.0, 1.0)]:
        with pytest.raises(ValueError, match="^`low` must be below `high`$"):
            Interval(low, high)


# --- arrays: entry by entry, shapes, transposes and reversed orders -----------------------------

def test_array_accepts_each_entry_at_the_precision_of_the_largest():
    kind = Array((100.0, 0.0, -2.0))  # the last digit is 1 (three figures of 100): entries to within 1.5
    assert kind.judge((100.4, 0.4, -2.4)) == RIGHT and kind.judge(np.array([99.0, -1.0, -1.0])) == RIGHT
    assert kind.judge((100.0, 1.6, -2.0)) == UNKNOWN and kind.judge((101.6, 0.0, -2.0)) == UNKNOWN
    assert kind.judge((100.0, 0.0, -0.4)) == UNKNOWN
    zeros = Array((0.0, 0.0), digits=3)  # all zero: to 3 decimals
    assert zeros.judge((0.0012, -0.0012)) == RIGHT and zeros.judge((0.0026, 0.0)) == UNKNOWN
    assert zeros.judge((0.0, 0.0)) == RIGHT and zeros.judge((0.0, -0.0026)) == UNKNOWN
    single = Array((5.0,))
    assert single.judge([5.0]) == RIGHT and single.judge(np.array([5.004])) == RIGHT and single.judge([5.02]) == UNKNOWN


def test_array_hints():
    kind = Array(((1.0, 2.0), (3.0, 4.0)))
    assert kind.judge(((1, 3), (2, 4))) == (False, "You have rows and columns swapped: row i should hold the derivatives of output i.")
    assert kind.judge(((-1, -2), (-3, -4))) == (False, "Every entry has the wrong sign: check which way each difference is taken (a − b or b − a).")
    assert kind.judge(((2, 4), (6, 8))) == (False, "Every entry is twice the right one: is there a factor of 2 that should not be there?")
    assert kind.judge(((0.5, 1), (1.5, 2))) == (False, "Every entry is half the right one: a factor of 2 is missing.")
    assert kind.judge(((4, 3), (2, 1))) == UNKNOWN
    vector = Array((1.0, 2.0))
    assert vector.judge((2, 1)) == (False, "The entries are right but in reverse order: the first entry belongs to the first variable.")
    assert Array((1.0, 2.0, 3.0)).judge((3, 2, 1))[1].startswith("The entries are right but in reverse order")
    assert Array((1.0, 5.0, 1.0)).judge((1, 5, 1)) == RIGHT  # a palindrome: reversed is right
    symmetric = Array(((1.0, 2.0), (2.0, 5.0)))
    assert symmetric.judge(((1, 2), (2, 5))) == RIGHT
    wide = Array(((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)))  # not square: a transpose is a wrong shape
    assert wide.judge(((1, 4), (2, 5), (3, 6))) == (False, "Your answer has shape (3, 2); this one needs shape (2, 3).")
    assert wide.judge(((1, 2, 3), (4, 5, 6))) == RIGHT and wide.judge(((6, 5, 4), (3, 2, 1))) == UNKNOWN
    column = Array(((1.0, 2.0), (3.0, 4.0)), mistakes=(((4.0, 6.0), "a column sum"), (((1, 2), (3, 5)), "the corner")))
    assert column.judge(((1, 2), (3, 5))) == (False, "the corner")  # a mistake of the wrong shape is never matched
    assert kind.judge(((3, 4), (1, 2))) == UNKNOWN  # rows swapped: "reverse order" is about the entries of a vector
    assert Array((0.0, 0.0)).judge((0.0, 0.0)) == RIGHT and Array((0.0, 0.0)).judge((1.0, 1.0)) == UNKNOWN


def test_an_array_with_the_right_entries_to_too_few_figures_is_told_so():
    """[−0.67, 0.33, 0.33] for (−2/3, 1/3, 1/3), asked to 3 figures, got the method hint (a student read of 10):
    an array, like a number, is told that it is close and how many figures to give, before any mistake's hint."""
    kind = Array((-2 / 3, 1 / 3, 1 / 3), mistakes=(((-0.67, 0.33, 0.33), "a mistake that happens to lie there"),))
    two = "Close: those are the right entries rounded to 2 significant figures; give 3 in each entry."
    assert kind.judge((-0.67, 0.33, 0.33)) == (False, two)  # before the mistake with the same value
    assert kind.judge(np.array([-0.7, 0.3, 0.3]))[1].startswith("Close: those are the right entries rounded to 1 ")
    assert kind.judge((-0.66, 0.33, 0.33))[1].startswith("Close: those are the right entries cut off after 2 ")
    assert kind.judge((-0.667, 0.333, 0.333)) == RIGHT and kind.judge((-0.6, 0.4, 0.4)) == UNKNOWN
    # entries of different sizes: each to 2 figures, or all at the place of the largest one's 2nd figure
    mixed = Array((-0.1371, 0.1163, 0.01962), digits=3)
    assert mixed.judge((-0.14, 0.12, 0.020))[1].startswith("Close: those are the right entries rounded to 2 ")
    assert mixed.judge((-0.1, 0.1, 0.02))[1].startswith("Close: those are the right entries rounded to 1 ")
    matrix = Array(((0.2247, -0.1598), (-0.1598, 0.1837)))
    assert matrix.judge(((0.22, -0.16), (-0.16, 0.18)))[1].startswith("Close: those are the right entries rounded to 2 ")
    assert Array((1.0, 2.0)).judge((1, 2)) == RIGHT and Array((0.0, 0.0)).judge((0.0, 0.0)) == RIGHT
    assert "0.667" not in two and "0.67" not in two  # the hint never gives the entries


def test_array_refuses_wrong_shapes_and_non_numbers():
    kind = Array((4.0, 13.0))
    need = "Your answer should be an array of real numbers with shape (2,), such as a tuple or np.array."
    for answer in (4.0, "ab", (True, False), ("a", "b"), None, (1, None), [], (1.0, float("nan")), [1, 1 + 2j], x,
                   ((1, 2), (3,)), sp.Matrix([[x, 1]])):
        assert kind.judge(answer) == (False, need), answer
    assert kind.judge((4, 13, 0)) == (False, "Your answer has shape (3,); this one needs shape (2,).")
    assert kind.judge(((4, 13),)) == (False, "Your answer has shape (1, 2); this one needs shape (2,).")
    assert kind.judge(sp.Matrix([4, 13])) == RIGHT and kind.judge((sp.Integer(4), sp.Rational(26, 2))) == RIGHT
    assert kind.describe() == "to 3 significant figures in each entry"
    assert Array((1.0,), digits=2).describe() == "to 2 significant figures in each entry"


def test_arrays_too_long_for_slack_are_refused_by_the_author_not_the_student():
    assert Array(tuple(range(1, 9))).judge(tuple(range(1, 9))) == RIGHT  # 8 entries: judged
    with pytest.raises(ValueError, match="^an answer of more than 8 entries cannot be judged with slack$"):
        Array(tuple(range(1, 10))).judge(tuple(range(1, 10)))


# --- expressions: compared at sample points to 9 figures ------------------------------------

def test_expression_is_compared_at_sample_points_to_nine_figures():
    kind = Expression(x**2 + 1)
    assert kind.judge(1 + x * x) == RIGHT and kind.judge((x + sp.I) * (x - sp.I)) == RIGHT
    assert kind.judge(sp.Symbol("x", real=True) ** 2 + 1) == RIGHT
    assert kind.judge((x**2 + 1) * (1 + sp.Float("2e-10"))) == RIGHT
    assert kind.judge(x**2 + 1 + sp.Float("4e-9")) == RIGHT  # every value lies in [1, 10): 4e-9 is below the 9th figure
    assert kind.judge((x**2 + 1) * (1 + sp.Float("5e-8"))) == UNKNOWN
    assert kind.judge(x**2) == UNKNOWN and kind.judge(x**2 + 1 + sp.Float("1e-6") * x) == UNKNOWN
    assert kind.judge(-x**2 - 1) == (False, "Your expression has the wrong sign: check each minus sign.")
    # equal at three sample points but not the fourth is still wrong
    p = sp.Float(SAMPLE_POINTS[-1])
    assert kind.judge(x**2 + 1 + (x - sp.Float(SAMPLE_POINTS[0])) * (x - sp.Float(SAMPLE_POINTS[1]))
                      * (x - sp.Float(SAMPLE_POINTS[2])) / 100)[0] is False
    assert kind.judge(x**2 + 1 + 0 * p) == RIGHT


def test_expression_mistakes_and_a_zero_at_a_sample_point():
    kind = Expression(4 * x**3, mistakes=((x**3, "Bring the exponent down."), (sp.Symbol("x", positive=True) ** 4, "That is x^4.")))
    assert kind.judge(x**3) == (False, "Bring the exponent down.")
    assert kind.judge(x**4) == (False, "That is x^4.")  # a mistake written in another x is still matched
    assert kind.judge(-4 * x**3) == (False, "Your expression has the wrong sign: check each minus sign.")
    root = sp.Float(SAMPLE_POINTS[0])
    through_zero = Expression(x - root)  # exactly 0 at the first sample point
    assert through_zero.judge(x - root) == RIGHT
    assert through_zero.judge(x - root + sp.Float("1e-9")) == UNKNOWN


def test_expression_refuses_numbers_other_symbols_and_undefined_forms():
    kind = Expression(2 * x)
    number = (False, "Your answer is a number; this one asks for an expression in the variable "
                     "(a formula that holds for every x), such as 3*x**2.")
    assert kind.judge(2) == number and kind.judge(2.5) == number and kind.judge(np.float64(2.0)) == number
    assert kind.judge("2*x") == (False, "Your answer is the text '2*x', in quotes; write the formula itself, "
                                        "without quotes, with the sympy symbol x, such as 3*x**2.")
    assert kind.judge([2, 3]) == (False, "Your answer should be a sympy expression in the variable, such as "
                                         "3*x**2; you gave an array.")
    assert kind.judge(sp.Integer(2)) == (False, "Your answer is a number; this one asks for an expression in the variable "
                                                "(a formula that holds for every x), such as 3*x**2.")
    assert kind.judge(2 * y) == (False, "Your expression should use only x; it also uses y.")
    assert kind.judge(y * a * x) == (False, "Your expression should use only x; it also uses a, y.")
    undefined = (False, "Your expression is undefined at some ordinary points: check it for a division by zero.")
    for answer in (1 / (x - sp.Float(SAMPLE_POINTS[2])), sp.log(x), sp.sqrt(x), sp.exp(sp.exp(50 * x)), sp.asin(x)):
        assert kind.judge(answer) == undefined, answer
    assert kind.describe() == "as a sympy expression in x (any equivalent form)"
    assert Expression(sp.Symbol("t") ** 2).describe() == "as a sympy expression in t (any equivalent form)"
    assert Expression(sp.Symbol("t") ** 2).judge(x**2) == (False, "Your expression should use only t; it also uses x.")


# --- functions: run on unseen inputs ----------------------------------------------------------

def central(f, a, h):
    return (f(a + h) - f(a - h)) / (2 * h)


CENTRAL = Function(central, cases=((np.sin, 1.0, 1e-3), (np.exp, 0.5, 1e-2)), signature="central(f, a, h)")


@pytest.mark.parametrize("fields, error", [
    ({"reference": 3}, r"^`reference` must be a function, got int$"),
    ({"cases": ()}, r"^`cases` must be a non-empty tuple of argument tuples"),
    ({"cases": (1.0, 2.0)}, r"^`cases` must be a non-empty tuple of argument tuples"),
    ({"mistakes": ((abs,),)}, r"^`mistakes` must hold \(wrong_function, hint\) pairs"),
    ({"mistakes": (("abs", "a hint"),)}, r"^`mistakes` must hold \(wrong_function, hint\) pairs"),
    ({"mistakes": ((abs, ""),)}, r"^`mistakes` must hold \(wrong_function, hint\) pairs, each hint a non-empty text$"),
    ({"notes": ("one",)}, r"^`notes` must hold one text per case"),
    ({"notes": "ab"}, r"^`notes` must hold one text per case"),
])
def test_an_implement_exercise_names_what_is_wrong_with_how_it_is_made(fields, error):
    made = {"reference": abs, "cases": ((1.0,), (-2.0,))}
    with pytest.raises((TypeError, ValueError), match=error):
        Function(**{**made, **fields})
    assert Function(**made, mistakes=((lambda x: x, "The sign is lost."),), notes=("", "a note")).hints == (
        "The sign is lost.",)


def test_function_answers_right_wrong_and_raising():
    assert CENTRAL.judge(lambda f, a, h: (f(a + h) - f(a - h)) / (2 * h)) == RIGHT
    assert CENTRAL.judge(lambda f, a, h: (f(a + h) - f(a - h)) / (2 * h) * (1 + 3e-7)) == RIGHT  # 6 figures
    assert CENTRAL.judge(lambda f, a, h: (f(a + h) - f(a - h)) / (2 * h) * (1 + 3e-6))[0] is False
    forward = CENTRAL.judge(lambda f, a, h: (f(a + h) - f(a)) / h)
    assert forward == (False, "For input (sin, 1.0, 0.001) your function returned 0.539881, which is not right.")
    exp_only = CENTRAL.judge(lambda f, a, h: central(f, a, h) if f is np.sin else 0.0)  # the second case fails
    assert exp_only == (False, "For input (exp, 0.5, 0.01) your function returned 0., which is not right.")
    assert CENTRAL.judge(lambda f, a, h: 1 / 0) == (
        False, "Your function raised ZeroDivisionError (division by zero) for input (sin, 1.0, 0.001).")
    correct, message = CENTRAL.judge(lambda f, a: 0)
    assert not correct and message.startswith("Your function raised TypeError (")
    assert message.endswith("<lambda>() takes 2 positional arguments but 3 were given) for input (sin, 1.0, 0.001).")
    assert CENTRAL.judge(3) == (False, "Your answer should be a Python function central(f, a, h) (def ...), not a int.")
    assert CENTRAL.describe() == "as a function central(f, a, h)"
    assert Function(abs, cases=((1.0,),), digits=3).describe() == "as a function f(x)"  # precision: in the question


def test_function_answers_that_are_not_numbers():
    assert CENTRAL.judge(lambda f, a, h: None) == (False, "For input (sin, 1.0, 0.001) your function returned nothing (None): "
                                                          "does it end with a return?")
    assert CENTRAL.judge(lambda f, a, h: True)[1].startswith("For input (sin, 1.0, 0.001) your function returned bool True,")
    assert CENTRAL.judge(lambda f, a, h: float("nan"))[1].endswith("not finite real number(s).")
    assert CENTRAL.judge(lambda f, a, h: [0.5403])[1].endswith("not finite real number(s).")  # a list where a number is due
    long = CENTRAL.judge(lambda f, a, h: "x" * 500)[1]
    assert long == "For input (sin, 1.0, 0.001) your function returned str '" + "x" * 59 + ", not finite real number(s)."
    assert CENTRAL.judge(lambda f, a, h: np.float64(central(f, a, h))) == RIGHT
    assert CENTRAL.judge(lambda f, a, h: np.array(central(f, a, h))) == RIGHT


def stable_softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def test_function_answers_with_arrays_shapes_and_warnings():
    kind = Function(stable_softmax, cases=(([1.0, 2.0],), ([1000.0, 0.0],)), signature="softmax(z)")
    assert kind.judge(lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()) == RIGHT
    assert kind.judge(lambda z: list(np.exp(z - z.max()) / np.exp(z - z.max()).sum())) == RIGHT
    overflow = kind.judge(lambda z: np.exp(z) / np.exp(z).sum())  # warns on the second case, so it fails there
    assert overflow == (False, "Your function raised RuntimeWarning (overflow encountered in exp) for input ([1000.    0.]).")
    assert kind.judge(lambda z: np.array([1.0])) == (
        False, "For input ([1. 2.]) your function returned shape (1,); expected shape (2,).")
    assert kind.judge(lambda z: np.array([0.5, 0.5])) == (False, "For input ([1. 2.]) your function returned [0.5 0.5], "
                                                                 "which is not right.")
    assert kind.judge(lambda z: 0.5)[1] == ("For input ([1. 2.]) your function returned one number, 0.5; expected an array "
                                            "of shape (2,), one entry per coordinate.")  # not "not finite" (a student read)
    assert kind.judge(lambda z: np.array([True, False]))[1].endswith("not finite real number(s).")
    assert kind.judge(lambda z: isinstance(z, np.ndarray) and z.dtype == float and stable_softmax(z)) == RIGHT  # lists arrive as float arrays


def test_function_precision_follows_the_size_of_the_output():
    big = Function(lambda t: 1000 * t, cases=((12.3456,),))  # 12345.6 to 6 figures: to 0.1
    assert big.judge(lambda t: 1000 * t + 0.04) == RIGHT and big.judge(lambda t: 1000 * t - 0.14) == RIGHT
    assert big.judge(lambda t: 1000 * t + 0.26)[0] is False
    vector = Function(lambda z: np.asarray(z, dtype=float) * 1000, cases=(([1.5, 0.001],),))  # the largest entry sets it
    assert vector.judge(lambda z: z * 1000 + 0.004) == RIGHT and vector.judge(lambda z: z * 1000 + [0, 0.03])[0] is False


def test_lists_reach_the_student_function_as_float_arrays():
    def halve_in_place(z):
        z /= 2  # fails on an integer array
        return z

    kind = Function(lambda z: np.asarray(z, dtype=float) / 2, cases=(([1, 3],), ((5, 2),)))
    assert kind.judge(halve_in_place) == RIGHT
    shown = Function(lambda z: np.sum(z), cases=(([0.123456789, 2.0],),))
    assert shown.judge(lambda z: 0.0)[1] == "For input ([0.1235 2.    ]) your function returned 0., which is not right."


def test_function_whose_output_is_zero_and_shown_inputs():
    kind = Function(lambda f, p: f(p) * 0, cases=((Shown("f(p) = p²", lambda p: p * p), 2.0),), signature="g(f, p)")
    assert kind.judge(lambda f, p: 0.0) == RIGHT and kind.judge(lambda f, p: 4e-7) == RIGHT
    assert kind.judge(lambda f, p: f(p)) == (False, "For input (f(p) = p², 2.0) your function returned 4., which is not right.")
    assert kind.judge(lambda f, p: 1.3e-6) == RIGHT  # an output of 0 is judged to 6 decimals, with one unit of slack
    assert kind.judge(lambda f, p: 2.6e-6)[0] is False and kind.judge(lambda f, p: -2.6e-6)[0] is False
    assert Shown("p ↦ p + 1", lambda p: p + 1)(2) == 3 and repr(Shown("p ↦ p + 1", abs)) == "p ↦ p + 1"


def forward(f, a, h):
    return (f(a + h) - f(a)) / h


def naive_softmax(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum()


def test_function_mistakes_are_known_wrong_functions_matched_on_every_case():
    kind = Function(central, cases=((np.sin, 1.0, 1e-3), (np.exp, 0.5, 1e-2)), signature="central(f, a, h)",
                    mistakes=((forward, "One-sided."), (lambda f, a, h: 2 * central(f, a, h), "Twice.")))
    assert kind.judge(central) == RIGHT and kind.hints == ("One-sided.", "Twice.")
    assert kind.judge(forward) == (False, "One-sided.")
    assert kind.judge(lambda f, a, h: (f(a + h) - f(a - h)) / h) == (False, "Twice.")
    assert kind.judge(lambda f, a, h: forward(f, a, h) * (1 + 3e-7)) == (False, "One-sided.")  # to 6 figures, as the right one
    # like the mistake on one case only: the first failing case, as before
    half = kind.judge(lambda f, a, h: forward(f, a, h) if f is np.sin else 0.0)
    assert half == (False, "For input (sin, 1.0, 0.001) your function returned 0.539881, which is not right.")
    right_then_wrong = kind.judge(lambda f, a, h: central(f, a, h) if f is np.sin else forward(f, a, h))
    assert right_then_wrong == (False, "For input (exp, 0.5, 0.01) your function returned 1.656992, which is not right.")
    assert kind.judge(lambda f, a, h: 1 / 0)[1].startswith("Your function raised ZeroDivisionError")
    sealed = seal(kind, "salt")
    for answer in (central, forward, lambda f, a, h: 2 * central(f, a, h), lambda f, a, h: 0.0, lambda f, a, h: 1 / 0):
        assert sealed.judge(answer, "salt") == kind.judge(answer, "salt")
    assert "0.5398" not in repr(sealed) and "<function" not in repr(sealed)


def test_a_mistake_that_fails_on_a_case_is_matched_by_failing_there():
    kind = Function(stable_softmax, cases=(([1.0, 2.0],), ([1000.0, 0.0],), ([-800.0, -801.0],)), signature="softmax(z)",
                    mistakes=((naive_softmax, "Overflows."),))
    assert kind.judge(stable_softmax) == RIGHT
    assert kind.judge(lambda z: np.exp(z) / np.exp(z).sum()) == (False, "Overflows.")  # raises a RuntimeWarning there
    with np.errstate(all="ignore"):  # no warning: it returns nan where the mistake does
        assert kind.judge(lambda z: np.exp(z) / np.exp(z).sum()) == (False, "Overflows.")
    # failing where the mistake fails, but wrong where it is right: not that mistake
    wrong_and_failing = kind.judge(lambda z: np.exp(z) / np.exp(z).sum() / 2)
    assert wrong_and_failing == (False, "For input ([1. 2.]) your function returned [0.134471 0.365529], which is not right.")
    # right where the mistake runs, but not failing where it fails: right, or an ordinary wrong answer
    assert kind.judge(lambda z: stable_softmax(z) if z[0] < 999 else np.array([0.5, 0.5]))[1].startswith(
        "For input ([1000.    0.]) your function returned [0.5 0.5]")
    raising = kind.judge(lambda z: 1 / 0)  # failing everywhere is not the mistake, which runs on the first case
    assert raising == (False, "Your function raised ZeroDivisionError (division by zero) for input ([1. 2.]).")
    sealed = seal(kind, "")
    assert sealed.judge(naive_softmax) == (False, "Overflows.") and sealed.judge(stable_softmax) == RIGHT


def test_function_cases_can_name_where_the_lesson_used_them():
    kind = Function(lambda w, x: w * x, cases=((0.5, 2.0), (3.0, 1.0)), signature="slope(w, x)",
                    notes=("the neuron of exercise 2 (w = 0.5, x = 2)", ""))
    assert kind.judge(lambda w, x: 0.0) == (False, "For input (0.5, 2.0), the neuron of exercise 2 (w = 0.5, x = 2), "
                                                   "your function returned 0., which is not right.")
    assert kind.judge(lambda w, x: w * x if w > 1 else [w])[1] == (
        "For input (0.5, 2.0), the neuron of exercise 2 (w = 0.5, x = 2), your function returned list [0.5], "
        "not finite real number(s).")
    assert kind.judge(lambda w, x: w / 0) == (False, "Your function raised ZeroDivisionError (float division by zero) "
                                                     "for input (0.5, 2.0), the neuron of exercise 2 (w = 0.5, x = 2).")
    assert kind.judge(lambda w, x: w * x if w < 1 else 0.0) == (False, "For input (3.0, 1.0) your function returned 0., "
                                                                       "which is not right.")
    assert seal(kind, "").judge(lambda w, x: 0.0) == kind.judge(lambda w, x: 0.0)
    with pytest.raises(ValueError, match="^`notes` must hold one text per case"):
        Function(abs, cases=((1.0,), (2.0,)), notes=("one",))


# --- choices: one letter, each wrong letter says why -------------------------------------------

WHY_WRONG = "^`why_wrong` must explain every option except `correct`, which must be an option$"


def test_choice_answers():
    kind = Choice({"a": "one", "b": "two", "c": "three"}, correct="b", why_wrong={"a": "Too few.", "c": "Too many."})
    assert kind.judge("b") == RIGHT and kind.judge(" B\n") == RIGHT
    assert kind.judge("a") == (False, "(a) Too few.") and kind.judge("C") == (False, "(c) Too many.")
    letters = (False, 'Your answer should be one of the letters "a", "b", "c".')
    for answer in ("d", "ab", "", 2, None, True, ord("b"), ["b"]):
        assert kind.judge(answer) == letters, answer
    assert kind.describe() == 'as one letter, such as "a"'
    with pytest.raises(ValueError, match=WHY_WRONG):
        Choice({"a": "one", "b": "two"}, correct="b", why_wrong={})
    with pytest.raises(ValueError, match=WHY_WRONG):
        Choice({"a": "one", "b": "two"}, correct="c", why_wrong={"a": "no", "b": "no"})
    with pytest.raises(ValueError, match=WHY_WRONG):
        Choice({"a": "one", "b": "two"}, correct="b", why_wrong={"a": "no", "b": "no"})


# --- the sealed (student) bank: same feedback, no values ------------------------------------------

KINDS = {
    "number": (Number(4.0, mistakes=((5.0, "Off by one."),)), [4, 4.01, 4.05, -4, 8, 2, 0.25, 5, 17, "4", True, None, [4, 4]]),
    "unit": (Number(0.25, unit=0.01), [0.25, 0.254, 0.256, -0.25, 0.5, 4, np.nan]),
    "interval": (Interval(1e-9, 1e-7, mistakes=((1e-17, 1e-14, "Rounding."),)), [1e-8, 1e-6, 1e-16, 0.0, -1.0, "a", True]),
    "linear": (Interval(2.0, 4.0), [3.0, 4.04, 4.06, 1.94, None]),
    "array": (Array(((1.0, 2.0), (3.0, 4.0))), [((1, 2), (3, 4)), ((1, 3), (2, 4)), ((2, 4), (6, 8)), (1, 2), "ab",
                                                ((True, 1), (1, 1)), ((1, 2), (3, 4.2))]),
    "vector": (Array((1.0, 2.0), mistakes=(((1.0, 1.0), "Same."),)), [(1, 2), (2, 1), (1, 1), (1, 2, 3), 1.0]),
    "expression": (Expression(4 * x**3, mistakes=((x**3, "Exponent."),)), [4 * x**3, x**3, -4 * x**3, x, 4, y * x, sp.log(x),
                                                                             sp.Integer(3)]),
    "choice": (Choice({"a": "one", "b": "two"}, correct="b", why_wrong={"a": "Too few."}), ["a", "b", " B", "c", 1]),
    "mistakes": (Function(central, cases=((np.sin, 1.0, 1e-3), (np.exp, 0.5, 1e-2)), mistakes=((forward, "One-sided."),)),
                 [central, forward, lambda f, a, h: 2 * forward(f, a, h), lambda f, a, h: 1 / 0]),
    "function": (CENTRAL, [central, lambda f, a, h: (f(a + h) - f(a)) / h, lambda f, a, h: 1 / 0, lambda f, a, h: None,
                           lambda f, a, h: np.zeros(2), 3, "central"]),
}


# What a sealed kind must not show: its values (the hints are shown to students anyway).
SECRETS = {"number": ["4.0", "5.0", "0.25"], "unit": ["0.25"], "interval": ["1e-08", "1e-09", "1e-07", "1e-17", "1e-14"],
           "linear": ["2.0", "4.0"], "array": ["2.0", "3.0", "4.0"], "vector": ["2.0"],
           "expression": ["x**3", "4*x"], "choice": ["correct=", "'one'", "'two'"], "function": ["0.540", "1.648", "<function"],
           "mistakes": ["0.540", "0.539", "1.648", "1.656", "<function"]}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_sealed_kind_gives_the_same_feedback_and_holds_no_values(name):
    kind, answers = KINDS[name]
    sealed = seal(kind, "07.salt")
    assert isinstance(sealed, Sealed) and sealed.describe() == kind.describe()
    assert verdicts(sealed, answers, "07.salt") == verdicts(kind, answers, "07.salt")
    assert verdicts(seal(kind, ""), answers, "") == verdicts(kind, answers, "")
    assert [seal(kind, "").judge(a) for a in answers] == [kind.judge(a) for a in answers]  # the default salt is ""
    assert any(v[0] for v in verdicts(kind, answers, "07.salt")) and not all(v[0] for v in verdicts(kind, answers, "07.salt"))
    text = repr(sealed) + repr(vars(sealed.reader) if sealed.reader else "")
    for secret in SECRETS[name]:
        assert secret not in text, (name, secret)


def test_sealing_depends_on_the_salt():
    """Equal answers of two exercises have different digests, so a sealed bank does not show which answers are equal."""
    one, other = seal(Number(2.0), "01.a"), seal(Number(2.0), "01.b")
    assert {t.digest for t in one.targets()}.isdisjoint(t.digest for t in other.targets())
    assert one.judge(2.0, "01.a") == RIGHT and one.judge(2.0, "01.b") == UNKNOWN


def test_a_sealed_exercise_in_check_and_register():
    full = Exercise("98.sealed-test", Array((3.0, -1.0)), "Differentiate each entry.", solution=(3.0, -1.0),
                    praise="Well done.", answer_name="sealed_answer")
    sealed = full.seal()
    assert sealed.solution is None and sealed.name == "sealed_answer" and sealed.hint == full.hint
    assert sealed.praise == "Well done." and sealed.notebook == "98" and sealed.describe() == full.describe()
    assert "3.0" not in repr(sealed) and "solution" not in repr(sealed)
    assert Exercise("98.plain-name", Number(1.0), "h", solution=1.0).seal().name == "plain_name"
    from calclib import exercises as module

    register(sealed)
    try:
        assert check("98.sealed-test", (3.0, -1.0)) == Feedback(True, "Well done.")
        assert RECORD["98.sealed-test"] == "correct"
        assert check("98.sealed-test", (-3.0, 1.0)).message == ("Not quite. Hint: Every entry has the wrong sign: "
                                                                "check which way each difference is taken (a − b or b − a).")
        assert check("98.sealed-test", (5.0, 5.0)).message == "Not quite. Hint: Differentiate each entry."
        assert RECORD["98.sealed-test"] == "wrong"
        assert check("98.sealed-test", ...) == Feedback(False, "Not answered yet: replace ... with your answer and run "
                                                               "the cell again.", answered=False)
        assert RECORD["98.sealed-test"] == "unanswered"
        with pytest.raises(ValueError, match="registered twice"):
            register(full)
        with pytest.raises(ValueError, match="answers in `sealed_answer`, as '98.sealed-test' does"):
            register(Exercise("97.other", Number(1.0), "h", solution=1.0, answer_name="sealed_answer"))
    finally:
        module._BANK.pop("98.sealed-test", None)
    assert "98.sealed-test" not in exercises()


def test_the_salt_is_the_exercise_key():
    """A digest sealed under one key does not judge the same answer right under another key."""
    ex = Exercise("96.salted", Number(2.5), "h", solution=2.5)
    assert ex.judge(2.5) == RIGHT and ex.seal().judge(2.5) == RIGHT
    moved = Exercise("96.other", ex.seal().answer, "h", solution=None)
    assert moved.judge(2.5) == UNKNOWN


def test_unknown_keys_name_an_example():
    first = next(iter(exercises()))
    with pytest.raises(KeyError, match=f"such as {first!r}; got '99.none'"):
        check("99.none", 1)
    with pytest.raises(KeyError, match="got None"):
        check(None, 1)


def test_rebuilt_functions_of_the_sealed_bank_see_numpy_and_math():
    def bump(p, scale=2.0):
        return np.sin(p) * scale + math.pi

    rebuilt = rebuild_function(marshal.dumps(bump.__code__), "bump", bump.__defaults__)
    assert rebuilt.__name__ == "bump" and rebuilt(1.0) == bump(1.0) and rebuilt(1.0, 3.0) == bump(1.0, 3.0)
    plain = rebuild_function(marshal.dumps((lambda q: abs(q) + len([q])).__code__), "plain")
    assert plain(-2) == 3 and plain.__name__ == "plain"
    with pytest.raises(TypeError):
        plain()


def test_feedback_marks():
    assert Feedback(True, "ok")._repr_markdown_() == "✅ ok"
    assert Feedback(False, "no")._repr_markdown_() == "❌ no" and repr(Feedback(False, "no")) == "no"
    assert Feedback(False, "wait", answered=False)._repr_markdown_() == "✍️ wait"
    assert Feedback(True, "ok").answered is True


def test_odd_sympy_answers_get_a_message_not_a_traceback():
    """Found by a student read: sp.Derivative(x**2*sp.sin(x), x), unevaluated, crashed cl.check with a
    traceback from lambdify. Unevaluated operations, functions known only by name, and functions with no
    numeric form each get a message; the evaluated answer is right."""
    from calclib.exercises import check

    x = sp.Symbol("x")
    product = x**2 * sp.sin(x)
    cases = {sp.Derivative(product, x): "unevaluated Derivative", sp.Integral(x, x): "unevaluated Integral",
             sp.Function("f")(x): "f, a function sympy knows only by name",
             sp.Derivative(sp.Function("g")(x), x): "g, a function sympy knows only by name",
             sp.DiracDelta(x): "undefined at some ordinary points"}
    for answer, words in cases.items():
        feedback = check("04.product-expression", answer)
        assert not feedback.correct and words in feedback.message, (answer, feedback.message)
    assert check("04.product-expression", sp.Derivative(product, x).doit()).correct
