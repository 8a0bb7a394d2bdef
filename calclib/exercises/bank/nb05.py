"""Exercises of 05_gradients.ipynb (keys "05.name"; the answer variable is the name with _ for -)."""
import numpy as np

from .. import Array, Exercise, Function, Interval, Number, Shown, register


def _central_gradient(f, p, h):
    """The reference: one central difference per coordinate, the step h along each axis in turn."""
    p = np.asarray(p, dtype=float)
    return np.array([(f(p + h * e) - f(p - h * e)) / (2 * h) for e in np.eye(p.size)])


def _forward_gradient(f, p, h):  # a known mistake: a forward difference along each axis
    p = np.asarray(p, dtype=float)
    return np.array([(f(p + h * e) - f(p)) / h for e in np.eye(p.size)])


def _over_h_gradient(f, p, h):  # a known mistake: the rise over 2h steps divided by h
    return 2 * _central_gradient(f, p, h)


def _precedence_gradient(f, p, h):  # a known mistake: `/ 2*h`, which divides by 2 and then multiplies by h
    return _central_gradient(f, p, h) * h * h


def _unrestored_gradient(f, p, h):  # a known mistake: p[i] moved in place and never put back
    p = np.array(p, dtype=float)
    slopes = []
    for i in range(p.size):
        p[i] += h
        up = f(p)
        p[i] -= 2 * h  # p[i] now sits at its value − h, and stays there for the next coordinates
        slopes.append((up - f(p)) / (2 * h))
    return np.array(slopes)


def _all_at_once(f, p, h):  # a known mistake: every coordinate nudged together, the same number in every entry
    p = np.asarray(p, dtype=float)
    return np.full(p.size, (f(p + h) - f(p - h)) / (2 * h))


#: A student read's hint for an in-place nudge of p that is never put back.
UNRESTORED_HINT = ("Your function leaves each coordinate moved after its nudge (p[i] ends at "
                   "p[i] − h), so every later slope is taken at a shifted point. Nudge a copy "
                   "(q = p.copy()) or put p[i] back.")
#: A student read's hint for 126.87°, where 6 sin α + 8 cos α = 0: the two partials swapped.
SWAPPED_PARTIALS_HINT = ("At that angle 6 sin α + 8 cos α is zero: the two partials have swapped "
                         "places. With u = (cos α, sin α) the slope is 6 cos α + 8 sin α (∂f/∂x "
                         "goes with the east part, cos α), zero where tan α = −6/8.")

#: The level direction between 90° and 180° on the dial: 180° − atan(6/8) = 143.13°, to the dial's hundredths.
LEVEL_ANGLE = 143.13

GRADIENT_CASES = (
    (Shown("f(p) = p[0]**2 * p[1] + p[1]**3", lambda p: p[0] ** 2 * p[1] + p[1] ** 3), [1.0, 2.0], 1e-4),
    (Shown("f(p) = sin(p[0]) * exp(p[1])", lambda p: np.sin(p[0]) * np.exp(p[1])), [0.3, -0.7], 1e-4),
    (Shown("f(p) = p[0] * p[1] * p[2]", lambda p: p[0] * p[1] * p[2]), [1.5, -2.0, 0.5], 1e-3),
    (Shown("f(p) = p[0]**4", lambda p: p[0] ** 4), [2.0], 1e-2),
)

