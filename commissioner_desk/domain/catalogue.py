"""The metric catalogue: what a force return can report, and how each figure may be broken down.

`METRICS` are the built-in metrics, seeded into the database by the reference-data step
(db/reference.py). The office adds its own (context figures such as officers as full-time
equivalents) as rows of the database; `set_user_metrics` puts those beside the built-ins in
`METRICS_BY_KEY`, the live catalogue every check and page reads. Keys are stable identifiers:
never rename one, add anew.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TOTAL = ""  # the breakdown key of an unbroken-down figure

# What a metric's figures are. A count is whole people or events: disclosure control hides
# small ones, and forces' counts add up to a national total. A decimal (officers as full-time
# equivalents) adds up but identifies no one. A percentage neither adds up nor has a rate.
COUNT, DECIMAL, PERCENT = "count", "decimal", "percent"
UNITS = (COUNT, DECIMAL, PERCENT)
UNIT_LABELS = {COUNT: "Count", DECIMAL: "Decimal", PERCENT: "Percentage"}


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    values: tuple[tuple[str, str], ...]  # (key, label), in display order

    def value_keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.values)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    description: str
    dimensions: tuple[str, ...]  # dimension keys this metric may be broken down by
    position: int
    unit: str = COUNT  # one of UNITS
    builtin: bool = True  # False: defined by the office, stored in the database

    @property
    def is_count(self) -> bool:
        """Whole numbers of people or events: the only figures disclosure control hides."""
        return self.unit == COUNT

    @property
    def adds_up(self) -> bool:
        """Forces' figures may be summed into a national total (not percentages)."""
        return self.unit != PERCENT

    @property
    def has_rate(self) -> bool:
        """A rate per 100,000 people means something (not for percentages)."""
        return self.unit != PERCENT


AGE = Dimension(
    "age", "Age", (("adult", "Adult"), ("child", "Child"), ("unknown", "Age not known"))
)
EXPLOITATION = Dimension(
    "exploitation",
    "Exploitation type",
    (
        ("labour", "Labour"),
        ("sexual", "Sexual"),
        ("criminal", "Criminal"),
        ("domestic_servitude", "Domestic servitude"),
        ("organ_harvesting", "Organ harvesting"),
        ("multiple", "Multiple types"),
        ("unknown", "Not recorded or unknown"),
    ),
)
DIMENSIONS: dict[str, Dimension] = {d.key: d for d in (AGE, EXPLOITATION)}

_BOTH = ("age", "exploitation")
METRICS: tuple[Metric, ...] = (
    Metric(
        "nrm_referrals",
        "NRM referrals",
        "National Referral Mechanism referrals made by the force as first responder.",
        _BOTH,
        1,
    ),
    Metric(
        "dtn_reports",
        "Duty to Notify reports",
        "Duty to Notify reports of adults who did not consent to an NRM referral.",
        ("exploitation",),
        2,
    ),
    Metric(
        "referrals_for_investigation",
        "NRM referrals received for investigation",
        "NRM referrals received by the force for investigation.",
        _BOTH,
        3,
    ),
    Metric(
        "ms_crimes_recorded",
        "Modern slavery crimes recorded",
        "Modern slavery offences recorded as crimes.",
        _BOTH,
        4,
    ),
    Metric(
        "ms_investigations",
        "Modern slavery investigations",
        "Modern slavery investigations open during the period.",
        ("exploitation",),
        5,
    ),
    Metric(
        "ms_charges",
        "Modern slavery charges",
        "Suspects charged with a modern slavery offence.",
        ("exploitation",),
        6,
    ),
    Metric(
        "ms_convictions",
        "Modern slavery convictions",
        "Defendants convicted of a modern slavery offence.",
        ("exploitation",),
        7,
    ),
    Metric(
        "stro_stpo_orders",
        "STRO and STPO orders",
        "Slavery and trafficking risk and prevention orders granted.",
        (),
        8,
    ),
    Metric(
        "staff_trained",
        "Staff trained",
        "Officers and staff trained in modern slavery during the period.",
        (),
        9,
    ),
)
# The live catalogue: the built-ins and the database's user metrics. Updated in place, never
# rebound, so every module's `from ... import METRICS_BY_KEY` sees the metrics added since.
METRICS_BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}
_user_metrics: tuple[Metric, ...] = ()


def all_metrics() -> tuple[Metric, ...]:
    """Every metric: the built-ins, then the office's own, each in position order."""
    return METRICS + _user_metrics


def user_metrics() -> tuple[Metric, ...]:
    return _user_metrics


def set_user_metrics(metrics: Iterable[Metric]) -> None:
    """Replace the user part of the live catalogue (after opening a database, or a change).

    A user metric never shadows a built-in of the same key: the built-in wins."""
    global _user_metrics
    builtin = {m.key for m in METRICS}
    new = tuple(
        sorted((m for m in metrics if m.key not in builtin), key=lambda m: (m.position, m.key))
    )
    # Added before the old are dropped: a reader on another thread (a pack being built) never
    # finds a metric that stays missing for a moment.
    METRICS_BY_KEY.update({m.key: m for m in new})
    kept = {m.key for m in new}
    for m in _user_metrics:
        if m.key not in kept:
            METRICS_BY_KEY.pop(m.key, None)
    _user_metrics = new


