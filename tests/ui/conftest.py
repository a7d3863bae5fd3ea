"""Qt fixtures: a main window on a fresh database; no test may leave worker threads running."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool

from commissioner_desk.workspace import locate
from ui import messages
from ui.operations import read_pool

from .loading import wait_loaded


@pytest.fixture(autouse=True)
def _no_threads_left_behind(qapp) -> Iterator[None]:
    from ui.app import install_garbage_collector

    install_garbage_collector()  # as the app does: never collect Qt garbage in a worker thread
    yield
    for pool in (QThreadPool.globalInstance(), read_pool()):  # pages' reads have their own
        finished = pool.waitForDone(10_000)
        assert finished and pool.activeThreadCount() == 0, "a test left worker threads running"


@pytest.fixture
def problems() -> Iterator[list[str]]:
    """Errors the app would have shown in a message box, collected instead."""
    messages.collected = []
    yield messages.collected
    messages.collected = None


@pytest.fixture
def workspace(tmp_path, sqlite_db):
    return locate(sqlite_db.url, tmp_path / "data", None)


@pytest.fixture
def window(qtbot, workspace, problems):
    from ui.app import create_application
    from ui.main_window import MainWindow

    create_application()
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    win.open_database()
    assert win.db is not None, problems
    wait_loaded(qtbot, win)  # the first page's read, in the background
    yield win
    db = win.db
    win._operations.clear()
    win.close()
    # Delete the window now: closed windows left for later pile up and slow later tests.
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if db is not None:
        db.dispose()
