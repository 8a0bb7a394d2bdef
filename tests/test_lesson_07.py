"""07_backprop as a lesson: the explorer exercise driven to its answer, the graph drawing legible
at every step, and the training run at the end really learning."""
import ast
import json
import re

import numpy as np
import pytest

from calclib.autograd import Value
from calclib.exercises import check
from calclib.plotting import new_figure
from calclib.plotting.graph import graph_layout, plot_graph, update_graph
from calclib.widgets.backprop import BackpropExplorer
from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "07_backprop.ipynb"


def cells():
    return json.loads(NOTEBOOK.read_text())["cells"]


def code_cell(marker):
    (source,) = ["".join(c["source"]) for c in cells() if c["cell_type"] == "code" and marker in "".join(c["source"])]
    return source


def run_cell(source, namespace):
    """Run a notebook cell; returns the value of its last line when that is an expression."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace) if last else None


def imports():
    namespace = {}
    run_cell(code_cell("import calclib as cl"), namespace)
    return namespace


def walk_until(explorer, words):
    """Step the explorer's main control forward until the read-out contains ``words``."""
    slider = explorer.controls["step"]
    for step in range(slider.min, slider.max + 1):
        slider.value = step
        if words in explorer.text:
            return step
    raise AssertionError(f"the read-out never said {words!r}")


def test_explorer_exercise_two_paths_is_found_with_the_controls():
    explorer = run_cell(code_cell("BackpropExplorer((u**2)"), imports())
    assert isinstance(explorer, BackpropExplorer)
    assert "grad ?" in explorer.artists.nodes["x2"].get_text()  # the saved view does not give the answer away
    walk_until(explorer, "x2 is an input")
    assert "paths meet at x2" in explorer.text  # the read-out names the two arrivals being added
    label = explorer.artists.nodes["x2"].get_text()
    read = float(re.search(r"grad (-?[\d.]+)", label).group(1))
    assert check("07.two-paths", read).correct
    assert "48" in explorer.text and "24" in explorer.text  # the two paths' contributions, as the solution says


