"""The plotting layer: matplotlib only, every function takes an ``ax`` and returns its artists.

Figures are made with :func:`new_figure` (no pyplot, so nothing is shown behind your back)
and shown in a notebook with :func:`show`, which gives a PNG plus a text caption.
"""
from .differences import plot_error_study
from .figure import Animation, FigureView, animate, new_figure, png_bytes, show
from .limits import move_limit_point, plot_epsilon_delta, plot_limit, update_epsilon_delta
from .secant import plot_secant, secant_animation, set_secant_function, update_secant
from .style import COLORS

__all__ = [
    "COLORS", "Animation", "FigureView", "animate", "move_limit_point", "new_figure", "plot_epsilon_delta",
    "plot_error_study", "plot_limit", "plot_secant", "png_bytes", "secant_animation", "set_secant_function",
    "show", "update_epsilon_delta", "update_secant",
]
