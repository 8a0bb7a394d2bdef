"""The common frame of every explorer: controls, a live picture of one figure, and a read-out.

Also the machinery every explorer shares: frames drawn at twice their CSS size (sharp on
high-resolution screens), points that can be grabbed on the picture (ipyevents), updates
coalesced so that a fast drag never builds a queue, and accessible names for every control.
"""
from __future__ import annotations

import asyncio
import base64
import html
import json
import threading
import time
import weakref
from collections import OrderedDict

import ipywidgets as widgets
import numpy as np

from ..plotting.sprites import TextSprites
from ..plotting.figure import SAVED_COLORS, SCALE, Caption, display, encode_png, png_metadata
from ..plotting.glyphs import learn_number_pairs
from ..plotting.jpeg import TileEncoder

# Mouse moves reach the kernel at most every DRAG_INTERVAL_MS (the browser keeps the last one).
DRAG_INTERVAL_MS = 25
# While events keep coming, a frame is drawn at least this often, even if newer events wait.
MAX_FRAME_GAP_S = 0.1
# Frames kept per explorer (finished JPEGs, keyed on the controls' values), and how many the kernel
# draws ahead of the student, one at a time while it is idle, along the control last moved.
FRAME_CACHE_BYTES = 24 * 2**20
PREFETCH_FRAMES = 48
# Seconds the kernel must have been idle before it draws a frame ahead: the nearest few values
# after PREFETCH_IDLE_S, the rest with PREFETCH_SLOW_S between two frames, so that a move arriving
# meanwhile seldom has to wait for a frame nobody asked for.
PREFETCH_IDLE_S = 0.02
PREFETCH_NEAR = 4
PREFETCH_SLOW_S = 0.08
PRESS_EVENTS = ["mousedown", "mouseup", "mouseleave", "touchstart", "touchend", "touchcancel"]
MOVE_EVENTS = ["mousemove", "touchmove"]
# Cursor over a picture with a handle: an open hand, a closed one while dragging. A11Y_SCRIPT adds it to the
# page once (a <style> in every read-out made the browser work out every style of the page again at each
# update: about 3 ms of each key press's response in JupyterLab).
DRAG_STYLE = ("img.calclib-draggable{cursor:grab;touch-action:none}"
              "img.calclib-draggable:active{cursor:grabbing}")
# Icon-only buttons of a Play widget get names from their icons.
PLAY_BUTTONS = {"fa-play": "play", "fa-pause": "pause", "fa-stop": "stop", "fa-retweet": "repeat"}
# The first line of the read-out of an explorer with no kernel behind it (A11Y_SCRIPT).
SAVED_NOTE = ("Saved picture: the kernel that drew it has stopped, so its controls move nothing. "
              "Run the notebook again (Run ▸ Run All Cells) to bring it back to life.")