register(
    Exercise(
        "05.gradient",
        Array((4.0, 13.0), mistakes=(((2.0, 12.0), "For ∂f/∂x hold y fixed but keep it: x² y gives 2xy, not 2x."),
                                     ((4.0, 12.0), "∂f/∂y also has a term from x² y: it is x², since x is held fixed."))),
        "Take one partial derivative at a time, treating the other variable as a constant, then put in (1, 2).",
        solution=(4.0, 13.0),
    ),
    Exercise(
        "05.directional",
        Number(14 / 2**0.5, digits=4, mistakes=((14, "u must be a unit vector: (1, 1) has length √2, not 1."),
                                                (7, "A unit vector along (1, 1) is (1, 1)/√2, not (1, 1)/2."),
                                                (10, "10 is |∇f|, the slope along the gradient (0.6, 0.8), the steepest "
                                                     "of all; (1, 1) points another way, so take ∇f · u with u = (1, 1)/√2.")),
               array_hint="A vector here is ∇f or u; the slope along u is the one number ∇f · u, "
                          "their dot product."),
        "The slope along a unit vector u is the dot product ∇f · u.",
        solution=14 / 2**0.5,
    ),
    Exercise(
        "05.descent-direction",
        Array((-0.6, -0.8), digits=4, mistakes=(((0.6, 0.8), "That is the way up. Descent goes against the gradient."),
                                                    ((-6.0, -8.0), "Right direction; now make it a unit vector."),
                                                    ((-3.0, -4.0), "Right direction, but (−3, −4) has length 5, not 1: divide "
                                                                   "−∇f by its own length."))),
        "Steepest descent goes against the gradient, along −∇f; divide it by its length to get a unit vector.",
        solution=(-0.6, -0.8),
    ),
    Exercise(
        "05.largest-rate",
        # The boundary is 0.1 (|1 - 20η| < 1), accepted to ±0.011 either side: the slider's last converging rate,
        # 10^-1.05 = 0.0891, is 0.0109 below it (the range was 0.085 to 0.1, stated as ±0.0075: it took 0.0891,
        # 0.011 from the boundary, and refused 0.105, 0.005 from it).
        Interval(0.089, 0.111, mistakes=(
            (0.9, 1.0, "That is the limit along x alone, where f grows like x². The steep direction, 10y², "
                       "overshoots at a much smaller rate."),
            (0.111, 0.9, "At that rate the walk does not converge, so the boundary lies lower: set the slider there "
                         "and watch y jump from side to side, further each time (or forever by the same amount)."),
            (1e-9, 0.089, "That rate still converges, and so do somewhat larger ones: keep raising the rate until the "
                          "read-out no longer says converged or still converging."),
        )),
        "Raise the learning rate step by step and read whether the walk converged or is still converging.",
        solution=0.1,
    ),
    Exercise(
        "05.level-angle",
        # centred on the answer, LEVEL_ANGLE, so that "±0.75" holds on both sides (it was 142.5 to
        # 144: 144, where the dial reads a slope of −0.15 against 0.023 at 143, passed 0.87 from the answer)
        Interval(LEVEL_ANGLE - 0.75, LEVEL_ANGLE + 0.75, mistakes=(
            (52.0, 54.5, "That is the angle of steepest ascent, where the slope is largest. A slope of zero is a "
                         "quarter turn away."),
            (322.0, 324.5, "That direction is level too, but it is not between 90° and 180°."),
            (2.45, 2.55, "That looks like an angle in radians; the dial reads degrees."),
            (89.5, 90.5, "90° is where the dial starts, and the slope there is 8, not 0: turn the dial on, past "
                         "90°, until the read-out's slope is as near 0 as it gets."),
            (126.0, 127.5, SWAPPED_PARTIALS_HINT),  # found by a student read
            (36.0, 37.5, "That is arctan(0.75), an angle below 90°. The level direction wanted lies between 90° and "
                         "180°, a quarter turn from the gradient's 53.13°."),
            # one step of the dial off: the read-out's slope there is not the one nearest 0 (144° gives −0.15, 143° 0.023)
            (141.0, 143.13 - 0.75, "Close, but at that angle the slope is not yet the nearest to 0: turn the dial one "
                                   "degree at a time and keep the angle where the read-out's slope is closest to 0."),
            (143.13 + 0.75, 145.0, "Close, but at that angle the slope is not yet the nearest to 0: turn the dial one "
                                   "degree at a time and keep the angle where the read-out's slope is closest to 0."),
        )),
        "Turn the dial until the marker on the right-hand curve sits on zero.",
        solution=143.0,
    ),
    Exercise(
        "05.central-gradient",
        Function(_central_gradient, GRADIENT_CASES, digits=6, signature="central_gradient(f, p, h)",
                 mistakes=((_forward_gradient, "Your function steps from p to p + h only (a forward difference): "
                                               "step to both sides, to p − h too, along each axis."),
                           (_over_h_gradient, "Every entry is twice the slope: from p − h to p + h the run is 2h, not h."),
                           (_precedence_gradient, "Every entry is the slope times h²: Python reads `/ 2*h` as "
                                                  "`/ 2` and then `* h`. Write `/ (2*h)`, with brackets."),
                           (_all_at_once, "Your function nudges every coordinate at once (p + h adds h to each), so "
                                          "every entry is the same slope along the diagonal. Nudge one coordinate "
                                          "at a time, holding the others fixed."),
                           (_unrestored_gradient, UNRESTORED_HINT))),
        "Nudge one coordinate at a time, by +h and by -h, and divide the difference of f by 2h.",
        solution=_central_gradient,
    ),
)
