"""Time series for the Trends page, the `chart` command and briefing packs.

`chart_data(db, ChartRequest(...))` answers one chart: the national total (or up to eight forces
side by side, or one scope stacked by a breakdown) by quarter, calendar year or financial year,
as counts or rates per 100,000, optionally as rolling four-quarter sums and/or % change on a year
before. Missing and suppressed figures are gaps (None), never zeros; a nil return is a real 0.

One short session reads the metric's figures (an index-only scan: see migration 0003); the rest
is numpy on a small force × period matrix (stats.series_math).

Disclosure control hides counts only. A percentage is never added up: it is charted for forces
only, as it is (no rate, no rolling sum, no % change, no year made of four quarters).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
from sqlalchemy import Float, String, case, cast, func, select, type_coerce

from ..db.database import Database
from ..db.models import Force, Metric, Observation, Period
from ..db.models.figures import CURRENT
from ..domain.catalogue import (
    DIMENSIONS,
    METRICS_BY_KEY,
    breakdown_key,
    breakdown_label,
    check_breakdown,
    parse_breakdown,
)
from ..domain.catalogue import (
    Metric as CatalogueMetric,
)
from ..domain.enums import ObservationStatus
from ..domain.periods import Period as DomainPeriod
from ..domain.periods import PeriodKind, quarter_range
from ..domain.population import pick_estimate
from ..published.disclosure import SuppressionRule
from ..published.hidden_cells import Figure, TableView
from ..published.series_cells import SeriesProtection
from ..published.table_views import load_views
from ..stats import series_math as sm
from .populations import load_estimates

Granularity = Literal["quarter", "calendar_year", "financial_year"]
SeriesMeasure = Literal["count", "rate"]
GRANULARITIES: tuple[Granularity, ...] = ("quarter", "calendar_year", "financial_year")
MAX_FORCES = 8  # beyond eight lines a chart cannot be read
NATIONAL = "national"
BTP = "BTP"

# Status of one point, as words the hover readout and the CSV show.
VALUE, NIL, SUPPRESSED, NOT_APPLICABLE, MISSING, INCOMPLETE = range(6)
STATUS_WORDS = ("value", "nil", "suppressed", "not applicable", "missing", "incomplete")
_FROM_TEXT = {
    str(ObservationStatus.VALUE): VALUE,
    str(ObservationStatus.NIL): NIL,
    str(ObservationStatus.SUPPRESSED): SUPPRESSED,
    str(ObservationStatus.NOT_APPLICABLE): NOT_APPLICABLE,
}


class ChartError(ValueError):
    """A chart that cannot be drawn as asked; the message says why and what would work."""


@dataclass(frozen=True)
class ChartRequest:
    metric_key: str
    forces: tuple[str, ...] = ()  # force codes; empty: the national total
    breakdown: str = ""  # a fixed breakdown, e.g. "age=child"
    stack_by: str = ""  # a dimension key: one stacked series per value of it
    measure: SeriesMeasure = "count"
    granularity: Granularity = "quarter"
    rolling: bool = False  # four-quarter rolling sums (quarters only)
    change: bool = False  # % change on the same period a year before
    include_national: bool = False  # with forces: add the national line for comparison
    first: str | None = None  # period keys bounding the chart, inclusive
    last: str | None = None


@dataclass(frozen=True)
class Series:
    key: str  # "national", a force code, or a dimension value key when stacked
    label: str
    values: tuple[float | None, ...]  # aligned with ChartData.periods; None is a gap
    statuses: tuple[str, ...]  # STATUS_WORDS per point (national: "value" or "missing")
    reporting: tuple[int, ...] = ()  # national series: forces counted at each point

    def point_note(self, i: int) -> str:
        """What to say beside a value in a readout: coverage, or why there is no value."""
        if self.statuses[i] == "suppressed":
            return "suppressed [c]"  # withheld by the force, or hidden by disclosure control
        if self.reporting:
            n = self.reporting[i]
            return f"{n} forces counted" if self.values[i] is not None else "no figures"
        status = self.statuses[i]
        return "" if status == "value" else status


@dataclass(frozen=True)
class ChartData:
    request: ChartRequest
    title: str
    y_label: str
    periods: tuple[str, ...]  # period keys, oldest first
    labels: tuple[str, ...]  # short axis labels: "2023 Q4", "2023", "2023/24"
    starts: tuple[date, ...]  # first day of each period, for a date axis
    series: tuple[Series, ...] = field(default_factory=tuple)
    stacked: bool = False
    unit: str = "count"  # the metric's unit (domain.catalogue.UNITS)

    @property
    def is_empty(self) -> bool:
        return not any(v is not None for s in self.series for v in s.values)

    def table(self) -> list[list[object]]:
        """Header and one row per period, as shown: numbers, or the reason there is none."""
        header: list[object] = ["Period", "Starts"]
        for s in self.series:
            header.append(s.label)
            if s.reporting:
                header.append(f"{s.label}: forces counted")
        rows: list[list[object]] = [header]
        decimals = 1 if self.request.change else 2 if self.request.measure == "rate" else 0
        if not decimals and self.unit != "count":
            decimals = 2  # officers as FTE, percentages
        for i, key in enumerate(self.periods):
            row: list[object] = [key, self.starts[i].isoformat()]
            for s in self.series:
                v = s.values[i]
                if v is None:
                    row.append(s.statuses[i] if s.statuses[i] != "value" else "missing")
                else:
                    row.append(int(v) if decimals == 0 else round(v, decimals))
                if s.reporting:
                    row.append(s.reporting[i])
            rows.append(row)
        return rows


@dataclass(frozen=True)
class _Force:
    code: str
    name: str
    id: int
    national: bool  # counted in the national total: territorial forces and BTP


Cells = dict[tuple[int, str], tuple[int, float]]  # (force row, period key) → (status, number)


def chart_data(
    db: Database, request: ChartRequest, rule: SuppressionRule | None = None
) -> ChartData:
    """The chart asked for; raises ChartError (a plain message) when it cannot be drawn. With a
    disclosure `rule`, counts it hides (and what is worked out from them) are gaps marked
    "suppressed", as on the map and in packs; without one, every figure is shown."""
    if _check(request).unit != "count":
        rule = None  # nothing to hide: disclosure control is for counts of people
    plain = not (request.forces or request.stack_by or request.rolling or request.change)
    if plain and request.measure == "count" and request.granularity == "quarter":
        views = load_views(db, request.metric_key, rule) if rule is not None else None
        return _national_counts(db, request, rule, views)
    cube = load_series(db, request.metric_key, _breakdowns(request))
    return cube.chart(request, rule, load_views(db, request.metric_key, rule) if rule else None)


@dataclass(frozen=True)
class SeriesCube:
    """Every current figure of one metric for some breakdowns, all forces and periods, held in
    memory so a page can redraw for another selection of forces without reading again."""

    metric_key: str
    breakdowns: tuple[str, ...]
    forces: tuple[_Force, ...]  # every force in the registry, by name
    quarterly: Mapping[str, Cells]  # breakdown → cells
    yearly: Mapping[str, Cells]
    estimates: Mapping[int, tuple[tuple[int, int], ...]]  # force id → (year, population)

    def covers(self, request: ChartRequest) -> bool:
        return request.metric_key == self.metric_key and set(_breakdowns(request)) <= set(
            self.breakdowns
        )

    def forces_with_figures(self) -> tuple[tuple[str, str], ...]:
        """(code, name) of forces holding any figure here, by name: the comparison choices."""
        rows = {row for cells in self.quarterly.values() for row, _key in cells}
        rows |= {row for cells in self.yearly.values() for row, _key in cells}
        return tuple((self.forces[r].code, self.forces[r].name) for r in sorted(rows))

    def chart(
        self,
        request: ChartRequest,
        rule: SuppressionRule | None = None,
        views: Mapping[str, TableView] | None = None,
    ) -> ChartData:
        """The chart for `request`; `rule` as for chart_data, with the figure's table `views`
        (published.table_views.load_views: every breakdown protected together); without them,
        each period's counts of each breakdown are judged on their own."""
        metric = _check(request)
        if metric.unit != "count":
            rule, views = None, None
        if not self.covers(request):
            raise ValueError("This cube does not hold the figures the chart needs.")
        known = {f.code for f in self.forces}
        unknown = [c for c in request.forces if c not in known]
        if unknown:
            raise ChartError(f"No force has the code {', '.join(unknown)}.")
        forces = self.forces
        axis, lead = _axis(request, self.quarterly, self.yearly)
        if not axis:
            return _empty(request, metric)
        rate = request.measure == "rate"
        population = _population(forces, self.estimates, axis) if rate else None
        built = _Builder(request, forces, axis, population, rule, views, metric.adds_up)
        quarterly, yearly = self.quarterly, self.yearly
        series: list[Series] = []
        if request.stack_by:
            fixed = parse_breakdown(request.breakdown)
            row = _row_of_code(forces, request.forces[0]) if request.forces else None
            for value_key, label in DIMENSIONS[request.stack_by].values:
                bd = breakdown_key({**fixed, request.stack_by: value_key})
                one = built.series(value_key, label, quarterly[bd], yearly[bd], row, bd)
                if any(v is not None for v in one.values) or "suppressed" in one.statuses:
                    series.append(one)  # a part all hidden keeps its place in the legend
        else:
            bd = request.breakdown
            for code in request.forces:
                row = _row_of_code(forces, code)
                series.append(
                    built.series(code, forces[row].name, quarterly[bd], yearly[bd], row, bd)
                )
            if not request.forces or request.include_national:
                series.append(
                    built.series(NATIONAL, "All forces", quarterly[bd], yearly[bd], None, bd)
                )
        return ChartData(
            request=request,
            title=_title(request, metric.label, forces),
            y_label=_y_label(request, metric.unit),
            periods=tuple(p.key for p in axis[lead:]),
            labels=tuple(_short_label(p) for p in axis[lead:]),
            starts=tuple(p.start for p in axis[lead:]),
            series=tuple(_trim(one, lead) for one in series),
            stacked=bool(request.stack_by) and not request.change,
            unit=metric.unit,
        )


