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

from commissioner_desk.domain.geography import FORCE_AREAS
from commissioner_desk.progress import check

from ..checks.cells import ParsedValue, cell_ref
from ..checks.problems import Problem, error, warning
from ..model import LayoutResult, Note, PlannedFigure, ReadContext, TableReport
from ..readers.workbook import Sheet, Workbook
from .headers import Located, header_fingerprint
from .row_roles import classify_rows
from .table_find import locate_tables
from .table_list import TableInfo, by_choice, choose_error, info_of, other_table
from .wide_cells import read_slot
from .wide_checks import parts_against_totals, reconcile_totals
from .wide_columns import column_mapping, plan_columns
from .wide_meta import table_title
from .wide_rows import RowReader

LAYOUT = "wide"
NO_FIGURES = "The table by police force holds no figures to import."


def read_layout(workbook: Workbook, ctx: ReadContext) -> LayoutResult | None:
    """The table the user chose, or the only one there is; else one error asking which."""
    results, others = read_tables(workbook, ctx)
    if not results:
        if ctx.options.sheet is not None or ctx.options.table is not None:
            message = f"{workbook.path.name} holds no table by police force area to choose."
            return LayoutResult(LAYOUT, None, (), (error(None, None, message),))
        return None
    infos = [info for _, info in results]
    listed = _in_order(workbook, [*infos, *others])
    keep, problem = by_choice(infos, ctx.options, workbook.path.name)
    if problem is not None:
        return LayoutResult(LAYOUT, None, (), (problem,), tables=listed)
    # Candidates: tables by police force area with something to import or to ask about.
    chosen = [i for i in keep if infos[i].geography == FORCE_AREAS and not infos[i].empty]
    chosen = chosen or keep[:1]
    if len(chosen) > 1:
        ask = choose_error([infos[i] for i in chosen], workbook.path.name)
        details = {"needs": "table"}
        return LayoutResult(LAYOUT, None, (), (ask,), details=details, tables=listed)
    result = results[chosen[0]][0]
    chose = ctx.options.sheet is not None or ctx.options.table is not None
    others = [infos[i] for i in range(len(infos)) if i != chosen[0]]
    if others and not chose:
        left = "; ".join(f"{o.name}: {_why_not(o)}" for o in others)
        note = warning(
            None,
            None,
            f"Only {infos[chosen[0]].name} was read. The workbook's other tables cannot be "
            f"imported ({left}).",
        )
        result = replace(result, problems=(*result.problems, note))
    return replace(result, tables=listed)


def _in_order(workbook: Workbook, infos: list[TableInfo]) -> tuple[TableInfo, ...]:
    """Tables in the workbook's order: by sheet, then down the sheet."""
    sheets = {s.name: n for n, s in enumerate(workbook.sheets)}
    return tuple(sorted(infos, key=lambda t: (sheets.get(t.sheet, 0), t.number)))


def _why_not(info: TableInfo) -> str:
    if info.geography != FORCE_AREAS:
        return f"by {info.geography}"
    return "no figures" if info.empty else info.problem


def read_tables(
    workbook: Workbook, ctx: ReadContext
) -> tuple[list[tuple[LayoutResult, TableInfo]], list[TableInfo]]:
    """Every table by area with figures, read, with its listing: tables on visible sheets, or
    on hidden ones when no visible sheet has one (a hidden copy is not a second table); and
    the listing of visible sheets' tables that are not by area at all."""
    out: list[tuple[LayoutResult, TableInfo]] = []
    others: list[TableInfo] = []
    for hidden in (False, True):
        for sheet in (s for s in workbook.sheets if s.hidden == hidden):
            check(ctx.progress)
            found = 0
            for number, located in enumerate(locate_tables(sheet, ctx.resolver), 1):
                result = read_wide_table(sheet, located, ctx, number)
                if result is not None:
                    out.append((result, info_of(result, hidden)))
                    found += 1
            if not found and not hidden and (other := other_table(sheet)) is not None:
                others.append(other)
        if out:
            break
    return out, others


