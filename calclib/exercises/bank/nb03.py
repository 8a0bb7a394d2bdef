"""Exercises of 03_chain_rule.ipynb (keys "03.name"; the answer variable is the name with _ for -)."""
import numpy as np

from .. import Exercise, Function, Interval, Number, register

# the power rule half applied, 3u·2 and 2u² at u = 7 (a student read: both got the general hint)
_HALF_POWER_RULE = (
    (42, "That is 3u·2 with u = 7: the exponent came down, but the power rule keeps u², "
         "so the outer gain is 3u² = 3·7²."),
    (98, "That is 2u² with u = 7: the inner gain 2 is there, but the outer gain of u³ is 3u², "
         "with the exponent 3 brought down."),
)
# one link's number alone at z = 1: σ'(1), σ(1) = a and v·σ(1) = y (a student read: all three got the
# general hint, which restates the formula)
_ONE_LINK_ALONE = (
    (0.1966119, "That is σ'(1), the sigmoid's gain alone: the other two links multiply it too, "
                "by v and by x."),
    (0.7310586, "That is σ(1), the hidden value a itself, not a slope: the sigmoid's gain is "
                "σ'(z) = σ(z)(1 − σ(z))."),
    (2.1931757, "That is v·σ(1), the output y itself, not a slope: how fast does y change when w "
                "moves?"),
)

register(
    Exercise(
        "03.cubed-chain",
        Number(294, mistakes=((147, "You have the outer gain; multiply by the inner gain d(2x + 5)/dx as well."),
                              (343, "That is the value of (2x + 5)^3 at 1, not its slope."),
                              *_HALF_POWER_RULE)),
        "Write y = u^3 with u = 2x + 5: the gains are 3u^2 and 2.",
        solution=294,
    ),
    Exercise(
        "03.neuron-gradient",
        Number(1.1796716, digits=4, mistakes=((0.5898358, "Through z = w x + b, dz/dw is x = 2: one more factor."),
                                                  (4.3863515, "Use the derivative of σ, σ(z)(1 - σ(z)), not σ itself."),
                                                  (0.3932239, "The output weight v = 3 is a gain too: dy/da = v."),
                                                  (0.2949179, "Through z = w x + b, dz/dw is x = 2, "
                                                              "not w."),
                                                  *_ONE_LINK_ALONE)),
        "dy/dw = v · σ'(w x + b) · x, with σ'(z) = σ(z) (1 - σ(z)).",
        solution=6 * 0.19661193324148185,
    ),
    Exercise(
        "03.gain-product",
        Number(6, mistakes=((5, "Gains along a chain multiply; they do not add."),
                            (3, "That is the second link's gain alone: the first link doubles the nudge before the "
                                "second triples it."),
                            (2, "That is the first link's gain alone: the second link triples the doubled nudge."))),
        "A nudge is doubled by the first link, then that doubled nudge is tripled by the second.",
        solution=6,
    ),
)


#: Where the nudge never reaches y: the second gain, 2u = 2(3x + 1), is zero at x = −1/3.
SILENT_X = -1 / 3


def _neuron_slope(w, x, b, v):
    sig = 1 / (1 + np.exp(-(w * x + b)))
    return v * sig * (1 - sig) * x


def _sigma(z):
    return 1 / (1 + np.exp(-z))


# known mistakes: one of the three gains v, σ'(z) and x left out, or σ in place of σ'
def _without_x(w, x, b, v):
    return v * _sigma(w * x + b) * (1 - _sigma(w * x + b))


def _without_v(w, x, b, v):
    return _sigma(w * x + b) * (1 - _sigma(w * x + b)) * x


def _sigma_for_slope(w, x, b, v):
    return v * _sigma(w * x + b) * x


# found by a second student read: w for x in the last gain (a function that takes (x, w, b, v) computes the same)
def _w_for_x(w, x, b, v):
    return _without_x(w, x, b, v) * w


register(
    Exercise(
        "03.silent-nudge",
        # centred on the answer, -1/3, so that "±0.035" holds on both sides; the slider's -0.35 and -0.3, where
        # the Δy bar changes sign, both pass (it was -0.36 to -0.3, stated ±0.03: -0.3 passed 0.033 from -1/3)
        Interval(SILENT_X - 0.035, SILENT_X + 0.035, mistakes=(
            (-0.01, 0.01, "At x = 0 the nudge still grows 6-fold. Which x makes the second gain, 2u, zero?"),
            (-1.01, -0.99, "That is where u = -2, not where the second gain vanishes."),
            (0.3, 0.37, "Mind the sign: u = 3x + 1 is zero where 3x = −1."),
        )),
        "Look for the x where the Δy bar changes sign in the explorer.",
        solution=-1 / 3,
    ),
    Exercise(
        "03.neuron-slope",
        Function(_neuron_slope, cases=((0.5, 2.0, 0.0, 3.0), (-1.2, 0.7, 0.4, -2.0), (2.0, -1.5, 1.0, 0.5),
                                       (0.0, 3.0, -0.3, 1.5), (1.0, 0.0, 2.0, 4.0)),
                 digits=6, signature="neuron_slope(w, x, b, v)",
                 # the first case is exercise 2's neuron: a student who got 2 right can compare with it
                 notes=("the neuron of exercise 2 (w = 0.5, x = 2, b = 0, v = 3), whose dy/dw you found there",
                        "", "", "", ""),
                 mistakes=((_without_x, "Your function leaves out the last gain, dz/dw = x: z = wx + b "
                                        "changes x times as fast as w."),
                           (_without_v, "Your function leaves out the first gain, dy/da = v: the output is "
                                        "y = v·a, so a change in a reaches y multiplied by v."),
                           (_sigma_for_slope, "Your function uses σ(z) where the gain of the sigmoid, its "
                                              "derivative σ′(z) = σ(z)(1 − σ(z)), belongs."),
                           (_w_for_x, "Your function multiplies by w in the last gain, where dz/dw is x "
                                      "(z = wx + b changes x times as fast as w). Or it takes its arguments "
                                      "in another order: they come as neuron_slope(w, x, b, v), the weight "
                                      "first, then the input."))),
        "Multiply the three gains: dy/da = v, da/dz = σ(z)(1 − σ(z)) and dz/dw = x, with z = wx + b.",
        solution=_neuron_slope,
    ),
)
