"""Helpers for the fault tests: the app's command line in a child process, waiting for it to
reach a state by polling, and what a SQLite file holds."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..cli_run import REPO, _env

CHILD = "tests.core.reliability.fault_child"


def start(module_args: list[str], log: Path) -> subprocess.Popen:
    """`python -m MODULE ARGS…` (the app's `ui`, or fault_child) in the background; its output
    goes to `log`, so a full pipe can never stall it."""
    with log.open("w", encoding="utf-8") as out:  # the child holds its own copy
        return subprocess.Popen(
            [sys.executable, "-m", *module_args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(),
            cwd=REPO,
        )


def run_child(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """fault_child with `args`, to the end (a SIGKILL it gives itself included)."""
    return subprocess.run(
        [sys.executable, "-m", CHILD, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        cwd=REPO,
        timeout=timeout,
    )


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    """Poll until `condition()` holds; fail naming `what` after `timeout` seconds."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def sigkill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def sqlite_rows(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted: the whole content of the file, to compare exactly."""
    con = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%' ORDER BY name"
            )
        ]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def sqlite_counts(path: Path, tables: tuple[str, ...]) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def disk_full_after_one_page(monkeypatch) -> None:
    """Every SQLite online backup writes one page, then fails as a full disk does (SQLite's
    words, naming no file)."""
    real_backup, real_connect = sqlite3.Connection.backup, sqlite3.connect

    class NoRoom(sqlite3.Connection):
        def backup(self, target, **kwargs):
            real_backup(self, target, pages=1)
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite3, "connect", lambda *a, **kw: real_connect(*a, factory=NoRoom, **kw))


def one_message(stderr: str) -> str:
    """The one line a failed command prints; no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("commissioner-desk: ")]
    assert len(lines) == 1, stderr
    return lines[0]
