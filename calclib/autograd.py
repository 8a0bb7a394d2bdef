"""A small reverse-mode automatic differentiation engine, written to be read.

Every operation records its parents *in order* and the local derivative of its output
with respect to each parent, at the moment it is computed. ``backward`` then walks the
graph from the output back to the inputs, multiplying along edges and adding where paths
meet, and returns the whole walk as data (a :class:`Trace`), so a notebook can show it
step by step. Used in: 07_backprop.ipynb, 10_softmax.ipynb.

>>> x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
>>> h1, h2 = (x1 + x2).named("h1"), (x1 - x2).named("h2")
>>> L = (h1**2 + h2**2).named("L")
>>> trace = L.backward()
>>> L.data, x1.grad, x2.grad
(20.0, 12.0, 4.0)
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from .tables import MINUS, Table, fmt, fmt_minus


LARGEST = 1.7976931348623157e308


def _node(op, data, parents, local_grads, what):
    """A new node, or a clear error when the value or a local derivative is not a finite float."""
    if isinstance(data, complex):
        raise ValueError(f"{what} is not a real number")
    if not math.isfinite(data):
        raise OverflowError(f"{what} overflows: the result is beyond the largest float (about 1.8e308)")
    for g in local_grads:
        if not math.isfinite(g):
            raise OverflowError(f"{what} has a local derivative too large for a float")
    return Value(data, parents=parents, local_grads=local_grads, op=op)


def _guard(fn, what):
    """Run a math-module call; turn its bare "math range error" into a message naming the operation."""
    try:
        return fn()
    except OverflowError:
        raise OverflowError(f"{what} overflows: the result is beyond the largest float (about 1.8e308)") from None


class Value:
    """A scalar in a computation graph: its value, where it came from, and (after backward) its gradient."""

    __slots__ = ("data", "parents", "local_grads", "op", "label", "grad")

    def __init__(self, data, label: str = "", *, parents=(), local_grads=(), op: str = "input"):
        if isinstance(data, bool) or not isinstance(data, numbers.Real):
            raise TypeError(f"`data` must be a real number, got {type(data).__name__}")
        if not math.isfinite(data):
            raise ValueError(f"`data` must be finite, got {data}")
        if not isinstance(label, str):
            raise TypeError(f"`label` must be text, got {type(label).__name__}")
        self.data = float(data)
        self.label = label
        self.parents = tuple(parents)
        self.local_grads = tuple(float(g) for g in local_grads)
        self.op = op
        self.grad = 0.0

    def named(self, label: str) -> "Value":
        """Give this node a name for traces and drawings; returns the node itself."""
        if not isinstance(label, str):
            raise TypeError(f"`label` must be text, got {type(label).__name__}")
        self.label = label
        return self

    def __repr__(self) -> str:
        name = self.label or self.op
        return f"Value({name} = {fmt(self.data, 8)}, grad = {fmt(self.grad, 8)})"

    # ---- operations: each returns a new node with its parents and local derivatives ----
    @staticmethod
    def _lift(other):
        """A Value for ``other``; NotImplemented for what is not a real number (Python then says so)."""
        if isinstance(other, Value):
            return other
        if isinstance(other, bool) or not isinstance(other, numbers.Real):
            return NotImplemented
        if not math.isfinite(other):
            raise ValueError(f"a constant in an expression must be finite, got {other}")
        return Value(other, fmt(other), op="constant")

    def _name(self) -> str:
        return self.label or fmt(self.data, 6)

    def __add__(self, other):
        other = self._lift(other)
        if other is NotImplemented:
            return other
        return _node("+", self.data + other.data, (self, other), (1.0, 1.0), f"{self._name()} + {other._name()}")

    def __mul__(self, other):
        other = self._lift(other)
        if other is NotImplemented:
            return other
        return _node("×", self.data * other.data, (self, other), (other.data, self.data),
                     f"{self._name()} × {other._name()}")

    def __pow__(self, k):
        if isinstance(k, Value):
            return self._power(k)
        if isinstance(k, bool) or not isinstance(k, numbers.Real):
            return NotImplemented
        k = float(k)
        if not math.isfinite(k):
            raise ValueError(f"the exponent must be finite, got {k}")
        what = f"{self._name()} ** {fmt(k)}"
        if k == 0:  # x**0 = 1 for every x, 0**0 included (the convention of Python and numpy); its slope is 0
            return Value(1.0, parents=(self,), local_grads=(0.0,), op=f"^{fmt(k)}")
        if self.data == 0 and k < 0:
            raise ZeroDivisionError(f"{what} divides by zero: 0 to a negative power is undefined")
        if self.data == 0 and k < 1:
            raise ValueError(f"{what} has no finite derivative at 0 (its slope k·x^(k-1) is infinite there)")
        if self.data < 0 and not k.is_integer():
            raise ValueError(f"{what}: a negative number to a non-whole power is not a real number")
        try:
            value, local = self.data**k, k * self.data ** (k - 1)
        except (OverflowError, ZeroDivisionError):
            raise OverflowError(f"{what} overflows: the result is beyond the largest float (about 1.8e308)") from None
        return _node(f"^{fmt(k)}", value, (self,), (local,), what)

    def _power(self, k):
        """a ** b for a Value exponent: e^(b ln a), which needs a > 0."""
        what = f"{self._name()} ** {k._name()}"
        if self.data <= 0:
            raise ValueError(f"{what}: a power with a Value exponent needs a positive base, got {fmt(self.data)}")
        value = _guard(lambda: self.data**k.data, what)
        local = _guard(lambda: k.data * self.data ** (k.data - 1), what)
        return _node("^", value, (self, k), (local, value * math.log(self.data)), what)

    def __rpow__(self, base):
        base = self._lift(base)
        if base is NotImplemented:
            return base
        return base._power(self)

    def __neg__(self):
        return Value(-self.data, parents=(self,), local_grads=(-1.0,), op="neg")

    def __sub__(self, other):
        other = self._lift(other)
        if other is NotImplemented:
            return other
        return _node("−", self.data - other.data, (self, other), (1.0, -1.0), f"{self._name()} − {other._name()}")

    def __truediv__(self, other):
        other = self._lift(other)
        if other is NotImplemented:
            return other
        if other.data == 0:
            if other.op == "constant":
                raise ZeroDivisionError(f"division by zero: {self._name()} / 0 divides by the constant 0")
            raise ZeroDivisionError(f"division by zero: the divisor {other._name()} is a Value equal to 0")
        q = self.data / other.data
        return _node("÷", q, (self, other), (1 / other.data, -q / other.data), f"{self._name()} ÷ {other._name()}")

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        other = self._lift(other)
        return other if other is NotImplemented else other - self

    def __rtruediv__(self, other):
        other = self._lift(other)
        return other if other is NotImplemented else other / self

    def __abs__(self):
        """|x|; its derivative at exactly 0 is taken as 0 (as for relu)."""
        sign = 1.0 if self.data > 0 else -1.0 if self.data < 0 else 0.0
        return Value(abs(self.data), parents=(self,), local_grads=(sign,), op="abs")

    def exp(self):
        e = _guard(lambda: math.exp(self.data), f"exp({fmt(self.data)})")
        return _node("exp", e, (self,), (e,), f"exp({fmt(self.data)})")

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log needs a positive input, got {fmt(self.data)}")
        return _node("log", math.log(self.data), (self,), (1 / self.data,), f"log({fmt(self.data)})")

    def sqrt(self):
        if self.data < 0:
            raise ValueError(f"sqrt needs an input of at least 0, got {fmt(self.data)}")
        if self.data == 0:
            raise ValueError("sqrt has no finite derivative at 0 (its slope 1/(2√x) is infinite there)")
        r = math.sqrt(self.data)
        return _node("sqrt", r, (self,), (0.5 / r,), f"sqrt({fmt(self.data)})")

    def sin(self):
        return Value(math.sin(self.data), parents=(self,), local_grads=(math.cos(self.data),), op="sin")

    def cos(self):
        return Value(math.cos(self.data), parents=(self,), local_grads=(-math.sin(self.data),), op="cos")

    def tan(self):
        t = math.tan(self.data)
        return _node("tan", t, (self,), (1 + t * t,), f"tan({fmt(self.data)})")

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, parents=(self,), local_grads=(1 - t * t,), op="tanh")

    def sigmoid(self):
        z = self.data
        e = math.exp(-abs(z))  # never overflows; σ'(z) = e / (1 + e)² keeps its digits in the tails
        s = 1 / (1 + e) if z >= 0 else e / (1 + e)
        return Value(s, parents=(self,), local_grads=(e / (1 + e) ** 2,), op="σ")

    def relu(self):
        """max(0, x); its derivative at exactly 0 is taken as 0."""
        return Value(max(0.0, self.data), parents=(self,), local_grads=(1.0 if self.data > 0 else 0.0,), op="relu")

    # ---- the backward pass ----
    def graph(self) -> list:
        """Every node this one depends on, inputs first (a deterministic topological order).

        Iterative (an explicit stack), so a graph of any depth works: no recursion limit.
        """
        order, seen = [], {id(self)}
        stack = [(self, iter(self.parents))]
        while stack:
            node, parents = stack[-1]
            for parent in parents:
                if id(parent) not in seen:
                    seen.add(id(parent))
                    stack.append((parent, iter(parent.parents)))
                    break
            else:
                stack.pop()
                order.append(node)
        return order

    def backward(self) -> "Trace":
        """Gradients of this node with respect to every node below it, recomputed from scratch.

        Each node's ``grad`` is reset first, so calling backward twice gives the same result.
        The walk is a loop over the topological order: no recursion, any depth.
        """
        order = self.graph()
        names = _names(order)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        steps = []
        for node in reversed(order):
            edges = []
            for parent, local in zip(node.parents, node.local_grads):
                contribution = node.grad * local
                parent.grad += contribution
                edges.append(Edge(names[id(parent)], local, contribution))
            steps.append(Step(names[id(node)], node.op, node.data, node.grad, tuple(edges)))
        for node in order:
            if not math.isfinite(node.grad):
                raise OverflowError(f"the gradient at {names[id(node)]} overflows a float: the local "
                                    "derivatives along some path multiply beyond 1.8e308")
        return Trace(tuple(steps), {names[id(n)]: n.grad for n in order}, names_in_order=tuple(names[id(n)] for n in order))


_RANK = {"+": 1, "−": 1, "×": 2, "÷": 2}  # how tightly an operation of two binds
#: How a name writes an operation where its sign would mislead: a product is x1·x2, since x1×x2 reads as
#: "x1xx2" in a monospace table or read-out (a student read found it).
_IN_NAMES = {"×": "·"}


def _names(order) -> dict:
    """A readable, unique name for every node: its label, or an expression built from its parents' names."""
    names, used, compound = {}, set(), {}  # compound: node id -> the operation its name ends with
    for node in order:  # parents come first, so their names are known
        args = [names[id(p)] for p in node.parents]
        if node.label:
            name = node.label
        elif not args:  # an unnamed input: call it by its value (−2 with a minus sign, as read-outs write it)
            name = fmt_minus(node.data, 4)
        elif len(args) == 2:
            # a parent named by an operation of two goes in brackets where it would read otherwise:
            # (x1+x2)·c, a−(b+c); a+b+c and a·b+c need none (left to right, · before +)
            rank = _RANK.get(node.op, 3)
            left, right = (compound.get(id(p)) for p in node.parents)
            if left is not None and _RANK.get(left, 3) < rank:
                args[0] = f"({args[0]})"
            if right is not None and _RANK.get(right, 3) <= rank:
                args[1] = f"({args[1]})"
            name = f"{args[0]}{_IN_NAMES.get(node.op, node.op)}{args[1]}"
            compound[id(node)] = node.op
        elif node.op.startswith("^"):  # a power binds tightest: (x1+x2)^2, not x1+x2^2
            power = node.op.replace("-", MINUS)  # x^−1
            name = f"({args[0]}){power}" if id(node.parents[0]) in compound else f"{args[0]}{power}"
        else:
            name = f"{node.op}({args[0]})"
        if len(name) > 14:  # deep graphs: names built from names would grow without bound
            name = f"{_IN_NAMES.get(node.op, node.op)}#{len(names)}"
            compound.pop(id(node), None)
        primed = name
        for _ in range(3):  # a few repeats get primes: x, x', x'' ...
            if primed not in used:
                break
            primed += "'"
        name = primed if primed not in used else f"{name}#{len(names)}"  # ... then a number: unique, O(1)
        while name in used:
            name += "#"
        used.add(name)
        names[id(node)] = name
    return names


