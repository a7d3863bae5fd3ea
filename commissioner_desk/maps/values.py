"""What the national map shows for one metric, breakdown, period and measure, force by force.

Every territorial force (the 43 of England and Wales, Police Scotland, PSNI) and British
Transport Police is always present. A force with no figure is "missing": it never gets a value
or a rank and is never coloured as low; nor are nil, suppressed or not-applicable figures.

A `MapCube` holds every period of a metric and breakdown (read by queries/map_cube.py, shown
through published/); `MapCube.values` answers any period and measure in pure Python, fast enough
to recolour within one frame. Nothing here reads the database.

A percentage (a metric whose unit is percent) is mapped as it is: it has no rate per 100,000
and no "change on a year before" (a per cent change of a per cent misleads).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from ..domain.catalogue import METRICS_BY_KEY
from ..domain.catalogue import breakdown_label as label_of_breakdown
from ..domain.periods import Period as DomainPeriod
from ..domain.population import pick_estimate

Measure = Literal["count", "rate", "change"]
Status = Literal["value", "nil", "suppressed", "not_applicable", "missing", "no_rate", "no_change"]
MEASURES: tuple[Measure, ...] = ("count", "rate", "change")
BTP = "BTP"  # the one non-territorial body the map shows, as a separate symbol


@dataclass(frozen=True)
class ForceValue:
    code: str
    name: str
    status: Status  # "no_rate"/"no_change": a figure exists but not the measure asked for
    count: int | float | None  # the figure, when it is a value (float: decimal, percent)
    rate: float | None  # per 100,000 people, when a population is known
    change: float | None  # % change on the same period last year; None if either is not
    # a value or last year's was 0
    value: float | None  # the measure asked for; None unless status is "value"
    rank: int | None  # 1 = highest value; ties share a rank (1, 2, 2, 4)
    population_year: int | None  # year of the population estimate behind the rate
    expected: bool  # one of the 43 forces whose return is expected every quarter


@dataclass(frozen=True)
class MapValues:
    metric_key: str
    metric_label: str
    breakdown: str
    breakdown_label: str
    period_key: str
    period_label: str
    comparison_period_key: str  # the same period last year, the base of "change"
    measure: Measure
    forces: tuple[ForceValue, ...]  # ordered by name
    reporting: int  # expected forces with a figure (value, nil, suppressed, not applicable)
    expected: int  # the 43 territorial forces of England and Wales
    population_year: int | None  # estimate year behind most forces' rates
    unit: str = "count"  # the metric's unit (domain.catalogue.UNITS)

    def force(self, code: str) -> ForceValue | None:
        return next((f for f in self.forces if f.code == code), None)

    def values(self) -> tuple[float, ...]:
        """The values to classify: only forces whose status is "value"."""
        return tuple(f.value for f in self.forces if f.value is not None)

    @property
    def reporting_text(self) -> str:
        return f"{self.reporting} of {self.expected} forces reporting"


@dataclass(frozen=True)
class MapForce:
    code: str
    name: str
    expected: bool
    estimates: tuple[tuple[int, int], ...]  # (year, population), oldest first


@dataclass(frozen=True)
class MapCube:
    """Every period's figures for one metric and breakdown, held in memory."""

    metric_key: str
    breakdown: str
    forces: tuple[MapForce, ...]
    figures: Mapping[tuple[str, str], tuple[str, int | float | None]]  # (period, code) → …
    nil_returns: frozenset[tuple[str, str]]  # (period, code) the register says were nil
    periods: tuple[str, ...]  # period keys holding figures, newest first

    def values(self, period_key: str, measure: Measure = "count") -> MapValues:
        if measure not in MEASURES:
            raise ValueError(f'"{measure}" is not a map measure: use count, rate or change.')
        check_measure(self.metric_key, measure)
        period = DomainPeriod.from_key(period_key)
        before = period.same_period_last_year().key
        year = period.start.year
        ratio = METRICS_BY_KEY[self.metric_key].has_rate  # rates and % change: not of a %
        rows = []
        for f in self.forces:
            status, count = self._figure(period_key, f.code)
            last_status, last = self._figure(before, f.code)
            picked = pick_estimate(f.estimates, year)
            rate = None
            if ratio and picked and count is not None:
                rate = count * 100_000 / picked[0]
            change = None
            if ratio and count is not None and last_status == "value" and last:
                change = (count - last) * 100 / last
            rows.append([f, status, count, rate, change, picked[1] if picked else None])
        return self._rank(period, before, measure, rows)

    def _figure(self, period_key: str, code: str) -> tuple[str, int | float | None]:
        found = self.figures.get((period_key, code))
        if found is not None:
            return found
        if (period_key, code) in self.nil_returns:
            return "nil", None  # a nil return confirmed in the register covers every figure
        return "missing", None

    def _rank(
        self, period: DomainPeriod, before: str, measure: Measure, rows: list[list]
    ) -> MapValues:
        out: list[ForceValue] = []
        for f, status, count, rate, change, pop_year in rows:
            value = {"count": count, "rate": rate, "change": change}[measure]
            shown = status
            if status == "value" and value is None:
                shown = "no_rate" if measure == "rate" else "no_change"
            out.append(
                ForceValue(
                    f.code,
                    f.name,
                    shown,
                    count,
                    rate,
                    change,
                    float(value) if shown == "value" else None,
                    None,
                    pop_year,
                    f.expected,
                )
            )
        ranks = _ranks(v.value for v in out)
        out = [replace(v, rank=ranks[v.value]) if v.value is not None else v for v in out]
        years = Counter(v.population_year for v in out if v.rate is not None)
        metric = METRICS_BY_KEY[self.metric_key]
        return MapValues(
            metric_key=self.metric_key,
            metric_label=metric.label,
            breakdown=self.breakdown,
            breakdown_label=label_of_breakdown(self.breakdown),
            period_key=period.key,
            period_label=period.label,
            comparison_period_key=before,
            measure=measure,
            forces=tuple(out),
            reporting=sum(1 for f, status, *_ in rows if f.expected and status != "missing"),
            expected=sum(1 for f in self.forces if f.expected),
            population_year=years.most_common(1)[0][0] if years else None,
            unit=metric.unit,
        )


def check_measure(metric_key: str, measure: str) -> None:
    """ValueError, in words, for a measure the metric's unit does not allow."""
    if measure != "count" and not METRICS_BY_KEY[metric_key].has_rate:
        what = "rate per 100,000" if measure == "rate" else "change on a year before"
        raise ValueError(
            f"{METRICS_BY_KEY[metric_key].label} is a percentage: it is mapped as it is, "
            f"with no {what}."
        )


def _ranks(values: Iterable[float | None]) -> dict[float, int]:
    """Competition ranks, highest first: value → rank."""
    present = sorted((v for v in values if v is not None), reverse=True)
    ranks: dict[float, int] = {}
    for i, v in enumerate(present, start=1):
        ranks.setdefault(v, i)
    return ranks
