"""Current figures for one metric and period, each with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, select

from ..db.database import Database
from ..db.models import Force, ImportBatch, Metric, Observation, Period, SourceFile
from ..domain.catalogue import METRICS_BY_KEY, all_metrics, breakdown_label, metric_unit
from ..published.disclosure import SuppressionRule
from ..published.table_views import load_views
from .populations import load_estimates, populations_for_year


@dataclass(frozen=True)
class FigureRow:
    force_code: str
    force_name: str
    breakdown: str
    breakdown_label: str
    status: str  # ObservationStatus value
    value: int | float | None  # float: a decimal metric's or a percentage's figure
    rate_per_100k: float | None  # None: no population known, no value, or a percentage
    population_year: int | None
    batch_id: int
    is_demo: bool
    file_name: str | None
    sha256: str | None
    sheet: str | None
    cell: str | None
    imported_by: str
    imported_at: datetime
    hidden: bool = False  # a count disclosure control hides everywhere it is published
    unit: str = "count"  # the metric's unit, for showing the value


@dataclass(frozen=True)
class FigureChoices:
    metrics: tuple[tuple[str, str], ...]  # (key, label): built-ins, then the office's own
    periods: tuple[str, ...]  # period keys with data, newest first
    breakdowns: tuple[str, ...]  # breakdown keys with data for the metric ('' first)


def figure_choices(db: Database, metric_key: str | None = None) -> FigureChoices:
    with db.session() as s:
        periods = tuple(
            s.scalars(
                select(Period.key)
                .where(select(Observation.id).where(Observation.period_id == Period.id).exists())
                .order_by(Period.start_date.desc(), Period.kind)
            )
        )
        breakdowns: tuple[str, ...] = ()
        if metric_key:
            breakdowns = tuple(
                sorted(
                    s.scalars(
                        select(Observation.breakdown)
                        .join(Metric, Metric.id == Observation.metric_id)
                        .where(Metric.key == metric_key, Observation.is_current.is_(True))
                        .distinct()
                    )
                )
            )
    return FigureChoices(
        metrics=tuple((m.key, m.label) for m in all_metrics()),
        periods=periods,
        breakdowns=breakdowns,
    )


def list_figures(
    db: Database,
    metric_key: str,
    period_key: str,
    breakdown: str | None = "",
    rule: SuppressionRule | None = None,
) -> list[FigureRow]:
    """breakdown None means every breakdown. With a disclosure `rule`, rows whose count it
    hides (as the map, charts and packs do) are marked `hidden`; the value is still there,
    for the page to show only when asked. Only counts are ever hidden."""
    unit = metric_unit(metric_key)
    if unit != "count":
        rule = None
    has_rate = metric_key not in METRICS_BY_KEY or METRICS_BY_KEY[metric_key].has_rate
    with db.session() as s:
        period = s.scalar(select(Period).where(Period.key == period_key))
        if period is None:
            return []
        # The denominator rule is shared with the map: see queries/populations.py.
        pops = populations_for_year(load_estimates(s), period.start_date.year)
        q = (
            select(Observation, Force.code, Force.display_name, ImportBatch, SourceFile)
            .join(Force, Force.id == Observation.force_id)
            .join(Metric, Metric.id == Observation.metric_id)
            .join(ImportBatch, ImportBatch.id == Observation.batch_id)
            .outerjoin(SourceFile, SourceFile.id == Observation.source_file_id)
            .where(
                Metric.key == metric_key,
                Observation.period_id == period.id,
                Observation.is_current.is_(True),
            )
            .order_by(Force.display_name, Observation.breakdown)
        )
        if breakdown is not None:
            q = q.where(Observation.breakdown == breakdown)
        rows = []
        for obs, code, name, batch, src in s.execute(q):
            pop, year = pops.get(obs.force_id, (None, None))
            rate = None
            if pop and obs.value is not None and has_rate:
                rate = obs.value * 100_000 / pop
            rows.append(
                FigureRow(
                    force_code=code,
                    force_name=name,
                    breakdown=obs.breakdown,
                    breakdown_label=breakdown_label(obs.breakdown),
                    status=str(obs.status),
                    value=obs.value,
                    rate_per_100k=rate,
                    population_year=year if pop else None,
                    batch_id=batch.id,
                    is_demo=batch.is_demo,
                    file_name=src.file_name if src else None,
                    sha256=src.sha256 if src else None,
                    sheet=obs.sheet,
                    cell=obs.cell,
                    imported_by=batch.imported_by,
                    imported_at=batch.imported_at,
                    unit=unit,
                )
            )
        if rule is None:
            return rows
        view = load_views(s, metric_key, rule, (period_key,)).get(period_key)
    hidden = view.hidden if view is not None else frozenset()
    return [replace(r, hidden=True) if (r.force_code, r.breakdown) in hidden else r for r in rows]


def count_current(db: Database) -> int:
    with db.session() as s:
        return s.scalar(
            select(func.count()).select_from(Observation).where(Observation.is_current.is_(True))
        )


def forces_without_figures(db: Database, metric_key: str, period_key: str) -> list[str]:
    """Territorial forces with no current figure for the metric and period: shown as missing,
    never counted as zero."""
    with db.session() as s:
        reported = (
            select(Observation.force_id)
            .join(Metric, Metric.id == Observation.metric_id)
            .join(Period, Period.id == Observation.period_id)
            .where(
                Metric.key == metric_key,
                Period.key == period_key,
                Observation.is_current.is_(True),
            )
        )
        return list(
            s.scalars(
                select(Force.display_name)
                .where(Force.kind == "territorial", Force.id.not_in(reported))
                .order_by(Force.display_name)
            )
        )
