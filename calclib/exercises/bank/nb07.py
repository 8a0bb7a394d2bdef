"""Exercises of 07_backprop.ipynb (keys "07.name"; the answer variable is the name with _ for -)."""
from .. import Exercise, Array, Number, register

register(
    Exercise(
        "07.gradient",
        Array((4.0, 8.0), mistakes=(((8.0, 4.0), "Check the order: the first entry is ∂L/∂x1."),)),
        "L = 2 x1^2 + 2 x2^2, so ∇L = (4 x1, 4 x2); or pull (2h1, 2h2) back through J^T.",
        solution=(4.0, 8.0),
        answer_name="loss_gradient",
    ),
    Exercise(
        "07.dy-dv",
        Number(0.7310585786, digits=4, mistakes=((0.5898358, "That is dy/dw; y = v·h, so dy/dv is h itself."),)),
        "y = v · h with h = σ(w x + b): dy/dv = h = σ(1).",
        solution=0.7310585786300049,
    ),
    Exercise(
        "07.passes",
        Number(1, mistakes=((1000, "That is forward mode: one pass per weight."),)),
        "Reverse mode starts from the single output and reaches every input in one walk.",
        solution=1,
    ),
)
