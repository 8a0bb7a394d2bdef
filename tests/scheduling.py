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
}
# seconds, measured (`make test --durations=0`, both workers busy; a module's calls, set-ups and tear-downs
# added up), after this session's savings; only the order matters. Every unit of more than about 3 s is
# listed: one left out counts PER_TEST_S a test, and a long module of few tests (the lessons' were
# counted 2 s for 17) was then handed out among the last, where it ran on alone. test_widgets, test_legibility
# and test_lesson_08 re-measured one process at a time (`-p no:randomly --durations=0`, the machine shared):
# test_legibility (about 23 s) and test_lesson_08 were missing, so counted 0.6 s and handed out last.
SECONDS = {
    LAB_UNIT: 110,  # 145 before the next notebook's kernel started ahead and the walk shared the handles' notebook
    "tests/test_widgets.py": 32,
    "tests/browser/test_static_pages_offline.py": 32,
    "tests/test_frames.py": 35,
    "tests/test_legibility.py": 23,  # every notebook's cells run in the test process, every figure drawn
    "tests/test_lite.py": 22,
    "tests/test_grading.py": 15,
    "tests/test_lesson_05.py": 13,
    "tests/test_lesson_09.py": 11,
    "tests/test_robustness.py": 9,
    "tests/test_drag.py": 8,
    "tests/test_lesson_03.py": 7,
    "tests/test_lesson_02.py": 7,
    "tests/browser/test_readout_wrapping.py": 7,  # builds 14 explorers (no frames), then lays out their read-outs
    "notebooks/02_derivatives.ipynb": 7,
    "tests/test_lesson_04.py": 6,
    "tests/test_lesson_10.py": 6,
    "notebooks/07_backprop.ipynb": 6,
    "tests/test_layers.py": 5,
    "notebooks/04_differentiation_rules.ipynb": 5,
    "notebooks/05_gradients.ipynb": 5,
    "notebooks/08_matrix_calculus.ipynb": 5,
    "notebooks/09_activations.ipynb": 5,
    "notebooks/10_softmax.ipynb": 5,
    "tests/test_lesson_08.py": 7,
    "tests/test_lesson_06.py": 4.5,
    "tests/test_exercises.py": 4,
    # many quick tests: PER_TEST_S would count them long
    "tests/test_edges.py": 2,
    "tests/test_references.py": 0.5,
    "tests/test_notebooks.py": 0.5,
    "tests/test_differences.py": 0.5,
    "tests/test_checker.py": 0.5,
    "tests/test_lock.py": 4,
    "notebooks/06_jacobian.ipynb": 4,
    "tests/test_lesson_01.py": 4,
    "notebooks/01_limits.ipynb": 3.5,
    "notebooks/03_chain_rule.ipynb": 3.5,
    "tests/test_lesson_07.py": 3,
    "tests/test_instructor_kit.py": 3,
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
