"""Exercises of 09_activations.ipynb (keys "09.name"; the answer variable is the name with _ for -)."""
from .. import Exercise, Number, register

register(
    Exercise(
        "09.sigmoid-slope",
        Number(0.25, mistakes=((0.5, "0.5 is σ(0) itself; the slope is σ(0)(1 - σ(0))."),)),
        "σ'(x) = σ(x)(1 - σ(x)), and σ(0) = 1/2.",
        solution=0.25,
    ),
    Exercise(
        "09.tanh-slope",
        Number(0.41997434161402614, digits=4,
               mistakes=((0.7615941559557649, "That is tanh(1); the slope is 1 - tanh(1)²."),)),
        "tanh'(x) = 1 - tanh(x)².",
        solution=0.41997434161402614,
    ),
    Exercise(
        "09.sigmoid-depth",
        Number(0.25**10, digits=4, mistakes=((2.5, "Gains multiply through layers; they do not add."),)),
        "Each sigmoid layer multiplies the gradient by at most 0.25; ten layers multiply ten times.",
        solution=0.25**10,
    ),
)
