"""The widget layer: ipywidgets controls wired to the plotting layer.

Every explorer draws its figure once and moves artists in place on each control change;
``explorer.controls`` holds the controls by name so that tests can set them.
"""
from .base import Explorer
from .limits import EpsilonDeltaExplorer, LimitExplorer
from .secant import SecantExplorer

__all__ = ["EpsilonDeltaExplorer", "Explorer", "LimitExplorer", "SecantExplorer"]
