"""Check and import several files in one go, as the app's Import… and drag-and-drop do."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path

from ..db.database import Database
from ..domain.forces import ForceResolver, load_registry
from ..progress import NO_PROGRESS, Progress, check
from .commit.store import ImportOutcome, commit_plan
from .layouts.profiles import ProfileData
from .model import ImportOptions
from .plan import ImportPlan, plan_file
from .readers import reader_process
from .readers.deadline import PARSE_TIME_LIMIT


@cache
def default_resolver() -> ForceResolver:
    """Force names resolved against the team's registry file (read once per run)."""
    return ForceResolver(load_registry())


class _Part:
    """Progress for step n of N: each file gets its share of one bar."""

    def __init__(self, outer: Progress, index: int, count: int, label: str) -> None:
        self.outer, self.index, self.count, self.label = outer, index, count, label

    def report(self, done: int, total: int, message: str = "") -> None:
        fraction = (done / total) if total else 0.0
        self.outer.report(
            int((self.index + fraction) * 1000), self.count * 1000, message or self.label
        )

    def cancelled(self) -> bool:
        return self.outer.cancelled()


def plan_files(
    paths: Sequence[Path],
    *,
    resolver: ForceResolver | None = None,
    today: date | None = None,
    options: ImportOptions | None = None,
    options_for: Mapping[Path, ImportOptions] | None = None,
    profiles: Mapping[str, ProfileData] | None = None,
    progress: Progress = NO_PROGRESS,
    time_limit: float | None = PARSE_TIME_LIMIT,
) -> list[ImportPlan]:
    """The dry run for every file; a file that cannot be read becomes a plan with an error.
    `options` apply to every file; `options_for` gives a file its own (the mapping step).
    `time_limit` is the seconds each file may take to read and check (None: no limit)."""
    resolver = resolver or default_resolver()
    paths = [Path(p) for p in paths]
    plans = []
    with reader_process.Reading() as reading:
        if paths:
            reading.ahead(paths[0])
        for n, path in enumerate(paths):
            check(progress)
            if n + 1 < len(paths):  # read while this one is checked (two cores, or more)
                reading.ahead(paths[n + 1])
            part = _Part(progress, n, len(paths), f"Checking {path.name}…")
            part.report(0, 1)
            plans.append(
                plan_file(
                    path,
                    resolver,
                    today=today,
                    options=(options_for or {}).get(path, options),
                    profiles=profiles,
                    progress=part,
                    time_limit=time_limit,
                    reading=reading,
                )
            )
    progress.report(len(paths), len(paths), "Checked")
    return plans


def check_plans(db: Database, plans: Sequence[ImportPlan]) -> list[ImportPlan]:
    """The plans with the warnings that need the database (figures far outside a force's own
    history). Used by the app's preview and the command line before anything is stored."""
    from .checks.history_checks import check_against_history

    return [check_against_history(db, p) if p.ok and p.figures else p for p in plans]


def commit_plans(
    db: Database, plans: Sequence[ImportPlan], progress: Progress = NO_PROGRESS
) -> list[ImportOutcome]:
    """Import each plan without errors, one transaction per file (all or nothing per file)."""
    ready = [p for p in plans if p.ok and p.figures]
    outcomes = []
    for n, plan in enumerate(ready):
        check(progress)
        part = _Part(progress, n, len(ready), f"Importing {plan.path.name}…")
        outcomes.append(commit_plan(db, plan, part))
    return outcomes