# Run in the browser whenever the read-out changes (an image that fails to load runs its
# onerror handler; ipywidgets' HTML widget inserts its value as is). It gives every control
# of the explorer its accessible name, makes the read-out a polite live region, and gives
# the picture alternative text that follows the read-out; it writes only the attributes that
# differ (a move changes the alternative text, not the names). A slider announces the value its read-out
# shows (1.0e-3 for a log slider at 10^-3, not -3; 1.95, not 1.9500000000000002). And it hides the "Starting view"
# caption under a live explorer (in JupyterLab and Notebook 7): the read-out says the same thing,
# and a student read both twice. The caption stays in the file for pages with no widget.
# And while the explorer has no kernel behind it (ipywidgets marks its views "disconnected": a picture
# restored from the saved notebook, the project's JupyterLab saves widget state, tools/lab_settings.py;
# or a kernel restarted), its read-out starts with SAVED_NOTE: its controls move nothing until it runs again.
# Without it (a page that strips scripts) the explorer works the same, only less well described.
A11Y_SCRIPT = """(function(me){
var box=me.closest('.calclib-explorer');if(!box)return;var d=JSON.parse(me.dataset.a11y);
if(!document.getElementById('calclib-style')){var st=document.createElement('style');st.id='calclib-style';
st.textContent=d.style;document.head.appendChild(st);}
var set=function(e,a,v){if(e.getAttribute(a)!==v)e.setAttribute(a,v);};
var out=me.closest('.calclib-readout');if(out){set(out,'role','status');set(out,'aria-live','polite');
var mark=function(){var gone=box.classList.contains('jupyter-widgets-disconnected');
var at=out.querySelector('.widget-html-content')||out,note=out.querySelector('.calclib-saved-note');
if(note&&!gone)note.remove();if(note||!gone)return;note=document.createElement('div');note.className='calclib-saved-note';
note.textContent=d.note;note.style.cssText='margin:0 0 4px;padding:2px 6px;line-height:1.4;border-left:4px solid #c77700;'
+'background:rgba(199,119,0,.12);font-family:sans-serif';at.prepend(note);};mark();
if(!box.dataset.calclibWatched){box.dataset.calclibWatched='1';
new MutationObserver(mark).observe(box,{attributes:true,attributeFilter:['class']});}}
var img=box.querySelector('img.calclib-figure');if(img){set(img,'alt',d.alt);set(img,'role','img');}
Object.keys(d.names).forEach(function(k){var c=box.querySelector('.calclib-control-'+k);if(!c)return;var n=d.names[k];
c.querySelectorAll('[role=slider],select,input,textarea').forEach(function(e){set(e,'aria-label',n);});
var r=c.querySelector('.widget-readout');c.querySelectorAll('[role=slider]').forEach(function(h){if(!r||h.dataset.calclibSays)return;
h.dataset.calclibSays='1';var say=function(){var t=r.textContent.trim();if(t)set(h,'aria-valuetext',t);};say();
new MutationObserver(say).observe(h,{attributes:true,attributeFilter:['aria-valuetext']});
new MutationObserver(say).observe(r,{childList:true,characterData:true,subtree:true});});
var b=c.querySelectorAll('button');if(b.length){set(c,'role','group');set(c,'aria-label',n);}
b.forEach(function(e){var i=e.querySelector('i');var ic=i?Array.from(i.classList).find(function(x){return d.icons[x];}):null;
if(ic)set(e,'aria-label',n+': '+d.icons[ic]);});});
var o=box.closest('.jp-OutputArea-child');if(!o||!o.parentElement||o.dataset.calclibCaption)return;o.dataset.calclibCaption='1';
var hide=function(){var x=o.nextElementSibling,m=x&&x.querySelector('[data-mime-type="text/markdown"]');
if(m&&m.textContent.indexOf('Starting view')===0){x.style.display='none';return true;}return false;};
if(!hide()){var w=new MutationObserver(function(){if(hide())w.disconnect();});
w.observe(o.parentElement,{childList:true,subtree:true});setTimeout(function(){w.disconnect();},10000);}
})(this)"""


def _words_kept_whole(text: str) -> str:
    """``text`` as HTML that a browser wraps at its spaces only: each word in a span that does not break.

    A read-out is one long line in a box of the notebook's width. Left to itself, Chromium also breaks
    inside words: after the hyphen of 2.71e-05 or of -0.19, after a slash, between f′ and (x).

    A short bracketed group is kept whole too, spaces and all: a formula such as (A + Aᵀ)x or a point
    (0.6, 0.8) is not split over two lines (08's read-out broke after "(A"); a longer one (more than
    KEEP_GROUP characters: a matrix, an aside) still wraps between its words.

    >>> _words_kept_whole("x = -0.5, f′(x) < 1")
    '<span style="white-space:nowrap">x</span> <span style="white-space:nowrap">=</span> \
<span style="white-space:nowrap">-0.5,</span> <span style="white-space:nowrap">f′(x)</span> \
<span style="white-space:nowrap">&lt;</span> <span style="white-space:nowrap">1</span>'
    >>> _words_kept_whole("(A + Aᵀ)x = 2Sx")
    '<span style="white-space:nowrap">(A + Aᵀ)x</span> <span style="white-space:nowrap">=</span> \
<span style="white-space:nowrap">2Sx</span>'
    """
    pieces, k, words = [], 0, text.split(" ")
    while k < len(words):
        end, depth = k, 0
        for j in range(k, len(words)):  # the group that starts at word k: until its brackets close
            depth += sum(words[j].count(c) for c in "([") - sum(words[j].count(c) for c in ")]")
            if depth <= 0:
                end = j
                break
        group = " ".join(words[k:end + 1])
        if end == k or len(group) > KEEP_GROUP:
            group, end = words[k], k
        pieces.append(f'<span style="white-space:nowrap">{html.escape(group)}</span>' if group else "")
        k = end + 1
    return " ".join(pieces)


KEEP_GROUP = 14  # characters: the longest bracketed group kept on one line (fits a 120-pixel box)


