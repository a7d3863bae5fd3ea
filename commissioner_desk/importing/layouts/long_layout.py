"""The long ("tidy") layout: one figure per row, with columns for force, period, metric, value
and optionally breakdown — how the office's own extracts and most published CSVs look.

Every problem in the table is found in one pass and located to its cell, so a force can be sent
one list of everything to fix rather than one error at a time.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, TypeVar

from commissioner_desk.domain.catalogue import (
    DIMENSIONS,
    METRICS_BY_KEY,
    breakdown_key,
    parse_breakdown,
)
from commissioner_desk.domain.enums import ObservationStatus
from commissioner_desk.domain.forces import (
    REGIONS,
    ForceRecord,
    ForceResolver,
    UnknownForceError,
    normalise_force_name,
)
from commissioner_desk.domain.periods import MONTH_NAMES, Period, PeriodParseError, parse_period
from commissioner_desk.progress import NO_PROGRESS, Progress, check

from ..checks.cells import (
    CellValueError,
    breakdown_from_text,
    cell_ref,
    is_blank,
    metric_from_text,
    parse_count,
)
from ..checks.problems import MAX_PROBLEMS, Problem, error, stopped_reading, warning
from ..model import LayoutResult, PlannedFigure, ReadContext
from ..readers.workbook import Sheet, Workbook

HEADER_SEARCH_ROWS = 30  # title, notes and contents rows above the header in published tables
REQUIRED_ROLES = ("force", "period", "metric", "value")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "force": (
        *("force", "police force", "force name", "force code"),
        *("pfa", "police force area", "area"),
    ),
    "period": ("period", "quarter", "year", "financial year"),
    "metric": ("metric", "measure", "indicator"),
    "value": ("value", "count", "number", "figure"),
    "breakdown": ("breakdown", "category", "group", "sub-category"),
}
# Rows naming these are totals the app works out itself: skipped with a warning, not errors.
_TOTAL_NAMES = ("total", "grand total", "all", "all forces", "national", "national total")
_COUNTRY_NAMES = ("england and wales", "england", "wales", "united kingdom", "uk", "great britain")
_AGGREGATES = frozenset(
    normalise_force_name(name) for name in (*_TOTAL_NAMES, *_COUNTRY_NAMES, *REGIONS)
)
_T = TypeVar("_T")
_PROGRESS_EVERY = 500  # rows between progress reports and Cancel checks


def _header_text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value).casefold()
    text = re.sub(r"\[[^\]]*\]", " ", text)  # "Value [note 3]"
    text = re.sub(r"[-_]", " ", text).strip(" :*")
    return " ".join(text.split())


_ROLE_OF = {_header_text(name): role for role, names in SYNONYMS.items() for name in names}


@dataclass(frozen=True)
class LongHeader:
    row: int  # 0-based index of the header row
    columns: dict[str, tuple[int, ...]]  # role → 0-based columns, in sheet order

    def column(self, role: str) -> int | None:
        cols = self.columns.get(role, ())
        return cols[0] if cols else None


@dataclass(frozen=True)
class LongResult:
    figures: tuple[PlannedFigure, ...]
    problems: tuple[Problem, ...]
    unresolved: tuple[str, ...]


def read_layout(workbook: Workbook, ctx: ReadContext) -> LayoutResult | None:
    """The first sheet holding a long table (visible sheets first: hidden ones usually hold
    lookup lists, not the return)."""
    for sheet in sorted(workbook.sheets, key=lambda s: s.hidden):
        header = find_long_header(sheet)
        if header is None:
            continue
        result = read_long_table(
            sheet, header, ctx.resolver, today=ctx.today, progress=ctx.progress
        )
        return LayoutResult("long", sheet.name, result.figures, result.problems, result.unresolved)
    return None


def find_long_header(sheet: Sheet) -> LongHeader | None:
    """The first row in the top 30 with force, period, metric and value columns, or None."""
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, list[int]] = defaultdict(list)
        for c, value in enumerate(row):
            if role := _ROLE_OF.get(_header_text(value)):
                columns[role].append(c)
        if all(role in columns for role in REQUIRED_ROLES):
            return LongHeader(r, {role: tuple(cols) for role, cols in columns.items()})
    return None


def read_long_table(
    sheet: Sheet,
    header: LongHeader,
    resolver: ForceResolver,
    *,
    today: date,
    progress: Progress = NO_PROGRESS,
) -> LongResult:
    reader = _Reader(sheet, header, resolver, today)
    reader.note_ignored_columns()
    total = len(sheet.rows)
    for r in range(header.row + 1, total):
        if (r - header.row) % _PROGRESS_EVERY == 0:
            check(progress)
            progress.report(r, total, f"Checking {sheet.name}, row {r + 1}…")
            if len(reader.problems) > MAX_PROBLEMS:
                reader.problems.append(stopped_reading(sheet.name, r))
                break
        reader.read_row(r)
    if not reader.figures and not any(p.severity == "error" for p in reader.problems):
        reader.problems.append(
            error(
                sheet.name,
                None,
                f"The table under the header in row {header.row + 1} has no figures.",
            )
        )
    reader.problems.extend(parts_over_totals(reader.figures, sheet.name))
    return LongResult(tuple(reader.figures), tuple(reader.problems), tuple(reader.unresolved))


class _Reader:
    """Reads rows one at a time, collecting figures and problems as it goes."""

    def __init__(self, sheet: Sheet, header: LongHeader, resolver: ForceResolver, today: date):
        self.sheet, self.header, self.resolver, self.today = sheet, header, resolver, today
        self.figures: list[PlannedFigure] = []
        self.problems: list[Problem] = []
        # Names that did not resolve, in file order, with their suggestions (worked out once).
        self.unresolved: dict[str, list[ForceRecord]] = {}
        self._first_at: dict[tuple[str, str, str, str], str] = {}  # key → cell of its figure

    def _problem(self, r: int, c: int, message: str) -> None:
        self.problems.append(error(self.sheet.name, cell_ref(r, c), message))

    def note_ignored_columns(self) -> None:
        for role, cols in self.header.columns.items():
            if role == "period":
                continue  # several period columns ("Year", "Quarter") are read together
            for c in cols[1:]:
                cell = cell_ref(self.header.row, c)
                used = cell_ref(self.header.row, cols[0])
                self.problems.append(
                    warning(
                        self.sheet.name,
                        cell,
                        f"This column also looks like the {role} "
                        f"column; the one headed in {used} was used and this one ignored.",
                    )
                )

    def read_row(self, r: int) -> None:
        at = {role: self.header.column(role) for role in SYNONYMS}
        period_cols = self.header.columns["period"]
        period_values = [self.sheet.cell(r, c) for c in period_cols]
        metric_value = self.sheet.cell(r, at["metric"])
        value = self.sheet.cell(r, at["value"])
        if all(is_blank(v) for v in (*period_values, metric_value, value)):
            return  # a blank row, a note or a section heading: it holds no figure

        force = self._force(r, at["force"])
        if force is False:
            return  # a total row, skipped with a warning
        period = self._period(r, period_cols, period_values)
        metric = self._cell(r, at["metric"], metric_from_text, metric_value)
        breakdown = ""
        if at["breakdown"] is not None:
            raw = self.sheet.cell(r, at["breakdown"])
            breakdown = self._cell(r, at["breakdown"], breakdown_from_text, raw, metric)
        parsed = self._cell(r, at["value"], parse_count, value)
        if None in (force, period, metric, breakdown, parsed):
            return
        figure = PlannedFigure(
            force.code,
            period.key,
            metric,
            breakdown,
            parsed.status,
            parsed.value,
            self.sheet.name,
            cell_ref(r, at["value"]),
            force.display_name,
        )
        if first := self._first_at.get(figure.key):
            self._problem(
                r,
                at["value"],
                f"{_describe(figure)} is given twice: it was "
                f"already given in {first}. Remove one of the two rows.",
            )
            return
        self._first_at[figure.key] = figure.cell
        self.figures.append(figure)

    def _cell(self, r: int, c: int, reader: Callable[..., _T], *args: object) -> _T | None:
        """`reader(*args)`, or None with the error recorded at (r, c)."""
        try:
            return reader(*args)
        except CellValueError as exc:
            self._problem(r, c, f"{exc}.")
            return None

    def _force(self, r: int, c: int) -> ForceRecord | Literal[False] | None:
        """The force the row names; None (an error) or False (a total row, skipped)."""
        raw = self.sheet.cell(r, c)
        text = "" if raw is None else str(raw).strip()
        if not text:
            self._problem(r, c, "No police force given.")
            return None
        if found := self.resolver.resolve(text):
            return found
        if normalise_force_name(text) in _AGGREGATES:
            self.problems.append(
                warning(
                    self.sheet.name,
                    cell_ref(r, c),
                    f'"{text}" is a total, not a force; '
                    "the app adds up totals itself, so this row was not imported.",
                )
            )
            return False
        if text not in self.unresolved:
            self.unresolved[text] = self.resolver.suggest(text)
        self._problem(r, c, str(UnknownForceError(text, self.unresolved[text])))
        return None

    def _period(self, r: int, cols: tuple[int, ...], values: list[object]) -> Period | None:
        texts = [_period_text(v) for v in values if not is_blank(v)]
        if not texts:
            self._problem(r, cols[0], "No period given.")
            return None
        if any(t is None for t in texts):
            self._problem(
                r,
                cols[0],
                "The period is a date or a number the app cannot read: "
                'write it as text, for example "2023-Q4" or "2023/24".',
            )
            return None
        # A "Quarter" column ("Q4") read with a "Year" column ("2023") makes "Q4 2023".
        texts.sort(key=lambda t: bool(re.fullmatch(r"\d{4}", t)))
        try:
            period = parse_period(" ".join(texts))
        except PeriodParseError as exc:
            self._problem(r, cols[0], str(exc))
            return None
        if period.end >= self.today:
            # As latest_complete_quarter: a period is complete only the day after it ends.
            t = self.today
            self._problem(
                r,
                cols[0],
                f"{period.label} has not ended yet (today is {t.day} "
                f"{MONTH_NAMES[t.month]} {t.year}), so it cannot have figures.",
            )
            return None
        return period


def _period_text(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | date | datetime):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return str(int(value))  # 2023 or 2023.0 from a number cell
    return None


def _describe(f: PlannedFigure) -> str:
    metric = METRICS_BY_KEY[f.metric_key].label
    parts = parse_breakdown(f.breakdown)
    labels = [dict(DIMENSIONS[d].values)[v] for d, v in parts.items()]
    which = f" ({', '.join(labels)})" if labels else ""
    return f"{metric}{which} for {f.force_name}, {f.period_key}"


def parts_over_totals(figures: list[PlannedFigure], sheet: str) -> list[Problem]:
    """Warnings where the parts of a breakdown do not add up to the figure they break down.

    More than the total is always flagged. Less is flagged only when every part of the
    dimension was given as a number or nil (the set includes "not known", so nothing can be
    missing); with a part suppressed, not applicable or absent, less is normal. Nil counts
    as 0.
    """
    counts = {f.key: f for f in figures}
    sums: dict[tuple[tuple[str, str, str, str], str], int] = defaultdict(int)
    given: dict[tuple[tuple[str, str, str, str], str], set[str]] = defaultdict(set)
    for f in figures:
        if f.value is None and f.status is not ObservationStatus.NIL:
            continue
        parts = parse_breakdown(f.breakdown)
        for dim in parts:
            parent = {d: v for d, v in parts.items() if d != dim}
            parent_key = (f.force_code, f.period_key, f.metric_key, breakdown_key(parent))
            sums[(parent_key, dim)] += f.value or 0
            if len(parts) == 1:
                given[(parent_key, dim)].add(parts[dim])
    out = []
    for (parent_key, dim), total in sums.items():
        parent = counts.get(parent_key)
        if parent is None or parent.value is None or total == parent.value:
            continue
        label = DIMENSIONS[dim].label.lower()
        if total > parent.value:
            message = (
                f"The figures by {label} for {_describe(parent)} add up "
                f"to {total:,}, more than the {parent.value:,} given here."
            )
        elif given[(parent_key, dim)] >= set(DIMENSIONS[dim].value_keys()):
            message = (
                f"The figures by {label} for {_describe(parent)} add up to {total:,}, less "
                f"than the {parent.value:,} given here, though every {label} is filled in: "
                "count the rest as not known, or correct the total."
            )
        else:
            continue
        out.append(warning(sheet, parent.cell, message))
    return out
