"""The daily automatic backup, started once the database is open: off the main thread, no
dialog. A backup that fails (disk full, folder read-only) is said once; the app carries on."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from . import messages
from .operations import Background

if TYPE_CHECKING:
    from .shell import Shell

log = logging.getLogger(__name__)


def start(window: Shell, now: datetime | None = None) -> Background | None:
    """Take today's backup in the background if one is due; None when nothing to do."""
    from commissioner_desk.db.rolling import (
        MAX_KEEP,
        MIN_KEEP,
        daily_enabled,
        is_due,
        take_daily_backup,
    )

    db, ws = window.db, window.ws
    if db is None or db.info.path is None:
        return None  # PostgreSQL: backed up on the server
    if db.damage is not None:
        return None  # a copy would carry the damage, and push a good backup out
    if not daily_enabled():
        return None
    now = now or datetime.now()
    try:
        if not is_due(ws.backup_dir, now):  # cheap: one folder listing
            return None
    except OSError:
        pass  # an unreadable folder: let the backup itself report it
    path, folder = db.info.path, ws.backup_dir
    keep = min(max(ws.settings.backups_to_keep, MIN_KEEP), MAX_KEEP)  # a hand-edited setting

    def done(result) -> None:
        if result.made is not None:
            window.statusBar().showMessage(f"Today's backup saved to {result.made}", 8000)

    def failed(exc: BaseException) -> None:
        log.warning("Daily backup failed: %s", exc)
        messages.show_warning(
            window,
            "Daily backup",
            f"Today's automatic backup of the database could not be made. "
            f"{messages.error_text(exc)}\n\nYour data is not affected; the app tries again "
            "the next time it starts.",
        )

    def work():
        db.ensure_intact()  # the file checked (or that check waited for) before it is copied
        return take_daily_backup(path, folder, keep, now)

    job = Background(window, work, done, failed)
    job.start()
    return job
