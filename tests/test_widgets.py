"""Widgets driven from Python: set a control, check that artists and read-outs moved."""
import itertools
import base64
import io

import numpy as np
from PIL import Image
import pytest

import calclib as cl
from calclib.widgets import EpsilonDeltaExplorer, LimitExplorer, SecantExplorer

pytestmark = pytest.mark.usefixtures("warnings_are_errors")

F = cl.Quotient(lambda x: x**2 - 1, lambda x: x - 1)


def extremes(control):
    """Every value a student can reach at the ends of a control."""
    import ipywidgets as widgets

    if isinstance(control, widgets.FloatLogSlider):  # min and max are exponents
        return [control.base**control.min, control.base**control.max, control.value]
    if hasattr(control, "options") and control.options:
        opts = control.options
        return [o[1] if isinstance(o, tuple) else o for o in opts]
    return [control.min, control.max, control.value]


def nth(factories, index):
    """Build only the index-th explorer of a group."""
    return next(itertools.islice(factories, index, None))()


def drive_every_control_to_its_extremes(explorer):
    figure, n_artists = explorer.figure, len(explorer.figure.axes[0].get_children())
    for name, control in explorer.controls.items():
        for value in extremes(control):
            control.value = value
            assert explorer.text and "nan" not in explorer.text, (name, value, explorer.text)
            assert explorer.image.value[:3] == b"\xff\xd8\xff"  # a JPEG frame for the live view
    # a PNG for saved outputs, once: it encodes the picture drawn above, whatever the values (30 ms at 2x,
    # about 8 s of this module's time when it was made at every value)
    assert explorer._png[:8] == b"\x89PNG\r\n\x1a\n"
    assert explorer.figure is figure  # drawn once, never re-created
    assert len(explorer.figure.axes[0].get_children()) == n_artists  # nothing piles up


def test_secant_explorer_moves_in_place():
    e = SecantExplorer("x^2", x0=3.0, h=1.0)
    assert "secant slope = 7" in e.text and "f′(x) = 6" in e.text
    secant_before = e.artists.secant.get_ydata().copy()
    e.controls["size"].value = 0.01
    assert "secant slope = 6.01" in e.text
    assert not np.allclose(e.artists.secant.get_ydata(), secant_before)
    e.controls["sign"].value = -1
    assert "h = −0.01" in e.text and "secant slope = 5.99" in e.text


def test_secant_explorer_function_switch_keeps_x_in_domain():
    e = SecantExplorer("x^2", x0=-0.5, h=1.0)
    e.controls["function"].value = "ln x"
    assert e.controls["x0"].value >= 1.05
    assert "f(x) = ln x" in e.text
    (left, right), (lo, hi) = e.artists.curve.axes.get_xlim(), cl.catalog()["ln x"].view
    assert left < lo < hi < right and (right - left) < 1.1 * (hi - lo)  # the view, and a margin for the points


def test_secant_play_shrinks_h():
    e = SecantExplorer()
    e.controls["play"].value = e.controls["play"].max
    assert e.controls["size"].value == pytest.approx(1e-12)
    assert "h = 1e−12" in e.text
    e.controls["size"].value = 10 ** e.controls["size"].max
    assert "h = 1:" in e.text


@pytest.mark.parametrize("function", sorted(cl.catalog()))
def test_secant_explorer_extremes(function):
    e = SecantExplorer(function, x0=1.5, h=1.0)
    drive_every_control_to_its_extremes(e)


def test_secant_explorer_bad_input():
    with pytest.raises(ValueError, match="`function` must be one of"):
        SecantExplorer("tan x")
    with pytest.raises(ValueError, match="`x0` = -1 is outside the domain of ln x"):
        SecantExplorer("ln x", x0=-1.0)
    with pytest.raises(ValueError, match="`h` must have size between"):
        SecantExplorer(h=0.0)


def test_limit_explorer():
    e = LimitExplorer(F, a=1, limit=2, x_range=(0, 2))
    assert e.text.startswith("x = 0.9, f(x) = 1.9") and "undefined (0/0)" in e.text
    e.controls["side"].value = 1
    e.controls["distance"].value = 1e-3
    assert e.text.startswith("x = 1.001, f(x) = 2.001")
    assert e.artists.point.get_xdata()[0] == pytest.approx(1.001)
    drive_every_control_to_its_extremes(e)


