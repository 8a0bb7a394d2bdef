"""The error of difference quotients against the step h, on log-log axes."""
from __future__ import annotations

import numpy as np

from ..differences import EPS
from .style import COLORS, LINES, style_axes
from ._checks import takes_axes

_STYLE = {
    "forward": {"color": COLORS["secant"], "linestyle": "--", "label": "forward difference"},
    "central": {"color": COLORS["curve"], "linestyle": "-", "label": "central difference"},
    "complex": {"color": COLORS["tangent"], "linestyle": "-.", "label": "complex step"},
}


@takes_axes("ax")
def plot_error_study(ax, study):
    """One line per method, reference slopes h and h², and a marker at sqrt(machine epsilon)."""
    lines = {m: ax.loglog(study.h, err, linewidth=1.8, **_STYLE[m])[0] for m, err in study.errors.items()}
    h = study.h
    ref = h[(h >= 1e-5) & (h <= 1)]
    lines["order 1"] = ax.loglog(ref, ref, color=COLORS["guide"], linewidth=1, label="slope 1 (error ∝ h)")[0]
    lines["order 2"] = ax.loglog(ref, ref**2, color=COLORS["guide"], linewidth=1, linestyle=(0, (1, 1)),
                                 label="slope 2 (error ∝ h²)")[0]
    lines["sqrt eps"] = ax.axvline(np.sqrt(EPS), **LINES["guide"])
    # the note near the top, right of the dotted line: every curve is far below there (it crossed the
    # complex step's line when it sat at 1e-14)
    ax.annotate("√ε ≈ 1.5e-8", (np.sqrt(EPS), 0.96), xycoords=("data", "axes fraction"), xytext=(4, 0),
                textcoords="offset points", va="top", fontsize=9)
    ax.set_ylim(1e-17, 10)
    style_axes(ax, xlabel="step h", ylabel="|estimate − f′(x)|", title="Truncation error falls with h; rounding error rises")
    ax.legend(loc="lower right", fontsize=8)
    return lines
