"""Charts as people may see them: time series with the counts disclosure control hides (and
what is worked out from them) left as gaps marked "suppressed", as on the map and in packs.

`series` answers one chart (the `chart` command, packs); `series_cube` holds a figure's series
in memory for the Trends page to redraw for other forces without reading again. Both read the
office's stored rule themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..db.database import Database
from ..domain.periods import Period
from ..queries import series as raw
from ..queries.series import ChartData, ChartRequest, SeriesCube
from .suppression_store import load_suppression
from .table_views import Disclosure, disclosure_of


def series(db: Database, request: ChartRequest) -> ChartData:
    """The chart asked for, protected; ChartError (a plain message) when it cannot be drawn."""
    return raw.chart_data(db, request, load_suppression(db))


@dataclass(frozen=True)
class PublishedSeries:
    """A figure's series for some breakdowns, drawn only through the disclosure rule: the
    figures stay inside, charts come out."""

    _cube: SeriesCube
    _disclosure: Disclosure

    @property
    def metric_key(self) -> str:
        return self._cube.metric_key

    @property
    def breakdowns(self) -> tuple[str, ...]:
        return self._cube.breakdowns

    def covers(self, request: ChartRequest) -> bool:
        return self._cube.covers(request)

    def forces_with_figures(self) -> tuple[tuple[str, str], ...]:
        return self._cube.forces_with_figures()

    def quarter_keys(self) -> list[str]:
        """Every quarter with a figure, or inside a year with one, oldest first."""
        keys = {key for cells in self._cube.quarterly.values() for (_row, key) in cells}
        for cells in self._cube.yearly.values():
            for _row, key in cells:
                keys.update(q.key for q in Period.from_key(key).quarters())
        return [p.key for p in sorted(Period.from_key(k) for k in keys)]

    def chart(self, request: ChartRequest) -> ChartData:
        return self._cube.chart(request, self._disclosure.rule, self._disclosure.views)


def series_cube(
    db: Database,
    metric_key: str,
    breakdowns: Sequence[str] = ("",),
    disclosure: Disclosure | None = None,
) -> PublishedSeries:
    """Every current figure of a metric for `breakdowns`, to chart through the stored rule.
    `disclosure`: from `disclosure_of` for this figure, when the caller holds it already."""
    if disclosure is None or disclosure.metric_key != metric_key:
        disclosure = disclosure_of(db, metric_key)
    return PublishedSeries(raw.load_series(db, metric_key, breakdowns), disclosure)