def test_limit_explorers_titles_stay_inside_the_picture_at_every_distance():
    from calclib.widgets.base import slider_grid

    e = LimitExplorer(F, a=1, limit=2, x_range=(0, 2))
    renderer = e.figure.canvas.get_renderer()
    inside = e.figure.bbox
    for distance in slider_grid(e.controls["distance"]):
        e.controls["distance"].value = distance
        for ax in e.figure.axes:
            box = ax.title.get_window_extent(renderer)
            assert inside.x0 <= box.x0 and box.x1 <= inside.x1, f"{ax.title.get_text()!r} at d = {distance:g}"


def test_epsilon_delta_explorer():
    e = EpsilonDeltaExplorer(F, a=1, limit=2)
    e.controls["epsilon"].value = 0.1
    assert "δ = 0.1" in e.text
    assert e.artists.delta_band.get_width() == pytest.approx(0.2, rel=1e-3)
    drive_every_control_to_its_extremes(e)


def test_explorer_output_works_without_a_widget_frontend():
    explorer = SecantExplorer()
    bundle, metadata = explorer._repr_mimebundle_()
    assert {"text/plain", "image/png", "application/vnd.jupyter.widget-view+json"} <= set(bundle)
    image = Image.open(io.BytesIO(base64.b64decode(bundle["image/png"])))
    width, height = explorer.css_size
    assert image.size == (2 * width, 2 * height) and metadata == {"image/png": {"width": width, "height": height}}
    assert bundle["text/plain"].startswith("f(x) = x^2")


def test_chain_explorer():
    import sympy as sp

    from calclib.widgets.chain import ChainExplorer

    x, u, y = sp.symbols("x u y")
    e = ChainExplorer(cl.Chain(x, [(u, 3 * x + 1), (y, u**2)]), x0=2.0, dx=1e-3)
    assert "product 42" in e.text and "42.009" in e.text
    before = e.artists[1].tangent.get_ydata().copy()
    e.controls["x"].value = 1.0
    assert "dy/du = 8" in e.text and "product 24" in e.text
    assert not np.allclose(e.artists[1].tangent.get_ydata(), before)
    drive_every_control_to_its_extremes(e)
    with pytest.raises(ValueError, match="`x0` must lie in x_range"):
        ChainExplorer(cl.Chain(x, [(u, 3 * x + 1)]), x0=9.0)
    with pytest.raises(TypeError, match="`chain` must be a calclib Chain"):
        ChainExplorer("chain")


def test_product_rule_explorer():
    from calclib.widgets.rules import ProductRuleExplorer

    e = ProductRuleExplorer(lambda t: t**2, lambda t: t + 1)
    assert "corner Δf·Δg = 0.021" in e.text
    e.controls["dx"].value = 1e-4
    assert "(f·Δg + g·Δf)/dx = 5.0002" in e.text
    assert e.artists.corner.get_width() == pytest.approx(2e-4, rel=1e-3)
    drive_every_control_to_its_extremes(e)


def all_explorers():
    import sympy as sp

    from calclib.widgets.chain import ChainExplorer
    from calclib.widgets.rules import ProductRuleExplorer

    x, u, y = sp.symbols("x u y")
    yield SecantExplorer()
    yield SecantExplorer("sin x", x0=1.234, h=0.3)
    yield LimitExplorer(F, a=1, limit=2, distance=0.07)
    yield EpsilonDeltaExplorer(F, a=1, limit=2, epsilon=0.123)
    yield ChainExplorer(cl.Chain(x, [(u, 3 * x + 1), (y, u**2)]), x0=2.01, dx=0.003)
    yield ProductRuleExplorer(lambda t: t**2, lambda t: t + 1, x0=0.77, dx=0.3)
    yield from explorers_05_06()
    yield from explorers_07_08()
    yield from explorers_09_10()


def factories_05_06():
    """One function per explorer (so that a test builds only the one it needs)."""
    from calclib.widgets.jacobian import LinearizationExplorer
    from calclib.widgets.landscape import DirectionDialExplorer, GradientDescentExplorer, LandscapeExplorer

    yield lambda: LandscapeExplorer("bowl", point=(3.0, 4.0))
    yield lambda: LandscapeExplorer("rosenbrock", point=(0.33, 1.27))
    yield lambda: DirectionDialExplorer(angle_degrees=47.3)
    yield lambda: GradientDescentExplorer("elongated bowl", learning_rate=0.05)
    yield lambda: GradientDescentExplorer("rosenbrock")
    yield lambda: LinearizationExplorer(lambda p: np.array([p[0] ** 2 + p[1], p[0] * p[1]]), [3.0, 2.0], radius=0.3)


