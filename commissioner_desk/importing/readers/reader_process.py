"""Read each file in a process of its own, so a reader that crashes, runs out of memory or
never finishes costs that one file, never the app.

calamine is Rust: a file it cannot lay out ends the process it runs in (a failed allocation
aborts; nothing can be caught), and it cannot be interrupted. The checks made before it is
called (workbook.py) stop the cases known; for the rest, the parse (those checks, calamine,
the rows) runs in a reader process started with "spawn" (the one way on Windows; the frozen
app hands that process to multiprocessing with freeze_support() in ui/__main__.py), its
memory capped and its error stream kept out of the user's terminal (reader_child.py). From
here it is watched: Cancel and the time limit end it, and one that dies or runs out of memory
becomes a "could not be read" naming the file. The plan, the layouts and everything after stay
in the app.

One reader process serves a batch (`Reading`), and is kept for the next (starting one costs
about half a second); it is replaced when it has died, was ended, or has grown large. The next
file of a batch is sent ahead, to be read while the app works on the one before.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import tempfile
import threading
from collections import deque
from multiprocessing.connection import wait
from pathlib import Path

from commissioner_desk.progress import Progress, check

from .errors import WorkbookError
from .reader_child import serve
from .source_file import read_file_bytes
from .workbook import Workbook, parse_workbook

# The most a reader process may hold (issue 16: under 1 GB for any file). Measured: 500 MB of
# address space for a million rows of forces and figures, 800 MB for an .xls declaring the
# most cells an .xls sheet holds (calamine sets room aside for them all).
MEMORY_CAP = 1 << 30
RETIRE_AT = 400 << 20  # a reader process that has held more is replaced, to give it back
POLL = 0.05  # seconds between looks at Cancel and the time limit while a file is read
# What reads a file in the reader process: a function (path, bytes, progress) -> Workbook,
# found there by name. Tests put one that crashes, hangs or allocates without end in its place.
READER = parse_workbook
last_peak = 0  # bytes: the most the reader process had held after the last file it read


def parse(path: Path, data: bytes, progress: Progress) -> Workbook:
    """parse_workbook(path, data, progress), in a reader process. Raises WorkbookError (the
    reader's own refusals, and "could not be read" when it died, ran out of memory or ran past
    the time limit `progress` carries) and Cancelled."""
    with Reading() as reading:
        return reading.parse(path, data, progress)


class Reading:
    """The reader process of a batch of files. `ahead(path)` sends a file to be read next,
    while the app works on the one before; `parse` then takes its result (or sends the file
    now, when it was not sent ahead). Close it (or use `with`) when the batch is done."""

    def __init__(self) -> None:
        self.worker: _Worker | None = None

    def __enter__(self) -> Reading:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.worker is not None and not self.worker.pending:
            _give_back(self.worker)
            self.worker = None
        self._drop()  # a file sent ahead that nobody asked for: still being read

    def ahead(self, path: Path) -> None:
        """Send `path` to be read after the files already sent. Anything wrong with the file
        is left for when it is planned."""
        if self.worker is not None and len(self.worker.pending) > 1:
            return  # one file ahead is enough to keep both sides busy
        try:
            data = read_file_bytes(path)
        except WorkbookError:
            return
        try:
            self._worker(path.name).send(path, data)
        except WorkbookError:
            self._drop()  # it died: the file is sent again when it is asked for

    def sent(self, path: Path) -> bytes | None:
        """The bytes of `path` as they were sent ahead to be read next, if they were: the file
        is then not read from disk again, and the plan's hash is of the very bytes read."""
        worker = self.worker
        if worker is not None and worker.pending and worker.pending[0][0] == path:
            return worker.pending[0][1]
        return None

    def parse(self, path: Path, data: bytes, progress: Progress) -> Workbook:
        check(progress)
        worker = self._worker(path.name)
        if worker.pending and not (worker.pending[0][0] == path and worker.pending[0][1] == data):
            self._drop()  # sent ahead but not asked for, or changed since: start afresh
            worker = self._worker(path.name)
        try:
            if not worker.pending:
                worker.send(path, data)
            kind, value, peak = worker.receive(path.name, progress)
        except BaseException:
            self._drop()  # cancelled, out of time, died: what it was doing is unknown
            raise
        global last_peak
        last_peak = peak
        worker.retire |= peak > RETIRE_AT
        if worker.retire and not worker.pending:
            self._drop()
        if kind == "done":
            return value
        raise WorkbookError(value)  # the reader's own refusal, in words naming the file

    def _worker(self, name: str) -> _Worker:
        if self.worker is None or not self.worker.alive():
            self._drop()
            self.worker = _borrow(name)
        return self.worker

    def _drop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None


def start_reader() -> None:
    """Start a reader process now, to be ready by the time the first file is read (it takes
    about a third of a second to start): the command line starts one before it opens the
    database."""
    with contextlib.suppress(WorkbookError):
        _give_back(_borrow("the first file"))


def stop_readers() -> None:
    """Stop the reader processes kept for the next batch (at exit, and in tests)."""
    with _lock:
        idle = list(_idle)
        _idle.clear()
    for worker in idle:
        worker.stop()


class _Worker:
    """One reader process, the files sent to it and not yet answered, in order."""

    def __init__(self, name: str) -> None:
        context = multiprocessing.get_context("spawn")
        handle, self.log = tempfile.mkstemp(prefix="commissioner-desk-reader-", suffix=".log")
        os.close(handle)
        requests, self.requests = context.Pipe(duplex=False)
        self.replies, replies = context.Pipe(duplex=False)
        self.process = context.Process(
            target=serve, args=(requests, replies, MEMORY_CAP, self.log), name="reader"
        )
        self.process.daemon = True
        self.pending: deque[tuple[Path, bytes]] = deque()
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
            requests.close()
            replies.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def send(self, path: Path, data: bytes) -> None:
        try:
            self.requests.send((READER, path))
            self.requests.send_bytes(data)  # straight from `data`: no pickled copy
        except OSError:
            raise self._died(path.name) from None
        self.pending.append((path, data))

    def receive(self, name: str, progress: Progress) -> tuple[str, object, int]:
        """The reply to the first file pending: ("done", workbook, peak) or ("error", words,
        peak). Raises WorkbookError when the process died or failed, and whatever `progress`
        raises (Cancelled, the time limit) between looks."""
        while True:
            ready = wait([self.replies, self.process.sentinel], POLL)
            if self.replies in ready:
                try:
                    message = self.replies.recv()
                except (EOFError, OSError):
                    raise self._died(name) from None
                if message[0] == "report":
                    progress.report(*message[1:])
                    continue
                self.pending.popleft()
                if message[0] in ("done", "error"):
                    return message
                if message[0] == "memory":
                    raise _out_of_memory(name)
                raise _unexpected(name, message[1])
            if ready:
                raise self._died(name)
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
        self.requests.close()
        self.replies.close()
        self.pending.clear()
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
