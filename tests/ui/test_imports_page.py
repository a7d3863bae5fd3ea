"""The Imports page: every batch listed; Undo asks, then puts back what was there."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from commissioner_desk.queries.figures import list_figures
from tests.ui.loading import open_page
from ui.import_dialog import ImportPreviewDialog


def _csv(path: Path, value: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [["Force", "Period", "Metric", "Value"], ["Kent", "2024-Q1", "nrm_referrals", value]]
        )
    return path


def _wait(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window._operations and not window.loader.busy(), timeout=60_000)


def _kent(window) -> list[int | None]:
    return [r.value for r in list_figures(window.db, "nrm_referrals", "2024-Q1")]


def test_undo_a_correction_from_the_imports_page(qtbot, window, tmp_path, monkeypatch, problems):
    monkeypatch.setattr(ImportPreviewDialog, "ask", lambda parent, plans, diffs=None: True)
    window.import_files([_csv(tmp_path / "kent.csv", 10)])
    _wait(qtbot, window)
    window.import_files([_csv(tmp_path / "kent-corrected.csv", 12)])
    _wait(qtbot, window)
    assert _kent(window) == [12]

    page = open_page(qtbot, window, "imports")
    assert [r.file_names for r in page.model.rows][:2] == [("kent-corrected.csv",), ("kent.csv",)]
    page.view.selectRow(0)
    assert page.selected().file_names == ("kent-corrected.csv",)
    assert page.undo_button.isEnabled()

    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes
    )
    page.undo_button.click()
    _wait(qtbot, window)
    assert asked and problems == []
    assert _kent(window) == [10]  # the earlier figure is current again
    assert "Undid import" in window.statusBar().currentMessage()
    undone = next(r for r in page.model.rows if r.file_names == ("kent-corrected.csv",))
    assert undone.undone

    # An undone import offers no second Undo.
    page.view.selectRow(next(n for n, r in enumerate(page.model.rows) if r.undone))
    assert not page.undo_button.isEnabled()


def test_empty_history_says_so(qtbot, window):
    page = open_page(qtbot, window, "imports")
    assert page.model.rowCount() == 0 and page.empty.isVisible()