def explorers_05_06():
    return (make() for make in factories_05_06())


@pytest.mark.parametrize("index", range(6))
def test_05_06_explorers_at_their_extremes(index):
    drive_every_control_to_its_extremes(nth(factories_05_06(), index))


def test_landscape_explorer_follows_the_point():
    from calclib.widgets.landscape import LandscapeExplorer

    e = LandscapeExplorer("bowl", point=(3.0, 4.0))
    assert e.text == "at (3, 4): f = 25, ∂f/∂x = 6, ∂f/∂y = 8, |∇f| = 10"
    e.controls["x"].value = 0.0
    e.controls["y"].value = 0.0
    assert "∂f/∂x = 0, ∂f/∂y = 0" in e.text
    assert list(e.artists.point.get_xdata()) == [0.0]
    with pytest.raises(ValueError, match="`point` must lie in the window"):
        LandscapeExplorer("bowl", point=(30.0, 0.0))
    with pytest.raises(ValueError, match="`landscape` must be one of"):
        LandscapeExplorer("volcano")


def test_direction_dial_peaks_along_the_gradient():
    from calclib.widgets.landscape import DirectionDialExplorer

    e = DirectionDialExplorer(angle_degrees=90)
    assert "∇f · u = 6·0 + 8·1 = 8" in e.text
    e.controls["angle"].value = 53
    assert "= 10;" in e.text  # 9.99997, at 0.13° from the gradient; 6·0.6018 + 8·0.7986 is 9.9996 by hand
    e.controls["angle"].value = 0
    assert "= 6;" in e.text
    with pytest.raises(ValueError, match="is flat"):
        DirectionDialExplorer(point=(0.0, 0.0))


def test_descent_explorer_diverges_with_a_message():
    from calclib.widgets.landscape import GradientDescentExplorer

    e = GradientDescentExplorer("elongated bowl")
    e.controls["rate"].value = 10 ** e.controls["rate"].max
    assert "diverged" in e.text and "too large" in e.text
    e.controls["landscape"].value = "bowl"
    assert e.text.startswith("bowl, learning rate 0.1")
    assert e.controls["rate"].max == pytest.approx(0.2)  # an exponent: rates up to 10^0.2


def test_linearization_gap_shrinks_like_r_squared():
    from calclib.widgets.jacobian import LinearizationExplorer

    e = LinearizationExplorer(lambda p: np.array([p[0] ** 2 + p[1], p[0] * p[1]]), [3.0, 2.0])
    gaps = []
    for r in (0.1, 0.01):
        e.controls["radius"].value = r
        gaps.append(float(e.text.split("is ")[1].split(",")[0]))
    assert gaps[0] / gaps[1] == pytest.approx(100, rel=1e-3)
    with pytest.raises(ValueError, match="must map R\\^2 to R\\^2"):
        LinearizationExplorer(lambda p: p[0], [1.0, 2.0])


@pytest.fixture(scope="module")
def every_explorer():
    """Every explorer at its defaults, built once for the tests that only look at them."""
    return list(all_explorers())


def test_every_frame_drawn_ahead_is_the_frame_a_fresh_draw_makes(every_explorer):
    """Drawing ahead runs update() for values the controls do not hold: the pictures must be the
    ones the explorer draws when the controls do hold them, and the explorer must be left as it was."""
    from tests.test_frames import _frame, _grid_values, _pixels, encode_frame

    checked = 0
    for explorer in every_explorer:
        control, values = _grid_values(explorer)
        if not values:
            continue
        name = next(n for n, c in explorer.controls.items() if c is control)
        text, frame, start = explorer.text, explorer.image.value, control.value
        ahead = {}
        for value in values:
            explorer.draw_ahead({name: value})
            ahead[value] = _frame(explorer).copy()  # the canvas holds the frame drawn ahead
            kept = explorer.frames.get(explorer.frame_key({name: value}))
            assert kept == encode_frame(explorer), f"{type(explorer).__name__}: the frame kept is not the one drawn"
        label = f"{type(explorer).__name__}.{name}"
        assert explorer.text == text and explorer.update() == text, label  # the read-out is untouched
        explorer.ensure_drawn()  # the canvas is brought back to the controls' values
        assert np.abs(_pixels(encode_frame(explorer)) - _pixels(frame)).max() <= 8, label
        for value in values:
            control.value = value  # from Python: always drawn afresh
            # the same pixels (pasted labels may differ from drawn ones by one level, as above)
            assert np.abs(_frame(explorer) - ahead[value]).max() <= 1, f"{label} = {value}"
        control.value = start  # as the other tests of this module expect to find it
        checked += 1
    assert checked >= 15


