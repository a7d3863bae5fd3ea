"""Totals in a published table: which forces a total row covers, and whether the figures add
up — the forces to the stated total, and the parts of a breakdown to the figure they break down.

Only warnings: a published table that does not add up is still what was published, but the
user should know before it feeds a briefing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from commissioner_desk.db.enums import ObservationStatus
from commissioner_desk.domain.catalogue import (
    DIMENSIONS,
    METRICS_BY_KEY,
    breakdown_key,
    breakdown_label,
    parse_breakdown,
)
from commissioner_desk.domain.forces import REGIONS, ForceKind, ForceRecord, normalise_force_name

from .cells import ParsedValue
from .model import PlannedFigure
from .problems import Problem, warning


@dataclass(frozen=True)
class Scope:
    """The forces a total row adds up: "England and Wales" is its 43 territorial forces."""

    name: str  # as shown in messages
    covers: Callable[[ForceRecord | None], bool]  # None: a name that did not resolve


def _territorial(*nations: str, region: str | None = None) -> Callable:
    def covers(record: ForceRecord | None) -> bool:
        if record is None:
            return True  # unresolved: an error already; counting it keeps the sum honest
        return (
            record.kind is ForceKind.TERRITORIAL
            and record.nation in nations
            and (region is None or normalise_force_name(record.region) == region)
        )

    return covers


def _everyone(record: ForceRecord | None) -> bool:
    return True


def _great_britain(record: ForceRecord | None) -> bool:
    return record is None or record.nation != "Northern Ireland"


_SCOPES: dict[str, Scope] = {}
for _name in (
    *("total", "grand total", "totals", "all", "all forces", "all police forces", "national"),
    *("all bodies", "uk", "united kingdom", "total all forces", "all police bodies"),
):
    _SCOPES[_name] = Scope("the whole table", _everyone)
_SCOPES["great britain"] = _SCOPES["gb"] = Scope("Great Britain", _great_britain)
_SCOPES["england and wales"] = Scope("England and Wales", _territorial("England", "Wales"))
_SCOPES["england"] = Scope("England", _territorial("England"))
for _nation in ("Scotland", "Northern Ireland"):
    _SCOPES[normalise_force_name(_nation)] = Scope(
        _nation, lambda r, n=_nation: r is None or r.nation == n
    )
for _region in REGIONS:
    _key = normalise_force_name(_region)
    if _key not in _SCOPES:
        _nation = "Wales" if _region == "Wales" else "England"
        _SCOPES[_key] = Scope(_region, _territorial(_nation, region=_key))


def aggregate_scope(text: object) -> Scope | None:
    """The scope of a total row's label ("England & Wales [note 2]", "Total", "North West"),
    or None when the label is not a total."""
    if not isinstance(text, str):
        return None
    key = normalise_force_name(text)
    for _ in range(2):  # "Total England and Wales", "England and Wales total"
        if key in _SCOPES:
            return _SCOPES[key]
        for affix in ("total ", "all "):
            key = key.removeprefix(affix)
        key = key.removesuffix(" total")
    return _SCOPES.get(key)


# --- rows that add up to a stated total -----------------------------------------------------------


@dataclass
class RowFigures:
    """The figures read from one row of the table, for reconciling totals."""

    row: int
    record: ForceRecord | None  # None for an unresolved name or a total row
    scope: Scope | None  # set for a total row
    row_key: str  # the row's own breakdown ("" for a force's total row)
    values: dict[int, ParsedValue | None]  # slot → value (None: blank or unreadable)
    cells: dict[int, str]  # slot → A1 cell


def reconcile_totals(
    rows: Iterable[RowFigures], slot_names: dict[int, str], sheet: str
) -> list[Problem]:
    """A warning at each stated total the forces' rows do not add up to.

    A suppressed, not-applicable, blank or unreadable figure among the forces makes the sum a
    lower bound, so then only a sum above the total is flagged.
    """
    rows = list(rows)
    out: list[Problem] = []
    # A sum depends only on the total's breakdown, scope and column, not on which row states
    # it: worked out once each, so a table of many total rows is not read once per total.
    sums: dict[tuple[str, str, int], tuple[int, bool]] = {}
    for total in (r for r in rows if r.scope is not None):
        for slot, stated in total.values.items():
            if stated is None or stated.value is None:
                continue
            key = (total.row_key, total.scope.name, slot)
            if key not in sums:
                sums[key] = _add_up(rows, total, slot)
            added, complete = sums[key]
            if added > stated.value or (complete and added != stated.value):
                out.append(
                    warning(
                        sheet,
                        total.cells[slot],
                        f"The forces' figures for {slot_names[slot]} add up to {added:,}, "
                        f"not the {stated.value:,} given for {total.scope.name} here.",
                    )
                )
    return out


def _add_up(rows: list[RowFigures], total: RowFigures, slot: int) -> tuple[int, bool]:
    """The sum of the figures in column `slot` of the forces the total covers, and whether
    every one of them was a number (nil counts as 0)."""
    assert total.scope is not None
    added, complete = 0, True
    for member in rows:
        if member.scope is not None or member.row_key != total.row_key:
            continue
        if not total.scope.covers(member.record):
            continue
        got = member.values.get(slot)
        if got is not None and got.status is ObservationStatus.NIL:
            continue
        if got is None or got.value is None:
            complete = False
            continue
        added += got.value
    return added, complete


def parts_against_totals(figures: Iterable[PlannedFigure], sheet: str) -> list[Problem]:
    """A warning at each figure its breakdown does not add up to.

    Parts above the figure are always flagged. Parts below it are flagged only when every
    category of the breakdown is given as a number: otherwise a missing or withheld category
    may explain the difference. Nil counts as 0.
    """
    by_key = {f.key: f for f in figures}
    sums: dict[tuple[tuple[str, str, str, str], str], int] = defaultdict(int)
    seen: dict[tuple[tuple[str, str, str, str], str], set[str]] = defaultdict(set)
    withheld: set[tuple[tuple[str, str, str, str], str]] = set()
    for f in by_key.values():
        parts = parse_breakdown(f.breakdown)
        for dim, value in parts.items():
            parent = {d: v for d, v in parts.items() if d != dim}
            slot = ((f.force_code, f.period_key, f.metric_key, breakdown_key(parent)), dim)
            seen[slot].add(value)
            if f.value is None and f.status is not ObservationStatus.NIL:
                withheld.add(slot)
            sums[slot] += f.value or 0
    out = []
    for (parent_key, dim), added in sums.items():
        parent = by_key.get(parent_key)
        if parent is None or parent.value is None:
            continue
        every = set(DIMENSIONS[dim].value_keys()) <= seen[(parent_key, dim)]
        complete = every and (parent_key, dim) not in withheld
        if added > parent.value or (complete and added != parent.value):
            what = METRICS_BY_KEY[parent.metric_key].label
            if parent.breakdown:
                what += f" ({breakdown_label(parent.breakdown)})"
            out.append(
                warning(
                    sheet,
                    parent.cell,
                    f"The figures by {DIMENSIONS[dim].label.lower()} for {what}, "
                    f"{parent.force_name}, {parent.period_key} add up to {added:,}, "
                    f"not the {parent.value:,} given here.",
                )
            )
    return out
