"""Totals in a published table: which forces a total row covers, and whether the figures add
up — the forces to the stated total, and the parts of a breakdown to the figure they break down.

Only warnings: a published table that does not add up is still what was published, but the
user should know before it feeds a briefing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from commissioner_desk.domain.catalogue import (
    DIMENSIONS,
    METRICS_BY_KEY,
    breakdown_key,
    breakdown_label,
    parse_breakdown,
)
from commissioner_desk.domain.enums import ObservationStatus
from commissioner_desk.domain.forces import REGIONS, ForceKind, ForceRecord, normalise_force_name
from commissioner_desk.domain.geography import COUNTRY_NAMES, REGION_BY_CODE, REGION_LIST

from ..checks.cells import ParsedValue
from ..checks.problems import Problem, warning
from ..model import PlannedFigure


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


def _excluding_btp(scope: Scope) -> Scope:
    def covers(record: ForceRecord | None) -> bool:
        return scope.covers(record) and (record is None or record.code != "BTP")

    return Scope(f"{scope.name} (excluding British Transport Police)", covers)


_SCOPES: dict[str, Scope] = {}
for _name in (
    *("total", "grand total", "totals", "all", "all forces", "all police forces", "national"),
    *("all bodies", "uk", "united kingdom", "total all forces", "all police bodies"),
    *("total all police forces", "overall total", "sum of forces"),
):
    _SCOPES[_name] = Scope("the whole table", _everyone)
_SCOPES["great britain"] = _SCOPES["gb"] = Scope("Great Britain", _great_britain)
_SCOPES["england and wales"] = Scope("England and Wales", _territorial("England", "Wales"))
for _name in ("43 forces", "43 police forces", "all 43 forces", "43 territorial forces"):
    _SCOPES[_name] = _SCOPES["england and wales"]
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
for _region in REGION_LIST:  # the other names tables give regions: "East", "Eastern"
    for _alias in _region.aliases:
        _SCOPES.setdefault(
            normalise_force_name(_alias), _SCOPES[normalise_force_name(_region.name)]
        )
_QUALIFIERS = re.compile(
    r"\(?\b(?:excluding|excl|exc|ex|without)\b\.?\s*(?:btp|british transport police)\)?"
)
_AFFIXES = ("total ", "all ", "sum of ")
_SUFFIXES = (" total", " totals", " region", " overall", " (region)")


@lru_cache(maxsize=8192)  # every label of every table is asked, some several times
def aggregate_scope(text: object) -> Scope | None:
    """The scope of a total row's label ("England & Wales [note 2]", "Total", "North West",
    "Total (excluding BTP)", "ENGLAND AND WALES7,8"), or None when the label is not a total."""
    if not isinstance(text, str):
        return None
    from .footnotes import strip_label_notes

    for candidate in dict.fromkeys((text, strip_label_notes(text))):
        if (found := _scope_of(candidate)) is not None:
            return found
    return None


_FORCE_COUNT = re.compile(r"\(\s*(?:all\s+)?\d{1,2}\s+(?:territorial\s+|police\s+)?forces\s*\)")


def _scope_of(text: str) -> Scope | None:
    raw = unicodedata.normalize("NFKC", text).casefold()
    raw = _FORCE_COUNT.sub(" ", raw)  # "England and Wales (43 forces)"
    excluding = bool(_QUALIFIERS.search(raw))
    key = normalise_force_name(_QUALIFIERS.sub(" ", raw))
    found = None
    for _ in range(3):  # "Total England and Wales", "England and Wales total", "Total (43 forces)"
        if key in _SCOPES:
            found = _SCOPES[key]
            break
        for affix in _AFFIXES:
            key = key.removeprefix(affix)
        for suffix in _SUFFIXES:
            key = key.removesuffix(suffix)
    if found is None:
        found = _SCOPES.get(key)
    if found is None and excluding and not key:
        found = _SCOPES["total"]  # "(excluding BTP)" alone under a Total heading
    return _excluding_btp(found) if found is not None and excluding else found


def scope_for_code(code: str) -> Scope | None:
    """The scope of a region or country row from its ONS code (E12000001, K04000001)."""
    code = code.strip().upper()
    if (region := REGION_BY_CODE.get(code)) is not None:
        return _SCOPES[normalise_force_name(region.name)]
    if (name := COUNTRY_NAMES.get(code)) is not None:
        return _SCOPES.get(normalise_force_name(name))
    return None


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
    other: bool = False  # a row that is no force ("Central Service Secondments"): in totals only


def reconcile_totals(
    rows: Iterable[RowFigures],
    slot_names: dict[int, str],
    sheet: str,
    registry: Sequence[ForceRecord] = (),
) -> list[Problem]:
    """A warning at each stated total the forces' rows do not add up to.

    A suppressed, not-applicable, blank or unreadable figure among the forces, or a force the
    total covers that is not in the table (`registry` says which it covers), makes the sum a
    lower bound, so then only a sum above the total is flagged. Figures with decimals (full-time
    equivalents) are published rounded: their sum may differ by half a hundredth a part.
    """
    rows = list(rows)
    out: list[Problem] = []
    present = {r.record.code for r in rows if r.record is not None}
    # A sum depends only on the total's breakdown, scope and column, not on which row states
    # it: worked out once each, so a table of many total rows is not read once per total.
    sums: dict[tuple[str, str, int], tuple[float, bool, int]] = {}
    for total in (r for r in rows if r.scope is not None):
        scope = total.scope
        absent = any(scope.covers(rec) and rec.code not in present for rec in registry)
        for slot, stated in total.values.items():
            if stated is None or stated.value is None:
                continue
            key = (total.row_key, scope.name, slot)
            if key not in sums:
                sums[key] = _add_up(rows, total, slot)
            added, complete, parts = sums[key]
            slack = 0.005 * parts + 1e-9 if isinstance(added, float) else 0
            over = added - stated.value > slack
            if over or (complete and not absent and abs(added - stated.value) > slack):
                out.append(
                    warning(
                        sheet,
                        total.cells[slot],
                        f"The forces' figures for {slot_names[slot]} add up to {_shown(added)}, "
                        f"not the {_shown(stated.value)} given for {scope.name} here.",
                    )
                )
    return out


def _shown(number: float) -> str:
    if isinstance(number, float) and not number.is_integer():
        return f"{number:,.2f}"
    return f"{int(number):,}"


def _add_up(rows: list[RowFigures], total: RowFigures, slot: int) -> tuple[float, bool, int]:
    """The sum of the figures in column `slot` of the forces the total covers, whether every
    one of them was a number (nil counts as 0), and how many were added."""
    assert total.scope is not None
    whole = total.scope.name.startswith("the whole table")
    added: float = 0
    complete, parts = True, 0
    for member in rows:
        if member.scope is not None or member.row_key != total.row_key:
            continue
        if member.other and not whole:
            continue  # "Central Service Secondments" is in a grand total, never a region's
        if not member.other and not total.scope.covers(member.record):
            continue
        got = member.values.get(slot)
        if got is not None and got.status is ObservationStatus.NIL:
            continue
        if got is None or got.value is None:
            complete = False
            continue
        added += got.value
        parts += 1
    return added, complete, parts


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
