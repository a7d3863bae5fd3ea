"""Disclosure control's view of the database: for a figure and some periods, which counts are
hidden, every breakdown at once (published.hidden_cells.table_view).

Every screen, export and printout that shows counts asks this with the office's rule, so a
count hidden on the map of one breakdown cannot be worked out from another breakdown's map,
the total's, or a chart.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from ..db.database import Database
from ..db.models import Force, Metric, Observation, Period
from ..db.models.figures import CURRENT
from ..domain.catalogue import DIMENSIONS, METRICS_BY_KEY, metric_unit
from .disclosure import SuppressionRule
from .hidden_cells import Figure, TableView, table_view
from .suppression_store import load_suppression

BTP = "BTP"  # counted in national totals with the territorial forces


def load_views(
    db: Database | Session,
    metric_key: str,
    rule: SuppressionRule,
    periods: Collection[str] | None = None,
) -> dict[str, TableView]:
    """period key → its table view, for `periods` (None: every period holding the figure).
    Nothing is hidden of a figure that is not a count (a decimal or a percentage): none."""
    if metric_unit(metric_key) != "count":
        return {}
    if isinstance(db, Database):
        with db.session() as s:
            return load_views(s, metric_key, rule, periods)
    s = db
    q = (
        select(
            Period.key,
            Force.code,
            Force.kind,
            Observation.breakdown,
            type_coerce(Observation.status, String),
            Observation.value,
        )
        .select_from(Observation)
        .join(Period, Period.id == Observation.period_id)
        .join(Force, Force.id == Observation.force_id)
        .where(
            Observation.metric_id
            == select(Metric.id).where(Metric.key == metric_key).scalar_subquery(),
            CURRENT,
        )
    )
    if periods is not None:
        q = q.where(Period.key.in_(list(periods)))
    tables: dict[str, dict[tuple[str, str], Figure]] = {}
    national: set[str] = set()
    for key, code, kind, breakdown, status, value in s.execute(q):
        tables.setdefault(key, {})[(code, breakdown)] = (status, value)
        if kind == "territorial" or code == BTP:
            national.add(code)
    dims = {d: DIMENSIONS[d].value_keys() for d in METRICS_BY_KEY[metric_key].dimensions}
    return {key: table_view(t, national, dims, rule) for key, t in tables.items()}


@dataclass(frozen=True)
class Disclosure:
    """What the office's rule hides of one figure, every period and breakdown: read once and
    handed back to `published.map_cube` or `published.series_cube`, so a page changing only
    the breakdown or the forces need not read it again."""

    metric_key: str
    rule: SuppressionRule
    views: Mapping[str, TableView]


def disclosure_of(db: Database, metric_key: str) -> Disclosure:
    """The stored disclosure rule and what it hides of `metric_key`."""
    rule = load_suppression(db)
    return Disclosure(metric_key, rule, load_views(db, metric_key, rule))
