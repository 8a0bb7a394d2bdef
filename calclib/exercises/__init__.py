"""Exercises with instant feedback: a right answer is confirmed, a wrong one gets a hint.

Every exercise states the precision it asks for ("to 3 significant figures"), and any
answer at that precision is accepted, in any exact or decimal form (``0.4999``, ``1/2``,
``sp.Rational(1, 2)`` and ``7*sp.sqrt(2)`` are all numbers here). A wrong answer that
matches a known mistake (a sign, a factor of 2, a swapped pair, a missing factor) gets a
hint about that mistake; any other wrong answer gets a nudge toward the method. The
feedback never prints the expected answer.

Each exercise has its own answer name (``Exercise.name``: "03.cubed-chain" is answered in
the variable ``cubed_chain``), so a grader can collect answers from a notebook.

>>> check("01.quotient-limit", ...)
Not answered yet: replace ... with your answer and run the cell again.
>>> check("01.quotient-limit", 3).correct
False
"""
from __future__ import annotations

import functools
import hashlib
import html
import itertools
import math
import numbers
from collections import namedtuple
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

#: Whole-unit distance (in the last stated digit) that still counts as the same answer.
#: Rounding the answer and the reference to the stated precision can land them one unit
#: apart (0.4999 and 0.5001 at 3 figures), so one unit either way is accepted.
SLACK_UNITS = 1


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``correct`` and a message for the student."""

    correct: bool
    message: str
    answered: bool = True

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        mark = "✅" if self.correct else ("✍️" if not self.answered else "❌")
        # as text, not HTML: an error such as "<lambda>() takes 2 positional arguments" lost its "<lambda>"
        return f"{mark} {html.escape(self.message, quote=False)}"


def as_real(answer):
    """``answer`` as a float when it is one real number in any exact or decimal form, else None.

    Booleans, strings and complex numbers are not numbers here; sympy expressions count
    when they have no free symbols (``7*sqrt(2)``, ``Rational(1, 2)``).

    >>> as_real(sp.Rational(1, 2)), as_real(True), as_real("0.5")
    (0.5, None, None)
    """
    if isinstance(answer, (bool, np.bool_, str, bytes)):
        return None
    if isinstance(answer, sp.Basic):
        if not isinstance(answer, sp.Expr) or answer.free_symbols or not answer.is_number:
            return None
        value = complex(answer.evalf(30))
        return value.real if value.imag == 0 and math.isfinite(value.real) else None
    if isinstance(answer, np.ndarray) and answer.shape == ():
        answer = answer[()]
    if isinstance(answer, (numbers.Real, np.integer, np.floating, Fraction)):
        try:
            value = float(answer)
        except OverflowError:  # an int or Fraction beyond every float (10**400): not a finite number
            return None
        return value if math.isfinite(value) else None
    return None


def as_real_array(answer):
    """``answer`` as a float array when every entry is a real number, else None."""
    if isinstance(answer, (str, bytes, bool, np.bool_)) or as_real(answer) is not None:
        return None
    if isinstance(answer, sp.MatrixBase):
        answer = answer.tolist()
        if answer and all(len(row) == 1 for row in answer):  # a column vector counts as a vector
            answer = [row[0] for row in answer]
    try:
        items = np.asarray(answer, dtype=object)
    except (TypeError, ValueError):
        return None
    flat = [as_real(item) for item in items.ravel()]
    if items.size == 0 or any(item is None for item in flat):
        return None
    return np.asarray(flat, dtype=float).reshape(items.shape)


def _unit(magnitude: float, digits: int) -> float:
    """The size of one unit in the last of ``digits`` significant figures of ``magnitude``."""
    return 10.0 ** (math.floor(math.log10(abs(magnitude))) - digits + 1)


def _precision_text(digits: int) -> str:
    return f"to {digits} significant figure{'s' if digits != 1 else ''}"


# How answers are compared, in one place for the full and the sealed (student) bank.
#
# An answer is measured as a short vector of floats, and each value it can be compared with
# (the right one, or a known mistake) is a Target: how to turn measurements into whole numbers
# (a scale, "lin" or "log"), the digest of the target's whole numbers, how many units either way
# still count as the same (``slack``), and the hint ("" for the right answer). Only digests are
# compared, so a bank can ship without its values (``Exercise.seal``) and judge exactly alike.


class Target(namedtuple("Target", "scale unit slack digest hint")):
    __slots__ = ()


def _codes(values, scale: str, unit) -> np.ndarray:
    values = np.asarray(values, dtype=float).ravel()
    if scale == "log":
        with np.errstate(divide="ignore", invalid="ignore"):
            scaled = np.log10(values) / unit
        return np.where(values > 0, np.floor(scaled), -(2**60)).astype(np.int64)
    scaled = values / np.asarray(unit, dtype=float).ravel()
    # beyond 2**62 units (an output 10^25 times a tiny right one) every value is one far-off code, not a cast error
    scaled = np.clip(scaled, -(2.0**62), 2.0**62)
    return (np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)).astype(np.int64)


def _digest(salt: str, codes) -> str:
    text = salt + "|" + ",".join(str(int(c)) for c in codes)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _target(salt, values, *, unit, hint="", scale="lin", slack=SLACK_UNITS) -> Target:
    unit = float(unit) if np.ndim(unit) == 0 else tuple(float(u) for u in np.ravel(unit))
    return Target(scale, unit, slack, _digest(salt, _codes(values, scale, unit)), hint)


def _near(salt: str, values, scale: str, unit, slack: int) -> frozenset:
    """The digests of ``values`` and of every answer within ``slack`` whole units of it."""
    codes = _codes(values, scale, unit)
    if codes.size > 8 and slack:  # too many neighbours to try: never the case in the bank
        raise ValueError("an answer of more than 8 entries cannot be judged with slack")
    return frozenset(_digest(salt, codes + np.asarray(shift, dtype=np.int64))
                     for shift in itertools.product(range(-slack, slack + 1), repeat=codes.size))


def _hits(salt: str, values, target: Target) -> bool:
    """True when ``values`` land within ``target.slack`` whole units of the target, compared by digest."""
    return target.digest in _near(salt, values, target.scale, target.unit, target.slack)


def _first_hit(salt, values, targets):
    """(True, "") for the right answer, (False, hint) for a known mistake, (False, None) otherwise.
    The answer's digests are worked out once for all the targets that measure alike (an Interval has
    one target per bin, 33,766 for 04.corner-dx: once per target, a check took 0.2 s)."""
    near = {}
    for target in targets:
        key = (target.scale, target.unit, target.slack)
        if key not in near:
            near[key] = _near(salt, values, *key)
        if target.digest in near[key]:
            return (True, "") if not target.hint else (False, target.hint)
    return False, None


def _scalar_mistakes(value: float, unit: float):
    """The usual slips on a number: the sign, a factor of 2, the reciprocal."""
    hints = []
    if value != 0:
        hints.append((-value, "Your answer has the right size but the wrong sign: check each minus sign."))
        hints.append((2 * value, "Your answer is twice the right one: is there a factor of 2 that should not be there?"))
        hints.append((value / 2, "Your answer is half the right one: a factor of 2 is missing."))
        if abs(value) > unit and abs(1 / value) > unit:
            hints.append((1 / value, "Your answer is the reciprocal of the right one: is a fraction upside down?"))
    return hints


def _to_figures(value: float, figures: int, rounding) -> float:
    """``value`` to ``figures`` significant figures (``rounding``: a decimal mode, half up or down)."""
    if not value:
        return 0.0
    exact = Decimal(repr(float(value)))
    return float(exact.quantize(Decimal(1).scaleb(exact.adjusted() - figures + 1), rounding=rounding))


def _rounded_too_far(value: float, digits: int):
    """The right value rounded to fewer than ``digits`` significant figures (by hand, half up, and as
    Python's format rounds), or cut off there, not rounded (9.8 for 9.8995: a student read of 05 got only
    the method repeated), with a hint that asks for the figures the exercise states.

    >>> [(v, h) for v, h in _rounded_too_far(0.105, 3)]  # doctest: +NORMALIZE_WHITESPACE
    [(0.1, 'Close: that is the right value rounded to 1 significant figure; give 3.'),
     (0.11, 'Close: that is the right value rounded to 2 significant figures; give 3.')]
    """
    found = []
    for k in range(1, digits):
        plural = "s" if k > 1 else ""
        rounded = f"Close: that is the right value rounded to {k} significant figure{plural}; give {digits}."
        cut = (f"Close: that is the right value cut off after {k} significant figure{plural}, not rounded; "
               f"give {digits}, rounded.")
        # cut off before Python's rounding: where they agree (0.2 for 0.25, a tie rounded to even) the answer
        # was not rounded as by hand (0.3), and "rounded" misled a student read of 04
        for candidate, hint in ((_to_figures(value, k, ROUND_HALF_UP), rounded), (_to_figures(value, k, ROUND_DOWN), cut),
                                (float(f"{value:.{k}g}"), rounded)):
            if candidate != value and all(candidate != v for v, _ in found):
                found.append((candidate, hint))
    return found


def _array_rounded_too_far(expected: np.ndarray, digits: int):
    """The right entries rounded to fewer than ``digits`` significant figures, with a hint that asks for
    the figures the exercise states: each entry to k figures (half up, and as Python's format rounds), and
    each entry cut off, not rounded. (Not every entry at the place of the largest one's k-th figure: that
    turns a small entry into 0, and (100, 0, −0.4) for (100, 0, −2) is no rounding of the right entries.)

    >>> [(v.tolist(), h) for v, h in _array_rounded_too_far(np.array([-2 / 3, 1 / 3]), 3)][2]
    ([-0.67, 0.33], 'Close: those are the right entries rounded to 2 significant figures; give 3 in each entry.')
    """
    found = []
    flat = [float(v) for v in expected.ravel()]
    for k in range(1, digits):
        plural = "s" if k > 1 else ""
        rounded = f"Close: those are the right entries rounded to {k} significant figure{plural}; give {digits} in each entry."
        cut = (f"Close: those are the right entries cut off after {k} significant figure{plural}, not rounded; "
               f"give {digits} in each entry, rounded.")
        for values, hint in (([_to_figures(v, k, ROUND_HALF_UP) for v in flat], rounded),
                             ([_to_figures(v, k, ROUND_DOWN) for v in flat], cut),
                             ([float(f"{v:.{k}g}") for v in flat], rounded)):
            if values != flat and all(values != v.ravel().tolist() for v, _ in found):
                found.append((np.reshape(values, expected.shape), hint))
    return found


class _Kind:
    """What every answer kind has: ``read`` an answer into measurements, the ``targets`` to compare
    them with, and ``judge``. A sealed kind keeps ``read`` and the targets' digests, not the values."""

    def judge(self, answer, salt: str = ""):
        values, message = self.read(answer)
        if values is None:
            return False, message
        return _first_hit(salt, values, self.targets(salt))


@dataclass(frozen=True)
class Number(_Kind):
    """A numeric answer, accepted to ``digits`` significant figures of ``value``.

    ``unit`` sets the last digit directly when ``value`` is 0 or when an absolute precision
    is clearer ("to 2 decimal places" is ``unit=0.01``). ``mistakes`` pairs common wrong
    values with hints; the sign, a factor of 2 and the reciprocal are added on their own.
    """

    value: float
    digits: int = 3
    unit: float | None = None
    mistakes: tuple = ()
    array_hint: str = ""  # said when an array is given where the one number is asked ("that is ∇f, a vector")

    def __post_init__(self):
        if self.unit is None and self.value == 0:
            raise ValueError("`unit` must be given when `value` is 0 (significant figures of 0 are undefined)")

    @property
    def step(self) -> float:
        return self.unit if self.unit is not None else _unit(self.value, self.digits)

    def describe(self) -> str:
        if self.unit is not None:
            places = max(0, -math.floor(math.log10(self.unit)))
            return f"to {places} decimal place{'s' if places != 1 else ''}" if places else "as a whole number"
        return _precision_text(self.digits)

    def read(self, answer):
        given = as_real(answer)
        if given is None:
            extra = getattr(self, "array_hint", "") if as_real_array(answer) is not None else ""
            return None, (f"Your answer should be a single real number (like 2.5 or 7*sp.sqrt(2)); you gave {_gave(answer)}."
                          + (f" {extra}" if extra else ""))
        return np.array([given]), None

    def targets(self, salt=""):
        slips = _scalar_mistakes(self.value, self.step)
        if self.unit is not None:  # an exact answer ("as a whole number"): a slip is one only where it can be written
            slips = [(v, h) for v, h in slips if abs(v / self.unit - round(v / self.unit)) < 1e-9]
        pairs = [(self.value, "")] + list(self.mistakes) + slips
        if self.unit is None:  # (a right value with too few figures, after the slips above: never in their place)
            pairs += _rounded_too_far(self.value, self.digits)
        # "to 2 decimal places" or "as a whole number" means the rounded answer must match exactly;
        # significant figures allow one unit either way (the rounding of a truncated answer)
        slack = 0 if self.unit is not None else SLACK_UNITS
        return [_target(salt, [v], unit=self.step, hint=h, slack=slack) for v, h in pairs]


@dataclass(frozen=True)
class Interval(_Kind):
    """A numeric answer accepted anywhere in [low, high] (for estimates read off a plot).

    The range is counted in bins (a tenth of a decade when ``log``, else ``unit``), so an edge
    is accepted to within one bin; ``mistakes`` holds (low, high, hint) ranges that a known
    mistake lands in.
    """

    low: float
    high: float
    mistakes: tuple = ()
    log: bool | None = None
    unit: float | None = None
    # where the estimate is read: an explorer's picture and its read-out, or a figure (a student read of 01 was
    # told "read off the figure" where only the read-out gave the digits asked for)
    read_off: str = "the explorer"

    def __post_init__(self):
        if not self.low < self.high:
            raise ValueError("`low` must be below `high`")

    @property
    def _scale(self):
        log = self.log if self.log is not None else (self.low > 0 and self.high / self.low >= 10)
        return ("log", 0.1) if log else ("lin", self.unit or (self.high - self.low) / 20)

    def describe(self) -> str:
        """How close an estimate must be, without saying where the answer lies."""
        if self._scale[0] == "log":
            return f"as an estimate read off {self.read_off}, good to within a factor of {(self.high / self.low) ** 0.5:.2g}"
        # the half-width of the range, not a percentage of its middle ("good to about 7.1 %" puzzled a student)
        return f"as an estimate read off {self.read_off}, good to within ±{(self.high - self.low) / 2:.2g}"

    read = Number.read

    def targets(self, salt=""):
        return list(_interval_targets(self, salt))


@functools.lru_cache(maxsize=64)
def _interval_targets(interval: Interval, salt: str) -> tuple:
    """An Interval's targets, one per bin of its range and of each mistake's range; worked out once per
    exercise (thousands of digests), not at every check."""
    scale, unit = interval._scale
    found = []
    for low, high, hint in [(interval.low, interval.high, "")] + list(interval.mistakes):
        first, last = _codes([low, high], scale, unit)
        for code in range(int(first), int(last) + 1):
            found.append(Target(scale, float(unit), 0, _digest(salt, [code]), hint))
    return tuple(found)


@dataclass(frozen=True)
class Array(_Kind):
    """A vector or matrix answer, accepted entry by entry to ``digits`` significant figures.

    The last digit is set by the largest entry, so a zero entry needs no special care. A
    transposed matrix, the opposite sign and a factor of 2 get hints of their own.
    """

    value: tuple
    digits: int = 3
    mistakes: tuple = ()

    @property
    def step(self) -> float:
        largest = float(np.max(np.abs(np.asarray(self.value, dtype=float))))
        return _unit(largest, self.digits) if largest else 10.0 ** -self.digits

    @property
    def shape(self):
        return np.shape(np.asarray(self.value, dtype=float))

    def describe(self) -> str:
        return _precision_text(self.digits) + " in each entry"

    def read(self, answer):
        given = as_real_array(answer)
        if given is None:
            return None, f"Your answer should be an array of real numbers with shape {self.shape}, such as a tuple or np.array."
        if given.shape != self.shape:
            return None, f"Your answer has shape {given.shape}; this one needs shape {self.shape}."
        return given, None

    def targets(self, salt=""):
        expected = np.asarray(self.value, dtype=float)
        # the right entries with too few figures come before every mistake: a student read of 10 was told
        # the method for (−0.67, 0.33, 0.33), the right gradient to 2 figures where 3 were asked
        pairs = [(expected, "")] + _array_rounded_too_far(expected, self.digits)
        pairs += [(np.asarray(v, dtype=float), h) for v, h in self.mistakes]
        if expected.ndim == 2 and expected.shape[0] == expected.shape[1] and not np.allclose(expected, expected.T):
            pairs.append((expected.T, "You have rows and columns swapped: row i should hold the derivatives of output i."))
        if np.any(expected):
            pairs.append((-expected, "Every entry has the wrong sign: check which way each difference is taken (a − b or b − a)."))
            pairs.append((2 * expected, "Every entry is twice the right one: is there a factor of 2 that should not be there?"))
            pairs.append((expected / 2, "Every entry is half the right one: a factor of 2 is missing."))
        if expected.ndim == 1 and expected.size > 1 and not np.allclose(expected, expected[::-1]):
            pairs.append((expected[::-1], "The entries are right but in reverse order: the first entry belongs to the first variable."))
        return [_target(salt, v, unit=np.full(expected.size, self.step), hint=h) for v, h in pairs if np.shape(v) == self.shape]


#: Points where expressions are compared; chosen away from 0, 1 and the usual poles.
SAMPLE_POINTS = (0.37, 1.29, 2.43, -0.71)


def _at_samples(expression, symbol):
    """The values of ``expression`` at the sample points, or None where one is not a finite real."""
    function = sp.lambdify(symbol, expression, modules="mpmath")
    values = []
    for point in SAMPLE_POINTS:
        try:
            value = complex(function(point))
        except (ZeroDivisionError, ValueError, TypeError, OverflowError, NameError):  # NameError: no numeric
            return None  # form (DiracDelta)
        if value.imag != 0 or not math.isfinite(value.real):
            return None
        values.append(value.real)
    return np.asarray(values)


@dataclass(frozen=True)
class Expression(_Kind):
    """A symbolic answer in one variable: any sympy expression equal to ``expr`` is accepted.

    Two expressions count as equal when they agree at several sample points to 9 significant
    figures, which also accepts forms sympy would not simplify on its own.
    """

    expr: sp.Expr
    mistakes: tuple = ()

    def describe(self) -> str:
        return f"as a sympy expression in {self.variable} (any equivalent form)"

    @property
    def variable(self) -> str:
        (symbol,) = self.expr.free_symbols
        return symbol.name

    def read(self, answer):
        if isinstance(answer, str):  # quoted: sympy is not asked to parse it (no eval of a student's text)
            return None, (f"Your answer is {_gave(answer)}, in quotes; write the formula itself, without quotes, "
                          f"with the sympy symbol {self.variable}, such as 3*{self.variable}**2.")
        if isinstance(answer, (int, float, np.integer, np.floating)) and not isinstance(answer, bool):
            answer = sp.Float(answer) if isinstance(answer, (float, np.floating)) else sp.Integer(int(answer))
        if not isinstance(answer, sp.Expr):
            return None, (f"Your answer should be a sympy expression in the variable, such as 3*x**2; "
                          f"you gave {_gave(answer)}.")
        if answer.is_number:
            return None, ("Your answer is a number; this one asks for an expression in the variable "
                          "(a formula that holds for every x), such as 3*x**2.")
        others = sorted(s.name for s in answer.free_symbols if s.name != self.variable)
        if others:
            return None, f"Your expression should use only {self.variable}; it also uses {', '.join(others)}."
        unknown = sorted({str(f.func) for f in answer.atoms(AppliedUndef)})
        if unknown:  # sp.Function("f")(x): a name, not a formula
            return None, (f"Your expression uses {', '.join(unknown)}, a function sympy knows only by name: "
                          "write out its formula with the lesson's functions (sp.sin, sp.exp, powers ...).")
        unevaluated = sorted({type(u).__name__ for u in answer.atoms(sp.Derivative, sp.Integral, sp.Limit, sp.Sum)})
        if unevaluated:  # sp.Derivative(...) names a derivative without working it out
            return None, (f"Your expression holds an unevaluated {' and '.join(unevaluated)}: it names the result "
                          "without working it out. Write the result itself (sp.diff(...) works it out, "
                          "or call .doit() on yours).")
        values = _at_samples(answer, sp.Symbol(self.variable))
        if values is None:
            return None, "Your expression is undefined at some ordinary points: check it for a division by zero."
        return values, None

    def targets(self, salt=""):
        symbol = next(iter(self.expr.free_symbols))
        found = []
        for expression, hint in [(self.expr, "")] + list(self.mistakes) + [
                (-self.expr, "Your expression has the wrong sign: check each minus sign.")]:
            expression = expression.subs({s: symbol for s in expression.free_symbols})
            values = _at_samples(expression, symbol)
            if values is not None:
                units = [_unit(v, 9) if v else 1e-12 for v in values]
                found.append(_target(salt, values, unit=units, hint=hint))
        return found


class Shown:
    """A test input that is a function, printed as its formula in feedback ("for input (f(p) = ..., ...)")."""

    def __init__(self, text: str, fn):
        self.text, self.fn = text, fn

    def __call__(self, *args):
        return self.fn(*args)

    def __repr__(self) -> str:
        return self.text


def _type_name(value) -> str:
    """The name of ``value``'s type as a student would say it: numpy before 2.0 calls its bool ``bool_``."""
    return type(value).__name__.rstrip("_") or type(value).__name__


def _gave(value) -> str:
    """What a student gave where a number was asked, as they would say it: nan and infinity by name
    (a float that is not a number, not "a float"), text quoted, else the kind of thing.

    >>> _gave(float("nan")), _gave(-np.inf), _gave(sp.zoo), _gave("undefined"), _gave([1, 2]), _gave(None)
    ('nan (not a number)', 'minus infinity', 'complex infinity (zoo)', "the text 'undefined'", 'an array', 'a NoneType')
    >>> _gave(sp.Symbol("x") + 1), _gave(1 + sp.I), _gave(sp.Function("f")(2))
    ('an expression in x', 'a complex number', 'the expression f(2)')
    """
    if isinstance(value, sp.Basic):
        if value == sp.zoo:
            return "complex infinity (zoo)"
        if value in (sp.nan, sp.oo, -sp.oo):
            value = float(value) if value != sp.nan else math.nan
        elif isinstance(value, sp.Expr) and value.free_symbols:
            return "an expression in " + ", ".join(sorted(str(v) for v in value.free_symbols))
        elif isinstance(value, sp.Expr) and value.is_number:
            return "a complex number"
        else:
            return f"the expression {str(value)!s:.40}"
    if isinstance(value, (float, np.floating)) and not math.isfinite(value):
        return "nan (not a number)" if math.isnan(value) else "infinity" if value > 0 else "minus infinity"
    if isinstance(value, (complex, np.complexfloating)):
        return "a complex number"
    if isinstance(value, str):
        return f"the text {value!r:.40}"
    return "an array" if as_real_array(value) is not None else f"a {_type_name(value)}"


def _shown(args) -> str:
    return ", ".join(np.array2string(np.asarray(a), precision=4) if isinstance(a, (list, tuple, np.ndarray))
                     else getattr(a, "__name__", None) or repr(a) for a in args)


def _run(function, args):
    """Call a student's ``function`` on ``args``: (output, None), or (None, what went wrong)."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return function(*[np.array(a, dtype=float) if isinstance(a, (list, tuple)) else a for a in args]), None
    except Exception as error:  # the student's code: any error is feedback, not a crash
        return None, f"Your function raised {type(error).__name__} ({error}) for input ({_shown(args)})."


class Case(namedtuple("Case", "args shape target mistakes note")):
    """One test case of an implement-it exercise: its input ``args``, the ``shape`` and the ``target``
    of the right output, one Target per known mistake (None where that mistake fails: it raises or
    gives no finite number) and a ``note`` naming the case in the lesson's words ("" for none)."""

    __slots__ = ()


def _not_finite(output) -> bool:
    """True when ``output`` is a number or an array of numbers with an inf or a nan among them."""
    if isinstance(output, (str, bytes)):
        return False
    try:
        return not np.all(np.isfinite(np.asarray(output, dtype=float)))
    except (TypeError, ValueError):
        return False


def _run_quietly(function, args):
    """``function``'s output on ``args`` as a float array, or None where it raises or is not finite."""
    got, error = _run(function, args)
    if error:
        return None
    values = as_real_array(got)
    if values is None and as_real(got) is not None:
        values = np.asarray(as_real(got), dtype=float)
    return None if values is None or not np.all(np.isfinite(values)) else values


@dataclass(frozen=True)
class Function(_Kind):
    """An implement-it answer: a Python function, run on inputs it has not seen.

    ``reference`` computes the right output for each argument tuple in ``cases``; outputs
    (numbers or arrays) are compared to ``digits`` significant figures. The first failing
    case is reported with its input, never with the expected output, and with its note in
    ``notes`` (one text per case, "" for none) where the case is one the lesson used.

    ``mistakes`` pairs known wrong implementations with hints: ``(wrong_function, hint)``. A
    function that agrees with a wrong one on every case (raising or overflowing where it
    does) gets that hint instead of the failing case.
    """

    reference: object
    cases: tuple
    digits: int = 6
    signature: str = "f(x)"
    mistakes: tuple = ()
    notes: tuple = ()

    def __post_init__(self):
        if not callable(self.reference):
            raise TypeError(f"`reference` must be a function, got {_type_name(self.reference)}")
        if not isinstance(self.cases, (tuple, list)) or not self.cases or not all(isinstance(c, tuple) for c in self.cases):
            raise ValueError("`cases` must be a non-empty tuple of argument tuples, such as ((1.0,), (2.0,))")
        if not isinstance(self.mistakes, (tuple, list)) or not all(
                isinstance(m, tuple) and len(m) == 2 and callable(m[0]) and isinstance(m[1], str) and m[1]
                for m in self.mistakes):
            raise ValueError("`mistakes` must hold (wrong_function, hint) pairs, each hint a non-empty text")
        if not isinstance(self.notes, (tuple, list)) or not all(isinstance(n, str) for n in self.notes) or (
                self.notes and len(self.notes) != len(self.cases)):
            raise ValueError("`notes` must hold one text per case (\"\" for none)")

    def describe(self) -> str:
        # short enough that the prompt's line fits a notebook's code cell (at 140 characters it ran off its edge)
        return f"as a function {self.signature}"

    @property
    def hints(self) -> tuple:
        return tuple(hint for _, hint in self.mistakes)

    def case_targets(self, salt=""):
        """A :class:`Case` for each case: the right output's target and each mistake's."""
        found = []
        for k, args in enumerate(self.cases):
            expected = np.asarray(self.reference(*args), dtype=float)
            largest = float(np.max(np.abs(expected))) if expected.size else 0.0
            unit = np.full(expected.size, _unit(largest, self.digits) if largest else 10.0 ** -self.digits)
            wrong = []
            for function, _ in self.mistakes:
                values = _run_quietly(function, args)
                ok = values is not None and values.shape == expected.shape
                wrong.append(_target(salt, values, unit=unit) if ok else None)
            note = self.notes[k] if self.notes else ""
            found.append(Case(args, expected.shape, _target(salt, expected, unit=unit), tuple(wrong), note))
        return found

    def judge(self, answer, salt=""):
        if not callable(answer):
            return False, f"Your answer should be a Python function {self.signature} (def ...), not a {_type_name(answer)}."
        first = None  # what is wrong with the first failing case
        alike = [True] * len(self.hints)  # which known mistakes the answer has matched on every case so far
        for case in self.case_targets(salt):
            shown = f"({_shown(case.args)})" + (f", {case.note}," if case.note else "")
            got, error = _run(answer, case.args)
            given, problem = None, None
            if error:
                problem = error if not case.note else error[:-1] + f", {case.note}."
            else:
                given = as_real_array(got) if case.shape else as_real(got)
                one = as_real(got) if given is None and case.shape else None  # one number where an array is due
                if one is not None:
                    problem = (f"For input {shown} your function returned one number, {one:.6g}; "
                               f"expected an array of shape {case.shape}, one entry per coordinate.")
                elif got is None:
                    problem = f"For input {shown} your function returned nothing (None): does it end with a return?"
                elif given is None:
                    problem = f"For input {shown} your function returned {_type_name(got)} {got!r:.60}, not finite real number(s)."
                else:
                    given = np.asarray(given, dtype=float)
                    if given.shape != case.shape:
                        problem = f"For input {shown} your function returned shape {given.shape}; expected shape {case.shape}."
                    elif not _hits(salt, given, case.target):
                        problem = f"For input {shown} your function returned {np.array2string(given, precision=6)}, which is not right."
            failed = error is not None or _not_finite(got)
            for k, wrong in enumerate(case.mistakes):  # a mistake that fails here is matched by failing here
                alike[k] = alike[k] and (failed if wrong is None else (
                    given is not None and given.shape == case.shape and _hits(salt, given, wrong)))
            first = first or problem
        if first is None:
            return True, ""
        return False, next((hint for hint, same in zip(self.hints, alike) if same), first)


@dataclass(frozen=True)
class Choice(_Kind):
    """An explain-it answer: one letter among ``options``; each wrong letter says why it is wrong."""

    options: dict
    correct: str
    why_wrong: dict

    def __post_init__(self):
        if self.correct not in self.options or set(self.why_wrong) != set(self.options) - {self.correct}:
            raise ValueError("`why_wrong` must explain every option except `correct`, which must be an option")

    def describe(self) -> str:
        return "as one letter, such as \"a\""

    def read(self, answer):
        letters = ", ".join(f'"{k}"' for k in sorted(self.options))
        # the letter as a student writes it: "b", "B", "(b)", "b)" or "b." (a student read of 04)
        letter = answer.strip().lower().strip("()").rstrip(".)").strip() if isinstance(answer, str) else None
        if letter not in self.options:
            return None, f"Your answer should be one of the letters {letters}."
        return np.array([ord(letter)], dtype=float), None

    def targets(self, salt=""):
        pairs = [(self.correct, "")] + [(k, f"({k}) {why}") for k, why in sorted(self.why_wrong.items())]
        return [_target(salt, [ord(k)], unit=1.0, hint=h, slack=0) for k, h in pairs]


@dataclass(frozen=True)
class Sealed(_Kind):
    """Any kind with its values taken out: what it reads, and its targets' digests (``Exercise.seal``)."""

    reader: object  # reads answers as the original kind does, holding none of its values (``_Reader``)
    sealed_targets: tuple
    text: str
    cases: tuple = ()  # for a Function: a Case per case
    signature: str = ""
    hints: tuple = ()  # for a Function: the hint of each known mistake, in the order of each Case's mistakes

    def describe(self) -> str:
        return self.text

    def read(self, answer):
        return self.reader.read(answer)

    def targets(self, salt=""):
        return list(self.sealed_targets)

    def judge(self, answer, salt=""):
        if self.cases:
            return Function.judge(self, answer, salt)
        return _Kind.judge(self, answer, salt)

    def case_targets(self, salt=""):
        return list(self.cases)


class _Reader:
    """A kind's ``read`` with only the value-free fields it uses (the shape of an Array, the variable
    of an Expression, the letters of a Choice): what a sealed kind keeps of the original."""

    def __init__(self, kind, **fields):
        self.kind = type(kind)
        self.__dict__.update(fields)

    def read(self, answer):
        return self.kind.read(self, answer)


def rebuild_function(code: bytes, name: str, defaults=None):
    """A small test-input function of the sealed bank, from its compiled code (tools/student.py).

    Its globals are numpy (as np) and math: what the bank's test functions use."""
    import builtins
    import marshal
    import types

    return types.FunctionType(marshal.loads(code), {"np": np, "math": math, "__builtins__": builtins}, name, defaults)


def seal(kind, salt: str) -> Sealed:
    """``kind`` without its values: the same judgement from digests only."""
    if isinstance(kind, Function):
        return Sealed(None, (), kind.describe(), cases=tuple(kind.case_targets(salt)), signature=kind.signature,
                      hints=kind.hints)
    if isinstance(kind, Array):
        reader = _Reader(kind, shape=kind.shape)
    elif isinstance(kind, Expression):
        reader = _Reader(kind, variable=kind.variable)
    elif isinstance(kind, Choice):
        reader = _Reader(kind, options=dict.fromkeys(kind.options, ""))
    else:  # a Number or an Interval reads one real number, needing no field but a Number's array_hint
        reader = _Reader(kind, array_hint=getattr(kind, "array_hint", ""))
    return Sealed(reader, tuple(kind.targets(salt)), kind.describe())


@dataclass(frozen=True)
class Exercise:
    """One exercise: how answers are judged, a general hint, and the reference solution."""

    key: str
    answer: object  # a Number, Interval, Array, Expression, Function or Choice
    hint: str
    solution: object = field(repr=False)
    praise: str = "Correct."
    answer_name: str = ""  # when the name from the key would clash with another notebook's

    @property
    def name(self) -> str:
        """The variable a student answers in: "03.cubed-chain" is answered in ``cubed_chain``."""
        return self.answer_name or self.key.split(".", 1)[1].replace("-", "_")

    @property
    def notebook(self) -> str:
        return self.key.split(".", 1)[0]

    def describe(self) -> str:
        """The precision this exercise asks for, in words (the notebook states it)."""
        return self.answer.describe()

    def judge(self, answer):
        """(correct, hint or None), salted with the key so equal answers of two exercises differ."""
        return self.answer.judge(answer, salt=self.key)

    def seal(self) -> "Exercise":
        """This exercise without its answer: digests instead of values, no solution (the student build)."""
        return Exercise(self.key, seal(self.answer, self.key), self.hint, solution=None,
                        praise=self.praise, answer_name=self.name)


_BANK: dict = {}
#: The last verdict per exercise key in this session (what a grader collects).
RECORD: dict = {}


def register(*exercises: Exercise) -> None:
    for ex in exercises:
        if ex.key in _BANK:
            raise ValueError(f"exercise {ex.key!r} is registered twice")
        clash = [other.key for other in _BANK.values() if other.name == ex.name]
        if clash:
            raise ValueError(f"exercise {ex.key!r} answers in `{ex.name}`, as {clash[0]!r} does: give it an `answer_name`")
        _BANK[ex.key] = ex


def exercises() -> dict:
    """Every registered exercise, by key."""
    from . import bank  # noqa: F401  (registers on first import)

    return dict(_BANK)


def check(key: str, answer) -> Feedback:
    """Judge ``answer`` to the exercise ``key`` and return feedback (never the solution)."""
    bank = exercises()
    if not isinstance(key, str) or key not in bank:
        raise KeyError(f"`key` must name an exercise, such as {next(iter(bank))!r}; got {key!r}")
    if answer is Ellipsis:
        RECORD[key] = "unanswered"
        return Feedback(False, "Not answered yet: replace ... with your answer and run the cell again.", answered=False)
    ex = bank[key]
    correct, hint = ex.judge(answer)
    RECORD[key] = "correct" if correct else "wrong"
    if correct:
        return Feedback(True, ex.praise)
    function = bool(getattr(ex.answer, "cases", ()))  # an implement-it exercise, sealed or not
    if hint and callable(answer) and function and hint not in ex.answer.hints:
        hint = f"{hint} {ex.hint}"  # which case failed, then how the method goes (a known mistake has its own hint)
    return Feedback(False, f"Not quite. Hint: {hint or ex.hint}")
