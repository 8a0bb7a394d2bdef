"""The error of difference quotients against the step h, on log-log axes."""
from __future__ import annotations

import numpy as np

from ..differences import EPS
from .style import COLORS, LINES, style_axes, text_points
from ._checks import takes_axes

# From h = 1e-5 to 0.1 the central difference and the complex step err by the same e·h²/6 (for e^x at 1):
# their lines coincide there. The complex step goes underneath with open circles every half decade,
# the central difference on top, so the blue line is seen running through the green circles.
_STYLE = {
    "forward": {"color": COLORS["secant"], "linestyle": "--", "label": "forward difference", "zorder": 2.2},
    "central": {"color": COLORS["curve"], "linestyle": "-", "label": "central difference", "zorder": 2.4},
    "complex": {"color": COLORS["tangent"], "linestyle": "-.", "label": "complex step", "zorder": 2.1,
                "marker": "o", "markersize": 6, "markerfacecolor": "none", "markeredgewidth": 1.4},
}


def _every_half_decade(h) -> list:
    """Indices of the steps nearest 1, 10^-0.5, 10^-1, ... (one marker each half decade, whatever the grid).

    >>> _every_half_decade(np.logspace(-2, 0, 21))
    [0, 5, 10, 15, 20]
    """
    logs = np.log10(np.asarray(h, dtype=float))
    targets = np.arange(np.ceil(2 * logs.min() - 1e-9) / 2, logs.max() + 1e-9, 0.5)
    return sorted({int(np.argmin(np.abs(logs - t))) for t in targets})


@takes_axes("ax")
def plot_error_study(ax, study):
    """One line per method, reference slopes h and h², and a marker at sqrt(machine epsilon)."""
    lines = {m: ax.loglog(study.h, err, linewidth=1.8, **_STYLE[m])[0] for m, err in study.errors.items()}
    lines["complex"].set_markevery(_every_half_decade(study.h))
    h = study.h
    ref = h[(h >= 1e-5) & (h <= 1)]
    # the guides run a decade clear of the curves they are read against (at h and h² themselves the slope-1
    # guide lay along the forward difference, a thin grey line hard to tell from it: a student read)
    lines["order 1"] = ax.loglog(ref, 10 * ref, color=COLORS["guide"], linewidth=1, label="slope 1 (error ∝ h)")[0]
    lines["order 2"] = ax.loglog(ref, ref**2 / 10, color=COLORS["guide"], linewidth=1, linestyle=(0, (1, 1)),
                                 label="slope 2 (error ∝ h²)")[0]
    lines["sqrt eps"] = ax.axvline(np.sqrt(EPS), **LINES["guide"])
    # the note near the top, right of the dotted line: every curve is far below there (it crossed the
    # complex step's line when it sat at 1e-14)
    ax.annotate("√ε ≈ 1.5e-8", (np.sqrt(EPS), 0.96), xycoords=("data", "axes fraction"), xytext=(4, 0),
                textcoords="offset points", va="top", fontsize=text_points(ax.figure, 9))
    ax.set_ylim(1e-17, 10)
    # h grows to the right, so the story is read leftwards: as h shrinks (the title said "falls with h", backwards
    # to a reader going left to right, a review)
    style_axes(ax, xlabel="step h", ylabel="|estimate − f′(x)|",
               title="As h shrinks: truncation error falls, rounding error rises")
    # below the axes: in the lower right it covered the central difference's turn near h = 1e-6 to 1e-5, the turn
    # the caption asks the reader to find (a review)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, fontsize=text_points(ax.figure, 9),
              frameon=False, columnspacing=1.2, handlelength=2.4)
    return lines
