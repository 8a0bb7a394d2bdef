"""Computation graphs drawn with matplotlib alone, and the backward pass walked over them.

Values flow forward along thin grey arrows (input to output). Gradients flow backward:
every edge the backward pass has walked gets a second, coloured arrow pointing the other
way (output to input), labelled with what it carries: the node's gradient times the local
derivative.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import NamedTuple

import numpy as np
from matplotlib.patches import FancyArrowPatch
from matplotlib.path import Path

from ..autograd import _names
from ..tables import fmt, fmt_factor, fmt_minus
from .style import COLORS
from ._checks import takes_axes

# Font sizes in points. Graphs are drawn at dpi 80 and shown at CSS size: 10 pt is 11 CSS pixels, 9 pt is 10,
# readable on a 1x screen (the edge numbers were 8 pt, 8.9 pixels, too small there).
NODE_FONT = 10
BOX_DIGITS = 5  # significant figures of a node's value and gradient, in its box and in the title
LABEL_FONT = 9  # the numbers on the backward arrows, and the line that explains the arrows
NODE_BOX = {"boxstyle": "round,pad=0.35", "facecolor": "white", "edgecolor": COLORS["curve"], "linewidth": 1.5}
# An arrow starts and ends this many points from its nodes' centres: just outside boxes of NODE_FONT text.
SHRINK = 3 * NODE_FONT
FORWARD = {"arrowstyle": "-|>", "color": "#b5b5b5", "lw": 1.0, "shrinkA": SHRINK, "shrinkB": SHRINK, "mutation_scale": 9}
GRADIENT = COLORS["accent"]  # a walked edge's backward arrow
CURRENT = COLORS["secant"]  # the edges of the node being processed now
WIDTHS = {"walked": 1.8, "current": 2.6}  # a backward arrow's line width: walked before, or the current node's
OFFSET = 0.09  # inches between a forward edge and its backward arrow
MARGIN = (0.5, 0.45)  # room beyond the outer nodes' centres, in columns and rows: a box and a little air


def _style_key(style) -> tuple:
    return (type(style), tuple(sorted((k, v) for k, v in vars(style).items() if not callable(v))))


class KeptPathArrow(FancyArrowPatch):
    """A FancyArrowPatch that works out its path once for each place, size and width it is drawn at.

    Shortening an arrow to its shrink distances and fitting its head cost about a millisecond a
    draw; a backward-pass arrow is redrawn on every step of the walk in one of two widths, at the
    same place. The path is the one matplotlib works out (it is worked out the same way, once), so
    the pixels are matplotlib's own. An arrow clipped to a patch at either end is worked out every time.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._paths = {}

    def _get_path_in_displaycoord(self):
        if self._posA_posB is None or self.patchA is not None or self.patchB is not None:
            return super()._get_path_in_displaycoord()
        ends = self.get_transform().transform([self._convert_xy_units(p) for p in self._posA_posB])
        key = (ends.tobytes(), self.shrinkA, self.shrinkB, self._dpi_cor, self.get_mutation_scale(),
               self.get_linewidth(), self.get_mutation_aspect(), _style_key(self.get_arrowstyle()),
               _style_key(self.get_connectionstyle()))
        found = self._paths.get(key)
        if found is None:
            if len(self._paths) > 16:
                self._paths.clear()
            found = self._paths[key] = super()._get_path_in_displaycoord()
        return found

    def work_out(self, renderer, widths) -> None:
        """Work out now the paths of the arrow drawn by ``renderer`` at each line width in ``widths`` (its
        place set already), as its draws would: the first draw at each width then finds its path kept."""
        width = self.get_linewidth()
        self._dpi_cor = renderer.points_to_pixels(1.0)  # as draw sets it
        for w in widths:
            self.set_linewidth(w)
            self._get_path_in_displaycoord()
        self.set_linewidth(width)


def keep_arrow_paths(annotation) -> None:
    """Give ``annotation`` (made with ``arrowprops`` naming an ``arrowstyle``) a :class:`KeptPathArrow`."""
    props = {key: value for key, value in annotation.arrowprops.items() if key != "relpos"}
    annotation.arrow_patch = KeptPathArrow((0, 0), (1, 1), **props)


class GraphArtists(NamedTuple):
    nodes: dict  # name -> Text
    edges: dict  # (child, parent, k) -> forward arrow (annotation), k = parent's position among child's parents
    backward: dict  # (child, parent, k) -> backward arrow (annotation), shown once the edge is walked
    edge_labels: dict  # (child, parent, k) -> Text
    title: object


