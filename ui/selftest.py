"""`commissioner-desk self-test`: start the app offscreen on the current database, open every
page, print one JSON object with timings, exit 0 only if nothing went wrong.

Pages read in the background: a page's time runs from asking for it to its data on screen
(painted), once start-up's own background work has ended (`settled_s` says how long after the
first page's data that was). `max_stall_ms` is the longest the event loop was blocked during
the whole run, `page_stall_ms` the longest during each page's opening (stall_watch.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

WAIT_S = 60  # a page whose data has not come by then is reported as a problem


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from . import messages
    from .app import create_application, workspace_from_args

    messages.collected = []
    messages.install_excepthook()  # a page that fails to build fails the self-test
    ws = workspace_from_args(args)
    app = create_application()
    from .main_window import MainWindow
    from .stall_watch import StallWatch

    watch = StallWatch()
    watch.start()
    window = MainWindow(ws, started_at=started)
    window.show()
    app.processEvents()
    window.open_database()
    _wait_loaded(app, window)
    startup = time.perf_counter() - started
    settle = time.perf_counter()
    _wait_settled(app)
    settled = time.perf_counter() - settle
    window._stale = set(window.page_keys)  # every page really loads, once
    pages: dict[str, float] = {}
    stalls: dict[str, float] = {}
    for key in window.page_keys:
        watch.mark()
        t = time.perf_counter()
        if window.current_page().key == key:
            window.refresh_current()  # the page it opened on: showing it again would not read
        else:
            window.show_page(key)
        _wait_loaded(app, window, key)
        app.processEvents()  # painted
        pages[key] = round(time.perf_counter() - t, 4)
        stalls[key] = round(watch.mark(), 1)
    watch.stop()
    ok = window.db is not None and not messages.collected
    report = {
        "ok": ok,
        "startup_s": round(startup, 4),
        "window_shown_s": round(window.timings.get("window_shown_s", startup), 4),
        "first_data_s": round(window.timings.get("first_data_s", startup), 4),
        "settled_s": round(settled, 4),
        "pages": pages,
        "page_stall_ms": stalls,
        "max_stall_ms": round(watch.max_ms, 1),
        "database": window.db.info.display_url if window.db else None,
        "problems": messages.collected,
    }
    window._stale.clear()
    window.close()
    print(json.dumps(report))
    sys.stdout.flush()
    return 0 if ok else 1


def _wait_settled(app) -> None:
    """Until start-up's work off the UI thread has ended (a large file's check, today's backup,
    the read ahead): pages are timed as a user opens them, not while start-up still runs."""
    from PySide6.QtCore import QEventLoop, QThreadPool

    from .operations import read_pool

    deadline = time.perf_counter() + WAIT_S
    pools = (QThreadPool.globalInstance(), read_pool())
    while any(p.activeThreadCount() for p in pools) and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    app.processEvents()  # their results delivered


def _wait_loaded(app, window, key: str | None = None) -> None:
    """Run the event loop until the page's background read is shown (every read: None)."""
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + WAIT_S
    while window.loader.busy(key) and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    if window.loader.busy(key):
        from . import messages

        messages.collected.append(f"The {key or 'first'} page's data did not come in {WAIT_S} s.")
