"""Slow reads shared between pages (ui/read_cache.py): read once per state of the database,
read again after a change or View › Refresh, never stored by a read older than the change."""

from __future__ import annotations

import threading
from datetime import date

from PySide6.QtCore import QThreadPool
from sqlalchemy.orm import Session

from commissioner_desk.demo import load_demo
from commissioner_desk.published import table_views
from tests.ui.loading import changed, open_page, wait_loaded
from ui import read_cache


def test_read_once_until_cleared():
    read_cache.clear()
    calls = []

    def read():
        calls.append(1)
        return object()

    first = read_cache.cached("k", read)
    assert read_cache.cached("k", read) is first and len(calls) == 1
    read_cache.clear()
    assert read_cache.cached("k", read) is not first and len(calls) == 2


def test_a_read_older_than_a_clear_is_not_kept():
    read_cache.clear()
    started, go = threading.Event(), threading.Event()
    results = []

    def slow():
        started.set()
        go.wait(5)
        return "before the change"

    worker = threading.Thread(target=lambda: results.append(read_cache.cached("k", slow)))
    worker.start()
    started.wait(5)
    read_cache.clear()  # the database changed while it was reading
    go.set()
    worker.join(5)
    assert results == ["before the change"]  # its caller gets it, as any read in flight
    assert read_cache.cached("k", lambda: "after") == "after"


def test_map_and_trends_share_what_disclosure_hides_until_the_database_changes(
    qtbot, window, monkeypatch
):
    load_demo(window.db, today=date(2016, 6, 1))
    changed(qtbot, window)
    QThreadPool.globalInstance().waitForDone(10_000)  # the window's read ahead, if running
    real, asked = table_views.load_views, []

    def counting(db, metric_key, rule, periods=None):
        if not isinstance(db, Session):  # it calls itself again with its session
            asked.append(metric_key)
        return real(db, metric_key, rule, periods)

    monkeypatch.setattr(table_views, "load_views", counting)
    open_page(qtbot, window, "map")
    open_page(qtbot, window, "trends")
    assert asked == ["nrm_referrals"]
    changed(qtbot, window)  # the trends page, shown, reads again
    assert asked == ["nrm_referrals"] * 2
    window.reload_current()  # View › Refresh: nothing kept
    wait_loaded(qtbot, window)
    assert asked == ["nrm_referrals"] * 3


def test_every_module_read_ahead_exists():
    """warm_up swallows import errors (the real import raises them where they belong), so a
    module that moved would silently stop being read ahead: each name must import."""
    import importlib

    from ui.warm_up import PAGES

    for name in PAGES:
        importlib.import_module(name)