def graph_layout(output) -> dict:
    """Positions name -> (x, y): x is the column, y the row.

    The output sits in the last column; every other node sits one column left of its
    nearest consumer (so an input used late, like v in v·σ(wx + b), sits beside it rather
    than across the whole picture). Within a column, nodes are ordered by the height of
    their consumers and spaced one unit apart, centred on those heights; an edge that
    skips a column keeps a row free in it.
    """
    order = output.graph()
    names = _names(order)
    longest = {}
    for node in order:
        longest[id(node)] = 1 + max((longest[id(p)] for p in node.parents), default=-1)
    children = {id(n): [] for n in order}
    for node in order:
        for parent in node.parents:
            if node not in children[id(parent)]:
                children[id(parent)].append(node)
    column = {id(output): longest[id(output)]}
    for node in reversed(order):  # consumers before what they consume
        if node is not output:
            column[id(node)] = min(column[id(c)] for c in children[id(node)]) - 1
    shift = min(column.values())
    # An edge that skips columns gets a placeholder in each column it crosses, so that the
    # boxes there make room for it instead of sitting on it.
    def through(node, child, col):  # what an edge from node to child occupies in column col
        return id(child) if column[id(child)] == col else ("edge", id(node), id(child), col)

    y = {id(output): 0.0}
    for col in range(column[id(output)] - 1, shift - 1, -1):
        members = [(through(n, n, col), [through(n, c, col + 1) for c in children[id(n)]])
                   for n in order if column[id(n)] == col]  # ties: the node made first goes on top
        members += [(("edge", id(n), id(c), col), [through(n, c, col + 1)])
                    for n in order for c in children[id(n)] if column[id(n)] < col < column[id(c)]]
        wanted = [float(np.mean([y[key] for key in ahead])) for _, ahead in members]
        ranked = sorted(range(len(members)), key=lambda k: -wanted[k])  # highest first (a stable sort)
        placed = []
        for rank, k in enumerate(ranked):
            placed.append(wanted[k] if rank == 0 else min(wanted[k], placed[-1] - 1.0))
        centre = float(np.mean([wanted[k] for k in ranked]) - np.mean(placed))
        for rank, k in enumerate(ranked):
            y[members[k][0]] = placed[rank] + centre
    return {names[id(n)]: (float(column[id(n)] - shift), y[id(n)]) for n in order}


def _edge_keys(order, names):
    for node in order:
        for k, parent in enumerate(node.parents):
            yield (names[id(node)], names[id(parent)], k)


#: Where a gradient label may sit: (fraction of the way from the receiving node, offsets beside the edge).
LABEL_SPOTS = [(f, side) for side in (1.0, 3.2, -1.5) for f in (0.5, 0.4, 0.6, 0.3, 0.7)]
#: Points of air a label keeps from every arrow not its own. Where the arrows of x1 → s2 and x2 → s1 cross, the
#: labels sat 5 pixels from the other arrow, side by side, and a student could not tell whose each was.
LABEL_CLEAR = 10


def _visible_segments(ax, anchors, renderer):
    """Each edge's two arrows as they are drawn, in display coordinates: the line between its nodes' centres
    and its backward arrow's (shifted), each cut short by the arrow's shrink at both ends (under the boxes)."""
    cut = renderer.points_to_pixels(SHRINK)
    segments = {}
    for key, (start, end, shift) in anchors.items():
        pair = []
        for d in (0 * shift, shift):
            a, b = ax.transData.transform([start + d, end + d])
            length = float(np.hypot(*(b - a)))
            step = (b - a) / max(length, 1e-12) * min(cut, 0.49 * length)
            pair.append((a + step, b - step))
        segments[key] = pair
    return segments


def _point_to_segment(p, a, b) -> float:
    d = b - a
    t = float(np.clip(np.dot(p - a, d) / max(float(np.dot(d, d)), 1e-24), 0.0, 1.0))
    return float(np.hypot(*(p - (a + t * d))))


