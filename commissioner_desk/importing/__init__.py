"""Importing force returns: read a spreadsheet, plan what it would store, commit the plan.

The sub-packages are the steps, in order: `readers` (the file read once, in a reader process,
into a `Workbook`), `layouts` (which layout the workbook uses, and the figures it plans),
`checks` (where a return is validated: cells, problems, formula blanks, history) and `commit`
(store, diff, undo). `template` writes and reads the office's own return.

`plan_file` is the dry run (no database); `commit_plan` stores a plan without errors in one
transaction.
"""

from .checks.cells import (
    CellValueError,
    ParsedValue,
    breakdown_from_text,
    cell_ref,
    is_blank,
    metric_from_text,
    parse_count,
)
from .checks.problems import ImportRefused, Problem
from .commit.store import ImportOutcome, commit_plan
from .layouts.long_layout import LongHeader, LongResult, find_long_header, read_long_table
from .model import ImportOptions, LayoutResult, PlannedFigure, PlannedText, ReadContext
from .plan import NO_TABLE, ImportPlan, plan_file
from .readers.workbook import (
    SUPPORTED_EXTENSIONS,
    Sheet,
    Workbook,
    WorkbookError,
    parse_workbook,
    read_workbook,
)

__all__ = [
    "NO_TABLE",
    "SUPPORTED_EXTENSIONS",
    "CellValueError",
    "ImportOptions",
    "ImportOutcome",
    "ImportPlan",
    "ImportRefused",
    "LayoutResult",
    "LongHeader",
    "LongResult",
    "ParsedValue",
    "PlannedFigure",
    "PlannedText",
    "Problem",
    "ReadContext",
    "Sheet",
    "Workbook",
    "WorkbookError",
    "breakdown_from_text",
    "cell_ref",
    "commit_plan",
    "find_long_header",
    "is_blank",
    "metric_from_text",
    "parse_count",
    "parse_workbook",
    "plan_file",
    "read_long_table",
    "read_workbook",
]