@dataclass(frozen=True)
class Edge:
    """One edge walked backwards: to ``parent``, with its local derivative and what it passes on."""

    parent: str
    local: float
    contribution: float


@dataclass(frozen=True)
class Step:
    """One node of the backward pass: its gradient (complete by now) and the edges it sends it along."""

    node: str
    op: str
    value: float
    grad: float
    edges: tuple


@dataclass(frozen=True)
class Trace:
    """The backward pass as data: one step per node, output first."""

    steps: tuple
    gradients: dict
    names_in_order: tuple

    @property
    def multiplications(self) -> int:
        """Local-derivative products the backward pass made: one per edge."""
        return sum(len(s.edges) for s in self.steps)

    def arrivals(self, upto: int | None = None) -> dict:
        """For every node, the contributions that reached it (from steps[:upto]); more than one means paths met."""
        out = {}
        for step in self.steps[:upto]:
            for e in step.edges:
                out.setdefault(e.parent, []).append((step.node, e.contribution))
        return out

    def table(self, upto: int | None = None) -> Table:
        rows = []
        arrivals = self.arrivals()
        for k, step in enumerate(self.steps[:upto]):
            parts = arrivals.get(step.node, [])
            incoming = " + ".join(fmt(c, 6) for _, c in parts) if len(parts) > 1 else ""
            if not step.edges:
                rows.append((k + 1, step.node, step.value, step.grad, incoming, "(an input: nothing further)", ""))
            for j, e in enumerate(step.edges):
                head = (k + 1, step.node, step.value, step.grad, incoming) if j == 0 else ("", "", "", "", "")
                rows.append((*head, f"{step.node} → {e.parent}: local {fmt(e.local, 6)}", e.contribution))
        columns = ["step", "node", "value", "gradient", "sum of arrivals", "edge walked back", "passes on"]
        return Table(columns, rows, digits=6)

    def __repr__(self) -> str:
        return repr(self.table())

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()


