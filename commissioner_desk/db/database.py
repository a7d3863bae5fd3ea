"""Open the database: SQLite in the user's data folder by default, PostgreSQL by URL.

One short session per operation (`with db.session() as s:`); callers turn rows into frozen
dataclasses before the session closes, so nothing lazy-loads later.
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from . import audit, search_index

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 15_000  # another process writing: wait rather than fail with "database is locked"


class DatabaseError(Exception):
    """A problem opening or upgrading the database, worded for the user."""


@dataclass(frozen=True)
class DatabaseInfo:
    backend: str  # "sqlite" or "postgresql"
    display_url: str  # password hidden
    path: Path | None  # the SQLite file
    journal_mode: str  # "wal", "delete" or "" (PostgreSQL)
    warnings: tuple[str, ...]


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some locked-down machines
        return "unknown"


def _sqlite_path(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


class Database:
    def __init__(self, url: str, *, user: str | None = None, echo: bool = False) -> None:
        self.url = url
        self.user = user or current_user()
        parsed = make_url(url)
        self.backend = parsed.get_backend_name()
        warnings: list[str] = []
        journal = ""
        if self.backend == "sqlite":
            path = _sqlite_path(url)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            journal = self._sqlite_journal_mode(path, warnings)
            if path is not None and path.exists() and not os.access(path, os.W_OK):
                warnings.append(
                    f"The database {path} is read-only: you can look at what it holds, but "
                    "nothing can be imported or changed. If it was copied from a CD, a USB "
                    "stick or an email, copy it into your own documents first; otherwise "
                    "right-click the file, choose Properties and untick Read-only."
                )
            self.engine: Engine = create_engine(
                url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}
            )
            event.listen(self.engine, "connect", self._sqlite_pragmas(journal))
        elif self.backend == "postgresql":
            if parsed.drivername == "postgresql":  # plain postgresql:// means psycopg 3 here
                url = parsed.set(drivername="postgresql+psycopg").render_as_string(False)
            self.engine = create_engine(url, echo=echo, pool_pre_ping=True)
            path = None
        else:
            raise DatabaseError(
                f"The database address must start with sqlite:/// or postgresql://, "
                f"not {parsed.drivername}://"
            )
        self.info = DatabaseInfo(
            backend=self.backend,
            display_url=parsed.render_as_string(hide_password=True),
            path=path,
            journal_mode=journal,
            warnings=tuple(warnings),
        )
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        audit.install(self._sessions)
        search_index.install(self._sessions)

    @staticmethod
    def _sqlite_journal_mode(path: Path | None, warnings: list[str]) -> str:
        if path is None:
            return "memory"
        from .netpath import is_network_path

        if is_network_path(path.parent):
            warnings.append(
                f"The database {path} is on a network drive. It will work, more slowly and "
                "for one person at a time. For a shared office database ask for PostgreSQL."
            )
            return "delete"  # WAL needs shared memory, which network file systems do not give
        return "wal"

    @staticmethod
    def _sqlite_pragmas(journal: str):
        def on_connect(dbapi_conn, _record) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if journal in ("wal", "delete"):
                cur.execute(f"PRAGMA journal_mode = {journal}")
                cur.execute(
                    "PRAGMA synchronous = NORMAL"
                    if journal == "wal"
                    else "PRAGMA synchronous = FULL"
                )
            cur.close()

        return on_connect

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any error."""
        with self._sessions() as s:
            s.info["user"] = self.user
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def describe_connect_error(exc: BaseException) -> str:
    """The driver's own first line ("connection refused", "password authentication failed"),
    without SQLAlchemy's statement echo and web link, which mean nothing to a user."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__
