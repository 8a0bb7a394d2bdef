"""The quadratic-form explorer for 08_matrix_calculus: only the symmetric part of A matters."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..matrix_calculus import antisymmetric_part, symmetric_part
from ..plotting.cells import PanelCopy, snap_beside
from ..plotting.figure import new_figure
from ..plotting.quadratic import arrow_scale, plot_quadratic, update_quadratic
from . import _checks
from ._readout import number
from .base import Explorer, on_grid

ENTRY = {"min": -3.0, "max": 3.0, "step": 0.25}


class QuadraticFormExplorer(Explorer):
    """Four sliders for the entries of A; two heat maps, of xᵀAx and of xᵀSx, that never differ."""

    main_control = "a12"

    def __init__(self, A=((1.0, 2.0), (0.0, 3.0))):
        A = _checks.v.real_array(A, "A")
        if A.shape == (2, 2):
            for c in A.ravel():
                _checks.in_range(c, "A", ENTRY["min"], ENTRY["max"])
        if A.shape != (2, 2):
            raise ValueError(f"`A` must be a 2-by-2 matrix, got shape {A.shape}")
        fig, (ax, ax_sym) = new_figure(1, 2, width=9.0, height=4.2, dpi=80)
        self.artists = plot_quadratic(ax, ax_sym, A)
        names = ("a11", "a12", "a21", "a22")
        controls = {name: widgets.FloatSlider(value=float(np.clip(on_grid(val, ENTRY["min"], ENTRY["step"]), -3, 3)),
                                              description=name, **ENTRY)
                    for name, val in zip(names, A.ravel())}
        a = self.artists
        # the left map is the right one's picture (xᵀAx = xᵀSx) with the orange arrows on top: copied, not drawn again
        self.copy = PanelCopy(a.image_sym.axes, a.image.axes, [a.image, a.true_field, a.levels])
        for artist in self.copy.artists:
            artist.set_animated(True)
        super().__init__(fig, controls, animated=[a.image_sym, a.field_sym, a.levels_sym, self.copy, a.wrong_field,
                                                  a.title, a.title_sym])

    def laid_out(self) -> None:
        snap_beside(self.artists.image.axes, self.artists.image_sym.axes)

    @property
    def A(self) -> np.ndarray:
        c = self.controls
        return np.array([[c["a11"].value, c["a12"].value], [c["a21"].value, c["a22"].value]])

    def update(self) -> str:
        A = self.A
        gap = update_quadratic(self.artists, A)
        self.copy.same = gap < 1e-9  # the left map is copied from the right while they agree (always)
        S, K = symmetric_part(A), antisymmetric_part(A)
        k = number(K[0, 1], 3)
        symmetric = f"[[{number(S[0, 0], 3)}, {number(S[0, 1], 3)}], [{number(S[1, 0], 3)}, {number(S[1, 1], 3)}]]"
        red = ("the orange 2Ax arrows lie on the black ones (K = 0: A is symmetric)" if K[0, 1] == 0 else
               f"only the orange 2Ax arrows see K = [[0, {k}], [{number(-K[0, 1], 3)}, 0]]: they are off by 2Kx")
        # the orange arrows set the arrows' one scale when they are much longer: the black ones shrink with them
        shorter = ("" if arrow_scale(A)[1] != "orange" else
                   " Every arrow is drawn shorter so that the long orange ones fit: the black ones shrink too."
                   if S.any() else " The orange arrows are drawn shorter so that they fit on the map.")
        if not S.any():  # a plain grey map and no arrows: say why (a student read found it unexplained)
            return (f"S = (A + Aᵀ)/2 = {symmetric}: xᵀAx = xᵀSx = 0 at every x, so both maps are flat and "
                    f"the black arrows (A + Aᵀ)x = 2Sx are all 0 (a dot is an arrow of length 0); {red}.{shorter}")
        return (f"S = (A + Aᵀ)/2 = {symmetric} sets both heat maps, "
                f"{'identical (up to rounding)' if gap < 1e-9 else 'DIFFERENT'}, and the black arrows (A + Aᵀ)x = 2Sx; "
                f"{red}.{shorter}")
