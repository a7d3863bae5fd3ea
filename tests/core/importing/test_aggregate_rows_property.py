"""Region and national rows put anywhere in a table of forces (issue 15), with and without a
column of ONS codes: every figure the importer would store is a force's own figure. A table it
cannot be sure of may be refused, but never read with a region's figure filed as a force's
(West Midlands is a region and a force).

Tables are laid out as a sheet in memory: the subject is the reader, not the file.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioner_desk.domain.forces import ForceResolver, load_registry, territorial_england_wales
from commissioner_desk.domain.geography import REGION_LIST
from commissioner_desk.importing.layouts.recognise import read_any_layout
from commissioner_desk.importing.model import ImportOptions, ReadContext
from commissioner_desk.importing.readers.workbook import Sheet, Workbook

from .conftest import TODAY

RESOLVER = ForceResolver(load_registry())
FORCES = territorial_england_wales(RESOLVER.records)
REGIONS = {r.name: r for r in REGION_LIST} | {"Wales": None}
PATH = Path("generated.xlsx")
TITLE = "Table 1: NRM referrals by police force area, England and Wales, 2023/24"


def _region_label(draw, name: str) -> str:
    forms = [name, name.upper(), f"Total {name}", f"{name} total", f"{name}[note 2]"]
    if name == "East of England":
        forms += ["East", "Eastern", "EAST"]
    return draw(st.sampled_from(forms))


def _force_label(draw, record) -> str:
    name = draw(st.sampled_from([record.ons_name, record.display_name]))
    return name + draw(st.sampled_from(["", "4", " 4", "8,9", "[note 6]", "*"]))


@st.composite
def tables(draw):
    """(rows, each force's own figure, whether the table has a column of codes)."""
    forces = draw(st.lists(st.sampled_from(FORCES), min_size=6, max_size=len(FORCES), unique=True))
    forces = draw(st.permutations(forces))
    values = {f.code: draw(st.integers(min_value=1, max_value=5_000)) for f in forces}
    codes = draw(st.booleans())
    rows: list[tuple[object, ...]] = []
    for f in forces:
        label = _force_label(draw, f)
        rows.append((f.code, label, values[f.code]) if codes else (label, values[f.code]))
    # A table that gives regions gives them all (as publishers do), each the sum of its
    # forces in the table, in any order and anywhere.
    regions = draw(st.sampled_from([[], sorted(REGIONS)]))
    extra: list[tuple[object, ...]] = []
    for name in regions:
        members = [f for f in forces if f.region == name]
        total = sum(values[f.code] for f in members)
        label = _region_label(draw, name)
        code = REGIONS[name].code if REGIONS[name] else "W92000004"
        extra.append((code, label, total) if codes else (label, total))
    for label, code in (("England and Wales", "K04000001"), ("ENGLAND AND WALES7,8", "K04000001")):
        if draw(st.booleans()):
            total = sum(values.values())
            extra.append((code, label, total) if codes else (label, total))
    for row in extra:
        rows.insert(draw(st.integers(min_value=0, max_value=len(rows))), row)
    heading = (
        ("Area code", "Police force area", "2023/24") if codes else ("Police force", "2023/24")
    )
    return [(TITLE,), (), heading, *rows], values, codes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_every_stored_figure_is_a_forces_own(table):
    rows, values, codes = table
    workbook = Workbook(PATH, (Sheet("Table 1", tuple(rows), hidden=False),))
    ctx = ReadContext(PATH, RESOLVER, TODAY, ImportOptions())
    result = read_any_layout(workbook, ctx)
    assert result is not None
    errors = [p for p in result.problems if p.severity == "error"]
    if codes:
        assert not errors, errors  # the code decides: nothing is left in doubt
    if errors:
        return  # refused: nothing is stored
    got = {f.force_code: f.value for f in result.figures}
    assert got == values
    assert {f.period_key for f in result.figures} == {"2023/24"}


def test_forces_indented_under_their_regions_say_which_west_midlands_is_which():
    """A lone "West Midlands" row among region rows is the force when it is indented like the
    forces, and the region when it is not; without the clue it is refused."""
    west = [f for f in FORCES if f.region == "West Midlands" and f.ons_name != "West Midlands"]
    rows = [(TITLE,), (), ("Police force", "2023/24"), ("North East", 30)]
    rows += [(f"  {f.ons_name}", 10) for f in FORCES if f.region == "North East"]
    as_force = [*rows, ("West Midlands", 60), *((f"  {f.ons_name}", 20) for f in west)]
    as_force[-3] = ("  West Midlands", 60)  # indented: the force
    got = _figures(as_force)
    assert got is not None and got["E23000014"] == 60
    as_region = [*rows, ("West Midlands", 60), *((f"  {f.ons_name}", 20) for f in west)]
    got = _figures(as_region)
    assert got is not None and "E23000014" not in got  # the region: no figure for the force
    flat = [(label.strip(), value) for label, value in as_region[3:]]
    assert _figures([*rows[:3], *flat]) is None  # no indent: the table does not say


def _figures(rows):
    workbook = Workbook(PATH, (Sheet("Table 1", tuple(rows), hidden=False),))
    result = read_any_layout(workbook, ReadContext(PATH, RESOLVER, TODAY, ImportOptions()))
    if any(p.severity == "error" for p in result.problems):
        return None
    return {f.force_code: f.value for f in result.figures}


def test_a_region_column_marks_the_regions_totals():
    """ "Region | Police force area | figure": a row naming a region and no force (or "Total")
    is the region's total, and "West Midlands" in the force column is then the force."""
    rows = [(TITLE,), (), ("Region", "Police force area", "2023/24")]
    for region in ("North East", "West Midlands"):
        members = [f for f in FORCES if f.region == region]
        rows += [(region, f.ons_name, 10) for f in members]
        rows.append((region, "Total" if region == "North East" else None, 10 * len(members)))
    got = _figures(rows)
    assert got is not None and got["E23000014"] == 10 and len(got) == 7


def _warnings(rows):
    workbook = Workbook(PATH, (Sheet("Table 1", tuple(rows), hidden=False),))
    result = read_any_layout(workbook, ReadContext(PATH, RESOLVER, TODAY, ImportOptions()))
    return [p for p in result.problems if "add up to" in p.message]


def test_a_region_is_reconciled_when_all_its_forces_are_in_the_table():
    east = [f for f in FORCES if f.region == "East Midlands"]
    rows = [(TITLE,), (), ("Police force", "2023/24"), ("East Midlands", 5 * len(east) + 1)]
    rows += [(f.ons_name, 5) for f in east]
    (warned,) = _warnings(rows)
    assert warned.cell == "B4" and f"add up to {5 * len(east)}, not the" in warned.message
    # A force missing: the region's figure may include it, so a sum below it is no error ...
    assert _warnings(rows[:-1]) == []
    # ... but a sum above it still is.
    low = [*rows[:3], ("East Midlands", 3), *rows[4:-1]]
    assert [w.cell for w in _warnings(low)] == ["B4"]


def test_one_county_among_forces_is_left_out_and_listed():
    rows = [(TITLE,), (), ("Police force", "2023/24"), ("Kent", 4), ("Essex", 2), ("Surrey", 1)]
    rows += [("Greater London", 9), ("Total", 7)]
    workbook = Workbook(PATH, (Sheet("Table 1", tuple(rows), hidden=False),))
    result = read_any_layout(workbook, ReadContext(PATH, RESOLVER, TODAY, ImportOptions()))
    assert not [p for p in result.problems if p.severity == "error"]
    assert len(result.figures) == 3 and 9 not in {f.value for f in result.figures}
    notes = {n.cell: n.why for n in result.table.aggregate_rows}
    assert "counties" in notes["A7"] and notes["A8"] == "total"
    assert not [p for p in result.problems if "add up to" in p.message]  # not in the total
