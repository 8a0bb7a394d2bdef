"""Exercises of 10_softmax.ipynb (keys "10.name"; the answer variable is the name with _ for -)."""
import math

import numpy as np

from ... import softmax as sm
from .. import Array, Choice, Exercise, Function, Interval, Number, register

#: The temperature at which p1 of softmax((2, 1, 0.1, -1) / T) reaches 0.99 (bisection gives 0.216879).
COLD_TEMPERATURE = 0.216879


def _softmax_reference(z):
    return sm.softmax(z)


def _textbook_softmax(z):  # a known mistake: e^z over its sum, which overflows for logits near 1000
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum()


def _unnormalised(z):  # a known mistake: the shifted exponentials, not divided by their sum
    z = np.asarray(z, dtype=float)
    return np.exp(z - z.max())


register(
    Exercise(
        "10.probability",
        Number(0.75, mistakes=((0.25, "That is p1; the question asks for p2."),
                               (3.0, "That is e^(z2) alone: divide it by the sum of all the exponentials."),
                               (math.log(3) / (1 + math.log(3)), "Softmax exponentiates the logits first: use e^(ln 3) = 3, not ln 3."),
                               # e^0 taken as 0, so z1 = 0 adds nothing to the sum (a student read of 10)
                               (1.0, "That leaves z1 = 0 out of the sum, as if e^0 were 0; but e^0 = 1, so the first "
                                     "logit adds 1 to the denominator."))),
        "p2 = e^(z2) / (e^(z1) + e^(z2)), and e^(ln 3) = 3.",
        solution=0.75,
    ),
    Exercise(
        "10.jacobian-entry",
        Number(-0.15, mistakes=((0.15, "Off the diagonal the entry is −p_i p_j: mind the sign."),
                                (0.25, "That is a diagonal entry p1(1 − p1); this one is off the diagonal."),
                                (0.21, "That is a diagonal entry p2(1 − p2); this one is off the diagonal."),
                                (-0.06, "That is −p2 p3; the entry ∂p1/∂z2 involves p1 and p2."),
                                # the diagonal's pattern p_i(1 − p_i) with the other index (a student read of 10)
                                (0.35, "That is p1(1 − p2), the diagonal's pattern with the other index put in. Off "
                                       "the diagonal the top e^(z1) does not depend on z2, so there is no '1 −': "
                                       "the entry is −p_i p_j."))),
        "For i ≠ j, ∂p_i/∂z_j = −p_i p_j.",
        solution=-0.15,
    ),
    Exercise(
        "10.cross-entropy-gradient",
        Array((-2 / 3, 1 / 3, 1 / 3), digits=3,
              mistakes=(((2 / 3, -1 / 3, -1 / 3), "The gradient is p - y, not y - p."),
                        ((1 / 3, 1 / 3, 1 / 3), "That is p alone: subtract the one-hot target y."),
                        ((-1.0, 0.0, 0.0), "That is −y alone: add the probabilities p."))),
        "With equal logits p = (1/3, 1/3, 1/3); subtract the one-hot target y.",
        solution=(-2 / 3, 1 / 3, 1 / 3),
    ),
    Exercise(
        "10.cold-temperature",
        # centred on the answer, so that "±0.018" holds on both sides (it was 0.195 to 0.225, stated ±0.015:
        # 0.196 passed 0.021 below the answer, 0.226 was refused 0.009 above it); ±0.018 takes both readings of
        # the slider around p1 = 0.99, T = 0.200 (p1 0.993) and T = 0.224 (p1 0.988), and neither step beyond
        Interval(COLD_TEMPERATURE - 0.018, COLD_TEMPERATURE + 0.018, mistakes=(
            # one or two slider steps too cold (T = 0.158, 0.178: p1 0.998, 0.996) is not "a wide margin"
            (0.0, 0.15, "At that temperature p1 is already above 0.99 by a wide margin: warm T back up to where p1 first reaches 0.99."),
            (0.15, 0.19, "At that temperature p1 is above 0.99, but only just: warm T up a step or two, to the "
                         "warmest T where p1 still reads 0.99 or more."),
            (0.236, 0.5, "At that temperature p1 is still below 0.99: cool T a little more."),
            (0.9, 1.1, "At T = 1 p1 is only about 0.64: move T down."),
        )),
        "Start at T = 1 with the logits (2, 1, 0.1, −1) and lower T until the read-out's first p passes 0.99.",
        solution=COLD_TEMPERATURE,
    ),
    Exercise(
        "10.row-sums",
        Choice(
            {"a": "because the probabilities always sum to 1",
             "b": "because adding the same number c to every logit leaves p unchanged",
             "c": "because the Jacobian is symmetric",
             "d": "because every probability is between 0 and 1"},
            correct="b",
            why_wrong={
                "a": "Σ_i p_i = 1 says that nudging one logit z_j moves the probabilities by amounts adding to 0: "
                     "that sums a column (fixed j), not a row.",
                "c": "Symmetry says row i equals column i; it does not say what either adds up to.",
                "d": "Bounds on each entry of p say nothing about a sum of slopes being exactly 0.",
            }),
        "A row of J holds ∂p_i/∂z_j for one output i and every input j: which nudge of all the inputs together changes nothing?",
        solution="b",
    ),
    Exercise(
        "10.attention-scale",
        Choice(
            {"a": "so that the attention weights sum to 1, however many keys there are and whatever d is",
             "b": "so that the scores keep about the same spread whatever d is: unscaled, scores in d = 256 "
                  "dimensions spread about 8 times as wide as in d = 4, and softmax of them is close to one-hot",
             "c": "so that the output, a weighted average of the values, is a unit vector in d dimensions",
             "d": "so that softmax's denominator cannot reach 0 when the scores in d = 256 dimensions are "
                  "large and negative"},
            correct="b",
            why_wrong={
                "a": "Softmax makes the weights sum to 1 whatever the scores are.",
                "c": "The output is a weighted average of the values; nothing makes it length 1.",
                "d": "Softmax's denominator is a sum of positive exponentials, and computed safely (the largest "
                     "score subtracted first) its largest term is e⁰ = 1: it is never 0.",
            }),
        "Think of what a large score does to softmax, as a low temperature does.",
        solution="b",
    ),
    Exercise(
        "10.safe-softmax",
        Function(_softmax_reference, cases=(([2.0, 1.0, 0.1],), ([1000.0, 999.0, 998.0],), ([-1000.0, 0.0],),
                                            ([5.0],), ([0.0, 0.0, 0.0, 0.0],), ([-800.0, -801.0],)),
                 digits=6, signature="safe_softmax(z)",
                 mistakes=((_textbook_softmax, "Your function is right for small logits, but for logits near 1000 "
                                               "it forms e^1000, too large for a float (and for logits near −800 "
                                               "every e^z is 0, so it divides 0 by 0). Shift the logits first: the "
                                               "probabilities do not change."),
                           (_unnormalised, "Your outputs do not add up to 1: divide each exponential by the sum "
                                           "of them all."))),
        "Subtract the largest logit from every logit before exponentiating: the result is the same, "
        "and no exponent is then positive.",
        solution=lambda z: sm.softmax(z),
    ),
)