def forward_mode_gradient(output: Value, inputs) -> tuple:
    """The same gradient by forward mode: one tangent pass per input.

    Returns (gradient, multiplications); each pass multiplies once per edge of the graph,
    so the work grows with the number of inputs.
    """
    inputs = list(inputs)
    order = output.graph()
    grad, count = [], 0
    for seed in inputs:
        tangent = {id(seed): 1.0}
        for node in order:
            if node.parents:
                total = 0.0
                for parent, local in zip(node.parents, node.local_grads):
                    total += local * tangent.get(id(parent), 0.0)
                    count += 1
                tangent[id(node)] = total
        grad.append(tangent.get(id(output), 0.0))
    return tuple(grad), count


def engine_gradient(fn, point) -> tuple:
    """Evaluate ``fn`` (floats -> Value) at ``point`` with the engine; returns (value, gradient)."""
    if not callable(fn):
        raise TypeError(f"`fn` must be a function of Values, got {type(fn).__name__}")
    point = _point(point)
    inputs = [Value(float(p), f"x{i + 1}") for i, p in enumerate(point)]
    where = "(" + ", ".join(fmt(p, 6) for p in point) + ")"
    try:
        out = fn(*inputs)
    except TypeError as exc:
        raise TypeError(f"`fn` could not be called with {len(inputs)} Values, one per coordinate of `point`: {exc}") from None
    except (ValueError, ArithmeticError) as exc:
        raise type(exc)(f"`fn` fails at `point` = {where}: {exc}") from None
    if not isinstance(out, Value):
        raise TypeError(f"`fn` must return a Value built from its inputs, got {type(out).__name__}")
    out.backward()
    return out.data, tuple(x.grad for x in inputs)


