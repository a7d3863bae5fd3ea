"""The long layout, through the dry run: resolution, markers, and every problem located."""

from __future__ import annotations

from datetime import date

from commissioner_desk.domain.enums import ObservationStatus as S
from commissioner_desk.importing import NO_TABLE, plan_file

from .conftest import DEVON, HEADER, KENT, MET, TODAY, table, write_csv, write_xlsx

NRM = "NRM referrals"


def plan(tmp_path, resolver, rows, name="r.xlsx", **kw):
    return plan_file(write_xlsx(tmp_path / name, rows, **kw), resolver, today=TODAY)


def by_location(p):
    return {pr.location: pr.message for pr in p.problems}


def test_header_under_title_rows_and_names_as_written(tmp_path, resolver):
    p = plan(
        tmp_path,
        resolver,
        table(
            ("Metropolitan Police Service", "2024-Q3", NRM, "All", "1,234"),
            (
                "Devon & Cornwall Police [note 6]",
                "July to September 2024",
                "nrm_referrals",
                None,
                "[c]",
            ),
            ("Kent ", "Q3 2024", NRM, "", "nil"),
            ("Kent ", "Q2 2024", NRM, "Total", "-"),
            ("Kent", 2023, "staff_trained", None, 17.0),
            ("Kent", "2023/24", "Staff trained", None, 0),
        ),
    )
    assert p.ok, p.problems
    assert (p.layout, p.sheet) == ("long", "Returns")
    got = [
        (f.force_code, f.period_key, f.metric_key, f.breakdown, f.status, f.value, f.cell)
        for f in p.figures
    ]
    assert got == [
        (MET, "2024-Q3", "nrm_referrals", "", S.VALUE, 1234, "E6"),
        (DEVON, "2024-Q3", "nrm_referrals", "", S.SUPPRESSED, None, "E7"),
        (KENT, "2024-Q3", "nrm_referrals", "", S.NIL, None, "E8"),
        (KENT, "2024-Q2", "nrm_referrals", "", S.NOT_APPLICABLE, None, "E9"),
        (KENT, "2023", "staff_trained", "", S.VALUE, 17, "E10"),
        (KENT, "2023/24", "staff_trained", "", S.VALUE, 0, "E11"),
    ]
    assert p.figures[0].force_name == "Metropolitan Police Service"
    assert all(f.sheet == "Returns" for f in p.figures)


def test_unknown_force_is_collected_with_a_suggestion(tmp_path, resolver):
    p = plan(
        tmp_path,
        resolver,
        table(("Kentt", "2024-Q3", NRM, None, 5), ("Kentt", "2024-Q2", NRM, None, 4)),
    )
    assert not p.ok
    assert p.unresolved == ("Kentt",)  # once, however many rows
    problems = by_location(p)
    assert set(problems) == {"Returns!A6", "Returns!A7"}
    assert "Did you mean Kent Police?" in problems["Returns!A6"]
    assert p.figures == ()


def test_bad_values_are_errors_at_their_cells(tmp_path, resolver):
    p = plan(
        tmp_path,
        resolver,
        table(
            ("Kent", "2024-Q1", NRM, None, -3),
            ("Kent", "2024-Q2", NRM, None, "2.5"),
            ("Kent", "2024-Q3", NRM, None, None),
            ("Kent", "2024-Q4", NRM, None, 7),
        ),
    )
    problems = by_location(p)
    assert problems["Returns!E6"] == "-3 is negative: counts cannot be below zero."
    assert problems["Returns!E7"].startswith("2.5 is not a whole number")
    assert problems["Returns!E8"].startswith("No figure given")
    assert [f.period_key for f in p.figures] == ["2024-Q4"]


def test_duplicate_row_names_the_first(tmp_path, resolver):
    rows = table(
        ("Kent", "2024-Q3", NRM, None, 5),
        ("Kent Police", "July to September 2024", NRM, "All", 6),
    )
    p = plan(tmp_path, resolver, rows)
    assert [pr.location for pr in p.errors] == ["Returns!E7"]
    assert "given twice" in p.errors[0].message and "E6" in p.errors[0].message
    assert "Kent Police, 2024-Q3" in p.errors[0].message


