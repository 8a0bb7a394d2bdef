import base64
import io

import matplotlib
import numpy as np
import pytest
from PIL import Image

import calclib as cl
from calclib.plotting import (
    new_figure, plot_epsilon_delta, plot_error_study, plot_limit, plot_secant, secant_animation, show,
    update_epsilon_delta, update_secant,
)

F = cl.Quotient(lambda x: x**2 - 1, lambda x: x - 1)


def test_no_pyplot_figures_and_no_global_style_change():
    import matplotlib.pyplot as plt

    before = dict(matplotlib.rcParams)
    fig, ax = new_figure()
    plot_limit(ax, F, 1, left=2, x_range=(0, 2), x=0.9)
    assert plt.get_fignums() == []
    assert dict(matplotlib.rcParams) == before


def test_limit_plot_marks_hole_and_point():
    fig, ax = new_figure()
    artists = plot_limit(ax, F, 1, left=2, x_range=(0, 2), x=0.9)
    assert list(artists.holes.get_xdata()) == [1, 1] and list(artists.holes.get_ydata()) == [2, 2]
    assert artists.holes.get_markerfacecolor() == "white"
    assert artists.point.get_xdata()[0] == 0.9 and artists.point.get_ydata()[0] == pytest.approx(1.9)
    ys = artists.curve.get_ydata()
    assert np.isnan(ys[np.argmin(np.abs(artists.curve.get_xdata() - 1))])  # the curve breaks at the hole


def test_jump_is_not_joined_by_a_vertical_line():
    fig, ax = new_figure()
    artists = plot_limit(ax, cl.Quotient(np.abs, lambda t: t), 0, left=-1, right=1, x_range=(-1, 1))
    ys = artists.curve.get_ydata()
    finite = ys[np.isfinite(ys)]
    assert set(np.unique(finite)) == {-1.0, 1.0}
    assert np.nanmax(np.abs(np.diff(ys))) < 1  # no segment spans the jump


def test_secant_artists_follow_h():
    fig, ax = new_figure()
    square = cl.catalog()["x^2"]
    artists = plot_secant(ax, square, 3.0, 1.0)
    assert list(artists.points.get_xdata()) == [3.0, 4.0]
    slope = update_secant(artists, square, 3.0, 0.1)
    assert slope == pytest.approx(6.1)
    xs, ys = artists.secant.get_data()
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(6.1)
    xs, ys = artists.tangent.get_data()
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(6.0)


def test_epsilon_delta_bands():
    fig, ax = new_figure()
    artists = plot_epsilon_delta(ax, F, 1, 2, 0.5, 0.5, x_range=(-0.5, 2.5))
    update_epsilon_delta(artists, 1, 2, 0.1, 0.1)
    assert artists.epsilon_band.get_y() == pytest.approx(1.9) and artists.epsilon_band.get_height() == pytest.approx(0.2)
    assert artists.delta_band.get_x() == pytest.approx(0.9) and artists.delta_band.get_width() == pytest.approx(0.2)


def test_error_plot_has_every_method():
    fig, ax = new_figure()
    lines = plot_error_study(ax, cl.error_study(np.exp, np.exp, 1.0))
    assert {"forward", "central", "complex", "order 1", "order 2"} <= set(lines)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    # each slope guide runs parallel to its curve and clear of it, a decade off (the slope-1 guide lay along the
    # forward difference, hard to tell apart, found by a student read)
    for guide, curve in (("order 1", "forward"), ("order 2", "central")):
        h, level = lines[guide].get_data()
        h_curve, error = lines[curve].get_data()
        on_curve = np.interp(np.log(h), np.log(h_curve), np.log(error))
        gap = np.abs(np.log10(level) - on_curve / np.log(10))
        assert gap.min() > 0.5 and np.ptp(np.log10(level) - on_curve / np.log(10)) < 0.5, guide


def test_show_gives_png_and_caption():
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    view = show(fig, "a diagonal line")
    bundle, metadata = view._repr_mimebundle_()
    assert bundle["text/plain"] == "Figure: a diagonal line"
    image = Image.open(io.BytesIO(base64.b64decode(bundle["image/png"])))
    assert image.size == (1280, 720)  # drawn at twice the size it is shown at: sharp on 2x screens
    assert metadata == {"image/png": {"width": 640, "height": 360}}
    assert fig.dpi == 100  # the figure itself is left as it was
    with pytest.raises(ValueError, match="`caption` must be a non-empty sentence"):
        show(fig, "")


def test_secant_animation_is_an_animated_png():
    # small, to be quick (at 150 x 100 pixels its text, 11 pixels or more, left no room for the axes)
    fig, ax = new_figure(width=4, height=2.5, dpi=60)
    anim = secant_animation(ax, cl.catalog()["x^2"], 3.0, np.logspace(0, -2, 4))
    image = Image.open(io.BytesIO(anim.png))
    assert image.format == "PNG" and getattr(image, "n_frames", 1) >= 4
    assert image.size == (480, 300) and image.info["loop"] == 3  # 2x, and it comes to rest after 3 plays
    assert anim.metadata == {"image/png": {"width": 240, "height": 150}}
    assert "slope goes to f'(x) = 6" in repr(anim)


def public_plot_functions():
    import importlib
    import inspect as ins
    import pkgutil

    import calclib.plotting as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"calclib.plotting.{info.name}")
        for name, fn in ins.getmembers(module, ins.isfunction):
            if fn.__module__ == module.__name__ and (name.startswith("plot_") or name == "secant_animation"):
                yield fn


@pytest.mark.parametrize("fn", list(public_plot_functions()), ids=lambda f: f.__name__)
def test_every_plot_function_checks_its_axes(fn):
    import inspect as ins

    assert hasattr(fn, "__wrapped__"), f"{fn.__name__} is not decorated with takes_axes"
    params = list(ins.signature(fn).parameters.values())
    args = {p.name: None for p in params if p.default is ins.Parameter.empty and p.kind != p.KEYWORD_ONLY}
    kwargs = {p.name: None for p in params if p.default is ins.Parameter.empty and p.kind == p.KEYWORD_ONLY}
    with pytest.raises(TypeError, match=f"`{params[0].name}` must be a matplotlib Axes"):
        fn(*args.values(), **kwargs)


def test_saved_heat_maps_keep_their_shades_and_line_plots_their_fast_palette():
    """A saved picture has a palette of 256 colours. The fast octree palette banded the quadratic form's
    grey heat map into a few steps (the middle of the bowl all white: a student read found it); a
    picture it reduces that badly takes median cut's palette instead, a line plot keeps the fast one."""
    from PIL import Image

    from calclib.plotting.figure import SMOOTH_ERROR, _canvas_rgb, reduce_colors
    from calclib.widgets.quadratic import QuadraticFormExplorer

    def error(reduced, image):
        return np.abs(np.asarray(reduced.convert("RGB"), dtype=float) - np.asarray(image, dtype=float)).mean()

    explorer = QuadraticFormExplorer(np.array([[1.0, 2.0], [0.0, 3.0]]))
    explorer.ensure_drawn()
    heat = _canvas_rgb(explorer.figure)
    assert error(heat.quantize(colors=256, method=Image.Quantize.FASTOCTREE), heat) > SMOOTH_ERROR  # it bands
    assert error(reduce_colors(heat, 256), heat) < 0.5
    fig, ax = new_figure()
    ax.plot([0, 1, 2], [0, 1, 4])
    fig.canvas.draw()
    lines = _canvas_rgb(fig)
    assert reduce_colors(lines, 256).tobytes() == lines.quantize(colors=256, method=Image.Quantize.FASTOCTREE).tobytes()
