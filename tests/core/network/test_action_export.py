"""The action log as .xlsx: marked, real dates, and no text that runs as a formula."""

from __future__ import annotations

import re
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from commissioner_desk.domain.enums import ActionStatus, Priority, Rag
from commissioner_desk.network.action_export import export_action_log
from commissioner_desk.network.actions import ActionRow

TODAY = date(2026, 11, 28)


def row(**changes) -> ActionRow:
    values = dict(
        id=1,
        version=1,
        reference="NET-2026-014",
        title="Share the pathway",
        description="",
        owner_person_id=1,
        owner_name="Rachel Whitcombe",
        owner_organisation_id=1,
        organisation_name="Kent Police",
        meeting_id=1,
        meeting_title="Network meeting, March 2026",
        meeting_date=date(2026, 3, 12),
        agenda_item_id=4,
        minute_reference="Meeting of 12/03/2026, item 4",
        force_code="E23000032",
        force_name="Kent Police",
        metric_key=None,
        metric_label="",
        due_date=date(2026, 11, 3),
        status=ActionStatus.OPEN,
        priority=Priority.HIGH,
        rag=Rag.RED,
        rag_reason="Overdue: due 3 November 2026, 25 days ago",
        overridden=False,
        rag_override=None,
        rag_override_note="",
        last_update=date(2026, 10, 1),
        updates=2,
        created_on=date(2026, 3, 12),
        is_demo=False,
    )
    return ActionRow(**{**values, **changes})


def test_export_is_marked_dated_filterable_and_formula_proof(tmp_path):
    rows = [
        row(),
        row(
            id=2,
            reference="NET-2026-015",
            title='=HYPERLINK("http://evil.example","click")',
            owner_name="@owner",
            organisation_name="+44 org",
            rag_reason="-1 days",
            due_date=None,
            last_update=None,
            status=ActionStatus.DONE,
            rag=None,
        ),
    ]
    path = export_action_log(rows, tmp_path / "log.xlsx", "official-sensitive", today=TODAY)
    ws = load_workbook(path).active
    assert ws["A1"].value == "OFFICIAL-SENSITIVE"
    assert ws["A2"].value == "Action log: 2 actions, 28 Nov 2026"
    assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert ws.oddFooter.center.text == "OFFICIAL-SENSITIVE"
    assert [c.value for c in ws[3]] == [
        "Reference", "Title", "Owner", "Organisation", "Due", "Status", "RAG", "Reason",
        "Last update", "Force",
    ]  # fmt: skip
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:J5"
    first = [c.value for c in ws[4]]
    assert first[:4] == ["NET-2026-014", "Share the pathway", "Rachel Whitcombe", "Kent Police"]
    assert first[4].date() == date(2026, 11, 3) and ws["E4"].number_format == "dd/mm/yyyy"
    assert first[5:8] == ["Open", "Red", "Overdue: due 3 November 2026, 25 days ago"]
    assert first[8].date() == date(2026, 10, 1) and ws["I4"].number_format == "dd/mm/yyyy"
    # Text that looks like a formula comes back as text.
    title = ws["B5"]
    assert title.data_type == "s" and title.value == "'" + rows[1].title
    assert (ws["C5"].value, ws["D5"].value, ws["H5"].value) == ("'@owner", "'+44 org", "'-1 days")
    assert ws["G5"].value == "Done" and ws["E5"].value is None
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no cell holds a formula
    assert re.search(r'<c r="B5"[^>]* t="(inlineStr|s|str)"', sheet)  # stored as a string
    assert ws.column_dimensions["B"].width >= 40  # room for a title


def test_custom_marking_and_demo_note(tmp_path):
    path = export_action_log(
        [row(is_demo=True)], tmp_path / "log.xlsx", "  official  sensitive & personal "
    )
    ws = load_workbook(path).active
    assert ws["A1"].value == "OFFICIAL SENSITIVE & PERSONAL"
    assert ws.oddHeader.center.text == "OFFICIAL SENSITIVE && PERSONAL"  # & is a code in Excel
    assert "includes DEMO actions" in ws["A2"].value


def test_empty_log_still_has_its_marking_and_headings(tmp_path):
    ws = load_workbook(export_action_log([], tmp_path / "e.xlsx", "OFFICIAL", today=TODAY)).active
    assert ws["A1"].value == "OFFICIAL" and ws["A3"].value == "Reference"
    assert ws["A2"].value == "Action log: 0 actions, 28 Nov 2026"


@pytest.mark.parametrize(("name", "marking", "words"), [
    ("log.xlsx", "  ", "protective marking"),
    ("log.csv", "OFFICIAL", "xlsx"),
])  # fmt: skip
def test_refused_plainly(tmp_path, name, marking, words):
    with pytest.raises(ValueError, match=words):
        export_action_log([row()], tmp_path / name, marking)
    assert not (tmp_path / name).exists()