def load_series(db: Database, metric_key: str, breakdowns: Sequence[str] = ("",)) -> SeriesCube:
    """Read every current figure of a metric for the given breakdowns, in one short session."""
    with db.session() as s:
        forces = _forces(s)
        conn = s.connection()
        rows = conn.execute(
            select(
                Observation.force_id,
                Observation.period_id,
                Observation.breakdown,
                type_coerce(Observation.status, String),  # plain text: no enum per row
                # As float8 from the database: PostgreSQL would send NUMERIC, made into a
                # Decimal per row and then a float here anyway (a third of the read's time).
                cast(Observation.value, Float),
            ).where(
                Observation.metric_id == _metric_id(metric_key),
                Observation.breakdown.in_(list(breakdowns)),
                CURRENT,  # read from ix_observations_series alone
            )
        ).all()
        period_ids = {pid: (key, kind) for pid, key, kind in conn.execute(_PERIODS)}
        estimates = load_estimates(s)
    row_of = {f.id: n for n, f in enumerate(forces)}
    quarterly: dict[str, Cells] = {b: {} for b in breakdowns}
    yearly: dict[str, Cells] = {b: {} for b in breakdowns}
    for fid, pid, bd, status, value in rows:
        key, kind = period_ids[pid]
        code = _FROM_TEXT[status]
        number = float(value) if code == VALUE and value is not None else np.nan
        if code == NIL:
            number = 0.0  # a nil return is a real nought, unlike a missing one
        target = quarterly if kind == PeriodKind.QUARTER else yearly
        target[bd][(row_of[fid], key)] = (code, number)
    return SeriesCube(metric_key, tuple(breakdowns), forces, quarterly, yearly, estimates)


