"""What a layout reader produces from a workbook: figures and free-text answers, each with the
cell it came from, plus every problem found. Shared by all layouts, the plan and the commit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from commissioner_desk.db.enums import ObservationStatus
from commissioner_desk.domain.forces import ForceResolver
from commissioner_desk.progress import NO_PROGRESS, Progress

from .problems import Problem

if TYPE_CHECKING:
    from .profiles import ProfileData


@dataclass(frozen=True)
class PlannedFigure:
    """One figure the file would store, and the cell it came from."""

    force_code: str
    period_key: str
    metric_key: str
    breakdown: str  # catalogue.breakdown_key, "" for the total
    status: ObservationStatus
    value: int | None  # set only when status is VALUE
    sheet: str
    cell: str
    force_name: str = ""  # the registry's display name, for previews and reports

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes a figure unique: at most one current observation per key."""
        return (self.force_code, self.period_key, self.metric_key, self.breakdown)

    @property
    def location(self) -> str:
        return f"{self.sheet}!{self.cell}"


@dataclass(frozen=True)
class PlannedText:
    """A free-text answer given with a return ("what explains these figures")."""

    force_code: str
    period_key: str
    question: str  # a stable key, e.g. "context", "partnership_work"
    text: str
    sheet: str
    cell: str


@dataclass(frozen=True)
class ImportOptions:
    """What the user says when the file does not (command-line flags, the mapping step)."""

    metric: str | None = None  # catalogue key
    period: str | None = None  # period key, e.g. "2024-Q1"
    force: str | None = None  # registry code


@dataclass(frozen=True)
class ReadContext:
    path: Path
    resolver: ForceResolver
    today: date
    options: ImportOptions = ImportOptions()
    progress: Progress = NO_PROGRESS
    # Saved mappings by header fingerprint, loaded by the caller (readers never open the
    # database): see profiles.py.
    profiles: Mapping[str, ProfileData] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class LayoutResult:
    layout: str  # "template", "long", "wide", …
    sheet: str | None
    figures: tuple[PlannedFigure, ...]
    problems: tuple[Problem, ...]
    unresolved: tuple[str, ...] = ()
    texts: tuple[PlannedText, ...] = ()
    template_version: str | None = None
    details: dict[str, str] = field(default_factory=dict)  # e.g. the mapping profile used