def _point(point) -> list:
    from ._validate import real_array

    arr = real_array(point, "point")
    if arr.ndim != 1 or arr.size == 0 or arr.size > MAX_INPUTS:
        raise ValueError(f"`point` must be a list of 1 to {MAX_INPUTS} numbers, one per input, got shape {arr.shape}")
    return [float(p) for p in arr]


MAX_INPUTS = 1000  # check_gradients and cost_table: forward mode costs n passes, so n is kept small
MAX_COST_SIZE = 2000


def check_gradients(fn, point, *, names=None, h=None) -> Table:
    """The engine's gradient beside a central difference, input by input.

    The central differences are extrapolated over many steps scaled to each input
    (:func:`calclib.differences.derivative`), so they stay accurate far from 0 (x = 1e5) too;
    a step ``h`` of your own gives one plain central difference instead.

    >>> t = check_gradients(lambda a, b: a * b.sin(), [2.0, 0.5])
    >>> [row[-1] for row in t.rows]
    ['yes', 'yes']
    """
    from .differences import central_difference, derivative

    point = _point(point)
    names = [f"x{i + 1}" for i in range(len(point))] if names is None else list(names)
    if len(names) != len(point) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"`names` must be {len(point)} strings, one per input")
    _, grad = engine_gradient(fn, point)
    rows = []
    for i, g in enumerate(grad):
        def along(t, i=i):
            moved = list(point)
            moved[i] = float(t)
            return engine_gradient(fn, moved)[0]

        numeric = float(derivative(along, point[i]) if h is None else central_difference(along, point[i], h))
        agree = abs(g - numeric) <= 1e-6 * max(1.0, abs(g))
        rows.append((names[i], g, numeric, "yes" if agree else "NO"))
    return Table(["input", "engine (backward)", "central difference", "agree to 1e-6"], rows, digits=8)


