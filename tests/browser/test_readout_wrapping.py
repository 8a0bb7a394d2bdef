"""Read-outs in Chromium: a long read-out wraps at its spaces only, never inside a number, and stays in its box.

Each read-out's own HTML (the widget's value) is laid out at widths from a narrow notebook column down
to a phone; the line breaks Chromium chooses are read back letter by letter.
"""
import pytest

# every line of the read-out's text, as laid out at each width (px) in a box of that width
JS_LINES = """([html, widths]) => widths.map((width) => {
  const box = document.createElement('div');
  box.style.width = width + 'px';
  box.innerHTML = html;
  document.body.appendChild(box);
  const out = box.querySelector('div');
  const walker = document.createTreeWalker(out, NodeFilter.SHOW_TEXT);
  const lines = [];
  const range = document.createRange();  // one range, moved letter by letter (a new one each letter: 25 % slower)
  let line = '', top = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (rect && top !== null && rect.top > top + 2) { lines.push(line); line = ''; }
      if (rect) top = rect.top;
      line += node.data[i];
    }
  }
  lines.push(line);
  const result = {width, lines, overflow: out.scrollWidth > out.clientWidth};
  box.remove();
  return result;
})"""


def readouts():
    import numpy as np

    from calclib.widgets.activations import ActivationExplorer, DepthExplorer
    from calclib.widgets.jacobian import LinearizationExplorer
    from calclib.widgets.landscape import DirectionDialExplorer, GradientDescentExplorer, LandscapeExplorer

    activation = ActivationExplorer("tanh", x=-5.95)
    yield activation.readout.value
    activation.set_controls({"name": "gelu", "x": -1.45})
    yield activation.readout.value
    depth = DepthExplorer(depth=10, weight=0.5, z=-3.0)
    yield depth.readout.value
    yield DirectionDialExplorer("bowl", point=(-3.0, -4.0), angle_degrees=200).readout.value
    yield LandscapeExplorer("bowl", point=(-2.5, -1.5)).readout.value
    yield GradientDescentExplorer("elongated bowl", learning_rate=0.112).readout.value  # stopped, far from the origin
    linearization = LinearizationExplorer(lambda p: np.array([p[0]**2 + p[1], p[0] * p[1]]), np.array([3.0, 2.0]))
    linearization.set_controls({"radius": 10**-3.9, "angle": 200})
    yield linearization.readout.value
    yield from other_readouts()


def other_readouts():
    """The read-outs of every other explorer, as built in the notebooks, at both ends of its main control
    (their words are kept whole by the explorers' base class, whatever the text)."""
    import numpy as np
    import sympy as sp

    import calclib as cl
    from calclib.autograd import Value
    from calclib.widgets import LimitExplorer, SecantExplorer
    from calclib.widgets.activations import SoftmaxExplorer
    from calclib.widgets.backprop import BackpropExplorer
    from calclib.widgets.base import slider_grid
    from calclib.widgets.chain import ChainExplorer
    from calclib.widgets.quadratic import QuadraticFormExplorer
    from calclib.widgets.rules import ProductRuleExplorer

    x, u, y = sp.symbols("x u y")
    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    for explorer in (
            SecantExplorer("sin x", x0=1.0, h=1.0),
            LimitExplorer(cl.Quotient(lambda t: t**2 - 1, lambda t: t - 1), a=1, limit=2, x_range=(0, 2)),
            ChainExplorer(cl.Chain(x, [(u, 3 * x + 1), (y, u**2)]), x0=2.0, dx=1e-3, x_range=(-2.0, 3.0)),
            ProductRuleExplorer(lambda t: t**2, lambda t: t + 1, x0=1.0, dx=0.1, x_range=(0.5, 1.5)),
            BackpropExplorer(((x1 + x2)**2 + (x1 - x2)**2).named("L")),
            QuadraticFormExplorer(np.array([[1.0, -2.0], [0.0, 3.0]])),
            SoftmaxExplorer(logits=(2.0, 1.0, 0.1, -1.0), temperature=1.0)):
        grid = slider_grid(explorer.controls[explorer.main_control])
        for value in (grid[0], grid[-1]):
            explorer.set_controls({explorer.main_control: value})
            yield explorer.readout.value


@pytest.fixture
def plain_page(shared_chromium):
    context = shared_chromium.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.set_content("<!doctype html><html><body style='margin:0'></body></html>")
    yield page
    context.close()


def test_a_read_out_is_the_same_without_its_picture(monkeypatch):
    """What frames_not_drawn (tests/conftest.py) leaves out changes no read-out: one explorer moved with its
    frames drawn, then without (a read-out that needed its picture would differ here). Drawing the pictures
    took five sixths of test_readouts_wrap_only_between_words' time."""
    from calclib.widgets.activations import ActivationExplorer
    from calclib.widgets.base import Explorer

    def moved():
        explorer = ActivationExplorer("tanh", x=-5.95)
        seen = [explorer.readout.value]
        explorer.set_controls({"name": "gelu", "x": -1.45})
        return explorer, seen + [explorer.readout.value]

    drawn, with_pictures = moved()
    assert drawn.image.value[:3] == b"\xff\xd8\xff"
    monkeypatch.setattr(Explorer, "_render_frame", lambda self, key: b"")
    blank, without = moved()
    assert blank.image.value == b"" and without == with_pictures


def test_readouts_wrap_only_between_words(plain_page, frames_not_drawn):  # (tests/conftest.py)
    widths = list(range(120, 721, 12))
    for html in readouts():
        for layout in plain_page.evaluate(JS_LINES, [html, widths]):
            lines = layout["lines"]
            # each line but the last ends where a space was: no word (a number, f′(−0.19)) is cut in two
            assert all(line.endswith(" ") for line in lines[:-1]), [layout["width"], *lines]
            assert not layout["overflow"], lines  # and no word sticks out of the box
