"""Hierarchical tables: categories beneath each force, the force's name only on the first row
of its group, and that row the group's total — filled down, never counted twice."""

from __future__ import annotations

import pytest

from commissioner_desk.importing.model import ImportOptions
from commissioner_desk.importing.plan import plan_file

from .conftest import KENT, TODAY, write_xlsx

ESSEX = "E23000028"
TITLE = ("Table 14: NRM referrals by police force and exploitation type, 2023",)
HEADER = ("Police force", "Exploitation type", "Adult", "Child", "Total")


def two_columns(*, kent_child_labour: int = 2) -> list[tuple]:
    return [
        TITLE,
        (),
        HEADER,
        ("Kent Police", "Total", 10, 6, 16),
        (None, "Labour", 4, kent_child_labour, 4 + kent_child_labour),
        (None, "Sexual", 6, 4, 10),
        ("Essex Police", None, 3, 1, 4),  # a blank category on the first row: the total
        (None, "Criminal exploitation", 3, 1, 4),
        (),
        ("England and Wales", "Total", 13, 7, 20),
        (None, "Labour", 4, 2, 6),
    ]


@pytest.fixture
def hier(tmp_path, resolver):
    return plan_file(write_xlsx(tmp_path / "h.xlsx", two_columns()), resolver, today=TODAY)


def test_force_is_filled_down_and_the_first_row_is_its_total(hier):
    assert hier.layout == "wide" and hier.ok, hier.problems
    kent = {f.breakdown: (f.value, f.cell) for f in hier.figures if f.force_code == KENT}
    assert kent == {
        "": (16, "E4"),
        "age=adult": (10, "C4"),
        "age=child": (6, "D4"),
        "exploitation=labour": (6, "E5"),
        "age=adult;exploitation=labour": (4, "C5"),
        "age=child;exploitation=labour": (2, "D5"),
        "exploitation=sexual": (10, "E6"),
        "age=adult;exploitation=sexual": (6, "C6"),
        "age=child;exploitation=sexual": (4, "D6"),
    }
    essex = {f.breakdown for f in hier.figures if f.force_code == ESSEX}
    assert "" in essex and "age=child;exploitation=criminal" in essex


def test_never_double_counted(hier):
    # One total per force, and the total rows (England and Wales, and its Labour row) add up
    # against the forces' totals and Labour rows only: no warnings, so nothing was summed twice.
    totals = [f for f in hier.figures if f.breakdown == ""]
    assert sorted(f.value for f in totals) == [4, 16]
    assert not hier.warnings
    assert "England and Wales" not in {f.force_name for f in hier.figures}


def test_categories_that_exceed_their_total_are_warned(tmp_path, resolver):
    rows = two_columns(kent_child_labour=5)
    plan = plan_file(write_xlsx(tmp_path / "h.xlsx", rows), resolver, today=TODAY)
    cells = {w.cell for w in plan.warnings}
    # Kent's Child column (D4) no longer holds its parts; nor does E&W's Labour row.
    assert "D4" in cells and "D11" in cells
    (d4,) = [w for w in plan.warnings if w.cell == "D4"]
    assert "add up to 9, not the 6" in d4.message


def test_categories_in_the_force_column(tmp_path, resolver):
    rows = [
        ("Police force / exploitation type", "2023/24"),
        ("Kent Police", 15),
        ("Labour", 6),
        ("Sexual", 9),
        ("Essex Police", None),  # a heading only: its categories follow
        ("  Criminal", 4),
        ("Domestic servitude", "[c]"),
    ]
    options = ImportOptions(metric="nrm_referrals")
    plan = plan_file(write_xlsx(tmp_path / "s.xlsx", rows), resolver, today=TODAY, options=options)
    assert plan.layout == "wide" and plan.ok and not plan.warnings, plan.problems
    got = {(f.force_code, f.breakdown): f.value for f in plan.figures}
    assert got == {
        (KENT, ""): 15,
        (KENT, "exploitation=labour"): 6,
        (KENT, "exploitation=sexual"): 9,
        (ESSEX, "exploitation=criminal"): 4,
        (ESSEX, "exploitation=domestic_servitude"): None,
    }


def test_a_category_with_no_force_above_it_is_an_error(tmp_path, resolver):
    rows = [HEADER, ("Kent Police", "Total", 1, 1, 2), (), (None, "Labour", 1, 1, 2)]
    options = ImportOptions(metric="nrm_referrals", period="2024-Q1")
    plan = plan_file(write_xlsx(tmp_path / "e.xlsx", rows), resolver, today=TODAY, options=options)
    (err,) = plan.errors
    assert err.cell == "A4" and "No police force" in err.message


def test_unknown_category_is_an_error_at_its_cell(tmp_path, resolver):
    rows = two_columns()
    rows[5] = (None, "Sexual and other", 6, 4, 10)
    plan = plan_file(write_xlsx(tmp_path / "h.xlsx", rows), resolver, today=TODAY)
    (err,) = plan.errors
    assert err.location == "Returns!B6" and "Sexual and other" in err.message


def test_category_the_metric_cannot_take_is_an_error(tmp_path, resolver):
    rows = [("Force", "Category", "2023"), ("Kent", "Total", 3), (None, "Child", 1)]
    options = ImportOptions(metric="dtn_reports")  # Duty to Notify: adults, by exploitation
    plan = plan_file(write_xlsx(tmp_path / "h.xlsx", rows), resolver, today=TODAY, options=options)
    (err,) = plan.errors
    assert err.cell == "B3" and "cannot be broken down by" in err.message