def _national_counts(
    db: Database,
    request: ChartRequest,
    rule: SuppressionRule | None,
    views: Mapping[str, TableView] | None,
) -> ChartData:
    """The commonest chart, national counts by quarter, added up by the database: it reads only
    the metric's index entries and returns one row per quarter."""
    metric = METRICS_BY_KEY[request.metric_key]
    counted = Observation.status.in_([ObservationStatus.VALUE, ObservationStatus.NIL])
    with db.session() as s:
        national = select(Force.id).where((Force.kind == "territorial") | (Force.code == BTP))
        q = (
            select(
                Period.key,
                func.sum(case((Observation.status == ObservationStatus.VALUE, Observation.value))),
                func.count(),
            )
            .join(Period, Period.id == Observation.period_id)
            .where(
                Observation.metric_id == _metric_id(request.metric_key),
                Observation.breakdown == request.breakdown,
                CURRENT,
                counted,
                Observation.force_id.in_(national),
                Period.kind == str(PeriodKind.QUARTER),
            )
            .group_by(Period.key)
        )
        totals = {key: (total or 0, n) for key, total, n in s.connection().execute(q)}
    if not totals:
        return _empty(request, metric)
    keys = [DomainPeriod.from_key(k) for k in totals]
    first = DomainPeriod.from_key(request.first) if request.first else min(keys)
    last = DomainPeriod.from_key(request.last) if request.last else max(keys)
    if last < first:
        raise ChartError(f"The chart would end ({last.key}) before it starts ({first.key}).")
    axis = quarter_range(first, last)
    found = [totals.get(p.key) for p in axis]
    # A quarter's national total is hidden when its table view says so (or, without one,
    # when it is small: the forces' cells are protected against it, so only then).
    hidden = [
        bool(t and rule)
        and (
            views[p.key].total_hidden(request.breakdown)
            if views is not None and p.key in views
            else rule.is_small(int(t[0]))
        )
        for p, t in zip(axis, found, strict=True)
    ]
    one = Series(
        NATIONAL,
        "All forces",
        tuple(float(t[0]) if t and not h else None for t, h in zip(found, hidden, strict=True)),
        tuple(
            "suppressed" if h else "value" if t else "missing"
            for t, h in zip(found, hidden, strict=True)
        ),
        tuple(t[1] if t else 0 for t in found),
    )
    return ChartData(
        request=request,
        title=_title(request, metric.label, []),
        y_label=_y_label(request, metric.unit),
        periods=tuple(p.key for p in axis),
        labels=tuple(_short_label(p) for p in axis),
        starts=tuple(p.start for p in axis),
        series=(one,),
        unit=metric.unit,
    )


