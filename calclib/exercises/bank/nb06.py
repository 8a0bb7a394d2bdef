"""Exercises of 06_jacobian.ipynb (keys "06.name"; the answer variable is the name with _ for -)."""
import numpy as np

from .. import Array, Exercise, Function, Interval, Shown, register


def _jvp(f, x, v, h):
    """The reference: J(x)·v from two evaluations of f, a central difference along v."""
    x, v = np.asarray(x, dtype=float), np.asarray(v, dtype=float)
    return (np.asarray(f(x + h * v), dtype=float) - np.asarray(f(x - h * v), dtype=float)) / (2 * h)


def _forward_jvp(f, x, v, h):  # a known mistake: one step, from x to x + h·v only
    x, v = np.asarray(x, dtype=float), np.asarray(v, dtype=float)
    return (np.asarray(f(x + h * v), dtype=float) - np.asarray(f(x), dtype=float)) / h


def _over_h_jvp(f, x, v, h):  # a known mistake: the change over the two steps divided by h, not 2h
    return 2 * _jvp(f, x, v, h)


def _precedence_jvp(f, x, v, h):  # a known mistake: `/ 2*h`, which divides by 2 and then multiplies by h
    return _jvp(f, x, v, h) * h * h


def _along_ones(f, x, v, h):  # a known mistake: the step x ± h, along (1, 1, ...), not along v
    x = np.asarray(x, dtype=float)
    return (np.asarray(f(x + h), dtype=float) - np.asarray(f(x - h), dtype=float)) / (2 * h)


def _step_v_jvp(f, x, v, h):  # a known mistake (a student read): the step is v itself, h left out of it
    x, v = np.asarray(x, dtype=float), np.asarray(v, dtype=float)
    return (np.asarray(f(x + v), dtype=float) - np.asarray(f(x - v), dtype=float)) / (2 * h)


def _unit_v_jvp(f, x, v, h):  # a known mistake: v scaled to length 1 first, as a direction in 05 was
    v = np.asarray(v, dtype=float)
    return _jvp(f, x, v / np.linalg.norm(v), h)


def _columns_jvp(f, x, v, h):  # a known mistake: all of J, column by column with the step h, then J·v
    x, v = np.asarray(x, dtype=float), np.asarray(v, dtype=float)
    columns = [_jvp(f, x, e, h) for e in np.eye(x.size)]
    return np.column_stack(columns) @ v


def _own_step_jvp(f, x, v, h):  # a known mistake: a tiny step of one's own in place of the h given
    return _jvp(f, x, v, 1e-6)


#: Mistakes found by a student read, with their hints.
STUDENT_READ_MISTAKES = (
    (_unit_v_jvp, "Your function scales v to length 1 first. J·v takes v as it is given: J·(2v) is "
                  "2·J·v. (The slope along u in 05 needed a unit vector; J·v does not.)"),
    (_columns_jvp, "Your function builds all of J, one column per input, and then multiplies by v: "
                   "that costs two evaluations per input, and with a large h it is a different "
                   "estimate. Step along v itself: f(x + h·v) and f(x − h·v), two evaluations in all."),
    (_own_step_jvp, "Your function uses a step of its own, not the h it is given: the checker passes "
                    "h = 0.1 in one case, where the estimate differs from J·v. Use h in x ± h·v and in "
                    "the 2h you divide by."),
)

#: The size r at which the largest gap reaches 0.001: the gap is exactly r², so r = √0.001 = 0.03162.
GAP_RADIUS = 0.001**0.5

JVP_CASES = (
    (Shown("f(p) = [p[0]**2 + p[1], p[0] * p[1]]", lambda p: np.array([p[0] ** 2 + p[1], p[0] * p[1]])),
     [3.0, 2.0], [0.1, 0.2], 1e-3),
    (Shown("f(p) = [sin(p[0]) * p[1], exp(p[1]), p[0] - p[1]**3]",
            lambda p: np.array([np.sin(p[0]) * p[1], np.exp(p[1]), p[0] - p[1] ** 3])),
     [0.4, -1.1], [1.0, 2.0], 1e-4),
    (Shown("f(p) = [p[0] * p[1] * p[2], p[0]**3]", lambda p: np.array([p[0] * p[1] * p[2], p[0] ** 3])),
     [1.0, 2.0, -1.0], [0.5, -1.0, 2.0], 0.1),
)

