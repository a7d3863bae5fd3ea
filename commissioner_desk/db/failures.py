"""What went wrong with the database, in words a user can act on, and a bounded retry.

Drivers report a full disk, a read-only file, a busy database or a damaged file as errors that
differ between SQLite and PostgreSQL and arrive wrapped by SQLAlchemy. `fault_of` sorts them
into a few kinds; `plain_words` says what each means and what to do; `retrying` runs a unit of
work again when another user's work got in the way (SQLite busy past its timeout, PostgreSQL
deadlock or serialisation failure, or two people storing the same new row at once).
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TypeVar

from .database import DamagedDatabaseError

log = logging.getLogger(__name__)
T = TypeVar("T")


class Fault(StrEnum):
    BUSY = "busy"  # another writer held the database past the wait
    CLASH = "clash"  # two writers stored the same new row, or PostgreSQL chose one to stop
    FULL = "full"  # no room on the disk (or the server's)
    READ_ONLY = "read_only"
    DAMAGED = "damaged"
    CANNOT_OPEN = "cannot_open"


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE = {
    5: Fault.BUSY,  # SQLITE_BUSY
    6: Fault.BUSY,  # SQLITE_LOCKED
    8: Fault.READ_ONLY,  # SQLITE_READONLY
    11: Fault.DAMAGED,  # SQLITE_CORRUPT
    13: Fault.FULL,  # SQLITE_FULL
    14: Fault.CANNOT_OPEN,  # SQLITE_CANTOPEN
    26: Fault.DAMAGED,  # SQLITE_NOTADB
}
_SQLITE_UNIQUE = 2067  # SQLITE_CONSTRAINT_UNIQUE
# PostgreSQL SQLSTATEs.
_POSTGRES = {
    "53100": Fault.FULL,  # disk_full
    "25006": Fault.READ_ONLY,  # read_only_sql_transaction
    "40001": Fault.CLASH,  # serialization_failure
    "40P01": Fault.CLASH,  # deadlock_detected
    "55P03": Fault.BUSY,  # lock_not_available
    "23505": Fault.CLASH,  # unique_violation
    "XX001": Fault.DAMAGED,  # data_corrupted
}
_OS = {errno.ENOSPC: Fault.FULL, errno.EROFS: Fault.READ_ONLY}
if hasattr(errno, "EDQUOT"):
    _OS[errno.EDQUOT] = Fault.FULL  # over the user's disk quota


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The error, what SQLAlchemy wraps (`.orig`), and what it was raised from."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]


def fault_of(exc: BaseException) -> Fault | None:
    for e in _chain(exc):
        if isinstance(e, DamagedDatabaseError):
            return Fault.DAMAGED
        if isinstance(e, sqlite3.Error):
            code = getattr(e, "sqlite_errorcode", None)
            if code == _SQLITE_UNIQUE:
                return Fault.CLASH
            if code is not None and (code & 0xFF) in _SQLITE:
                return _SQLITE[code & 0xFF]
            text = str(e).lower()
            if "database is locked" in text:
                return Fault.BUSY
            if "disk is full" in text:
                return Fault.FULL
            if "readonly database" in text:
                return Fault.READ_ONLY
            if "malformed" in text or "not a database" in text:
                return Fault.DAMAGED
        sqlstate = getattr(e, "sqlstate", None)
        if isinstance(sqlstate, str) and sqlstate in _POSTGRES:
            return _POSTGRES[sqlstate]
        if isinstance(e, OSError) and e.errno in _OS:
            return _OS[e.errno]
    return None


_WORDS = {
    Fault.BUSY: (
        "The database is busy: someone else, or another copy of the app, has been saving to it "
        "for a long time. Nothing was saved from this step. Try again in a minute."
    ),
    Fault.CLASH: (
        "Someone else was saving the same items at the same moment, and the app could not "
        "sort it out after several tries. Nothing was saved from this step. Try again."
    ),
    Fault.FULL: (
        "There is no room left on the disk that holds the database, so nothing was saved from "
        "this step. The data already held is safe. Free some space (empty the Recycle Bin, "
        "move or delete large files you no longer need) and try again."
    ),
    Fault.READ_ONLY: (
        "The database cannot be changed: it is read-only, so nothing was saved from this "
        "step. If its file was copied from a CD, a USB stick or an email, copy it into your "
        "own documents first; otherwise right-click the file, choose Properties and untick "
        "Read-only. On a shared PostgreSQL server, ask whoever runs it to allow changes."
    ),
    Fault.DAMAGED: (
        "The database file is damaged: this step could not be done, and nothing was saved "
        "from it. Restore the latest backup with File › Restore database…, or on the command "
        "line commissioner-desk db restore FILE (the app keeps a daily copy in its backups "
        "folder: commissioner-desk db backups lists them)."
    ),
    Fault.CANNOT_OPEN: (
        "The database file could not be opened: its folder may be missing, read-only, or on a "
        "drive that is not connected. Check the drive is connected and try again."
    ),
}


def plain_words(exc: BaseException) -> str | None:
    """What the failure means and what to do about it, or None if it is not one of these.
    An error about a file (a backup's copy to a USB stick, an export) is worded by the one
    place for those, commissioner_desk.files.words."""
    from ..files.words import WriteError, describe

    for e in _chain(exc):
        if isinstance(e, OSError) and (e.filename or isinstance(e, WriteError)):
            return describe(e)
    if refused := next((e for e in _chain(exc) if isinstance(e, DamagedDatabaseError)), None):
        return str(refused)  # names the newest good backup and how to restore it
    fault = fault_of(exc)
    return None if fault is None else _WORDS[fault]


RETRY_ON = frozenset({Fault.BUSY, Fault.CLASH})


def retrying(
    work: Callable[[], T],
    attempts: int = 3,
    on_retry: Callable[[int, Fault], None] | None = None,
) -> T:
    """`work()` (a whole unit of work: its own session and transaction), again after a
    failure caused by someone else's work at the same moment, up to `attempts` times in all.

    Each try starts afresh, so it reads what the other person stored; an import that finds
    its figures already there then reports them as unchanged rather than failing.
    """
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except Exception as exc:
            fault = fault_of(exc)
            if fault not in RETRY_ON or attempt == attempts:
                raise
            log.info("Database %s on try %d of %d; trying again", fault, attempt, attempts)
            if on_retry is not None:
                on_retry(attempt, fault)
    raise AssertionError("unreachable")  # pragma: no cover
