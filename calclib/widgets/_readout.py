"""Numbers as the explorers' read-outs print them: with the minus sign (U+2212), never the hyphen-minus.

One sign for every negative number of every read-out (also the saved caption and the picture's
alternative text), the sign the sliders and the figures' labels show. The words of a read-out are kept
whole on a line by the explorers' base class (``_words_kept_whole``), so the text itself carries no
invisible characters: what is copied or read aloud is what is shown.

>>> number(-2.71613e-05, 6)
'−2.71613e−05'
>>> factor(-0.0697565, 4), factor(8, 4)
('(−0.06976)', '8')
>>> minus_signs("stopped at (-1.309, 1.722), f = 2e-05, x-axis")
'stopped at (−1.309, 1.722), f = 2e−05, x-axis'
"""
from __future__ import annotations

import re

from ..tables import MINUS
from ..tables import fmt_factor as factor  # a factor of a product: a negative one in brackets, 6·(−0.06976)
from ..tables import fmt_minus as number  # ``value`` to ``digits`` significant digits, with minus signs

__all__ = ["factor", "minus_signs", "number"]  # what the explorers import from here


def minus_signs(text: str) -> str:
    """``text`` (a message written elsewhere) with a minus sign for every hyphen-minus before a digit."""
    return re.sub(r"-(?=\d)", MINUS, text)
