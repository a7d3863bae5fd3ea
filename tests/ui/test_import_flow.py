"""Import from the app: the empty state's button, drag and drop, the preview, the result."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from commissioner_desk.queries.figures import list_figures
from ui.import_dialog import ImportPreviewDialog


def _return(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Force", "Period", "Metric", "Breakdown", "Value"])
        writer.writerows(rows)
    return path


def _wait_idle(qtbot, win) -> None:
    qtbot.waitUntil(lambda: not win._operations and not win.loader.busy(), timeout=60_000)


GOOD = [
    ["Kent Police", "2024-Q1", "NRM referrals", "", 120],
    ["Kent Police", "2024-Q1", "NRM referrals", "Child", 50],
    ["Metropolitan Police Service", "2024-Q1", "nrm_referrals", "", 900],
]


def test_import_button_previews_then_stores(qtbot, window, tmp_path, monkeypatch, problems):
    good = _return(tmp_path / "kent.csv", GOOD)
    bad = _return(tmp_path / "bad.csv", [["Kentt", "2024-Q1", "nrm_referrals", "", -3]])
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(good), str(bad)], "")
    )
    seen = []

    def ask(parent, plans, diffs=None):
        dialog = ImportPreviewDialog(plans, diffs, parent)
        seen.append(dialog)
        return True

    monkeypatch.setattr(ImportPreviewDialog, "ask", ask)
    window.page("home").import_button.click()
    _wait_idle(qtbot, window)
    assert problems == []
    dialog = seen[0]
    assert dialog.ready_count == 1
    assert dialog.import_button is not None and dialog.import_button.text() == "Import 1 file"
    wheres = [dialog.problems.rows[i].where for i in range(dialog.problems.rowCount())]
    assert wheres == ["bad!A2", "bad!E2"]  # every problem, located to its cell
    assert "Imported 1 file(s): 3 figures stored." in window.statusBar().currentMessage()
    rows = list_figures(window.db, "nrm_referrals", "2024-Q1")
    assert {(r.force_code, r.value, r.cell) for r in rows} == {
        ("E23000032", 120, "E2"),
        ("E23000001", 900, "E4"),
    }
    assert all(r.file_name == "kent.csv" and not r.is_demo for r in rows)
    # The first page now shows the figures instead of the welcome.
    assert window.page("home")._summary is not None and window.page("home")._summary.isVisible()


def test_cancelled_preview_stores_nothing(qtbot, window, tmp_path, monkeypatch):
    good = _return(tmp_path / "kent.csv", GOOD)
    monkeypatch.setattr(ImportPreviewDialog, "ask", lambda parent, plans, diffs=None: False)
    window.import_files([good])
    _wait_idle(qtbot, window)
    assert list_figures(window.db, "nrm_referrals", "2024-Q1") == []


def test_dropping_a_spreadsheet_imports_it(qtbot, window, tmp_path, monkeypatch, problems):
    good = _return(tmp_path / "kent.csv", GOOD)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a return")
    monkeypatch.setattr(ImportPreviewDialog, "ask", lambda parent, plans, diffs=None: True)

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(notes))])
    enter = QDragEnterEvent(
        QPointF(10, 10).toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()  # a text file is not offered for import

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    _wait_idle(qtbot, window)
    assert problems == []
    assert len(list_figures(window.db, "nrm_referrals", "2024-Q1")) == 2


def test_preview_of_unreadable_file_offers_only_close(qapp, tmp_path):
    from commissioner_desk.importing.many import plan_files

    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"\x00\x01 definitely not a workbook")
    dialog = ImportPreviewDialog(plan_files([junk]))
    assert dialog.ready_count == 0 and dialog.import_button is None
    assert dialog.problems.rowCount() == 1
    assert "junk.xlsx" in dialog.problems.rows[0].message
    assert dialog.problems.rows[0].where == "whole file"


def test_preview_shows_what_a_corrected_file_would_change(
    qtbot, window, tmp_path, monkeypatch, problems
):
    monkeypatch.setattr(ImportPreviewDialog, "ask", lambda parent, plans, diffs=None: True)
    window.import_files([_return(tmp_path / "kent.csv", GOOD)])
    _wait_idle(qtbot, window)
    corrected = [list(r) for r in GOOD]
    corrected[0][4] = 125  # Kent's total corrected from 120
    seen = []

    def ask(parent, plans, diffs=None):
        seen.append(ImportPreviewDialog(plans, diffs, parent))
        return False

    monkeypatch.setattr(ImportPreviewDialog, "ask", ask)
    window.import_files([_return(tmp_path / "kent-v2.csv", corrected)])
    _wait_idle(qtbot, window)
    dialog = seen[0]
    assert dialog.files.rows[0].result.endswith("0 new, 1 changed")
    assert dialog.files.rows[0].layout == "Long table, sheet kent-v2"
    [change] = dialog.changes.rows
    assert (change.force, change.period, change.breakdown) == ("Kent Police", "2024-Q1", "All")
    assert change.was == "120 (kent.csv kent!E2)" and change.now == "125 (kent-v2!E2)"
    assert dialog.tabs.currentIndex() == 1  # no problems: the changes tab is shown first
    assert problems == []


def test_marked_up_copy_of_a_file_with_problems(qapp, tmp_path, monkeypatch):
    import openpyxl

    from commissioner_desk.importing.many import plan_files

    bad = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Return"
    wb.active.append(["Force", "Period", "Metric", "Value"])
    wb.active.append(["Kentt", "2024-Q1", "nrm_referrals", -3])
    wb.save(bad)
    dialog = ImportPreviewDialog(plan_files([bad]))
    assert dialog.annotate_button.isEnabled()
    out = tmp_path / "bad marked.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    [written] = dialog.save_annotated()
    marked = openpyxl.load_workbook(written)
    assert marked.sheetnames[0] == "Problems"
    assert marked["Return"]["D2"].comment is not None


def test_preview_says_how_a_published_table_was_read(qapp, tmp_path):
    import openpyxl

    from commissioner_desk.importing.many import plan_files

    path = tmp_path / "table13.xlsx"
    wb = openpyxl.Workbook()
    for row in [
        ("Table 13: NRM referrals by police force, October to December 2023",),
        (),
        ("Police force", "Adult (18 or over)", "Child (17 or under)", "Total"),
        ("Metropolitan Police [note 6]", 4, 5, 9),
        ("Kentt", 1, 2, 3),
    ]:
        wb.active.append(row)
    wb.save(path)
    dialog = ImportPreviewDialog(plan_files([path]))
    text = dialog.reading.toPlainText()
    assert "published table" in text
    assert "Counts: NRM referrals from the title" in text
    assert "Period: 2023-Q4 from the title" in text
    assert "Adult (18 or over) → Adult" in text
    assert "Metropolitan Police Service" in text  # the name as written, resolved
    assert "Names not recognised (1): Kentt" in text
