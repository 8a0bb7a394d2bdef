"""Handles on the pictures: synthesized ipyevents events move the point, the controls and the artists.

Also the frames (drawn at twice their shown size), the coalescing of fast events, and what a
screen reader gets (accessible names, live read-out, alternative text).
"""
import asyncio
import json
import re

import ipywidgets as widgets
import numpy as np
import pytest

import calclib as cl
from calclib.widgets import LimitExplorer, SecantExplorer
from calclib.widgets.activations import ActivationExplorer
from calclib.widgets.base import Explorer, snap
from calclib.widgets.jacobian import LinearizationExplorer
from calclib.widgets.landscape import LandscapeExplorer

pytestmark = pytest.mark.usefixtures("warnings_are_errors")


def event_at(explorer, axes, xdata, ydata, kind="mousedown", *, shown=1.0, buttons=1):
    """The dict ipyevents sends for a mouse event over the point (xdata, ydata) of ``axes``.

    ``shown`` scales the element's box: a page may show the image smaller or larger than its CSS size.
    """
    x, y = axes.transData.transform((xdata, ydata))  # canvas pixels, origin bottom left
    fig = explorer.figure
    box_w, box_h = explorer.css_size[0] * shown, explorer.css_size[1] * shown
    rel_x = x / fig.bbox.width * box_w
    rel_y = (fig.bbox.height - y) / fig.bbox.height * box_h
    return {"type": kind, "relativeX": round(rel_x), "relativeY": round(rel_y), "boundingRectWidth": box_w,
            "boundingRectHeight": box_h, "buttons": buttons, "dataX": 0, "dataY": 0}


def drag(explorer, axes, path, *, shown=1.0, touch=False):
    """Press at the first point, move through the rest, let go."""
    first, *rest = path
    if touch:
        for kind, (x, y) in [("touchstart", first)] + [("touchmove", p) for p in rest]:
            explorer.handle_event({"type": kind, "touches": [event_at(explorer, axes, x, y, shown=shown)]})
        explorer.handle_event({"type": "touchend", "touches": []})
        return
    explorer.handle_event(event_at(explorer, axes, *first, shown=shown))
    for point in rest:
        explorer.handle_event(event_at(explorer, axes, *point, "mousemove", shown=shown))
    explorer.handle_event(event_at(explorer, axes, *rest[-1] if rest else first, "mouseup", buttons=0))


def test_secant_second_point_follows_the_hand():
    e = SecantExplorer("x^2", x0=3.0, h=1.0)
    ax = e.artists.points.axes
    frame = e.image.value
    drag(e, ax, [(4.0, 16.0), (3.5, 12.0), (3.1, 9.6)])
    assert e.controls["size"].value == pytest.approx(0.1) and e.controls["sign"].value == 1
    assert e.artists.points.get_xdata()[1] == pytest.approx(3.1)
    assert "h = 0.1" in e.text and e.image.value != frame
    drag(e, ax, [(3.1, 9.6), (2.5, 6.0)])  # across x: h turns negative
    assert e.controls["sign"].value == -1 and e.controls["size"].value == pytest.approx(10**-0.3, rel=1e-9)
    drag(e, ax, [(3.1, 9.6), (9.0, 0.0)])  # far beyond |h| = 1: clamped to what the slider allows
    assert e.controls["size"].value == 1.0 and e.controls["sign"].value == 1


def test_a_smaller_or_larger_image_maps_to_the_same_data_point():
    for shown in (0.5, 1.0, 1.5):
        e = ActivationExplorer("sigmoid", x=1.0)
        drag(e, e.artists.point.axes, [(1.0, 0.7), (-2.0, 0.1)], shown=shown)
        assert e.controls["x"].value == pytest.approx(-2.0, abs=0.05 * 2 / shown)
        assert e.artists.point.get_xdata()[0] == e.controls["x"].value
        assert "sigmoid: f(-2" in e.text or "sigmoid: f(−2" in e.text


def test_touch_drags_move_the_point():
    e = ActivationExplorer("tanh", x=1.0)
    drag(e, e.artists.point.axes, [(1.0, 0.7), (3.0, 1.0)], touch=True)
    assert e.controls["x"].value == pytest.approx(3.0, abs=0.1)


def test_press_outside_a_handle_axes_grabs_nothing():
    e = LandscapeExplorer("bowl", point=(3.0, 4.0))
    before = (e.controls["x"].value, e.controls["y"].value)
    e.handle_event({"type": "mousedown", "relativeX": 1, "relativeY": 1, "boundingRectWidth": e.css_size[0],
                    "boundingRectHeight": e.css_size[1], "buttons": 1})
    e.handle_event({"type": "mousemove", "relativeX": 300, "relativeY": 300, "boundingRectWidth": e.css_size[0],
                    "boundingRectHeight": e.css_size[1], "buttons": 1})
    assert (e.controls["x"].value, e.controls["y"].value) == before


