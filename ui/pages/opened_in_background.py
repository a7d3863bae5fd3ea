"""Pages whose refresh is quick enough on the UI thread except when the page is being opened:
a page switch also builds and lays out the page, and the two together held the window up for
more than 50 ms (issue 17). Such a page reads in the background only then; its other refreshes
(after its own edits) stay on the UI thread, where its widgets and the user's next click expect
the saved change shown at once."""

from __future__ import annotations

from PySide6.QtCore import QTimer


class OpenedInBackground:
    """Mixed into a Page, first (a plain class: PySide6 takes one Qt base). `opening()` is
    True from the page being shown until the event loop next turns, which covers the window's
    refresh_current() in the same page switch."""

    _opening = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._opening = True
        QTimer.singleShot(0, self, self._opened)

    def _opened(self) -> None:
        self._opening = False

    def opening(self) -> bool:
        return self._opening
