"""Columns of a wide table: periods as columns, columns the app cannot map, repeated headings,
two published categories that are one in the app, and headings several rows deep."""

from __future__ import annotations

from commissioner_desk.importing.model import ImportOptions
from commissioner_desk.importing.plan import plan_file

from .conftest import KENT, TODAY, write_xlsx

ESSEX, SURREY = "E23000028", "E23000031"
CRIMES = ("Modern slavery crimes recorded by police force area, England and Wales",)


def _plan(tmp_path, resolver, rows, **kw):
    return plan_file(write_xlsx(tmp_path / "w.xlsx", rows), resolver, today=TODAY, **kw)


def test_periods_as_columns(tmp_path, resolver):
    rows = [
        CRIMES,
        (),
        ("Police force area", "2021/22", "2022/23", "2023/24", "Total", "% change"),
        ("Kent", 100, 120, 130, 350, 0.08),
        ("Essex", 50, "[c]", 70, 120, 0.1),
        ("Surrey", 5, 6, 7, 18, "[z]"),
    ]
    plan = _plan(tmp_path, resolver, rows)
    assert plan.layout == "wide" and plan.ok
    got = {(f.force_code, f.period_key): f.value for f in plan.figures}
    assert got[(KENT, "2021/22")] == 100 and got[(KENT, "2023/24")] == 130
    assert got[(ESSEX, "2022/23")] is None
    assert {f.metric_key for f in plan.figures} == {"ms_crimes_recorded"}
    assert {f.breakdown for f in plan.figures} == {""}
    assert len(plan.figures) == 9  # neither Total (several years) nor % change is imported
    by_cell = {w.cell: w.message for w in plan.warnings}
    assert "does not say which period" in by_cell["E3"]
    assert "F3" not in by_cell  # "% change" is known for what it is: left out, no warning
    skipped = {n.cell: n.why for n in plan.table.skipped_columns}
    assert "change" in skipped["F3"] and "period" in skipped["E3"]


def test_quarters_and_years_as_numbers_in_the_header(tmp_path, resolver):
    rows = [("Force", "Q1 2024", "Apr-Jun 2024", 2023), ("Kent", 1, 2, 9), ("Essex", 3, 4, 9)]
    plan = _plan(tmp_path, resolver, rows, options=ImportOptions(metric="dtn_reports"))
    assert plan.ok, plan.problems
    assert {f.period_key for f in plan.figures} == {"2024-Q1", "2024-Q2", "2023"}


def test_three_heading_rows_measure_period_category(tmp_path, resolver):
    rows = [
        ("Force", "NRM referrals", None, "Duty to Notify reports"),
        (None, "2023", None, "2023"),
        (None, "Adult", "Child", "Total"),
        ("Kent", 5, 2, 3),
        ("Essex", 1, 0, 1),
        ("Surrey", 0, 0, 0),
    ]
    plan = _plan(tmp_path, resolver, rows)  # no merges: the group headings spread right
    assert plan.ok, plan.problems
    kent = {(f.metric_key, f.breakdown): f.value for f in plan.figures if f.force_code == KENT}
    assert kent == {
        ("nrm_referrals", "age=adult"): 5,
        ("nrm_referrals", "age=child"): 2,
        ("dtn_reports", ""): 3,
    }


def test_repeated_heading_is_checked_not_counted(tmp_path, resolver):
    rows = [
        ("NRM referrals by force, 2023",),
        ("Force", "Adult", "Child", "Total", "Total"),
        ("Kent", 1, 2, 3, 3),
        ("Essex", 1, 1, 2, 5),
    ]
    plan = _plan(tmp_path, resolver, rows)
    totals = [f for f in plan.figures if f.breakdown == ""]
    assert [(f.value, f.cell) for f in totals] == [(3, "D3"), (2, "D4")]
    (repeat,) = [w for w in plan.warnings if w.cell == "E2"]
    assert "repeats" in repeat.message
    (err,) = plan.errors
    assert err.cell == "E4" and "differs from D4" in err.message


def test_two_published_categories_that_are_one_in_the_app_are_added(tmp_path, resolver):
    rows = [
        ("NRM referrals by force, 2023",),
        ("Force", "Labour", "Labour & Criminal", "Sexual & Labour", "Total"),
        ("Kent", 1, 2, 3, 6),
        ("Essex", 1, "[x]", 0, 1),
        ("Surrey", 0, "nil", "nil", 0),
    ]
    plan = _plan(tmp_path, resolver, rows)
    multiple = {f.force_code: f for f in plan.figures if f.breakdown == "exploitation=multiple"}
    assert multiple[KENT].value == 5 and multiple[KENT].cell == "C3"
    assert multiple[ESSEX].value is None and multiple[ESSEX].status.value == "suppressed"
    assert multiple[SURREY].status.value == "nil"
    (added,) = [w for w in plan.warnings if w.cell == "D2" and "added together" in w.message]
    assert "Sexual & Labour" in added.message and "Labour & Criminal" in added.message


def test_bad_cells_are_errors_at_their_cells(tmp_path, resolver):
    rows = [
        ("NRM referrals by force, 2023",),
        ("Force", "Adult", "Child", "Total"),
        ("Kent", -1, 2.5, "twelve"),
        ("Essex", "12 [note 3]", 0, "1O"),  # a letter O typed for a zero
        ("Surrey", 1, 1, 2),
    ]
    plan = _plan(tmp_path, resolver, rows)
    assert {e.cell for e in plan.errors} == {"B3", "C3", "D3", "D4"}
    essex_adult = next(f for f in plan.figures if f.cell == "B4")
    assert essex_adult.value == 12  # a note after the number is not part of it


