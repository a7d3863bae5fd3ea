"""Metrics the office defines: add, rename, remove and list them, and load them into the live
catalogue (domain/catalogue.py) whenever a database is opened or they change.

They are rows of `metrics` with builtin false, so everyone on a shared database has the same
ones; each change is one short, audited transaction (Metric is Versioned). Built-in metrics
are read-only here: the reference sync keeps them in step with the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..domain import catalogue
from ..domain.catalogue import UNITS, name_key
from .database import Database
from .failures import retrying
from .models import ActionItem, AppMeta, ImportProfile, Metric, Observation

KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{1,59}")
NAME_LENGTH = Metric.__table__.c.label.type.length
DESCRIPTION_LENGTH = Metric.__table__.c.description.type.length
FIRST_USER_POSITION = 1001  # after every built-in, those of later versions included
LOW_REPORTING_RULE = "low_reporting_rule"  # app_meta key (stats/rule_store.py)


class MetricError(ValueError):
    """A change to the metrics that cannot be made; the message says why in plain words."""


@dataclass(frozen=True)
class MetricInfo:
    key: str
    name: str
    unit: str
    description: str
    builtin: bool
    figures: int  # observations of it, current and earlier versions
    created_by: str | None
    created_at: datetime | None

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "unit": self.unit,
            "description": self.description,
            "builtin": self.builtin,
            "figures": self.figures,
            "created_by": self.created_by,
            "created_at": self.created_at and self.created_at.isoformat(),
        }


def load_user_metrics(db: Database) -> tuple[catalogue.Metric, ...]:
    """Read the office's metrics into the live catalogue (replacing what it held)."""
    with db.session() as s:
        rows = s.scalars(select(Metric).where(Metric.builtin.is_(False))).all()
        found = tuple(_domain(r) for r in rows)
    catalogue.set_user_metrics(found)
    return catalogue.user_metrics()


def list_metrics(db: Database) -> list[MetricInfo]:
    """Every metric the database holds, built-ins first, with how many figures use each."""
    with db.session() as s:
        query = select(Observation.metric_id, func.count()).group_by(Observation.metric_id)
        used = dict(s.execute(query).all())
        rows = s.scalars(select(Metric)).all()
        infos = [_info(r, used.get(r.id, 0)) for r in rows]
        order = {r.key: (not r.builtin, r.position, r.key) for r in rows}
    return sorted(infos, key=lambda m: order[m.key])


def add_metric(db: Database, key: str, name: str, unit: str, description: str = "") -> MetricInfo:
    """Define a metric. Raises MetricError for a key, name, unit or description not allowed."""
    key, name, description = key.strip(), _clean(name), " ".join(description.split())
    _check_key(key)
    if unit not in UNITS:
        raise MetricError(f'The unit must be one of {", ".join(UNITS)}, not "{unit}".')
    if len(description) > DESCRIPTION_LENGTH:
        raise MetricError(f"The description is too long: at most {DESCRIPTION_LENGTH} letters.")

    def work() -> MetricInfo:
        with db.session() as s:
            rows = s.scalars(select(Metric)).all()
            if clash := next((r for r in rows if r.key == key), None):
                kind = "a built-in metric" if clash.builtin else "a metric already"
                raise MetricError(f'"{key}" is {kind} ({clash.label}): choose another key.')
            _check_name(name, rows, key)
            position = max(
                (r.position for r in rows if not r.builtin), default=FIRST_USER_POSITION - 1
            )
            row = Metric(
                key=key,
                label=name,
                description=description,
                position=max(position + 1, FIRST_USER_POSITION),
                unit=unit,
                builtin=False,
                created_by=db.user,
            )
            s.add(row)
            s.flush()
            return _info(row, 0)

    # Two people adding the same key at once: the second try reads the first's and says so.
    info = retrying(work)
    load_user_metrics(db)
    return info


def rename_metric(db: Database, key: str, name: str) -> MetricInfo:
    """Give a user metric another name (its key, which files and commands use, stays)."""
    name = _clean(name)
    with _changing(db), db.session() as s:
        row = _user_row(s, key, "renamed")
        rows = s.scalars(select(Metric)).all()
        _check_name(name, rows, key)
        row.label = name  # an unchanged name writes nothing, and no audit entry
        s.flush()
        info = _info(row, _figures(s, row.id))
    load_user_metrics(db)
    return info


