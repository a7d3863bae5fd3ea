"""What a layout reader produces from a workbook: figures and free-text answers, each with the
cell it came from, plus every problem found. Shared by all layouts, the plan and the commit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from commissioner_desk.domain.enums import ObservationStatus
from commissioner_desk.domain.forces import ForceResolver
from commissioner_desk.progress import NO_PROGRESS, Progress

from .checks.problems import Problem

if TYPE_CHECKING:
    from .layouts.profiles import ProfileData
    from .layouts.table_list import TableInfo


@dataclass(frozen=True)
class PlannedFigure:
    """One figure the file would store, and the cell it came from."""

    force_code: str
    period_key: str
    metric_key: str
    breakdown: str  # catalogue.breakdown_key, "" for the total
    status: ObservationStatus
    value: int | float | None  # set only when status is VALUE; float for decimal metrics
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
    sheet: str | None = None  # the sheet holding the table to import
    table: int | None = None  # which table of a sheet holding several, from 1
    # Columns the file leaves in doubt: (heading as written, breakdown key or "-" to leave
    # it out), e.g. ("Not recorded", "exploitation=unknown").
    columns: tuple[tuple[str, str], ...] = ()


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
class Note:
    """A row or column left out of the figures, and why: for the preview and the JSON."""

    cell: str
    label: str
    why: str


@dataclass(frozen=True)
class PeriodFound:
    key: str
    label: str  # as the app writes it, or "snapshot at 31 March 2024"
    snapshot: bool = False  # a count on one date, stored as the quarter holding it


@dataclass(frozen=True)
class TableReport:
    """How a published table was read: which table, the rows and columns left out and why,
    and the periods found. Says to the user what the figures are, before anything is stored."""

    sheet: str
    number: int  # the table's number on its sheet, from 1
    cells: str  # its range, "A5:F52"
    title: str  # the title above it, without note markers; "" when it has none
    aggregate_rows: tuple[Note, ...] = ()
    skipped_columns: tuple[Note, ...] = ()
    periods: tuple[PeriodFound, ...] = ()
    geography: str = "police force areas"

    def to_json(self) -> dict:
        return {
            "sheet": self.sheet,
            "number": self.number,
            "cells": self.cells,
            "title": self.title,
            "geography": self.geography,
            "aggregate_rows": [vars(n) for n in self.aggregate_rows],
            "skipped_columns": [vars(n) for n in self.skipped_columns],
            "periods": [vars(p) for p in self.periods],
        }


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
    table: TableReport | None = None  # a published table: how it was read
    # Every table the workbook holds, when the user must choose one (or for --list-tables).
    tables: tuple[TableInfo, ...] = ()
