"""Exercises of 08_matrix_calculus.ipynb (keys "08.name"; the answer variable is the name with _ for -)."""
from .. import Exercise, Array, register

register(
    Exercise(
        "08.linear",
        Array((1.0, -2.0, 5.0)),
        "The gradient of aᵀx is a itself, wherever you are.",
        solution=(1.0, -2.0, 5.0),
    ),
    Exercise(
        "08.quadratic",
        Array((6.0, 5.0), mistakes=(((8.0, 4.0), "2Ax is the rule only for symmetric A; use (A + Aᵀ)x."),
                                    ((4.0, 2.0), "Ax is half of the symmetric case, and A is not symmetric here."))),
        "∇(xᵀAx) = (A + Aᵀ)x.",
        solution=(6.0, 5.0),
    ),
    Exercise(
        "08.norm",
        Array((0.0, -1.0), mistakes=(((0.0, -4.0), "That is the gradient of ‖x‖², not of ‖x‖."),)),
        "∇‖x‖ = x / ‖x‖: a unit vector pointing away from the origin.",
        solution=(0.0, -1.0),
    ),
)
