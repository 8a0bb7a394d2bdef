"""Exercises of 02_derivatives.ipynb (keys "02.name"; the answer variable is the name with _ for -)."""
import numpy as np
import sympy as sp

from .. import Choice, Exercise, Expression, Function, Interval, Number, register

x = sp.Symbol("x")
# exponent and factor swapped (a student read: it got the rule restated)
_SWAPPED = ("The factor is the old exponent, 4, and the new exponent is one less, 3: you have them "
            "the other way round.")
# every value ≤ 0 is one bin on the log scale of 02.best-step: h < 0, read after flipping the sign of h
_SIGNED = ("The question asks for the size |h| of the step, a positive number: the sign of h does not "
           "change where the gap stops shrinking.")

register(
    Exercise(
        "02.cube-slope",
        Number(12, mistakes=((8, "8 is the value f(2), not its slope."), (4, "That is the slope of x^2 at 2."),
                             (19, "That is the secant with h = 1, still far from the tangent: shrink h."),
                             (24, "That is 3·2³ = 3x³; the power rule lowers the exponent: 3x²."),
                             # before the general "half the right one" (found by a student read: 6 is 3·2, the
                             # exponent brought down but x not squared, not a lost factor of 2)
                             (6, "That is 3·2, that is 3x at x = 2: the exponent came down, but the power rule keeps x², "
                                 "so square 2 first: 3·2²."),
                             (12.61, "That is the secant with h = 0.1, still 0.61 above the tangent: shrink h."))),
        "Use the power rule: the derivative of x^3 is 3x^2. Or compute the secant slope (f(2 + h) − f(2))/h "
        "with a small h, such as 0.001.",
        solution=12,
    ),
    Exercise(
        "02.power-rule",
        Expression(4 * x**3, mistakes=((x**3, "Bring the exponent down as a factor."),
                                       (4 * x**4, "Lower the exponent by one."),
                                       (x**4, "That is x⁴ itself, the function, not its derivative."),
                                       (3 * x**4, _SWAPPED),
                                       (4 * x**5 / 5, "That raises the exponent and divides by it: the rule for an "
                                                      "integral (an antiderivative). For the derivative bring the "
                                                      "exponent down as a factor and lower it by one."),
                                       (x**5 / 5, "That is an antiderivative of x⁴ (raise the exponent, divide by "
                                                  "it), not the derivative: bring the exponent down as a factor "
                                                  "and lower it by one."))),
        "d/dx x^n = n x^(n-1).",
        solution=4 * x**3,
    ),
    Exercise(
        "02.best-step",
        Interval(1e-9, 1e-7, read_off="the figure", mistakes=(
            (1e-17, 2e-12, "Down there the gap is larger than at h = 1e-6: rounding in f(x + h) − f(x) has taken over. "
                           "Look for the bottom of the V, not its far end."),
            # between the far end and the answer: past the bottom of the V, where the read-out jumps about and grows
            (2e-12, 9e-10, "There the gap has already stopped shrinking: it jumps about and grows as h shrinks, "
                           "because rounding has taken over. Go back up to the h where it was smallest."),
            (1.5e-7, 1e-3, "The gap is still falling tenfold per decade there: keep shrinking h until it stops."),
            (-1.0, -1e-16, _SIGNED),
        )),
        "Choose e^x and x = 1 in the secant explorer and watch the marker on the error panel as |h| shrinks.",
        solution=1e-8,
    ),
)


