"""The columns of a table by force as the app reads them, and their grouping into *slots*: one
figure per row each, from one column or from several the app counts as one category."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from commissioner_desk.domain.catalogue import (
    DIMENSIONS,
    METRICS_BY_KEY,
    BreakdownError,
    breakdown_key,
    breakdown_label,
    check_breakdown,
)
from commissioner_desk.domain.periods import Period

from ..checks.problems import Problem, error, warning
from ..model import Note, PeriodFound


@dataclass(frozen=True)
class Column:
    col: int
    cell: str  # A1 of the heading cell nearest the figures
    label: str  # the headings as published, " / " between heading rows
    key: str  # the headings normalised: what column_map and repeats compare
    period: Period | None = None
    metric: str | None = None
    parts: tuple[tuple[str, str], ...] = ()  # (dimension, value)
    pending: tuple[str, ...] = ()  # "Not specified": the dimensions it could belong to
    lossy: bool = False
    derived: str | None = None  # "change", "rate", "share"…: worked out from figures
    snapshot: date | None = None  # the day its counts are for ("as at 31 March 2024")


@dataclass(frozen=True)
class Slot:
    """One figure per row: a column, or columns the app counts together."""

    columns: tuple[Column, ...]
    repeats: tuple[Column, ...]  # same heading again: compared, not counted
    period: Period | None  # None: each row's period, from the period column
    metric: str
    breakdown: str

    @property
    def name(self) -> str:
        return self.columns[0].label


@dataclass
class ColumnPlan:
    slots: list[Slot] = field(default_factory=list)
    breakdown_col: int | None = None
    period_col: int | None = None
    row_dims: tuple[str, ...] = ()  # dimensions a row category may use
    metric: str | None = None  # for columns that do not name their own
    problems: list[Problem] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)
    fatal: Problem | None = None
    has_figures: bool = False  # some column holds numbers: the sheet is a table of figures
    all_columns: list[Column] = field(default_factory=list)  # every column read as figures
    skipped: list[Note] = field(default_factory=list)  # columns left out, and why
    periods_found: list[PeriodFound] = field(default_factory=list)
    title_dims: tuple[str, ...] = ()  # dimensions the title names ("by exploitation type")
    # Columns the user must say the breakdown of: (cell, heading, dimensions it could be).
    asks: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    unknown: list[Column] = field(default_factory=list)  # figures under headings not understood

    def skip(self, cell: str, label: str, why: str) -> None:
        self.skipped.append(Note(cell, label, why))


def make_slots(sheet: str, columns: list[Column], plan: ColumnPlan, today: date) -> None:
    """Group the data columns into slots, checking each against the catalogue and the date."""
    fixed_dims = {d for c in columns for d, _ in c.parts}
    by_key: dict[tuple[str, str, str], list[Column]] = {}
    described = []
    future: set[str] = set()
    for col in columns:
        metric = col.metric or plan.metric
        period_ok = col.period is not None or plan.period_col is not None
        if metric is None or not period_ok:
            what = "measure it counts" if metric is None else "period it covers"
            plan.problems.append(
                warning(
                    sheet,
                    col.cell,
                    f'The column "{col.label}" does not say which {what}, while other '
                    "columns do, so it was not imported.",
                )
            )
            plan.skip(col.cell, col.label, f"does not say the {what}")
            continue
        parts = dict(col.parts)
        if col.pending:
            # "Not stated" is a category only where the table says of what: its neighbours
            # ("Adult | Child"), a heading above it ("Age") or the title ("by age").
            allowed = [d for d in col.pending if d in METRICS_BY_KEY[metric].dimensions]
            narrowed = [d for d in allowed if d in fixed_dims or d in plan.title_dims]
            if len(narrowed) != 1:
                plan.problems.append(error(sheet, col.cell, ask_column(col.label, allowed)))
                plan.asks.append((col.cell, col.label, tuple(allowed)))
                plan.skip(col.cell, col.label, "a category of no known breakdown: asked")
                continue
            parts[narrowed[0]] = "unknown"
        key = breakdown_key(parts)
        try:
            check_breakdown(metric, key)
        except BreakdownError as exc:
            plan.problems.append(error(sheet, col.cell, f'The column "{col.label}": {exc}.'))
            plan.skip(col.cell, col.label, str(exc))
            continue
        if col.period is not None and col.period.end >= today:
            where = plan.details.get("period_cell", col.cell)
            if where not in future:  # a title's period is one error, not one per column
                future.add(where)
                message = f"{col.period.label} has not ended yet, so it cannot have figures."
                plan.problems.append(error(sheet, where, message))
            plan.skip(col.cell, col.label, "a period that has not ended")
            continue
        period_key = col.period.key if col.period else ""
        by_key.setdefault((period_key, metric, key), []).append(col)
        plan.all_columns.append(col)
        described.append(f"{col.cell} {col.label} → {breakdown_label(key)}")
        if col.lossy:
            plan.problems.append(
                warning(
                    sheet,
                    col.cell,
                    f'"{col.label}" is counted as {breakdown_label(key)}, the nearest '
                    "category the app has.",
                )
            )
    for (period_key, metric, key), cols in by_key.items():
        plan.slots.append(_slot(sheet, cols, period_key, metric, key, plan))
    # A row category takes a dimension the columns do not already break down by.
    plan.row_dims = tuple(d for d in DIMENSIONS if d not in fixed_dims)
    plan.details["columns"] = "; ".join(described)


def _slot(
    sheet: str, cols: list[Column], period_key: str, metric: str, key: str, plan: ColumnPlan
) -> Slot:
    """Columns meaning the same figure: the same heading again is a repeat (compared, not
    counted); different headings ("Labour & Criminal", "Sexual & Labour") are added."""
    first = cols[0]
    main, repeats = [first], []
    for col in cols[1:]:
        if col.key == first.key:
            repeats.append(col)
            message = (
                f'This column repeats "{col.label}" from {first.cell}: it was checked against '
                "it, not counted twice."
            )
        elif not (col.parts and first.parts) or col.snapshot != first.snapshot:
            # Not two categories of one figure but the same figure twice ("2023/24" and
            # "April 2023 to March 2024", two dates in one quarter): adding would double it.
            plan.problems.append(
                error(
                    sheet,
                    col.cell,
                    f'"{col.label}" and "{first.label}" ({first.cell}) both give '
                    f"{breakdown_label(key)} for {_when(first, col)}: the app cannot keep two "
                    "figures for one period. Import one of them (--column HEADING=skip leaves "
                    "a column out).",
                )
            )
            continue
        else:
            main.append(col)
            message = (
                f'"{col.label}" and "{first.label}" ({first.cell}) are both '
                f"{breakdown_label(key)} in the app, so their figures were added together."
            )
        plan.problems.append(warning(sheet, col.cell, message))
    period = Period.from_key(period_key) if period_key else None
    return Slot(tuple(main), tuple(repeats), period, metric, key)


def _when(*cols: Column) -> str:
    period = cols[0].period
    if period is None:
        return "each row's period"
    days = [c.snapshot.isoformat() for c in cols if c.snapshot is not None]
    return f"{period.key}" + (f" (dates {', '.join(days)})" if days else "")


def ask_column(label: str, dims: list[str]) -> str:
    """The question for a column such as "Not recorded" whose breakdown the table leaves open."""
    options = " or ".join(f'--column "{label}={d}"' for d in dims)
    return (
        f'"{label}" is a category, but nothing in the table (the columns beside it, a heading '
        "above it or the title) says whether it is an age or an exploitation category. Say "
        f"which in the app's mapping step (on the command line {options}, or "
        f'--column "{label}=skip" to leave it out). Nothing was imported.'
    )
