"""The exercise checker: stated precision, exact forms, diagnosing hints, answer names, new kinds."""
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from calclib.exercises import (RECORD, Array, Choice, Exercise, Expression, Function, Interval, Number,
                               as_real, check, exercises, register)
from tests.conftest import NOTEBOOKS

BANK = exercises()
x = sp.Symbol("x")


@pytest.mark.parametrize("key", sorted(BANK))
def test_reference_solution_passes(key):
    feedback = check(key, BANK[key].solution)
    assert feedback.correct, feedback.message
    assert RECORD[key] == "correct"


def _far_off(solution):
    if isinstance(solution, sp.Expr) and not solution.is_number:
        return solution + x
    if callable(solution):
        return lambda *args: 123.456
    if isinstance(solution, str):
        return next(k for k in "abcdef" if k != solution)
    if isinstance(solution, (tuple, list, np.ndarray)):
        return np.asarray(solution, dtype=float) + 17
    return 1.0 if float(solution) < 1e-3 else float(solution) + 17


@pytest.mark.parametrize("key", sorted(BANK))
def test_wrong_answer_gets_a_hint_not_the_solution(key):
    solution = BANK[key].solution
    feedback = check(key, _far_off(solution))
    assert not feedback.correct and feedback.answered
    assert "Hint:" in feedback.message
    if isinstance(solution, str):  # a Choice: the feedback must not name the right option
        assert f"({solution})" not in feedback.message and f'"{solution}"' not in feedback.message
    elif not callable(solution):
        assert str(solution) not in feedback.message
    assert "❌" in feedback._repr_markdown_()
    assert RECORD[key] == "wrong"


@pytest.mark.parametrize("key", sorted(BANK))
def test_repr_never_shows_the_solution(key):
    exercise = BANK[key]
    if isinstance(exercise.solution, (int, float)) and not isinstance(exercise.solution, bool):
        assert repr(exercise.solution) not in repr(exercise) or repr(exercise.solution) in repr(exercise.answer)
    assert "solution=" not in repr(exercise)


def test_answer_names_are_unique_identifiers():
    names = [ex.name for ex in BANK.values()]
    assert len(set(names)) == len(names)
    assert all(name.isidentifier() for name in names)
    assert BANK["03.cubed-chain"].name == "cubed_chain"
    with pytest.raises(ValueError, match="answer_name"):
        register(Exercise("99.cubed-chain", Number(1), "hint", solution=1))


@pytest.mark.parametrize("answer", [1.180, 1.1797, "skip", 1.1805])
def test_stated_precision_is_accepted(answer):
    """The question asks for 4 significant figures of 1.1796716: every answer at that precision passes."""
    if answer == "skip":
        answer = sp.Float("1.17967")
    assert check("03.neuron-gradient", answer).correct


@pytest.mark.parametrize("key, answer", [
    ("01.root-limit", 0.4999),                              # read off an approach table
    ("01.root-limit", sp.Rational(1, 2)),
    ("01.root-limit", Fraction(1, 2)),
    ("02.cube-slope", ((2 + 1e-3) ** 3 - 8) / 1e-3),        # a secant slope with h = 1e-3
    ("10.cross-entropy-gradient", (-0.667, 0.333, 0.333)),
    ("10.cross-entropy-gradient", [sp.Rational(-2, 3), sp.Rational(1, 3), sp.Rational(1, 3)]),
    ("05.directional", 7 * sp.sqrt(2)),
    ("05.directional", np.float32(9.8995)),
    ("05.gradient", sp.Matrix([4, 13])),
    ("05.gradient", np.array([4, 13])),
])
def test_exact_and_rounded_forms_are_accepted(key, answer):
    assert check(key, answer).correct, check(key, answer).message


@pytest.mark.parametrize("key, answer", [
    ("03.neuron-gradient", 1.17),       # 3 figures where 4 were asked, and off by more than the last one
    ("01.root-limit", 0.49),
    ("02.cube-slope", 12.5),
    ("05.directional", 7 * sp.sqrt(3)),
])
def test_answers_outside_the_precision_are_refused(key, answer):
    assert not check(key, answer).correct


