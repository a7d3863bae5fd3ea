"""Pages read in the background (ui/page_loading.py): tests wait for the reads to be shown,
never sleep."""

from __future__ import annotations


def wait_loaded(qtbot, window, timeout: int = 10_000) -> None:
    """Until no page's read is in flight: every page asked for shows its data."""
    qtbot.waitUntil(lambda: not window.loader.busy(), timeout=timeout)


def open_page(qtbot, window, key: str):
    """Show the page `key` and wait for its data."""
    window.show_page(key)
    wait_loaded(qtbot, window)
    return window.page(key)


def refreshed(qtbot, window):
    """The current page read again (View › Refresh) and shown."""
    window.refresh_current()
    wait_loaded(qtbot, window)
    return window.current_page()


def changed(qtbot, window) -> None:
    """The database changed: the current page reads again; wait for it."""
    window.notify_changed()
    wait_loaded(qtbot, window)


def wait_loaded_without_qtbot(window, timeout: int = 10_000) -> None:
    """wait_loaded for helpers called without qtbot: runs the event loop (no sleeping) until no
    page's read is in flight; fails after `timeout` ms."""
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout / 1000
    while window.loader.busy():
        assert time.monotonic() < deadline, "a page's read was not shown in time"
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