def test_future_period(tmp_path, resolver):
    p = plan(
        tmp_path,
        resolver,
        table(
            ("Kent", "2025-Q1", NRM, None, 5),
            ("Kent", "2024/25", NRM, None, 5),
            ("Kent", "2024-Q4", NRM, None, 5),
        ),
    )
    problems = by_location(p)
    assert set(problems) == {"Returns!B6", "Returns!B7"}
    assert "January to March 2025 has not ended yet" in problems["Returns!B6"]
    assert "15 January 2025" in problems["Returns!B6"]
    assert [f.period_key for f in p.figures] == ["2024-Q4"]


def test_breakdown_labels(tmp_path, resolver):
    p = plan(
        tmp_path,
        resolver,
        table(
            ("Kent", "2024-Q3", NRM, "Child", 3),
            ("Kent", "2024-Q3", NRM, "Criminal", 2),
            ("Kent", "2024-Q3", NRM, "age=child;exploitation=criminal", 1),
            ("Kent", "2024-Q3", "Duty to Notify reports", "Child", 1),
        ),
    )
    assert [f.breakdown for f in p.figures] == [
        "age=child",
        "exploitation=criminal",
        "age=child;exploitation=criminal",
    ]
    assert list(by_location(p)) == ["Returns!D9"]
    assert "cannot be broken down by age" in by_location(p)["Returns!D9"]


def test_parts_more_than_total_is_a_warning_at_the_total(tmp_path, resolver):
    p = plan(
        tmp_path,
        resolver,
        table(
            ("Kent", "2024-Q3", NRM, None, 10),
            ("Kent", "2024-Q3", NRM, "Adult", 6),
            ("Kent", "2024-Q3", NRM, "Child", 5),
            ("Kent", "2024-Q3", NRM, "Age not known", "[c]"),  # left out of the sum
            ("Kent", "2024-Q3", NRM, "Criminal", 4),  # another dimension: 4 <= 10
            ("Kent", "2024-Q3", NRM, "Child, Criminal", 6),  # more than Child 5 and Criminal 4
        ),
    )
    assert p.ok  # warnings do not stop an import
    warnings = by_location(p)
    assert set(warnings) == {"Returns!E6", "Returns!E8", "Returns!E10"}
    assert (
        "by age" in warnings["Returns!E6"]
        and "add up to 11, more than the 10" in (warnings["Returns!E6"])
    )
    assert "by exploitation type" in warnings["Returns!E8"] and "(Child)" in warnings["Returns!E8"]
    assert "by age" in warnings["Returns!E10"] and "(Criminal)" in warnings["Returns!E10"]


def test_complete_parts_short_of_the_total_are_a_warning(tmp_path, resolver):
    p = plan(
        tmp_path,
        resolver,
        table(
            ("Kent", "2024-Q3", NRM, None, 10),
            ("Kent", "2024-Q3", NRM, "Adult", 6),
            ("Kent", "2024-Q3", NRM, "Child", 1),
            ("Kent", "2024-Q3", NRM, "Age not known", "nil"),  # every age given: 7, not 10
            ("Kent", "2024-Q3", NRM, "Criminal", 4),  # exploitation incomplete: less is normal
            ("Essex", "2024-Q3", NRM, None, 10),
            ("Essex", "2024-Q3", NRM, "Adult", 6),
            ("Essex", "2024-Q3", NRM, "Child", 1),
            ("Essex", "2024-Q3", NRM, "Age not known", "[c]"),  # suppressed: less is normal
        ),
    )
    assert p.ok
    warnings = by_location(p)
    assert set(warnings) == {"Returns!E6"}
    assert "add up to 7, less than the 10" in warnings["Returns!E6"]
    assert "not known" in warnings["Returns!E6"]


