"""Modules imported ahead of need by a worker (main_window._read_ahead), not by the UI thread.

The modules the pages' queries and drawing need (numpy for the map, the series for trends,
pyqtgraph) are imported once the first page shows, so opening a page later does not stop the
window to import them. (Importing the database stack this way while the window opens was
tried and measured: it made the first page's data later, both threads wanting the interpreter
for the same imports.)

Core modules, and Qt-based ones whose import creates no Qt object (pyqtgraph, two pages): a
module's import is the same on any thread; an error is left for the real import to raise where
it belongs.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

PAGES = (
    "numpy",
    "commissioner_desk.maps.boundaries",
    "commissioner_desk.maps.values",
    "commissioner_desk.queries.map_cube",
    "commissioner_desk.queries.series",
    "commissioner_desk.published.maps",
    "commissioner_desk.published.charts",
    "commissioner_desk.network.editing",
    # The trends' charts. Qt-based, but its import makes no Qt object (only classes), and
    # PySide6 is imported before it as pyqtgraph needs; a tenth of a second off the UI thread.
    "pyqtgraph",
    # The two pages with the most widgets to build on their first visit: their modules only
    # define classes (no Qt object at import), and importing them here takes their import off
    # the page switch (measured: Meetings' build 61 → 45 ms, Membership's 23 → 15 ms).
    "ui.pages.meetings",
    "ui.pages.membership",
)


def import_all(modules: Sequence[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the real import raises it where it belongs
            continue
