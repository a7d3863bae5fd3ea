"""What each row of a table by area is: a force, an aggregate (a country, a region, a total), a
category of the force above, a row that is no police force, or an area of another geography.

Every clue the table gives is used, strongest first:
- an ONS code column: when codes are there, the code decides, not the name (E23/W15 forces,
  E12 regions, E92/W92/K04 countries; other codes are another geography);
- the name: a force, a total or region ("ENGLAND AND WALES7,8", "Total North West", "Eastern"),
  a county or council ("Greater London", "Devon"), or neither;
- for a name that is both a region and a force (West Midlands), the order of rows and the sums:
  a region row sits next to its forces and its value is their sum. Without a clue that settles
  it, the row is an error: a figure the app is not sure of is never stored.

The whole column decides the geography: a table of counties, councils or regions is refused as
one, never matched to forces name by name (Kent, Essex and Durham are counties too).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from commissioner_desk.domain.forces import ForceRecord, ForceResolver, normalise_force_name
from commissioner_desk.domain.geography import (
    FORCE_AREAS,
    REGION_LIST,
    code_kind,
    is_aggregate_kind,
    other_area_kind,
    region_named,
)

from ..checks.cells import ParsedValue, cell_ref, is_blank
from ..checks.problems import Problem, error
from ..model import Note
from ..readers.workbook import Sheet
from .footnotes import strip_label_notes
from .headers import SCAN_COLS, Located
from .table_find import resolve_label
from .wide_checks import Scope, aggregate_scope, scope_for_code
from .wide_labels import TOTAL_WORDS, breakdown_part, clean

FORCE, AGGREGATE, CATEGORY, OTHER, AREA, UNKNOWN, NOTE = (
    "force",
    "aggregate",
    "category",
    "other",
    "area",
    "unknown",
    "note",
)
# Rows of some published tables that are neither forces nor totals of forces.
_NOT_FORCES = frozenset(
    normalise_force_name(n)
    for n in (
        "Central Service Secondments",
        "Central services",
        "Secondments",
        "Other agencies",
        "Other forces",
        "Other bodies",
        "Force not known",
        "Police force not known",
        "Police force unknown",
        "Other",
        "Non-police",
    )
)
_REGION_NAMES = frozenset({r.name for r in REGION_LIST} | {"Wales"})
_SEPARATE_NATIONS = frozenset({"England", "Wales"})
_KIND_WORD = {"regions": "region", "countries": "country"}
AMBIGUOUS = "ambiguous"  # an UNKNOWN row whose error is already among the problems
_NATIONS_WITH_FORCES = frozenset({"scotland", "northern ireland"})
_MIN_OTHER_AREAS = 2  # areas of another geography that make a table not by police force area

Values = Callable[[int], Sequence[ParsedValue | None]]  # row → its figures, slot by slot


@dataclass(frozen=True)
class Role:
    kind: str
    label: str  # as written, spacing tidied
    record: ForceRecord | None = None
    scope: Scope | None = None
    why: str = ""  # aggregates and other rows: why the row was not taken as a force
    area: str = ""  # AREA: the kind of geography ("counties")


@dataclass
class RowRoles:
    roles: dict[int, Role] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    refusal: Problem | None = None  # the table is not by police force area
    geography: str = FORCE_AREAS  # what its rows are: "police force areas", "counties"…

    def notes(self, force_col: int) -> list[Note]:
        """The rows taken as aggregates, or as rows that are no police force, and why."""
        kinds = (AGGREGATE, OTHER, AREA)
        return [
            Note(cell_ref(r, force_col), role.label, role.why or "not a police force area")
            for r, role in sorted(self.roles.items())
            if role.kind in kinds
        ]


def classify_rows(
    sheet: Sheet, located: Located, resolver: ForceResolver, values: Values
) -> RowRoles:
    out = RowRoles()
    rows = located.rows(sheet)
    regions = _region_column(sheet, located)
    for r in rows:
        label = sheet.cell(r, located.force_col)
        code = sheet.cell(r, located.code_col) if located.code_col is not None else None
        role = _by_code(sheet, r, located, code, label, resolver, out)
        if role is None and regions is not None:
            role = _by_region_column(label, sheet.cell(r, regions))
        if role is None:
            role = _by_name(label, resolver)
        if role is not None:
            out.roles[r] = role
    _settle_nations(out)
    _settle_regions(sheet, located, out, values)
    _flat_categories(out)
    out.refusal, out.geography = _geography(sheet, located, out)
    return out


def _region_column(sheet: Sheet, located: Located) -> int | None:
    """A column naming each row's region ("Region | Police force area | …"), if the table has
    one: its rows with no force name (or "Total") are the regions' totals."""
    rows = located.rows(sheet)
    for c in range(min(SCAN_COLS, max(located.force_col + 3, 1))):
        if c in (located.force_col, located.code_col):
            continue
        named = sum(1 for r in rows if isinstance(v := sheet.cell(r, c), str) and region_named(v))
        if named >= 3:
            return c
    return None


