"""Tables shaped like the real published tables by police force area (issue 15), as .xlsx and
.ods: each is read to exactly the figures its builder wrote down, with the aggregate rows and
the columns left out named, or refused with nothing stored.

The builders are in `shapes/`; each says which publication it imitates and the trap it sets.
"""

from __future__ import annotations

import json
import re

import pytest

from commissioner_desk.domain.catalogue import Metric, set_user_metrics
from commissioner_desk.importing.checks.problems import ImportRefused
from commissioner_desk.importing.commit.store import commit_plan
from commissioner_desk.importing.model import ImportOptions
from commissioner_desk.importing.plan import ImportPlan, plan_file

from .conftest import write_xlsx
from .shapes import ALL_SHAPES, Expected, Shape, write
from .shapes.model import NIL, NOT_APPLICABLE, SUPPRESSED

TODAY_ = __import__("datetime").date(2026, 12, 6)
FORMATS = (".xlsx", ".ods")
REFUSALS = {
    "county geography": "not by police force area",
    "regions only": "by region only",
    "ambiguous West Midlands row": "could be the West Midlands region or West Midlands Police",
    "non-whole count": "not a whole number",
    "generic column without a dimension": "whether it is an age or an exploitation category",
}
_STATUS = {"suppressed": SUPPRESSED, "not_applicable": NOT_APPLICABLE, "nil": NIL}


def _key(measure: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", measure.casefold()).strip("_")[:60]


def _metric(expected: Expected) -> str | None:
    """The office's own metric for a measure the catalogue does not hold ("Breath tests",
    "Police officers (FTE)"), chosen as staff would with --metric; None for NRM referrals."""
    if expected.measure in ("NRM referrals", "Duty to Notify reports"):
        return None
    key = _key(expected.measure)
    set_user_metrics([Metric(key, expected.measure, "", (), 100, expected.unit, builtin=False)])
    return key


def _options(shape: Shape, expected: Expected) -> ImportOptions:
    several = len(shape.expected_by_table) > 1 or shape.refused
    stacked = sum(1 for e in shape.expected_by_table if e.sheet == expected.sheet) > 1
    return ImportOptions(
        metric=_metric(expected),
        sheet=expected.sheet if several else None,
        table=expected.table if stacked else None,
    )


def _stored(plan: ImportPlan) -> dict[tuple[str, str, str], object]:
    return {
        (f.force_code, f.period_key, f.breakdown): (
            f.value if f.value is not None else _STATUS[f.status.value]
        )
        for f in plan.figures
    }


CASES = [
    pytest.param(name, n, suffix, id=f"{name}-{n}{suffix}")
    for name, build in ALL_SHAPES.items()
    for n in range(max(1, len(build().expected_by_table)))
    for suffix in FORMATS
]


@pytest.mark.parametrize(("name", "n", "suffix"), CASES)
def test_each_published_shape_is_read_right_or_refused(tmp_path, resolver, name, n, suffix):
    shape = ALL_SHAPES[name]()
    path = write(shape.book, tmp_path / f"{name}{suffix}")
    if not shape.expected_by_table:
        plan = plan_file(path, resolver, today=TODAY_)
        assert not plan.ok, plan.problems
        assert any(REFUSALS[shape.refusal] in e.message for e in plan.errors), plan.errors
        with pytest.raises(ImportRefused):  # refused before the database is touched
            commit_plan(None, plan)  # type: ignore[arg-type]
        return
    expected = shape.expected_by_table[n]
    plan = plan_file(path, resolver, today=TODAY_, options=_options(shape, expected))
    assert plan.ok, plan.errors
    assert _stored(plan) == expected.figures
    cells = {(f.force_code, f.period_key, f.breakdown): f.cell for f in plan.figures}
    assert {k: cells[k] for k in expected.cells} == expected.cells
    table = plan.table
    assert table is not None and (table.sheet, table.number) == (expected.sheet, expected.table)
    assert table.title.startswith(expected.title)
    assert set(expected.aggregate_rows) <= {note.cell for note in table.aggregate_rows}
    assert set(expected.skipped_columns) <= {note.cell for note in table.skipped_columns}
    left_out = {note.cell for note in table.skipped_columns}
    assert set(expected.unmapped_columns) <= left_out
    assert {p.key for p in table.periods} == set(expected.periods)
    assert all(p.snapshot for p in table.periods) == expected.snapshot


def test_a_generic_column_is_asked_about_then_read_as_the_user_says(tmp_path, resolver):
    shape = ALL_SHAPES["generic_columns_no_dimension"]()
    path = write(shape.book, tmp_path / "generic.xlsx")
    plan = plan_file(path, resolver, today=TODAY_)
    assert plan.details["needs"] == "columns" and not plan.ok
    (cell, heading, dims) = json.loads(plan.details["ask_columns"])[0]
    assert dims == ["age", "exploitation"]
    said = ImportOptions(columns=((heading, "exploitation=unknown"),))
    answered = plan_file(path, resolver, today=TODAY_, options=said)
    assert answered.ok, answered.errors
    read = {f.breakdown for f in answered.figures if f.cell[0] == cell[0]}
    assert read == {"exploitation=unknown"}
    skipped = plan_file(
        path, resolver, today=TODAY_, options=ImportOptions(columns=((heading, "-"),))
    )
    assert skipped.ok and all(f.cell[0] != cell[0] for f in skipped.figures)


def test_a_second_table_under_a_title_alone_is_a_table_of_its_own(tmp_path, resolver):
    """Two years one under the other, the second with a title but no heading of its own: the
    same forces again after a title start a new table, read under the heading above."""
    forces = [("Kent", 5), ("Essex", 6), ("Surrey", 7)]
    rows = [
        ("Table 2a: NRM referrals by police force, 2022/23",),
        ("Police force", "Number"),
        *forces,
        ("Table 2b: NRM referrals by police force, 2023/24",),
        *((name, n + 10) for name, n in forces),
    ]
    path = write_xlsx(tmp_path / "two.xlsx", rows)
    plan = plan_file(path, resolver, today=TODAY_)
    assert plan.details["needs"] == "table" and len(plan.tables) == 2
    second = plan_file(path, resolver, today=TODAY_, options=ImportOptions(table=2))
    assert second.ok, second.errors
    assert {(f.period_key, f.value) for f in second.figures} == {
        ("2023/24", 15),
        ("2023/24", 16),
        ("2023/24", 17),
    }


def test_every_table_of_a_release_is_listed_those_not_by_area_with_why(tmp_path, resolver):
    shape = ALL_SHAPES["seventeen_tables"]()
    plan = plan_file(write(shape.book, tmp_path / "release.xlsx"), resolver, today=TODAY_)
    listed = [t.sheet for t in plan.tables]
    tables = [s.name for s in shape.book.sheets if s.name.startswith("Table_")]
    assert listed == tables  # Table_1 … Table_17, in order; cover, contents, notes not
    by_sheet = {t.sheet: t for t in plan.tables}
    refused = {name for name, why in shape.refused.items() if why != "hidden sheet"}
    assert refused <= {t.sheet for t in plan.tables if not t.importable}
    assert by_sheet["Table_1"].geography == "no police force areas" and by_sheet["Table_1"].title