def test_future_period_is_an_error(tmp_path, resolver):
    rows = [("NRM referrals by force",), ("Force", "2024-Q4", "2025-Q1"), ("Kent", 1, 2)]
    plan = _plan(tmp_path, resolver, rows)
    (err,) = plan.errors
    assert err.cell == "C2" and "has not ended yet" in err.message
    assert [f.period_key for f in plan.figures] == ["2024-Q4"]


def test_a_force_given_twice_is_an_error(tmp_path, resolver):
    rows = [("NRM referrals by force, 2023",), ("Force", "Total"), ("Kent", 1), ("Kent Police", 2)]
    plan = _plan(tmp_path, resolver, rows)
    (err,) = plan.errors
    assert err.cell == "B4" and "given twice" in err.message and "B3" in err.message


def test_ambiguous_not_specified_is_read_from_its_neighbours(tmp_path, resolver):
    rows = [
        ("NRM referrals by force, 2023",),
        ("Force", "Labour", "Sexual", "Not specified", "Total"),
        ("Kent", 1, 2, 3, 6),
    ]
    plan = _plan(tmp_path, resolver, rows)
    assert plan.ok
    assert "exploitation=unknown" in {f.breakdown for f in plan.figures}


def test_a_column_of_periods_gives_each_row_its_period(tmp_path, resolver):
    rows = [
        ("NRM referrals by police force and quarter",),
        ("Police force", "Quarter", "Adult", "Child", "Total"),
        ("Kent", "Jan-Mar 2024", 1, 2, 3),
        (None, "Apr-Jun 2024", 2, 2, 4),
        ("Essex", "2024-Q1", 1, 0, 1),
        (None, "2024-Q2", 0, 1, 1),
        ("England and Wales", "2024-Q1", 2, 2, 4),
        (None, "2024-Q2", 2, 3, 4),  # the forces' Q2 total is 5: more than all of them
        ("Surrey", "2025-Q1", 1, 1, 2),
    ]
    plan = _plan(tmp_path, resolver, rows)
    got = {(f.force_code, f.period_key, f.breakdown): f.value for f in plan.figures}
    assert got[(KENT, "2024-Q1", "")] == 3 and got[(KENT, "2024-Q2", "")] == 4
    assert got[(ESSEX, "2024-Q2", "age=child")] == 1
    assert plan.details["period_source"] == "column"
    # Each quarter's England and Wales row is checked against that quarter's forces only.
    sums = [w for w in plan.warnings if "add up to" in w.message]
    assert [(w.cell, "add up to 5, not the 4" in w.message) for w in sums] == [("E8", True)]
    (future,) = plan.errors
    assert future.cell == "B9" and "has not ended yet" in future.message


def test_years_as_numbers_under_a_year_heading(tmp_path, resolver):
    rows = [("Force", "Year", "Total"), ("Kent", 2022, 5), (None, 2023, 6), ("Essex", 2023, 1)]
    plan = _plan(tmp_path, resolver, rows, options=ImportOptions(metric="ms_convictions"))
    assert plan.ok, plan.problems
    got = {(f.force_code, f.period_key): f.value for f in plan.figures}
    assert got == {(KENT, "2022"): 5, (KENT, "2023"): 6, (ESSEX, "2023"): 1}


def test_the_same_period_twice_is_an_error_never_added_up(tmp_path, resolver):
    from datetime import date

    rows = [
        ("Police officers by force",),
        ("Force", date(2024, 1, 31), date(2024, 3, 31)),  # two snapshots in one quarter
        ("Kent", 100, 101),
    ]
    plan = _plan(tmp_path, resolver, rows, options=ImportOptions(metric="staff_trained"))
    assert not plan.ok and "cannot keep two figures for one period" in plan.errors[0].message
    assert "2024-Q1" in plan.errors[0].message and plan.errors[0].cell == "C2"
    both = [("NRM referrals by force",), ("Force", "2023/24", "April 2023 to March 2024")]
    plan = _plan(tmp_path, resolver, [*both, ("Kent", 5, 5)])
    assert not plan.ok and not [f for f in plan.figures if f.value == 10]


def test_a_period_chosen_for_a_column_of_periods_reads_its_rows_only(tmp_path, resolver):
    rows = [
        ("NRM referrals by police force and quarter",),
        ("Police force", "Quarter", "Total"),
        ("Kent", "2024-Q1", 3),
        (None, "2024-Q2", 4),
        ("Essex", "2024-Q1", 1),
        (None, "2024-Q2", 2),
    ]
    plan = _plan(tmp_path, resolver, rows, options=ImportOptions(period="2024-Q2"))
    assert plan.ok and {(f.force_code, f.period_key, f.value) for f in plan.figures} == {
        (KENT, "2024-Q2", 4),
        (ESSEX, "2024-Q2", 2),
    }
    assert any("Only the rows for 2024-Q2" in w.message for w in plan.warnings)
    none = _plan(tmp_path, resolver, rows, options=ImportOptions(period="2023-Q4"))
    assert not none.ok and "2024-Q1, 2024-Q2" in none.errors[0].message