def _by_region_column(label: object, region_cell: object) -> Role | None:
    if not (is_blank(label) or clean(label) in TOTAL_WORDS) or not isinstance(region_cell, str):
        return None
    region = region_named(region_cell)
    scope = aggregate_scope(region.name) if region is not None else None
    if scope is None:
        return None
    shown = _shown(region_cell) + (f" {_shown(label)}" if not is_blank(label) else "")
    return Role(AGGREGATE, shown, scope=scope, why=f"region ({scope.name}): the region column")


def _shown(value: object) -> str:
    return " ".join(str(value).split()) if not is_blank(value) else ""


def _by_code(
    sheet: Sheet,
    r: int,
    located: Located,
    code: object,
    label: object,
    resolver: ForceResolver,
    out: RowRoles,
) -> Role | None:
    kind = code_kind(code)
    if kind is None:
        return None
    code = str(code).strip().upper()
    shown = _shown(label) or code
    record = resolver.resolve(code)
    if is_aggregate_kind(kind) and (scope := scope_for_code(code)) is not None:
        if record is not None:  # N92000002: the country and PSNI's area in the registry
            return Role("nation?", shown, record, scope, f"country ({code})")
        return Role(AGGREGATE, shown, scope=scope, why=f"{_KIND_WORD[kind]} (code {code})")
    if record is not None:
        named = resolve_label(resolver, label)
        if named is not None and named.code != record.code:
            where = cell_ref(r, located.force_col)
            out.problems.append(
                error(
                    sheet.name,
                    where,
                    f"The code {code} is {record.display_name}, but the name beside it says "
                    f"{named.display_name}. Correct whichever is wrong.",
                )
            )
            return Role(UNKNOWN, shown, why=AMBIGUOUS)  # reported here already
        return Role(FORCE, shown, record)
    if kind == FORCE_AREAS:
        return Role(UNKNOWN, shown, why=f"the code {code} is no police force area the app knows")
    return Role(AREA, shown, why=f"not a police force area (one of the {kind})", area=kind)


def _by_name(label: object, resolver: ForceResolver) -> Role | None:
    if not isinstance(label, str) or not label.strip():
        return None
    shown = _shown(label)
    bare = strip_label_notes(label)
    record = resolve_label(resolver, label)
    scope = aggregate_scope(label)
    if record is not None and scope is not None:
        if normalise_force_name(bare) in _NATIONS_WITH_FORCES:
            return Role("nation?", shown, record, scope, f"country ({scope.name})")
        return Role("region?", shown, record, scope, f"region ({scope.name})")
    if record is not None:
        return Role(FORCE, shown, record)
    if scope is not None:
        what = "total" if scope.name == "the whole table" else f"total for {scope.name}"
        return Role(AGGREGATE, shown, scope=scope, why=what)
    if normalise_force_name(bare) in _NOT_FORCES:
        return Role(OTHER, shown, why="not a police force")
    if breakdown_part(clean(label)) is not None:
        return Role(CATEGORY, shown)
    if (area := other_area_kind(bare)) is not None:
        return Role(AREA, shown, why=f"not a police force area (one of the {area})", area=area)
    return Role(UNKNOWN, shown)


def _is_region(role: Role) -> bool:
    return role.kind == AGGREGATE and role.scope is not None and role.scope.name in _REGION_NAMES


def _settle_nations(out: RowRoles) -> None:
    """ "Scotland" is Police Scotland's area in a table of forces, but a country among the
    other countries ("England", "Wales")."""
    countries = any(
        role.kind == AGGREGATE and role.scope is not None and role.scope.name in _SEPARATE_NATIONS
        for role in out.roles.values()
    )
    for r, role in out.roles.items():
        if role.kind == "nation?":
            out.roles[r] = (
                Role(AGGREGATE, role.label, scope=role.scope, why=role.why)
                if countries
                else Role(FORCE, role.label, role.record)
            )