def metric_unit(metric_key: str) -> str:
    """The unit of a metric; a key the catalogue does not know is taken as a count, so an
    unknown figure is protected by disclosure control rather than shown."""
    metric = METRICS_BY_KEY.get(metric_key)
    return metric.unit if metric is not None else COUNT


def value_problem(metric: Metric, value: float) -> str | None:
    """Why `value` cannot be a figure of `metric`, in words; None when it can."""
    if value != value or value in (float("inf"), float("-inf")):
        return f"{value} is not a number"
    if metric.unit == COUNT and value != int(value):
        return (
            f"{value:g} is not a whole number, and {metric.label} is a count "
            "(a metric whose unit is decimal may hold fractions)"
        )
    if value < 0:
        return f"{value:g} is below nought, and {metric.label} cannot be negative"
    if metric.unit == PERCENT and value > 100:
        return f"{value:g} is above 100, and {metric.label} is a percentage"
    return None


class UnknownMetricError(ValueError):
    """A metric named on the command line (or anywhere typed) that the catalogue lacks, or
    that names more than one metric; the message lists the close ones."""


def name_key(text: str) -> str:
    """How names are compared: case ignored, spaces, underscores and hyphens ignored."""
    return re.sub(r"[\s_\-]+", "", text.casefold())


def resolve_metric(text: str) -> Metric:
    """The metric `text` names: its key, or its name where only one metric has that name.

    Raises UnknownMetricError listing the close ones (or, for a name two metrics share, the
    keys it could be)."""
    wanted = (text or "").strip()
    if (found := METRICS_BY_KEY.get(wanted.casefold())) is not None:
        return found
    probe = name_key(wanted)
    if not probe:
        raise UnknownMetricError("Give a metric: its key or its name.")
    hits = [m for m in all_metrics() if probe in (name_key(m.key), name_key(m.label))]
    if len(hits) == 1:
        return hits[0]
    if hits:
        keys = ", ".join(f"{m.key} ({m.label})" for m in hits)
        raise UnknownMetricError(f'"{wanted}" could be any of {keys}: give the key.')
    raise UnknownMetricError(f'No metric is called "{wanted}". {_close_ones(probe)}')


def _close_ones(probe: str) -> str:
    from rapidfuzz import fuzz  # only on a miss: start-up does not pay for it

    scored = []
    for m in all_metrics():
        score = max(fuzz.ratio(probe, name_key(m.key)), fuzz.ratio(probe, name_key(m.label)))
        if len(probe) >= 3 and probe in name_key(m.key) + name_key(m.label):
            score = max(score, 70.0)  # a fragment of the key or name: "crimes", "trained"
        if score >= 60:
            scored.append((score, m))
    close = [m for _score, m in sorted(scored, key=lambda x: (-x[0], x[1].position))[:5]]
    if not close:
        keys = ", ".join(m.key for m in all_metrics())
        return f"The metrics are: {keys}."
    listed = "; ".join(f"{m.key} ({m.label})" for m in close)
    return f"Did you mean: {listed}?"


class BreakdownError(ValueError):
    """A breakdown that the metric catalogue does not allow."""


def breakdown_key(parts: dict[str, str]) -> str:
    """Canonical text form of a breakdown: `age=child;exploitation=criminal`, '' for the total.

    One string column keeps the observation key simple and indexable on SQLite and PostgreSQL.
    """
    return ";".join(f"{dim}={parts[dim]}" for dim in sorted(parts))


def parse_breakdown(key: str) -> dict[str, str]:
    if not key:
        return {}
    parts = {}
    for item in key.split(";"):
        dim, sep, value = item.partition("=")
        if not sep or not dim or not value:
            raise BreakdownError(f"'{key}' is not a breakdown (expected dimension=value)")
        parts[dim] = value
    return parts


def check_breakdown(metric_key: str, key: str) -> None:
    """Raise BreakdownError unless `key` is allowed for the metric."""
    metric = METRICS_BY_KEY.get(metric_key)
    if metric is None:
        raise BreakdownError(f"'{metric_key}' is not a metric in the catalogue")
    parts = parse_breakdown(key)  # a user metric has no dimensions: its total only
    if breakdown_key(parts) != key:
        raise BreakdownError(f"'{key}' is not in canonical form ({breakdown_key(parts)!r})")
    for dim, value in parts.items():
        if dim not in metric.dimensions:
            raise BreakdownError(f"{metric.label} cannot be broken down by {dim}")
        if value not in DIMENSIONS[dim].value_keys():
            label = DIMENSIONS[dim].label.lower()
            raise BreakdownError(f"'{value}' is not a known {label} for {metric.label}")


def breakdown_label(key: str) -> str:
    """Human label: 'Child, Criminal' or 'All'."""
    if not key:
        return "All"
    labels = []
    for dim, value in parse_breakdown(key).items():
        names = dict(DIMENSIONS[dim].values) if dim in DIMENSIONS else {}
        labels.append(names.get(value, value))
    return ", ".join(labels)
