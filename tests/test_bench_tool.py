"""tools/bench.py's own pieces that run without a browser: a change elsewhere (the handle test's helper took
a box instead of an explorer) once broke `make bench` halfway through its run, unseen by `make test`."""
import pytest

from tools import bench


@pytest.mark.parametrize("notebook", sorted(bench.HANDLE_PATHS))
def test_every_handle_path_lies_on_the_picture(notebook):
    (expr,) = [expr for _, nb, expr in bench.INTERACTIVES if nb == notebook]
    start, end = bench.handle_path(expr, bench.HANDLE_PATHS[notebook])
    for x, y in (start, end):
        assert 0 < x < 1 and 0 < y < 1, (notebook, start, end)
    assert start != end
