"""Computation graphs drawn with matplotlib alone: nodes in columns by depth, edges as arrows."""
from __future__ import annotations

from typing import NamedTuple

from ..autograd import _names
from ..tables import fmt
from .style import COLORS
from ._checks import takes_axes

NODE_BOX = {"boxstyle": "round,pad=0.35", "facecolor": "white", "edgecolor": COLORS["curve"], "linewidth": 1.5}


class GraphArtists(NamedTuple):
    nodes: dict  # name -> Text
    edges: dict  # (child, parent) -> annotation arrow
    edge_labels: dict  # (child, parent) -> Text
    title: object


def graph_layout(output) -> dict:
    """Positions: x = depth (longest path from an input), y spread evenly within a column."""
    order = output.graph()
    names = _names(order)
    depth = {}
    for node in order:
        depth[id(node)] = 1 + max((depth[id(p)] for p in node.parents), default=-1)
    columns = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    pos = {}
    for d, nodes in columns.items():
        for k, node in enumerate(nodes):
            pos[names[id(node)]] = (float(d), (len(nodes) - 1) / 2 - k)
    return pos


@takes_axes("ax")
def plot_graph(ax, output, trace, *, step=0):
    """Draw the graph of ``output`` with forward values; ``update_graph`` walks the backward pass."""
    pos = graph_layout(output)
    order = output.graph()
    names = _names(order)
    nodes, edges, labels = {}, {}, {}
    for node in order:
        child = names[id(node)]
        for parent in node.parents:
            key = (child, names[id(parent)])
            (x0, y0), (x1, y1) = pos[key[1]], pos[child]
            edges[key] = ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                                     arrowprops={"arrowstyle": "-|>", "color": COLORS["guide"], "lw": 1.3,
                                                 "shrinkA": 26, "shrinkB": 26})
            labels[key] = ax.text(0.55 * x0 + 0.45 * x1, 0.55 * y0 + 0.45 * y1, "", ha="center", va="center",
                                  fontsize=8, color=COLORS["secant"], zorder=4,
                                  bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                        "alpha": 0.85})
    for node in order:
        name = names[id(node)]
        nodes[name] = ax.text(*pos[name], "", ha="center", va="center", fontsize=9, bbox=dict(NODE_BOX), zorder=5)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.7)
    ax.axis("off")
    artists = GraphArtists(nodes, edges, labels, ax.set_title("", fontsize=10))
    update_graph(artists, trace, step)
    return artists


def update_graph(artists, trace, step: int) -> None:
    """Show the backward pass after ``step`` nodes: known gradients, the current node and its edges."""
    done = {s.node: s for s in trace.steps[:step]}
    current = trace.steps[step - 1] if step > 0 else None
    values = {s.node: s.value for s in trace.steps}
    for name, text in artists.nodes.items():
        grad = f"grad {fmt(done[name].grad, 5)}" if name in done else "grad ?"
        text.set_text(f"{name}\n= {fmt(values[name], 5)}\n{grad}")
        box = text.get_bbox_patch()
        box.set_edgecolor(COLORS["secant"] if current and name == current.node else COLORS["curve"])
        box.set_linewidth(3 if current and name == current.node else 1.5)
        box.set_facecolor("#fde9dc" if current and name == current.node else ("#e6f2fa" if name in done else "white"))
    for key, arrow in artists.edges.items():
        walked = key[0] in done
        active = current is not None and key[0] == current.node
        arrow.arrow_patch.set_color(COLORS["secant"] if active else (COLORS["curve"] if walked else COLORS["guide"]))
        arrow.arrow_patch.set_linewidth(2.6 if active else 1.3)
        contribution = next((e for e in done[key[0]].edges if e.parent == key[1]), None) if walked else None
        artists.edge_labels[key].set_text(f"×{fmt(contribution.local, 3)} → {fmt(contribution.contribution, 3)}"
                                          if contribution else "")
        artists.edge_labels[key].set_visible(contribution is not None)
    if current is None:
        artists.title.set_text("forward pass done: every node has its value; no gradient yet")
    else:
        artists.title.set_text(f"step {step}: node {current.node} has gradient {fmt(current.grad, 6)}")