def remove_metric(db: Database, key: str) -> None:
    """Remove a user metric that nothing uses; MetricError says what still uses it."""
    with _changing(db), db.session() as s:
        row = _user_row(s, key, "removed")
        uses = _uses(s, row)
        if uses:
            raise MetricError(
                f"{row.label} ({key}) cannot be removed: {'; '.join(uses)}. Nothing was changed."
            )
        s.delete(row)
    load_user_metrics(db)


class _changing:
    """Another person's change to the same row at the same moment, said in words."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, _tb) -> bool:
        if isinstance(exc, StaleDataError):
            load_user_metrics(self.db)
            raise MetricError(
                "Someone else changed this metric at the same moment. Look at the list again "
                "and retry."
            ) from exc
        return False


def _uses(s: Session, row: Metric) -> list[str]:
    uses = []
    figures = _figures(s, row.id)
    if figures:
        uses.append(
            f"{figures:,} figure{'s' if figures != 1 else ''} use it (current or earlier "
            "versions): undo the imports that brought them first (Imports page, or "
            "commissioner-desk batches undo)"
        )
    actions = s.scalars(select(ActionItem.reference).where(ActionItem.metric_id == row.id)).all()
    if actions:
        uses.append(f"the action log names it ({', '.join(sorted(actions))})")
    profiles = s.scalars(select(ImportProfile.name).where(ImportProfile.metric_key == row.key))
    if names := sorted(profiles):
        uses.append(f"saved import mappings use it ({', '.join(names)})")
    rule = s.get(AppMeta, LOW_REPORTING_RULE)
    if rule is not None and re.search(rf'"metric_key":\s*"{re.escape(row.key)}"', rule.value):
        uses.append("the low-reporting rule judges it (Map › Low-reporting rule…)")
    return uses


def _user_row(s: Session, key: str, done: str) -> Metric:
    row = s.scalar(select(Metric).where(Metric.key == key.strip()))
    if row is None:
        raise MetricError(f'There is no metric "{key}". {_listing()}')
    if row.builtin:
        raise MetricError(
            f"{row.label} ({row.key}) is built in: it cannot be {done}. Only the metrics the "
            "office added can."
        )
    return row


def _listing() -> str:
    mine = [m.key for m in catalogue.user_metrics()]
    if not mine:
        return "The office has not added any metrics."
    return f"The office's own metrics are: {', '.join(mine)}."


def _check_key(key: str) -> None:
    if KEY_PATTERN.fullmatch(key):
        return
    hint = ""
    if KEY_PATTERN.fullmatch(lowered := re.sub(r"[\s\-]+", "_", key.lower())):
        hint = f" Try {lowered}."
    raise MetricError(
        f'"{key}" cannot be a key: use 2 to 60 lowercase letters, digits and underscores, '
        f"starting with a letter (for example officers_fte).{hint}"
    )


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise MetricError("Give the metric a name, as tables and charts will show it.")
    if len(name) > NAME_LENGTH:
        raise MetricError(f"The name is too long: at most {NAME_LENGTH} letters.")
    return name


def _check_name(name: str, rows, own_key: str) -> None:
    """Names differ from every other metric's name and key by more than capitals and spacing,
    so `--metric NAME` always finds one metric."""
    wanted = name_key(name)
    for r in rows:
        if r.key == own_key:
            continue
        if wanted == name_key(r.label):
            raise MetricError(
                f'"{name}" is already the name of {r.key} ({r.label}): choose another name.'
            )
        if wanted == name_key(r.key):
            raise MetricError(
                f'"{name}" would be taken for the key {r.key} ({r.label}): choose another name.'
            )


def _figures(s: Session, metric_id: int) -> int:
    query = select(func.count()).select_from(Observation).where(Observation.metric_id == metric_id)
    return s.scalar(query) or 0


def _domain(row: Metric) -> catalogue.Metric:
    return catalogue.Metric(
        key=row.key,
        label=row.label,
        description=row.description,
        dimensions=(),  # the office's metrics are totals: no breakdowns
        position=row.position,
        unit=row.unit,
        builtin=False,
    )


def _info(row: Metric, figures: int) -> MetricInfo:
    return MetricInfo(
        key=row.key,
        name=row.label,
        unit=row.unit,
        description=row.description,
        builtin=row.builtin,
        figures=figures,
        created_by=row.created_by,
        created_at=row.created_at if not row.builtin else None,
    )
