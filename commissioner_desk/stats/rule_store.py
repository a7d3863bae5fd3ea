"""The low-reporting rule in force, kept in the database so everyone sees the same flags.

The rule is stored as JSON in `app_meta`: every user of a shared PostgreSQL database, and the
command line, judge forces by the same rule. A stored rule that cannot be read (hand-edited,
written by a newer version) falls back to the default rather than stopping the app.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from ..db.database import Database
from ..db.stored_rule import load_rule_or_default, named_values, rule_json, save_rule_json
from ..domain.catalogue import METRICS_BY_KEY, Metric, all_metrics
from ..domain.periods import Period, PeriodKind
from ..maps.values import MapCube
from .low_reporting import DEFAULT_RULE, LowReportingFlag, LowReportingRule, low_reporting_flags

RULE_KEY = "low_reporting_rule"
MAX_QUARTERS = 12
MAX_POPULATION = 10_000_000


def validate_rule(rule: LowReportingRule) -> None:
    """Raise ValueError saying, in plain words, what is wrong with the rule."""
    metric = METRICS_BY_KEY.get(rule.metric_key) if isinstance(rule.metric_key, str) else None
    if metric is None or not metric.is_count:
        # Reporting far less than peers is a matter of counts: not FTEs or percentages.
        names = ", ".join(m.label for m in rule_metrics())
        what = "a figure the returns hold" if metric is None else "a count"
        raise ValueError(f'"{rule.metric_key}" is not {what}: choose one of {names}.')
    if not _number(rule.fraction) or not 0 < rule.fraction < 1:
        raise ValueError(
            f"The share of the median must be more than 0% and less than 100% "
            f"(it is {_percent(rule.fraction)})."
        )
    if not _whole(rule.quarters) or not 1 <= rule.quarters <= MAX_QUARTERS:
        raise ValueError(
            f"The number of quarters must be from 1 to {MAX_QUARTERS} (it is {rule.quarters})."
        )
    if not _whole(rule.nil_returns) or not 1 <= rule.nil_returns <= rule.quarters:
        raise ValueError(
            f"The number of nil returns must be from 1 to the number of quarters looked at "
            f"({rule.quarters}); it is {rule.nil_returns}."
        )
    if not _whole(rule.min_population) or not 0 <= rule.min_population <= MAX_POPULATION:
        raise ValueError(
            f"The smallest population judged on rates must be from 0 to {MAX_POPULATION:,} "
            f"people (it is {_people(rule.min_population)})."
        )


def rule_metrics() -> tuple[Metric, ...]:
    """The figures the rule may judge: every count, built in or the office's own."""
    return tuple(m for m in all_metrics() if m.is_count)


def _number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _whole(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _people(x: object) -> str:
    return f"{x:,}" if _whole(x) else repr(x)


def _percent(x: object) -> str:
    return f"{x:.0%}" if _number(x) else repr(x)


def rule_to_json(rule: LowReportingRule) -> str:
    return rule_json(asdict(rule))


def rule_from_json(text: str) -> LowReportingRule:
    """The rule a JSON text holds; fields it lacks take their defaults (older versions stored
    fewer). Raises ValueError when it is not a valid rule."""
    data = named_values(text, "low-reporting rule")
    known = {f.name for f in fields(LowReportingRule)}
    values = {k: v for k, v in data.items() if k in known}
    if isinstance(values.get("fraction"), int) and not isinstance(values["fraction"], bool):
        values["fraction"] = float(values["fraction"])
    rule = LowReportingRule(**values)
    validate_rule(rule)
    return rule


def load_rule(db: Database) -> LowReportingRule:
    """The rule stored in the database, or the default when none (or none readable) is."""
    return load_rule_or_default(db, RULE_KEY, rule_from_json, DEFAULT_RULE, "low-reporting rule")


def save_rule(db: Database, rule: LowReportingRule) -> None:
    """Store the rule for everyone, with an audit entry saying who changed it from what
    (nothing is written when it is unchanged)."""
    validate_rule(rule)
    save_rule_json(db, RULE_KEY, asdict(rule))


def describe_rule(rule: LowReportingRule) -> str:
    """The rule in words, naming the figure it judges: "NRM referrals: rate per 100,000…"."""
    return f"{METRICS_BY_KEY[rule.metric_key].label}: {rule.describe()}"


@dataclass(frozen=True)
class MapFlags:
    """The flags shown over a map: judged on the quarters ending with `quarter`."""

    quarter: str | None  # None: no quarter with figures up to the map's period
    flags: tuple[LowReportingFlag, ...]

    def reasons(self) -> dict[str, str]:
        return {f.code: f.reason for f in self.flags}


def flag_quarter(cube: MapCube, period_key: str) -> str | None:
    """The quarter the flags for a map of `period_key` are judged at: the period itself when
    it is a quarter, else the latest quarter with figures that ends within it or before."""
    period = Period.from_key(period_key)
    if period.kind is PeriodKind.QUARTER:
        return period.key
    ends = period.end
    quarters = [k for k in cube.periods if "-Q" in k and Period.from_key(k).end <= ends]
    return quarters[0] if quarters else None  # cube.periods is newest first


def map_flags(cube: MapCube, period_key: str, rule: LowReportingRule) -> MapFlags:
    """Flags for the map of `period_key`, from a cube of the rule's metric (total)."""
    quarter = flag_quarter(cube, period_key)
    if quarter is None:
        return MapFlags(None, ())
    # As on Home and the force profile: judged only once as many quarters are held as the
    # rule looks at.
    if sum(1 for k in cube.periods if "-Q" in k) < rule.quarters:
        return MapFlags(quarter, ())
    return MapFlags(quarter, tuple(low_reporting_flags(cube, quarter, rule)))


def flag_legend_text(rule: LowReportingRule, found: MapFlags) -> str:
    """The map legend's words for the mark: what was judged, by which rule, at which quarter.
    Shorter than `describe_rule`, as it sits in a narrow legend."""
    if found.quarter is None:
        return "Low-reporting flags: no quarter with figures up to this period"
    metric = METRICS_BY_KEY[rule.metric_key].label
    # "ending March 2016", not "to 2016-Q1": a key would break across lines at its hyphen.
    ending = f"ending {Period.from_key(found.quarter).end:%B %Y}"
    span = (
        f"in the quarter {ending}"
        if rule.quarters == 1
        else f"in each of the {rule.quarters} quarters {ending}"
    )
    nils = "any nil return" if rule.nil_returns == 1 else f"{rule.nil_returns} or more nil returns"
    words = (
        f"{metric} per 100,000 below {rule.fraction:.0%} of the median of all forces {span}, "
        f"or {nils}"
    )
    head = "Flagged as low reporting" if found.flags else "No force flagged as low reporting"
    return f"{head} (rule: {words})"
