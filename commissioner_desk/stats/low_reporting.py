"""The low-reporting flag: forces whose figures are suspiciously low against their peers.

"Low or none" does not mean a county has no victims. The rule is stated and configurable, and
every flag carries its reason in words:

- a rate per 100,000 people below `fraction` of the median of all forces' rates, in each of
  the last `quarters` quarters (a force with no return in one of them is not flagged on rates:
  missing is not low); or
- `nil_returns` or more nil returns among those quarters.

Areas with fewer than `min_population` residents (the City of London: about 15,000) are not
judged on rates: a handful of referrals swings their rate far above or below any median.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ..domain.periods import Period
from ..maps.values import MapCube


@dataclass(frozen=True)
class LowReportingRule:
    metric_key: str = "nrm_referrals"
    fraction: float = 0.5  # below half the median rate of all forces
    quarters: int = 4  # …in each of this many consecutive quarters
    nil_returns: int = 2  # or this many nil returns among them
    min_population: int = 100_000  # smaller areas' rates are too unsteady to judge

    def describe(self) -> str:
        return (
            f"rate per 100,000 below {self.fraction:.0%} of the median of all forces in each "
            f"of the last {self.quarters} quarters, or {self.nil_returns} or more nil returns "
            f"in them (rates judged only for areas of {self.min_population:,} people or more)"
        )


@dataclass(frozen=True)
class LowReportingFlag:
    code: str
    name: str
    reason: str  # shown with the flag, always
    rates: tuple[float | None, ...]  # the force's rate in each quarter, oldest first
    medians: tuple[float, ...]  # the median of all forces' rates in each quarter


DEFAULT_RULE = LowReportingRule()


def low_reporting_flags(
    cube: MapCube, last_period: str, rule: LowReportingRule = DEFAULT_RULE
) -> list[LowReportingFlag]:
    """Flags for the quarters ending with `last_period`, from a cube of the rule's metric
    (queries.map_cube.load_map_cube, total breakdown). Only forces expected to return and with a
    population can be flagged on rates; nil returns count for every expected force."""
    if cube.metric_key != rule.metric_key or cube.breakdown:
        raise ValueError(
            f"The low-reporting rule is about {rule.metric_key} totals; the figures given "
            f"are {cube.metric_key} {cube.breakdown or 'totals'}."
        )
    period = Period.from_key(last_period)
    keys = [period.key]
    for _ in range(rule.quarters - 1):
        period = period.previous()
        keys.insert(0, period.key)
    per_quarter = [cube.values(key, "rate") for key in keys]
    medians = []
    for values in per_quarter:
        rates = [f.rate for f in values.forces if f.expected and f.rate is not None]
        medians.append(statistics.median(rates) if rates else 0.0)
    from ..domain.population import pick_estimate

    estimates = {f.code: f.estimates for f in cube.forces}
    year = Period.from_key(last_period).start.year
    flags = []
    for n, force in enumerate(per_quarter[-1].forces):
        if not force.expected:
            continue
        population = pick_estimate(estimates.get(force.code, ()), year)
        judged_on_rates = population is not None and population[0] >= rule.min_population
        seen = [values.forces[n] for values in per_quarter]
        rates = tuple(f.rate if f.status == "value" else None for f in seen)
        nils = sum(1 for f in seen if f.status == "nil")
        low = judged_on_rates and all(
            r is not None and m > 0 and r < rule.fraction * m
            for r, m in zip(rates, medians, strict=True)
        )
        reason = ""
        if low:
            # No "how far below": the reason shows on the map and in packs, and a rate that
            # exact would give back a count that disclosure control hides.
            reason = (
                f"Rate per 100,000 below {rule.fraction:.0%} of the median of all forces in each "
                f"of the last {rule.quarters} quarters ({keys[0]} to {keys[-1]})."
            )
        elif nils >= rule.nil_returns:
            span = f"{keys[0]} to {keys[-1]}"
            reason = f"{nils} nil returns in the last {rule.quarters} quarters ({span})."
        if reason:
            flags.append(LowReportingFlag(force.code, force.name, reason, rates, tuple(medians)))
    return flags
