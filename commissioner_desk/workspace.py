"""Open everything the app works on: data folder, settings, database (upgraded), reference data.

Shared by the GUI and the command line so both behave the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .settings import Settings, data_dir, resolve_database_url


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


def open_database(ws: Workspace, progress: Callable[[str], None] | None = None):
    """Connect, upgrade the schema (copying the file first), sync reference data and load the
    office's own metrics into the live catalogue."""
    from .db import migrate
    from .db.database import Database
    from .db.reference import sync_reference_data
    from .db.user_metrics import load_user_metrics

    db = Database(ws.database_url)
    migrate.upgrade(db, ws.backup_dir, progress)
    sync_reference_data(db, ws.geo_dir)
    load_user_metrics(db)
    return db
