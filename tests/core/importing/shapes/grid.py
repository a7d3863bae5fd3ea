"""Lay a table out on a sheet and write down, as it goes, what a correct import stores.

A table is label columns (code, name) then figure columns, one `Line` a row. A line is a
force's own row (`force` set) or an aggregate of its `members` (a region, the nation, a total,
or a row of something that is not a force, given a made-up member code such as "CSS"): its
cells are the sums of its members' figures, so region and national rows always add up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .a1 import a1
from .forces import add
from .model import NOT_APPLICABLE, SUPPRESSED, Expected, Key, SheetSpec

# What each publisher's marker means to the app. Never zero.
MARKERS = {
    "..": SUPPRESSED,  # not available
    ":": SUPPRESSED,
    "x": SUPPRESSED,
    "[x]": SUPPRESSED,
    "[c]": SUPPRESSED,  # confidential
    "*": SUPPRESSED,
    "[low]": SUPPRESSED,
    "-": NOT_APPLICABLE,
    "[z]": NOT_APPLICABLE,
    "n/a": NOT_APPLICABLE,
}


def stored(value: object) -> object:
    """What the app stores for a cell: the number, or the status its marker stands for."""
    return MARKERS[value] if isinstance(value, str) else value


@dataclass(frozen=True)
class Col:
    """A column after the labels. A figure column has a `period`; `role` "skip" marks a
    change, rate, share or spacer column, "unmapped" figures the app has no place for.
    `values` maps member codes to cells; `derive` computes a cell from a line's members
    instead (rates, changes); neither leaves the column blank (a spacer)."""

    heading: object
    values: Mapping[str, object] | None = None
    period: str = ""
    breakdown: str = ""
    role: str = "figure"
    derive: Callable[[tuple[str, ...]], object] | None = None

    def cell(self, line: Line) -> object:
        if self.derive is not None:
            return self.derive(line.members)
        if self.values is None:
            return None
        if line.force is not None or len(line.members) == 1:
            return self.values[line.force or line.members[0]]
        return add(self.values, line.members)


@dataclass(frozen=True)
class Line:
    labels: tuple[object, ...]
    members: tuple[str, ...]
    force: str | None = None


def force_line(code: str, *labels: object) -> Line:
    return Line(labels, (code,), code)


def total_line(members: Sequence[str], *labels: object) -> Line:
    return Line(labels, tuple(members))


class Grid:
    """The rows of one sheet being built, from A1."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[tuple[object, ...]] = []
        self.merged: list[str] = []

    @property
    def next_row(self) -> int:
        return len(self.rows) + 1

    def add(self, *cells: object) -> int:
        """Append a row; its 1-based number."""
        self.rows.append(tuple(cells))
        return len(self.rows)

    def notes(self, *lines: str) -> None:
        for line in lines:
            self.add(line)

    def gap(self, n: int = 1) -> None:
        for _ in range(n):
            self.add()

    def merge(self, *areas: str) -> None:
        self.merged.extend(areas)

    def spec(self, *, hidden: bool = False) -> SheetSpec:
        return SheetSpec(self.name, tuple(self.rows), tuple(self.merged), hidden)


def write_table(
    grid: Grid,
    labels: Sequence[object],
    cols: Sequence[Col],
    lines: Sequence[Line],
    *,
    title: str,
    **details: object,
) -> Expected:
    """Write the header row and the lines; the Expected of the table. `details` are the
    Expected's other fields (measure, unit, snapshot, table)."""
    header = grid.add(*labels, *(c.heading for c in cols))
    first = len(labels) + 1  # column number of the first figure
    name_col = len(labels)  # the last label column holds the name
    figures: dict[Key, object] = {}
    cells: dict[Key, str] = {}
    force_rows: dict[str, str] = {}
    aggregates: list[str] = []
    for line in lines:
        row = grid.add(*line.labels, *(c.cell(line) for c in cols))
        if line.force is None:
            aggregates.append(a1(row, name_col))
            continue
        force_rows[line.force] = a1(row, name_col)
        for n, col in enumerate(cols):
            if col.period and col.role == "figure":
                key = (line.force, col.period, col.breakdown)
                figures[key] = stored(grid.rows[-1][first - 1 + n])
                cells[key] = a1(row, first + n)
    periods = tuple(dict.fromkeys(c.period for c in cols if c.period and c.role == "figure"))
    return Expected(
        sheet=grid.name,
        title=title,
        periods=periods,
        figures=figures,
        cells=cells,
        force_rows=force_rows,
        aggregate_rows=tuple(aggregates),
        skipped_columns=_headings(cols, "skip", header, first),
        unmapped_columns=_headings(cols, "unmapped", header, first),
        **details,  # type: ignore[arg-type]
    )


def _headings(cols: Sequence[Col], role: str, row: int, first: int) -> tuple[str, ...]:
    return tuple(a1(row, first + n) for n, c in enumerate(cols) if c.role == role)
