"""The dry run: what importing a file would store, and everything wrong with it.

`plan_file` never touches the database, so the UI can show a preview (and many files can be
checked in one go) before anyone commits. Layout readers produce `PlannedFigure`s; a file that
cannot be read at all becomes a plan with one error rather than an exception.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from commissioner_desk.domain.catalogue import parse_breakdown
from commissioner_desk.domain.enums import ObservationStatus
from commissioner_desk.domain.forces import ForceResolver
from commissioner_desk.progress import NO_PROGRESS, Progress, check

from .checks.problems import Problem, error, warning
from .model import ImportOptions, LayoutResult, PlannedFigure, PlannedText, ReadContext, TableReport
from .readers import reader_process
from .readers.deadline import PARSE_TIME_LIMIT, TimeLimit
from .readers.source_file import read_file_bytes
from .readers.workbook import Workbook, WorkbookError

if TYPE_CHECKING:
    from .layouts.profiles import ProfileData
    from .layouts.table_list import TableInfo

NO_TABLE = (
    "No table of figures was found: expected a force's template return, a table with columns "
    "Force, Period, Metric, Value (and optionally Breakdown), or a table with police forces "
    "as rows and a heading over each column of figures"
)
LAYOUT_NAMES = {"template": "template return", "long": "long table", "wide": "published table"}
LAYOUT_NONE = "none"  # the layout of a plan for a file in which no table was recognised
# JSON names for statuses: "reported" reads better than "value" to someone scanning a report.
JSON_STATUS = {
    ObservationStatus.VALUE: "reported",
    ObservationStatus.SUPPRESSED: "suppressed",
    ObservationStatus.NIL: "nil",
    ObservationStatus.NOT_APPLICABLE: "not_applicable",
}


@dataclass(frozen=True)
class ImportPlan:
    path: Path
    sha256: str  # "" when the file could not be read
    size_bytes: int
    layout: str  # "long", or "none" when no table was recognised
    sheet: str | None  # the sheet the table was found in
    figures: tuple[PlannedFigure, ...]
    problems: tuple[Problem, ...]
    unresolved: tuple[str, ...]  # force names as written that matched no body, in file order
    texts: tuple[PlannedText, ...] = ()  # free-text answers (template returns)
    template_version: str | None = None
    details: dict[str, str] = field(default_factory=dict)  # e.g. the mapping profile used
    table: TableReport | None = None  # a published table: which, and what was left out
    tables: tuple[TableInfo, ...] = ()  # every table the workbook holds (a choice to make)

    @property
    def how_read(self) -> str:
        """How the file was read, in words, for the preview and the batch's record."""
        if self.layout not in LAYOUT_NAMES:
            return "not recognised"
        text = LAYOUT_NAMES[self.layout]
        if self.template_version:
            text += f" {self.template_version}"
        elif self.table is not None:
            text += f", sheet {self.table.sheet}"
            if self.table.number > 1:
                text += f", table {self.table.number}"
            text += f" ({self.table.cells})"
        elif self.sheet:
            text += f", sheet {self.sheet}"
        if profile := self.details.get("profile"):
            text += f", mapping profile {profile}"
        return text

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when the file can be imported (warnings allowed)."""
        return not self.errors

    def to_json(self) -> dict:
        """A plain dict for `json.dumps`: the command line's --json output and test fixtures."""

        def problem(p: Problem) -> dict:
            return {"sheet": p.sheet, "cell": p.cell, "message": p.message}

        return {
            "path": str(self.path),
            "status": "ok" if self.ok else "error",
            "layout": self.layout,
            "table": self.table.to_json() if self.table is not None else None,
            "tables": [t.to_json() for t in self.tables],
            "needs": [n for n in self.details.get("needs", "").split(",") if n],
            "errors": [problem(p) for p in self.errors],
            "warnings": [problem(p) for p in self.warnings],
            "unresolved": list(self.unresolved),
            "observations": [
                {
                    "force_code": f.force_code,
                    "force_name": f.force_name,
                    "period": f.period_key,
                    "metric": f.metric_key,
                    "breakdown": parse_breakdown(f.breakdown),
                    "value": f.value,
                    "status": JSON_STATUS[f.status],
                    "source": f.location,
                }
                for f in self.figures
            ],
        }


