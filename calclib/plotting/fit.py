"""Training a line by gradient descent: the fitted line at a few steps, and the loss."""
from __future__ import annotations

from ..tables import fmt_minus
from .style import COLORS, LINES, style_axes, text_points
from ._checks import takes_axes


@takes_axes("ax_fit", "ax_loss")
def plot_line_fit(ax_fit, ax_loss, t, y, path, *, show_steps=(0, 5)):
    """Data and the line w0 + w1 t after some steps of ``path`` (a DescentPath over w); the loss on a log scale."""
    data = ax_fit.plot(t, y, "o", color=COLORS["point"], label="data")[0]
    lines = []
    for k, style in zip(list(show_steps) + [path.steps], (":", "--", "-")):
        w = path.points[k]
        lines.append(ax_fit.plot(t, w[0] + w[1] * t, linestyle=style, color=COLORS["curve"],
                                 label=f"after {k} steps")[0])
    style_axes(ax_fit, xlabel="t", ylabel="y")
    ax_fit.legend(fontsize=text_points(ax_fit.figure, 9))
    loss = ax_loss.semilogy(path.values, color=COLORS["secant"])[0]
    # where it levels off, marked and written (a student read could not tell 0.032 from the ticks alone)
    floor = float(path.values[-1])
    ax_loss.axhline(floor, **LINES["guide"])
    ax_loss.annotate(f"levels off at {fmt_minus(floor, 2)}", (1.0, floor), xycoords=("axes fraction", "data"),
                     xytext=(-4, 4), textcoords="offset points", ha="right", va="bottom",
                     fontsize=text_points(ax_loss.figure, 10), color=COLORS["guide"])
    style_axes(ax_loss, xlabel="step", ylabel="L(w) = ‖Xw − y‖² (log scale)")
    return data, lines, loss
