"""Reading the rows of a table by force: each row's force (filled down over a hierarchical
group), its own category and period, and one figure per slot, with every problem located.

A row is, by its label in the force column:
- a police body: starts a group; its category is blank or "Total" (the force's total) or a
  category (a breakdown row);
- a total ("England and Wales", "Total", a region): read only to check the forces add up;
- a category ("Labour") under a force: a breakdown row of the group above;
- blank: the next row of the group above, whose category is in the category column;
- anything else with figures: an unresolved name (an error, with suggestions); without
  figures: a heading or note (a warning unless it reads as a note).
A blank row ends a group. A row of headings ends the table (a second table below).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from commissioner_desk.domain.catalogue import (
    METRICS_BY_KEY,
    BreakdownError,
    breakdown_key,
    breakdown_label,
    check_breakdown,
    parse_breakdown,
)
from commissioner_desk.domain.forces import ForceRecord, UnknownForceError
from commissioner_desk.domain.periods import MONTH_NAMES, Period, PeriodParseError
from commissioner_desk.progress import check

from ..checks.cells import ParsedValue, cell_ref, is_blank
from ..checks.problems import MAX_PROBLEMS, Problem, error, stopped_reading, warning
from ..model import PlannedFigure, ReadContext
from ..readers.workbook import Sheet
from .headers import Located
from .profiles import SKIP
from .row_roles import AGGREGATE, AMBIGUOUS, AREA, CATEGORY, FORCE, OTHER, UNKNOWN, RowRoles
from .wide_cells import BLANK, blank_warnings, parses, read_slot
from .wide_checks import RowFigures, Scope
from .wide_labels import TOTAL_WORDS, breakdown_part, classify, clean, read_period
from .wide_meta import NOTE_STARTS, options_period
from .wide_slots import ColumnPlan

_PROGRESS_EVERY = 500
_HEADING_KINDS = frozenset({"period", "breakdown", "total", "group", "metric", "neutral"})


@dataclass(frozen=True)
class _Unknown:
    name: str  # a force name that did not resolve: its group is not imported


@dataclass(frozen=True)
class _Other:
    name: str  # a row that is no police force ("Central Service Secondments"): not imported


class RowReader:
    """Reads the table's rows one at a time, keeping the force whose group it is in."""

    def __init__(
        self,
        sheet: Sheet,
        located: Located,
        plan: ColumnPlan,
        ctx: ReadContext,
        column_map: dict[str, str],
        roles: RowRoles,
    ) -> None:
        self.sheet, self.located, self.plan, self.ctx = sheet, located, plan, ctx
        self.roles = roles
        self.column_map = column_map
        self.figures: list[PlannedFigure] = []
        self.problems: list[Problem] = []
        # Names that did not resolve, in file order, with their suggestions (worked out once).
        self.unresolved: dict[str, list[ForceRecord]] = {}
        self.tallies: list[RowFigures] = []
        self.blanks: dict[int, list[int]] = defaultdict(list)  # row → blank slots
        self.read_rows: dict[int, str] = {}  # row → name of the force, for messages
        self.current: ForceRecord | Scope | _Unknown | _Other | None = None
        self.period: Period | None = None  # the row's period, from the period column
        self.categories: dict[int, str] = {}  # row → its own breakdown key
        self._first_at: dict[tuple[str, str, str, str], str] = {}
        # --period on a table with a column of periods: that period's rows only.
        self.chosen = options_period(ctx.options.period)[0] if plan.period_col is not None else None
        self.other_periods: set[str] = set()
        self._lossy_seen: set[str] = set()
        self._row_dims = {
            d
            for slot in plan.slots
            for d in METRICS_BY_KEY[slot.metric].dimensions
            if d in plan.row_dims
        }

    def _error(self, r: int, c: int, message: str) -> None:
        self.problems.append(error(self.sheet.name, cell_ref(r, c), message))

    def read_all(self) -> None:
        rows = self.located.rows(self.sheet)
        first = rows.start
        for r in rows:
            if (r - first) % _PROGRESS_EVERY == 0:
                check(self.ctx.progress)
                self.ctx.progress.report(r, rows.stop, f"Checking {self.sheet.name}, row {r + 1}…")
                if len(self.problems) > MAX_PROBLEMS:
                    self.problems.append(stopped_reading(self.sheet.name, r))
                    break
            if not self.read_row(r):
                break

    def read_row(self, r: int) -> bool:
        """Read row r; False when a second table starts and reading should stop."""
        fc, bc = self.located.force_col, self.plan.breakdown_col
        label = self.sheet.cell(r, fc)
        text = "" if is_blank(label) else str(label).strip()
        category = self.sheet.cell(r, bc) if bc is not None else None
        category_col = bc
        has_figures = any(
            not is_blank(self.sheet.cell(r, col.col))
            for slot in self.plan.slots
            for col in (*slot.columns, *slot.repeats)
        )
        if has_figures and self._is_heading(r):
            self.problems.append(
                warning(
                    self.sheet.name,
                    cell_ref(r, fc),
                    f"A second table seems to start in row {r + 1}: only the table above it "
                    "was read.",
                )
            )
            return False
        role = self.roles.roles.get(r)
        if role is not None and role.kind in (UNKNOWN, OTHER) and clean(text) in self.column_map:
            role = replace(role, kind=CATEGORY)  # a row label the user mapped to a category
        if role is not None:
            if role.kind == FORCE:
                self.current, self.period = role.record, None
            elif role.kind == AGGREGATE:
                self.current, self.period = role.scope, None
            elif role.kind == OTHER:
                self.current, self.period = _Other(role.label), None
            elif role.kind == CATEGORY:
                if self.current is None:
                    message = f'"{text}" is a category, but no police force is named above it.'
                    self._error(r, fc, message)
                    return True
                category, category_col = text, fc
            elif role.kind == AREA:
                # A county or council among forces ("Greater London"): no force's figure, and
                # not counted in a total either; listed with the rows not taken as forces.
                self.current, self.period = _Unknown(text), None
                return True
            elif not has_figures and role.kind == UNKNOWN and role.why != AMBIGUOUS:
                self._note(r, text)
                self.current = None
                return True
            else:
                self.current, self.period = _Unknown(text), None
                if role.why == AMBIGUOUS:
                    return True  # said already, with the row's error
                if role.why:
                    self._error(r, fc, f'"{text}": {role.why}.')
                    return True
                if text not in self.unresolved:
                    self.unresolved[text] = self.ctx.resolver.suggest(text)
                self._error(r, fc, str(UnknownForceError(text, self.unresolved[text])))
        elif not has_figures and is_blank(category):
            self.current, self.period = None, None  # a blank row ends a group
            return True
        elif self.current is None:
            if has_figures:
                self._error(r, fc, "No police force is given for the figures in this row.")
            return True
        row_parts = self._row_parts(r, category, category_col)
        if row_parts is None or not self._row_period(r, has_figures):
            return True
        self._read_figures(r, row_parts, category_col)
        return True

    def _row_period(self, r: int, has_figures: bool) -> bool:
        """Read the period column, filled down over a group; False when the row has no
        usable period (an error, unless the row is blank)."""
        c = self.plan.period_col
        if c is None:
            return True
        value = self.sheet.cell(r, c)
        if not is_blank(value):
            try:
                self.period = read_period(value)
            except PeriodParseError as exc:
                self.period = None
                self._error(r, c, str(exc))
                return False
            if self.period.end >= self.ctx.today:
                t = self.ctx.today
                self._error(
                    r,
                    c,
                    f"{self.period.label} has not ended yet (today is {t.day} "
                    f"{MONTH_NAMES[t.month]} {t.year}), so it cannot have figures.",
                )
                self.period = None
                return False
        if self.period is None:
            if has_figures and not isinstance(self.current, Scope):
                self._error(r, c, "No period is given for the figures in this row.")
            return False
        if self.chosen is not None and self.period != self.chosen:
            self.other_periods.add(self.period.key)  # --period: only that period's rows
            return False
        return True

    def period_choice(self) -> list[Problem]:
        """What --period did to a table with a column of periods: a note of the rows left
        out, or an error when no row is for the period chosen."""
        if self.chosen is None or not self.other_periods:
            return []
        c = self.plan.period_col
        where = cell_ref(self.located.first_row, c if c is not None else 0)
        others = ", ".join(sorted(self.other_periods))
        if not self.figures:
            return [
                error(
                    self.sheet.name,
                    where,
                    f"You chose {self.chosen.key}, but the table's rows are for {others}: "
                    "nothing was imported.",
                )
            ]
        message = f"Only the rows for {self.chosen.key} were read, as you chose ({others} left)."
        return [warning(self.sheet.name, where, message)]

    def _is_heading(self, r: int) -> bool:
        headings = 0
        for slot in self.plan.slots:
            value = self.sheet.cell(r, slot.columns[0].col)
            if isinstance(value, str) and not parses(value):
                kinds = {p.kind for p in classify(value)}
                headings += bool(kinds) and kinds <= _HEADING_KINDS
        return headings >= 2

    def _note(self, r: int, text: str) -> None:
        cleaned = clean(text)
        if NOTE_STARTS.match(cleaned) or len(cleaned) > 60 or text.endswith("."):
            return  # a note or source line: not part of the table
        self.problems.append(
            warning(
                self.sheet.name,
                cell_ref(r, self.located.force_col),
                f'"{text}" is not a police force the app knows and has no figures beside it, '
                "so the row was skipped.",
            )
        )

    def _row_parts(self, r: int, value: object, c: int | None) -> dict[str, str] | None:
        """The row's own breakdown ({} for a total row); None when it cannot be read."""
        if is_blank(value) or c is None:
            return {}
        shown = " ".join(str(value).split())
        text = clean(value)
        if (mapped := self.column_map.get(text)) is not None:
            return None if mapped == SKIP else parse_breakdown(mapped)
        if text in TOTAL_WORDS:
            return {}
        part = breakdown_part(text)
        if part is None:
            message = (
                f'"{shown}" is not a category the app knows. Use a category such as Adult, '
                "Child, Labour or Sexual, or map it in the app's mapping step."
            )
            self._error(r, c, message)
            return None
        dims = [d for d in part.dims if d in self._row_dims]
        if len(dims) != 1:
            why = (
                "could be an age or an exploitation category"
                if len(dims) > 1
                else "is a category the figures in this table cannot be broken down by"
            )
            self._error(r, c, f'"{shown}" {why}, so the row was not imported.')
            return None
        if part.lossy and text not in self._lossy_seen:
            self._lossy_seen.add(text)
            self.problems.append(
                warning(
                    self.sheet.name,
                    cell_ref(r, c),
                    f'"{shown}" is counted as {breakdown_label(f"{dims[0]}={part.value}")}, '
                    "the nearest category the app has.",
                )
            )
        return {dims[0]: part.value or ""}

    def _read_figures(self, r: int, row_parts: dict[str, str], category_col: int | None) -> None:
        current = self.current
        # A total row, or a row that is no police force: read only to check the sums.
        quiet = isinstance(current, Scope | _Other)
        category = breakdown_key(row_parts)
        self.categories[r] = category
        tally = RowFigures(
            r,
            current if isinstance(current, ForceRecord) else None,
            current if isinstance(current, Scope) else None,
            # Rows of different periods never add up to one another.
            f"{category}@{self.period.key}" if self.period else category,
            {},
            {},
            other=isinstance(current, _Other),
        )
        self.tallies.append(tally)
        if not quiet:
            name = current.display_name if isinstance(current, ForceRecord) else current.name
            self.read_rows[r] = name
        for i, slot in enumerate(self.plan.slots):
            report = None if quiet else self._error
            parsed = read_slot(self.sheet, r, slot, report)
            tally.cells[i] = cell_ref(r, slot.columns[0].col)
            tally.values[i] = parsed if isinstance(parsed, ParsedValue) else None
            if parsed == BLANK and not quiet:
                self.blanks[r].append(i)
            if not isinstance(current, ForceRecord) or not isinstance(parsed, ParsedValue):
                continue
            key = breakdown_key({**parse_breakdown(slot.breakdown), **row_parts})
            try:
                check_breakdown(slot.metric, key)
            except BreakdownError as exc:
                self._error(r, category_col or self.located.force_col, f"{exc}.")
                return
            period = slot.period or self.period
            assert period is not None  # _row_period returned True
            figure = PlannedFigure(
                current.code,
                period.key,
                slot.metric,
                key,
                parsed.status,
                parsed.value,
                self.sheet.name,
                tally.cells[i],
                current.display_name,
            )
            if first := self._first_at.get(figure.key):
                what = f"{breakdown_label(key)} for {current.display_name}, {period.key}"
                self._error(
                    r,
                    slot.columns[0].col,
                    f"{METRICS_BY_KEY[slot.metric].label} ({what}) is given twice: it was "
                    f"already given in {first}. Remove one of the two.",
                )
                continue
            self._first_at[figure.key] = figure.cell
            self.figures.append(figure)

    def blank_warnings(self) -> list[Problem]:
        return blank_warnings(
            self.sheet.name,
            self.plan.slots,
            self.blanks,
            self.read_rows,
            self.categories,
            self.located.force_col,
        )
