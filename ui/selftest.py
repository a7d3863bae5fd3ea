"""`commissioner-desk self-test`: start the app offscreen on the current database, open every
page, print one JSON object with timings, exit 0 only if nothing went wrong."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


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

    window = MainWindow(ws, started_at=started)
    window.show()
    app.processEvents()
    window.open_database()
    app.processEvents()
    startup = time.perf_counter() - started
    pages: dict[str, float] = {}
    for key in window.page_keys:
        t = time.perf_counter()
        window.show_page(key)
        window.refresh_current()  # refresh even if already fresh: every page really loads
        app.processEvents()
        pages[key] = round(time.perf_counter() - t, 4)
    ok = window.db is not None and not messages.collected
    report = {
        "ok": ok,
        "startup_s": round(startup, 4),
        "window_shown_s": round(window.timings.get("window_shown_s", startup), 4),
        "pages": pages,
        "database": window.db.info.display_url if window.db else None,
        "problems": messages.collected,
    }
    window._stale.clear()
    window.close()
    print(json.dumps(report))
    sys.stdout.flush()
    return 0 if ok else 1
