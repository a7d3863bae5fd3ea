"""The one door for figures people see: anything shown, printed or exported comes through here,
and here the office's stored disclosure rule is applied (small counts, and the counts that
would give them away, are hidden). The loaders in queries/ give figures as stored; the UI never
calls them (tests/test_architecture.py checks it).

    map_cube, map_values, flag_judge        the national map and its low-reporting flags
    series, series_cube                     charts (the chart command, Trends, packs)
    overview, profile                       Home's key figures, a force's profile
    figure_table                            the Figures page
    briefing_pack                           the pack, for print and PDF
    disclosure_of                           what the rule hides of a figure, to reuse
    unprotected_for_checking                the hidden counts themselves: only the Figures
                                            page's "Show hidden counts"

How counts are hidden: disclosure.py (the rule and complementary suppression), hidden_cells.py
(one period's cells), table_views.py (every breakdown of a figure), protected_cube.py (a map
cube), pack_cells.py (a pack's counts and their text).

Names are looked up lazily (on first use): the core modules above import parts of this package,
and the window opens without loading SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "map_cube": "maps",
    "map_values": "maps",
    "flag_judge": "maps",
    "series": "charts",
    "series_cube": "charts",
    "overview": "pages",
    "profile": "pages",
    "figure_table": "tables",
    "unprotected_for_checking": "tables",
    "briefing_pack": "pack",
    "disclosure_of": "table_views",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
