"""The map cube as screens may show it: counts hidden by disclosure control become suppressed.

Each period's counts are hidden by that period's own view (stats.published.own_view): small
counts and their complements against the national total. A hidden count then has no value, so
nothing worked out from the cube (rate, change on a year, rank, four-quarter sums) can show it
or give it back: the map, its tooltips and exports, and the force profile all read this.
"""

from __future__ import annotations

from dataclasses import replace

from ..stats.disclosure import SuppressionRule
from ..stats.published import own_view
from .values import MapCube

HIDDEN = ("suppressed", None)


def protect_cube(cube: MapCube, rule: SuppressionRule | None) -> MapCube:
    """`cube` with every hidden count replaced by a suppressed figure (None: as stored)."""
    if rule is None:
        return cube
    figures = dict(cube.figures)
    for key in cube.periods:
        now = {f.code: cube._figure(key, f.code) for f in cube.forces}
        hidden, _total = own_view(now, rule)
        for code in hidden:
            figures[(key, code)] = HIDDEN
    return replace(cube, figures=figures)