def _metric_id(metric_key: str):
    return select(Metric.id).where(Metric.key == metric_key).scalar_subquery()


_PERIODS = select(Period.id, Period.key, Period.kind)


class _Builder:
    """Turns cells into one series: matrix, then rolling sums, rates or change, then words."""

    def __init__(
        self,
        request: ChartRequest,
        forces: Sequence[_Force],
        axis: Sequence[DomainPeriod],
        population: np.ndarray | None,
        rule: SuppressionRule | None = None,
        views: Mapping[str, TableView] | None = None,
        adds_up: bool = True,
    ) -> None:
        self.request = request
        self.adds_up = adds_up  # False (a percentage): a year is never four quarters summed
        self.protection = (  # None: every figure is shown
            None
            if rule is None
            else SeriesProtection(
                rule,
                views,
                [f.code for f in forces],
                [f.national for f in forces],
                axis,
                request.rolling,
            )
        )
        self._hidden: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.forces = forces
        self.axis = axis
        self.column = {p.key: i for i, p in enumerate(axis)}
        self.population = population
        self.national_rows = np.array([f.national for f in forces], dtype=bool)
        self.lag = 4 if request.granularity == "quarter" else 1

    def series(
        self, key: str, label: str, quarterly: Cells, yearly: Cells, row: int | None, bd: str
    ) -> Series:
        values, status = self._matrix(quarterly, yearly)
        rows = self.national_rows if row is None else np.arange(len(self.forces)) == row
        counts = values[rows]
        pop = None if self.population is None else self.population[rows]
        if self.request.rolling:
            counts = sm.rolling_sum(counts)
        hidden = self._hidden_points(quarterly, yearly, row, bd)
        if row is None:
            agg = (
                sm.national_change(counts, self.lag, pop)
                if self.request.change
                else sm.total(counts, pop)
            )
            out = np.where(hidden, np.nan, agg.values)
            words = tuple(
                "suppressed" if h else "value" if not np.isnan(v) else "missing"
                for v, h in zip(out, hidden, strict=True)
            )
            return Series(key, label, _floats(out), words, tuple(int(n) for n in agg.reporting))
        shown = counts if pop is None else sm.rates(counts, pop)
        if self.request.change:
            shown = sm.change_on(shown, self.lag)
        out = np.where(hidden, np.nan, shown[0])
        words = []
        for i, v in enumerate(out):
            word = "suppressed" if hidden[i] else STATUS_WORDS[status[row, i]]
            if np.isnan(v) and word in ("value", "nil"):
                word = self._why_no_value(counts[0], pop, i)
            words.append(word)
        return Series(key, label, _floats(out), tuple(words))

    def _hidden_points(
        self, quarterly: Cells, yearly: Cells, row: int | None, bd: str
    ) -> np.ndarray:
        """Which points of a force's (or, with row None, the national) series to hide: its
        count is hidden, or, for a change, its count or the one a year before is."""
        if self.protection is None:
            return np.zeros(len(self.axis), dtype=bool)
        if bd not in self._hidden:
            self._hidden[bd] = self._protect(quarterly, yearly, bd)
        cells, totals = self._hidden[bd]
        mask = totals if row is None else cells[row]
        if self.request.change:
            before = np.zeros_like(mask)
            before[self.lag :] = mask[: -self.lag]
            mask = mask | before
        return mask

    def _protect(self, quarterly: Cells, yearly: Cells, bd: str) -> tuple[np.ndarray, np.ndarray]:
        """Hidden counts (forces × periods, as the chart adds them up) and hidden national
        totals (per period), as published.series_cells decides them."""
        assert self.protection is not None
        p = self.protection
        raw, _status = self._matrix(quarterly, yearly)
        kept, _status = self._matrix(
            _without(quarterly, p.hidden_cells(_figures(quarterly), bd)),
            _without(yearly, p.hidden_cells(_figures(yearly), bd)),
        )
        if self.request.rolling:
            raw, kept = sm.rolling_sum(raw), sm.rolling_sum(kept)
        return p.protect(raw, kept, bd)

    def _why_no_value(self, counts: np.ndarray, pop: np.ndarray | None, i: int) -> str:
        if np.isnan(counts[i]):
            return "incomplete"  # a rolling window or year with a quarter missing
        if pop is not None and np.isnan(pop[0, i]):
            return "no population"
        return "no figure a year before"

    def _matrix(self, quarterly: Cells, yearly: Cells) -> tuple[np.ndarray, np.ndarray]:
        shape = (len(self.forces), len(self.axis))
        values = np.full(shape, np.nan)
        status = np.full(shape, MISSING, dtype=np.int8)
        if self.request.granularity == "quarter":
            for (row, key), (code, number) in quarterly.items():
                col = self.column.get(key)
                if col is not None:
                    values[row, col] = number
                    status[row, col] = code
            return values, status
        # Years: a year's own figure where a return gave one, else the sum of its four
        # quarters when all four are known; some but not all known is "incomplete".
        for col, period in enumerate(self.axis):
            quarters = [q.key for q in period.quarters()]
            for row in range(len(self.forces)):
                own = yearly.get((row, period.key))
                if own is not None:
                    status[row, col], values[row, col] = own
                    continue
                if not self.adds_up:
                    continue
                found = [quarterly.get((row, q)) for q in quarters]
                known = [f for f in found if f is not None]
                if not known:
                    continue
                if len(known) == 4 and all(c in (VALUE, NIL) for c, _ in known):
                    values[row, col] = sum(n for _, n in known)
                    status[row, col] = NIL if all(c == NIL for c, _ in known) else VALUE
                else:
                    status[row, col] = INCOMPLETE
        return values, status


