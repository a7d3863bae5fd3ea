"""The metric catalogue: what a force return can report, and how each figure may be broken down.

Seeded into the database by the migrations' reference-data step, and used by importers to
check a breakdown before storing it. Keys are stable identifiers: never rename one, add anew.
"""

from __future__ import annotations

from dataclasses import dataclass

TOTAL = ""  # the breakdown key of an unbroken-down figure


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
METRICS_BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}


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
    parts = parse_breakdown(key)
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
