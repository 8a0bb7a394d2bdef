"""Every text of every figure a student sees is readable at the size it is shown at.

A student read (JupyterLab at 1280 x 900, the file browser open: a cell's output is 833 CSS pixels wide) found
legends of 8.9 CSS pixels, titles of 10 and graph labels of 6 to 7 pixels high. Each text is measured as it is
shown: its size in points times its figure's own dpi / 72 (in CSS pixels, before the 2x drawing), times the
shrink of a figure wider than the cell. The figures are the explorers of tests/test_widgets.py and every
figure and explorer the notebooks show, made by running the notebooks' own cells.
"""
import ast
import json
import warnings

import pytest
from matplotlib.text import Text

from calclib.plotting.style import CELL_WIDTH, MIN_TEXT_PX
from tests.conftest import NOTEBOOKS


def drawn_texts(fig) -> list:
    """Every text a full draw of ``fig`` draws (non-empty, visible), the moving ones of an explorer included."""
    seen = []
    draw = Text.draw

    def recording(self, renderer):
        if self.get_visible() and self.get_text().strip():
            seen.append(self)
        return draw(self, renderer)

    moving = [a for a in fig.findobj() if a.get_animated()]  # an explorer's: drawn over its background
    for artist in moving:
        artist.set_animated(False)
    Text.draw = recording
    try:
        fig.canvas.draw()
    finally:
        Text.draw = draw
        for artist in moving:
            artist.set_animated(True)
    return seen


#: Letters written as Unicode superscripts (ᵀ): half as high as a small letter, "xᵀAx" read as "xAx" in a student
#: read. A figure typesets them ($\mathregular{x^TAx}$), as large as an exponent.
SUPERSCRIPT_LETTERS = {chr(c) for c in range(0x1D2C, 0x1D6B)}


def too_small(fig, css_width: float) -> list:
    """(CSS pixels, text) of each text of ``fig`` shown below MIN_TEXT_PX, ``fig`` shown ``css_width`` wide; and
    (0, text) of each text with a letter written as a Unicode superscript."""
    css_dpi = css_width / fig.get_figwidth()
    shrink = min(1.0, CELL_WIDTH / css_width)
    texts = drawn_texts(fig)
    small = {(round(float(t.get_fontsize() * css_dpi / 72 * shrink), 2), t.get_text()) for t in texts}
    small |= {(0, t.get_text()) for t in texts if SUPERSCRIPT_LETTERS & set(t.get_text())}
    return sorted(s for s in small if s[0] < MIN_TEXT_PX)


def test_a_text_below_the_floor_is_found():
    from calclib.plotting import new_figure

    fig, ax = new_figure(width=11.0, height=3.0, dpi=80)  # 880 pixels wide, shown at 833
    ax.set_title("readable", fontsize=12)
    ax.text(0.5, 0.5, "too small", fontsize=10)  # 11.1 pixels at 80 dpi, 10.5 once shrunk
    ax.text(0.5, 0.2, "", fontsize=4)  # empty: nothing drawn
    ax.tick_params(labelsize=11)
    ax.set_xlabel("xᵀAx", fontsize=14)
    assert too_small(fig, 880) == [(0, "xᵀAx"), (10.52, "too small")]


def test_every_explorer_s_text_is_readable_at_its_shown_size(frames_not_drawn):
    # frames_not_drawn: the explorers' first frames are not drawn nor encoded; too_small's full draw lays each
    # figure out and draws every text, the moving ones included, with the values update() set
    from tests.test_widgets import all_explorers

    failures, count = [], 0
    for explorer in all_explorers():
        count += 1
        if small := too_small(explorer.figure, explorer.css_size[0]):
            failures.append(f"{type(explorer).__name__} ({explorer.css_size[0]} px wide): {small}")
    assert count >= 17 and not failures, "\n".join(failures)


def figures_of_notebook(path):
    """(where, figure, CSS width) of every figure the notebook's cells show: static (show, animate) and explorers."""
    import calclib.plotting as plotting
    import calclib.plotting.figure as figure_module
    from calclib.widgets.base import Explorer

    shown = []
    show, animate, init = figure_module.show, figure_module.animate, Explorer.__init__

    def recording_show(fig, *args, **kwargs):
        shown.append((fig, None))
        return show(fig, *args, **kwargs)

    def recording_animate(fig, *args, **kwargs):
        shown.append((fig, None))
        return animate(fig, *args, **kwargs)

    def recording_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        shown.append((self.figure, self))

    patched = [(plotting, "show", recording_show), (figure_module, "show", recording_show),
               (plotting, "animate", recording_animate), (figure_module, "animate", recording_animate),
               (Explorer, "__init__", recording_init),
               # an explorer's frames are neither drawn nor encoded (as frames_not_drawn): too_small's full draw
               # lays its figure out and draws every text, with the values update() set
               (Explorer, "_render_frame", lambda self, key: b"")]
    import calclib.plotting.secant as secant

    if hasattr(secant, "animate"):
        patched.append((secant, "animate", recording_animate))
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patched]
    for owner, name, value in patched:
        setattr(owner, name, value)
    namespace, found = {}, []
    try:
        for k, cell in enumerate(json.loads(path.read_text())["cells"]):
            if cell["cell_type"] != "code":
                continue
            shown.clear()
            tree = ast.parse("".join(cell["source"]))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(tree, f"{path.name} cell {k}", "exec"), namespace)
            for fig, explorer in shown:
                width = explorer.css_size[0] if explorer else fig.get_figwidth() * fig.dpi
                found.append((f"{path.name} cell {k} ({type(explorer).__name__ if explorer else 'figure'})", fig, width))
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_figure_a_notebook_shows_is_readable_at_its_shown_size(path):
    found = figures_of_notebook(path)
    assert found, "the notebook shows figures"
    failures = [f"{where}, {width:.0f} px wide: {small}" for where, fig, width in found
                if (small := too_small(fig, width))]
    assert not failures, "\n".join(failures)