def test_main_explorer_starts_half_done_unlike_the_static_figure():
    saved = [c for c in cells() if "BackpropExplorer(loss, step=" in "".join(c["source"])]
    assert saved, "the worked example's explorer"
    namespace = imports()
    run_cell(code_cell('loss = (vs1**2 + vs2**2).named("L")'), namespace)
    explorer = run_cell("".join(saved[0]["source"]), namespace)
    n = explorer.controls["step"].max
    assert 0 < explorer.controls["step"].value < n
    assert "so far" in explorer.artists.nodes["x1"].get_text()  # a running sum: one path still to come
    assert "Still waiting for another path" in explorer.text
    pictures = [o["data"]["image/png"] for c in cells() for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(set(pictures)) == len(pictures), "no saved picture repeats another"


def graphs():
    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    yield ((x1 + x2).named("s1") ** 2 + (x1 - x2).named("s2") ** 2).named("L")
    x, w, b, v = Value(2.0, "x"), Value(0.5, "w"), Value(-0.3, "b"), Value(1.5, "v")
    yield (v * ((w * x + b).named("z")).sigmoid().named("a")).named("y")
    e1, e2 = Value(2.0, "x1"), Value(4.0, "x2")
    yield ((e1 * e2 + e2).named("u") ** 2).named("L")


def _segment_hits_box(p, q, box):
    """Does the segment p-q pass through the rectangle ``box`` (display coordinates)?"""
    points = p + np.linspace(0, 1, 400)[:, None] * (q - p)
    inside = (box.x0 < points[:, 0]) & (points[:, 0] < box.x1) & (box.y0 < points[:, 1]) & (points[:, 1] < box.y1)
    return bool(inside.any())


@pytest.mark.parametrize("index", range(3))
def test_graph_is_legible_at_every_step(index):
    output = list(graphs())[index]
    trace = output.backward()
    fig, ax = new_figure(width=10.0, height=4.2, dpi=80)
    artists = plot_graph(ax, output, trace, step=len(trace.steps))  # every label shown, at its only text
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    pos = graph_layout(output)
    boxes = {name: t.get_bbox_patch().get_window_extent(renderer) for name, t in artists.nodes.items()}
    centre = {name: ax.transData.transform(p) for name, p in pos.items()}
    for (child, parent, _) in artists.edges:  # no forward edge runs through a box it does not join
        for name, box in boxes.items():
            if name not in (child, parent):
                assert not _segment_hits_box(centre[parent], centre[child], box), (parent, child, name)
    shown = [t.get_window_extent(renderer) for t in artists.edge_labels.values()]
    for i, one in enumerate(shown):  # labels never stack, never cover a node
        assert not any(one.overlaps(other) for other in shown[i + 1:])
        assert not any(one.overlaps(box) for box in boxes.values())
    for key, label in artists.edge_labels.items():  # nor sit on an edge not their own (where two edges cross,
        box = label.get_window_extent(renderer)  # a label could belong to either: a student read found one)
        for other, arrow in artists.backward.items():
            if other != key:
                child, parent, _ = other
                assert not _segment_hits_box(centre[parent], centre[child], box), (key, other)
                ends = [ax.transData.transform(p) for p in (arrow.xy, arrow.xyann)]  # its backward arrow's line
                assert not _segment_hits_box(*ends, box), (key, other)
    for step in range(len(trace.steps) + 1):  # a walked edge keeps its label's text, so these are all there is
        update_graph(artists, trace, step)
        visible = [key for key, t in artists.edge_labels.items() if t.get_visible()]
        assert len(visible) == sum(len(s.edges) for s in trace.steps[:step])
        for (child, parent, _), arrow in artists.backward.items():  # gradients point back, from child to parent
            assert arrow.get_visible() == ((child, parent, _) in visible)
            head, tail = np.array(arrow.xy), np.array(arrow.xyann)
            assert np.linalg.norm(head - pos[parent]) < np.linalg.norm(head - pos[child])
            assert np.linalg.norm(tail - pos[child]) < np.linalg.norm(tail - pos[parent])


def test_training_run_at_the_end_learns():
    namespace = imports()
    run_cell(code_cell("learning_rate = "), namespace)
    history = np.array(namespace["history"])
    loss = history[:, 1]
    assert np.all(np.diff(loss) < 0), "the loss falls at every step"
    assert loss[-1] < 1e-4 < 0.355 < loss[0] < 0.365  # the numbers the caption and summary quote
    assert np.all(np.abs(history[-1, 2:] - [2.0, -1.0, 2.0]) < np.abs(history[0, 2:] - [2.0, -1.0, 2.0]) / 10)
    text = "".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"]) for c in cells())
    assert "from 0.36" in text and "below 0.0001 in 300 steps" in text and len(history) == 301


def test_notebook_shows_the_engine_code_and_an_implement_exercise():
    source = code_cell("inspect.getsource(Value.__mul__)")
    assert "textwrap.dedent" in source
    good = lambda a, b, up: (up / b, -up * a / b**2)  # noqa: E731
    assert check("07.div-backward", good).correct
    assert not check("07.div-backward", lambda a, b, up: (up / b, up * a / b**2)).correct  # sign lost
    assert not check("07.div-backward", lambda a, b, up: (1 / b, -a / b**2)).correct  # upstream forgotten


# Hue ranges (degrees) of the colour words the lessons use for their arrows, as a student names what
# they see: Okabe-Ito's "reddish purple" reads as pink, its vermillion as orange.
HUES = {"pink": (290, 350), "purple": (255, 290), "orange": (15, 45), "red": (350, 375)}


def named_as_seen(word, color):
    """Whether ``color`` (any matplotlib colour) is one a student would call ``word``."""
    import colorsys

    from matplotlib.colors import to_rgb

    hue, lightness, saturation = colorsys.rgb_to_hls(*to_rgb(color))
    low, high = HUES[word]
    return saturation > 0.3 and any(low <= deg <= high for deg in (hue * 360, hue * 360 + 360))


def test_the_footer_names_the_backward_arrows_colour_as_it_looks():
    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    explorer = BackpropExplorer(((x1 + x2) ** 2).named("L"), step=2)
    footer = next(t.get_text() for t in explorer.figure.axes[0].texts if "arrows" in t.get_text())
    words = re.findall(r"(\w+) arrows: gradients", footer)
    walked = [a for key, a in explorer.artists.backward.items() if a.get_visible()]
    assert words and walked
    assert all(named_as_seen(words[0], a.arrow_patch.get_edgecolor()) for a in walked
               if a.arrow_patch.get_linewidth() < 2.5)  # the walked arrows (the current node's are orange)


def test_a_negative_factor_on_an_edge_is_in_brackets():
    """'4 × -1' read as a subtraction to a student; the read-outs of 05 print 6·(−0.06976) the same way."""
    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    explorer = BackpropExplorer(((x1 + x2).named("s1") ** 2 + (x1 - x2).named("s2") ** 2).named("L"), step=7)
    labels = [t.get_text() for t in explorer.artists.edge_labels.values() if t.get_visible()]
    assert "4 × (−1)\n= −4" in labels  # one minus sign, as in every read-out
    assert not any(re.search(r"× [−-]", text) for text in labels)


def multiplies_out(terms, result, op="×"):
    """Whether ``terms`` as written (strings, a negative one maybe in brackets) multiply (or add) to ``result``
    as written: their exact product or sum, rounded half up to the last digit ``result`` shows, is ``result``."""
    from decimal import ROUND_HALF_UP, Decimal

    values = [Decimal(t.strip("()").replace("−", "-")) for t in terms]
    exact = Decimal(1) if op == "×" else Decimal(0)
    for v in values:
        exact = exact * v if op == "×" else exact + v
    shown = Decimal(result.replace("−", "-"))
    return exact.quantize(shown, rounding=ROUND_HALF_UP) == shown if shown.as_tuple().exponent < 0 \
        else exact.quantize(Decimal(1), rounding=ROUND_HALF_UP) == shown


def test_multiplies_out_is_the_check_a_student_makes():
    assert multiplies_out(["0.333", "2"], "0.666") and not multiplies_out(["0.333", "2"], "0.665")
    assert multiplies_out(["4", "(-1)"], "-4") and multiplies_out(["1.5", "0.222"], "0.333")
    assert multiplies_out(["0.332569", "0.5"], "0.166285") and not multiplies_out(["0.332569", "2"], "0.665139")
    assert multiplies_out(["4", "8"], "12", op="+") and not multiplies_out(["0.333", "0.333"], "0.665", op="+")


NUMBER = r"\(?[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?\)?"


@pytest.mark.parametrize("index", range(3))
def test_every_product_on_the_graph_and_in_the_readout_multiplies_out(index):
    """A label read '0.333 × 2 = 0.665' (0.33257 × 2 rounded): the factors as shown must give the product as
    shown, on the edges of the backward walk and in the read-out's sentences, at every step."""
    from calclib.widgets.backprop import describe_step

    output = list(graphs())[index]
    trace = output.backward()
    fig, ax = new_figure(width=8.4, height=4.2, dpi=80)
    artists = plot_graph(ax, output, trace, step=len(trace.steps))
    labels = [t.get_text() for t in artists.edge_labels.values()]
    for text in labels:
        a, b, c = re.fullmatch(rf"({NUMBER}) × ({NUMBER})\n= ({NUMBER})", text).groups()
        assert multiplies_out([a, b], c), text
    for step in range(len(trace.steps) + 1):
        sentence = describe_step(trace, step)
        for a, b, c in re.findall(rf"({NUMBER}) × local ({NUMBER}) = ({NUMBER})", sentence):
            assert multiplies_out([a, b], c), sentence
        meet = re.search(rf"the sum (.*) = ({NUMBER})\.", sentence)
        if meet:
            terms = re.findall(rf"({NUMBER}) \(from", meet.group(1))
            assert len(terms) > 1 and multiplies_out(terms, meet.group(2), op="+"), sentence


def test_the_neuron_figure_shows_both_kinds_of_label():
    """The neuron's walk has a product that 3 digits would get wrong (0.33257 × 2 = 0.66514) beside ones that
    3 digits get right (1.5 × 0.222 = 0.333): each label takes the digits it needs, no more."""
    output = list(graphs())[1]
    trace = output.backward()
    fig, ax = new_figure(width=11.0, height=4.2, dpi=80)
    artists = plot_graph(ax, output, trace, step=len(trace.steps))
    labels = {key[:2]: t.get_text() for key, t in artists.edge_labels.items()}
    assert labels[("a", "z")] == "1.5 × 0.222\n= 0.333"
    assert labels[("w·x", "w")] == "0.33257 × 2\n= 0.66514"
    assert "grad 0.66514" in artists.nodes["w"].get_text()  # what arrives is what the node shows


def test_the_notebook_s_products_multiply_out():
    """Every 'a × b = c' written in the notebook, and the neuron figure's caption, which multiplied
    1.5 by σ'(0.7) ≈ 0.222 and by 2 and wrote ≈ 0.665 (those three give 0.666)."""
    text = "\n".join("".join(c["source"]) for c in cells())
    found = re.findall(rf"((?:{NUMBER} × )+{NUMBER}) (?:=|≈) ({NUMBER})(?![\d.])", text)
    for product, result in found:
        assert multiplies_out(product.split(" × "), result), (product, result)
    source = code_cell("neuron_trace = y.backward()")
    caption = ast.parse(source[source.index("show(fig, "):]).body[0].value.args[1].value  # the string shown
    slope = re.search(r"σ'\(0\.7\) ≈ (\d+\.\d+)", caption).group(1)
    arrives = re.search(r"∂y/∂w = v·σ'\(z\)·x.*?≈ (\d+\.\d+)", caption).group(1)
    assert "1.5 that reaches a" in caption and "x = 2" in caption
    assert multiplies_out(["1.5", slope, "2"], arrives), (slope, arrives)
    assert float(slope) == pytest.approx(float(np.exp(-0.7) / (1 + np.exp(-0.7)) ** 2), abs=10 ** -(len(slope) - 2))


def test_graph_text_is_readable_at_css_size():
    """At 1x the graph's numbers were 8.9 CSS pixels high (8 pt at 80 dpi), then 10: every text of the walk, in the
    explorer and in the notebook's figures, is MIN_TEXT_PX (11) CSS pixels or more as shown (the neuron's
    figure, 880 pixels wide, shrunk to the cell's 833)."""
    from calclib.plotting.style import CELL_WIDTH, MIN_TEXT_PX

    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    explorer = BackpropExplorer(((x1 + x2).named("s1") ** 2 + (x1 - x2).named("s2") ** 2).named("L"), step=7)
    css_dpi = explorer.css_size[0] / explorer.figure.get_size_inches()[0]
    fig, ax = new_figure(width=11.0, height=4.2, dpi=80)
    output = list(graphs())[1]
    plot_graph(ax, output, output.backward())
    for axes, dpi in ((explorer.figure.axes[0], css_dpi), (ax, fig.dpi)):
        shown = dpi * min(1.0, CELL_WIDTH / (axes.figure.get_figwidth() * dpi)) / 72  # CSS pixels a point
        texts = [t for t in axes.texts if t.get_text()] + [axes.title]
        assert len(texts) > 8
        for t in texts:
            assert t.get_fontsize() * shown >= MIN_TEXT_PX, (t.get_text(), t.get_fontsize())


def test_the_walks_play_says_what_it_does_on_hover_and_keeps_its_name():
    """The text named the ▶ 'walk', a description the Play never shows, and its buttons had no tooltip (a
    student read found nothing on screen called walk): the buttons say what they do when the pointer rests on
    them (ipywidgets writes the tooltip as their title only without a description), and a screen reader
    still hears 'walk'."""
    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    explorer = BackpropExplorer(((x1 + x2) ** 2).named("L"))
    play = explorer.passive[0]
    assert play.description == "" and "walks the backward pass" in play.tooltip and "pause" in play.tooltip
    assert explorer.accessible_names()["passive0"] == "walk"
    text = "\n".join("".join(c["source"]) for c in cells() if c["cell_type"] == "markdown")
    assert "(named\n*walk*)" not in text and "rest the pointer on it" in text


def test_the_text_before_the_walk_table_says_how_to_read_each_column():
    """The table of the walk has columns 'sum of arrivals', 'edge walked back' and 'passes on', and blank step
    cells, with no sentence on how to read a row (a student read): the paragraph before it names every column."""
    from calclib.autograd import Value

    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    header = str(((x1 + x2) ** 2).named("L").backward()).splitlines()[0]
    columns = [c.strip() for c in re.split(r"\s{2,}", header.strip())]
    assert columns == ["step", "node", "value", "gradient", "sum of arrivals", "edge walked back", "passes on"]
    index = next(i for i, c in enumerate(cells()) if "".join(c["source"]).rstrip().endswith("trace"))
    before = "".join(cells()[index - 1]["source"]).replace("\n", " ")
    assert all(f"**{column}**" in before for column in columns), before


def test_a_product_node_is_named_with_a_middle_dot_wherever_the_walk_is_written():
    """"x1×x2" read as "x1xx2" in the monospace table and read-out (a student read): a product is named
    x1·x2, in the engine's names, the walk's table, the read-out and the graph, and the notebook writes it so."""
    explorer = run_cell(code_cell("BackpropExplorer((u**2)"), imports())
    trace = explorer.trace
    assert "x1·x2" in trace.names_in_order and not any("×" in name for name in trace.names_in_order)
    assert "u → x1·x2: local 1" in repr(trace) and "x1·x2 → x2: local 2" in repr(trace)
    readouts = []
    for step in range(explorer.controls["step"].max + 1):
        explorer.controls["step"].value = step
        readouts.append(explorer.text)
    assert any("x1·x2 receives 24 from u" in text for text in readouts)
    assert not any(re.search(r"\w×\w", text) for text in readouts)
    assert explorer.artists.nodes["x1·x2"].get_text().startswith("x1·x2\n")
    caption = code_cell("neuron_trace = y.backward()")
    assert "the node w·x," in caption and "w×x" not in caption
    neuron = list(graphs())[1].backward()
    assert "w·x" in neuron.names_in_order


def test_the_text_says_when_the_inputs_sums_are_complete_as_the_picture_shows_it():
    """At step 5 the boxes of x1 and x2 already show their final gradients (the second path has delivered),
    while the read-out's "paths meet" comes at steps 6 and 7: the text before the walk says so, with the
    steps and numbers the walk shows."""
    output = list(graphs())[0]
    explorer = BackpropExplorer(output, step=4)
    trace = explorer.trace
    last_arrival = {name: max(k + 1 for k, s in enumerate(trace.steps) for e in s.edges if e.parent == name)
                    for name in ("x1", "x2")}
    finished = {s.node: k + 1 for k, s in enumerate(trace.steps)}
    assert set(last_arrival.values()) == {5} and {finished["x1"], finished["x2"]} == {6, 7}
    explorer.controls["step"].value = 5
    for name in ("x1", "x2"):
        assert explorer.artists.nodes[name].get_text().endswith(f"grad {trace.gradients[name]:g}")
    # and the read-out says it where the picture shows it, with the sums as they add up
    assert explorer.text.endswith("That completes x1 (4 + 8 = 12) and x2 (−4 + 8 = 4): every path has arrived.")
    explorer.controls["step"].value = 4
    assert "completes" not in explorer.text and "Still waiting for another path: x1 (so far 4)" in explorer.text
    for step in (6, 7):
        explorer.controls["step"].value = step
        assert "paths meet at" in explorer.text
    text = "\n".join("".join(c["source"]) for c in cells() if c["cell_type"] == "markdown")
    words = " ".join(text.split())
    assert ("When $s_1$ sends its 8 along both edges, each carries $8 \\times 1 = 8$: $s_1 = x_1 + x_2$, so both of "
            "its local derivatives are 1") in words
    assert ("The second path reaches both inputs, and their boxes show the finished sums at once (*grad 12* and "
            "*grad 4*). The walk still gives each input a step of its own, 6 and 7,") in words
    # ... said after the explorer: the text before it asks for a prediction and gives away no sum (a student
    # read: "(grad 12 and grad 4)" stood in the paragraph that asked to predict them)
    sources = ["".join(c["source"]) for c in cells()]
    at = sources.index("BackpropExplorer(loss, step=4)")
    assert "predict what step 5 sends" in sources[at - 1] and "grad 12" not in sources[at - 1]
    # and the answer after it is closed until opened (a later read: it stood on the same screen as the prompt)
    assert sources[at + 1].startswith("<details>\n<summary>What step 5 did (open it once you have stepped)</summary>")
    assert (trace.gradients["x1"], trace.gradients["x2"]) == (12, 4)


def test_the_neuron_caption_is_short_and_says_once_why_numbers_differ_in_digits():
    """The boxes give a gradient to 5 digits, the arrows' labels to 3 or more: z's box read 0.33257 and the
    arrow into it 0.333, and nothing said why. Then the caption said it at length: six sentences, half of them on
    rounding (a student read). Now: the path of the gradient to w, and one short sentence on the digits, whose
    numbers are the figure's (BOX_DIGITS in the boxes, 3 on an arrow, more on the arrow that needs them)."""
    from calclib.plotting.graph import BOX_DIGITS

    output = list(graphs())[1]
    trace = output.backward()
    fig, ax = new_figure(width=11.0, height=4.2, dpi=80)
    artists = plot_graph(ax, output, trace, step=len(trace.steps))
    box = re.search(r"grad (\S+)$", artists.nodes["z"].get_text()).group(1)
    arrow = artists.edge_labels[next(k for k in artists.edge_labels if k[:2] == ("a", "z"))].get_text().split("= ")[-1]
    longer = artists.edge_labels[next(k for k in artists.edge_labels if k[:2] == ("w·x", "w"))].get_text()
    assert len(box.strip("0.")) == BOX_DIGITS and len(arrow.strip("0.")) == 3 and box != arrow
    source = code_cell("neuron_trace = y.backward()")
    joined = re.sub(r'"\s*\n\s*"', "", source[source.index("show(fig"):])  # the caption's strings joined
    caption = re.search(r'show\(fig, "(.*)"\)', joined, re.S).group(1)
    sentences = re.split(r"(?<=[.)])\s+(?=[A-Z])", caption)
    words = [w for w in caption.split() if re.search(r"\w", w)]  # not the signs = × ≈
    assert len(sentences) == 2 and len(words) <= 65, (len(words), sentences)  # it was 3 long ones, 108 words
    digits = sentences[1]
    assert digits.startswith(f"Boxes show {BOX_DIGITS} digits, arrows 3, or more where 3 would not multiply out")
    assert f"({longer.splitlines()[0]})" in digits  # "0.33257 × 2", as that arrow's label writes it


def test_the_title_gives_the_current_nodes_gradient_as_its_box_does():
    """The neuron figure's title gave 0.668188 beside the box's 0.66819 (a student read): one precision."""
    output = list(graphs())[1]
    trace = output.backward()
    explorer = BackpropExplorer(output)
    for step in range(1, len(trace.steps) + 1):
        explorer.controls["step"].value = step
        node = trace.steps[step - 1].node
        box = explorer.artists.nodes[node].get_text().splitlines()[-1].removeprefix("grad ")
        assert f"{node} has its gradient, {box}" in explorer.artists.title.get_text(), (step, box)


def test_the_mix_ups_a_student_read_made_get_their_own_hints():
    """03's dy/dw (1.180) for 07's dy/dv, and 2 for the passes (told "half the right one")."""
    for typed in (1.18, 1.1797):
        assert "dy/dw of notebook 03's neuron" in check("07.dy-dv", typed).message
    assert "half" not in check("07.passes", 2).message


def _point_to_segment(p, a, b):
    d = b - a
    t = np.clip(np.dot(p - a, d) / np.dot(d, d), 0.0, 1.0)
    return float(np.hypot(*(p - (a + t * d))))


@pytest.mark.parametrize("index", range(3))
def test_each_edge_label_plainly_belongs_to_its_own_arrow(index):
    """Where the arrows of x1 → s2 and x2 → s1 cross, the labels "4 × 1" and "8 × 1" sat side by side, each 5
    pixels from the other arrow, and a student could not tell which was whose. Each label's centre is now
    nearer its own arrow than any other, and its box keeps 10 points of air from every arrow not its own
    (arrows measured in display coordinates, as far as they show outside the boxes)."""
    output = list(graphs())[index]
    trace = output.backward()
    fig, ax = new_figure(width=8.4, height=4.2, dpi=80)
    artists = plot_graph(ax, output, trace, step=len(trace.steps))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    arrows = {}
    for key in artists.edges:  # forward and backward arrow of each edge, cut short where they end (by the boxes)
        arrows[key] = []
        for arrow in (artists.edges[key], artists.backward[key]):
            a, b = (ax.transData.transform(p) for p in (arrow.xyann, arrow.xy))
            along = (b - a) / np.hypot(*(b - a))
            cut_a, cut_b = (shrink * fig.dpi / 72 for shrink in (arrow.arrow_patch.shrinkA, arrow.arrow_patch.shrinkB))
            arrows[key].append((a + cut_a * along, b - cut_b * along))
    clear = 10 * fig.dpi / 72
    for key, label in artists.edge_labels.items():
        centre = ax.transData.transform(label.get_position())
        box = label.get_window_extent(renderer)
        own = min(_point_to_segment(centre, a, b) for a, b in arrows[key])
        for other, pair in arrows.items():
            if other == key:
                continue
            assert own < min(_point_to_segment(centre, a, b) for a, b in pair), (key, other)
            for a, b in pair:  # sample the other arrow's line: how close it comes to the label's box
                points = a + np.linspace(0, 1, 400)[:, None] * (b - a)
                gap_x = np.maximum(np.maximum(box.x0 - points[:, 0], points[:, 0] - box.x1), 0)
                gap_y = np.maximum(np.maximum(box.y0 - points[:, 1], points[:, 1] - box.y1), 0)
                assert np.hypot(gap_x, gap_y).min() >= clear, (label.get_text(), other)


def drawn_arrow_segments(arrow):
    """The straight pieces of the path an annotation's arrow is drawn along, line and head, in display coordinates."""
    patch = arrow.arrow_patch
    path = patch.get_transform().transform_path(patch.get_path())
    return [(a, b) for polygon in path.to_polygons(closed_only=False) for a, b in zip(polygon[:-1], polygon[1:])]


EXPLORER_WIDTH = BackpropExplorer.__init__.__kwdefaults__["width"]


@pytest.mark.parametrize("index, width", [(0, 8.4), (1, 11.0), (2, 8.4), (0, EXPLORER_WIDTH), (2, EXPLORER_WIDTH)])
def test_no_arrow_runs_through_an_edge_label(index, width):
    """Each label was centred on its edge, so the grey forward arrow ran through its text ("1 × 8 = 8", "4 × (−1)"; in
    the neuron graph a grey head touched "1.5 × 0.222 = 0.333"; exercise 4's "24 × 2 = 48" sat on both lines). A label
    sits beside its own pink arrow, on the side away from the grey one: no arrow, its own or another, line or head,
    meets its box. (At the notebook's sizes: the static worked example at 8.4 inches, the neuron at 11, and the
    explorers of the worked example and exercise 4 at their width.)"""
    output = list(graphs())[index]
    trace = output.backward()
    fig, ax = new_figure(width=width, height=4.2, dpi=80)
    artists = plot_graph(ax, output, trace, step=len(trace.steps))
    for arrow in artists.backward.values():
        arrow.set_visible(True)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    from calclib.plotting.graph import box_to_segment

    paths = {(kind, key): drawn_arrow_segments(arrow) for kind, group in (("forward", artists.edges),
                                                                          ("backward", artists.backward))
             for key, arrow in group.items()}
    for key, label in artists.edge_labels.items():
        box = label.get_window_extent(renderer)
        for (kind, other), segments in paths.items():
            air = min(box_to_segment(box, a, b) for a, b in segments)
            assert air >= 1.0, (label.get_text(), kind, other, air)
        for name, node in artists.nodes.items():  # nor does a box cover it
            assert not node.get_bbox_patch().get_window_extent(renderer).overlaps(box), (label.get_text(), name)


def test_the_training_text_reads_the_log_plot_as_it_looks():
    """The text said the loss falls "more slowly" near the end, where the log axis shows a straight line: a
    constant factor per step. The text now says so, with the factor and the steps per tenfold of the run."""
    namespace = imports()
    run_cell(code_cell("learning_rate = "), namespace)
    loss = np.array(namespace["history"])[:, 1]
    factors = loss[1:] / loss[:-1]
    late = factors[100:]
    assert late.max() - late.min() < 0.005 and round(float(late.mean()), 3) == 0.975  # straight from step 100
    assert factors[:10].max() < 0.9 and round(loss[0] / loss[10]) == 16  # steep at first: sixteenfold in 10
    assert round(np.log(0.1) / np.log(float(late.mean())), -1) == 90  # tenfold about every 90 steps
    text = " ".join("\n".join("".join(c["source"]) for c in cells() if c["cell_type"] == "markdown").split())
    assert "more slowly" not in text
    assert ("the first 10 cut the loss sixteenfold); from about step 100 the curve is a straight line: each step "
            "multiplies the loss by the same factor, about 0.975, so it falls tenfold about every 90 steps") in text


def test_the_text_on_the_walk_s_starting_step_stays_true_once_the_walk_is_moved():
    """"The picture below stops at step 4" stopped being true once a student moved the walk and the notebook was
    saved and opened again. The text names the step the explorer starts at, as its cell does."""
    step = int(re.search(r"BackpropExplorer\(loss, step=(\d+)\)", code_cell("BackpropExplorer(loss, step=")).group(1))
    text = " ".join("\n".join("".join(c["source"]) for c in cells() if c["cell_type"] == "markdown").split())
    assert "picture below stops" not in text
    n = len(list(graphs())[0].backward().steps)
    assert f"The explorer below starts halfway, at step {step} of {n} (`step={step}` in its cell)" in text


def test_slips_found_in_the_second_student_read_of_07():
    """Found by a student read (session 10): 3·σ'(1) typed for dy/dv was called dy/dw (it is dy/db = dy/dz;
    dy/dw carries x = 2 too); the worked example's J is symmetric, so J∇ gave the right (12, 4) by luck and
    the transpose showed nothing until a layer that is not symmetric; and "3 outputs, 1000 inputs" was
    taught only in its solution (a backward pass gives one row of the Jacobian)."""
    from calclib import sigmoid_derivative

    message = check("07.dy-dv", 3 * sigmoid_derivative(1.0)).message
    assert "dy/db" in message and "dy/dw" not in message, message
    assert "dy/dw" in check("07.dy-dv", 3 * sigmoid_derivative(1.0) * 2).message
    sources = ["".join(c["source"]) for c in cells()]
    asymmetric = next(s for s in sources if s.startswith("J2 = numerical_jacobian"))
    assert "2 * p[0] - p[1]" in asymmetric
    words = " ".join("\n".join(s for s, c in zip(sources, cells()) if c["cell_type"] == "markdown").split())
    assert "equals its own transpose" in words and "(28, -2)" in words and "(18, 6)" in words
    assert "one **row** of the Jacobian" in words and "$m$ backward passes" in words
    one_row = next(s for s in sources if s.startswith("a1, a2 = Value(3.0"))  # and shown: a pass from s2 alone
    assert '(2 * a1 - a2).named("s2").backward()' in one_row and "row 2 of J2" in one_row


def test_a_finished_pass_singles_out_no_node():
    """Found by a student read: the notebook's pictures of the finished pass showed x1 (and v) in orange,
    "being processed", with nothing being processed. They are drawn with highlight=False: no orange box or
    arrow, and a title that says the pass is done; the explorer's last step still marks its node."""
    from matplotlib.colors import same_color

    from calclib.plotting.graph import CURRENT

    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    loss = ((x1 + x2) ** 2 + (x1 - x2) ** 2).named("L")
    trace = loss.backward()
    for highlight, marked in ((False, 0), (True, 1)):
        fig, ax = new_figure(width=8.4, height=4.2, dpi=80)
        artists = plot_graph(ax, loss, trace, step=len(trace.steps), highlight=highlight)
        boxes = [t.get_bbox_patch().get_edgecolor() for t in artists.nodes.values()]
        assert sum(same_color(c, CURRENT) for c in boxes) == marked
        title = artists.title.get_text()
        assert (title == "backward pass done: every node has its gradient") == (not highlight), title
    sources = ["".join(c["source"]) for c in cells()]
    assert sum("highlight=False" in s for s in sources if "plot_graph(" in s) == 2


def test_the_division_exercise_hint_points_the_way_without_giving_the_derivatives():
    """A student read: a function returning one number got the hint "∂q/∂a = 1/b and ∂q/∂b = −a/b²", the whole
    answer. The hint now says what to return and how to find each derivative, not what they are."""
    message = check("07.div-backward", lambda a, b, upstream: upstream / b).message
    assert "one number" in message and "Return a pair" in message
    for giveaway in ("1/b", "a/b²", "a/b^2", "−a/b", "-a/b"):
        assert giveaway not in message, giveaway
