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

from .tables import Table, fmt


class Value:
    """A scalar in a computation graph: its value, where it came from, and (after backward) its gradient."""

    __slots__ = ("data", "parents", "local_grads", "op", "label", "grad")

    def __init__(self, data, label: str = "", *, parents=(), local_grads=(), op: str = "input"):
        if isinstance(data, bool) or not isinstance(data, numbers.Real):
            raise TypeError(f"`data` must be a real number, got {type(data).__name__}")
        if not math.isfinite(data):
            raise ValueError(f"`data` must be finite, got {data}")
        self.data = float(data)
        self.label = label
        self.parents = tuple(parents)
        self.local_grads = tuple(float(g) for g in local_grads)
        self.op = op
        self.grad = 0.0

    def named(self, label: str) -> "Value":
        """Give this node a name for traces and drawings; returns the node itself."""
        self.label = label
        return self

    def __repr__(self) -> str:
        name = self.label or self.op
        return f"Value({name} = {fmt(self.data, 8)}, grad = {fmt(self.grad, 8)})"

    # ---- operations: each returns a new node with its parents and local derivatives ----
    @staticmethod
    def _lift(other) -> "Value":
        return other if isinstance(other, Value) else Value(other, fmt(other), op="constant")

    def __add__(self, other):
        other = self._lift(other)
        return Value(self.data + other.data, parents=(self, other), local_grads=(1.0, 1.0), op="+")

    def __mul__(self, other):
        other = self._lift(other)
        return Value(self.data * other.data, parents=(self, other), local_grads=(other.data, self.data), op="×")

    def __pow__(self, k):
        if isinstance(k, Value) or isinstance(k, bool) or not isinstance(k, numbers.Real):
            raise TypeError("the exponent must be a plain number (x ** 2), not a Value")
        if self.data == 0 and k < 1:
            raise ValueError(f"0 ** {k} has no finite derivative")
        return Value(self.data**k, parents=(self,), local_grads=(k * self.data ** (k - 1),), op=f"^{fmt(k)}")

    def __neg__(self):
        return Value(-self.data, parents=(self,), local_grads=(-1.0,), op="neg")

    def __sub__(self, other):
        other = self._lift(other)
        return Value(self.data - other.data, parents=(self, other), local_grads=(1.0, -1.0), op="−")

    def __truediv__(self, other):
        other = self._lift(other)
        if other.data == 0:
            raise ZeroDivisionError("division by a Value that is 0")
        q = self.data / other.data
        return Value(q, parents=(self, other), local_grads=(1 / other.data, -q / other.data), op="÷")

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return self._lift(other) - self

    def __rtruediv__(self, other):
        return self._lift(other) / self

    def exp(self):
        e = math.exp(self.data)
        return Value(e, parents=(self,), local_grads=(e,), op="exp")

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log needs a positive input, got {fmt(self.data)}")
        return Value(math.log(self.data), parents=(self,), local_grads=(1 / self.data,), op="log")

    def sin(self):
        return Value(math.sin(self.data), parents=(self,), local_grads=(math.cos(self.data),), op="sin")

    def cos(self):
        return Value(math.cos(self.data), parents=(self,), local_grads=(-math.sin(self.data),), op="cos")

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, parents=(self,), local_grads=(1 - t * t,), op="tanh")

    def sigmoid(self):
        z = self.data
        s = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
        return Value(s, parents=(self,), local_grads=(s * (1 - s),), op="σ")

    def relu(self):
        """max(0, x); its derivative at exactly 0 is taken as 0."""
        return Value(max(0.0, self.data), parents=(self,), local_grads=(1.0 if self.data > 0 else 0.0,), op="relu")

    # ---- the backward pass ----
    def graph(self) -> list:
        """Every node this one depends on, inputs first (a deterministic topological order)."""
        order, seen = [], set()

        def visit(node):
            if id(node) in seen:
                return
            seen.add(id(node))
            for parent in node.parents:
                visit(parent)
            order.append(node)

        visit(self)
        return order

    def backward(self) -> "Trace":
        """Gradients of this node with respect to every node below it, recomputed from scratch.

        Each node's ``grad`` is reset first, so calling backward twice gives the same result.
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
        return Trace(tuple(steps), {names[id(n)]: n.grad for n in order}, names_in_order=tuple(names[id(n)] for n in order))


def _names(order) -> dict:
    """A readable, unique name for every node: its label, or an expression built from its parents' names."""
    names, used = {}, set()
    for node in order:  # parents come first, so their names are known
        args = [names[id(p)] for p in node.parents]
        if node.label:
            name = node.label
        elif not args:  # an unnamed input: call it by its value
            name = fmt(node.data, 4)
        elif len(args) == 2:
            name = f"{args[0]}{node.op}{args[1]}"
        elif node.op.startswith("^"):
            name = f"{args[0]}{node.op}"
        else:
            name = f"{node.op}({args[0]})"
        if len(name) > 14:  # deep graphs: names built from names would grow without bound
            name = f"{node.op}#{len(names)}"
        while name in used:
            name += "'"
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
    inputs = [Value(float(p), f"x{i + 1}") for i, p in enumerate(point)]
    out = fn(*inputs)
    if not isinstance(out, Value):
        raise TypeError(f"`fn` must return a Value built from its inputs, got {type(out).__name__}")
    out.backward()
    return out.data, tuple(x.grad for x in inputs)


def check_gradients(fn, point, *, names=None, h=1e-6) -> Table:
    """The engine's gradient beside a central difference, input by input.

    >>> t = check_gradients(lambda a, b: a * b.sin(), [2.0, 0.5])
    >>> [row[-1] for row in t.rows]
    ['yes', 'yes']
    """
    point = [float(p) for p in point]
    names = names or [f"x{i + 1}" for i in range(len(point))]
    _, grad = engine_gradient(fn, point)
    rows = []
    for i, g in enumerate(grad):
        up, down = list(point), list(point)
        up[i] += h
        down[i] -= h
        numeric = (engine_gradient(fn, up)[0] - engine_gradient(fn, down)[0]) / (2 * h)
        agree = abs(g - numeric) <= 1e-6 * max(1.0, abs(g))
        rows.append((names[i], g, numeric, "yes" if agree else "NO"))
    return Table(["input", "engine (backward)", "central difference", "agree to 1e-6"], rows, digits=8)


def cost_table(make_output, sizes) -> Table:
    """Multiplications needed for a full gradient of a function of n inputs, by each mode.

    ``make_output(inputs)`` builds a scalar Value from a list of n input Values.
    Forward mode needs one pass per input; reverse mode needs one pass in all.
    """
    rows = []
    for n in sizes:
        inputs = [Value(0.1 * (i + 1), f"x{i + 1}") for i in range(n)]
        out = make_output(inputs)
        reverse = out.backward()
        forward_grad, forward_count = forward_mode_gradient(out, inputs)
        if any(abs(a - b.grad) > 1e-9 * max(1.0, abs(a)) for a, b in zip(forward_grad, inputs)):
            raise AssertionError("forward and reverse mode disagree")  # an engine bug, not user input
        ratio = forward_count / reverse.multiplications if reverse.multiplications else "no edges"
        rows.append((n, reverse.multiplications, forward_count, reverse.multiplications, ratio))
    return Table(["inputs n", "edges in graph", "forward mode (n passes)", "reverse mode (1 pass)", "ratio"], rows, digits=4)
