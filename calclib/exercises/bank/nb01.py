"""Exercises of 01_limits.ipynb (keys "01.name"; the answer variable is the name with _ for -)."""
from .. import Exercise, Number, register

register(
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
)