def _settle_regions(sheet: Sheet, located: Located, out: RowRoles, values: Values) -> None:
    """Rows named like a force and a region (West Midlands): which is which."""
    pending: dict[str, list[int]] = {}
    for r, role in out.roles.items():
        if role.kind == "region?":
            pending.setdefault(normalise_force_name(strip_label_notes(role.label)), []).append(r)
    if not pending:
        return
    lead = _regions_lead(out)
    has_regions = any(_is_region(role) for role in out.roles.values())
    indents = _indents(sheet, located, out)
    for rows in pending.values():
        scope = out.roles[rows[0]].scope
        assert scope is not None
        members = sorted(
            r
            for r, role in out.roles.items()
            if role.kind == FORCE and role.record is not None and scope.covers(role.record)
        )
        stated = any(_is_region(role) and role.scope is scope for role in out.roles.values())
        if stated:  # "Total West Midlands" is the region: "West Midlands" is the force
            region, how = NO_REGION, ""
        else:
            region, how = _by_indent(rows, indents) if indents else (None, "")
            if region is None:
                region, how = _decide(rows, members, values, lead, has_regions)
        for r in rows:
            role = out.roles[r]
            if region is None:
                out.roles[r] = Role(UNKNOWN, role.label, why=AMBIGUOUS)
                out.problems.append(_ambiguous(sheet, located, r, role, how))
            elif r == region:
                why = f"region ({scope.name}): {how}"
                out.roles[r] = Role(AGGREGATE, role.label, scope=scope, why=why)
            else:
                out.roles[r] = Role(FORCE, role.label, role.record)


NO_REGION = -1  # _decide: every row of the name is the force
Indents = tuple[int, int, dict[int, int]]  # (a region's indent, a force's, each row's)


def _indents(sheet: Sheet, located: Located, out: RowRoles) -> Indents | None:
    """Forces indented under their regions by leading spaces ("  Cleveland" under "North
    East"): the indent of region rows and of force rows, when every row of each agrees."""
    indent: dict[int, int] = {}
    for r in out.roles:
        label = sheet.cell(r, located.force_col)
        if isinstance(label, str):
            indent[r] = len(label) - len(label.lstrip())
    regions = {indent[r] for r, role in out.roles.items() if _is_region(role) and r in indent}
    forces = {indent[r] for r, role in out.roles.items() if role.kind == FORCE and r in indent}
    if len(regions) == 1 and len(forces) == 1 and regions != forces:
        return regions.pop(), forces.pop(), indent
    return None


def _by_indent(rows: list[int], indents: Indents) -> tuple[int | None, str]:
    region_at, force_at, indent = indents
    regions = [r for r in rows if indent.get(r) == region_at]
    forces = [r for r in rows if indent.get(r) == force_at]
    if len(regions) + len(forces) != len(rows) or len(regions) > 1 or len(forces) > 1:
        return None, ""
    how = "the table's forces are indented under their regions, and this row is not"
    return (regions[0], how) if regions else (NO_REGION, "")


def _decide(
    rows: list[int],
    members: list[int],
    values: Values,
    lead: bool | None,
    has_regions: bool,
) -> tuple[int | None, str]:
    """Which of the rows is the region (NO_REGION: none is), and how that is known; None when
    the table does not say."""
    if len(rows) == 1:
        # With no region rows at all, the table is of forces and the name is the force's,
        # unless its figures are the sum of the region's other forces beside it.
        if has_regions:
            return None, "the table has region rows, but only one row of this name"
        if members and _sums_to(rows[0], members, values):
            return None, "its figures are the sum of the region's other forces in the table"
        return NO_REGION, ""
    if len(rows) > 2:
        return None, f"the table has {len(rows)} rows of this name"
    sums = {r: _sums_to(r, [*members, *(x for x in rows if x != r)], values) for r in rows}
    adds_up = [r for r in rows if sums[r]]
    if len(adds_up) == 1:
        return adds_up[0], "its figures are the sum of the region's forces"
    if lead is not None and not adds_up:
        region = rows[0] if lead else rows[1]
        if sums[region] is None:  # nothing contradicts the order
            where = "above" if lead else "below"
            return region, f"the table's region rows stand {where} their forces"
    return None, (
        "the table has two rows of this name, and neither the order of its rows nor its sums "
        "say which is which"
    )


