"""The wide layout ("wide"): tables by police force as the Home Office and ONS publish them, and
forces' own tables shaped the same way — forces as rows, figures in columns.

Detection (no help from the user; see headers.py for how the table is found):

- Forces are rows. A name may carry notes and spacing ("Metropolitan Police[Note 6] ");
  British Transport Police, ROCUs, Police Scotland and PSNI are kept as themselves. A name
  that matches no body is an error at its cell with suggestions, listed in `unresolved`.
- Columns are read from their headings (two or three heading rows, merged cells filled):
  published categories ("Adult (18 or over)", "Labour & Criminal" → Multiple types, kept in a
  warning), `Total`, periods ("2022/23", "Q1 2024": one figure per period column) and
  measures ("NRM referrals"). A column whose heading the app does not understand is never
  dropped silently: it gets a warning at its heading cell. Two columns with the same heading
  are compared, not counted twice; two headings meaning the same category are added together.
- Hierarchical tables: a column of categories beside the force names (or categories in the
  force column itself, beneath each force) gives each row a breakdown. The force's name is
  filled down over its group; the group's first row, whose category is blank or "Total", is
  the force's total, and the rows beneath are its breakdown, so nothing is counted twice.
- Total rows ("England and Wales", "Total", "UK", regions) are not forces: skipped, but the
  forces' rows are checked against them, and against their own Total column, with a warning
  where they do not add up.
- Periods: one per column ("2022/23 | 2023/24", one figure per period column; a column with
  no period among them, such as a Total over years, is not imported), or a column of periods
  ("Kent | 2024-Q1 | …", filled down over a group), or stated only in the title.
- The metric and period come from the column headings, else the title above the table
  ("Table 13: NRM referrals by police force, October to December 2023"), else the user
  (`--metric`, `--period`), else (metric only) a saved profile; otherwise ONE error asks
  (wide_meta.py). A profile never supplies the period: see profiles.py.
- Cells: numbers, numbers stored as text, thousands separators, notes ("12 [note 3]") and
  markers ([x], [c], [z], *, -, .., n/a) as cells.parse_count reads them. A blank in a
  published table means "not given": a warning, never an error and never a zero.
- One table per workbook: the first sheet (visible sheets first) holding a table by force;
  other such sheets are named in a warning.

Modules: headers (finding the table), wide_labels/wide_titles (what words mean), wide_columns
and wide_slots (what each column holds), wide_meta (metric and period), wide_rows and
wide_cells (the rows and cells), wide_checks (totals that should add up).
"""

from __future__ import annotations

import json
from dataclasses import replace

from commissioner_desk.progress import check

from .headers import Located, header_fingerprint, locate_table
from .model import LayoutResult, ReadContext
from .problems import error, warning
from .wide_checks import parts_against_totals, reconcile_totals
from .wide_columns import plan_columns
from .wide_rows import RowReader
from .workbook import Sheet, Workbook

LAYOUT = "wide"


def read_layout(workbook: Workbook, ctx: ReadContext) -> LayoutResult | None:
    found = []
    for sheet in sorted(workbook.sheets, key=lambda s: s.hidden):
        check(ctx.progress)
        if (located := locate_table(sheet, ctx.resolver)) is not None:
            found.append((sheet, located))
    for n, (sheet, located) in enumerate(found):
        result = read_wide_table(sheet, located, ctx)
        if result is None:
            continue  # names of forces but no figures: not a table to import
        others = [s.name for s, _ in found[n + 1 :]]
        if others:
            note = warning(
                None,
                None,
                f"Only the sheet {sheet.name} was read. Sheet(s) {', '.join(others)} also "
                "seem to hold a table by police force: to import one, save it as a workbook "
                "of its own.",
            )
            result = replace(result, problems=(*result.problems, note))
        return result
    return None


def read_wide_table(sheet: Sheet, located: Located, ctx: ReadContext) -> LayoutResult | None:
    """Read the table `locate_table` found; None when it holds no figures at all."""
    fingerprint = header_fingerprint(sheet, located.header_rows)
    profile = ctx.profiles.get(fingerprint)
    plan = plan_columns(sheet, located, ctx, profile)
    if not plan.has_figures:
        return None
    top, bottom = located.header_rows[0] + 1, located.header_rows[-1] + 1
    details = {
        "fingerprint": fingerprint,
        "header_rows": str(top) if top == bottom else f"{top}-{bottom}",
        "column_map": "{}",
        **plan.details,
    }
    if profile:
        details["column_map"] = json.dumps(dict(profile.column_map), sort_keys=True)
    if plan.fatal is not None:
        return LayoutResult(LAYOUT, sheet.name, (), (plan.fatal,), details=details)
    rows = RowReader(sheet, located, plan, ctx, dict(profile.column_map) if profile else {})
    rows.read_all()
    problems = [*plan.problems, *rows.problems, *rows.blank_warnings()]
    names = {i: f'"{slot.name}"' for i, slot in enumerate(plan.slots)}
    problems += reconcile_totals(rows.tallies, names, sheet.name)
    problems += parts_against_totals(rows.figures, sheet.name)
    if not rows.figures and not any(p.severity == "error" for p in problems):
        problems.append(
            error(sheet.name, None, "The table by police force holds no figures to import.")
        )
    figures, unresolved = tuple(rows.figures), tuple(rows.unresolved)
    return LayoutResult(LAYOUT, sheet.name, figures, tuple(problems), unresolved, details=details)