def _figures(cells: Cells) -> dict[tuple[int, str], Figure]:
    """`cells` as disclosure control reads figures: (status word, count or None)."""
    return {
        k: (STATUS_WORDS[code], None if np.isnan(number) else int(number))
        for k, (code, number) in cells.items()
    }


def _without(cells: Cells, hidden: set[tuple[int, str]]) -> Cells:
    """`cells` with the hidden ones turned into withheld figures (no number)."""
    return {k: (SUPPRESSED, np.nan) if k in hidden else v for k, v in cells.items()}


def _floats(values: np.ndarray) -> tuple[float | None, ...]:
    return tuple(None if np.isnan(v) else float(v) for v in values)


def _trim(s: Series, lead: int) -> Series:
    """Drop the lead-in periods that rolling sums and change needed but the chart does not show."""
    if not lead:
        return s
    return Series(s.key, s.label, s.values[lead:], s.statuses[lead:], s.reporting[lead:])


def _row_of_code(forces: Sequence[_Force], code: str) -> int:
    return next(n for n, f in enumerate(forces) if f.code == code)


def _check(request: ChartRequest):
    metric = METRICS_BY_KEY.get(request.metric_key)
    if metric is None:
        known = ", ".join(METRICS_BY_KEY)
        raise ChartError(f'"{request.metric_key}" is not a metric. Metrics: {known}.')
    try:
        check_breakdown(request.metric_key, request.breakdown)
    except ValueError as exc:
        raise ChartError(f"{exc}.") from exc
    if request.granularity not in GRANULARITIES:
        raise ChartError(
            f'"{request.granularity}" is not a choice: use {", ".join(GRANULARITIES)}.'
        )
    if request.measure not in ("count", "rate"):
        raise ChartError(f'"{request.measure}" is not a measure: use count or rate.')
    if not metric.adds_up:
        _check_percentage(request, metric.label)
    if len(request.forces) > MAX_FORCES:
        raise ChartError(
            f"{len(request.forces)} forces were chosen; compare at most {MAX_FORCES} at once."
        )
    if len(set(request.forces)) != len(request.forces):
        raise ChartError("A force was chosen twice.")
    if request.rolling and request.granularity != "quarter":
        raise ChartError("Rolling four-quarter sums are for quarterly charts; years are whole.")
    if request.stack_by:
        if request.stack_by not in metric.dimensions:
            raise ChartError(f"{metric.label} cannot be broken down by {request.stack_by}.")
        if request.stack_by in parse_breakdown(request.breakdown):
            raise ChartError(
                f"The chart is already limited to one {request.stack_by}; "
                "stack by the other breakdown or clear it."
            )
        if len(request.forces) > 1:
            raise ChartError("Stacked areas show one force or all forces, not a comparison.")
    for key in (request.first, request.last):
        if key is not None:
            try:
                DomainPeriod.from_key(key)
            except ValueError as exc:
                raise ChartError(str(exc)) from exc
    return metric


