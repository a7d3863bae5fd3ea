"""The returns register: the grid, n of N, the chase list, recording a chase; exports."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl

from commissioner_desk.demo import load_demo
from commissioner_desk.exports import neutralise, write_table
from commissioner_desk.queries.register import returns_grid
from commissioner_desk.register import record_chase

TODAY = date(2016, 6, 1)


def test_empty_database_shows_every_expected_force_missing(db):
    grid = returns_grid(db, quarters=4, today=TODAY)
    assert grid.periods == ("2015-Q2", "2015-Q3", "2015-Q4", "2016-Q1")
    assert len([f for f in grid.forces if f.expected]) == 43
    assert grid.returned_count("2016-Q1") == (0, 43)
    assert len(grid.chase_list("2016-Q1")) == 43
    assert grid.cell("E23000032", "2016-Q1").state == "missing"


def test_demo_register_counts_and_chase_list(db):
    load_demo(db, today=TODAY)
    grid = returns_grid(db, quarters=8, today=TODAY)
    done, expected = grid.returned_count("2016-Q1")
    chase = grid.chase_list("2016-Q1")
    assert expected == 43 and done == 43 - len(chase) and chase
    assert all(not cell.returned for _force, cell in chase)
    # Bodies outside the 43 appear once they return, flagged as not expected.
    btp = next(f for f in grid.forces if f.code == "BTP")
    assert not btp.expected and grid.cell("BTP", "2016-Q1").returned


def test_recording_a_chase_counts_up_and_keeps_the_force_missing(db):
    record_chase(db, "E23000032", "2016-Q1", "Phoned the force analyst")
    record_chase(db, "E23000032", "2016-Q1")
    cell = returns_grid(db, quarters=1, today=TODAY).cell("E23000032", "2016-Q1")
    assert (cell.state, cell.chase_count, cell.returned) == ("missing", 2, False)
    assert "Phoned the force analyst" in cell.notes and cell.chased_at is not None


def test_exports_neutralise_formulas_in_csv_and_xlsx(tmp_path):
    rows = [['=HYPERLINK("http://x")', "Kent", 3], ["+44 1234", "@SUM(A1)", "-1"]]
    assert neutralise("=1+1") == "'=1+1" and neutralise(5) == 5 and neutralise("Kent") == "Kent"
    out = write_table(tmp_path / "chase.csv", ["A", "B", "C"], rows)
    with out.open(encoding="utf-8-sig") as f:
        read = list(csv.reader(f))
    assert read[1][0] == '\'=HYPERLINK("http://x")' and read[2][1] == "'@SUM(A1)"
    xlsx = write_table(tmp_path / "chase.xlsx", ["A", "B", "C"], rows, title="Chase list")
    ws = openpyxl.load_workbook(xlsx).active
    assert ws.title == "Chase list"
    assert ws["A2"].data_type == "s" and ws["A2"].value.startswith("'=")
    assert ws["C2"].value == 3  # numbers stay numbers


def test_staff_accept_send_back_and_record_nil_returns(db):
    import pytest

    from commissioner_desk.domain.enums import ReturnState
    from commissioner_desk.register import RegisterError, set_state

    load_demo(db, today=TODAY)
    grid = returns_grid(db, quarters=1, today=TODAY)
    received = next(f.code for f in grid.forces if grid.cell(f.code, "2016-Q1").state == "received")
    missing = grid.chase_list("2016-Q1")[0][0].code

    set_state(db, received, "2016-Q1", ReturnState.ACCEPTED, "Checked by the analyst")
    set_state(db, received, "2016-Q1", ReturnState.RETURNED_FOR_CORRECTION, "Totals do not add up")
    cell = returns_grid(db, quarters=1, today=TODAY).cell(received, "2016-Q1")
    assert cell.state == "returned_for_correction" and not cell.returned
    assert "Totals do not add up" in cell.notes and "Checked by the analyst" in cell.notes

    with pytest.raises(RegisterError, match="cannot be marked accepted"):
        set_state(db, missing, "2016-Q1", ReturnState.ACCEPTED)
    with pytest.raises(RegisterError, match="by hand"):
        set_state(db, missing, "2016-Q1", ReturnState.RECEIVED)
    set_state(db, missing, "2016-Q1", ReturnState.NIL_RETURN, "Force confirmed none")
    after = returns_grid(db, quarters=1, today=TODAY)
    assert after.cell(missing, "2016-Q1").returned  # a nil return counts as returned
    assert after.returned_count("2016-Q1")[0] == grid.returned_count("2016-Q1")[0]  # -1 +1


def test_return_history_shows_superseded_returns_with_dates(db, tmp_path):
    from commissioner_desk.importing import commit_plan, plan_file
    from commissioner_desk.importing.many import default_resolver
    from commissioner_desk.queries.register import return_history

    def kent(name: str, value: int):
        path = tmp_path / name
        path.write_text(f"Force,Period,Metric,Value\nKent,2016-Q1,nrm_referrals,{value}\n")
        return commit_plan(db, plan_file(path, default_resolver(), today=TODAY))

    assert return_history(db, "E23000032", "2016-Q1") == []
    first, second = kent("kent.csv", 10), kent("kent-corrected.csv", 12)
    events = return_history(db, "E23000032", "2016-Q1")
    assert [(e.batch_id, e.file_name, e.status) for e in events] == [
        (first.batch_id, "kent.csv", "superseded"),
        (second.batch_id, "kent-corrected.csv", "current"),
    ]
    assert events[0].imported_at <= events[1].imported_at


def test_an_arrived_but_unimportable_return_can_be_marked_invalid(db):
    import pytest

    from commissioner_desk.domain.enums import ReturnState
    from commissioner_desk.register import RegisterError, set_state

    set_state(db, "E23000032", "2016-Q1", ReturnState.INVALID, "Password-protected workbook")
    cell = returns_grid(db, quarters=1, today=TODAY).cell("E23000032", "2016-Q1")
    assert cell.state == "invalid" and not cell.returned and cell.received_at is not None
    set_state(db, "E23000032", "2016-Q1", ReturnState.NIL_RETURN)  # the force then said nil
    with pytest.raises(RegisterError):
        set_state(db, "E23000032", "2016-Q1", ReturnState.INVALID)