def on_grid(value: float, start: float, step: float, *, log: bool = False) -> float:
    """Round ``value`` to the slider grid start + k·step (in log10 for a log slider).

    A browser slider snaps its value to that grid and sends the snapped value back, so a
    default off the grid would change the read-out the moment the widget appears.

    >>> on_grid(0.3, -4.0, 0.05, log=True) == 10 ** -0.5
    True
    >>> on_grid(1.234, 0.0, 0.05)
    1.25
    """
    position = np.log10(value) if log else value
    steps = (position - start) / step
    if not np.isfinite(steps):  # far beyond any slider (1e308): left as it is, for the range check to refuse
        return float(value)
    snapped = round(start + round(steps) * step, 10)
    return float(10**snapped) if log else float(snapped)


# controls that choose what an explorer shows (its own _on_change switches it), not a value on a scale
MENUS = (widgets.Dropdown, widgets.Select, widgets.RadioButtons)


def snap(control, value):
    """``value`` as ``control`` would hold it: clamped to its range and rounded to its grid.

    >>> snap(widgets.FloatSlider(min=-6, max=6, step=0.05), 7.123)
    6.0
    >>> snap(widgets.FloatLogSlider(base=10, min=-6, max=0, step=0.1), 0.0123) == 10 ** -1.9
    True
    >>> snap(widgets.IntSlider(min=1, max=50), 3.4)
    3
    """
    if isinstance(control, widgets.FloatLogSlider):
        exponent = np.log(max(float(value), 1e-300)) / np.log(control.base)
        exponent = min(max(exponent, control.min), control.max)
        return float(control.base ** round(control.min + round((exponent - control.min) / control.step)
                                           * control.step, 10))
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        clamped = min(max(float(value), control.min), control.max)
        snapped = min(on_grid(clamped, control.min, control.step), control.max)
        return int(round(snapped)) if isinstance(control, widgets.IntSlider) else snapped
    return value


# Explorers draw with matplotlib, which is not thread-safe, and their events may arrive on more
# than one thread (JupyterLab sends widget messages to a kernel subshell, a thread of its own,
# while the main thread runs cells): every drawing of every explorer holds this lock.
DRAWING = threading.RLock()


class _Held:
    """A stand-in for a control that holds another value: the explorer draws a frame for it
    without the control (or the browser) seeing any change."""

    def __init__(self, control, value):
        self._control = control
        self.value = value

    def __getattr__(self, name):
        return getattr(self._control, name)


def slider_grid(control) -> list:
    """Every value a slider can take, in order (empty for a control that is not a slider).

    >>> slider_grid(widgets.FloatSlider(min=0, max=1, step=0.25))
    [0.0, 0.25, 0.5, 0.75, 1.0]
    >>> [round(v, 6) for v in slider_grid(widgets.FloatLogSlider(base=10, min=-2, max=0, step=1))]
    [0.01, 0.1, 1.0]
    >>> slider_grid(widgets.Dropdown(options=["a", "b"]))
    []
    """
    if isinstance(control, widgets.FloatLogSlider):
        count = int(round((control.max - control.min) / control.step))
        return [snap(control, control.base ** (control.min + k * control.step)) for k in range(count + 1)]
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)) and control.step:
        count = int(np.floor((control.max - control.min) / control.step + 1e-9))
        return [snap(control, control.min + k * control.step) for k in range(count + 1)]
    return []


class FrameCache:
    """Finished frames (JPEG bytes) of one explorer, keyed on the values of its controls, oldest
    dropped beyond ``max_bytes``."""

    def __init__(self, max_bytes: int = FRAME_CACHE_BYTES):
        self.max_bytes = max_bytes
        self._frames: OrderedDict = OrderedDict()
        self.bytes = 0
        self.hits = self.drawn_ahead = 0

    def __len__(self) -> int:
        return len(self._frames)

    def __contains__(self, key) -> bool:
        return key in self._frames

    def clear(self) -> None:
        self._frames.clear()
        self.bytes = 0

    def get(self, key):
        frame = self._frames.get(key)
        if frame is not None:
            self._frames.move_to_end(key)
        return frame

    def put(self, key, frame: bytes) -> None:
        if key in self._frames:
            self.bytes -= len(self._frames.pop(key))
        self._frames[key] = frame
        self.bytes += len(frame)
        while self.bytes > self.max_bytes and len(self._frames) > 1:
            self.bytes -= len(self._frames.popitem(last=False)[1])


