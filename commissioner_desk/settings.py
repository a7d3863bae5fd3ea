"""One typed settings object with defaults and a version, stored as JSON in the data folder.

Locations come from platformdirs (on Windows: %LOCALAPPDATA%\\AntiSlaveryCommissioner\\
CommissionersDesk). `--data-dir DIR` or COMMISSIONER_DESK_DATA_DIR moves everything (database,
settings, backups) into DIR, which is how tests and portable installs keep apart.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from . import APP_AUTHOR, APP_SLUG

DATA_DIR_ENV = "COMMISSIONER_DESK_DATA_DIR"
DATABASE_URL_ENV = "COMMISSIONER_DESK_DATABASE_URL"
SETTINGS_VERSION = 1
DB_FILE_NAME = "commissioners-desk.sqlite3"


def data_dir(override: str | Path | None = None) -> Path:
    """The folder for the database, settings and backups; created if needed."""
    if override is None:
        override = os.environ.get(DATA_DIR_ENV) or None
    if override is not None:
        path = Path(override).expanduser()
    else:
        import platformdirs  # imported here: --version must not pay for it

        path = platformdirs.user_data_path(APP_SLUG, APP_AUTHOR, roaming=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    database_url: str = ""  # empty: the SQLite file in the data folder
    geo_dir: str = ""  # empty: bundled or source-checkout boundary files
    backups_to_keep: int = 7
    window_state: dict[str, str] = field(default_factory=dict)  # base64 Qt state by key

    @classmethod
    def load(cls, folder: Path) -> Settings:
        path = folder / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()  # missing or unreadable: defaults, never a crash at start-up
        if not isinstance(raw, dict):
            return cls()  # valid JSON but not settings: defaults too
        defaults = cls()
        settings = cls(
            **{
                f.name: raw[f.name]
                for f in fields(cls)
                if f.name in raw and isinstance(raw[f.name], type(getattr(defaults, f.name)))
            }
        )
        settings.version = SETTINGS_VERSION
        return settings

    def save(self, folder: Path) -> None:
        from .files.safe_write import write_text  # a crash mid-write keeps the old file

        write_text(folder / "settings.json", json.dumps(asdict(self), indent=2, sort_keys=True))


def resolve_database_url(cli_url: str | None, folder: Path, settings: Settings) -> str:
    """--database beats the environment variable, which beats the settings file."""
    url = cli_url or os.environ.get(DATABASE_URL_ENV) or settings.database_url
    if url:
        return url
    return sqlite_url(folder / DB_FILE_NAME)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve().as_posix()}"


def display_url(url: str) -> str:
    """The database address with any password replaced by ***, for messages and the status bar."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
