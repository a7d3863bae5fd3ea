"""The mapping step: a table that does not say what it counts or for when is asked about,
and the answer about what it counts is remembered for the next file of the same shape."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from commissioner_desk.importing import ImportOptions
from commissioner_desk.queries.figures import list_figures
from ui.import_dialog import ImportPreviewDialog
from ui.mapping_dialog import MappingDialog, needs


def _table(path: Path, kent: int) -> Path:
    wb = openpyxl.Workbook()
    for row in [("Force", "Adult", "Child", "Total"), ("Kent", 1, 2, kent), ("Essex", 3, 4, 7)]:
        wb.active.append(row)
    wb.save(path)
    return path


def _wait(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window._operations, timeout=60_000)


def test_ask_then_remember_what_the_table_counts(qtbot, window, tmp_path, monkeypatch, problems):
    asked: list[set[str]] = []

    def answer(parent, plan):
        asked.append(needs(plan))
        dialog = MappingDialog(plan, parent)  # built and shown as the user would see it
        dialog.show()
        dialog.grab()  # paints it: an attribute named like a Qt virtual (metric) crashed here
        assert dialog.windowTitle() == "What does this table count?"
        dialog.close()
        return ImportOptions(
            metric="nrm_referrals" if "metric" in needs(plan) else None, period="2024-Q1"
        )

    monkeypatch.setattr(MappingDialog, "ask", answer)
    monkeypatch.setattr(ImportPreviewDialog, "ask", lambda parent, plans, diffs=None: True)
    window.import_files([_table(tmp_path / "q1.xlsx", 3)])
    _wait(qtbot, window)
    assert problems == []
    assert asked == [{"metric", "period"}]
    rows = {r.force_code: r.value for r in list_figures(window.db, "nrm_referrals", "2024-Q1")}
    assert rows["E23000032"] == 3

    # Same shape again: what it counts is remembered; only the period is asked for.
    window.import_files([_table(tmp_path / "q1-again.xlsx", 5)])
    _wait(qtbot, window)
    assert asked[1] == {"period"}
    rows = {r.force_code: r.value for r in list_figures(window.db, "nrm_referrals", "2024-Q1")}
    assert rows["E23000032"] == 5


def test_skipping_the_question_leaves_the_file_unimported(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(MappingDialog, "ask", lambda parent, plan: None)
    seen = []
    monkeypatch.setattr(
        ImportPreviewDialog, "ask", lambda parent, plans, diffs=None: seen.append(plans) or False
    )
    window.import_files([_table(tmp_path / "q1.xlsx", 3)])
    _wait(qtbot, window)
    [plans] = seen
    assert not plans[0].ok and "does not say" in plans[0].errors[0].message
