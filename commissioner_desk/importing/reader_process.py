"""Read each file in a process of its own, so a reader that crashes, runs out of memory or
never finishes costs that one file, never the app.

calamine is Rust: a file it cannot lay out ends the process it runs in (a failed allocation
aborts; nothing can be caught), and it cannot be interrupted. The checks made before it is
called (workbook.py) stop the cases known; for the rest, the parse (those checks, calamine,
the rows) runs in a child process started with "spawn" (the one way on Windows; the frozen
app hands the child to multiprocessing with freeze_support() in ui/__main__.py), its memory
capped (memory_cap.py) and its output kept out of the user's terminal. From here the child is
watched: Cancel and the time limit kill it, and one that dies or runs out of memory becomes a
"could not be read" naming the file. The plan, the layouts and everything after stay here.

One child serves file after file, and is kept for the next batch (starting one costs about
half a second); it is replaced when it has died, was killed, or has grown large.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection, wait
from pathlib import Path

from commissioner_desk.progress import Progress, check

from .errors import WorkbookError
from .memory_cap import cap_memory, peak_memory
from .workbook import Workbook, parse_workbook

# The most a reader process may hold (issue 16: under 1 GB for any file). Measured: 500 MB of
# address space for a million rows of forces and figures, 800 MB for an .xls declaring the
# most cells an .xls sheet holds (calamine sets room aside for them all).
MEMORY_CAP = 1 << 30
RETIRE_AT = 400 << 20  # a child that has held more is replaced, to give the memory back
POLL = 0.05  # seconds between looks at Cancel and the time limit while the child reads
REPORTS_EVERY = 0.1  # seconds: the child's progress reports, at most this often
# What reads a file in the child: a function (path, bytes, progress) -> Workbook, found by
# name there. Tests put a reader that crashes, hangs or allocates without end in its place.
READER = parse_workbook
last_peak = 0  # bytes: the most the reader process had held after the last file it read


def parse(path: Path, data: bytes, progress: Progress) -> Workbook:
    """parse_workbook(path, data, progress), in a reader process. Raises WorkbookError (the
    reader's own refusals, and "could not be read" when it died, ran out of memory or ran past
    the time limit `progress` carries) and Cancelled."""
    worker = _borrow(path.name)
    try:
        return worker.read(path, data, progress)
    finally:
        _give_back(worker)


def stop_readers() -> None:
    """Stop the reader processes kept for the next batch (at exit, and in tests)."""
    with _lock:
        idle = list(_idle)
        _idle.clear()
    for worker in idle:
        worker.stop()


class _Worker:
    def __init__(self, name: str) -> None:
        context = multiprocessing.get_context("spawn")
        handle, self.log = tempfile.mkstemp(prefix="commissioner-desk-reader-", suffix=".log")
        os.close(handle)
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, MEMORY_CAP, self.log), name="reader", daemon=True
        )
        self.retire = False
        try:
            self.process.start()
        except (OSError, ValueError, RuntimeError) as exc:
            self.stop()
            raise WorkbookError(
                f"{name} could not be read: the app could not start the process that reads "
                f"spreadsheets ({' '.join(str(exc).split())}). Close the app, open it again "
                "and try once more."
            ) from None
        finally:
            child.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def read(self, path: Path, data: bytes, progress: Progress) -> Workbook:
        try:
            kind, value, peak = self._exchange(path, data, progress)
        except BaseException:
            self.stop()  # cancelled, out of time, crashed: what it was doing is unknown
            raise
        global last_peak
        last_peak, self.retire = peak, peak > RETIRE_AT
        if kind == "done":
            return value
        raise WorkbookError(value)  # the reader's own refusal, in words naming the file

    def _exchange(self, path: Path, data: bytes, progress: Progress) -> tuple[str, object, int]:
        check(progress)
        try:
            self.conn.send((READER, path))
            self.conn.send_bytes(data)  # straight from `data`: no pickled copy
        except OSError:
            raise self._died(path.name) from None
        while True:
            ready = wait([self.conn, self.process.sentinel], POLL)
            if self.conn in ready:
                try:
                    message = self.conn.recv()
                except (EOFError, OSError):
                    raise self._died(path.name) from None
                if message[0] == "report":
                    progress.report(*message[1:])
                elif message[0] in ("done", "error"):
                    return message
                elif message[0] == "memory":
                    raise _out_of_memory(path.name)
                else:
                    raise _unexpected(path.name, message[1])
            elif ready:
                raise self._died(path.name)
            check(progress)

    def _died(self, name: str) -> WorkbookError:
        self.process.join(5)
        with contextlib.suppress(OSError), open(self.log, "rb") as log:
            log.seek(max(0, os.path.getsize(self.log) - 4096))
            if b"memory allocation of" in log.read():  # Rust's words as it aborts
                return _out_of_memory(name)
        return WorkbookError(
            f"{name} could not be read: the spreadsheet reader stopped part-way through it, so "
            "the file may be damaged. Open it in Excel and save a new copy, or ask the sender "
            "for it again."
        )

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        if self.process.pid is not None:
            self.process.join(5)
        self.conn.close()
        with contextlib.suppress(OSError):
            os.unlink(self.log)


def _out_of_memory(name: str) -> WorkbookError:
    return WorkbookError(
        f"{name} could not be read: reading it needed more memory than the app gives one file "
        f"({MEMORY_CAP >> 30} GB). A stray entry far below or to the right of a table can make "
        "a sheet enormous: open the file in Excel, press Ctrl+End on each sheet to find its "
        "last cell, delete what should not be there, save it and import it again. If the file "
        "is damaged, ask the sender for it again."
    )


def _unexpected(name: str, detail: object) -> WorkbookError:
    return WorkbookError(
        f"{name} could not be read: the app met something in it that it was not made for "
        f"({detail}). Open it in Excel and save a new copy; if that does not help, send the "
        "file to whoever looks after the app."
    )


_lock = threading.Lock()
_idle: list[_Worker] = []
atexit.register(stop_readers)


def _borrow(name: str) -> _Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.alive():
                return worker
            worker.stop()
    return _Worker(name)


def _give_back(worker: _Worker) -> None:
    if worker.alive() and not worker.retire:
        with _lock:
            if not _idle:  # one kept: a second is only ever needed while two batches run
                _idle.append(worker)
                return
    worker.stop()


# The child's side.


class _Relay:
    """The Progress the reader is given in the child: reports go to the app (a few a second);
    Cancel is the app's to act on, by ending this process."""

    def __init__(self, conn: Connection) -> None:
        self.conn, self.last = conn, 0.0

    def report(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if now - self.last >= REPORTS_EVERY or done >= total:
            self.conn.send(("report", done, total, message))
            self.last = now

    def cancelled(self) -> bool:
        return False


def _serve(conn: Connection, cap: int, log: str) -> None:
    """The reader process: read each file the app sends until the app goes away."""
    _quiet(log)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is the app's to handle
    cap_memory(cap)
    while True:
        try:
            reader, path = conn.recv()
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            reply: tuple = ("done", reader(path, data, _Relay(conn)))
        except WorkbookError as exc:
            reply = ("error", str(exc))
        except MemoryError:
            reply = ("memory", "")
        except Exception as exc:
            reply = ("failed", f"{type(exc).__name__}: {exc}")
        del data
        try:
            conn.send((*reply, peak_memory()))
        except MemoryError:
            conn.send(("memory", "", peak_memory()))


def _quiet(log: str) -> None:
    """Send what the child writes to its error stream (Rust's words as it aborts) to `log`,
    for the app to read, rather than to the user's terminal."""
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
    os.dup2(fd, 2)
    os.close(fd)
    if sys.platform == "win32":  # Rust writes to the Windows handle, not to descriptor 2
        import ctypes
        import msvcrt

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetStdHandle(-12, msvcrt.get_osfhandle(2))  # STD_ERROR_HANDLE