def plan_file(
    path: Path,
    resolver: ForceResolver,
    *,
    today: date | None = None,
    options: ImportOptions | None = None,
    profiles: Mapping[str, ProfileData] | None = None,
    progress: Progress = NO_PROGRESS,
    time_limit: float | None = PARSE_TIME_LIMIT,
    reading: reader_process.Reading | None = None,
) -> ImportPlan:
    """Read `path` and work out what importing it would store. Never raises for a bad file
    (the problems are in the plan); raises Cancelled if the user cancels. `profiles` are the
    saved mappings (profiles.load_profiles), read beforehand: planning never touches the
    database. Reading and checking the file stop with an error in the plan after
    `time_limit` seconds (None: no limit). `reading`: the reader process of a batch of files
    (plan_files), else one is found for this file."""
    path = Path(path)
    if time_limit is not None:
        progress = TimeLimit(progress, path.name, time_limit)
    sha256, size = "", 0
    try:
        sent = reading.sent(path) if reading is not None else None
        data = read_file_bytes(path) if sent is None else sent
        # Hash the very bytes that are read, so the stored SHA-256 describes these figures.
        sha256, size = hashlib.sha256(data).hexdigest(), len(data)
        return _plan(path, data, sha256, resolver, today, options, profiles, progress, reading)
    except WorkbookError as exc:
        return ImportPlan(
            path, sha256, size, LAYOUT_NONE, None, (), (error(None, None, str(exc)),), ()
        )


def _plan(
    path: Path,
    data: bytes,
    sha256: str,
    resolver: ForceResolver,
    today: date | None,
    options: ImportOptions | None,
    profiles: Mapping[str, ProfileData] | None,
    progress: Progress,
    reading: reader_process.Reading | None,
) -> ImportPlan:
    from .layouts.recognise import read_any_layout

    size = len(data)
    # In a process of its own: a file that crashes the reader costs this plan, not the app.
    if reading is None:
        workbook = reader_process.parse(path, data, progress)
    else:
        workbook = reading.parse(path, data, progress)
    check(progress)
    ctx = ReadContext(
        path,
        resolver,
        today or date.today(),
        options or ImportOptions(),
        progress,
        profiles=profiles or {},
    )
    result = read_any_layout(workbook, ctx)
    if result is None:
        problem = error(None, None, f"{path.name}: {NO_TABLE}.")
        problems = (*workbook.warnings, problem)
        return ImportPlan(path, sha256, size, LAYOUT_NONE, None, (), problems, ())
    # A blank a reader complained about may be a formula with no saved result or an Excel
    # error (#REF!): calamine shows both as blank; the reader noted which cells were which.
    from .checks.formula_check import explain_blanks

    problems = explain_blanks(workbook, result.problems)
    problems = (*workbook.warnings, *_hidden_sources(workbook, result), *problems)
    return plan_from_result(path, sha256, size, replace(result, problems=problems))


def _hidden_sources(workbook: Workbook, result: LayoutResult) -> list[Problem]:
    """A warning for each hidden sheet the figures come from: whoever opens the file sees none
    of them, so they are never imported without a word (the layouts read a hidden sheet only
    when no visible one holds a table)."""
    used = {f.sheet for f in result.figures} | {t.sheet for t in result.texts}
    return [
        warning(
            sheet.name,
            None,
            f'The figures were read from the hidden sheet "{sheet.name}": whoever opens the '
            "file in Excel does not see them. Check they are the figures meant to be sent "
            "(right-click a sheet tab, Unhide, to see the sheet).",
        )
        for sheet in workbook.sheets
        if sheet.hidden and sheet.name in used
    ]


def plan_from_result(path: Path, sha256: str, size: int, result: LayoutResult) -> ImportPlan:
    return ImportPlan(
        path=path,
        sha256=sha256,
        size_bytes=size,
        layout=result.layout,
        sheet=result.sheet,
        figures=result.figures,
        problems=result.problems,
        unresolved=result.unresolved,
        texts=result.texts,
        template_version=result.template_version,
        details=dict(result.details),
        table=result.table,
        tables=result.tables,
    )
