"""calclib: the calculus behind machine learning, one small tested function at a time.

Three layers, imported in one direction only:

* math (this package's top-level modules): numpy and sympy, nothing that draws;
* :mod:`calclib.plotting`: matplotlib, functions that take an ``ax``;
* :mod:`calclib.widgets`: ipywidgets wired to the plotting layer.

``import calclib`` loads only the math layer.
"""
from . import activations, autograd, chain, rules
from .activations import sigmoid, sigmoid_derivative
from .chain import Chain, gap_table
from .differences import (
    backward_difference,
    central_difference,
    complex_step,
    derivative,
    difference_table,
    error_study,
    forward_difference,
    richardson,
    secant_slope,
)
from .exercises import check
from .functions import Function, catalog
from .limits import Quotient, Undefined, approach_table, delta_for_epsilon, stored_step, symbolic_limit, value_at
from .rules import product_increment, product_rule, quotient_rule
from .symbolic import check_derivative, derivative_table
from .tables import Table

__version__ = "0.1.0"

__all__ = [
    "Chain", "gap_table", "sigmoid", "sigmoid_derivative", "product_increment", "product_rule", "quotient_rule",
    "Function", "Quotient", "Table", "Undefined", "approach_table", "backward_difference", "catalog",
    "central_difference", "check", "check_derivative", "complex_step", "delta_for_epsilon", "derivative",
    "derivative_table", "difference_table", "error_study", "forward_difference", "richardson",
    "secant_slope", "stored_step", "symbolic_limit", "value_at",
]
