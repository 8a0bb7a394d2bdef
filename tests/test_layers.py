"""The three layers import in one direction only, and importing changes no global state."""
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ImportError("blocked for this test: " + name)
sys.meta_path.insert(0, Block())
"""


def run_with_blocked(modules, code):
    script = textwrap.dedent(BLOCKER.format(blocked=set(modules))) + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_math_layer_imports_without_matplotlib_or_ipywidgets():
    result = run_with_blocked(["matplotlib", "ipywidgets", "PIL"], """
        import numpy as np
        import calclib as cl
        assert cl.central_difference(np.sin, 0.0, 1e-4) > 0.99
        assert cl.check("01.left-limit", -1).correct
        import sys
        assert "matplotlib" not in sys.modules and "ipywidgets" not in sys.modules
    """)
    assert result.returncode == 0, result.stderr


def test_plotting_layer_imports_without_ipywidgets():
    result = run_with_blocked(["ipywidgets"], "import calclib.plotting")
    assert result.returncode == 0, result.stderr


def test_importing_changes_no_matplotlib_settings():
    result = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import matplotlib
        before = dict(matplotlib.rcParams)
        import calclib, calclib.plotting, calclib.widgets
        assert dict(matplotlib.rcParams) == before
        assert matplotlib.get_backend() == matplotlib.rcParams["backend"]
    """)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