class Explorer:
    """Controls above a figure that is drawn once and updated in place.

    Subclasses build their figure and artists, then call ``super().__init__`` with the
    figure and a dict of controls, and implement :meth:`update`, which moves the artists
    to match the controls and returns the read-out text. ``animated`` lists the artists
    that move (they are blitted over a saved background); ``passive`` widgets are shown
    beside the controls but not observed.

    A point on the picture becomes a handle when the subclass passes ``drag=[axes, ...]``
    and implements :meth:`on_drag`, which turns a position in data coordinates into control
    values; the base class clamps them to the controls' ranges and snaps them to their grids.

    Frames answer a student at once when they were drawn before: every frame shown is kept
    (JPEG, keyed on all the controls' values), and while the kernel is idle after a move from
    the browser it draws ahead, one frame at a time, the values of the control last moved,
    nearest first. A frame taken from that store is the same picture a fresh draw would make
    (``update`` is a function of the controls' values alone; tests/test_frames.py checks it);
    ``update`` still runs, so the artists and the read-out always follow the controls.

    Shown in a notebook, an explorer is a live widget; where no widget can render (a static
    page, nbval) the same output carries a PNG of the default view and the read-out text.

    ``main_control`` names the control a student reaches for first; it carries the CSS
    class ``calclib-main-control`` so that browser tests and benchmarks can find it.
    ``names`` gives controls a longer accessible name than their label (for screen readers).
    """

    main_control: str = ""
    names: dict = {}
    # labels get their pictures the first time they are drawn (a control with a few values: every label returns)
    eager_sprites: bool = False
    # shared by all explorers of the kernel: the one that draws ahead (a weak reference, once one was
    # moved), and when any explorer last drew a frame (the kernel is not idle before a pause after it)
    _drawing_ahead = staticmethod(lambda: None)
    _last_browser_frame = 0.0

    @property
    def controls(self) -> dict:
        """The controls by name; while a frame is drawn ahead, in the thread drawing it, stand-ins holding its values."""
        holding = self.__dict__.get("_holding")
        held = getattr(holding, "controls", None) if holding is not None else None
        return held if held is not None else self._controls

    @controls.setter
    def controls(self, value: dict) -> None:
        self._controls = value

    def __init__(self, figure, controls: dict, *, animated=(), passive=(), drag=()):
        self._holding = threading.local()
        self.figure = figure
        # the figure's own layout, with its settings (room between panels): taken up again by invalidate()
        self._layout = figure.get_layout_engine() or "constrained"
        # texts start on the screen's pixels: a label that follows a point keeps its glyphs' bitmaps (glyphs.py)
        figure.canvas.snap_text = SCALE
        self.controls = dict(controls)
        self.text = ""
        self._caption = None  # the "Starting view" caption's display handle, until a control moves
        self._paused = False
        self._defer = False  # True while handling an event from the browser: refreshes are coalesced
        self._dirty = self._scheduled = self._browser = False
        self._last_frame = 0.0
        self._grab = None  # the axes whose handle is being dragged
        # Blitting: the artists that move are drawn over a saved picture of everything else.
        self.animated = list(animated)
        for artist in self.animated:
            artist.set_animated(True)
        self._background = None
        self.sprites = TextSprites(eager=self.eager_sprites)  # labels that did not change are pasted, not drawn again
        self.frames = FrameCache()
        self.encoder = TileEncoder()  # JPEG frames: the tiles that did not change are not encoded again
        self._canvas_key = None  # the controls' values the canvas shows now (None: not known)
        self._ahead = []  # values of the control last moved, still to be drawn ahead
        self._ahead_drawn = 0  # frames drawn ahead since the last move
        self._ahead_handle = None
        self._ahead_job = None  # the frame being drawn ahead, a step at a time (a generator)
        self._generation = 0  # counts the times the artists were set for the controls' own values
        # Frames are drawn at SCALE times the size they are shown at: sharp on 2x screens.
        self.css_size = tuple(int(round(v)) for v in figure.get_size_inches() * figure.dpi)
        figure.set_dpi(figure.dpi * SCALE)
        width, height = self.css_size
        # shown at its CSS size, or narrower where the notebook is (a file browser open, a small screen): never
        # wider than its output (no margin, which would add 4 px to 100 %), and its height following its width
        # (a fixed height squeezed 02's secant explorer to 848 x 400 px, from 1000 x 400)
        self.image = widgets.Image(format="jpeg", layout=widgets.Layout(
            width=f"{width}px", height="auto", max_width="100%", margin="0px"))
        self.image.add_class("calclib-figure")
        self.controls[self.main_control or next(iter(self.controls))].add_class("calclib-main-control")
        for name, control in self.controls.items():  # show whole labels ("learning rate", not "learnin...")
            control.add_class(f"calclib-control-{name}")
            if hasattr(getattr(control, "style", None), "description_width"):
                control.style.description_width = "initial"
        self.readout = widgets.HTML()
        self.readout.add_class("calclib-readout")
        # passive controls are shown but not observed (a Play linked in the browser to a slider)
        self.passive = list(passive)
        for k, control in enumerate(self.passive):
            control.add_class(f"calclib-control-passive{k}")
        row = widgets.HBox(list(self.controls.values()) + self.passive,
                           layout=widgets.Layout(flex_flow="row wrap"))  # many controls wrap, never squash
        # ipywidgets writes a control's tooltip into its label's title, "null" when it has none: the pointer
        # resting on "backward step" showed the word "null" (a student read). The label's own name instead.
        names = self.accessible_names()
        for key, control in self._keyed_controls().items():
            if "tooltip" in control.traits() and not control.tooltip:
                control.tooltip = names[key]
        self.widget = widgets.VBox([row, self.image, self.readout])
        self.widget.add_class("calclib-explorer")
        self.drag_axes = list(drag)
        self.events = []
        if self.drag_axes:
            self._attach_drag()
        self._learn_number_pairs()
        self.refresh()
        for control in self.controls.values():
            control.observe(self._observe, names="value")

    def update(self) -> str:
        raise NotImplementedError

    def _learn_number_pairs(self) -> None:
        """Lay out once, for the font of each label that moves, every pair of characters numbers are written
        with (glyphs.py: GlyphCacheRenderer.learn_number_pairs): a few milliseconds a font and size, once
        in the kernel, instead of a few tenths of a millisecond in each of many early frames."""
        learn_number_pairs(self.figure.canvas, self.animated)

    def on_drag(self, xdata: float, ydata: float, axes) -> dict:
        """Control values for a handle dragged to (xdata, ydata) in ``axes``; override with ``drag=``."""
        raise NotImplementedError

    # ----- events: sliders, keys and drags, coalesced -----

    def _observe(self, change) -> None:
        """Every control change: from the browser, coalesced; from Python, drawn at once."""
        outer = self._defer  # inside a drag, the controls set from Python are part of a browser event
        self._defer = outer or change["name"] in getattr(change["owner"], "_property_lock", {})
        self._moved = next((name for name, control in self.controls.items() if control is change["owner"]), None)
        try:
            self._on_change(change)
        finally:
            self._defer = outer
        # here, not in _on_change, which explorers override (the secant explorer's kept its caption live)
        if self._caption is not None:  # live now: the widget's own read-out takes over
            self._caption.update(Caption(""))
            self._caption = None

    def _on_change(self, change=None) -> None:
        if not self._paused:
            self.refresh()

    def refresh(self) -> None:
        """Show the picture and read-out for the controls' values.

        Inside an event from the browser the frame is drawn once the kernel has no more
        events waiting, so that a fast drag shows its newest position instead of working
        through a queue of stale ones (and at least every MAX_FRAME_GAP_S while events keep coming).
        The first event after a pause (no frame for MAX_FRAME_GAP_S: a key press, the start of a
        drag) is drawn at once, and its frame leaves before the kernel reads the next message (the
        backward walk's Play, linked to its slider, sends one with every key press).
        """
        self._dirty = True
        self._browser = self._browser or self._defer  # the frame answers the browser (kept frames may serve)
        if self._defer and not self._scheduled and time.perf_counter() - self._last_frame >= MAX_FRAME_GAP_S:
            self._draw()  # (a frame being drawn ahead, maybe on another thread, sees the new generation and stops)
            return
        if self._defer and not self._scheduled:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is not None:
                self._scheduled = True
                loop.call_soon(self._flush)
                return
        if self._scheduled and self._defer and time.perf_counter() - self._last_frame < MAX_FRAME_GAP_S:
            return  # a frame is already on its way and will show these values
        self._draw()

    def _flush(self) -> None:
        self._scheduled = False
        if self._dirty:
            self._draw()

    def _draw(self) -> None:
        """Move the artists, redraw what moved, and show the new picture and read-out.

        For a move from the browser, a frame drawn before (or ahead) is shown as it was kept.
        """
        with DRAWING:
            self._draw_locked()

    def _draw_locked(self) -> None:
        self._dirty = False
        browser, self._browser = self._browser, False
        key = self.frame_key()
        self._generation += 1  # a frame being drawn ahead is abandoned: the artists and canvas are this frame's
        self.text = self.update()
        frame = self.frames.get(key) if browser and key is not None else None
        if frame is None:
            frame = self._render_frame(key)
        else:
            self.frames.hits += 1
        # the picture is sent first: the browser shows it before it lays out the new read-out (5 ms sooner)
        self.image.value = frame
        self.readout.value = self._readout_html(self.text)
        self._last_frame = Explorer._last_browser_frame = time.perf_counter()
        if browser:
            self._draw_ahead_later()

    def _render_frame(self, key) -> bytes:
        """Draw the canvas for the artists as they are now, encode it, and keep the frame under ``key``."""
        self.render()
        self._canvas_key = key
        frame = self._encode()  # live frames: fast to encode and to decode
        if key is not None:
            self.frames.put(key, frame)
        return frame

    def _encode(self) -> bytes:
        """The canvas as a JPEG, only the tiles that changed since the last frame encoded again."""
        return self.encoder.encode(np.asarray(self.figure.canvas.buffer_rgba()))

    # ----- frames kept, and drawn ahead while idle -----

    def frame_key(self, values: dict | None = None):
        """The key of the frame for the controls' values (or for ``values``, a dict of some of them
        that replace theirs): a tuple of every control's value, snapped to its grid. None when a
        value cannot be a key (the frame is then never kept)."""
        values = values or {}
        key = []
        for name, control in self.controls.items():
            value = values.get(name, control.value)
            key.append(snap(control, value))
        try:
            hash(key := tuple(key))
        except TypeError:
            return None
        return key

    def _draw_ahead_later(self) -> None:
        """Plan frames to draw ahead along the control last moved, and start when the kernel is idle.

        Only the explorer moved last draws ahead (a student works one explorer at a time): the
        others' plans are dropped, so the kernel never spends its idle time on several at once.
        """
        Explorer._drawing_ahead = weakref.ref(self)
        moved = getattr(self, "_moved", None) or self.main_control or next(iter(self.controls))
        grid = slider_grid(self.controls[moved])
        value = snap(self.controls[moved], self.controls[moved].value) if grid else None
        here = min(range(len(grid)), key=lambda k: abs(grid[k] - value)) if grid else 0
        # nearest first (in steps of the slider), the two sides in turn: the next step either way
        # is the likeliest next value; the two ends right after the nearest two on each side (a
        # fast drag often ends with the slider against its stop)
        ends = {0: 2.5, len(grid) - 1: 2.5}
        order = sorted(range(len(grid)), key=lambda k: (min(abs(k - here), ends.get(k, len(grid))), k < here))
        self._ahead = [(moved, grid[k]) for k in order[:PREFETCH_FRAMES + 1] if k != here]
        self._ahead_drawn = 0
        self._schedule_ahead()

    def _ahead_wait(self) -> float:
        """How long the kernel must be idle before the next frame ahead (longer once the nearest are drawn)."""
        return PREFETCH_IDLE_S if self._ahead_drawn < PREFETCH_NEAR else PREFETCH_SLOW_S

    def _draw_ahead(self) -> None:
        """Start drawing one frame ahead (the nearest value not kept yet), or go on with the one begun.

        A frame is drawn ahead in small steps (set the artists, each artist drawn, the encoding), each
        its own turn of the event loop: a move arriving meanwhile waits for one step, not for a
        whole frame, and the frame begun is dropped.
        """
        self._ahead_handle = None
        if self._dirty or self._scheduled:
            self._drop_ahead_job()
            return  # a real frame is waiting: it goes first, and plans anew
        if Explorer._drawing_ahead() is not self:
            self._drop_ahead_job()
            self._ahead = []  # another explorer was moved since: it draws ahead now
            return
        if self._ahead_job is None and time.perf_counter() - Explorer._last_browser_frame < self._ahead_wait():
            self._schedule_ahead()  # events are still coming in: wait until they stop
            return
        if not DRAWING.acquire(blocking=False):  # another thread is drawing: try again when idle
            self._schedule_ahead()
            return
        try:
            if self._ahead_job is None:
                while self._ahead and self._ahead_job is None:
                    name, value = self._ahead.pop(0)
                    key = self.frame_key({name: value})
                    if key is not None and key not in self.frames:
                        self._ahead_job = self._draw_ahead_steps({name: value}, key)
            if self._ahead_job is not None and next(self._ahead_job, True) is True:
                self._ahead_job = None
                self._ahead_drawn += 1
        finally:
            DRAWING.release()
        self._schedule_ahead()

    def _drop_ahead_job(self) -> None:
        """Give up the frame being drawn ahead: its artists and canvas are brought back by the next draw."""
        if self._ahead_job is not None:
            self._ahead_job.close()
            self._ahead_job = None
            self._canvas_key = None

    def _draw_ahead_steps(self, values: dict, key):
        """Draw and keep the frame for ``values`` under ``key`` (their frame key), yielding between steps;
        stops early (keeping nothing) if a real frame is drawn meanwhile."""
        generation = self._generation
        self._holding.controls = {name: _Held(control, snap(control, values[name])) if name in values
                                  else control for name, control in self._controls.items()}
        try:
            self.update()
        finally:
            self._holding.controls = None
        self._canvas_key = None  # the canvas is being drawn over
        for _ in self._render_steps():
            yield
            if self._generation != generation:
                return  # a real frame was drawn meanwhile (and set the artists for the controls)
        yield  # the encoding is a step of its own
        if self._generation != generation:
            return
        self._canvas_key = key
        self.frames.put(key, self._encode())
        self.frames.drawn_ahead += 1
        self._generation += 1
        self.update()  # the artists back at the controls' values; the canvas keeps the frame drawn ahead

    def _schedule_ahead(self) -> None:
        """Draw the next frame (or step of a frame) ahead once idle, on the loop of the thread handling events now."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (a plain script, a test): nothing is drawn ahead
        handle = self._ahead_handle
        if handle is not None:
            if getattr(handle, "_loop", loop) is loop and not handle.cancelled():
                return  # already planned on this loop
            handle.cancel()  # planned on another thread's loop (events moved to a subshell): planned here instead
        if self._ahead_job is not None:  # the next step of a frame begun: at the next turn of the loop
            self._ahead_handle = loop.call_later(0, self._draw_ahead)
        else:
            self._ahead_handle = loop.call_later(self._ahead_wait(), self._draw_ahead) if self._ahead else None

    def draw_ahead(self, values: dict) -> None:
        """Draw and keep the frame for ``values`` (control name -> value) without moving any control.

        The artists are put back afterwards (``update`` runs again for the real values), so only
        the canvas shows the frame drawn ahead until the next frame is drawn.
        """
        if not isinstance(values, dict) or not values or not all(name in self._controls for name in values):
            raise ValueError(f"`values` must map names of this explorer's controls ({', '.join(self._controls)}) "
                             f"to values, got {values!r}")
        with DRAWING:
            self._drop_ahead_job()
            for _ in self._draw_ahead_steps(values, self.frame_key(values)):
                pass

    def ensure_drawn(self) -> None:
        """Bring the canvas to the controls' values (after frames were taken from the store or drawn ahead)."""
        with DRAWING:
            key = self.frame_key()
            if key is None or key != self._canvas_key or self._ahead_job is not None:
                self._generation += 1
                self.update()
                self.render()
                self._canvas_key = key

    def set_controls(self, values: dict) -> None:
        """Set several controls at once (clamped and snapped), then show one frame.

        A menu (a function or a landscape to choose) is set first, as a move of its own: the explorer
        switches what it shows and may change the sliders' ranges, which the other values then meet.
        (Set while paused, a new function was named in the read-out but never drawn.)
        """
        menus = {name: value for name, value in values.items()
                 if isinstance(self.controls[name], MENUS) and self.controls[name].value != value}
        for name, value in menus.items():
            self.controls[name].value = value
        self._paused = True
        try:
            for name, value in values.items():
                if name not in menus:
                    control = self.controls[name]
                    control.value = snap(control, value)
        finally:
            self._paused = False
        self.refresh()

    # ----- handles on the picture -----

    def _attach_drag(self) -> None:
        from ipyevents import Event

        self.image.add_class("calclib-draggable")
        press = Event(source=self.image, watched_events=PRESS_EVENTS, prevent_default_action=True)
        move = Event(source=self.image, watched_events=MOVE_EVENTS, prevent_default_action=True,
                     throttle_or_debounce="throttle", wait=DRAG_INTERVAL_MS)
        for event in (press, move):
            event.on_dom_event(self.handle_event)
        self.events = [press, move]

    def to_display(self, event) -> tuple:
        """Where a browser event points, in the figure's display (pixel) coordinates, origin bottom left.

        The image is drawn at SCALE times its shown size: positions are scaled by the ratio of
        the canvas to the element's box, whatever size the page gives it.
        """
        width, height = self.figure.bbox.width, self.figure.bbox.height
        box_w = event.get("boundingRectWidth") or self.css_size[0]
        box_h = event.get("boundingRectHeight") or self.css_size[1]
        return (float(event["relativeX"]) / box_w * width, height - float(event["relativeY"]) / box_h * height)

    def handle_event(self, event: dict) -> None:
        """An ipyevents mouse or touch event on the picture: grab, move or let go of a handle."""
        kind = event.get("type", "")
        if kind in ("mouseup", "mouseleave", "touchend", "touchcancel"):
            self._grab = None
            return
        if kind.startswith("touch"):
            touches = event.get("touches") or event.get("changedTouches") or []
            if not touches:
                return
            point = touches[0]
        else:
            point = event
            if kind == "mousemove" and not event.get("buttons", 0) & 1:
                self._grab = None  # the button was let go outside the picture
                return
        if "relativeX" not in point:
            return
        xy = self.to_display(point)
        if kind in ("mousedown", "touchstart"):
            self._grab = next((ax for ax in self.drag_axes if ax.bbox.contains(*xy)), None)
        if self._grab is None:
            return
        xdata, ydata = self._grab.transData.inverted().transform(xy)
        values = self.on_drag(float(xdata), float(ydata), self._grab)
        if values:
            outer, self._defer = self._defer, True
            try:
                self.set_controls(values)
            finally:
                self._defer = outer

    # ----- accessibility -----

    def _keyed_controls(self) -> dict:
        """Every control by its key: the observed ones by name, then the passive ones as "passive0", …"""
        return {**self.controls, **{f"passive{k}": control for k, control in enumerate(self.passive)}}

    def accessible_names(self) -> dict:
        """The name a screen reader gives each control: ``names``, else its label, else its key (a passive
        control, "animation")."""
        return {key: self.names.get(key) or getattr(control, "description", "")
                or (key if key in self.controls else "animation") for key, control in self._keyed_controls().items()}

    def alt_text(self, text: str) -> str:
        """Alternative text of the picture: what it shows (the class summary), then the read-out."""
        summary = (type(self).__doc__ or "").strip().splitlines()[0] if type(self).__doc__ else "Figure"
        return f"{summary} Now: {text}"

    def _readout_html(self, text: str) -> str:
        data = json.dumps({"names": self.accessible_names(), "alt": self.alt_text(text), "icons": PLAY_BUTTONS,
                           "note": SAVED_NOTE, "style": DRAG_STYLE})
        script = (f"<img src='data:,' alt='' aria-hidden='true' style='display:none' "
                  f"data-a11y='{html.escape(data, quote=True)}' onerror=\"{html.escape(A11Y_SCRIPT, quote=True)}\">")
        return (f"<div style='font-family: monospace; white-space: normal; line-height: 1.4'>"
                f"{_words_kept_whole(text)}</div>" + script)

    def redraw_background(self) -> None:
        """Call after changing an artist of the background that leaves the layout and every kept frame true
        (each was drawn with its own values): the next render draws the background again, nothing else."""
        self._background = None

    def invalidate(self) -> None:
        """Call after changing something static (limits, a curve): the next render lays out and draws all."""
        self.redraw_background()
        self.sprites.clear()
        self.frames.clear()
        self._canvas_key = None
        self.figure.set_layout_engine(self._layout)

    def _lay_out(self) -> None:
        """Lay the figure out (as its first draw would), let :meth:`laid_out` adjust it, and keep that layout:
        later draws skip the layout pass."""
        engine = self.figure.get_layout_engine()
        if engine is not None:
            try:
                engine.execute(self.figure)
            except ValueError:  # pragma: no cover - as Figure.draw: a layout that cannot be made is skipped
                pass
        self.figure.set_layout_engine("none")
        self.laid_out()

    def laid_out(self) -> None:
        """Called once the layout is made, before the background is drawn: an explorer may adjust positions."""

    def render(self) -> None:
        """Bring the canvas up to date. With animated artists, only they are drawn after the first time."""
        for _ in self._render_steps():
            pass

    def _render_steps(self):
        """:meth:`render`, yielding after each step (the background, then each animated artist)."""
        canvas = self.figure.canvas
        if not self.animated or self._background is None:
            self._lay_out()
            canvas.draw()  # animated artists are left out of a full draw
            if self.animated:
                self._background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for artist in self.animated:
            yield
            if not self.sprites.draw(artist, renderer):
                artist.draw(renderer)

    @property
    def _png(self) -> bytes:
        """PNG of the current picture, for saved outputs and static pages (lossless, no kernel needed)."""
        with DRAWING:
            self.ensure_drawn()
            return encode_png(self.figure, compress_level=6, colors=SAVED_COLORS)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = self.text
        bundle["image/png"] = base64.b64encode(self._png).decode("ascii")
        return bundle, png_metadata(*self.css_size)

    def _ipython_display_(self) -> None:
        """Two outputs: the live widget (a PNG of this view where no widget can be drawn), and the
        read-out of this view as a visible caption under it.

        Notebooks are saved without the widget part (tools/execute_notebooks.py), so a reopened
        notebook shows the picture and the caption, trusted or not, with or without a kernel;
        re-running the cell brings the live widget back. The caption is emptied on the first move
        of a control, after which the widget's own read-out is the one that is current.
        """
        bundle, metadata = self._repr_mimebundle_()
        display(bundle, raw=True, metadata=metadata)
        self._caption = display(Caption(self.text, label="Starting view"), display_id=True)
