"""Pages read in the background: the window asks a page for its query step, runs it with
operations.Read, and gives the result to the page on the UI thread, so a page open never holds
the window up while it reads.

One read per page at a time: asking again (the page's choices changed, the database changed)
drops the read in flight, whose result would be out of date. A load that takes longer than a
glance shows a light "Loading…" (in the window's status bar: over the page it would cover a
button) while the page keeps its last content; a quick one shows nothing, so nothing flashes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from .operations import Read

if TYPE_CHECKING:
    from .pages.base import Page, Query

SLOW_MS = 150  # below this a load shows no "Loading…": it would only flash


class PageLoader(QObject):
    loaded = Signal(str)  # a page's data is on screen: its key
    failed = Signal(str, object)  # a page's read failed: its key, the error
    slow = Signal()  # a page's read began or stopped being slow: see Page.is_loading

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._reads: dict[str, tuple[Read, Page, float]] = {}  # key → read in flight
        self.seconds: dict[str, float] = {}  # key → asked to shown, its last load

    def busy(self, key: str | None = None) -> bool:
        """A read in flight (for `key`, or for any page)."""
        return key in self._reads if key else bool(self._reads)

    def load(self, page: Page, db: Any, query: Query) -> None:
        self.drop(page.key)
        asked = time.perf_counter()
        read = Read(
            self,
            db,
            query,
            on_success=lambda data: self._arrived(read, data),
            on_failure=lambda exc: self._failed(read, exc),
        )
        self._reads[page.key] = (read, page, asked)
        QTimer.singleShot(SLOW_MS, self, lambda: self._still_loading(read))
        read.start()

    def drop(self, key: str | None = None) -> None:
        """Forget the read in flight for `key` (every read: None); its result is never shown."""
        for k in [key] if key else list(self._reads):
            entry = self._reads.pop(k, None) if k else None
            if entry is not None:
                entry[0].drop()
                self._set_loading(entry[1], False)

    def _current(self, read: Read) -> tuple[Page, float] | None:
        for key, (r, page, asked) in self._reads.items():
            if r is read:
                del self._reads[key]
                self._set_loading(page, False)
                return page, asked
        return None  # dropped meanwhile (Read.drop keeps it from coming here, but be sure)

    def _still_loading(self, read: Read) -> None:
        for r, page, _asked in self._reads.values():
            if r is read:
                self._set_loading(page, True)

    def _set_loading(self, page: Page, loading: bool) -> None:
        if page.is_loading() != loading:
            page.set_loading(loading)
            self.slow.emit()

    def _arrived(self, read: Read, data: Any) -> None:
        found = self._current(read)
        if found is None:
            return
        page, asked = found
        try:
            page.show_data(data)
        except Exception as exc:
            self.failed.emit(page.key, exc)
            return
        self.seconds[page.key] = time.perf_counter() - asked
        self.loaded.emit(page.key)

    def _failed(self, read: Read, exc: BaseException) -> None:
        found = self._current(read)
        if found is not None:
            self.failed.emit(found[0].key, exc)


def when_loaded(loader: PageLoader, key: str, then: Callable[[], None]) -> None:
    """Call `then` once `key`'s data is shown (now, if nothing is loading for it); never, if
    its read fails (the failure is reported; a later load must not run it by surprise)."""
    if not loader.busy(key):
        then()
        return

    def done(shown: str) -> None:
        if shown == key:
            forget()
            then()

    def failed(failed_key: str, _exc: object) -> None:
        if failed_key == key:
            forget()

    def forget() -> None:
        loader.loaded.disconnect(done)
        loader.failed.disconnect(failed)

    loader.loaded.connect(done)
    loader.failed.connect(failed)
