"""The reader process's side of reader_process.py: read each file the app sends, until the app
goes away. Runs in a process of its own, started with "spawn"; imports only what reading needs.

Requests (the reader to use and the file's path, then its bytes) are taken off the pipe by a
thread as they come, so the app never waits to send the next file while this process sends
back the last one; replies go back in order on a pipe of their own.
"""

from __future__ import annotations

import os
import queue
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection

from .errors import WorkbookError
from .memory_cap import cap_memory, peak_memory

REPORTS_EVERY = 0.1  # seconds: progress reports, at most this often


class _Relay:
    """The Progress a reader is given here: reports go to the app (a few a second); Cancel is
    the app's to act on, by ending this process."""

    def __init__(self, replies: Connection) -> None:
        # Nothing in a file's first moments: most files are read by then, and each report
        # costs the app a wake-up.
        self.replies, self.last = replies, time.monotonic()

    def report(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if now - self.last >= REPORTS_EVERY:
            self.replies.send(("report", done, total, message))
            self.last = now

    def cancelled(self) -> bool:
        return False


def serve(requests: Connection, replies: Connection, cap: int, log: str) -> None:
    """Read each file sent on `requests`, replying on `replies`, under a memory cap of `cap`
    bytes, with the error stream going to the file `log`."""
    _quiet(log)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is the app's to handle
    cap_memory(cap)
    waiting: queue.Queue = queue.Queue()
    threading.Thread(target=_take, args=(requests, waiting), daemon=True).start()
    while (request := waiting.get()) is not None:
        reader, path, data = request
        try:
            reply: tuple = ("done", reader(path, data, _Relay(replies)))
        except WorkbookError as exc:
            reply = ("error", str(exc))
        except MemoryError:
            reply = ("memory", "")
        except Exception as exc:
            reply = ("failed", f"{type(exc).__name__}: {exc}")
        del request, data
        try:
            replies.send((*reply, peak_memory()))
        except MemoryError:
            replies.send(("memory", "", peak_memory()))


def _take(requests: Connection, waiting: queue.Queue) -> None:
    try:
        while True:
            reader, path = requests.recv()
            waiting.put((reader, path, requests.recv_bytes()))
    except (EOFError, OSError):
        waiting.put(None)  # the app has gone


def _quiet(log: str) -> None:
    """Send what this process writes to its error stream (Rust's words as it aborts) to `log`,
    for the app to read, rather than to the user's terminal."""
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
    os.dup2(fd, 2)
    os.close(fd)
    if sys.platform == "win32":  # Rust writes to the Windows handle, not to descriptor 2
        import ctypes
        import msvcrt

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetStdHandle(-12, msvcrt.get_osfhandle(2))  # STD_ERROR_HANDLE
