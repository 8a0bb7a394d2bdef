"""A small table type that every result in calclib can show as text or HTML.

Numbers are rounded for display (10 significant digits by default) so that a saved
notebook output is the same on every machine.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Sequence


def fmt(value, digits: int = 10) -> str:
    """Format a number for display: rounded, no ``np.float64(...)`` wrapper.

    >>> fmt(1.8999999999999997)
    '1.9'
    >>> fmt(6.000000000000001e-09)
    '6e-09'
    """
    if isinstance(value, str):
        return value
    if hasattr(value, "label"):  # an Undefined marker or similar
        return value.label
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(number):
        return str(number)
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    if digits >= 17:  # shortest text that round-trips exactly
        return repr(number)
    return f"{number:.{digits}g}"


MINUS = "\u2212"  # the minus sign: no line break after it, unlike the hyphen-minus


def fmt_minus(value, digits: int = 10) -> str:
    """:func:`fmt` with minus signs for the hyphens, as read-outs and figure labels print numbers.

    >>> fmt_minus(-2.71613e-05, 6)
    '−2.71613e−05'
    """
    return fmt(value, digits).replace("-", MINUS)


def fmt_factor(value, digits: int = 10) -> str:
    """A factor of a printed product, as :func:`fmt_minus` writes it, a negative one in brackets:
    6·(−0.06976) and 4 × (−1), never 6·-0.06976. ``value`` is a number, or a number already written as text.

    >>> fmt_factor(-0.0697565, 4), fmt_factor(8, 4), fmt_factor("-1")
    ('(−0.06976)', '8', '(−1)')
    """
    text = fmt_minus(value, digits)
    return f"({text})" if text.startswith(MINUS) else text


@dataclass(frozen=True)
class Table:
    """Rows of values under named columns; prints as aligned text and renders as HTML."""

    columns: Sequence[str]
    rows: Sequence[Sequence]
    title: str = ""
    digits: int = 10

    def __post_init__(self):
        if isinstance(self.columns, str) or not hasattr(self.columns, "__iter__") or not all(isinstance(c, str) for c in self.columns):
            raise TypeError("`columns` must be a list of column names (strings)")
        if isinstance(self.title, str) is False:
            raise TypeError(f"`title` must be text, got {type(self.title).__name__}")
        if isinstance(self.digits, bool) or not isinstance(self.digits, int) or not 1 <= self.digits <= 17:
            raise ValueError(f"`digits` must be a whole number from 1 to 17, got {self.digits!r}")
        if isinstance(self.rows, str) or not hasattr(self.rows, "__iter__"):
            raise TypeError("`rows` must be a list of rows")
        for i, row in enumerate(self.rows):
            if isinstance(row, str) or not hasattr(row, "__len__") or len(row) != len(self.columns):
                got = len(row) if hasattr(row, "__len__") and not isinstance(row, str) else type(row).__name__
                raise ValueError(f"`rows[{i}]` must have one cell per column ({len(self.columns)}), got {got}")

    def cells(self):
        return [[fmt(v, self.digits) for v in row] for row in self.rows]

    def __repr__(self) -> str:
        cells = self.cells()
        widths = [max(len(c), *(len(r[i]) for r in cells)) if cells else len(c) for i, c in enumerate(self.columns)]
        # words line up on the left, numbers on the right
        left = [len(self.rows) > 0 and all(isinstance(r[i], str) and len(r[i]) > 12 for r in self.rows)
                for i in range(len(self.columns))]
        line = lambda items: "  ".join(s.ljust(w) if lj else s.rjust(w)
                                       for s, w, lj in zip(items, widths, left)).rstrip()
        out = [self.title] if self.title else []
        out += [line(self.columns), line(["-" * w for w in widths])]
        out += [line(r) for r in cells]
        return "\n".join(out)

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f"<th>{esc(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in self.cells())
        caption = f"<caption>{esc(self.title)}</caption>" if self.title else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
