"""Mapping profiles: what the user said about a table whose file does not say it, kept by the
fingerprint of the table's header so the next file of the same shape imports without questions.

The readers never touch the database (a plan is a dry run): callers load the profiles first
(`load_profiles`) and pass them in `ReadContext.profiles`; after a commit, `profile_to_save`
says whether the plan's mapping should be kept and `save_profile` keeps it.

A profile carries the metric and the column mapping. Its period is kept only as a record of
the last period imported with it (a form can offer the next one): it is never applied to a new
file, because next quarter's table has the same header, and reusing the period would file new
figures over last quarter's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from commissioner_desk.db.models import ImportProfile
from commissioner_desk.domain.catalogue import METRICS_BY_KEY, BreakdownError, check_breakdown
from commissioner_desk.domain.periods import Period

from ..readers.cell_text import storable
from .headers import header_fingerprint

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database

    from ..plan import ImportPlan

__all__ = [
    "SKIP",
    "ProfileData",
    "find_profile",
    "header_fingerprint",
    "load_profiles",
    "profile_to_save",
    "save_profile",
    "save_profile_in",
]

SKIP = "-"  # a column_map value: the user chose not to import this column or row


@dataclass(frozen=True)
class ProfileData:
    """A saved mapping, detached from the database."""

    fingerprint: str
    name: str
    metric_key: str
    period_key: str | None = None
    # Normalised heading (as `wide_labels.clean` writes it, " / " between heading rows) or
    # row label → breakdown key ("" the total, SKIP not imported).
    column_map: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_map", MappingProxyType(dict(self.column_map)))


def _check(metric_key: str, period_key: str | None, column_map: Mapping[str, str]) -> None:
    if metric_key not in METRICS_BY_KEY:
        raise ValueError(f'"{metric_key}" is not a metric in the catalogue.')
    if period_key is not None:
        Period.from_key(period_key)  # PeriodParseError is a ValueError with a plain message
    for heading, key in column_map.items():
        if key == SKIP:
            continue
        try:
            check_breakdown(metric_key, key)
        except BreakdownError as exc:
            raise ValueError(f'The mapping of "{heading}": {exc}.') from None


def _data(row: ImportProfile) -> ProfileData:
    return ProfileData(
        row.fingerprint, row.name, row.metric_key, row.period_key, json.loads(row.column_map)
    )


def find_profile(db: Database, fingerprint: str) -> ProfileData | None:
    with db.session() as s:
        row = s.scalar(select(ImportProfile).where(ImportProfile.fingerprint == fingerprint))
        return _data(row) if row else None


def load_profiles(db: Database) -> dict[str, ProfileData]:
    """Every profile by fingerprint: what `ReadContext.profiles` expects."""
    with db.session() as s:
        return {row.fingerprint: _data(row) for row in s.scalars(select(ImportProfile))}


def save_profile(
    db: Database,
    fingerprint: str,
    *,
    name: str,
    metric_key: str,
    period_key: str | None = None,
    column_map: Mapping[str, str] | None = None,
) -> ProfileData:
    """Create the profile for this header, or update it (a new version). Raises ValueError for
    a metric, period or mapping the catalogue does not allow."""
    with db.session() as s:
        return save_profile_in(
            s,
            fingerprint,
            name=name,
            metric_key=metric_key,
            period_key=period_key,
            column_map=column_map,
            user=db.user,
        )


def save_profile_in(
    s: Session,
    fingerprint: str,
    *,
    name: str,
    metric_key: str,
    period_key: str | None = None,
    column_map: Mapping[str, str] | None = None,
    user: str,
) -> ProfileData:
    """As `save_profile`, inside the caller's transaction (the commit of the file it came
    from, so the profile is kept only if the figures are)."""
    column_map = dict(column_map or {})
    _check(metric_key, period_key, column_map)
    row = s.scalar(select(ImportProfile).where(ImportProfile.fingerprint == fingerprint))
    if row is None:
        row = ImportProfile(fingerprint=fingerprint, created_by=user)
        s.add(row)
    row.name = name[:200]
    row.metric_key = metric_key
    row.period_key = period_key
    row.column_map = json.dumps(column_map, sort_keys=True)
    s.flush()
    return _data(row)


NAME_LENGTH = ImportProfile.__table__.c.name.type.length


def profile_to_save(plan: ImportPlan) -> ProfileData | None:
    """The profile a committed plan should leave behind, or None.

    Only a table read with something the user supplied (--metric, --period, the app's mapping
    step) makes a profile: what the file says for itself needs no remembering.
    """
    d = plan.details
    if plan.layout != "wide" or not d.get("fingerprint") or not d.get("metric"):
        return None
    if "options" not in (d.get("metric_source"), d.get("period_source"), d.get("columns_source")):
        return None
    column_map = json.loads(d.get("column_map", "{}"))
    period = d.get("period") if d.get("period_source") == "options" else None
    name = d.get("profile") or f"{plan.path.name}, sheet {plan.sheet}"
    return ProfileData(
        d["fingerprint"], storable(name, NAME_LENGTH), d["metric"], period, column_map
    )
