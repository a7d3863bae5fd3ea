"""Run long work off the main thread with a progress dialog; results arrive on the main thread.

The work is a plain core function taking a `Progress` (see commissioner_desk.progress). After
it succeeds the main window's `changed` signal fires, and every open page refreshes from it
(the Anki CollectionOp / OpChanges pattern).

A page's data is read the same way, without a dialog: `Read` (Anki's QueryOp) runs the page's
query step on the thread pool; the page keeps its last content meanwhile.

Quitting calls `finish_all`: work that can stop is cancelled (it rolls back), the rest (a
backup, a restore) is waited for, so the process never ends with a worker still running. A
worker outliving Qt's objects is what aborted the app ("Signal source has been deleted").
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from commissioner_desk.progress import Cancelled

log = logging.getLogger(__name__)
_running: set[Operation | Background | Read] = set()  # started and not yet finished


def finish_all(wait_ms: int = -1) -> bool:
    """Before quitting: cancel what can be cancelled, forget every result nobody will look at,
    and wait for the workers to end. False if they had not after `wait_ms`."""
    for job in list(_running):
        job.abandon()
    finished = QThreadPool.globalInstance().waitForDone(wait_ms)
    finished = read_pool().waitForDone(wait_ms) and finished
    if finished:
        _running.clear()  # their last signals, if ever delivered, find nothing to do
    return finished


_reads: QThreadPool | None = None


def read_pool() -> QThreadPool:
    """Pages' reads have threads of their own: a page never waits behind a backup or a
    file's check, which may hold the shared pool's threads for seconds."""
    global _reads
    if _reads is None:
        _reads = QThreadPool()
        _reads.setMaxThreadCount(2)
    return _reads


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _ThreadProgress:
    """The Progress the worker sees: forwards to the dialog by queued signal, thread-safe."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int, message: str = "") -> None:
        self._signals.progress.emit(done, total, message)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Any], Any], progress: _ThreadProgress, signals: _Signals):
        super().__init__()
        self.fn, self.progress, self.signals = fn, progress, signals

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # reported on the main thread, never lost in the pool
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._send(self.signals.failed, exc)
        else:
            self._send(self.signals.finished, result)

    @staticmethod
    def _send(signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # Qt's side already gone (quitting without finish_all)
            log.debug("A result arrived after its receiver was deleted", exc_info=True)


class Operation(QObject):
    """One piece of long work. Keep a reference until it finishes (the window does)."""

    done = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        fn: Callable[[Any], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._progress = _ThreadProgress(self._signals)
        self._on_success, self._on_failure = on_success, on_failure
        self.dialog = QProgressDialog(title, "Cancel" if cancellable else None, 0, 0, parent)
        self.dialog.setWindowTitle(title.rstrip("…."))
        from PySide6.QtCore import Qt  # here, not at import: see main_window on start-up

        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # quick work never flashes a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._progress.cancel)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._finish_ok)
        self._signals.failed.connect(self._finish_failed)
        self._job = _Job(fn, self._progress, self._signals)
        self._abandoned = False

    def start(self) -> None:
        _running.add(self)
        QThreadPool.globalInstance().start(self._job)

    def abandon(self) -> None:
        """Quitting: stop at the next chance (the work rolls back) and report nothing."""
        self._abandoned = True
        self._progress.cancel()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if message:
            self.dialog.setLabelText(message)

    def _close(self) -> None:
        _running.discard(self)
        self.dialog.reset()
        self.dialog.close()
        self.done.emit()

    def _finish_ok(self, result: Any) -> None:
        self._close()
        if not self._abandoned:
            self._on_success(result)

    def _finish_failed(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, Cancelled) or self._abandoned:
            return  # the user asked (or quit); the work rolled back, nothing to say
        self._on_failure(exc)


class Background(QObject):
    """Work the user need not watch (the daily backup): no dialog, no Cancel; the result or
    the error arrives on the main thread. Parented to a widget, which keeps it alive."""

    def __init__(
        self,
        parent: QObject,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._on_success, self._on_failure = on_success, on_failure
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._job = _Job(lambda _progress: fn(), _ThreadProgress(self._signals), self._signals)
        self.running = False
        self._abandoned = False

    def start(self) -> None:
        self.running = True
        _running.add(self)
        QThreadPool.globalInstance().start(self._job)

    def abandon(self) -> None:
        """Quitting: the work runs to its end (a backup is never left half-written), and its
        result is not reported."""
        self._abandoned = True

    def _finished(self, result: Any) -> None:
        self.running = False
        _running.discard(self)
        if not self._abandoned:
            self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        _running.discard(self)
        if not self._abandoned:
            self._on_failure(exc)


class Read(Background):
    """A query for the screen: `fn(db)` runs on the thread pool and opens its own short
    session(s) (SQLAlchemy's pool gives each thread its own connection; SQLite in WAL mode and
    PostgreSQL both read beside a writer). It changes nothing, so quitting only drops its
    result; `drop()` does the same when the page asked again meanwhile (the newer answer wins).
    """

    def __init__(
        self,
        parent: QObject,
        db: Any,
        fn: Callable[[Any], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent, lambda: fn(db), on_success, on_failure)
        # A page reads on every opening after a change: each read goes once it has answered
        # (after the handlers above), rather than living as long as the window.
        self._signals.finished.connect(self.deleteLater)
        self._signals.failed.connect(self.deleteLater)

    def start(self) -> None:
        self.running = True
        _running.add(self)
        read_pool().start(self._job)

    def drop(self) -> None:
        """Its result is out of date before it arrives: never shown."""
        self._abandoned = True