def _check_percentage(request: ChartRequest, label: str) -> None:
    """A percentage is charted force by force, as it is."""
    if not request.forces or request.include_national:
        raise ChartError(
            f"{label} is a percentage: forces' percentages are not added up, so there is no "
            "all-forces line. Choose the forces to compare."
        )
    refused = [
        (request.measure == "rate", "a rate per 100,000"),
        (request.rolling, "rolling four-quarter sums"),
        (request.change, "a % change on a year before"),
    ]
    for asked, what in refused:
        if asked:
            raise ChartError(f"{label} is a percentage: it is charted as it is, not as {what}.")


def breakdowns_needed(request: ChartRequest) -> list[str]:
    """The breakdowns a SeriesCube must hold to draw `request` (load_series' argument)."""
    return _breakdowns(request)


def _breakdowns(request: ChartRequest) -> list[str]:
    if not request.stack_by:
        return [request.breakdown]
    fixed = parse_breakdown(request.breakdown)
    return [
        breakdown_key({**fixed, request.stack_by: v})
        for v in DIMENSIONS[request.stack_by].value_keys()
    ]


def _forces(s) -> tuple[_Force, ...]:
    """Every force; territorial forces and BTP make up the national total."""
    query = select(Force.code, Force.display_name, Force.id, Force.kind).order_by(
        Force.display_name
    )
    return tuple(
        _Force(code, name, fid, kind == "territorial" or code == BTP)
        for code, name, fid, kind in s.execute(query)
    )


