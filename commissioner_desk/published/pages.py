"""Home's overview and a force's profile, as people may see them: both read the stored
disclosure rule and show hidden counts as suppressed (queries/overview.py, queries/profile.py
do the work)."""

from __future__ import annotations

from datetime import date

from ..db.database import Database
from ..queries.overview import Overview
from ..queries.overview import overview as _overview
from ..queries.profile import ForceProfile, force_profile
from .suppression_store import load_suppression


def overview(db: Database) -> Overview | None:
    """Key figures, movers and low-reporting flags of the latest quarter; None when no quarter
    holds figures."""
    return _overview(db, disclosure=load_suppression(db))


def profile(db: Database, code: str, *, today: date | None = None) -> ForceProfile | None:
    """The profile of the force with `code`; None when no force has that code."""
    return force_profile(db, code, today=today, disclosure=load_suppression(db))