def test_every_default_sits_on_its_slider_grid(every_explorer):
    """A browser slider snaps its value to min + k·step and sends it back: defaults must already be there."""
    import ipywidgets as widgets

    for explorer in every_explorer:
        for name, c in explorer.controls.items():
            if isinstance(c, widgets.FloatLogSlider):
                k = (np.log10(c.value) - c.min) / c.step
            elif isinstance(c, widgets.FloatSlider):
                k = (c.value - c.min) / c.step
            else:
                continue
            assert abs(k - round(k)) < 1e-6, (type(explorer).__name__, name, c.value)


def test_each_explorer_marks_one_main_control_and_its_figure(every_explorer):
    for explorer in every_explorer:
        marked = [n for n, c in explorer.controls.items() if "calclib-main-control" in c._dom_classes]
        assert len(marked) == 1
        assert "calclib-figure" in explorer.image._dom_classes


def factories_07_08():
    """One function per explorer (so that a test builds only the one it needs)."""
    from calclib.autograd import Value
    from calclib.widgets.backprop import BackpropExplorer
    from calclib.widgets.quadratic import QuadraticFormExplorer

    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    yield lambda: BackpropExplorer(((x1 + x2) ** 2 + (x1 - x2) ** 2).named("L"))
    yield lambda: QuadraticFormExplorer([[1.0, 2.0], [0.0, 3.0]])


def explorers_07_08():
    return (make() for make in factories_07_08())


@pytest.mark.parametrize("index", range(2))
def test_07_08_explorers_at_their_extremes(index):
    drive_every_control_to_its_extremes(nth(factories_07_08(), index))


def test_backprop_play_moves_the_slider_in_the_browser_and_is_brought_to_the_slider_when_pressed():
    """The Play moves the slider in the browser, one way only: linked both ways, every key press also sent the
    Play's value to the kernel, a message ahead of the slider's (9 ms a key press, measured). A press on play
    brings the Play to the slider's step (the walk goes on from there); a slider moved while it plays pauses it;
    the kernel sends the Play no step at any other time (a value coming back late would pull the slider to a
    step it has left: tests/browser/test_handles_in_browser.py)."""
    from ipywidgets.widgets.widget_link import DirectionalLink

    e = next(explorers_07_08())
    link = e._walk_link
    assert isinstance(link, DirectionalLink)
    assert (link.source, link.target) == ((e.play, "value"), (e.controls["step"], "value"))
    e.play.value = 0
    e.controls["step"].set_state({"value": 3})  # a move from the browser: the Play is not told
    assert e.play.value == 0
    e.play.set_state({"playing": True})  # play pressed in the browser
    assert e.play.value == 3
    for step in (4, 5):  # the Play's steps: the slider's move to the next step comes first, then the Play's value
        e.controls["step"].set_state({"value": step})
        e.play.set_state({"value": step})
    assert e.play.playing and e.play.value == 5
    e.controls["step"].set_state({"value": 2})  # the student takes the slider while it plays: the walk pauses
    assert not e.play.playing and e.play.value == 5  # and no step is sent
    e.controls["step"].set_state({"value": 0})


def test_backprop_explorer_walks_the_trace():
    e = next(explorers_07_08())
    assert e.text.startswith("Forward pass done (L = 20)")
    e.controls["step"].value = e.controls["step"].max
    assert "paths meet at x1" in e.text and "= 12" in e.text
    label = e.artists.nodes["x1"].get_text()
    assert "grad 12" in label
    e.controls["step"].value = 1
    assert "grad ?" in e.artists.nodes["x1"].get_text()
    with pytest.raises(TypeError, match="`output` must be a calclib.autograd.Value"):
        type(e)(3.0)


