"""Run by the fault tests in a child process: the app's own command line, with a fault
arranged inside it. `python -m tests.core.reliability.fault_child FAULT ARG -- CLI-ARGS...`

  kill-at POINT   SIGKILL itself at that step of a database upgrade (see POINTS), or of a
                  restore ("restore-midway": some tables emptied and refilled, not all)
  disk-full N     SQLite may grow the database by only N more pages (PRAGMA max_page_count),
                  as if the disk filled up
  reader SECONDS  files are read by fake_readers.faulty (crash, hang… by the file's name),
                  each stopped after SECONDS
  read-only -     the database file as a read-only file is to anyone but root (the tests run
                  as root in CI, which chmod cannot stop): the operating system says it is not
                  writable and SQLite opens it read-only
  windows -       the path checks of Windows (a path over 259 characters is refused)
  excel-lock -    an existing file cannot be replaced, as Windows refuses while Excel or
                  Word has it open (a sharing violation, winerror 32)
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path

POINTS = ("copying", "after-first-table", "midway", "before-commit")


def _die() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def kill_at(point: str) -> None:
    from alembic import command
    from alembic.operations import Operations

    from commissioner_desk.db import migrate

    if point == "copying":  # part-way through the copy taken before the upgrade

        def copy_part(source: Path, target: Path) -> None:
            part = sqlite3.connect(target.with_name(target.name + ".part"))
            with sqlite3.connect(source) as src:
                src.backup(part, pages=4, progress=lambda *_: _die())

        migrate.copy_sqlite = copy_part
    elif point == "after-first-table":  # 0004 made search_documents, not yet its index
        execute = Operations.execute

        def execute_then_die(self, sql, *args, **kwargs):
            if str(sql).startswith("CREATE VIRTUAL TABLE"):
                _die()
            return execute(self, sql, *args, **kwargs)

        Operations.execute = execute_then_die
    elif point == "midway":  # 0004 done and backfilled, 0005 half done
        create_table = Operations.create_table

        def create_then_die(self, name, *args, **kwargs):
            if name == "practices":
                _die()
            return create_table(self, name, *args, **kwargs)

        Operations.create_table = create_then_die
    elif point == "restore-midway":
        from commissioner_desk.db import backup

        copy_rows = backup._copy_rows

        class DieAtTable:
            def report(self, done: int, total: int, message: str = "") -> None:
                if done >= 10:
                    _die()

            def cancelled(self) -> bool:
                return False

        def copy_then_die(src, dst, progress, *rest):
            if str(dst.engine.url.database).endswith(".part"):
                return copy_rows(src, dst, progress, *rest)  # the safety copy (PostgreSQL)
            return copy_rows(src, dst, DieAtTable(), *rest)

        backup._copy_rows = copy_then_die
    elif point == "before-commit":  # every step done, the transaction not yet committed
        upgrade = command.upgrade

        def upgrade_then_die(*args, **kwargs):
            upgrade(*args, **kwargs)
            _die()

        command.upgrade = upgrade_then_die
    else:
        raise SystemExit(f"unknown point {point}; one of {', '.join(POINTS)}, restore-midway")


def disk_full(pages: int) -> None:
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    @event.listens_for(Pool, "connect")
    def _limit(dbapi_conn, _record) -> None:
        if isinstance(dbapi_conn, sqlite3.Connection):
            size = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {size + pages}")


def read_only() -> None:
    from commissioner_desk.settings import DB_FILE_NAME

    def ours(path) -> bool:
        return isinstance(path, (str, Path)) and str(path).endswith(DB_FILE_NAME)

    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        if ours(database) and not kwargs.get("uri"):
            uri = f"file:{Path(database).as_posix()}?mode=ro"
            return real_connect(uri, *args, uri=True, **kwargs)
        return real_connect(database, *args, **kwargs)

    sqlite3.connect = sqlite3.dbapi2.connect = connect  # SQLAlchemy uses dbapi2's
    real_access = os.access
    os.access = lambda path, mode, **kw: (
        False if ours(path) and mode & os.W_OK else real_access(path, mode, **kw)
    )


def windows() -> None:
    from commissioner_desk.files import safe_write

    safe_write.WINDOWS = True


def excel_lock() -> None:
    class SharingViolation(PermissionError):
        winerror = 32  # ERROR_SHARING_VIOLATION; Python sets it only on Windows

    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).exists():
            raise SharingViolation(13, "The process cannot access the file", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace


def reader(seconds: str) -> None:
    """Files are read by fake_readers.faulty (a crash, a hang… chosen by the file's name), each
    stopped after `seconds`."""
    from commissioner_desk.importing import many
    from commissioner_desk.importing.readers import reader_process

    from . import fake_readers

    reader_process.READER = fake_readers.faulty
    many.plan_files.__kwdefaults__["time_limit"] = float(seconds)


def main(argv: list[str]) -> int:
    fault, arg, sep, *cli_args = argv
    assert sep == "--", "usage: FAULT ARG -- CLI-ARGS"
    if fault == "kill-at":
        kill_at(arg)
    elif fault == "disk-full":
        disk_full(int(arg))
    elif fault == "read-only":
        read_only()
    elif fault == "windows":
        windows()
    elif fault == "excel-lock":
        excel_lock()
    elif fault == "reader":
        reader(arg)
    else:
        raise SystemExit(f"unknown fault {fault}")
    from ui.cli import main as cli_main

    return cli_main(cli_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
