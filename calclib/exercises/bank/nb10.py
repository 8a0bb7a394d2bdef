"""Exercises of 10_softmax.ipynb (keys "10.name"; the answer variable is the name with _ for -)."""
from .. import Exercise, Array, Number, register

register(
    Exercise(
        "10.probability",
        Number(0.75, mistakes=((0.25, "That is p1; the question asks for p2."),)),
        "p2 = e^(ln 3) / (e^0 + e^(ln 3)) = 3 / (1 + 3).",
        solution=0.75,
    ),
    Exercise(
        "10.jacobian-entry",
        Number(-0.15, mistakes=((0.15, "Off the diagonal the entry is -p_i p_j: mind the sign."),
                                (0.21, "That is a diagonal entry p_i(1 - p_i); this one is off the diagonal."))),
        "For i ≠ j, ∂p_i/∂z_j = -p_i p_j.",
        solution=-0.15,
    ),
    Exercise(
        "10.cross-entropy-gradient",
        Array((-2 / 3, 1 / 3, 1 / 3), digits=3,
              mistakes=(((2 / 3, -1 / 3, -1 / 3), "The gradient is p - y, not y - p."),)),
        "With equal logits p = (1/3, 1/3, 1/3); subtract the one-hot target y.",
        solution=(-2 / 3, 1 / 3, 1 / 3),
    ),
)
