import numpy as np
import pytest
import sympy as sp

from calclib.exercises import Exercise, Expression, Number, check, exercises, register
from tests.conftest import NOTEBOOKS

BANK = exercises()


@pytest.mark.parametrize("key", sorted(BANK))
def test_reference_solution_passes(key):
    feedback = check(key, BANK[key].solution)
    assert feedback.correct, feedback.message


@pytest.mark.parametrize("key", sorted(BANK))
def test_wrong_answer_gets_a_hint_not_the_solution(key):
    solution = BANK[key].solution
    if isinstance(solution, sp.Expr) and not solution.is_number:
        wrong = solution + sp.Symbol("x")
    elif isinstance(solution, (tuple, list, np.ndarray)):
        wrong = np.asarray(solution, dtype=float) + 17
    else:
        wrong = solution + 17
    if isinstance(solution, float) and solution < 1e-3:  # an interval answer: far outside
        wrong = 1.0
    feedback = check(key, wrong)
    assert not feedback.correct
    assert "Hint:" in feedback.message
    assert str(solution) not in feedback.message
    assert "❌" in feedback._repr_markdown_()


def test_placeholder_and_wrong_types():
    assert not check("01.left-limit", ...).answered
    assert "single number" in check("01.left-limit", "minus one").message
    assert "single number" in check("01.left-limit", True).message
    assert "sympy expression" in check("02.power-rule", 4).message


def test_common_mistakes_get_their_own_hint():
    assert "right" in check("01.left-limit", 1).message
    assert "exponent" in check("02.power-rule", sp.Symbol("x") ** 3).message


def test_unknown_key_and_duplicates():
    with pytest.raises(KeyError, match="`key` must name an exercise"):
        check("99.nothing", 1)
    with pytest.raises(ValueError, match="registered twice"):
        register(Exercise("01.left-limit", Number(-1), "hint", solution=-1))


def test_expression_accepts_equivalent_forms():
    x = sp.Symbol("x", real=True)
    assert Expression(4 * sp.Symbol("x") ** 3).judge(2 * x**3 + 2 * x * x * x)[0]


def test_every_notebook_exercise_is_in_the_bank():
    import json
    import re

    for path in NOTEBOOKS:
        source = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])
        keys = set(re.findall(r'check\("([^"]+)"', source))
        assert len(keys) >= 2, f"{path.name} needs at least two exercises"
        assert keys <= set(BANK), f"{path.name} checks unknown exercises {keys - set(BANK)}"