def _axis(
    request: ChartRequest, quarterly: dict[str, Cells], yearly: dict[str, Cells]
) -> tuple[list[DomainPeriod], int]:
    """The periods to work on, oldest first, and how many lead-in periods come before those
    shown (rolling sums need three quarters before, a change on a year before needs a year)."""
    quarters = {key for cells in quarterly.values() for (_row, key) in cells}
    years = {key for cells in yearly.values() for (_row, key) in cells}
    starts = [DomainPeriod.from_key(k) for k in quarters | years]
    if not starts:
        return [], 0
    first_q = min(starts).quarters()[0]
    last_q = max(p.quarters()[-1] for p in starts)
    if request.first:
        first_q = DomainPeriod.from_key(request.first).quarters()[0]
    if request.last:
        last_q = DomainPeriod.from_key(request.last).quarters()[-1]
    if last_q < first_q:
        raise ChartError(f"The chart would end ({last_q.key}) before it starts ({first_q.key}).")
    if request.granularity == "quarter":
        lead = (3 if request.rolling else 0) + (4 if request.change else 0)
        if not request.first:  # start where the first rolling sum or change can be worked out
            axis = quarter_range(first_q, last_q)
            return axis, min(lead, len(axis) - 1)
        for _ in range(lead):
            first_q = first_q.previous()
        return quarter_range(first_q, last_q), lead
    to_year = _year_of(request.granularity)
    first, last = to_year(first_q), to_year(last_q)
    # A year only partly inside the figures (the financial year that began before the first
    # quarter, the year still in progress) is left off, unless a return gave it whole.
    if first.quarters()[0] < first_q and first.key not in years:
        first = first.next()
    if last.quarters()[-1] > last_q and last.key not in years:
        last = last.previous()
    if last < first:
        return [], 0
    lead = 1 if request.change else 0
    if request.first:
        for _ in range(lead):
            first = first.previous()
    axis = [first]
    while axis[-1] != last:
        axis.append(axis[-1].next())
    return axis, lead if request.first else min(lead, len(axis) - 1)


def _year_of(granularity: Granularity):
    if granularity == "calendar_year":
        return lambda q: DomainPeriod.calendar_year(q.year)
    return lambda q: DomainPeriod.financial_year(q.year if q.quarter > 1 else q.year - 1)


def _population(forces: Sequence[_Force], estimates, axis: Sequence[DomainPeriod]) -> np.ndarray:
    out = np.full((len(forces), len(axis)), np.nan)
    years = sorted({p.start.year for p in axis})
    for row, f in enumerate(forces):
        found = estimates.get(f.id, ())
        by_year = {y: pick_estimate(found, y) for y in years}
        for col, p in enumerate(axis):
            picked = by_year[p.start.year]
            if picked is not None:
                out[row, col] = picked[0]
    return out


def _short_label(p: DomainPeriod) -> str:
    return f"{p.year} Q{p.quarter}" if p.kind is PeriodKind.QUARTER else p.key


_GRAIN_WORDS = {
    "quarter": "by quarter",
    "calendar_year": "by calendar year",
    "financial_year": "by financial year (April to March)",
}


def _title(request: ChartRequest, metric_label: str, forces: Sequence[_Force]) -> str:
    parts = [metric_label]
    if request.breakdown:
        parts[0] += f" ({breakdown_label(request.breakdown).lower()})"
    if request.stack_by:
        parts.append(f"by {DIMENSIONS[request.stack_by].label.lower()}")
    if len(request.forces) == 1:
        code = request.forces[0]
        parts.append(next((f.name for f in forces if f.code == code), code))
    elif not request.forces:
        parts.append("all forces")
    if request.measure == "rate":
        parts.append("rate per 100,000 people")
    if request.change:
        parts.append("% change on a year before")
    if request.rolling:
        parts.append("rolling four-quarter sums")
    else:
        parts.append(_GRAIN_WORDS[request.granularity])
    return ", ".join(parts)


_UNIT_WORDS = {"count": "count", "decimal": "value", "percent": "per cent"}


def _y_label(request: ChartRequest, unit: str = "count") -> str:
    base = "rate per 100,000 people" if request.measure == "rate" else _UNIT_WORDS[unit]
    if request.change:
        return f"% change in {base} on a year before"
    return base[0].upper() + base[1:]


def _empty(request: ChartRequest, metric: CatalogueMetric) -> ChartData:
    title = _title(request, metric.label, [])
    return ChartData(request, title, _y_label(request, metric.unit), (), (), (), unit=metric.unit)