register(
    Exercise(
        "06.jacobian",
        Array(((1.0, 2.0), (1.0, 2.0)), mistakes=(
            (((1.0, 1.0), (2.0, 2.0)), "Rows are outputs, columns are inputs: transpose."),
            (((2.0, 1.0), (1.0, 2.0)), "Check the first row: ∂(x₁x₂)/∂x₁ holds x₂ fixed and leaves x₂ = 1, "
                                       "and ∂(x₁x₂)/∂x₂ leaves x₁ = 2."),
            (((2.0, 1.0), (1.0, 4.0)), "That is J at (x₁, x₂) = (1, 2); the point is x₁ = 2, x₂ = 1."),
            (((1.0, 2.0), (1.0, 1.0)), "Check the last entry: ∂(x₁ + x₂²)/∂x₂ = 2x₂, and the 2 stays."),
            (((2.0, 1.0), (2.0, 1.0)), "Your columns are swapped: column 1 holds the derivatives with respect to x₁, "
                                       "column 2 those with respect to x₂."),
        )),
        "Row j holds the partial derivatives of output j, one column per input.",
        solution=((1.0, 2.0), (1.0, 2.0)),
    ),
    Exercise(
        "06.predicted-change",
        Array((0.6, 0.2), mistakes=(((0.6, 0.1), "Multiply J by Δx row by row: row 2 is (2, 3)."),
                                    ((0.1, 0.3), "Δx = (0.1, 0) nudges x₁ only, so the column of J that belongs "
                                                 "to x₁ is the one that counts."),
                                    ((0.8, 0.8), "That is the worked example's prediction, for a nudge that moves "
                                                 "x₂ too; here Δx = (0.1, 0): x₂ does not move."),
                                    ((0.61, 0.2), "That is the true change f(3.1, 2) − f(3, 2); the question asks "
                                                  "for the Jacobian's prediction J·Δx, without the Δx₁² term."),
                                    ((6.0, 2.0), "That is J's first column on its own: multiply it by the nudge "
                                                 "Δx₁ = 0.1."),
                                    ((-0.6, -0.2), "Every entry has the wrong sign: the nudge Δx₁ is positive, "
                                                   "and so is every entry of J's first column."),
                                    ((11.6, 6.2), "That is the predicted new output f(3, 2) + J·Δx; the question "
                                                  "asks for the change J·Δx alone."))),
        "The prediction is the matrix-vector product J·Δx.",
        solution=(0.6, 0.2),
    ),
    Exercise(
        "06.gap-radius",
        # centred on the answer, GAP_RADIUS, so that "±0.0015" holds on both sides
        # (it was 0.03 to 0.033: 0.0302 passed 0.0014 below the answer, 0.0332 was refused 0.0016 above it)
        Interval(GAP_RADIUS - 0.0015, GAP_RADIUS + 0.0015, mistakes=(
            (0.0009, 0.0011, "That would be right if the gap shrank in proportion to r. It shrinks like r²: "
                             "check the read-out at your r."),
            (0.09, 0.11, "At r = 0.1 the largest gap is 0.01, ten times too large."),
            (0.0332, 0.09, "At that r the largest gap is still above 0.001: read it in the read-out."),
            (1e-9, 0.0301, "At that r the gap is below 0.001, but a larger r is too: grow r until the gap reaches 0.001."),
        )),
        "Move the size r and read the largest gap each time.",
        solution=10**-1.5,
    ),
    Exercise(
        "06.jvp",
        Function(_jvp, JVP_CASES, digits=6, signature="jvp(f, x, v, h)",
                 mistakes=((_forward_jvp, "Your function steps from x to x + h·v only (a forward difference): "
                                          "step to x − h·v as well, so that the errors of the two sides cancel."),
                           (_over_h_jvp, "Your answer is twice J·v: from x − h·v to x + h·v the step is 2h."),
                           (_precedence_jvp, "Your answer is J·v times h²: Python reads `/ 2*h` as `/ 2` and then "
                                             "`* h`. Write `/ (2*h)`, with brackets."),
                           (_along_ones, "Your function steps along (1, 1, ...): x + h adds h to every entry. "
                                         "The step must go along v: x + h·v."),
                           (_step_v_jvp, "Your function steps by v itself, x + v and x − v, but divides by 2h: the "
                                         "step must be h·v, x + h·v and x − h·v, so that it is small."),
                           *STUDENT_READ_MISTAKES)),
        "Step from x by +h·v and by −h·v, and divide the change in f by 2h.",
        solution=_jvp,
    ),
)
