"""Modules imported ahead of need on a plain thread, while the UI thread does something else.

Importing SQLAlchemy and the models costs more than the bare window takes to appear; started
before the window is built, the import runs beside it rather than after it. The modules the
pages' queries and drawing need (numpy for the map, the series for trends) are imported once
the first page shows, so opening a page later does not stop the window to import them.
Core modules (and pyqtgraph, whose import creates no Qt object): a module's import is the same
on any thread; an error is left for the real import to raise where it belongs.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence

DATABASE = (
    "sqlalchemy.orm",
    "commissioner_desk.db.database",
    "commissioner_desk.db.migrate",
    "commissioner_desk.queries.summary",
    "commissioner_desk.queries.overview",
    "commissioner_desk.network.actions",
)
PAGES = (
    "numpy",
    "commissioner_desk.maps.boundaries",
    "commissioner_desk.maps.values",
    "commissioner_desk.maps.protected",
    "commissioner_desk.queries.disclosure",
    "commissioner_desk.queries.series",
    "commissioner_desk.network.editing",
    # The trends' charts. Qt-based, but its import makes no Qt object (only classes), and
    # PySide6 is imported before it as pyqtgraph needs; a tenth of a second off the UI thread.
    "pyqtgraph",
)


def start(modules: Sequence[str]) -> threading.Thread:
    thread = threading.Thread(
        target=import_all, args=(tuple(modules),), name="warm-up", daemon=True
    )
    thread.start()
    return thread


def import_all(modules: Sequence[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the real import raises it where it belongs
            return