def box_to_segment(box, a, b) -> float:
    """The distance in display units between the rectangle ``box`` (a Bbox) and the segment from ``a`` to ``b``.

    >>> from matplotlib.transforms import Bbox
    >>> box_to_segment(Bbox([[0, 0], [2, 1]]), np.array([3.0, -5.0]), np.array([3.0, 5.0]))
    1.0
    >>> box_to_segment(Bbox([[0, 0], [2, 1]]), np.array([-1.0, 0.5]), np.array([3.0, 0.5]))  # through it
    0.0
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if Path([a, b]).intersects_bbox(box, filled=True):
        return 0.0
    corners = [np.array(c, dtype=float) for c in ((box.x0, box.y0), (box.x0, box.y1), (box.x1, box.y0), (box.x1, box.y1))]
    ends = [float(np.hypot(max(box.x0 - p[0], 0.0, p[0] - box.x1), max(box.y0 - p[1], 0.0, p[1] - box.y1)))
            for p in (a, b)]
    return min(*ends, *(_point_to_segment(c, a, b) for c in corners))


def _place_labels(ax, nodes, labels, anchors):
    """Move each label to the first spot where it overlaps no node box and no other label, and keeps
    LABEL_CLEAR points from every arrow not its own, so that it plainly belongs to its own arrow.

    An edge's arrows are the line between the centres of its two nodes and the line of its backward arrow,
    as far as they show outside the boxes. Where no spot keeps that air (two edges cross near every spot),
    the spot clear of boxes and labels farthest from the other arrows is taken. The labels already hold their
    final text (a walked edge's label never changes), so the sizes measured here are the sizes shown at every step.
    """
    figure = ax.figure
    figure.canvas.draw()  # lays out the figure and sizes every text
    renderer = figure.canvas.get_renderer()
    taken = [t.get_bbox_patch().get_window_extent(renderer).expanded(1.04, 1.08) for t in nodes.values()]
    segments = _visible_segments(ax, anchors, renderer)
    clear = renderer.points_to_pixels(LABEL_CLEAR)
    for key, label in labels.items():
        start, end, shift = anchors[key]
        others = [segment for other, pair in segments.items() if other != key for segment in pair]
        best, best_air = None, -1.0
        for f, side in LABEL_SPOTS:
            label.set_position(start + f * (end - start) + side * shift)
            box = label.get_window_extent(renderer)
            if any(box.expanded(1.1, 1.25).overlaps(other) for other in taken):
                continue
            air = min((box_to_segment(box, *segment) for segment in others), default=np.inf)
            if air >= clear:
                break
            if air > best_air:
                best, best_air = (f, side), air
        else:
            f, side = best or (0.5, 1.0)  # nowhere with air enough: the most air there is; nowhere free: on its arrow
            label.set_position(start + f * (end - start) + side * shift)
        taken.append(label.get_window_extent(renderer))


@takes_axes("ax")
def plot_graph(ax, output, trace, *, step=0):
    """Draw the graph of ``output`` with forward values; ``update_graph`` walks the backward pass."""
    pos = graph_layout(output)
    order = output.graph()
    names = _names(order)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - MARGIN[0], max(xs) + MARGIN[0])
    ax.set_ylim(min(ys) - MARGIN[1], max(ys) + MARGIN[1])
    ax.axis("off")
    span = np.array([ax.get_xlim()[1] - ax.get_xlim()[0], ax.get_ylim()[1] - ax.get_ylim()[0]])
    inches = ax.figure.get_size_inches() * ax.get_position().size  # the axes' size, to measure in the picture
    nodes, edges, backward, labels, anchors = {}, {}, {}, {}, {}
    for key in _edge_keys(order, names):
        child, parent, _ = key
        start, end = np.array(pos[parent]), np.array(pos[child])
        edges[key] = ax.annotate("", xy=end, xytext=start, arrowprops=dict(FORWARD), zorder=1)
        # the backward arrow runs beside the forward one (OFFSET inches to its side, seen in the picture)
        along = (end - start) / span * inches
        normal = np.array([along[1], -along[0]]) / max(float(np.hypot(*along)), 1e-12)
        shift = normal * OFFSET / inches * span
        backward[key] = ax.annotate("", xy=start + shift, xytext=end + shift, zorder=2, visible=False,
                                    arrowprops={"arrowstyle": "-|>", "color": GRADIENT, "lw": WIDTHS["walked"],
                                                "shrinkA": SHRINK + 1, "shrinkB": SHRINK + 1,
                                                "mutation_scale": 13})
        keep_arrow_paths(backward[key])  # redrawn at every step of the walk, always at this place
        labels[key] = ax.text(0, 0, "", ha="center", va="center", fontsize=LABEL_FONT, color=GRADIENT, zorder=4,
                              visible=False,
                              bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                    "alpha": 0.9})
        anchors[key] = (start, end, shift)
    for node in order:
        name = names[id(node)]
        nodes[name] = ax.text(*pos[name], "", ha="center", va="center", fontsize=NODE_FONT, bbox=dict(NODE_BOX),
                              zorder=5)
    ax.text(0.5, -0.02, "grey arrows: values flow forward      pink arrows: gradients flow backward, "
            "labelled gradient × local derivative = what arrives", transform=ax.transAxes,
            ha="center", va="top", fontsize=LABEL_FONT, color="#555555")
    artists = GraphArtists(nodes, edges, backward, labels, ax.set_title("", fontsize=10))
    update_graph(artists, trace, len(trace.steps))  # every label at its final text, to measure
    _place_labels(ax, nodes, labels, anchors)
    update_graph(artists, trace, step)
    return artists


def shown_terms(terms, result, digits: int = 3, *, op: str = "×", most: int = 12) -> tuple:
    """The ``terms`` of a product (``op`` "×") or a sum ("+") and its ``result``, written with the fewest
    significant digits, ``digits`` or more, at which the terms as written give the result as written
    (their exact product or sum rounded half up to that many digits): never 0.333 × 2 = 0.665.

    The result is the true one (what reaches a node), rounded; only the number of digits adapts, up to ``most``.

    >>> shown_terms([0.3325693, 2.0], 0.6651386)  # 0.333 × 2 would be 0.666, 0.3326 × 2 is 0.6652
    (['0.33257', '2'], '0.66514')
    >>> shown_terms([1.5, 0.2217129], 0.3325693)
    (['1.5', '0.222'], '0.333')
    >>> shown_terms([4.0, -1.0], -4.0)
    (['4', '-1'], '-4')
    """
    if op not in ("×", "+"):
        raise ValueError(f"`op` must be '×' or '+', got {op!r}")
    for d in range(digits, most + 1):
        shown, total = [fmt(t, d) for t in terms], fmt(result, d)
        try:
            exact = Decimal(1) if op == "×" else Decimal(0)
            for t in shown:
                exact = exact * Decimal(t) if op == "×" else exact + Decimal(t)
            if Context(prec=d, rounding=ROUND_HALF_UP).plus(exact) == Decimal(total):
                break
        except InvalidOperation:  # inf or nan: nothing to agree
            break
    return shown, total


def work_out_arrows(artists, renderer) -> None:
    """Work out every backward arrow's path at both its widths for ``renderer``'s canvas (once the figure is
    laid out at the size it is drawn at): the walk's first steps then draw no arrow for the first time
    (about a millisecond an arrow)."""
    for arrow in artists.backward.values():
        if isinstance(arrow.arrow_patch, KeptPathArrow):
            visible = arrow.get_visible()
            arrow.set_visible(True)  # (a hidden text has no place: its arrow would start at the canvas' corner)
            try:
                arrow.update_positions(renderer)  # where its draw puts it
                arrow.arrow_patch.work_out(renderer, WIDTHS.values())
            finally:
                arrow.set_visible(visible)


def update_graph(artists, trace, step: int) -> None:
    """Show the backward pass after ``step`` nodes: known gradients, the current node and its edges."""
    done = {s.node: s for s in trace.steps[:step]}
    current = trace.steps[step - 1] if step > 0 else None
    values = {s.node: s.value for s in trace.steps}
    arrived, every = trace.arrivals(step), trace.arrivals()
    for name, text in artists.nodes.items():
        if name in done:
            grad = f"grad {fmt_minus(done[name].grad, BOX_DIGITS)}"
        elif name in arrived:  # complete once every path has delivered; until then a running sum
            total = fmt_minus(sum(c for _, c in arrived[name]), BOX_DIGITS)
            grad = f"grad {total}" if len(arrived[name]) == len(every[name]) else f"so far {total}"
        else:
            grad = "grad ?"
        text.set_text(f"{name}\n= {fmt_minus(values[name], BOX_DIGITS)}\n{grad}")
        box = text.get_bbox_patch()
        now = current is not None and name == current.node
        box.set_edgecolor(CURRENT if now else COLORS["curve"])
        box.set_linewidth(3 if now else 1.5)
        box.set_facecolor("#fde9dc" if now else ("#e6f2fa" if name in done else "white"))
    for key, arrow in artists.backward.items():
        child, _, k = key
        walked = child in done and k < len(done[child].edges)
        active = walked and current is not None and child == current.node
        arrow.set_visible(walked)
        arrow.arrow_patch.set_color(CURRENT if active else GRADIENT)
        arrow.arrow_patch.set_linewidth(WIDTHS["current" if active else "walked"])
        label = artists.edge_labels[key]
        label.set_visible(walked)
        if walked:
            edge = done[child].edges[k]
            (grad, local), arrives = shown_terms([done[child].grad, edge.local], edge.contribution, 3)
            label.set_text(f"{fmt_factor(grad)} × {fmt_factor(local)}\n= {fmt_minus(arrives)}")
            label.set_color(CURRENT if active else GRADIENT)
    if current is None:
        artists.title.set_text("forward pass done: every node has its value; no gradient yet")
    else:
        what = ", and sends it back" if current.edges else "; it is an input, so nothing goes further"
        artists.title.set_text(f"backward step {step} of {len(trace.steps)}: "
                               f"{current.node} has its gradient, {fmt_minus(current.grad, BOX_DIGITS)}{what}")
