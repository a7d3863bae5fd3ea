"""File › Backups… and the daily backup the app takes when it opens the database; a read-only
database and failed writes said in words."""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

from commissioner_desk.db import rolling
from commissioner_desk.db.rolling import BackupFile, daily_backups
from commissioner_desk.settings import Settings
from ui import daily_backup, messages
from ui.backup_settings import BackupsDialog, edit_backups

SHOTS = Path("/tmp/shots")


def _backups(folder: Path) -> list[BackupFile]:
    return [
        BackupFile(folder / "daily" / "daily-2026-03-04-091502.sqlite3", "daily",
                   datetime(2026, 3, 4, 9, 15), 3_400_000),
        BackupFile(folder / "daily" / "daily-2026-03-03-084011.sqlite3", "daily",
                   datetime(2026, 3, 3, 8, 40), 3_380_000),
        BackupFile(folder / "commissioners-desk-2026-03-02.sqlite3", "manual",
                   datetime(2026, 3, 2, 16, 5), 3_300_000),
        BackupFile(folder / "commissioners-desk.before-upgrade-from-0004.20260301-101500.sqlite3",
                   "before upgrade", datetime(2026, 3, 1, 10, 15), 900_000),
        BackupFile(folder / "before-restore.20260228-120000.sqlite3", "before restore",
                   datetime(2026, 2, 28, 12, 0), 2_000),
    ]  # fmt: skip


def test_dialog_lists_backups_and_the_number_kept(qtbot, tmp_path):
    folder = tmp_path / "backups"
    dialog = BackupsDialog(None, folder, 14, _backups(folder), sqlite=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.keep_box.value() == 14 and dialog.keep_box.isEnabled()
    table = dialog.table
    assert table.rowCount() == 5
    assert [table.item(r, 1).text() for r in range(5)] == [
        "Daily (automatic)",
        "Daily (automatic)",
        "Made by you",
        "Before an upgrade",
        "Before a restore",
    ]
    assert table.item(0, 0).text() == "4 Mar 2026 09:15"
    assert table.item(0, 2).text() == "3.2 MB" and table.item(4, 2).text() == "2 kB"
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "backups.png"))


def test_dialog_for_postgresql_says_where_backups_are_made(qtbot, tmp_path):
    dialog = BackupsDialog(None, tmp_path, 7, [], sqlite=False)
    qtbot.addWidget(dialog)
    assert not dialog.keep_box.isEnabled()
    assert not dialog.table.isVisibleTo(dialog)


def test_choosing_a_number_saves_it(window, monkeypatch):
    from PySide6.QtGui import QAction

    monkeypatch.setattr(BackupsDialog, "ask", classmethod(lambda cls, *a, **kw: 30))
    menu_item = next(a for a in window.findChildren(QAction) if a.text() == "Bac&kups…")
    menu_item.trigger()  # File › Backups…
    assert window.ws.settings.backups_to_keep == 30
    assert Settings.load(window.ws.folder).backups_to_keep == 30
    assert "30 daily backups" in window.statusBar().currentMessage()


def test_cancel_changes_nothing(window, monkeypatch):
    monkeypatch.setattr(BackupsDialog, "ask", classmethod(lambda cls, *a, **kw: None))
    edit_backups(window)
    assert Settings.load(window.ws.folder).backups_to_keep == 7


def test_the_first_opening_of_the_day_takes_a_backup(qtbot, window, monkeypatch, problems):
    folder = window.ws.backup_dir
    assert window.daily_backup is None and not (folder / "daily").exists()  # tests: off
    monkeypatch.delenv(rolling.DAILY_ENV)
    job = daily_backup.start(window)
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    made = daily_backups(folder)
    assert len(made) == 1
    assert "Today's backup saved" in window.statusBar().currentMessage()
    assert daily_backup.start(window) is None  # once a day
    assert problems == []


def test_a_failed_daily_backup_is_said_once_and_the_app_carries_on(
    qtbot, window, monkeypatch, problems
):
    monkeypatch.delenv(rolling.DAILY_ENV)

    def no_room(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rolling, "take_daily_backup", no_room)
    job = daily_backup.start(window)
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    assert len(problems) == 1
    assert "could not be made" in problems[0] and "no room left on the disk" in problems[0]
    assert window.db is not None


def test_a_read_only_database_is_said_when_it_opens(qtbot, workspace, problems, monkeypatch):
    from ui.main_window import MainWindow

    path = Path(workspace.database_url.removeprefix("sqlite:///"))
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if Path(p) == path else real(p, mode, **kw)
    )
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.open_database()
    try:
        assert any("is read-only" in p and str(path) in p for p in problems), problems
    finally:
        win.close()
        win.db.dispose()


def test_write_failures_are_words_in_the_app():
    import sqlite3

    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13
    assert "no room left on the disk" in messages.error_text(full)
    read_only = OSError(errno.EROFS, "Read-only file system")
    assert "read-only" in messages.error_text(read_only)


def test_back_up_then_restore_from_the_file_menu(qtbot, window, monkeypatch, tmp_path, problems):
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    from sqlalchemy import select

    from commissioner_desk.db.models import Organisation
    from commissioner_desk.domain.enums import OrganisationKind

    out = tmp_path / "usb" / "desk.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **kw: (str(out), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **kw: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **kw: QMessageBox.StandardButton.Yes)
    with window.db.session() as s:
        s.add(Organisation(name="In the backup", kind=OrganisationKind.NGO))
    window.act_backup.trigger()
    qtbot.waitUntil(lambda: not window._operations, timeout=10_000)
    assert out.is_file() and "Backed up" in window.statusBar().currentMessage()

    with window.db.session() as s:
        s.add(Organisation(name="After the backup", kind=OrganisationKind.NGO))
    window.act_restore.trigger()
    qtbot.waitUntil(lambda: not window._operations, timeout=10_000)
    assert problems == []
    with window.db.session() as s:
        names = set(s.scalars(select(Organisation.name)))
    assert "In the backup" in names and "After the backup" not in names
    safety = list(window.ws.backup_dir.glob("before-restore.*.sqlite3"))
    assert len(safety) == 1 and "previous data was saved" in window.statusBar().currentMessage()


def test_an_import_onto_a_full_disk_is_said_in_words(qtbot, window, tmp_path, problems):
    """A real SQLITE_FULL (the database may not grow) through the app's operation path."""
    from sqlalchemy import event, func, select

    from commissioner_desk.db.models import Observation
    from commissioner_desk.importing import commit_plan
    from commissioner_desk.importing.many import plan_files
    from tests.core.reliability.long_file import long_csv

    plan = plan_files([long_csv(tmp_path / "returns.csv", 3_000)])[0]
    db = window.db
    with db.engine.connect() as c:
        pages = c.exec_driver_sql("PRAGMA page_count").scalar()
    db.engine.dispose()
    event.listen(
        db.engine,
        "connect",
        lambda conn, _r: conn.execute(f"PRAGMA max_page_count = {pages + 2}"),
    )
    window.run_operation("Importing…", lambda p: commit_plan(db, plan, p), lambda r: None)
    qtbot.waitUntil(lambda: not window._operations, timeout=10_000)
    assert len(problems) == 1
    assert problems[0].startswith("Importing:") and "no room left on the disk" in problems[0]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == 0
