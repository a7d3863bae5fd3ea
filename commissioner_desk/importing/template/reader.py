"""Read a filled-in template return: no questions asked, every cell known from `spec`.

The workbook is a template when its cover carries the hidden version id; anything else is left
to the other layout readers. Force and period come from the cover, so the file needs no
`--force` or `--period`; when the user gives them anyway, the cover must agree.

Blank figures: each blank input is an error at its cell, as in the long layout ("No figure
given…"): a blank is not a zero. A template with no figure at all gets one error instead of one
per cell, saying the Figures sheet has not been filled in.
"""

from __future__ import annotations

from datetime import date, datetime

from commissioner_desk.domain.forces import ForceRecord
from commissioner_desk.domain.periods import MONTH_NAMES, Period, PeriodParseError, parse_period

from ..checks.cells import CellValueError, is_blank, parse_count
from ..checks.problems import Problem, error, warning
from ..layouts.long_layout import parts_over_totals
from ..model import LayoutResult, PlannedFigure, PlannedText, ReadContext
from ..readers.workbook import Sheet, Workbook
from . import spec

LAYOUT = "template"
_REPLACE = "Ask the force to copy its figures into a new template and send that instead."


def template_version(workbook: Workbook) -> str | None:
    """The version id on the cover, or None when the workbook is not a template return."""
    cover = _sheet(workbook, spec.COVER)
    if cover is None:
        return None
    value = cover.cell(*spec.VERSION_CELL.index)
    if isinstance(value, str) and value.strip().startswith(spec.VERSION_PREFIX):
        return value.strip()
    return None


def read_template(workbook: Workbook, ctx: ReadContext) -> LayoutResult | None:
    version = template_version(workbook)
    if version is None:
        return None
    cover = _sheet(workbook, spec.COVER)
    assert cover is not None  # template_version found the id on it
    if version not in spec.SUPPORTED_VERSIONS:
        supported = ", ".join(sorted(spec.SUPPORTED_VERSIONS))
        problem = error(
            cover.name,
            spec.VERSION_CELL.ref,
            f"This return was made from template {version}, which this version of the app "
            f"cannot read (it reads {supported}). Update the app, or send the force a new "
            "template to fill in.",
        )
        return LayoutResult(LAYOUT, cover.name, (), (problem,), template_version=version)
    return _Reader(workbook, cover, ctx).read(version)


def _sheet(workbook: Workbook, name: str) -> Sheet | None:
    return next((s for s in workbook.sheets if s.name.casefold() == name.casefold()), None)


