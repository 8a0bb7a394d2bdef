"""Exercises of 01_limits.ipynb (keys "01.name"; the answer variable is the name with _ for -)."""
import math

from .. import Choice, Exercise, Interval, Number, register

#: The widest δ for ε = 0.3 about q(x) = x² + x + 1 at 1: the right side, where x² + x + 1 = 3.3, is nearer.
CURVED_DELTA = (math.sqrt(10.2) - 1) / 2 - 1  # 0.096872

register(
    Exercise(
        "01.quotient-limit",
        Number(4, mistakes=((0, "0/0 at the point itself says nothing about the limit: look near x = 2, not at it."),
                            (2, "2 is the point x approaches, not the value the quotient approaches."),
                            # the table's outermost rows, at x = 2.1 and 1.9 (found by a student read: both got
                            # only the general hint, although the student had used the table as told)
                            (4.1, "That is the value at x = 2.1, the table's row farthest from 2. Read the rows "
                                  "nearer to 2 (2.01, 2.001) and see which number they close in on."),
                            (3.9, "That is the value at x = 1.9, the table's row farthest from 2. Read the rows "
                                  "nearer to 2 (1.99, 1.999) and see which number they close in on."))),
        "Factor the numerator as a difference of squares and cancel, or read approach_table near 2.",
        solution=4,
    ),
    Exercise(
        "01.root-limit",
        Number(0.5, mistakes=((0, "The numerator and the denominator both shrink to 0; compare how fast."),
                              (1, "The quotient is not 1 near 0: the numerator shrinks about half as fast as x."),
                              # the table's outermost rows, at x = 0.1 (0.4881) and x = -0.1 (0.5132)
                              (0.4881, "That is the value at x = 0.1, the table's row farthest from 0. Read the rows "
                                       "nearer to 0 (0.01, 0.001) and see which number they close in on."),
                              (0.5132, "That is the value at x = -0.1, the table's row farthest from 0. Read the rows "
                                       "nearer to 0 (-0.01, -0.001) and see which number they close in on."))),
        "Build a Quotient of np.sqrt(1 + x) - 1 over x and look at its approach table around 0.",
        solution=0.5,
    ),
    Exercise(
        "01.left-limit",
        Number(-1, mistakes=((1, "That is the limit from the right. Which sign does x have just left of 0?"),)),
        "Left of 0, x is negative, so |x| = -x.",
        solution=-1,
    ),
    Exercise(
        "01.curved-delta",
        # centred on the answer, so that "±0.002" holds on both sides (it was 0.094 to 0.0985, stated ±0.0023:
        # 0.0941 passed 0.0028 below the answer, 0.0993 was refused 0.0024 above it)
        Interval(CURVED_DELTA - 0.002, CURVED_DELTA + 0.002, mistakes=(
            (0.0995, 0.1005, "That is ε divided by the slope 3, the straight-line guess. The curve bends upward, "
                             "so it leaves the band sooner on the right of 1: read δ off the explorer."),
            (0.101, 0.106, "That δ keeps the left side inside the band, but on the right the curve is steeper "
                           "and leaves sooner: δ must work on both sides."),
            # 0.3 is ε itself, and also about the δ the explorer shows before ε is moved (0.303 at ε = 1, 0.3 at 0.99)
            (0.29, 0.31, "Is that ε itself, or the δ the explorer shows at its start, where ε = 1? δ = ε holds only "
                         "for a line of slope 1, and this curve is about 3 times steeper: set ε to 0.3, then read δ."),
            # the x where the curve leaves the band, not the distance δ from 1 (right edge 1.0969, left 0.8964)
            (1.09, 1.1, "That is the x where the curve leaves the band, not δ: δ is the distance from 1 to that x."),
            (0.89, 0.9, "That is the x where the curve leaves the band on the left; δ is a distance from 1, and the "
                        "right side, which leaves sooner, sets it."),
        )),
        "Set ε to 0.3 in the explorer below the question and read δ from its read-out.",
        solution=CURVED_DELTA,
    ),
    Exercise(
        "01.rounding-cause",
        Choice(
            {"a": "The limit of (x² − 1)/(x − 1) at 1 is not exactly 2, and the tiny step reveals it.",
             "b": "1 + 10⁻¹⁵ is stored as the nearest number the computer has, so the step really taken is "
                  "not the step divided by.",
             "c": "Values of f next to a hole are unreliable, because f has no value at the hole itself.",
             "d": "Dividing by a number as small as 10⁻¹⁵ is inexact on a computer."},
            correct="b",
            why_wrong={"a": "Cancelling gives x + 1, and sympy's limit is exactly 2: the limit is certain.",
                       "c": "At x = 0.999, right next to the hole, the table showed 1.999 exactly as expected; "
                            "the hole only removes the single point x = 1.",
                       "d": "Dividing the same rise by the stored step gives exactly 2, so the division is fine; "
                            "what changed is the input itself."}),
        "Compare the two rows of the table: the same rise, divided by two different steps.",
        solution="b",
    ),
)
