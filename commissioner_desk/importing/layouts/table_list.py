"""Every table by police force area a workbook holds, and choosing the one to import.

Published workbooks hold many tables: one a sheet (Table_1 … Table_17, beside cover, contents
and notes sheets), or several stacked on one sheet. Each is listed with its title, layout,
periods and geography; when more than one could be imported the user picks (`--sheet NAME`,
`--table N` for a sheet holding several, the table picker in the app). The app never reads the
first and says nothing of the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from commissioner_desk.domain.geography import FORCE_AREAS

from ..checks.cells import cell_ref
from ..checks.problems import Problem, error
from ..model import ImportOptions, LayoutResult
from ..readers.workbook import Sheet
from .footnotes import strip_title_notes

if TYPE_CHECKING:
    from ..plan import ImportPlan


@dataclass(frozen=True)
class TableInfo:
    """One table, as `import --list-tables` and the app's table picker show it."""

    sheet: str
    number: int  # on its sheet, from 1
    cells: str  # "A5:F52"
    title: str
    layout: str  # "wide", or "long"/"template" for a workbook read whole
    periods: tuple[str, ...]  # period keys
    metric: str  # the metric key the table counts; "" when it does not say
    forces: int  # police forces with figures
    geography: str  # "police force areas", or the geography that keeps it out
    problem: str = ""  # why it cannot be imported as it stands ("" when it can)
    hidden: bool = False  # on a hidden sheet

    @property
    def name(self) -> str:
        return f"{self.sheet}, table {self.number}" if self.number > 1 else self.sheet

    @property
    def importable(self) -> bool:
        return not self.problem

    @property
    def empty(self) -> bool:
        """By police forces, but without a figure: not a table to choose."""
        from .wide_layout import NO_FIGURES

        return self.problem == NO_FIGURES

    def to_json(self) -> dict:
        return {**vars(self), "name": self.name, "importable": self.importable}


def info_of(result: LayoutResult, hidden: bool) -> TableInfo:
    """A read table's listing."""
    table = result.table
    assert table is not None
    errors = [p for p in result.problems if p.severity == "error"]
    periods = tuple(dict.fromkeys(f.period_key for f in result.figures)) or tuple(
        p.key for p in table.periods
    )
    return TableInfo(
        sheet=table.sheet,
        number=table.number,
        cells=table.cells,
        title=table.title,
        layout=result.layout,
        periods=periods,
        metric=result.details.get("metric", ""),
        forces=len({f.force_code for f in result.figures}),
        geography=table.geography,
        problem=errors[0].message if errors else "",
        hidden=hidden,
    )


def by_choice(
    infos: Sequence[TableInfo], options: ImportOptions, file_name: str
) -> tuple[list[int], Problem | None]:
    """The indexes of the tables the options leave (all of them without --sheet or --table),
    or an error saying what was asked for and what there is."""
    keep = list(range(len(infos)))
    if options.sheet is not None:
        wanted = options.sheet.strip().casefold()
        keep = [i for i in keep if infos[i].sheet.casefold() == wanted]
        if not keep:
            return [], error(
                None,
                None,
                f'{file_name} has no table by police force area on a sheet named "{options.sheet}"'
                f". {listing(infos)}",
            )
    if options.table is not None:
        sheets = {infos[i].sheet for i in keep}
        if len(sheets) > 1:
            return [], error(
                None,
                None,
                f"{file_name} has tables on more than one sheet: say which sheet with --sheet "
                f"as well as --table. {listing(infos)}",
            )
        keep = [i for i in keep if infos[i].number == options.table]
        if not keep:
            return [], error(
                None,
                None,
                f"{file_name} has no table {options.table} on that sheet. {listing(infos)}",
            )
    return keep, None


def listing(infos: Sequence[TableInfo]) -> str:
    """The tables in words, for a message."""
    if not infos:
        return "It holds no table by police force area."
    parts = []
    for info in infos:
        text = f"{info.name} ({info.cells})"
        if info.title:
            text += f' "{info.title}"'
        if info.periods:
            text += f", {', '.join(info.periods[:4])}" + ("…" if len(info.periods) > 4 else "")
        if info.problem:
            text += " [cannot be imported]"
        parts.append(text)
    return "Its tables: " + "; ".join(parts) + "."


def choose_error(infos: Sequence[TableInfo], file_name: str) -> Problem:
    return error(
        None,
        None,
        f"{file_name} holds {len(infos)} tables by police force area: choose the one to import "
        "(the table picker in the app; --sheet NAME on the command line, and --table N for a "
        f"sheet that holds several). {listing(infos)}",
    )


def tables_in(plan: ImportPlan) -> tuple[TableInfo, ...]:
    """The tables a checked file holds: every one a published workbook lists, or the one table
    a template return or long table is."""
    if plan.tables:
        return plan.tables
    if plan.layout in ("none", ""):
        return ()
    errors = [p for p in plan.errors]
    cells = plan.table.cells if plan.table is not None else ""
    return (
        TableInfo(
            sheet=plan.sheet or "",
            number=1,
            cells=cells,
            title=plan.table.title if plan.table is not None else "",
            layout=plan.layout,
            periods=tuple(dict.fromkeys(f.period_key for f in plan.figures)),
            metric=plan.details.get("metric", ""),
            forces=len({f.force_code for f in plan.figures}),
            geography=FORCE_AREAS,
            problem=errors[0].message if errors else "",
        ),
    )


NOT_BY_AREA = "no police force areas"
_MIN_FIGURE_ROWS = 3


def other_table(sheet: Sheet) -> TableInfo | None:
    """A sheet holding a table that is not by area (a national series, figures by nationality
    or first responder), listed so the user sees every table and why it cannot be imported;
    None for a sheet of text (cover, contents, notes)."""
    rows = [
        r
        for r, row in enumerate(sheet.rows)
        if any(isinstance(v, int | float) and not isinstance(v, bool) for v in row[1:])
    ]
    if len(rows) < _MIN_FIGURE_ROWS:
        return None
    texts = [
        strip_title_notes(v)
        for row in sheet.rows[: rows[0]]
        for v in row
        if isinstance(v, str) and v.strip()
    ]
    width = max(len(sheet.rows[r]) for r in rows)
    return TableInfo(
        sheet=sheet.name,
        number=1,
        cells=f"{cell_ref(rows[0], 0)}:{cell_ref(rows[-1], width - 1)}",
        title=" ".join(texts[0].split()) if texts else "",
        layout="other",
        periods=(),
        metric="",
        forces=0,
        geography=NOT_BY_AREA,
        problem="Its rows are not police force areas, so it cannot be imported.",
        hidden=sheet.hidden,
    )
