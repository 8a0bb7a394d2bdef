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
from matplotlib.transforms import Bbox

from ..autograd import _names
from ..tables import fmt, fmt_factor, fmt_minus
from .style import COLORS, text_points
from ._checks import takes_axes

# Font sizes in points, the least a figure of dpi 80 shown at its size takes: 10 pt is 11 CSS pixels (the edge
# numbers were 8 pt, then 9: 8.9 and 10 pixels, too small on a 1x screen). A figure shown shrunk (wider than a
# notebook's cell) takes more (style.text_points).
NODE_FONT = 10
BOX_DIGITS = 5  # significant figures of a node's value and gradient, in its box and in the title
LABEL_FONT = 10  # the numbers on the backward arrows, and the lines that explain the arrows
#: A backward arrow's label is drawn in its arrow's colour, darkened to this much of it: the pink of the arrow
#: is pale for text (3:1 against white); this is 5:1, the same hue.
LABEL_SHADE = 0.72
NODE_BOX_PAD = 0.35  # a node box's pad, a fraction of its font size
NODE_BOX = {"boxstyle": f"round,pad={NODE_BOX_PAD}", "facecolor": "white", "edgecolor": COLORS["curve"], "linewidth": 1.5}
# An arrow starts and ends this many points from its nodes' centres until the boxes are measured (plot_graph
# then ends each arrow BOX_AIR points outside its nodes' boxes: a box wider than this hid the arrow's head).
SHRINK = 3 * NODE_FONT
BOX_AIR = 3
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


#: Where along its edge a gradient label may sit: fractions of the way from the receiving node, the middle first.
LABEL_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75)
#: Points of air a label keeps from every arrow not its own. Where the arrows of x1 → s2 and x2 → s1 cross, the
#: labels sat 5 pixels from the other arrow, side by side, and a student could not tell whose each was.
LABEL_CLEAR = 10
#: Points between a label's box and its own backward arrow's line: the label sits beside its arrow, on the side
#: away from the grey one (it was centred on the pair, and the grey arrow ran through its text).
LABEL_GAP = 3


def shade(colour, amount: float = LABEL_SHADE) -> tuple:
    """``colour`` darkened to ``amount`` of itself, as an RGB tuple of 0-1 values.

    >>> bool(np.allclose(shade("#CC79A7", 0.5), (0.4, 0.2373, 0.3275), atol=1e-4))
    True
    """
    from matplotlib.colors import to_rgb

    return tuple(float(amount * c) for c in to_rgb(colour))


LABEL_COLOR = shade(GRADIENT)  # (the current node's labels keep its vermillion: 4:1 already)


def _visible_segments(ax, anchors, arrows, renderer):
    """Each edge's two arrows as they are drawn, in display coordinates: the line between its nodes' centres
    and its backward arrow's (shifted), each cut short by the arrow's shrink at both ends (under the boxes).
    ``arrows`` maps each edge to its forward and backward arrow (annotations)."""
    segments = {}
    for key, (start, end, shift) in anchors.items():
        pair = []
        forward, backward = arrows[key]
        # (the backward arrow runs from end to start: its shrinkA is at the end)
        for d, (cut_start, cut_end) in ((0 * shift, _shrinks(forward)), (shift, _shrinks(backward)[::-1])):
            a, b = ax.transData.transform([start + d, end + d])
            length, along = float(np.hypot(*(b - a))), _unit(b - a)
            pair.append((a + along * min(renderer.points_to_pixels(cut_start), 0.49 * length),
                         b - along * min(renderer.points_to_pixels(cut_end), 0.49 * length)))
        segments[key] = pair
    return segments


def _shrinks(arrow) -> tuple:
    """An annotation's arrow's shrink, in points, at the end it starts from and at its head."""
    return arrow.arrow_patch.shrinkA, arrow.arrow_patch.shrinkB


def _unit(v) -> np.ndarray:
    """``v`` divided by its length (a vector of length 0 stays 0)."""
    return v / max(float(np.hypot(*v)), 1e-12)


def _ray_exit(box, centre, direction) -> float:
    """How far from ``centre`` a ray along the unit vector ``direction`` leaves the rectangle ``box`` (display
    units; 0 when ``centre`` is outside it).

    >>> from matplotlib.transforms import Bbox
    >>> _ray_exit(Bbox([[-2, -1], [2, 1]]), np.zeros(2), np.array([1.0, 0.0]))
    2.0
    >>> round(_ray_exit(Bbox([[-2, -1], [2, 1]]), np.zeros(2), np.array([0.6, 0.8])), 6)  # leaves by the top
    1.25
    """
    t = np.inf
    for k, (low, high) in enumerate(((box.x0, box.x1), (box.y0, box.y1))):
        if abs(direction[k]) > 1e-12:
            t = min(t, ((high if direction[k] > 0 else low) - centre[k]) / direction[k])
    return max(float(t), 0.0)


