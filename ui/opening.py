"""The window opens its database: connect, check, upgrade, show the first page, then the work
that need not hold anything up (a large file's check, today's backup) off the main thread.

A damaged file opens read-only behind a banner (damage_banner.py), with the actions that
change data switched off and no daily backup; after a restore the window opens it afresh.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from commissioner_desk import APP_NAME

from . import messages
from .operations import Background

if TYPE_CHECKING:
    from commissioner_desk.db.damage import Damage
    from commissioner_desk.db.database import Database

    from .main_window import MainWindow

log = logging.getLogger(__name__)


def open_database(window: MainWindow) -> None:
    """Called just after the window is shown (and again after a damaged file is restored)."""
    from commissioner_desk.workspace import open_database as open_workspace

    try:
        db = open_workspace(window.ws, progress=window.statusBar().showMessage, check_later=True)
    except Exception as exc:
        text = messages.database_error_text(window.ws, exc)
        window.page("home").show_opening(text)
        window.statusBar().showMessage("The database could not be opened.")
        messages.show_error(window, "The database could not be opened", exc, text)
        return
    window.db = db
    window.db_label.setText(db.info.display_url)  # password hidden
    window.db_label.setToolTip(f"Database: {db.info.display_url}")
    said = db.damage.words() if db.damage else None
    for warning in db.info.warnings:
        if warning != said:  # the damage has its banner
            messages.show_warning(window, APP_NAME, warning)
    window.set_enabled(True)
    window.statusBar().showMessage("Ready", 4000)
    if db.damage is not None:
        show_damage(window, db.damage)
    window.notify_changed()
    window.database_opened.emit()
    if db.needs_check:  # a large file: checked now, off the main thread; writes wait for it
        window.integrity_check = _check_in_background(window, db)
    elif db.damage is None:
        _start_daily_backup(window)


def _start_daily_backup(window: MainWindow) -> None:
    from . import daily_backup

    window.daily_backup = daily_backup.start(window)  # the first opening of the day


def _check_in_background(window: MainWindow, db: Database) -> Background:
    def checked(damage: Damage | None) -> None:
        if window.db is not db:
            return  # reopened meanwhile
        if damage is not None:
            show_damage(window, damage)
            messages.show_warning(window, APP_NAME, damage.words())
        else:
            _start_daily_backup(window)

    def failed(exc: BaseException) -> None:
        log.warning("Could not check the database: %s", exc)  # writes still wait for a check

    job = Background(window, db.check_integrity, checked, failed)
    job.start()
    return job


def show_damage(window: MainWindow, damage: Damage) -> None:
    """The banner, and every action that would change the database switched off."""
    from .damage_banner import DamageBanner

    if window.damage_banner is None:
        window.damage_banner = DamageBanner()
        window.damage_banner.restore_requested.connect(lambda path: restore(window, path))
        window.right_layout.insertWidget(0, window.damage_banner)
    window.damage_banner.show_damage(damage)
    for action in window.changing_actions():
        action.setEnabled(False)
    window.act_restore.setEnabled(True)
    window.setWindowTitle(f"{APP_NAME} — damaged database, read-only")
    window.statusBar().showMessage("The database is damaged: it is open read-only.")


def refused(window: MainWindow) -> bool:
    """True, having said why, if the database is damaged: it takes no change."""
    if window.db is None or window.db.damage is None:
        return False
    messages.show_warning(window, APP_NAME, window.db.damage.refusal())
    return True


def restore(window: MainWindow, path=None) -> None:
    from .backup_dialogs import restore as restore_dialog

    restore_dialog(window, path)


def reopen(window: MainWindow) -> None:
    """After a damaged file was restored: open it as at start-up (reference data, metrics,
    today's backup), the banner gone."""
    # Page reads in flight were reading the damaged file: their failures (or figures) are of
    # a database no longer open, and would be reported against the restored one.
    window.loader.drop()
    if window.db is not None:
        window.db.dispose()
    window.db = None
    if window.damage_banner is not None:
        window.damage_banner.hide()
    window.setWindowTitle(APP_NAME)
    open_database(window)
