"""The map cube as screens may show it: counts hidden by disclosure control become suppressed.

Which counts are hidden comes from the figure's table views (published.table_views.load_views:
small counts and their complements, every breakdown protected together), or, without them,
from each period's own counts (published.hidden_cells.own_view). A hidden count then has no
value, so nothing worked out from the cube (rate, change on a year, rank, four-quarter sums) can
show it or give it back: the map, its tooltips and exports, and the force profile all read this.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..domain.catalogue import metric_unit
from ..maps.values import MapCube
from .disclosure import SuppressionRule
from .hidden_cells import TableView, own_view

HIDDEN = ("suppressed", None)


def protect_cube(
    cube: MapCube, rule: SuppressionRule | None, views: Mapping[str, TableView] | None = None
) -> MapCube:
    """`cube` with every hidden count replaced by a suppressed figure (rule None: as stored).

    `views` (published.table_views.load_views for the cube's metric) protect every breakdown
    together, as the app does; without them each period's counts are judged on their own."""
    if rule is None or metric_unit(cube.metric_key) != "count":
        return cube  # disclosure control hides counts of people; other figures are shown
    figures = dict(cube.figures)
    for key in cube.periods:
        if views is not None:
            hidden = views[key].codes(cube.breakdown) if key in views else set()
        else:
            now = {f.code: cube._figure(key, f.code) for f in cube.forces}
            hidden, _total = own_view(now, rule)
        for code in hidden:
            figures[(key, code)] = HIDDEN
    return replace(cube, figures=figures)