def test_boundaries_of_the_slack():
    number = Number(0.5, digits=3)
    assert number.judge(0.5014)[0] and number.judge(0.4986)[0]
    assert not number.judge(0.5016)[0] and not number.judge(0.4984)[0]
    assert Number(0, unit=0.01).judge(0.004)[0] and not Number(0, unit=0.01).judge(0.006)[0]
    assert Number(1, unit=1).judge(1.4)[0] and not Number(1, unit=1).judge(2)[0]  # a whole number is exact
    with pytest.raises(ValueError, match="`unit`"):
        Number(0)


@pytest.mark.parametrize("key, answer, words", [
    ("01.left-limit", 1, "right"),                        # a specific mistake
    ("03.cubed-chain", -294, "sign"),                     # generic: the sign
    ("03.cubed-chain", 588, "twice"),                     # generic: a factor of 2
    ("03.cubed-chain", 147, "inner gain"),                # specific beats generic (147 is also half)
    ("04.quotient-value", 4, "reciprocal"),
    ("06.jacobian", ((1, 1), (2, 2)), "transpose"),
    ("10.cross-entropy-gradient", (2 / 3, -1 / 3, -1 / 3), "p - y"),
    ("07.gradient", (8, 4), "order"),
    ("02.power-rule", x**3, "exponent"),
    ("02.power-rule", -4 * x**3, "sign"),
])
def test_common_mistakes_get_their_own_hint(key, answer, words):
    feedback = check(key, answer)
    assert not feedback.correct and words in feedback.message, feedback.message
    assert BANK[key].hint not in feedback.message  # a hint about that answer, not the general one


def test_placeholder_and_wrong_types():
    assert not check("01.left-limit", ...).answered
    assert RECORD["01.left-limit"] == "unanswered"
    for bad in ("minus one", True, np.bool_(False), 1 + 2j, float("nan"), float("inf"), None, [1, 2], x):
        message = check("01.left-limit", bad).message
        assert "single real number" in message, (bad, message)
    assert "sympy expression" in check("02.power-rule", [4]).message
    assert "Your answer is a number" in check("02.power-rule", 4).message  # a plain int, as sympy's Integer
    assert "in quotes" in check("02.power-rule", "4*x**3").message
    assert "number" in check("02.power-rule", sp.Integer(4)).message
    assert "only x" in check("02.power-rule", 4 * sp.Symbol("y") ** 3).message
    assert "shape (2,)" in check("05.gradient", (1, 2, 3)).message
    assert "array of real numbers" in check("05.gradient", ("a", "b")).message
    assert "array of real numbers" in check("05.gradient", (True, False)).message
    assert "array of real numbers" in check("05.gradient", 4.0).message


def test_expression_accepts_equivalent_forms():
    real_x = sp.Symbol("x", real=True)
    assert Expression(4 * x**3).judge(2 * real_x**3 + 2 * real_x * real_x * real_x)[0]
    assert Expression(sp.sin(2 * x)).judge(2 * sp.sin(x) * sp.cos(x))[0]
    assert not Expression(sp.sin(2 * x)).judge(sp.sin(x) * sp.cos(x))[0]


def test_interval_and_its_mistake_ranges():
    interval = Interval(1e-9, 1e-7, mistakes=((1e-17, 1e-14, "That is where rounding dominates."),))
    assert interval.judge(1e-8)[0] and not interval.judge(1e-6)[0]
    assert interval.judge(1e-16) == (False, "That is where rounding dominates.")
    assert "real number" in interval.judge(True)[1]


