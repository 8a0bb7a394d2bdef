"""Exercises of 06_jacobian.ipynb (keys "06.name"; the answer variable is the name with _ for -)."""
from .. import Exercise, Array, register

register(
    Exercise(
        "06.jacobian",
        Array(((1.0, 2.0), (1.0, 2.0)), mistakes=((((1.0, 1.0), (2.0, 2.0)), "Rows are outputs, columns are inputs: transpose."),)),
        "Row j is the gradient of output j: ∇(x1 x2) = (x2, x1) and ∇(x1 + x2^2) = (1, 2 x2).",
        solution=((1.0, 2.0), (1.0, 2.0)),
    ),
    Exercise(
        "06.predicted-change",
        Array((0.6, 0.2), mistakes=(((0.6, 0.1), "Multiply J by dx row by row: row 2 is (2, 3)."),)),
        "Δy ≈ J Δx with J = [[6, 1], [2, 3]] and Δx = (0.1, 0).",
        solution=(0.6, 0.2),
    ),
)
