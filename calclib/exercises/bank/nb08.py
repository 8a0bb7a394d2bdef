"""Exercises of 08_matrix_calculus.ipynb (keys "08.name"; the answer variable is the name with _ for -)."""
from .. import Array, Choice, Exercise, Number, register

register(
    Exercise(
        "08.linear",
        Array((1.0, -2.0, 5.0), mistakes=(((-1.0, 2.0, -5.0), "Every entry has the wrong sign: ∂(a_k x_k)/∂x_k = +a_k."),
                                          ((1.0, 2.0, 5.0), "Check the sign of the second entry: a₂ = −2, and the "
                                                            "slope along x₂ is a₂ itself, sign included."))),
        "The gradient of aᵀx is a itself, wherever you are.",
        solution=(1.0, -2.0, 5.0),
    ),
    Exercise(
        "08.quadratic",
        Array((6.0, 5.0), mistakes=(((8.0, 4.0), "2Ax is the rule only for symmetric A; use (A + Aᵀ)x."),
                                    ((4.0, 2.0), "Ax is half of the symmetric case, and A is not symmetric here."),
                                    ((4.0, 6.0), "That is 2Aᵀx, the same slip as 2Ax from the other side: the gradient "
                                                 "takes A once and Aᵀ once, (A + Aᵀ)x."),
                                    ((2.0, 3.0), "That is Aᵀx alone: the gradient adds Ax, (A + Aᵀ)x = Ax + Aᵀx."),
                                    ((4.0, 3.0), "A + Aᵀ doubles the diagonal too: its diagonal entries are "
                                                 "2a₁₁ and 2a₂₂, not a₁₁ and a₂₂."),
                                    ((-6.0, -5.0), "Every entry has the wrong sign: the gradient is +(A + Aᵀ)x."))),
        "∇(xᵀAx) = (A + Aᵀ)x.",
        solution=(6.0, 5.0),
    ),
    Exercise(
        "08.norm",
        Array((0.0, -1.0), mistakes=(((0.0, -4.0), "That is the gradient of ‖x‖², not of ‖x‖."),
                                     ((0.0, -2.0), "That is x itself: divide it by its length ‖x‖ = 2."),
                                     ((0.0, -0.5), "That is x/‖x‖², divided by the squared length 4: divide by the "
                                                   "length ‖x‖ = 2 itself."),
                                     ((0.0, 1.0), "That points toward the origin: ‖x‖ grows fastest straight away "
                                                  "from it, along +x/‖x‖."))),
        "∇‖x‖ = x / ‖x‖: a unit vector pointing away from the origin.",
        solution=(0.0, -1.0),
    ),
)

register(
    Exercise(
        "08.keep-s",
        Number(3.0, unit=0.1,
               mistakes=((-3.0, "That keeps a12 − a21 (the antisymmetric part K) as it was; S sees a12 + a21."),
                         (-1.0, "That makes A symmetric, but S's off-diagonal entry (a12 + a21)/2 becomes −1, "
                                "not 1: the right-hand map changes."),
                         (0.0, "That is where a21 started; with a12 moved to −1, a21 has to move too."),
                         (2.0, "2 is the sum a12 + a21 to keep, not a21 itself."))),
        "S = (A + Aᵀ)/2 depends on the off-diagonal entries only through a12 + a21.",
        solution=3.0,
    ),
    Exercise(
        "08.why-symmetric",
        Choice(
            {"a": "∂(xᵀAx)/∂x_k collects a_kj x_j from row k of A and a_ik x_i from column k, that is "
                  "(Ax)_k + (Aᵀx)_k; the two are equal, and the sum is 2(Ax)_k, only when A = Aᵀ.",
             "b": "2Ax is right for every A; it only looks wrong because central differences are inaccurate "
                  "for a matrix that is not symmetric.",
             "c": "2Ax is the gradient of xᵀAᵀx, which differs from xᵀAx when A is not symmetric.",
             "d": "The antisymmetric part K of A changes the value of xᵀAx, and with it the gradient."},
            correct="a",
            why_wrong={
                "b": "The central differences in the notebook agree with (A + Aᵀ)x = (4, 8), and so does sympy's "
                     "exact expansion; 2Ax = (6, 6) disagrees with both.",
                "c": "xᵀAᵀx is a number, equal to its own transpose xᵀAx: the two functions are the same, with the "
                     "same gradient (A + Aᵀ)x.",
                "d": "xᵀKx = 0 for every x (the check with 1000 random points above), so K changes neither the values "
                     "nor the gradient; it changes only the wrong formula 2Ax, by 2Kx.",
            },
        ),
        "Write xᵀAx = Σ_i Σ_j a_ij x_i x_j and differentiate with respect to one x_k: where does x_k appear?",
        solution="a",
    ),
)