def _widest_boxes(nodes, trace, renderer) -> dict:
    """Each node's box (display units) around its widest text of the walk: its final gradient, or, where paths
    meet, the running sum ("so far") shown before the last one arrives. The nodes hold their final texts."""
    every = trace.arrivals()
    boxes = {}
    for name, text in nodes.items():
        final = text.get_text()
        variants = [final] + ([final.replace("\ngrad ", "\nso far ", 1)] if len(every.get(name, ())) > 1 else [])
        extents = []
        for variant in variants:
            text.set_text(variant)
            extents.append(text.get_window_extent(renderer))
        text.set_text(final)
        # the round box's pad (a fraction of the font size) and half its widest edge (the current node's, 3)
        pad = renderer.points_to_pixels(NODE_BOX_PAD * text.get_fontsize() + 1.5)
        boxes[name] = Bbox.union(extents).padded(pad)
    return boxes


def _fit_arrows(ax, anchors, arrows, boxes, renderer) -> None:
    """End every arrow BOX_AIR points outside the boxes of its two nodes, wherever they are wide or tall: the
    heads of the backward arrows showed whole only where a box was narrower than the fixed SHRINK."""
    per_point = renderer.points_to_pixels(1.0)
    for key, (start, end, shift) in anchors.items():
        child, parent, _ = key
        forward, backward = arrows[key]
        for arrow, d, (head_box, tail_box) in ((forward, 0 * shift, (boxes[child], boxes[parent])),
                                               (backward, shift, (boxes[parent], boxes[child]))):
            a, b = ax.transData.transform([start + d, end + d])  # parent's end, child's end
            along = _unit(b - a)
            tail, head, away = (a, b, along) if arrow is forward else (b, a, -along)
            arrow.arrow_patch.shrinkA = _ray_exit(tail_box, tail, away) / per_point + BOX_AIR
            arrow.arrow_patch.shrinkB = _ray_exit(head_box, head, -away) / per_point + BOX_AIR


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


def _overlap_area(one, other) -> float:
    """The area two Bboxes share (0 when they are apart)."""
    shared = Bbox.intersection(one, other)
    return 0.0 if shared is None else float(shared.width * shared.height)


def _label_spots(ax, start, end, shift, size, renderer):
    """Where a label of ``size`` (width, height in display units) may sit beside its edge, in data coordinates,
    in the order tried: beside its backward arrow, out on the side away from the forward one, at each of
    LABEL_ALONG; then beside the forward arrow, on its other side (both arrows then on one side of the label)."""
    a, b, shifted = ax.transData.transform([start, end, start + shift])
    offset = shifted - a  # from the forward arrow's line to the backward one's, in display units
    normal = _unit(offset)
    half = abs(normal[0]) * size[0] / 2 + abs(normal[1]) * size[1] / 2  # the box's reach towards the arrows
    # past the line's half width (the current node's arrow is the widest) and LABEL_GAP points of air
    gap = renderer.points_to_pixels(LABEL_GAP + max(WIDTHS.values()) / 2)
    to_data = ax.transData.inverted()
    for beside in (offset + normal * (gap + half), -normal * (gap + half)):
        for f in LABEL_ALONG:
            yield to_data.transform(a + f * (b - a) + beside)


def _place_labels(ax, boxes, labels, anchors, arrows):
    """Move each label beside its own backward arrow, to the first spot where its box overlaps no node box and
    no other label and keeps LABEL_CLEAR points from every arrow not its own (so that it plainly belongs to its
    own arrow, even where two edges cross); no line ever runs through a label.

    An edge's arrows are the line between the centres of its two nodes and the line of its backward arrow,
    as far as they show outside the boxes. Where no spot keeps that air (two edges cross near every spot),
    the spot clear of boxes and labels farthest from the other arrows is taken; where no spot is clear of them
    (a short edge between wide boxes), the one they cover least. ``boxes`` are the nodes' widest boxes
    (display units). The labels already hold their
    final text (a walked edge's label never changes), so the sizes measured here are the sizes shown at every step.
    """
    renderer = ax.figure.canvas.get_renderer()  # (the figure laid out already: plot_graph)
    taken = [box.expanded(1.04, 1.08) for box in boxes.values()]
    segments = _visible_segments(ax, anchors, arrows, renderer)
    clear = renderer.points_to_pixels(LABEL_CLEAR)
    for key, label in labels.items():
        start, end, shift = anchors[key]
        others = [segment for other, pair in segments.items() if other != key for segment in pair]
        size = label.get_window_extent(renderer).size
        best, best_score = None, None
        for spot in _label_spots(ax, start, end, shift, size, renderer):
            label.set_position(spot)
            box = label.get_window_extent(renderer)
            covered = sum(_overlap_area(box.expanded(1.1, 1.25), other) for other in taken)
            crossed = any(box_to_segment(box, *segment) == 0.0 for segment in segments[key])  # (its own arrows)
            air = min((box_to_segment(box, *segment) for segment in others), default=np.inf)
            if not covered and not crossed and air >= clear:
                break
            score = (crossed, covered, -air)
            if best_score is None or score < best_score:
                best, best_score = spot, score
        else:  # nowhere with air enough: the most air there is; nowhere free, the spot least covered
            label.set_position(best)
        taken.append(label.get_window_extent(renderer))