class _Reader:
    def __init__(self, workbook: Workbook, cover: Sheet, ctx: ReadContext) -> None:
        self.workbook, self.cover, self.ctx = workbook, cover, ctx
        self.problems: list[Problem] = []

    def _error(self, sheet: str, at: spec.At | None, message: str) -> None:
        self.problems.append(error(sheet, at.ref if at else None, message))

    def read(self, version: str) -> LayoutResult:
        force, period = self._force(), self._period()
        contact = self._contact()
        figures: list[PlannedFigure] = []
        texts: list[PlannedText] = []
        if force is not None and period is not None:
            figures = self._figures(force, period)
            texts = self._texts(force, period)
        return LayoutResult(
            LAYOUT,
            spec.FIGURES,
            tuple(figures),
            tuple(self.problems),
            texts=tuple(texts),
            template_version=version,
            details=contact,
        )

    # --- the cover -----------------------------------------------------------------------

    def _force(self) -> ForceRecord | None:
        raw = self.cover.cell(*spec.FORCE_CODE.index)
        text = "" if is_blank(raw) else str(raw).strip()
        force = self.ctx.resolver.resolve(text) if text else None
        if force is None:
            what = f'"{text}" is not a police force the app knows' if text else "It is blank"
            self._error(
                self.cover.name,
                spec.FORCE_CODE,
                f"The force code on the cover cannot be read. {what}. {_REPLACE}",
            )
            return None
        wanted = self.ctx.options.force
        if not wanted:
            return force
        other = self.ctx.resolver.resolve(wanted)
        if other is None:
            self._error(
                self.cover.name,
                spec.FORCE_CODE,
                f'The force given for this import, "{wanted}", is not a police force the app '
                f"knows; this return is for {force.display_name} ({force.code}).",
            )
            return None
        if other.code != force.code:
            self._error(
                self.cover.name,
                spec.FORCE_CODE,
                f"This return is for {force.display_name} ({force.code}), but it was imported "
                f"as the return for {other.display_name} ({other.code}). Check that this is "
                "the right file.",
            )
            return None
        return force

    def _period(self) -> Period | None:
        raw = self.cover.cell(*spec.PERIOD_KEY.index)
        text = "" if is_blank(raw) else str(raw).strip()
        try:
            period = Period.from_key(text)
        except PeriodParseError:
            try:
                period = parse_period(text)
            except PeriodParseError:
                shown = f'"{text}"' if text else "blank"
                self._error(
                    self.cover.name,
                    spec.PERIOD_KEY,
                    f"The period on the cover is {shown}, not a period the app can read. "
                    f"{_REPLACE}",
                )
                return None
        if self.ctx.options.period:
            try:
                wanted = parse_period(self.ctx.options.period)
            except PeriodParseError:
                wanted = None  # the command line reports a period it cannot read
            if wanted is not None and wanted != period:
                self._error(
                    self.cover.name,
                    spec.PERIOD_KEY,
                    f"This return is for {period.label} ({period.key}), but it was imported "
                    f"as the return for {wanted.label} ({wanted.key}). Check that this is the "
                    "right file.",
                )
                return None
        if period.end >= self.ctx.today:
            t = self.ctx.today
            self._error(
                self.cover.name,
                spec.PERIOD_KEY,
                f"This return is for {period.label}, which has not ended yet (today is "
                f"{t.day} {MONTH_NAMES[t.month]} {t.year}), so it cannot have figures yet.",
            )
            return None
        return period

    def _contact(self) -> dict[str, str]:
        """Who filled it in: kept with the plan (details), never an error when missing."""
        details: dict[str, str] = {}
        for key, at in spec.COVER_INPUTS.items():
            value = self.cover.cell(*at.index)
            if not is_blank(value):
                details[key] = str(value).strip()
        raw = self.cover.cell(*spec.DATE_COMPLETED.index)
        if isinstance(raw, datetime):
            raw = raw.date()
        if isinstance(raw, date):
            details["date_completed"] = raw.isoformat()
        elif not is_blank(raw):
            details["date_completed"] = str(raw).strip()
            self.problems.append(
                warning(
                    self.cover.name,
                    spec.DATE_COMPLETED.ref,
                    f'"{str(raw).strip()}" is not a date; it was kept as written.',
                )
            )
        return details

    # --- the figures ---------------------------------------------------------------------

    def _figures(self, force: ForceRecord, period: Period) -> list[PlannedFigure]:
        sheet = _sheet(self.workbook, spec.FIGURES)
        if sheet is None:
            self._error(self.cover.name, None, f"The {spec.FIGURES} sheet is missing. {_REPLACE}")
            return []
        name = sheet.name
        if moved := self._moved_row(sheet):
            self._error(name, spec.At(moved.row, spec.DIM_COL), _moved_message(moved))
            return []
        values = [sheet.cell(*row.input.index) for row in spec.FIGURE_ROWS]
        if all(is_blank(v) for v in values):
            first = spec.FIGURE_ROWS[0].input
            self._error(
                name,
                first,
                f"No figures have been filled in: the yellow cells of the {name} sheet are "
                "all blank. Type a figure in each: a number, 0, nil, [c], [x] or [z].",
            )
            return []
        figures = []
        for row, value in zip(spec.FIGURE_ROWS, values, strict=True):
            try:
                status, number = parse_count(value)
            except CellValueError as exc:
                self._error(name, row.input, f"{exc}.")
                continue
            figures.append(
                PlannedFigure(
                    force.code,
                    period.key,
                    row.metric_key,
                    row.breakdown,
                    status,
                    number,
                    name,
                    row.input.ref,
                    force.display_name,
                )
            )
        self.problems.extend(parts_over_totals(figures, name))
        return figures

    @staticmethod
    def _moved_row(sheet: Sheet) -> spec.FigureRow | None:
        """The first input row whose hidden key is not where the layout puts it."""
        for row in spec.FIGURE_ROWS:
            if sheet.cell(row.row - 1, spec.KEY_COL - 1) != row.key:
                return row
        return None

    # --- the free text -------------------------------------------------------------------

    def _texts(self, force: ForceRecord, period: Period) -> list[PlannedText]:
        sheet = _sheet(self.workbook, spec.CONTEXT)
        if sheet is None:
            return []  # the questions are optional, so a missing sheet loses nothing required
        texts = []
        for q in spec.QUESTIONS:
            value = sheet.cell(*q.box.index)
            if is_blank(value):
                continue
            text = str(value).strip()
            texts.append(PlannedText(force.code, period.key, q.key, text, sheet.name, q.box.ref))
        return texts


def _moved_message(row: spec.FigureRow) -> str:
    metric = next(s.label for s in spec.SECTIONS if s.metric_key == row.metric_key)
    what = f"{metric.split('. ', 1)[-1]}, {row.category_label}"
    return (
        f"Rows of this sheet have been added, deleted or moved: row {row.row} should hold "
        f"{what}. The app reads each figure from its place, so it cannot tell which figure "
        f"is which. {_REPLACE}"
    )