def _central(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def _forward(f, x, h):  # a known mistake: one step, to the right only
    return (f(x + h) - f(x)) / h


def _backward(f, x, h):  # a known mistake: one step, to the left only
    return (f(x) - f(x - h)) / h


def _over_h(f, x, h):  # a known mistake: both steps, but the rise divided by h, not by the run 2h
    return (f(x + h) - f(x - h)) / h


def _reversed(f, x, h):  # a known mistake: the rise taken the wrong way round, f(x - h) - f(x + h)
    return (f(x - h) - f(x + h)) / (2 * h)


def _times_h(f, x, h):  # a known mistake: "/ 2*h", which Python reads as (... / 2) * h
    return (f(x + h) - f(x - h)) / 2 * h


def _value(f, x, h):  # a known mistake: the value of f, not a slope
    return f(x)


def _d(step):
    return (np.exp(1 + step) - np.exp(1 - step)) / (2 * step)


def _f(step):  # the forward difference, a known mistake where D is the central one
    return (np.exp(1 + step) - np.exp(1)) / step


_RICHARDSON = (4 * _d(0.05) - _d(0.1)) / 3
# a plain average, and the weights of the next round (a student read: both got the general hint)
_AVERAGE = ("An average keeps both h² errors, only mixed: weight the two estimates so that "
            "the c h² and the c h²/4 cancel.")
_NEXT_ROUND = ("Weights 16 and −1 over 15 cancel an h⁴ error, the next round. D errs like h²: "
               "halving h quarters the error, so use 4 and −1.")
_FORWARD = "You used forward differences, (f(1 + h) − f(1))/h; D(h) here is the central difference, " \
           "(f(1 + h) − f(1 − h))/(2h)."

register(
    Exercise(
        "02.central",
        Function(_central, cases=((np.sin, 1.0, 1e-3), (np.exp, 0.5, 1e-2), (np.cos, -2.0, 0.1), (np.log, 3.0, 0.5),
                                  (np.sqrt, 4.0, 1.0)),
                 digits=6, signature="central(f, x, h)",
                 mistakes=((_forward, "Your function steps only to the right of x, from x to x + h: that is the "
                                      "forward difference. A central difference steps to both sides of x."),
                           (_backward, "Your function steps only to the left of x, from x − h to x: a backward "
                                       "difference. A central difference steps to both sides of x."),
                           (_over_h, "Your function gives twice the slope: the run from x − h to x + h is 2h "
                                     "long, not h."),
                           (_reversed, "Your function gives minus the slope: take the rise from left to right, "
                                       "f(x + h) − f(x − h)."),
                           (_times_h, "Your function multiplies by h instead of dividing by it: Python reads "
                                      "/ 2*h as (… / 2)·h. Write / (2 * h)."),
                           (_value, "Your function returns f(x), the value of f at x, not a slope."))),
        "Take one step h to the right and one to the left of x; divide the rise by the whole run between them.",
        solution=_central,
    ),
    Exercise(
        "02.richardson",
        Number(_RICHARDSON, digits=6, mistakes=(
            (_d(0.1), "That is D(0.1) alone; combine it with D(0.05) so that their h² errors cancel."),
            (_d(0.05), "That is D(0.05) alone; combine it with D(0.1) so that their h² errors cancel."),
            (2 * _d(0.05) - _d(0.1), "Weights 2 and −1 cancel an error proportional to h (the forward difference's). "
                                     "A central difference errs like h²: halving h quarters the error."),
            ((4 * _d(0.1) - _d(0.05)) / 3, "The weight 4 belongs to the smaller step, D(0.05)."),
            (4 * _d(0.05) - _d(0.1), "The weights 4 and −1 add up to 3: divide by 3, so that f'(1) is counted once."),
            # e to 5 significant figures, 2.7183: right, but one digit short of the 6 asked
            (round(_RICHARDSON, 4), "Close, but the question asks for 6 significant figures: keep one more digit."),
            # Richardson's formula on forward differences (found by a student read: both got the general hint)
            ((4 * _f(0.05) - _f(0.1)) / 3, _FORWARD),
            (2 * _f(0.05) - _f(0.1), _FORWARD),
            ((4 * _d(0.05) - _d(0.1)) / 4, "The weights 4 and −1 add up to 3: divide by 3, not by 4."),
            ((_d(0.1) + _d(0.05)) / 2, _AVERAGE),
            ((16 * _d(0.05) - _d(0.1)) / 15, _NEXT_ROUND),
        )),
        "Write D(h) ≈ f'(1) + c h² and D(h/2) ≈ f'(1) + c h²/4, and eliminate c.",
        solution=_RICHARDSON,
    ),
)

register(
    Exercise(
        "02.complex-step",
        Choice(
            {"a": "1 + 1e-20 i is stored as 1, so the step is really zero and nothing can go wrong.",
             "b": "Im f(x + ih) / h subtracts no two nearly equal numbers, so rounding has no digits to cancel.",
             "c": "numpy computes complex functions with more digits than real ones."},
            correct="b",
            why_wrong={"a": "The imaginary part is stored on its own, so i·1e-20 survives; if the step were "
                            "really zero, Im f would be 0 and the estimate 0, not e.",
                       "c": "Complex numbers use the same double precision as real ones, two floats each. "
                            "Where does a forward difference lose its digits, and does the complex step do that?"}),
        "Compare the two formulas: where does a forward difference lose its digits when h is tiny?",
        solution="b",
        answer_name="why_complex_step",
    ),
)

