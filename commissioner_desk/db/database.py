"""Open the database: SQLite in the user's data folder by default, PostgreSQL by URL.

One short session per operation (`with db.session() as s:`); callers turn rows into frozen
dataclasses before the session closes, so nothing lazy-loads later.

A SQLite file is checked (damage.check_file) before anything is written to it: opening checks
it at once, or a large one in the background, and the first write waits for that check. A
damaged file is opened read-only and every write is refused in words (DamagedDatabaseError).
"""

from __future__ import annotations

import dataclasses
import getpass
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from . import audit, search_index
from .damage import Damage, check_file

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 15_000  # another process writing: wait rather than fail with "database is locked"


class DatabaseError(Exception):
    """A problem opening or upgrading the database, worded for the user."""


class DamagedDatabaseError(DatabaseError):
    """A write refused because the database file is damaged; str() says how to restore it."""

    def __init__(self, damage: Damage) -> None:
        super().__init__(damage.refusal())
        self.damage = damage


# Statements that change the file. Compiled INSERT/UPDATE/DELETE/DDL are also flagged by
# SQLAlchemy; this catches text() and driver SQL (migrations, checkpoints).
_WRITES = re.compile(
    r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|VACUUM|REINDEX"
    r"|BEGIN\s+(IMMEDIATE|EXCLUSIVE)|PRAGMA\s+wal_checkpoint)\b",
    re.IGNORECASE,
)


def _writes(statement: str, context: object) -> bool:
    flags = ("isinsert", "isupdate", "isdelete", "isddl")
    return any(getattr(context, f, False) for f in flags) or bool(_WRITES.match(statement))


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


Advise = Callable[[Path, str], Damage]  # (file, problem) → the Damage, naming a backup


class Database:
    def __init__(
        self,
        url: str,
        *,
        user: str | None = None,
        echo: bool = False,
        advise: Advise | None = None,
    ) -> None:
        """`advise` words the damage the check may find, naming the newest good backup
        (workspace.describe_damage); without it the words say where to look."""
        self.url = url
        self.user = user or current_user()
        self.echo = echo
        self.damage: Damage | None = None
        self._advise = advise or Damage
        self._check_lock = threading.Lock()
        parsed = make_url(url)
        self.backend = parsed.get_backend_name()
        warnings: list[str] = []
        journal = ""
        self._intact = True  # known sound: nothing to check (PostgreSQL, a new file)
        if self.backend == "sqlite":
            path = _sqlite_path(url)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._intact = not path.is_file() or path.stat().st_size == 0
            journal = self._sqlite_journal_mode(path, warnings)
            if path is not None and path.exists() and not os.access(path, os.W_OK):
                warnings.append(
                    f"The database {path} is read-only: you can look at what it holds, but "
                    "nothing can be imported or changed. If it was copied from a CD, a USB "
                    "stick or an email, copy it into your own documents first; otherwise "
                    "right-click the file, choose Properties and untick Read-only."
                )
            self._journal = journal
            self.engine: Engine = self._sqlite_engine(path, read_only=False)
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

    # ----- damage ---------------------------------------------------------------------------

    def _sqlite_engine(self, path: Path | None, *, read_only: bool) -> Engine:
        url = self.url
        if read_only and path is not None:  # mode=ro: not even a checkpoint on closing
            url = f"sqlite:///file:{quote(path.as_posix(), safe='/:')}?mode=ro&uri=true"
        # Pages read on worker threads, each taking a pooled connection: the one used last
        # (LIFO) has the tables in its page cache and its statements prepared; the oldest, as
        # the default FIFO gives, made Home's read three times slower on the demo database. A
        # memory database has one connection per thread and no choice to make.
        pooled = {"pool_use_lifo": True} if path is not None else {}
        engine = create_engine(
            url, echo=self.echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **pooled
        )
        event.listen(engine, "connect", self._sqlite_pragmas(self._journal, read_only))
        if not self._intact:
            event.listen(engine, "before_cursor_execute", self._before_execute)
        return engine

    def _before_execute(self, _conn, _cursor, statement, _params, context, _many) -> None:
        if not self._intact and _writes(statement, context):
            self.ensure_intact()

    @property
    def needs_check(self) -> bool:
        """A SQLite file not yet checked: `check_integrity` before trusting it."""
        return not self._intact and self.damage is None

    def check_integrity(self) -> Damage | None:
        """Check the file once (quick_check), from any thread; a damaged file is reopened
        read-only. Callers at the same time wait for the one check."""
        with self._check_lock:
            if self.needs_check and self.info.path is not None:
                problem = check_file(self.info.path)
                if problem is None:
                    self._intact = True
                else:
                    self._damaged(self._advise(self.info.path, problem))
        return self.damage

    def ensure_intact(self) -> None:
        """Return once the file is known sound; DamagedDatabaseError if it is not."""
        if not self._intact and self.check_integrity() is not None:
            raise DamagedDatabaseError(self.damage)

    def _damaged(self, damage: Damage) -> None:
        log.info("Damaged database %s: %s", damage.path, damage.problem)
        self.damage = damage
        warnings = (*self.info.warnings, damage.words())
        self.info = dataclasses.replace(self.info, warnings=warnings)
        old, self.engine = self.engine, self._sqlite_engine(damage.path, read_only=True)
        self._sessions.configure(bind=self.engine)
        old.dispose()  # connections in use finish what they are doing, then close

    def replaced(self) -> None:
        """The file was replaced by a sound one (a restore): writable again."""
        with self._check_lock:
            said = self.damage.words() if self.damage else None
            self.damage, self._intact = None, True
            warnings = tuple(w for w in self.info.warnings if w != said)
            self.info = dataclasses.replace(self.info, warnings=warnings)
            old, self.engine = self.engine, self._sqlite_engine(self.info.path, read_only=False)
            self._sessions.configure(bind=self.engine)
            old.dispose()

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
    def _sqlite_pragmas(journal: str, read_only: bool):
        def on_connect(dbapi_conn, _record) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if read_only:  # damaged: SQLite itself refuses any write too
                cur.execute("PRAGMA query_only = ON")
            elif journal in ("wal", "delete"):
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