def cost_table(make_output, sizes) -> Table:
    """Multiplications needed for a full gradient of a function of n inputs, by each mode.

    ``make_output(inputs)`` builds a scalar Value from a list of n input Values.
    Forward mode needs one pass per input; reverse mode needs one pass in all.
    """
    from ._validate import whole_number

    if not callable(make_output):
        raise TypeError(f"`make_output` must be a function of a list of Values, got {type(make_output).__name__}")
    sizes = [whole_number(n, "sizes", high=MAX_COST_SIZE, why=" (forward mode needs n passes)")
             for n in (sizes if isinstance(sizes, (list, tuple, range)) else [sizes])]
    rows = []
    for n in sizes:
        inputs = [Value(0.1 * (i + 1), f"x{i + 1}") for i in range(n)]
        out = make_output(inputs)
        if not isinstance(out, Value):
            raise TypeError(f"`make_output` must return a Value, got {type(out).__name__}")
        reverse = out.backward()
        forward_grad, forward_count = forward_mode_gradient(out, inputs)
        if any(abs(a - b.grad) > 1e-9 * max(1.0, abs(a)) for a, b in zip(forward_grad, inputs)):
            raise AssertionError("forward and reverse mode disagree")  # an engine bug, not user input
        ratio = forward_count / reverse.multiplications if reverse.multiplications else "no edges"
        rows.append((n, reverse.multiplications, forward_count, reverse.multiplications, ratio))
    return Table(["inputs n", "edges in graph", "forward mode (n passes)", "reverse mode (1 pass)", "ratio"], rows, digits=4)