@takes_axes("ax")
def plot_graph(ax, output, trace, *, step=0, highlight=True):
    """Draw the graph of ``output`` with forward values; ``update_graph`` walks the backward pass.

    ``highlight``: mark the node that step ``step`` finished, in orange, as the explorer's walk does;
    False for a picture of the pass as it stands, with no node singled out (the finished pass).
    """
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
    node_font, label_font = text_points(ax.figure, NODE_FONT), text_points(ax.figure, LABEL_FONT)
    nodes, edges, backward, labels, anchors = {}, {}, {}, {}, {}
    for key in _edge_keys(order, names):
        child, parent, _ = key
        start, end = np.array(pos[parent]), np.array(pos[child])
        edges[key] = ax.annotate("", xy=end, xytext=start, arrowprops=dict(FORWARD), zorder=1)
        # the backward arrow runs beside the forward one (OFFSET inches to its side, seen in the picture)
        along = (end - start) / span * inches
        normal = _unit(np.array([along[1], -along[0]]))
        shift = normal * OFFSET / inches * span
        backward[key] = ax.annotate("", xy=start + shift, xytext=end + shift, zorder=2, visible=False,
                                    arrowprops={"arrowstyle": "-|>", "color": GRADIENT, "lw": WIDTHS["walked"],
                                                "shrinkA": SHRINK + 1, "shrinkB": SHRINK + 1,
                                                "mutation_scale": 13})
        keep_arrow_paths(backward[key])  # redrawn at every step of the walk, always at this place
        labels[key] = ax.text(0, 0, "", ha="center", va="center", fontsize=label_font, color=LABEL_COLOR, zorder=4,
                              visible=False,
                              bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                    "alpha": 0.9})
        anchors[key] = (start, end, shift)
    for node in order:
        name = names[id(node)]
        nodes[name] = ax.text(*pos[name], "", ha="center", va="center", fontsize=node_font, bbox=dict(NODE_BOX),
                              zorder=5)
    ax.text(0.5, -0.02, "grey arrows: values flow forward;  pink arrows: gradients flow backward,\n"
            "labelled gradient × local derivative = what arrives", transform=ax.transAxes,
            ha="center", va="top", fontsize=label_font, color="#555555", linespacing=1.3)
    artists = GraphArtists(nodes, edges, backward, labels, ax.set_title("", fontsize=text_points(ax.figure, 11)))
    update_graph(artists, trace, len(trace.steps))  # every label at its final text, to measure
    ax.figure.canvas.draw()  # lays out the figure and sizes every text
    renderer = ax.figure.canvas.get_renderer()
    arrows = {key: (edges[key], backward[key]) for key in edges}
    boxes = _widest_boxes(nodes, trace, renderer)
    _fit_arrows(ax, anchors, arrows, boxes, renderer)
    _place_labels(ax, boxes, labels, anchors, arrows)
    update_graph(artists, trace, step, highlight=highlight)
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


def update_graph(artists, trace, step: int, *, highlight: bool = True) -> None:
    """Show the backward pass after ``step`` nodes: known gradients, the current node and its edges
    (``highlight``: the node that step finished, and what it sends, in orange)."""
    done = {s.node: s for s in trace.steps[:step]}
    current = trace.steps[step - 1] if step > 0 and highlight else None
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
            label.set_color(CURRENT if active else LABEL_COLOR)
    if step == 0:
        artists.title.set_text("forward pass done: every node has its value; no gradient yet")
    elif current is None:
        artists.title.set_text("backward pass done: every node has its gradient" if step == len(trace.steps)
                               else f"after backward step {step} of {len(trace.steps)}")
    else:
        what = (", and sends back gradient × local derivative" if current.edges
                else "; it is an input, so nothing goes further")
        artists.title.set_text(f"backward step {step} of {len(trace.steps)}: "
                               f"{current.node} has its gradient, {fmt_minus(current.grad, BOX_DIGITS)}{what}")
