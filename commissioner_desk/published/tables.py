"""The Figures page's table: every current figure of one metric and period with where it came
from. Counts disclosure control hides come out as "[c]" (status "hidden", no value or rate).

`unprotected_for_checking` is the one way to the hidden counts themselves: for the Figures
page's explicit "Show hidden counts" (checking them against a return), never for anything
printed, exported or shown by default.
"""

from __future__ import annotations

from dataclasses import replace

from ..db.database import Database
from ..queries.figures import FigureRow, list_figures
from .suppression_store import load_suppression


def masked(row: FigureRow) -> FigureRow:
    """The row as it may be shown: a hidden count and its rate as [c]."""
    return replace(row, status="hidden", value=None, rate_per_100k=None) if row.hidden else row


def figure_table(
    db: Database, metric_key: str, period_key: str, breakdown: str | None = ""
) -> list[FigureRow]:
    """The figures as they may be shown (breakdown None: every breakdown). Hidden rows keep
    `hidden` set, so the page can say how many there are."""
    return [masked(r) for r in unprotected_for_checking(db, metric_key, period_key, breakdown)]


def unprotected_for_checking(
    db: Database, metric_key: str, period_key: str, breakdown: str | None = ""
) -> list[FigureRow]:
    """The figures with the hidden counts in them, each marked `hidden`: only for a person
    checking them against a return, after asking to see them."""
    return list_figures(db, metric_key, period_key, breakdown, load_suppression(db))
