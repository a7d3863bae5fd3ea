"""Quitting while work runs off the main thread: an import is cancelled and rolled back, today's
backup is finished (never left half-written), a page being loaded lets the quit through; no
worker outlives the window, and the real app exits 0 when quit in the middle of opening (it
used to abort with "Signal source has been deleted")."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer
from sqlalchemy import func, select

from commissioner_desk.db import rolling
from commissioner_desk.db.damage import check_file
from commissioner_desk.db.models import ImportBatch, Observation
from commissioner_desk.db.rolling import daily_backups
from tests.core.reliability.long_file import long_csv
from ui import daily_backup
from ui.operations import read_pool

REPO = Path(__file__).resolve().parents[2]


def _counts(db) -> tuple[int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(ImportBatch)),
            s.scalar(select(func.count()).select_from(Observation)),
        )


def _no_part_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".part")]


def test_quit_during_an_import_cancels_it_and_rolls_it_back(qtbot, window, tmp_path, problems):
    from commissioner_desk.importing.many import commit_plans, plan_files

    plans = plan_files([long_csv(tmp_path / "returns.csv", 20_000)])
    db = window.db
    started = []

    def work(progress):
        started.append(True)
        return commit_plans(db, plans, progress)

    window.run_operation("Importing returns…", work, lambda _r: problems.append("finished"))
    qtbot.waitUntil(lambda: bool(started), timeout=10_000)
    window.close()  # no question in tests: the answer is "quit anyway"
    assert QThreadPool.globalInstance().activeThreadCount() == 0  # waited for, not left
    batches, figures = _counts(db)
    assert (batches, figures) in ((0, 0), (1, 20_000))  # all of it or none, never part
    assert problems == []  # nothing reported to a window that has gone


def test_quit_during_the_daily_backup_finishes_it(qtbot, window, monkeypatch, problems):
    monkeypatch.delenv(rolling.DAILY_ENV)
    real = rolling.take_daily_backup

    def slow(*args, **kwargs):
        time.sleep(0.3)  # still copying when the window closes
        return real(*args, **kwargs)

    monkeypatch.setattr(rolling, "take_daily_backup", slow)
    job = window.daily_backup = daily_backup.start(window)
    assert job is not None and job.running
    window.close()
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    (made,) = daily_backups(window.ws.backup_dir)
    assert check_file(made.path) is None  # whole, and sound
    assert _no_part_files(window.ws.backup_dir)
    assert problems == []


def test_quit_while_a_page_loads(qtbot, window, monkeypatch, problems):
    """A quit that arrives while a page is loading (its read in the background, today's backup
    running meanwhile) waits for both and reports nothing to the window that has gone."""
    monkeypatch.delenv(rolling.DAILY_ENV)
    page = window.page("imports")
    real = page.query
    closed, shown = [], []

    def ask_then_quit():
        query = real()

        def read_then_quit(db):
            QTimer.singleShot(0, window, lambda: closed.append(window.close()))
            time.sleep(0.2)  # still reading when the window closes
            return query(db)

        window.daily_backup = daily_backup.start(window)
        return read_then_quit

    monkeypatch.setattr(page, "query", ask_then_quit)
    monkeypatch.setattr(page, "show_data", shown.append)
    window.show_page("imports")
    qtbot.waitUntil(lambda: closed == [True])
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert read_pool().activeThreadCount() == 0
    qtbot.wait(50)
    assert shown == []  # the read's result was dropped, not shown to a closed window
    assert _no_part_files(window.ws.backup_dir) and problems == []


QUIT_WHILE_OPENING = """
import sys
import ui.main_window as mw
original = mw.MainWindow.open_database
def quit_while_opening(self):
    original(self)  # the first page loaded, today's backup started
    from PySide6.QtWidgets import QApplication
    QApplication.quit()
mw.MainWindow.open_database = quit_while_opening
from ui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_app_quit_while_opening_exits_cleanly(tmp_path, sqlite_template):
    data = tmp_path / "data"
    data.mkdir()
    (data / "commissioners-desk.sqlite3").write_bytes(sqlite_template.read_bytes())
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMISSIONER_DESK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"  # and the daily backup on, as for a user
    done = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_OPENING, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Signal source has been deleted" not in done.stderr
    assert "Traceback" not in done.stderr
    (made,) = daily_backups(data / "backups")
    assert check_file(made.path) is None and _no_part_files(data)
