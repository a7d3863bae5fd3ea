"""A time limit on reading one file, so a pathological file cannot keep the app busy for ever.

`TimeLimit` wraps the Progress the work already checks for Cancel: the same checks, between
rows, sheets and pieces of XML, stop the work with a WorkbookError once the limit has passed.
What calamine does inside one call cannot be interrupted, but it runs in the reader process,
which the app watching it ends once the limit has passed (reader_process.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from commissioner_desk.progress import Progress

from .errors import WorkbookError

PARSE_TIME_LIMIT = 120.0  # seconds; a return or a published table reads in a few


class TimeLimit:
    """A Progress whose `cancelled()` raises WorkbookError once `seconds` have passed since it
    was made, and otherwise asks the Progress it wraps."""

    def __init__(
        self,
        outer: Progress,
        file_name: str,
        seconds: float = PARSE_TIME_LIMIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.outer, self.file_name, self.seconds, self.clock = outer, file_name, seconds, clock
        self.started = clock()

    def report(self, done: int, total: int, message: str = "") -> None:
        self.outer.report(done, total, message)

    def cancelled(self) -> bool:
        if self.clock() - self.started > self.seconds:
            raise WorkbookError(
                f"{self.file_name} took longer than {_duration(self.seconds)} to read, so the "
                "app stopped reading it. A return or a published table reads in seconds: the "
                "file may be damaged, or far larger than it looks. Open it in Excel, copy the "
                "table of figures into a new workbook and import that."
            )
        return self.outer.cancelled()


def _duration(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} seconds"
