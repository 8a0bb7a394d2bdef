"""Exercises with instant feedback: a right answer is confirmed, a wrong one gets a hint.

The feedback never prints the expected answer. Each exercise's reference solution is kept
with it, and the test suite checks that every reference solution passes its own checker.

>>> check("01.quotient-limit", ...)
Not answered yet: replace ... with your answer and run the cell again.
>>> check("01.quotient-limit", 3).correct
False
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np
import sympy as sp


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


def _verdict(close, expected, mistakes):
    """(True, "") when ``close(expected)``; (False, its hint) for a known mistake; else (False, None)."""
    if close(expected):
        return True, ""
    for wrong, hint in mistakes:
        if close(wrong):
            return False, hint
    return False, None


@dataclass(frozen=True)
class Number:
    """A numeric answer, accepted within a tolerance. ``mistakes`` maps common wrong values to hints."""

    value: float
    rel_tol: float = 1e-6
    abs_tol: float = 1e-9
    mistakes: tuple = ()

    def judge(self, answer):
        if isinstance(answer, bool) or not isinstance(answer, (numbers.Real, np.number, sp.Number)):
            return False, f"Your answer should be a single number (like 2.5); you gave a {type(answer).__name__}."
        answer = float(answer)
        return _verdict(lambda target: bool(np.isclose(answer, target, rtol=self.rel_tol, atol=self.abs_tol)),
                        self.value, self.mistakes)


@dataclass(frozen=True)
class Interval:
    """A numeric answer accepted anywhere in [low, high] (for estimates read off a plot)."""

    low: float
    high: float

    def judge(self, answer):
        if isinstance(answer, bool) or not isinstance(answer, (numbers.Real, np.number)):
            return False, f"Your answer should be a single number (like 1e-5); you gave a {type(answer).__name__}."
        return bool(self.low <= float(answer) <= self.high), None


@dataclass(frozen=True)
class Array:
    """A vector or matrix answer, accepted entry by entry within a tolerance."""

    value: tuple
    rel_tol: float = 1e-6
    abs_tol: float = 1e-9
    mistakes: tuple = ()

    def judge(self, answer):
        expected = np.asarray(self.value, dtype=float)
        try:
            given = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return False, f"Your answer should be an array of numbers with shape {expected.shape}."
        if given.shape != expected.shape:
            return False, f"Your answer has shape {given.shape}; this one needs shape {expected.shape}."
        return _verdict(lambda target: bool(np.allclose(given, np.asarray(target, dtype=float),
                                                        rtol=self.rel_tol, atol=self.abs_tol)),
                        expected, self.mistakes)


@dataclass(frozen=True)
class Expression:
    """A symbolic answer: any sympy expression equal to ``expr`` is accepted."""

    expr: sp.Expr
    mistakes: tuple = ()

    def judge(self, answer):
        if not isinstance(answer, sp.Expr) or answer.is_number:
            return False, "Your answer should be a sympy expression in the variable, such as 3*x**2."
        by_name = {t.name: t for t in self.expr.free_symbols}  # x and Symbol("x", real=True) are one x here
        answer = answer.subs({s: by_name[s.name] for s in answer.free_symbols if s.name in by_name})
        return _verdict(lambda target: sp.simplify(answer - target) == 0, self.expr, self.mistakes)


@dataclass(frozen=True)
class Exercise:
    """One exercise: how answers are judged, a general hint, and the reference solution."""

    key: str
    answer: object  # a Number, Interval, Array or Expression
    hint: str
    solution: object = field(repr=False)
    praise: str = "Correct."


_BANK: dict = {}


def register(*exercises: Exercise) -> None:
    for ex in exercises:
        if ex.key in _BANK:
            raise ValueError(f"exercise {ex.key!r} is registered twice")
        _BANK[ex.key] = ex


def exercises() -> dict:
    """Every registered exercise, by key."""
    from . import bank  # noqa: F401  (registers on first import)

    return dict(_BANK)


def check(key: str, answer) -> Feedback:
    """Judge ``answer`` to the exercise ``key`` and return feedback (never the solution)."""
    bank = exercises()
    if key not in bank:
        raise KeyError(f"`key` must name an exercise, such as {next(iter(bank))!r}; got {key!r}")
    if answer is Ellipsis:
        return Feedback(False, "Not answered yet: replace ... with your answer and run the cell again.", answered=False)
    ex = bank[key]
    correct, hint = ex.answer.judge(answer)
    if correct:
        return Feedback(True, ex.praise)
    return Feedback(False, f"Not quite. Hint: {hint or ex.hint}")
