"""Open everything the app works on: data folder, settings, database (upgraded), reference data.

Shared by the GUI and the command line so both behave the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .settings import Settings, data_dir, resolve_database_url

if TYPE_CHECKING:
    from .db.damage import Damage
    from .db.database import Database


@dataclass
class Workspace:
    folder: Path
    settings: Settings
    database_url: str
    geo_dir: Path | None

    @property
    def backup_dir(self) -> Path:
        return self.folder / "backups"

    def save_settings(self) -> None:
        self.settings.save(self.folder)


def locate(
    database_url: str | None = None,
    data_dir_override: str | Path | None = None,
    geo_dir_override: str | Path | None = None,
) -> Workspace:
    """Resolve locations only: cheap, imports nothing heavy."""
    folder = data_dir(data_dir_override)
    settings = Settings.load(folder)
    url = resolve_database_url(database_url, folder, settings)
    geo = geo_dir_override or settings.geo_dir or None
    geo_dir = Path(geo) if geo else paths.default_geo_dir()
    return Workspace(folder=folder, settings=settings, database_url=url, geo_dir=geo_dir)


def open_database(
    ws: Workspace,
    progress: Callable[[str], None] | None = None,
    *,
    check_later: bool = False,
) -> Database:
    """Connect, check the SQLite file, upgrade the schema (copying the file first), sync
    reference data and load the office's own metrics into the live catalogue.

    A damaged file is opened read-only, with nothing written to it (db.damage says why, and
    the warnings say how to restore it). With `check_later`, a file over BACKGROUND_BYTES is
    not checked here: the caller runs db.check_integrity() in the background, and the first
    write waits for it."""
    from .db import migrate
    from .db.damage import BACKGROUND_BYTES
    from .db.database import DamagedDatabaseError, Database
    from .db.failures import Fault, fault_of
    from .db.reference import sync_reference_data
    from .network import search_sources  # noqa: F401  (registers the searchable kinds first)

    db = Database(ws.database_url, advise=lambda path, problem: describe_damage(ws, path, problem))
    size = _size(db.info.path)
    if db.needs_check and not (check_later and size > BACKGROUND_BYTES):
        if progress and size > BACKGROUND_BYTES // 4:  # a moment's check goes unannounced
            progress("Checking the database…")
        db.check_integrity()
    try:
        if db.damage is None:
            migrate.upgrade(db, ws.backup_dir, progress)
            sync_reference_data(db, ws.geo_dir)
    except Exception as exc:
        # Found by the check the first write waited for, or by reading a damaged page.
        if not isinstance(exc, DamagedDatabaseError) and not (
            fault_of(exc) is Fault.DAMAGED and db.check_integrity() is not None
        ):
            raise
    _load_metrics(db)
    return db


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0


def _load_metrics(db: Database) -> None:
    from .db.user_metrics import load_user_metrics

    try:
        load_user_metrics(db)
    except Exception:
        if db.damage is None:
            raise
        # A damaged file may not give up even its list of metrics: the built-ins serve.


def describe_damage(ws: Workspace, path: Path, problem: str) -> Damage:
    """What is wrong with the database file, and the newest good backup with the exact menu
    item and command that restore it."""
    from .db.damage import Damage, newest_sound_backup

    found = newest_sound_backup(ws.backup_dir)
    if found is None:
        return Damage(path, problem, command=restore_command(ws, None), backup_dir=ws.backup_dir)
    backup, made = found
    return Damage(path, problem, backup, made, restore_command(ws, backup), ws.backup_dir)


def restore_command(ws: Workspace, backup: Path | None) -> str:
    """`commissioner-desk db restore "FILE"`, with --data-dir and --database when this
    workspace is not the one the command finds by itself."""
    import platformdirs

    from . import APP_AUTHOR, APP_SLUG
    from .settings import DATA_DIR_ENV, DB_FILE_NAME, sqlite_url

    words = ["commissioner-desk"]
    default = platformdirs.user_data_path(APP_SLUG, APP_AUTHOR, roaming=False)
    if os.environ.get(DATA_DIR_ENV) or ws.folder != default:
        words.append(f'--data-dir "{ws.folder}"')
    if ws.database_url != sqlite_url(ws.folder / DB_FILE_NAME):
        words.append(f'--database "{ws.database_url}"')
    words += ["db restore", f'"{backup}"' if backup is not None else "FILE"]
    return " ".join(words)
