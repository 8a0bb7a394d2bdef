"""The exercises of every notebook, keyed "NN.name" by notebook number."""
import sympy as sp

from . import Exercise, Expression, Interval, Number, register

x = sp.Symbol("x")

register(
    # 01_limits
    Exercise(
        "01.quotient-limit",
        Number(4, mistakes=((0, "0/0 at the point itself says nothing about the limit: look near x = 2, not at it."),)),
        "Factor the numerator as a difference of squares and cancel, or read approach_table near 2.",
        solution=4,
    ),
    Exercise(
        "01.root-limit",
        Number(0.5, mistakes=((0, "The numerator and the denominator both shrink to 0; compare how fast."),)),
        "Build a Quotient of np.sqrt(1 + x) - 1 over x and look at its approach table around 0.",
        solution=0.5,
    ),
    Exercise(
        "01.left-limit",
        Number(-1, mistakes=((1, "That is the limit from the right. Which sign does x have just left of 0?"),)),
        "Left of 0, x is negative, so |x| = -x.",
        solution=-1,
    ),
    # 02_derivatives
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
