"""Run long work off the main thread with a progress dialog; results arrive on the main thread.

The work is a plain core function taking a `Progress` (see commissioner_desk.progress). After
it succeeds the main window's `changed` signal fires, and every open page refreshes from it
(the Anki CollectionOp / OpChanges pattern).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from commissioner_desk.progress import Cancelled


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
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


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

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._job)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if message:
            self.dialog.setLabelText(message)

    def _close(self) -> None:
        self.dialog.reset()
        self.dialog.close()
        self.done.emit()

    def _finish_ok(self, result: Any) -> None:
        self._close()
        self._on_success(result)

    def _finish_failed(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, Cancelled):
            return  # the user asked; the work rolled back, nothing to say
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

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self._job)

    def _finished(self, result: Any) -> None:
        self.running = False
        self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._on_failure(exc)
