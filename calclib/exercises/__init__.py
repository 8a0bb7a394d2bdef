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

import math
import numbers
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import sympy as sp

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
        return f"{mark} {self.message}"


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
        value = float(answer)
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


def _steps(values, unit: float) -> np.ndarray:
    """Values counted in whole units (rounding half away from zero)."""
    scaled = np.asarray(values, dtype=float) / unit
    return np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)


def _same(given, target, unit: float) -> bool:
    """True when ``given`` and ``target`` agree entry by entry to within the slack, in whole units."""
    given, target = np.asarray(given, dtype=float), np.asarray(target, dtype=float)
    return given.shape == target.shape and bool(np.all(np.abs(_steps(given, unit) - _steps(target, unit)) <= SLACK_UNITS))


def _precision_text(digits: int) -> str:
    return f"to {digits} significant figure{'s' if digits != 1 else ''}"


def _scalar_hints(value: float, unit: float):
    """Hints for the usual slips on a number: the sign, a factor of 2, the reciprocal."""
    hints = []
    if value != 0:
        hints.append((-value, "Your answer has the right size but the wrong sign: check each minus sign."))
        hints.append((2 * value, "Your answer is twice the right one: is there a factor of 2 that should not be there?"))
        hints.append((value / 2, "Your answer is half the right one: a factor of 2 is missing."))
        if abs(value) > unit and abs(1 / value) > unit:
            hints.append((1 / value, "Your answer is the reciprocal of the right one: is a fraction upside down?"))
    return hints


def _verdict(same, expected, mistakes):
    """(True, "") when ``same(expected)``; (False, the hint of the first matching mistake); else (False, None)."""
    if same(expected):
        return True, ""
    for wrong, hint in mistakes:
        try:
            if same(wrong):
                return False, hint
        except (TypeError, ValueError):
            continue
    return False, None


@dataclass(frozen=True)
class Number:
    """A numeric answer, accepted to ``digits`` significant figures of ``value``.

    ``unit`` sets the last digit directly when ``value`` is 0 or when an absolute precision
    is clearer ("to 2 decimal places" is ``unit=0.01``). ``mistakes`` pairs common wrong
    values with hints; the sign, a factor of 2 and the reciprocal are added on their own.
    """

    value: float
    digits: int = 3
    unit: float | None = None
    mistakes: tuple = ()

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

    def judge(self, answer):
        given = as_real(answer)
        if given is None:
            kind = "an array" if as_real_array(answer) is not None else f"a {type(answer).__name__}"
            return False, f"Your answer should be a single real number (like 2.5 or 7*sp.sqrt(2)); you gave {kind}."
        mistakes = tuple(self.mistakes) + tuple(_scalar_hints(self.value, self.step))
        return _verdict(lambda target: _same(given, target, self.step), self.value, mistakes)


@dataclass(frozen=True)
class Interval:
    """A numeric answer accepted anywhere in [low, high] (for estimates read off a plot)."""

    low: float
    high: float
    mistakes: tuple = ()  # (low, high, hint): a range that a known mistake lands in

    def describe(self) -> str:
        return "as an estimate read off the figure"

    def judge(self, answer):
        given = as_real(answer)
        if given is None:
            return False, f"Your answer should be a single real number (like 1e-5); you gave a {type(answer).__name__}."
        if self.low <= given <= self.high:
            return True, ""
        for low, high, hint in self.mistakes:
            if low <= given <= high:
                return False, hint
        return False, None


@dataclass(frozen=True)
class Array:
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

    def describe(self) -> str:
        return _precision_text(self.digits) + " in each entry"

    def judge(self, answer):
        expected = np.asarray(self.value, dtype=float)
        given = as_real_array(answer)
        if given is None:
            return False, f"Your answer should be an array of real numbers with shape {expected.shape}, such as a tuple or np.array."
        if given.shape != expected.shape:
            return False, f"Your answer has shape {given.shape}; this one needs shape {expected.shape}."
        mistakes = list(self.mistakes)
        if expected.ndim == 2 and expected.shape[0] == expected.shape[1] and not np.allclose(expected, expected.T):
            mistakes.append((expected.T, "You have rows and columns swapped: row i should hold the derivatives of output i."))
        if np.any(expected):
            mistakes.append((-expected, "Every entry has the wrong sign: check the direction (or p − y against y − p)."))
            mistakes.append((2 * expected, "Every entry is twice the right one: is there a factor of 2 that should not be there?"))
            mistakes.append((expected / 2, "Every entry is half the right one: a factor of 2 is missing."))
        if expected.ndim == 1 and expected.size > 1 and not np.allclose(expected, expected[::-1]):
            mistakes.append((expected[::-1], "The entries are right but in reverse order: the first entry belongs to the first variable."))
        return _verdict(lambda target: _same(given, target, self.step), expected, tuple(mistakes))


#: Points where expressions are compared; chosen away from 0, 1 and the usual poles.
SAMPLE_POINTS = (0.37, 1.29, 2.43, -0.71)