def test_quadratic_explorer_symmetric_part():
    e = nth(factories_07_08(), 1)
    assert "S = (A + Aᵀ)/2 = [[1, 1], [1, 3]]" in e.text and "identical" in e.text
    e.controls["a12"].value = 3.0
    e.controls["a21"].value = -1.0
    assert "S = (A + Aᵀ)/2 = [[1, 1], [1, 3]]" in e.text  # a12 + a21 unchanged: S unchanged
    e.controls["a21"].value = 3.0
    assert "[[1, 3], [3, 3]]" in e.text


def test_quadratic_heat_maps_hold_xAx_and_xSx_at_every_grid_point():
    from calclib.plotting.quadratic import GRID

    e = nth(factories_07_08(), 1)
    e.set_controls({"a11": -1.25, "a12": 2.75, "a21": 0.5, "a22": 1.5})
    A = e.A
    S = (A + A.T) / 2
    for image, M in ((e.artists.image, A), (e.artists.image_sym, S)):
        Z = np.asarray(image.get_array())
        for i in (0, 17, 50, 100):  # row i is x2 = GRID[i], column j is x1 = GRID[j]
            for j in (0, 33, 100):
                x = np.array([GRID[j], GRID[i]])
                assert Z[i, j] == pytest.approx(x @ M @ x, abs=1e-12)


def factories_09_10():
    """One function per explorer (so that a test builds only the one it needs)."""
    from calclib.widgets.activations import ActivationExplorer, DepthExplorer, SoftmaxExplorer

    yield lambda: ActivationExplorer("gelu", x=1.0)
    yield lambda: DepthExplorer(depth=10)
    yield lambda: SoftmaxExplorer()


def explorers_09_10():
    return (make() for make in factories_09_10())


@pytest.mark.parametrize("index", range(3))
def test_09_10_explorers_at_their_extremes(index):
    drive_every_control_to_its_extremes(nth(factories_09_10(), index))


def test_activation_explorer_switches_function():
    from calclib.widgets.activations import ActivationExplorer

    e = ActivationExplorer("sigmoid", x=0.0)
    assert e.text == "sigmoid: f(0) = 0.5, f′(0) = 0.25"
    e.controls["name"].value = "relu"
    e.controls["x"].value = 2.0
    assert e.text == "relu: f(2) = 2, f′(2) = 1"
    with pytest.raises(ValueError, match="`name` must be one of"):
        ActivationExplorer("swish")


def test_softmax_explorer_temperature_extremes():
    from calclib.widgets.activations import SoftmaxExplorer

    e = SoftmaxExplorer()
    e.controls["temperature"].value = 0.01
    assert "p = (1, " in e.text
    assert float(e.text.split("largest Jacobian entry ")[1].replace("−", "-")) < 1e-30  # saturated: it no longer responds
    e.controls["temperature"].value = 10.0
    assert "sum 1" in e.text
    assert e.artists.bars[0].get_height() < 0.3
    with pytest.raises(ValueError, match="`logits` must be four numbers"):
        SoftmaxExplorer(logits=(1.0, 2.0))


def test_depth_explorer_at_max_depth():
    from calclib.widgets.activations import DepthExplorer

    e = DepthExplorer()  # w = 2, z = 1: each sigmoid layer multiplies by 2σ'(1) = 0.3932
    e.controls["depth"].value = e.controls["depth"].max
    assert "after D = 50 layers: sigmoid 5.395e−21" in e.text and f"{(2 * cl.sigmoid_derivative(1.0)) ** 50:.4g}" == "5.395e-21"


def test_secant_play_buttons_say_what_they_do_on_hover():
    """The Play widget's buttons show icons only. Its tooltip says what play, stop and repeat do; ipywidgets 8
    writes a tooltip into the DOM as the title of the widget's element only when the description is empty
    (DOMWidgetView.updateTooltip; the Play view never shows a description), so it has none."""
    from calclib.widgets.secant import PLAY_STEPS

    e = SecantExplorer()
    play = e.controls["play"]
    assert play.tooltip and play.description == ""
    for words in ("Play shrinks |h| from 1 to 1e-12", "pause", "Stop puts |h| back to 1", "repeat"):
        assert words in play.tooltip
    assert f"in {PLAY_STEPS * play.interval / 1000:g} s" in play.tooltip  # the time a run really takes
    play.value = PLAY_STEPS // 2  # stop sets the Play back to its minimum: |h| = 1, as the tooltip says
    play.value = play.min
    assert e.controls["size"].value == pytest.approx(1.0)
    assert e.accessible_names()["play"] == "shrink h"  # screen readers keep the name the description gave


