"""Database failures as the drivers really raise them, sorted into kinds and put into words;
and the bounded retry when someone else's work got in the way."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from commissioner_desk.db.database import Database
from commissioner_desk.db.failures import Fault, fault_of, plain_words, retrying
from commissioner_desk.db.models import Organisation


def _add_organisation(db: Database, name: str = "Unseen Ltd") -> None:
    with db.session() as s:
        s.add(Organisation(name=name, kind="ngo"))


def _raised(fn) -> BaseException:
    with pytest.raises(Exception) as info:
        fn()
    return info.value


def _on_every_connection(db: Database, sql: str) -> None:
    db.engine.dispose()  # connections made from now on run `sql` first

    @event.listens_for(db.engine, "connect")
    def _run(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(sql)
        cur.close()


def test_a_full_sqlite_database_is_a_full_disk(sqlite_db):
    with sqlite_db.engine.connect() as c:
        pages = c.exec_driver_sql("PRAGMA page_count").scalar()
    _on_every_connection(sqlite_db, f"PRAGMA max_page_count = {pages}")

    def fill() -> None:
        with sqlite_db.session() as s:
            s.add_all(Organisation(name=f"Org {n} " + "x" * 500, kind="ngo") for n in range(500))

    exc = _raised(fill)
    assert fault_of(exc) is Fault.FULL
    assert "no room left on the disk" in plain_words(exc)


def test_a_read_only_sqlite_database(sqlite_db):
    _on_every_connection(sqlite_db, "PRAGMA query_only = 1")
    exc = _raised(lambda: _add_organisation(sqlite_db))
    assert fault_of(exc) is Fault.READ_ONLY
    assert "read-only" in plain_words(exc)


def test_a_busy_sqlite_database(sqlite_db):
    path = sqlite_db.info.path
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing for a long time
    try:
        _on_every_connection(sqlite_db, "PRAGMA busy_timeout = 50")
        exc = _raised(lambda: _add_organisation(sqlite_db))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert fault_of(exc) is Fault.BUSY
    assert "busy" in plain_words(exc) and "database is locked" not in plain_words(exc)


def test_a_damaged_sqlite_file(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database, only some text written over it" * 100)
    db = Database(f"sqlite:///{bad.as_posix()}")
    try:
        exc = _raised(lambda: db.engine.connect().execute(text("SELECT 1")))
    finally:
        db.dispose()
    assert fault_of(exc) is Fault.DAMAGED
    assert "Restore the latest backup" in plain_words(exc)


@pytest.mark.postgres
def test_a_read_only_postgresql_database(postgres):
    import uuid

    name = f"cd_ro_{uuid.uuid4().hex[:8]}"
    db = Database(postgres.create(name, template=postgres.template))
    try:  # as whoever runs the server would make it read-only
        postgres._exec(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
        exc = _raised(lambda: _add_organisation(db))
    finally:
        db.dispose()
        postgres.drop(name)
    assert fault_of(exc) is Fault.READ_ONLY
    assert "ask whoever runs it" in plain_words(exc)


def test_two_people_storing_the_same_row_is_a_clash(db):
    _add_organisation(db, "Same Name")
    exc = _raised(lambda: _add_organisation(db, "Same Name"))
    assert fault_of(exc) is Fault.CLASH


class _Driver(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"server said {sqlstate}")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("exc", "fault"),
    [
        (_Driver("53100"), Fault.FULL),  # PostgreSQL: the server's disk is full
        (_Driver("40P01"), Fault.CLASH),  # deadlock: the server stopped one of two
        (_Driver("40001"), Fault.CLASH),  # could not serialise
        (OSError(errno.ENOSPC, "No space left on device"), Fault.FULL),
        (OSError(errno.EROFS, "Read-only file system"), Fault.READ_ONLY),
        (OperationalError("INSERT", {}, _Driver("53100")), Fault.FULL),  # as SQLAlchemy wraps it
        (ValueError("a bad date"), None),
        (OSError(errno.ENOENT, "No such file"), None),
    ],
)
def test_errors_without_a_real_fault_to_hand(exc, fault):
    assert fault_of(exc) is fault
    assert (plain_words(exc) is None) == (fault is None)


def test_a_full_disk_elsewhere_is_named():
    exc = OSError(errno.ENOSPC, "No space left on device", "E:/desk-backup.sqlite3")
    words = plain_words(exc)
    assert "no room left on the disk to write E:/desk-backup.sqlite3" in words
    assert "so it was not written" in words


def test_a_fault_raised_from_another_is_found():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("copy failed") from inner
    except RuntimeError as outer:
        assert fault_of(outer) is Fault.FULL


def test_retrying_tries_again_after_someone_elses_work_then_gives_up():
    calls = []

    def busy_twice():
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "stored"

    assert retrying(busy_twice) == "stored" and len(calls) == 3
    calls.clear()

    def always_busy():
        calls.append(1)
        raise sqlite3.OperationalError("database is locked")

    exc = _raised(lambda: retrying(always_busy, attempts=2))
    assert fault_of(exc) is Fault.BUSY and len(calls) == 2  # two tries, no more


def test_retrying_does_not_repeat_other_failures():
    calls = []

    def full():
        calls.append(1)
        raise OSError(errno.ENOSPC, "No space left on device")

    _raised(lambda: retrying(full))
    assert len(calls) == 1  # trying again would fill nothing but the log