def test_every_error_in_one_pass(tmp_path, resolver):
    p = plan(
        tmp_path,
        resolver,
        table(
            ("Kentt", "2024-Q3", NRM, None, 5),
            ("Kent", "2024-Q5", NRM, None, 5),
            ("Kent", "2024-Q3", "Arrests", None, 5),
            ("Sussex", "2024-Q3", NRM, None, 5),
        ),
    )
    assert [pr.location for pr in p.errors] == ["Returns!A6", "Returns!B7", "Returns!C8"]
    assert len(p.figures) == 1


def test_one_row_with_several_errors_reports_each(tmp_path, resolver):
    p = plan(tmp_path, resolver, table(("Kentt", "someday", "Arrests", "Elderly", "lots")))
    assert [pr.cell for pr in p.errors] == ["A6", "B6", "C6", "D6", "E6"]


def test_total_rows_are_skipped_with_a_warning(tmp_path, resolver):
    rows = table(("Kent", "2024-Q3", NRM, None, 5), ("England and Wales", "2024-Q3", NRM, None, 50))
    p = plan(tmp_path, resolver, rows)
    assert p.ok and len(p.figures) == 1
    assert p.warnings[0].location == "Returns!A7" and "is a total" in p.warnings[0].message


def test_notes_under_the_table_are_not_figures(tmp_path, resolver):
    rows = [*table(("Kent", "2024-Q3", NRM, None, 5)), (), ("Source: Home Office",)]
    p = plan(tmp_path, resolver, rows)
    assert p.ok and len(p.figures) == 1


def test_synonym_headers_and_year_plus_quarter(tmp_path, resolver):
    rows = [
        ("Police force area", "Year", "Quarter", "Measure", "Count [note 2]"),
        ("Kent", 2024, "Q3", NRM, 5),
        ("Kent", 2024, "Q2", NRM, 4),
    ]
    p = plan(tmp_path, resolver, rows)
    assert p.ok, p.problems
    assert [f.period_key for f in p.figures] == ["2024-Q3", "2024-Q2"]
    assert [f.cell for f in p.figures] == ["E2", "E3"]


def test_csv(tmp_path, resolver):
    path = write_csv(tmp_path / "kent.csv", [HEADER, ("Kent", "2024-Q3", NRM, "", "1,234")])
    p = plan_file(path, resolver, today=TODAY)
    assert p.ok and p.sheet == "kent" and p.figures[0].value == 1234
    assert p.figures[0].location == "kent!E2"


def test_table_on_a_later_sheet(tmp_path, resolver):
    p = plan(
        tmp_path,
        resolver,
        [("Contents",)],
        extra={"Table 1": table(("Kent", "2024-Q3", NRM, None, 5))},
    )
    assert p.ok and p.sheet == "Table 1"


def test_no_table(tmp_path, resolver):
    p = plan(tmp_path, resolver, [("Name", "Number of victims"), ("Alice", 5)])
    assert not p.ok and p.layout == "none" and p.sheet is None
    assert p.errors[0].location == ""
    assert NO_TABLE in p.errors[0].message and "r.xlsx" in p.errors[0].message


def test_header_without_rows(tmp_path, resolver):
    p = plan(tmp_path, resolver, table())
    assert not p.ok and "has no figures" in p.errors[0].message


def test_unreadable_file_is_a_plan_not_an_exception(tmp_path, resolver):
    path = tmp_path / "junk.xlsx"
    path.write_bytes(b"not a spreadsheet at all")
    p = plan_file(path, resolver, today=date(2025, 1, 1))
    assert not p.ok and p.errors[0].sheet is None and "junk.xlsx" in p.errors[0].message
    assert p.size_bytes == 24 and len(p.sha256) == 64
    missing = plan_file(tmp_path / "gone.xlsx", resolver)
    assert not missing.ok and missing.sha256 == "" and "was not found" in str(missing.errors[0])
