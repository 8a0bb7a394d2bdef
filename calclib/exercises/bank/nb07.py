"""Exercises of 07_backprop.ipynb (keys "07.name"; the answer variable is the name with _ for -)."""
from .. import Array, Exercise, Function, Number, register


def div_backward(a, b, upstream):
    """The backward rule of q = a / b: what q sends to a and to b when its gradient is ``upstream``."""
    return (upstream / b, -upstream * a / b**2)


# known mistakes of the backward rule of division
def _b_sign(a, b, upstream):
    return (upstream / b, upstream * a / b**2)


def _no_upstream(a, b, upstream):
    return (1 / b, -a / b**2)


def _b_without_a(a, b, upstream):
    return (upstream / b, -upstream / b**2)


def _b_not_squared(a, b, upstream):
    return (upstream / b, -upstream * a / b)


def _swapped(a, b, upstream):
    return (-upstream * a / b**2, upstream / b)


register(
    Exercise(
        "07.gradient",
        Array((4.0, 8.0), mistakes=(((8.0, 4.0), "Check the order: the first entry is ∂L/∂x1."),
                                    ((6.0, 2.0), "That is the gradient at (3, 1), the worked example; "
                                                 "this one asks at (1, 2)."),
                                    ((12.0, 4.0), "That is the gradient at (3, 1), the worked example; "
                                                  "this one asks at (1, 2)."),
                                    ((6.0, -2.0), "That is (2s1, 2s2), the gradient with respect to the layer's "
                                                  "values s; pull it back through Jᵀ to reach x."))),
        "L = 2 x1^2 + 2 x2^2, so ∇L = (4 x1, 4 x2); or pull (2s1, 2s2) back through Jᵀ.",
        solution=(4.0, 8.0),
        answer_name="loss_gradient",
    ),
    Exercise(
        "07.dy-dv",
        Number(0.7310585786, digits=4,
               mistakes=((0.5898358, "That is dy/db (= dy/dz = v·σ'(z)); y = v·a, so dy/dv is a itself."),
                         *((value, "That is dy/dw of notebook 03's neuron (v = 3); here y = v·a, so dy/dv is a "
                                   "itself.") for value in (1.1796716, 1.18)),  # (as worked there, and to 3 figures)
                         (0.5, "σ(0) = 0.5, but the neuron's input is w·x + b = 1, not 0."),
                         (0.1966119, "That is σ'(1), the local derivative of σ; y = v·a, so dy/dv is a = σ(1)."),
                         (2.1931757, "That is y itself; y = v·a, so dy/dv is a, without the factor v."))),
        "y = v · a with a = σ(w x + b): dy/dv = a = σ(1).",
        solution=0.7310585786300049,
    ),
    Exercise(
        "07.passes",
        Number(3, unit=1, mistakes=((1000, "That is forward mode: one pass per input, each giving a column."),
                                    (1, "One backward pass starts from one output; it gives that output's "
                                        "derivatives only. How many outputs are there?"),
                                    (3000, "Each backward pass delivers a whole row: one output's derivatives "
                                           "with respect to all 1000 inputs at once."),
                                    (6, "Count backward passes only: the forward pass that computes the "
                                        "values is shared."))),
        "A backward pass starts from one output and delivers its derivatives with respect to every input: "
        "one row of the Jacobian. Count the rows you need.",
        solution=3,
    ),
    Exercise(
        "07.two-paths",
        Number(72, unit=1,
               mistakes=((48, "That is only the path through x1·x2; x2 also reaches u directly, through the +."),
                         (24, "That is only the direct path x2 → u (or ∂L/∂u itself); x2 also reaches u "
                              "through the product x1·x2."),
                         (96, "That is x1's gradient; read the node x2."),
                         (144, "That is the value of L, not a gradient."),
                         (12, "That is the value of u, not a gradient."))),
        "Two paths leave x2: through x1·x2 (local x1) and straight into u (local 1). Multiply along each, add.",
        solution=72,
    ),
    Exercise(
        "07.div-backward",
        Function(div_backward, cases=((6.0, 3.0, 1.0), (1.0, -2.0, 0.5), (-4.0, 0.5, 2.0), (2.5, 4.0, -3.0),
                                      (7.0, -0.25, 1.5)),
                 digits=6, signature="div_backward(a, b, upstream)",
                 mistakes=((_b_sign, "What your function sends to a is right; what it sends to b has the wrong "
                                     "sign. Write q = a·b⁻¹: what does the power rule give for the derivative of b⁻¹?"),
                           (_no_upstream, "Your function returns the local derivatives themselves. Each parent "
                                          "receives upstream × its local derivative: the gradient that reached q "
                                          "is a factor of both."),
                           (_b_without_a, "What your function sends to b misses a factor: q = a·b⁻¹ depends on b "
                                          "through a·b⁻¹, so ∂q/∂b keeps the a."),
                           (_b_not_squared, "What your function sends to b has the wrong power of b: differentiate "
                                            "b⁻¹ with the power rule."),
                           (_swapped, "Your pair is in the wrong order: first what goes to a, then what goes to b."))),
        "Return a pair: what goes to a, then what goes to b. Write q = a·b⁻¹: for ∂q/∂a, b is a constant "
        "factor; for ∂q/∂b, a is, and b⁻¹ follows the power rule. Each parent receives upstream × its local "
        "derivative.",
        solution=div_backward,
    ),
)
