"""The Returns page: grid with n of N per quarter, chase list, record a chase, export."""

from __future__ import annotations

from datetime import date

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from commissioner_desk.demo import load_demo
from commissioner_desk.domain.periods import latest_complete_quarter
from tests.ui.loading import changed, open_page


def test_returns_page_grid_chase_and_export(
    qtbot, qtmodeltester, window, tmp_path, monkeypatch, problems
):
    load_demo(window.db)
    changed(qtbot, window)
    page = open_page(qtbot, window, "returns")
    qtmodeltester.check(page.model)
    latest = latest_complete_quarter(date.today()).key
    assert page.grid.periods[-1] == latest and len(page.grid.periods) == 8
    done, expected = page.grid.returned_count(latest)
    header = page.model.headerData(7, Qt.Orientation.Horizontal)
    assert header == f"{latest}\n{done} of {expected}"
    assert page.counts.text() == f"{done} of {expected} forces have returned for {latest}."
    chase = page.chase_rows()
    assert len(chase) == expected - done > 0

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Emailed the PCC", True))
    page.record_chase()
    first = page.chase_rows()[0]
    assert first.chase_count == chase[0].chase_count + 1

    out = tmp_path / "chase.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.export_chase_list()
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]][:3] == ["Force", "Code", "Quarter"]
    assert ws.max_row == 1 + len(chase)
    assert problems == []


def test_span_choice_changes_the_quarters_shown(qtbot, window):
    page = open_page(qtbot, window, "returns")
    page.span.setCurrentIndex(0)
    assert len(page.grid.periods) == 4
    page.span.setCurrentIndex(3)
    assert len(page.grid.periods) == 20


def test_accept_and_nil_return_from_the_grid(qtbot, window, monkeypatch, problems):
    load_demo(window.db)
    changed(qtbot, window)
    page = open_page(qtbot, window, "returns")
    latest = len(page.grid.periods) - 1
    period = page.grid.periods[latest]
    rows = {f.code: n for n, f in enumerate(page.grid.forces)}
    received = next(c for c in rows if page.grid.cell(c, period).state == "received")
    missing = page.chase_rows()[0].code

    page.view.setCurrentIndex(page.model.index(rows[received], latest))
    assert page.accept_button.isEnabled() and not page.nil_button.isEnabled()
    page.accept_button.click()
    assert page.grid.cell(received, period).state == "accepted"
    assert page.selected()[0].code == received  # the selection survives the refresh

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Email from the force", True))
    page.view.setCurrentIndex(page.model.index(rows[missing], latest))
    assert page.nil_button.isEnabled() and not page.accept_button.isEnabled()
    page.nil_button.click()
    assert page.grid.cell(missing, period).state == "nil_return"
    assert missing not in [r.code for r in page.chase_rows()]
    assert problems == []