def test_the_walks_play_tooltip_says_what_each_of_its_three_buttons_does():
    """The walk's tooltip told play and stop but not the third button, the looped arrows (ipywidgets' repeat
    toggle, shown by default): a student read pressed it and did not know what it had switched on."""
    from calclib.autograd import Value
    from calclib.widgets.backprop import WALK_TOOLTIP, BackpropExplorer

    x1, x2 = Value(3.0, "x1"), Value(1.0, "x2")
    play = BackpropExplorer(((x1 + x2) ** 2).named("L")).play
    assert play.tooltip == WALK_TOOLTIP and play.show_repeat and play.min == 0  # the button is there; 0 is step 0
    for words in ("Play walks", "pause", "Stop goes back to step 0", "looped arrows",
                  "again from step 0 each time it reaches the last step"):
        assert words in play.tooltip, words
    assert len(play.tooltip) < 300  # a tooltip, not a paragraph


def negative_explorers():
    """Explorers as the notebooks build them, moved where their numbers are negative (all_explorers' limits
    and product are positive everywhere)."""
    from calclib.widgets.landscape import DirectionDialExplorer
    from calclib.widgets.rules import ProductRuleExplorer

    yield DirectionDialExplorer(angle_degrees=200)
    yield LimitExplorer(cl.Quotient(lambda t: t**2 - 1, lambda t: t + 1), a=-1, limit=-2)
    yield EpsilonDeltaExplorer(cl.Quotient(lambda t: t**2 - 1, lambda t: t + 1), a=-1, limit=-2)
    yield ProductRuleExplorer(lambda t: t**2, lambda t: t - 2)


def test_limit_explorers_write_a_difference_with_a_negative_number_as_a_sum():
    """At a = −1 the magnifier and the read-outs wrote "x − −1" and "f(x) − −2": x + 1 and f(x) + 2, as a
    student writes them; x − 1 stays x − 1, and a difference with 0 is the name alone (|x|, not |x − 0|)."""
    from calclib.plotting.limits import minus

    quotient = cl.Quotient(lambda t: t**2 - 1, lambda t: t + 1)
    for explorer in negative_explorers():
        if isinstance(explorer, (LimitExplorer, EpsilonDeltaExplorer)):
            texts = [explorer.text, *figure_texts(explorer)]
            assert not any("− −" in t or "+ −" in t or "−−" in t for t in texts), texts
    e = LimitExplorer(quotient, a=-1, limit=-2)
    e.set_controls({"side": 1, "distance": 1e-3})
    assert "|f(x) + 2| = 0.001;" in e.text
    assert (e.zoom.axes.get_xlabel(), e.zoom.axes.get_ylabel()) == ("x + 1", "f(x) + 2")
    assert e.zoom.title.get_text() == "magnifier: d = |x + 1| = 0.001\ns = |f(x) + 2| = 0.001"
    d = EpsilonDeltaExplorer(quotient, a=-1, limit=-2)
    assert "every x with 0 < |x + 1| < δ gives |f(x) + 2| < ε" in d.text
    assert "every x with 0 < |x − 1| < δ gives |f(x) − 2| < ε" in EpsilonDeltaExplorer(F, a=1, limit=2).text
    at_zero = LimitExplorer(lambda t: np.sin(t) / t, a=0, limit=1)
    assert at_zero.zoom.axes.get_xlabel() == "x" and at_zero.zoom.title.get_text().startswith("magnifier: d = |x| = ")
    assert "|f(x) − 1| = " in at_zero.text
    assert [minus("x", v) for v in (2, -1, 0, 0.5, -1e-07)] == ["x − 2", "x + 1", "x", "x − 0.5", "x + 1e−07"]
    with pytest.raises(TypeError, match="^`name` must be text"):
        minus(1, 2)
    with pytest.raises((TypeError, ValueError), match="`value`"):
        minus("x", "2")


def figure_texts(explorer):
    """Every text the explorer's figure shows that calclib wrote (mathtext, "$...$", draws "-" as a minus)."""
    from matplotlib.text import Text

    return [t.get_text() for t in explorer.figure.findobj(Text)
            if t.get_visible() and t.get_text() and "$" not in t.get_text()]