@dataclass(frozen=True)
class Expression:
    """A symbolic answer in one variable: any sympy expression equal to ``expr`` is accepted.

    Two expressions are judged equal when they agree at several sample points to 10
    significant figures, which also accepts forms sympy would not simplify on its own.
    """

    expr: sp.Expr
    mistakes: tuple = ()

    def describe(self) -> str:
        return "as a sympy expression in x (any equivalent form)"

    def _variable(self):
        (symbol,) = self.expr.free_symbols
        return symbol

    def _values(self, expression):
        symbol = self._variable()
        function = sp.lambdify(symbol, expression, modules="mpmath")
        values = []
        for point in SAMPLE_POINTS:
            value = complex(function(point))
            if value.imag != 0 or not math.isfinite(value.real):
                return None
            values.append(value.real)
        return np.asarray(values)

    def judge(self, answer):
        if not isinstance(answer, sp.Expr):
            return False, "Your answer should be a sympy expression in the variable, such as 3*x**2."
        if answer.is_number:
            return False, ("Your answer is a number; this one asks for an expression in the variable "
                           "(a formula that holds for every x), such as 3*x**2.")
        symbol = self._variable()
        others = [s for s in answer.free_symbols if s.name != symbol.name]
        if others:
            names = ", ".join(sorted(s.name for s in others))
            return False, f"Your expression should use only {symbol.name}; it also uses {names}."
        answer = answer.subs({s: symbol for s in answer.free_symbols})
        given = self._values(answer)
        if given is None:
            return False, "Your expression is undefined at some ordinary points: check it for a division by zero."

        def same(target):
            expected = self._values(target)
            scale = np.maximum(np.abs(expected), 1e-300)
            return expected is not None and bool(np.all(np.abs(given - expected) <= 1e-10 * scale + 1e-12))

        mistakes = list(self.mistakes) + [(-self.expr, "Your expression has the wrong sign: check each minus sign.")]
        return _verdict(same, self.expr, tuple(mistakes))


@dataclass(frozen=True)
class Function:
    """An implement-it answer: a Python function, run on inputs it has not seen.

    ``reference`` computes the right output for each argument tuple in ``cases``; outputs
    (numbers or arrays) are compared to ``digits`` significant figures. The first failing
    case is reported with its input, never with the expected output.
    """

    reference: object
    cases: tuple
    digits: int = 6
    signature: str = "f(x)"

    def describe(self) -> str:
        return f"as a Python function {self.signature}, checked on inputs it has not seen to {self.digits} significant figures"

    def judge(self, answer):
        if not callable(answer):
            return False, f"Your answer should be a Python function {self.signature} (def ...), not a {type(answer).__name__}."
        import warnings

        for args in self.cases:
            shown = ", ".join(np.array2string(np.asarray(a), precision=4) if isinstance(a, (list, tuple, np.ndarray))
                              else repr(a) for a in args)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    got = answer(*[np.array(a, dtype=float) if isinstance(a, (list, tuple, np.ndarray)) else a
                                   for a in args])
            except Exception as error:  # the student's code: any error is feedback, not a crash
                return False, f"Your function raised {type(error).__name__} ({error}) for input ({shown})."
            expected = np.asarray(self.reference(*args), dtype=float)
            given = as_real_array(got) if expected.ndim else as_real(got)
            if given is None:
                return False, f"For input ({shown}) your function returned {type(got).__name__} {got!r:.60}, not finite real number(s)."
            given = np.asarray(given, dtype=float)
            if given.shape != expected.shape:
                return False, f"For input ({shown}) your function returned shape {given.shape}; expected shape {expected.shape}."
            largest = float(np.max(np.abs(expected))) if expected.size else 0.0
            unit = _unit(largest, self.digits) if largest else 10.0 ** -self.digits
            if not _same(given, expected, unit):
                return False, f"For input ({shown}) your function returned {np.array2string(given, precision=6)}, which is not right."
        return True, ""


@dataclass(frozen=True)
class Choice:
    """An explain-it answer: one letter among ``options``; each wrong letter says why it is wrong."""

    options: dict
    correct: str
    why_wrong: dict

    def __post_init__(self):
        if self.correct not in self.options or set(self.why_wrong) != set(self.options) - {self.correct}:
            raise ValueError("`why_wrong` must explain every option except `correct`, which must be an option")

    def describe(self) -> str:
        return "as one letter, such as \"a\""

    def judge(self, answer):
        letters = ", ".join(f'"{k}"' for k in self.options)
        if not isinstance(answer, str) or answer.strip().lower() not in self.options:
            return False, f"Your answer should be one of the letters {letters}."
        letter = answer.strip().lower()
        return (True, "") if letter == self.correct else (False, f"({letter}) {self.why_wrong[letter]}")


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
    correct, hint = ex.answer.judge(answer)
    RECORD[key] = "correct" if correct else "wrong"
    if correct:
        return Feedback(True, ex.praise)
    return Feedback(False, f"Not quite. Hint: {hint or ex.hint}")