def test_function_answers_run_on_unseen_inputs_and_report_the_first_failure():
    kind = Function(lambda f, a, h: (f(a + h) - f(a - h)) / (2 * h), cases=((np.sin, 1.0, 1e-3), (np.exp, 0.5, 1e-2)),
                    signature="central(f, a, h)")
    assert kind.judge(lambda f, a, h: (f(a + h) - f(a - h)) / (2 * h))[0]
    correct, message = kind.judge(lambda f, a, h: (f(a + h) - f(a)) / h)
    assert not correct and "input (" in message and "sin" in message
    correct, message = kind.judge(lambda f, a, h: 1 / 0)
    assert not correct and "ZeroDivisionError" in message
    assert "Python function" in kind.judge(3)[1]
    assert "not finite" in kind.judge(lambda f, a, h: "text")[1]


def test_function_answers_with_arrays():
    kind = Function(lambda z: np.exp(z - np.max(z)) / np.exp(z - np.max(z)).sum(), cases=(([1.0, 2.0],), ([1000.0, 0.0],)))
    assert kind.judge(lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum())[0]
    correct, message = kind.judge(lambda z: np.exp(z) / np.exp(z).sum())  # overflows at 1000: warns, so fails
    assert not correct and "1000" in message
    assert "shape" in kind.judge(lambda z: np.array([1.0]))[1]


def test_choice_answers_explain_each_wrong_letter():
    kind = Choice({"a": "one", "b": "two"}, correct="b", why_wrong={"a": "One is too few."})
    assert kind.judge(" B ")[0]
    assert kind.judge("a") == (False, "(a) One is too few.")
    assert '"a", "b"' in kind.judge("c")[1] and '"a", "b"' in kind.judge(2)[1]
    with pytest.raises(ValueError, match="why_wrong"):
        Choice({"a": "one", "b": "two"}, correct="b", why_wrong={})


def test_as_real():
    assert as_real(7 * sp.sqrt(2)) == pytest.approx(9.899494936611665)
    assert as_real(np.array(2.5)) == 2.5 and as_real(np.int64(3)) == 3.0
    assert as_real(sp.I) is None and as_real(sp.oo) is None and as_real(x) is None


def test_unknown_key_and_duplicates():
    with pytest.raises(KeyError, match="`key` must name an exercise"):
        check("99.nothing", 1)
    with pytest.raises(KeyError, match="`key` must name an exercise"):
        check(3, 1)
    with pytest.raises(ValueError, match="registered twice"):
        register(Exercise("01.left-limit", Number(-1), "hint", solution=-1))


def test_every_notebook_exercise_is_in_the_bank():
    import json
    import re

    for path in NOTEBOOKS:
        source = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])
        keys = set(re.findall(r'check\("([^"]+)"', source))
        assert len(keys) >= 2, f"{path.name} needs at least two exercises"
        assert keys <= set(BANK), f"{path.name} checks unknown exercises {keys - set(BANK)}"
        assert {k for k in BANK if k.startswith(path.name[:2] + ".")} <= keys, f"{path.name} leaves out some of its exercises"


def _probes(exercise):
    """Answers to try on a full and a sealed exercise: right, known mistakes, near misses, wrong types."""
    kind, solution = exercise.answer, exercise.solution
    probes = [solution, ..., "text", True, None, 1 + 2j]
    if isinstance(kind, (Number, Array)):
        value = np.asarray(kind.value, dtype=float)
        probes += [value * (1 + 4e-4), value * 1.02, -value, 2 * value, value / 2, value + 17]
        probes += [np.asarray(m[0], dtype=float) for m in kind.mistakes]
        if value.ndim == 2:
            probes.append(value.T)
        if value.ndim == 0:
            probes += [float(value) * 1.0004, 1 / float(value) if value else 3.0]
    if isinstance(kind, Interval):
        probes += [kind.low, kind.high, kind.low / 100, kind.high * 100] + [m[0] for m in kind.mistakes]
    if isinstance(kind, Expression):
        probes += [-kind.expr, kind.expr + x, kind.expr * 2, sp.expand(kind.expr)] + [m[0] for m in kind.mistakes]
    if isinstance(kind, Choice):
        probes += list(kind.options)
    if isinstance(kind, Function):
        probes += [wrong for wrong, _ in kind.mistakes] + [lambda *args: 1 / 0]
    return probes


