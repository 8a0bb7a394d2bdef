"""Exercises of 02_derivatives.ipynb (keys "02.name"; the answer variable is the name with _ for -)."""
import sympy as sp

from .. import Exercise, Expression, Interval, Number, register

x = sp.Symbol("x")

register(
    Exercise(
        "02.cube-slope",
        Number(12, mistakes=((8, "8 is the value f(2), not its slope."), (4, "That is the slope of x^2 at 2."))),
        "Use the power rule: the derivative of x^3 is 3x^2. Or shrink h in secant_slope.",
        solution=12,
    ),
    Exercise(
        "02.power-rule",
        Expression(4 * x**3, mistakes=((x**3, "Bring the exponent down as a factor."),
                                       (4 * x**4, "Lower the exponent by one."))),
        "d/dx x^n = n x^(n-1).",
        solution=4 * x**3,
    ),
    Exercise(
        "02.best-step",
        Interval(1e-9, 1e-7),
        "Read the bottom of the forward-difference curve in the error plot; error_study(...).best_step('forward') finds it.",
        solution=1e-8,
    ),
)
