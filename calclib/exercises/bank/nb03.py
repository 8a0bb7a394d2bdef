"""Exercises of 03_chain_rule.ipynb (keys "03.name"; the answer variable is the name with _ for -)."""
from .. import Exercise, Number, register

register(
    Exercise(
        "03.cubed-chain",
        Number(294, mistakes=((147, "You have the outer gain; multiply by the inner gain d(2x + 5)/dx as well."),
                              (343, "That is the value of (2x + 5)^3 at 1, not its slope."))),
        "Write y = u^3 with u = 2x + 5: the gains are 3u^2 and 2.",
        solution=294,
    ),
    Exercise(
        "03.neuron-gradient",
        Number(1.1796716, digits=4, mistakes=((0.5898358, "Through z = w x + b, dz/dw is x = 2: one more factor."),
                                                  (4.3863515, "Use the derivative of σ, σ(z)(1 - σ(z)), not σ itself."))),
        "dy/dw = v · σ'(w x + b) · x, with σ'(z) = σ(z) (1 - σ(z)).",
        solution=6 * 0.19661193324148185,
    ),
    Exercise(
        "03.gain-product",
        Number(6, mistakes=((5, "Gains along a chain multiply; they do not add."),)),
        "A nudge is doubled by the first link, then that doubled nudge is tripled by the second.",
        solution=6,
    ),
)
