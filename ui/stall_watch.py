"""How long the event loop was blocked: a timer that checks its own lateness.

A timer due every `interval_ms` that fires late by N ms means nothing ran the event loop for
N ms (a repaint, a click, a keypress would have waited as long). Used by `self-test` and the
page benchmark; it costs a wake-up every few milliseconds, so the app itself does not run it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer


class StallWatch(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 5) -> None:
        super().__init__(parent)
        self.interval = interval_ms / 1000
        self.max_ms = 0.0  # the longest block since started
        self.mark_ms = 0.0  # the longest block since the last mark()
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._tick()
        self._timer.stop()

    def mark(self) -> float:
        """The longest block since the last mark (counting the one in progress), and restart."""
        self._tick()
        longest, self.mark_ms = self.mark_ms, 0.0
        return longest

    def _tick(self) -> None:
        now = time.perf_counter()
        late_ms = max(now - self._last - self.interval, 0.0) * 1000
        self._last = now
        self.max_ms = max(self.max_ms, late_ms)
        self.mark_ms = max(self.mark_ms, late_ms)