def test_a_centred_interval_names_its_centre_once():
    """An estimate centred on its answer, Interval(C − w, C + w), names C once, as a constant of the bank
    (CURVED_DELTA, CORNER_DX): 143.13 and √0.001 were each written twice, and could drift apart."""
    import re
    from pathlib import Path

    import calclib.exercises.bank as bank

    centred = 0
    for path in sorted(Path(bank.__file__).parent.glob("nb*.py")):
        for centre, other in re.findall(r"Interval\(\s*([^,]+?)\s*-\s*[\d.]+\s*,\s*([^,]+?)\s*\+\s*[\d.]+\s*,", path.read_text()):
            centred += 1
            assert centre == other and centre.isidentifier() and centre.isupper(), (path.name, centre, other)
    assert centred >= 6


IMPLEMENT = sorted(key for key, ex in BANK.items() if isinstance(ex.answer, Function))


@pytest.mark.parametrize("key", IMPLEMENT)
def test_implement_exercises_recognise_their_known_wrong_functions(key):
    """Each known wrong implementation, handed in, gets its own hint, from the full and the sealed bank;
    and each is told from the right one on some case: it fails there (raises or overflows) or differs."""
    kind = BANK[key].answer
    assert kind.mistakes, f"{key}: an implement-it exercise without a known mistake"
    sealed = BANK[key].seal()
    for wrong, hint in kind.mistakes:
        assert check(key, wrong).message == f"Not quite. Hint: {hint}", (key, hint)
        assert sealed.judge(wrong) == (False, hint)
        assert any(case.mistakes[k] is not None for case in kind.case_targets(key)
                   for k, (w, _) in enumerate(kind.mistakes) if w is wrong), (key, "a mistake that never runs")
        cases = kind.case_targets(key)
        assert any(case.mistakes[k] is None or case.mistakes[k].digest != case.target.digest
                   for case in cases for k, (w, _) in enumerate(kind.mistakes) if w is wrong), (key, hint)


@pytest.mark.parametrize("key", IMPLEMENT)
def test_an_implement_exercise_follows_a_failing_case_with_how_the_method_goes(key, monkeypatch):
    """A function that fails a case and is no known mistake is told which case failed, then the exercise's
    own hint (a student read of 02 and 05 met only "returned ..., which is not right"); a known mistake
    gets its own hint alone. The same from the sealed bank (the student copies)."""
    from calclib import exercises as module

    full = BANK[key]
    wrong = full.answer.mistakes[0][0]
    for ex in (full, full.seal()):
        monkeypatch.setitem(module._BANK, key, ex)
        failing = check(key, lambda *args: 123456.0).message
        assert failing.startswith("Not quite. Hint: For input (") and failing.endswith(" " + full.hint), (key, failing)
        assert check(key, wrong).message == f"Not quite. Hint: {full.answer.mistakes[0][1]}"
        assert check(key, 0.5).message == ("Not quite. Hint: Your answer should be a Python function "
                                           f"{full.answer.signature} (def ...), not a float.")


@pytest.mark.parametrize("key", sorted(BANK))
def test_sealed_exercise_judges_exactly_like_the_full_one(key):
    full, sealed = BANK[key], BANK[key].seal()
    assert sealed.solution is None and sealed.describe() == full.describe() and sealed.name == full.name
    for probe in _probes(full):
        if probe is Ellipsis:
            continue
        assert sealed.judge(probe) == full.judge(probe), (key, probe)


def test_an_answer_is_digested_once_per_measure_not_once_per_target(monkeypatch):
    """04.corner-dx's Interval has 33,766 targets (a bin each, its mistakes' ranges too): a check worked out
    the answer's digest against each of them, and the full bank worked out every target's digest afresh,
    0.2 s a check (the lesson's and this module's tests spent 18 s on it). Now the answer is digested once
    per way of measuring it, and an Interval's targets once per exercise."""
    import calclib.exercises as exercises_module

    calls = []
    digest = exercises_module._digest
    monkeypatch.setattr(exercises_module, "_digest", lambda *a: calls.append(a) or digest(*a))
    full = BANK["04.corner-dx"]
    sealed = full.seal()
    for answer in (0.0252, 2.5, 0.7):
        full.judge(answer)  # the first builds the targets
        calls.clear()
        assert full.judge(answer) == sealed.judge(answer)
        assert len(calls) <= 2, len(calls)  # one for the full bank's judge, one for the sealed one's