def put_back(explorer, start: dict) -> None:
    """Set the controls of a shared explorer (every_explorer) back to ``start`` (menus first: a new function or
    landscape resets the sliders' ranges) and draw its frame, as the other tests of this module expect to find
    it; fail if a value did not come back."""
    from calclib.widgets.base import MENUS

    explorer.__dict__.pop("_render_frame", None)  # frames drawn again (a test may have set it on the explorer)
    for names in ([n for n, c in explorer.controls.items() if isinstance(c, MENUS)],
                  [n for n, c in explorer.controls.items() if not isinstance(c, MENUS)]):
        for name in names:
            explorer.controls[name].value = start[name]
    explorer.refresh()
    now = {name: control.value for name, control in explorer.controls.items()}
    assert now == start, f"{type(explorer).__name__} was not put back: {now} != {start}"


def test_every_read_out_and_figure_label_writes_negative_numbers_with_the_minus_sign(every_explorer):
    """One minus sign, U+2212, in every read-out (also the saved caption and the alt text) and figure label,
    never "-0.5" in one explorer and "−0.5" in the next; and no invisible word joiner (U+2060), which only
    gets in the way of copy-paste and screen readers (the base class keeps the words whole).

    every_explorer's explorers are shared (they were half of this test's time when it built its own): each is
    put back to its starting values at the end (put_back, which fails if one does not come back)."""
    import re

    import ipywidgets as widgets

    from calclib.tables import MINUS

    hyphen_before_digit = re.compile(r"-(?=\d)")
    with_minus = set()
    for explorer in itertools.chain(every_explorer, negative_explorers()):
        kind = type(explorer).__name__
        start = {name: control.value for name, control in explorer.controls.items()}
        # what is read here is the artists' strings, which update() sets: the frames are not drawn (the tick
        # labels are the ones of the first frame, which the explorer drew when it was made)
        explorer._render_frame = lambda key: b""
        try:
            for name, control in explorer.controls.items():
                values = extremes(control)
                if isinstance(control, widgets.IntSlider) and control.max - control.min <= 20:  # a walk: every step
                    values = range(control.min, control.max + 1)
                for value in values:
                    control.value = value
                    for text in (explorer.text, *figure_texts(explorer)):
                        assert not hyphen_before_digit.search(text), (kind, name, value, text)
                        assert "\u2060" not in text, (kind, name, value, text)
                    if MINUS in explorer.text:
                        with_minus.add(kind)
        finally:
            put_back(explorer, start)
    assert with_minus >= {"SecantExplorer", "LimitExplorer", "EpsilonDeltaExplorer", "ChainExplorer",
                          "ProductRuleExplorer", "LandscapeExplorer", "DirectionDialExplorer",
                          "LinearizationExplorer", "BackpropExplorer", "QuadraticFormExplorer",
                          "ActivationExplorer", "DepthExplorer", "SoftmaxExplorer"}, with_minus


def test_log_sliders_that_stay_above_a_ten_thousandth_show_plain_decimals(every_explorer):
    """A first-year student reads 0.0891 more easily than 8.91e-2 (a student read of 04's dx): a log slider
    whose every value is at least 0.0001 shows plain decimals (3 significant digits, d3's ".3"); only the
    sliders that go further down (|h| to 1e-12, Δx to 1e-6) keep e-notation, which notebook 01 explains."""
    import ipywidgets as widgets

    checked = 0
    for explorer in every_explorer:
        for name, control in explorer.controls.items():
            if isinstance(control, widgets.FloatLogSlider):
                smallest = control.base ** control.min
                assert ("e" in control.readout_format) == (smallest < 1e-4 * 0.999), (type(explorer).__name__, name)
                checked += smallest >= 1e-4 * 0.999
    assert checked >= 3  # 04's dx, 05's learning rate, 06's radius


def test_every_control_has_a_tooltip(every_explorer):
    """ipywidgets writes a control's tooltip into the title of its label, the text "null" when there is none:
    resting the pointer on "backward step" showed "null" (a student read). Each control gets its name."""
    import ipywidgets as widgets

    for explorer in every_explorer:
        names = explorer.accessible_names()
        for key, control in explorer.controls.items():
            if isinstance(control, widgets.DOMWidget) and "tooltip" in control.traits():
                assert control.tooltip, (type(explorer).__name__, key)
                assert control.tooltip == names[key] or len(control.tooltip) > len(names[key])