def _sums_to(r: int, parts: list[int], values: Values) -> bool | None:
    """Whether row r's figures are the sum of the rows `parts` in every column where all are
    numbers: True, False, or None when no column can be checked."""
    mine = values(r)
    others = [values(p) for p in parts]
    checked = False
    for i, total in enumerate(mine):
        if total is None or total.value is None:
            continue
        numbers = [o[i] if i < len(o) else None for o in others]
        if any(n is None or n.value is None for n in numbers):
            continue
        added = sum(n.value for n in numbers if n is not None and n.value is not None)
        # Published decimals (FTE) are rounded sums: allow half a hundredth a part.
        if abs(added - total.value) > 0.005 * len(numbers) + 1e-9:
            return False
        checked = True
    return True if checked else None


def _regions_lead(out: RowRoles) -> bool | None:
    """Whether the table's region rows stand above their forces (True) or below (False), from
    the regions that cannot be mistaken for a force; None when they do not say."""
    rows = sorted(out.roles)
    votes: Counter[bool] = Counter()
    for i, r in enumerate(rows):
        role = out.roles[r]
        if not _is_region(role):
            continue
        assert role.scope is not None
        for neighbour, above in ((i + 1, True), (i - 1, False)):
            if 0 <= neighbour < len(rows):
                other = out.roles[rows[neighbour]]
                if other.kind == FORCE and other.record and role.scope.covers(other.record):
                    votes[above] += 1
    if votes[True] and not votes[False]:
        return True
    if votes[False] and not votes[True]:
        return False
    return None


def _ambiguous(sheet: Sheet, located: Located, r: int, role: Role, why: str) -> Problem:
    region = role.scope.name if role.scope else role.label
    force = role.record.display_name if role.record else role.label
    return error(
        sheet.name,
        cell_ref(r, located.force_col),
        f'"{role.label}" could be the {region} region or {force}: {why}. Nothing was '
        f'imported. Rename the row in a copy of the file ("{region} region" or "{force}") '
        "and import that.",
    )


def _flat_categories(out: RowRoles) -> None:
    """A category name in the force column is a breakdown of the force above only in a
    hierarchical table (two or more forces with categories beneath). In a flat table
    "Not known" or "Other" at the bottom is a row of its own, not part of the force above."""
    parents = set()
    current = None
    for r in sorted(out.roles):
        role = out.roles[r]
        if role.kind == FORCE:
            current = r
        elif role.kind == CATEGORY and current is not None:
            parents.add(current)
    if len(parents) >= 2:
        return
    for r, role in out.roles.items():
        if role.kind == CATEGORY:
            out.roles[r] = Role(OTHER, role.label, why="not a police force")


def _geography(sheet: Sheet, located: Located, out: RowRoles) -> tuple[Problem | None, str]:
    areas = [(r, role) for r, role in sorted(out.roles.items()) if role.kind == AREA]
    forces = sum(1 for role in out.roles.values() if role.kind == FORCE)
    unknown = sum(1 for role in out.roles.values() if role.kind == UNKNOWN)
    regions = [role for role in out.roles.values() if _is_region(role)]
    if len(areas) >= _MIN_OTHER_AREAS or (areas and unknown >= 3):
        kind = Counter(role.area for _, role in areas).most_common(1)[0][0]
        names = ", ".join(f'"{role.label}"' for _, role in areas[:4])
        first = areas[0][0]
        problem = error(
            sheet.name,
            cell_ref(first, located.force_col),
            f"This table is by {kind} ({names}…), not by police force area, so nothing was "
            "imported. The app imports figures by police force area only, and never matches "
            "counties or councils to forces, even where the names are the same (Kent, Essex, "
            "Durham).",
        )
        return problem, kind
    aggregates = [role for role in out.roles.values() if role.kind == AGGREGATE]
    if forces == 0 and (len(regions) >= 3 or len(aggregates) >= 2):
        kind = "regions" if len(regions) >= 3 else "countries"
        problem = error(
            sheet.name,
            cell_ref(located.first_row, located.force_col),
            f"This table gives figures by {_KIND_WORD[kind]} only, not "
            "by police force area, so nothing was imported.",
        )
        return problem, kind
    return None, FORCE_AREAS
