"""Exercises of 04_differentiation_rules.ipynb (keys "04.name"; the answer variable is the name with _ for -)."""
import sympy as sp

from .. import Exercise, Expression, Number, register

x = sp.Symbol("x")

register(
    Exercise(
        "04.product-expression",
        Expression(2 * x * sp.sin(x) + x**2 * sp.cos(x),
                   mistakes=((2 * x * sp.cos(x), "Multiplying the two derivatives is not the product rule: f' g + f g'."),)),
        "Product rule with f = x^2 and g = sin x: f' g + f g'.",
        solution=sp.diff(x**2 * sp.sin(x), x),
    ),
    Exercise(
        "04.quotient-value",
        Number(0.25, mistakes=((0.75, "The numerator of the quotient rule has a minus sign: f' g - f g'."),
                               (1, "f'/g' is not the derivative of f/g."))),
        "Quotient rule with f = x, g = x + 1: (f' g - f g') / g^2, then put x = 1.",
        solution=0.25,
    ),
)