def test_landscape_point_follows_on_the_contours_and_on_each_slice():
    e = LandscapeExplorer("bowl", point=(3.0, 4.0))
    a = e.artists
    drag(e, a.point.axes, [(3.0, 4.0), (1.0, -2.0)])
    assert (e.controls["x"].value, e.controls["y"].value) == (pytest.approx(1.0), pytest.approx(-2.0))
    assert a.point.get_xdata()[0] == pytest.approx(1.0) and "at (1, -2)" in e.text.replace("−", "-")
    drag(e, a.slice_x.axes, [(1.0, 5.0), (2.0, 5.0)])  # the x slice moves x only
    assert (e.controls["x"].value, e.controls["y"].value) == (pytest.approx(2.0), pytest.approx(-2.0))
    drag(e, a.slice_y.axes, [(-2.0, 5.0), (0.5, 5.0)])  # the y slice moves y only
    assert (e.controls["x"].value, e.controls["y"].value) == (pytest.approx(2.0), pytest.approx(0.5))
    # mouse moves with the button up (the hand let go outside the picture) move nothing
    e.handle_event(event_at(e, a.point.axes, -3.0, -3.0, "mousemove", buttons=0))
    assert e.controls["x"].value == pytest.approx(2.0)


def test_limit_point_follows_and_changes_side():
    e = LimitExplorer(cl.Quotient(lambda t: t**2 - 1, lambda t: t - 1), a=1, limit=2, x_range=(0, 2))
    drag(e, e.artists.point.axes, [(0.9, 1.9), (1.2, 2.2)])
    assert e.controls["side"].value == 1 and e.controls["distance"].value == pytest.approx(0.2, rel=0.15)
    assert e.artists.point.get_xdata()[0] == pytest.approx(e.x) and e.x > 1
    drag(e, e.artists.point.axes, [(1.2, 2.2), (0.7, 1.7)])
    assert e.controls["side"].value == -1 and e.x < 1


def test_linearization_nudge_end_sets_the_direction():
    e = LinearizationExplorer(lambda p: np.array([p[0] ** 2 + p[1], p[0] * p[1]]), [3.0, 2.0], radius=0.1)
    ax_in = e.artists.nudge.axes
    before = e.artists.mark_linear.get_data()
    drag(e, ax_in, [(1.0, 0.0), (0.0, 1.0)])
    assert e.controls["angle"].value == 90
    assert e.artists.nudge.get_xdata()[1] == pytest.approx(0.0, abs=1e-12)
    assert np.allclose(np.ravel(e.artists.mark_linear.get_data()), e.J @ [0.0, 1.0])
    assert not np.allclose(np.ravel(before), np.ravel(e.artists.mark_linear.get_data()))
    assert "u at 90°" in e.text
    drag(e, ax_in, [(0.0, 1.0), (0.0, -1.0)])
    assert e.controls["angle"].value == 270


def test_sliders_and_keys_still_work_after_a_drag():
    e = SecantExplorer("x^2", x0=3.0, h=1.0)
    drag(e, e.artists.points.axes, [(4.0, 16.0), (3.5, 12.0)])
    e.controls["size"].value = 0.01
    assert e.artists.points.get_xdata()[1] == pytest.approx(3.01) and "h = 0.01" in e.text


def test_snap_clamps_and_rounds_to_the_grid():
    s = widgets.FloatSlider(min=-1, max=1, step=0.1)
    assert snap(s, 0.234) == pytest.approx(0.2) and snap(s, -5) == -1 and snap(s, 5) == 1
    log = widgets.FloatLogSlider(base=10, min=-6, max=0, step=0.1)
    assert snap(log, 0.0) == 1e-6 and snap(log, 50) == 1.0 and snap(log, 0.3) == pytest.approx(10**-0.5)
    assert snap(widgets.IntSlider(min=0, max=359), 359.7) == 359
    assert snap(widgets.ToggleButtons(options=[1, -1]), -1) == -1


def test_frames_are_drawn_at_twice_the_shown_size():
    from PIL import Image
    import io

    e = ActivationExplorer("sigmoid", x=1.0)
    frame = Image.open(io.BytesIO(e.image.value))
    # shown at its CSS width (or narrower, never wider than the notebook), its height following from the frame's
    # shape, which is the CSS size's (tests/browser/test_handles_in_browser.py measures both in JupyterLab)
    assert e.image.layout.width == f"{e.css_size[0]}px" and e.image.layout.max_width == "100%"
    assert e.image.layout.height == "auto"
    assert frame.size == (2 * e.css_size[0], 2 * e.css_size[1])


def test_browser_events_are_coalesced_into_the_newest_frame():
    """Events from the browser that arrive while the kernel is busy give one frame, of the newest value."""
    e = ActivationExplorer("sigmoid", x=1.0)
    frames = []
    e.image.observe(lambda change: frames.append(e.controls["x"].value), names="value")
    ax = e.artists.point.axes

    async def burst():
        e.handle_event(event_at(e, ax, 1.0, 0.7))
        for x in np.linspace(1.0, -3.0, 30):  # thirty moves before the kernel is free again
            e.handle_event(event_at(e, ax, x, 0.5, "mousemove"))
        assert frames == [] or len(frames) <= 2  # nothing (or a forced frame) drawn while events queue
        await asyncio.sleep(0)  # the kernel is idle: the pending frame is drawn
        await asyncio.sleep(0)

    asyncio.run(burst())
    assert e.controls["x"].value == pytest.approx(-3.0)
    assert frames[-1] == pytest.approx(-3.0) and len(frames) <= 3
    assert "f(-3" in e.text.replace("−", "-")


