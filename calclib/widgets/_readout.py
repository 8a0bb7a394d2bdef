"""Numbers as the explorers' read-outs print them: a line may wrap between words, never inside a number.

A read-out is a line of text in a box of the notebook's width, so the browser wraps it where it may. It
may break after a hyphen-minus (Chromium turns 2.71e-05 into "2.71e-" and "05") and between a prime
and a bracket (f′ on one line, (−0.19) on the next). Written with the minus sign (U+2212, also what
the sliders show), a number has no break inside; a word joiner (U+2060) keeps a function's name with
its argument, an opening bar with what it measures and a slash with what follows it (a browser may
break after a bar or a slash: |∇f| and ∂f/∂x cut in two).
Neither changes what the text says (screen readers skip the joiner).

>>> number(-2.71613e-05, 6)
'−2.71613e−05'
>>> factor(-0.0697565, 4), factor(8, 4)
('(−0.06976)', '8')
>>> applied("f′", "−0.19") == "f′\\u2060(−0.19)"
True
>>> minus_signs("stopped at (-1.309, 1.722), f = 2e-05, x-axis")
'stopped at (−1.309, 1.722), f = 2e−05, x-axis'
>>> whole_words("∂f/∂y = 8, |∇f| = 10") == "∂f/\\u2060∂y = 8, |\\u2060∇f| = 10"
True
"""
from __future__ import annotations

import re

from ..tables import MINUS
from ..tables import fmt_minus as number  # ``value`` to ``digits`` significant digits, with minus signs

WORD_JOINER = "\u2060"


def minus_signs(text: str) -> str:
    """``text`` (a message written elsewhere) with a minus sign for every hyphen-minus before a digit."""
    return re.sub(r"-(?=\d)", MINUS, text)


def factor(value, digits: int) -> str:
    """A factor of a printed product: a negative one in brackets, 6·(−0.06976), never 6·-0.06976."""
    text = number(value, digits)
    return f"({text})" if text.startswith(MINUS) else text


def applied(name: str, argument: str) -> str:
    """``name(argument)``, kept on one line: f′(x), never f′ at a line's end and (x) on the next (a name
    ending in a letter needs no joiner: browsers keep f( together)."""
    return f"{name}{WORD_JOINER}({argument})"


def whole_words(text: str) -> str:
    """``text`` with a word joiner after every opening bar and every slash inside a word: |∇f|, |x| and ∂f/∂x
    are never cut in two."""
    return re.sub(r"(\|(?=[^\s|\u2060])|/(?=[^\s\u2060]))", r"\1" + WORD_JOINER, text)
