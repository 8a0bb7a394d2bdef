"""How `make test` shares the tests between its two xdist workers (`-n 2 --dist loadscope`).

xdist's loadscope keeps each module (each notebook for nbval, whose cells must run in order in one
kernel) on one worker, and by default hands the modules out by number of tests, most first. That
puts the modules with few but long tests (the browser, the student copies, the JupyterLite build)
last, so one worker can be left with a long module while the other is idle.

This scheduler changes only the order and one grouping, never which tests run:
- the modules that drive JupyterLab form one unit, so one worker starts one JupyterLab server and
  loads the page once for all of them (each worker that runs any of them starts its own);
- the units are handed out longest first (the seconds below were measured on a 2-core machine with
  `--durations`; they only set the order, and a unit not listed counts 0.05 s per test), so the
  short ones fill the gaps at the end;
- a worker is given its next unit when one test of its units is left, not two: a long unit of
  few tests (the browser's) no longer takes a second unit at the start that the other worker,
  free earlier, should have run. (A worker runs a test only once it knows the next one, so one
  left, not none.)
"""
from collections import OrderedDict

from xdist.scheduler import LoadScopeScheduling

# modules that start JupyterLab (tests/browser/conftest.py: lab_server)
LAB_UNIT = "tests/browser/[JupyterLab]"
LAB_MODULES = {
    "tests/browser/test_notebooks_in_browser.py",
    "tests/browser/test_reopen_in_browser.py",
    "tests/browser/test_handles_in_browser.py",
    "tests/browser/test_walk_in_browser.py",
}
# seconds, measured (warm, both workers busy); only the order matters
SECONDS = {
    LAB_UNIT: 190,
    "tests/test_instructor_kit.py": 10,
    "tests/test_widgets.py": 85,
    "tests/browser/test_static_pages_offline.py": 40,
    "tests/test_lite.py": 50,
    "tests/test_grading.py": 28,
    "tests/test_robustness.py": 22,
    "tests/test_frames.py": 18,
    "tests/browser/test_readout_wrapping.py": 10,  # builds 13 explorers, then lays out their read-outs
    "notebooks/02_derivatives.ipynb": 12,
    "tests/test_lesson_02.py": 12,
}
PER_TEST_S = 0.05


class LongestFirst(LoadScopeScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        self._ordered = False

    def _split_scope(self, nodeid):
        scope = super()._split_scope(nodeid)
        return LAB_UNIT if scope.split("::")[0] in LAB_MODULES else scope

    def _assign_work_unit(self, node):
        if not self._ordered:  # the work queue is complete when the first unit is handed out
            def cost(item):
                scope, tests = item
                for key in (scope, scope.split("[")[0], scope.split("::")[0]):
                    if key in SECONDS:
                        return SECONDS[key]
                return PER_TEST_S * len(tests)

            self.workqueue = OrderedDict(sorted(self.workqueue.items(), key=cost, reverse=True))
            self._ordered = True
        super()._assign_work_unit(node)

    def _reschedule(self, node):
        if node.shutting_down:
            return
        if not self.workqueue:
            node.shutdown()
            return
        if self._pending_of(self.assigned_work[node]) > 1:
            return
        self._assign_work_unit(node)