def _leaves(obj, seen=None):
    """Every number held anywhere inside ``obj`` (attributes, containers, arrays)."""
    seen = seen if seen is not None else set()
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, (bool, str, bytes, type(None))) or callable(obj) and not hasattr(obj, "__dict__"):
        return
    if isinstance(obj, (int, float, np.number)):
        yield float(obj)
    elif isinstance(obj, np.ndarray):
        yield from (float(v) for v in obj.ravel())
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _leaves(value, seen)
    elif isinstance(obj, (tuple, list)):
        for value in obj:
            yield from _leaves(value, seen)
    elif hasattr(obj, "__dict__") or hasattr(obj, "__dataclass_fields__"):
        for value in vars(obj).values():
            yield from _leaves(value, seen)


@pytest.mark.parametrize("key", sorted(BANK))
def test_sealed_exercise_holds_no_answer(key):
    full, sealed = BANK[key], BANK[key].seal()
    answers = np.asarray(full.solution, dtype=float).ravel() if not callable(full.solution) \
        and not isinstance(full.solution, (str, sp.Expr)) else np.array([])
    held = list(_leaves(sealed))  # shapes, units (powers of 10), slack: small integers and 10^k
    for answer in answers:
        if abs(answer) > 10 or not float(answer).is_integer():
            assert not any(np.isclose(v, answer, rtol=1e-6, atol=0) for v in held), (key, answer)
    assert str(full.solution) not in repr(sealed) or isinstance(full.solution, (int, str))


def test_a_value_cut_off_rather_than_rounded_is_named():
    """A student read (session 9) typed 9.8 for 7√2 = 9.8995 asked to 4 figures and got the method repeated:
    a value cut off after fewer figures is named as such, and the sealed bank says the same."""
    kind = Number(14 / 2**0.5, digits=4)
    assert kind.judge(9.8) == (False, "Close: that is the right value cut off after 2 significant figures, "
                                      "not rounded; give 4, rounded.")
    assert kind.judge(9.89)[1].startswith("Close: that is the right value cut off after 3")
    assert kind.judge(9.899) == (True, "") and kind.judge(9.90) == (True, "")  # rounded (or one unit off) is right
    ex = Exercise("99.cut", kind, "general", solution=14 / 2**0.5)
    assert ex.seal().judge(9.8) == ex.judge(9.8)


def test_a_number_can_say_what_an_array_given_instead_is():
    kind = Number(2.5, array_hint="That is the gradient; the question asks for one slope.")
    assert kind.judge([1.0, 2.0])[1].endswith("you gave an array. That is the gradient; the question asks for one slope.")
    assert kind.judge("2.5")[1].endswith("you gave the text '2.5'.")  # said only for an array
    ex = Exercise("99.vector", kind, "general", solution=2.5)
    assert ex.seal().judge((1.0, 2.0)) == ex.judge((1.0, 2.0))


def test_feedback_shows_angle_brackets_as_text():
    """Found by a student read: "Your function raised TypeError (<lambda>() takes 2 positional arguments ...)"
    showed as "(() takes ...": the notebook read <lambda> as an HTML tag and dropped it."""
    from calclib.exercises import Feedback

    feedback = check("02.central", lambda f, x: f(x))
    assert "<lambda>()" in feedback.message
    shown = feedback._repr_markdown_()
    assert "&lt;lambda&gt;()" in shown and "<lambda>" not in shown
    assert Feedback(False, "0 < x & y")._repr_markdown_() == "❌ 0 &lt; x &amp; y"
