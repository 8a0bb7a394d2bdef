"""Exercises of 04_differentiation_rules.ipynb (keys "04.name"; the answer variable is the name with _ for -)."""
import sympy as sp

from .. import Choice, Exercise, Expression, Interval, Number, register

x = sp.Symbol("x")
#: The dx at which the corner is 1 % of the growth at x = 1 (0.99 dx² + 1.96 dx = 0.05).
CORNER_DX = 0.02519

register(
    Exercise(
        "04.product-expression",
        Expression(2 * x * sp.sin(x) + x**2 * sp.cos(x),
                   mistakes=((2 * x * sp.cos(x), "You multiplied the two derivatives, f'·g'. The product rule adds two "
                                                 "terms, one for each strip of the rectangle."),
                             (2 * x * sp.sin(x), "That is only the change through f (the right strip, f'·g). "
                                                 "The change through g is missing."),
                             (x**2 * sp.cos(x), "That is only the change through g (the top strip, f·g'). "
                                                "The change through f is missing."),
                             (2 * x * sp.sin(x) - x**2 * sp.cos(x),
                              "The product rule adds its two terms, f'·g + f·g' (two strips that both grow the "
                              "rectangle); the minus sign belongs to the quotient rule."),
                             (x**2 * sp.sin(x), "That is x² sin x itself, the function, not its derivative."),
                             (2 * x * sp.sin(x) * sp.cos(x),
                              "That multiplies f'·g by g' (2x · sin x · cos x): the product rule adds its two "
                              "products, f'·g + f·g', it does not multiply them together."))),
        "Name f and g, differentiate each on its own, then combine them with the product rule.",
        solution=sp.diff(x**2 * sp.sin(x), x),
    ),
    Exercise(
        "04.quotient-value",
        Number(0.25, mistakes=((0.75, "The numerator of the quotient rule has a minus sign between its two terms."),
                               (1, "f'/g' is not the derivative of f/g."),
                               # before the general "wrong sign" (found by a student read): -0.25 is (fg' − f'g)/g²
                               (-0.25, "The numerator is in the wrong order: it is f'g − fg', f' first "
                                       "(here 1·2 − 1·1), not fg' − f'g."),
                               (0.5, "0.5 is x/(x + 1) itself at x = 1, not its slope; it is also what you get "
                                     "dividing by g(1) = 2 instead of g squared, g(1)² = 4."),
                               (0, "The numerator f'g − fg' is not 0 here: at x = 1 it is 1·2 − 1·1 = 1 "
                                   "(g(1) = 1 + 1 = 2, while f'(1) = g'(1) = 1)."))),
        "Name f and g, find f' and g', then use the quotient rule and put x = 1 at the end.",
        solution=0.25,
    ),
    Exercise(
        "04.corner-dx",
        # centred on the answer, the dx where the share is 1 % (CORNER_DX), so
        # that "±0.0008" holds on both sides (it was 0.024 to 0.0256: 0.024 passed 0.0012 below the answer)
        Interval(CORNER_DX - 0.0008, CORNER_DX + 0.0008, mistakes=(
            (CORNER_DX + 0.0008, 0.5, "At that dx the corner is still more than 1 % of the growth: look at the share in the "
                          "read-out, or where the marker sits against the dotted 1 % line."),
            (1e-6, CORNER_DX - 0.0008, "At that dx the corner is under 1 %, but a larger dx is too: keep growing dx until the "
                          "marker reaches the dotted line."),
            (0.9, 1.1, "1 % is the corner's share of the growth, the line the marker must reach; the answer is "
                       "the dx at which it gets there, a number well below 0.1."),
            (1.5, 3.5, "dx is a small step: the slider starts at 0.1 and the answer is below that. Enter dx "
                       "as the slider shows it, not as a percentage and not without its power of ten."),
        )),
        "At x = 1 move only dx, and read the corner's share in the read-out each time.",
        solution=10**-1.6,
    ),
    Exercise(
        "04.why-no-corner",
        Choice(
            {"a": "The corner is zero: the rectangle grows only along its two edges.",
             "b": "The corner is about f'·g'·dx², so even after dividing by dx it is about f'·g'·dx, which goes to 0.",
             "c": "The corner is counted once in each strip, and the two copies cancel.",
             "d": "The corner is negative, and it cancels part of the strips."},
            "b",
            {"a": "The corner is 0.207 at dx = 0.3: it is small, not zero.",
             "c": "The strips f·Δg and g·Δf do not overlap the corner: nothing is counted twice, so nothing cancels.",
             "d": "When f and g grow, every piece, the corner too, is positive. The corner drops out "
                  "for its size, not its sign."},
        ),
        "Compare how fast each piece shrinks as dx shrinks.",
        solution="b",  # no wrong-answer text may contain the letter b (tests/test_exercises.py)
    ),
)
