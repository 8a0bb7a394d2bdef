"""Exercises of 05_gradients.ipynb (keys "05.name"; the answer variable is the name with _ for -)."""
from .. import Exercise, Array, Number, register

register(
    Exercise(
        "05.gradient",
        Array((4.0, 13.0), mistakes=(((2.0, 12.0), "Hold y fixed for ∂f/∂x: x^2 y gives 2xy, not 2x."),)),
        "∂/∂x (x^2 y + y^3) = 2xy and ∂/∂y (x^2 y + y^3) = x^2 + 3y^2; evaluate at (1, 2).",
        solution=(4.0, 13.0),
    ),
    Exercise(
        "05.directional",
        Number(14 / 2**0.5, digits=4, mistakes=((14, "u must be a unit vector: divide (1, 1) by its length √2."),)),
        "D_u f = ∇f · u with ∇f = (6, 8) at (3, 4) and u = (1, 1)/√2.",
        solution=14 / 2**0.5,
    ),
    Exercise(
        "05.descent-direction",
        Array((-0.6, -0.8), digits=4, mistakes=(((0.6, 0.8), "That is the way up. Descent goes against the gradient."),
                                                    ((-6.0, -8.0), "Right direction; now make it a unit vector."))),
        "Steepest descent is -∇f / |∇f|.",
        solution=(-0.6, -0.8),
    ),
)
