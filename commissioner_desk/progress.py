"""Progress and cancellation for long work, without Qt.

Long work is a plain function taking a `Progress`; the UI passes one that forwards to a progress
bar from a worker thread, tests pass `NullProgress` or a recorder.
"""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The user pressed Cancel; the work rolled back whatever it had started."""


class Progress(Protocol):
    def report(self, done: int, total: int, message: str = "") -> None: ...

    def cancelled(self) -> bool: ...


class NullProgress:
    def report(self, done: int, total: int, message: str = "") -> None:
        pass

    def cancelled(self) -> bool:
        return False


def check(progress: Progress) -> None:
    """Call between steps: raises Cancelled when the user asked to stop."""
    if progress.cancelled():
        raise Cancelled()


NO_PROGRESS = NullProgress()  # the default for functions called without a progress bar
