"""Exercises of 09_activations.ipynb (keys "09.name"; the answer variable is the name with _ for -)."""
import math

import numpy as np

from ... import activations as act
from .. import Exercise, Function, Interval, Number, register

SIGMOID_2 = 1 / (1 + math.exp(-2.0))  # σ(2)
SIGMOID_SLOPE_2 = SIGMOID_2 * (1 - SIGMOID_2)  # σ′(2) = σ(2)(1 − σ(2)) ≈ 0.105
SIGMOID_DEPTH = 0.75**10  # ten layers, each multiplying by w·σ'(0) = 3 · 0.25


def _sigmoid_reference(x):
    return act.sigmoid(float(x))


def _textbook_sigmoid(x):  # a known mistake: 1 / (1 + e^(−x)) everywhere, which overflows at x = −1000
    return 1 / (1 + math.exp(-x))


def _both_branches_sigmoid(x):  # a known mistake: np.where computes both forms for every x, so each overflows somewhere
    with np.errstate(over="raise"):
        return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def _other_sigmoid(x):  # a known mistake: e^x / (1 + e^x) everywhere, which overflows at x = 1000
    return math.exp(x) / (1 + math.exp(x))


register(
    Exercise(
        "09.sigmoid-slope",
        Number(SIGMOID_SLOPE_2, mistakes=(
            (SIGMOID_2, "That is σ(2) itself, the height of the curve; the question asks for its slope."),
            (1 - SIGMOID_2, "That is 1 − σ(2) alone; the slope is the product σ(2)(1 − σ(2))."),
            (0.25, "0.25 is the slope at x = 0, where the sigmoid is steepest; at x = 2 it is flatter."),
            (1 - math.tanh(2.0) ** 2, "That is tanh′(2); the sigmoid's derivative is σ(x)(1 − σ(x))."),
            (math.exp(-2.0), "That is e^(−2) alone: the derivative e^(−x)/(1 + e^(−x))² also divides by (1 + e^(−2))²."),
            (-2.0, "Put σ(2) into σ(1 − σ), not the input 2 itself."),
            (act.sigmoid_derivative(3.0), "That is σ′(3), where the explorer starts; the question asks for x = 2."),
        )),
        "Use σ′(x) = σ(x)(1 − σ(x)) with the value of σ(2).",
        solution=SIGMOID_SLOPE_2,
    ),
    Exercise(
        "09.tanh-slope",
        Number(0.41997434161402614, digits=4,
               mistakes=((0.7615941559557649, "That is tanh(1), the height of the curve; the question asks for its slope."),
                         (1 - 0.7615941559557649, "That is 1 − tanh(1): the derivative squares tanh before subtracting."),
                         # the same slip typed to 3 figures (0.238), as read off a calculator
                         (0.238, "That is 1 − tanh(1): the derivative squares tanh before subtracting."),
                         (0.7615941559557649**2, "That is tanh²(1); the slope is 1 minus it, 1 − tanh²(1)."),
                         (1 / math.cosh(1.0), "That is 1/cosh(1); the derivative is 1/cosh²(1), squared."),
                         # the sigmoid's pattern σ(1 − σ) carried over to tanh (a student read of 09)
                         (0.7615941559557649 * (1 - 0.7615941559557649),
                          "That is tanh(1)·(1 − tanh(1)), the sigmoid's pattern σ(1 − σ): tanh′ is 1 − tanh², "
                          "one minus the square, not tanh times (1 − tanh)."))),
        "tanh′(x) = 1 − tanh(x)²: evaluate tanh(1) first.",
        solution=0.41997434161402614,
    ),
    Exercise(
        "09.sigmoid-depth",
        Number(SIGMOID_DEPTH, digits=4, mistakes=(
            (0.25**10, "Your answer is as small as 0.25¹⁰, the chain without weights: each layer also "
                       "multiplies by its weight w = 3."),
            (3 * 0.25, "That is one layer's factor; the gradient passes through ten."),
            (7.5, "Factors multiply through the layers; they do not add."),
            (3.0**10, "Each layer multiplies by w·σ′(0), not by w alone."),
            (0.75**9, "That is the product of nine factors; ten layers multiply ten factors of 0.75."),
            (0.056, "That is the right factor rounded to 2 figures; the question asks for 4 significant figures."),
            (10 * 0.25, "That is 10 × 0.25: factors multiply through the layers; they do not add, and each "
                        "also carries the weight w = 3."),
        )),
        "Each layer multiplies the gradient by w·σ′(z); find that factor at z = 0, then pass through ten layers.",
        solution=SIGMOID_DEPTH,
    ),
    Exercise(
        "09.balanced-weight",
        Interval(3.95, 4.05, mistakes=(
            (0.2, 0.3, "0.25 is σ′(0), the sigmoid's own factor; the question asks for the weight that makes w·σ′(0) equal 1."),
            (0.9, 1.1, "With w = 1 each layer still multiplies by σ′(0) = 0.25: watch the sigmoid line fall."),
            (7.9, 8.1, "With w = 8 each layer doubles the gradient: the sigmoid line climbs. Lower w until it is flat."),
            # near misses: on a log axis of 56 decades a factor of 1.025 per layer looks flat
            (3.5, 3.95, "Close, but each layer still multiplies by w × 0.25, a little below 1: read the sigmoid's "
                        "factor in the read-out, not the slope of the line, and move w until it says exactly 1."),
            (4.05, 4.5, "Close, but each layer still multiplies by w × 0.25, a little above 1: read the sigmoid's "
                        "factor in the read-out, not the slope of the line, and move w until it says exactly 1."),
            (5.0, 5.15, "That w balances the sigmoid at the starting input z = 1 (factor w × 0.197); the "
                        "question asks for z = 0: set z to 0 first."),
        )),
        "Set z = 0 and move w until the read-out gives the sigmoid's factor as 1 (the sigmoid line then lies "
        "flat): every layer multiplies by exactly 1.",
        solution=4.0,
    ),
    Exercise(
        "09.safe-sigmoid",
        Function(_sigmoid_reference, # -20, not -40: the overflow-free forms (1 + tanh(x/2))/2 and 1 − σ(−x) give 0 at −40, where σ
                 # is 4e-18, and are right (the lesson is about overflow, not the last digits of the far tail)
                 cases=((0.0,), (2.5,), (-3.0,), (40.0,), (-20.0,), (1000.0,), (-1000.0,)),
                 digits=6, signature="safe_sigmoid(x)",
                 mistakes=((_textbook_sigmoid, "Your function is right wherever it runs, but for a very negative x "
                                               "it forms e^(−x), which is too large for a float (e^1000). For x < 0 "
                                               "use a form that only ever forms e to a negative power."),
                           (_other_sigmoid, "Your function is right wherever it runs, but for a very large x it "
                                            "forms e^x, which is too large for a float (e^1000). Use the form "
                                            "1 / (1 + e^(−x)) where x ≥ 0, and yours only where x < 0."),
                           (_both_branches_sigmoid, "np.where chooses the right form for each x, but it computes both "
                                                    "forms for every x first, so e^(−x) still overflows at x = −1000 "
                                                    "and e^x at x = 1000. Choose with if x >= 0: ... else: ..., so only "
                                                    "the safe form is ever computed."))),
        "For x < 0 use e^x / (1 + e^x), which equals 1 / (1 + e^(−x)) but never forms e^(−x) for a very negative x.",
        solution=lambda x: act.sigmoid(float(x)),
    ),
)