def test_a_move_after_a_pause_is_drawn_at_once_and_quick_ones_after_it_are_coalesced():
    """A key press (a browser event after MAX_FRAME_GAP_S without a frame) is drawn inside its own message,
    so its frame leaves before the kernel reads the next one (the backward walk's Play, linked to its
    slider, sends one with every key press); moves that follow quickly wait until no event is waiting."""
    from calclib.widgets.base import MAX_FRAME_GAP_S

    e = ActivationExplorer("sigmoid", x=1.0)
    frames = []
    e.image.observe(lambda change: frames.append(e.controls["x"].value), names="value")

    async def presses():
        await asyncio.sleep(MAX_FRAME_GAP_S)
        e.controls["x"].set_state({"value": 1.5})  # as a message from the browser sets it
        at_once = list(frames)
        e.controls["x"].set_state({"value": 2.0})
        e.controls["x"].set_state({"value": 2.5})
        queued = list(frames)
        await asyncio.sleep(0)  # the kernel is idle: the pending frame is drawn
        return at_once, queued

    at_once, queued = asyncio.run(presses())
    assert at_once == queued == [1.5]
    assert frames == [1.5, 2.5] and "f(2.5)" in e.text


def test_changes_from_python_are_drawn_at_once():
    e = ActivationExplorer("sigmoid", x=1.0)

    async def set_from_code():
        e.controls["x"].value = 2.0
        return e.text

    assert "f(2)" in asyncio.run(set_from_code())


def test_every_control_has_an_accessible_name_and_the_readout_describes_the_picture():
    e = SecantExplorer("x^2", x0=3.0, h=1.0)
    html = e.readout.value
    data = json.loads(re.search(r"data-a11y='([^']*)'", html).group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert set(data["names"]) == set(e.controls) | {"passive0"} - {"passive0"}
    assert data["names"]["size"] == "size of the step |h|" and all(data["names"].values())
    assert data["alt"].startswith("Pick a function and a point") and e.text in data["alt"]
    assert "aria-live" in html and data["style"].startswith("img.calclib-draggable{cursor:grab")
    # the cursor's style goes into the page once, by the script: a <style> sent with every read-out made the
    # browser work out the whole page's styles again at each update
    assert "<style" not in html
    for name, control in e.controls.items():
        assert f"calclib-control-{name}" in control._dom_classes
    e.controls["size"].value = 0.01
    assert "h = 0.01" in json.loads(re.search(r"data-a11y='([^']*)'", e.readout.value).group(1)
                                    .replace("&quot;", '"').replace("&amp;", "&"))["alt"]


@pytest.mark.parametrize("make", [
    lambda: SecantExplorer(), lambda: ActivationExplorer(), lambda: LandscapeExplorer(),
    lambda: LimitExplorer(cl.Quotient(lambda t: t**2 - 1, lambda t: t - 1), a=1, limit=2, x_range=(0, 2)),
    lambda: LinearizationExplorer(lambda p: np.array([p[0] ** 2 + p[1], p[0] * p[1]]), [3.0, 2.0]),
])
def test_explorers_with_a_handle_listen_to_the_picture(make):
    e = make()
    assert isinstance(e, Explorer) and len(e.events) == 2
    watched = {ev for event in e.events for ev in event.watched_events}
    assert {"mousedown", "mousemove", "mouseup", "touchstart", "touchmove", "touchend"} <= watched
    assert all(event.source is e.image and event.prevent_default_action for event in e.events)
    assert "calclib-draggable" in e.image._dom_classes


@pytest.mark.usefixtures("frames_not_drawn")  # reads only the caption, which every move empties
def test_the_starting_view_caption_is_emptied_at_the_first_move_of_every_explorer():
    """Once a control moves, the widget's own read-out is the current one: the "Starting view" caption
    under it is emptied, also for an explorer with its own _on_change (the secant explorer's stayed,
    with numbers of a view no longer shown: found by a student read)."""
    from calclib.widgets import SecantExplorer
    from calclib.widgets.activations import ActivationExplorer
    from calclib.widgets.landscape import GradientDescentExplorer

    class Handle:
        def __init__(self):
            self.shown = []

        def update(self, caption):
            self.shown.append(caption)

    for explorer, name, value in ((SecantExplorer("x^2", x0=3.0, h=1.0), "size", 0.01),
                                  (ActivationExplorer("sigmoid", x=1.0), "x", 2.0),
                                  (GradientDescentExplorer("bowl", learning_rate=0.1), "landscape", "rosenbrock")):
        explorer._caption = handle = Handle()
        explorer.controls[name].value = value
        assert explorer._caption is None and [c.text for c in handle.shown] == [""], type(explorer).__name__
