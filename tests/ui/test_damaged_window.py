"""The window on a damaged database: a banner naming the newest good backup, every action that
would change data off (and a page's own button refused in words), nothing written into the
file; the banner's Restore brings the backup back and the window opens it afresh. A large file
is checked in the background, and today's backup waits for that check."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from commissioner_desk import APP_NAME
from commissioner_desk.db import damage as damage_module
from commissioner_desk.db import rolling
from commissioner_desk.db.damage import check_file
from commissioner_desk.db.rolling import daily_backups
from commissioner_desk.settings import DB_FILE_NAME
from commissioner_desk.workspace import locate
from tests.core.reliability.damaging import KINDS, damage, data_with_backup

SHOTS = Path("/tmp/shots")


@pytest.fixture
def data(tmp_path, sqlite_template) -> Path:
    return data_with_backup(tmp_path / "data", sqlite_template)


@pytest.fixture
def open_window(qtbot, problems):
    """Open the app's window on a data folder as it starts; closed and deleted after."""
    from ui.main_window import MainWindow

    made = []

    def opened(folder: Path) -> MainWindow:
        win = MainWindow(locate(None, folder, None))
        qtbot.addWidget(win)
        win.show()
        win.open_database()
        made.append(win)
        return win

    yield opened
    for win in made:
        win.close()
        if win.db is not None:
            win.db.dispose()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_database_opens_read_only_under_a_banner(open_window, data, kind, problems):
    damage(data / DB_FILE_NAME, kind)
    before = _sha(data / DB_FILE_NAME)
    win = open_window(data)
    banner = win.damage_banner
    assert banner is not None and banner.isVisible()
    newest = daily_backups(data / "backups")[0].path
    assert "damaged, so it is open read-only" in banner.text.text()
    assert newest.name in banner.text.text() and banner.restore_newest.isVisible()
    assert "damaged" in win.windowTitle()
    assert not any(a.isEnabled() for a in win.changing_actions())
    assert win.act_restore.isEnabled() and win.daily_backup is None
    assert problems == []  # the banner, not a box per page
    win.run_command("load_demo")  # the Home page's own button
    assert len(problems) == 1 and "Nothing was saved" in problems[0]
    assert newest.name in problems[0]
    assert _sha(data / DB_FILE_NAME) == before
    if kind in ("middle-page", "text-file"):
        SHOTS.mkdir(exist_ok=True)
        win.resize(1093, 582)
        win.grab().save(str(SHOTS / f"damaged-{kind}.png"))


def test_the_banner_restores_the_newest_backup(qtbot, open_window, data, monkeypatch, problems):
    damage(data / DB_FILE_NAME, "first-page")
    damaged = (data / DB_FILE_NAME).read_bytes()
    win = open_window(data)
    asked = []

    def confirm(_parent, _title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", confirm)
    win.damage_banner.restore_newest.click()
    qtbot.waitUntil(lambda: not win.running_operations(), timeout=10_000)
    assert "damaged file is kept" in asked[0]
    assert problems == []
    assert win.db is not None and win.db.damage is None
    assert not win.damage_banner.isVisible() and win.windowTitle() == APP_NAME
    assert all(a.isEnabled() for a in win.changing_actions() if a is not win.act_remove_demo)
    assert "damaged database was moved aside" in win.statusBar().currentMessage()
    assert check_file(data / DB_FILE_NAME) is None
    (aside,) = data.glob("commissioners-desk.damaged-*.sqlite3")
    assert aside.read_bytes() == damaged


def test_without_a_good_backup_the_banner_says_where_it_looked(open_window, data):
    for backup in daily_backups(data / "backups"):
        backup.path.unlink()
    damage(data / DB_FILE_NAME, "header")
    win = open_window(data)
    assert not win.damage_banner.restore_newest.isVisibleTo(win)
    assert "No good backup was found" in win.damage_banner.text.text()


@pytest.mark.parametrize("kind", [None, "middle-page"])
def test_a_large_file_is_checked_in_the_background(
    qtbot, open_window, data, kind, monkeypatch, problems
):
    monkeypatch.setattr(damage_module, "BACKGROUND_BYTES", 1)  # every file is large
    monkeypatch.delenv(rolling.DAILY_ENV)  # today's backup, once the file is known sound
    (data / "backups" / "daily").rename(data / "old-daily")  # so one is due today
    if kind:
        damage(data / DB_FILE_NAME, kind)
    win = open_window(data)
    check = win.integrity_check
    assert check is not None
    qtbot.waitUntil(lambda: not check.running, timeout=10_000)
    if kind:
        assert win.damage_banner.isVisible() and win.daily_backup is None
        assert len(problems) == 1 and "is damaged" in problems[0]
    else:
        assert win.damage_banner is None and win.daily_backup is not None
        qtbot.waitUntil(lambda: not win.daily_backup.running, timeout=10_000)
        assert len(daily_backups(data / "backups")) == 1 and problems == []