def read_wide_table(
    sheet: Sheet, located: Located, ctx: ReadContext, number: int = 1
) -> LayoutResult | None:
    """Read a table `locate_tables` found; None when it holds no figures at all."""
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
    column_map = column_mapping(profile, ctx)
    if column_map:
        details["column_map"] = json.dumps(column_map, sort_keys=True)
    if ctx.options.columns:
        details["columns_source"] = "options"

    def values(r: int) -> list[ParsedValue | None]:
        got = (read_slot(sheet, r, slot, None) for slot in plan.slots)
        return [v if isinstance(v, ParsedValue) else None for v in got]

    roles = classify_rows(sheet, located, ctx.resolver, values)
    report = _report(sheet, located, number, plan, roles.notes(located.force_col))
    if roles.refusal is not None:
        report = replace(report, geography=roles.geography)
        return LayoutResult(LAYOUT, sheet.name, (), (roles.refusal,), details=details, table=report)
    if plan.fatal is not None:
        return LayoutResult(LAYOUT, sheet.name, (), (plan.fatal,), details=details, table=report)
    rows = RowReader(sheet, located, plan, ctx, column_map, roles)
    rows.read_all()
    problems = [*plan.problems, *roles.problems, *rows.problems, *rows.blank_warnings()]
    problems += rows.period_choice()
    names = {i: f'"{slot.name}"' for i, slot in enumerate(plan.slots)}
    problems += reconcile_totals(rows.tallies, names, sheet.name, ctx.resolver.records)
    problems += parts_against_totals(rows.figures, sheet.name)
    if not rows.figures and not any(p.severity == "error" for p in problems):
        problems.append(error(sheet.name, None, NO_FIGURES))
    figures, unresolved = tuple(rows.figures), tuple(rows.unresolved)
    if ctx.options.force:
        figures, said = _one_force(figures, ctx, sheet.name)
        problems.append(said)
    return LayoutResult(
        LAYOUT,
        sheet.name,
        figures,
        tuple(problems),
        unresolved,
        details=details,
        table=report,
    )


def _one_force(
    figures: tuple[PlannedFigure, ...], ctx: ReadContext, sheet: str
) -> tuple[tuple[PlannedFigure, ...], Problem]:
    """--force on a table of many forces: that force's figures only, the user's word."""
    wanted = ctx.options.force or ""
    record = ctx.resolver.resolve(wanted)
    if record is None:
        return (), error(sheet, None, f'"{wanted}" is not a police force the app knows.')
    mine = tuple(f for f in figures if f.force_code == record.code)
    if not mine:
        return (), error(
            sheet,
            None,
            f"You chose {record.display_name}, but the table has no figures for it: nothing "
            "was imported.",
        )
    others = len({f.force_code for f in figures}) - 1
    message = (
        f"Only {record.display_name}'s figures were read, as you chose; the table holds "
        f"{others} other force{'s' if others != 1 else ''} too."
    )
    return mine, warning(sheet, mine[0].cell, message)


def _report(sheet: Sheet, located: Located, number: int, plan, rows: list[Note]) -> TableReport:
    table_rows = located.rows(sheet)
    last_col = max([located.force_col, *located.headings, *(c.col for c in plan.all_columns)])
    labels = [located.force_col] + ([located.code_col] if located.code_col is not None else [])
    first = cell_ref(located.header_rows[0], min(labels))
    cells = f"{first}:{cell_ref(max(table_rows.stop - 1, table_rows.start), last_col)}"
    return TableReport(
        sheet=sheet.name,
        number=number,
        cells=cells,
        title=table_title(sheet, located),
        aggregate_rows=tuple(rows),
        skipped_columns=tuple(plan.skipped),
        periods=tuple(plan.periods_found),
    )
