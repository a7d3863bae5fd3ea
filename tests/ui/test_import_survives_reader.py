"""Issue 16: importing in the app survives any file. A reader that crashes, hangs or allocates
without end (arranged in the reader process by tests/core/reliability/fake_readers.py), and a
real file that once crashed calamine, each become that file's error in the preview; the other
files are previewed and the window carries on. Cancel ends a reader that is stuck."""

from __future__ import annotations

from pathlib import Path

import pytest

from commissioner_desk.importing import many
from commissioner_desk.importing.readers import reader_process
from tests.core.reliability import corpus as c
from tests.core.reliability import fake_readers
from ui.import_dialog import ImportPreviewDialog


def _wait_idle(qtbot, win) -> None:
    qtbot.waitUntil(lambda: not win._operations, timeout=60_000)


@pytest.fixture
def previewed(monkeypatch) -> list:
    """The plans the preview is shown, files read by the fake readers; nothing is imported."""
    monkeypatch.setattr(reader_process, "READER", fake_readers.faulty)
    plans: list = []
    monkeypatch.setattr(
        ImportPreviewDialog, "ask", lambda parent, found, diffs=None: plans.extend(found)
    )
    yield plans
    reader_process.stop_readers()


def test_bad_files_become_errors_in_the_preview(
    qtbot, window, tmp_path, monkeypatch, problems, previewed
):
    monkeypatch.setitem(many.plan_files.__kwdefaults__, "time_limit", 3)
    paths = [c.good_xlsx(tmp_path / f"{n}.xlsx") for n in ("kent", "crash", "hang", "allocate")]
    paths.append(c.xlsx_understated(tmp_path))  # read for real: refused before calamine
    window.import_files(paths)
    _wait_idle(qtbot, window)

    assert problems == []
    plans = {Path(p.path).stem: p for p in previewed}
    assert plans["kent"].ok and len(plans["kent"].figures) == 2
    assert "reader stopped part-way" in plans["crash"].errors[0].message
    assert "took longer than 3 seconds" in plans["hang"].errors[0].message
    # The memory cap stops it, or on a loaded machine the time limit first: either way the
    # file is an error of its own and the app and the other files carry on.
    allocate = plans["allocate"].errors[0].message
    assert "could not be read" in allocate or "took longer than 3 seconds" in allocate
    assert "is too large to import" in plans["understated"].errors[0].message
    assert window.isVisible() and window.db is not None


def test_cancel_ends_a_stuck_reader(qtbot, window, tmp_path, problems, previewed):
    window.import_files([c.good_xlsx(tmp_path / "hang.xlsx")])
    pid_file = tmp_path / "hang.pid"
    qtbot.waitUntil(pid_file.exists, timeout=30_000)  # the reader is stuck in the file
    window._operations[0].dialog.canceled.emit()  # as the Cancel button does
    _wait_idle(qtbot, window)

    assert previewed == [] and problems == []
    assert not Path(f"/proc/{pid_file.read_text()}").exists()  # ended, not left running
    assert window.isVisible() and window.db is not None
