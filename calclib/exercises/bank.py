"""The exercises of every notebook, keyed "NN.name" by notebook number."""
import sympy as sp

from . import Exercise, Expression, Interval, Number, register

x = sp.Symbol("x")

register(
    # 01_limits
    Exercise(
        "01.quotient-limit",
        Number(4, mistakes=((0, "0/0 at the point itself says nothing about the limit: look near x = 2, not at it."),)),
        "Factor the numerator as a difference of squares and cancel, or read approach_table near 2.",
        solution=4,
    ),
    Exercise(
        "01.root-limit",
        Number(0.5, mistakes=((0, "The numerator and the denominator both shrink to 0; compare how fast."),)),
        "Build a Quotient of np.sqrt(1 + x) - 1 over x and look at its approach table around 0.",
        solution=0.5,
    ),
    Exercise(
        "01.left-limit",
        Number(-1, mistakes=((1, "That is the limit from the right. Which sign does x have just left of 0?"),)),
        "Left of 0, x is negative, so |x| = -x.",
        solution=-1,
    ),
    # 02_derivatives
    Exercise(
        "02.cube-slope",
        Number(12, mistakes=((8, "8 is the value f(2), not its slope."), (4, "That is the slope of x^2 at 2."))),
        "Use the power rule: the derivative of x^3 is 3x^2. Or shrink h in secant_slope.",
        solution=12,
    ),
    Exercise(
        "02.power-rule",
        Expression(4 * x**3, mistakes=((x**3, "Bring the exponent down as a factor."),
                                       (4 * x**4, "Lower the exponent by one."))),
        "d/dx x^n = n x^(n-1).",
        solution=4 * x**3,
    ),
    Exercise(
        "02.best-step",
        Interval(1e-9, 1e-7),
        "Read the bottom of the forward-difference curve in the error plot; error_study(...).best_step('forward') finds it.",
        solution=1e-8,
    ),
)

register(
    # 03_chain_rule
    Exercise(
        "03.cubed-chain",
        Number(294, mistakes=((147, "You have the outer gain; multiply by the inner gain d(2x + 5)/dx as well."),
                              (343, "That is the value of (2x + 5)^3 at 1, not its slope."))),
        "Write y = u^3 with u = 2x + 5: the gains are 3u^2 and 2.",
        solution=294,
    ),
    Exercise(
        "03.neuron-gradient",
        Number(1.1796716, rel_tol=1e-4, mistakes=((0.5898358, "Through z = w x + b, dz/dw is x = 2: one more factor."),
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
    # 04_differentiation_rules
    Exercise(
        "04.product-expression",
        Expression(2 * x * sp.sin(x) + x**2 * sp.cos(x),
                   mistakes=((2 * x * sp.cos(x), "Multiplying the two derivatives is not the product rule: f' g + f g'."),)),
        "Product rule with f = x^2 and g = sin x: f' g + f g'.",
        solution=sp.diff(x**2 * sp.sin(x), x),
    ),
    Exercise(
        "04.quotient-value",
        Number(0.25, mistakes=((0.75, "The numerator of the quotient rule has a minus sign: f' g - f g'."),
                               (1, "f'/g' is not the derivative of f/g."))),
        "Quotient rule with f = x, g = x + 1: (f' g - f g') / g^2, then put x = 1.",
        solution=0.25,
    ),
)

from . import Array  # noqa: E402  (used from here on)

register(
    # 05_gradients
    Exercise(
        "05.gradient",
        Array((4.0, 13.0), mistakes=(((2.0, 12.0), "Hold y fixed for ∂f/∂x: x^2 y gives 2xy, not 2x."),)),
        "∂/∂x (x^2 y + y^3) = 2xy and ∂/∂y (x^2 y + y^3) = x^2 + 3y^2; evaluate at (1, 2).",
        solution=(4.0, 13.0),
    ),
    Exercise(
        "05.directional",
        Number(14 / 2**0.5, rel_tol=1e-4, mistakes=((14, "u must be a unit vector: divide (1, 1) by its length √2."),)),
        "D_u f = ∇f · u with ∇f = (6, 8) at (3, 4) and u = (1, 1)/√2.",
        solution=14 / 2**0.5,
    ),
    Exercise(
        "05.descent-direction",
        Array((-0.6, -0.8), rel_tol=1e-4, mistakes=(((0.6, 0.8), "That is the way up. Descent goes against the gradient."),
                                                    ((-6.0, -8.0), "Right direction; now make it a unit vector."))),
        "Steepest descent is -∇f / |∇f|.",
        solution=(-0.6, -0.8),
    ),
    # 06_jacobian
    Exercise(
        "06.jacobian",
        Array(((1.0, 2.0), (1.0, 2.0)), mistakes=((((1.0, 1.0), (2.0, 2.0)), "Rows are outputs, columns are inputs: transpose."),)),
        "Row j is the gradient of output j: ∇(x1 x2) = (x2, x1) and ∇(x1 + x2^2) = (1, 2 x2).",
        solution=((1.0, 2.0), (1.0, 2.0)),
    ),
    Exercise(
        "06.predicted-change",
        Array((0.6, 0.2), mistakes=(((0.6, 0.1), "Multiply J by dx row by row: row 2 is (2, 3)."),)),
        "Δy ≈ J Δx with J = [[6, 1], [2, 3]] and Δx = (0.1, 0).",
        solution=(0.6, 0.2),
    ),
)

register(
    # 07_backprop
    Exercise(
        "07.gradient",
        Array((4.0, 8.0), mistakes=(((8.0, 4.0), "Check the order: the first entry is ∂L/∂x1."),)),
        "L = 2 x1^2 + 2 x2^2, so ∇L = (4 x1, 4 x2); or pull (2h1, 2h2) back through J^T.",
        solution=(4.0, 8.0),
    ),
    Exercise(
        "07.dy-dv",
        Number(0.7310585786, rel_tol=1e-4, mistakes=((0.5898358, "That is dy/dw; y = v·h, so dy/dv is h itself."),)),
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

register(
    # 08_matrix_calculus
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

register(
    # 09_activations
    Exercise(
        "09.sigmoid-slope",
        Number(0.25, mistakes=((0.5, "0.5 is σ(0) itself; the slope is σ(0)(1 - σ(0))."),)),
        "σ'(x) = σ(x)(1 - σ(x)), and σ(0) = 1/2.",
        solution=0.25,
    ),
    Exercise(
        "09.tanh-slope",
        Number(0.41997434161402614, rel_tol=1e-4,
               mistakes=((0.7615941559557649, "That is tanh(1); the slope is 1 - tanh(1)²."),)),
        "tanh'(x) = 1 - tanh(x)².",
        solution=0.41997434161402614,
    ),
    Exercise(
        "09.sigmoid-depth",
        Number(0.25**10, rel_tol=1e-4, mistakes=((2.5, "Gains multiply through layers; they do not add."),)),
        "Each sigmoid layer multiplies the gradient by at most 0.25; ten layers multiply ten times.",
        solution=0.25**10,
    ),
    # 10_softmax
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
        Array((-2 / 3, 1 / 3, 1 / 3), rel_tol=1e-4,
              mistakes=(((2 / 3, -1 / 3, -1 / 3), "The gradient is p - y, not y - p."),)),
        "With equal logits p = (1/3, 1/3, 1/3); subtract the one-hot target y.",
        solution=(-2 / 3, 1 / 3, 1 / 3),
    ),
)
