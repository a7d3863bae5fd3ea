"""What a generated table is (sheets of cells) and what a correct import of it stores.

A figure's key is (force code, period key, breakdown key): "E23000032", "2024-Q1" or "2023/24"
or "YE2024-06", and "" for the total or "age=child", "exploitation=labour". Its value is an
int or float, or the status a marker stands for: "suppressed", "not_applicable" or "nil".
Cells are named in A1 form ("B7") so a failing assertion points at the cell in Excel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Key = tuple[str, str, str]

SUPPRESSED, NOT_APPLICABLE, NIL = "suppressed", "not_applicable", "nil"


@dataclass(frozen=True)
class SheetSpec:
    """One worksheet: `rows` from A1 (None leaves a cell empty); values are str, int, float,
    date or datetime. A merged area ("B5:D5") holds its value in its top-left cell only."""

    name: str
    rows: tuple[tuple[object, ...], ...]
    merged: tuple[str, ...] = ()
    hidden: bool = False


@dataclass(frozen=True)
class Book:
    sheets: tuple[SheetSpec, ...]

    def sheet(self, name: str) -> SheetSpec:
        return next(s for s in self.sheets if s.name == name)


@dataclass(frozen=True)
class Expected:
    """What a correct import of one table stores, and where the table's traps are.

    `figures` holds every row that is a body of the force registry (BTP included) and nothing
    else; `cells` says where each figure was read from and `force_rows` where each force's
    label is. `aggregate_rows` names the label cells of rows that are not a force's own
    figures (national, region, total, "Central Service Secondments"); `skipped_columns` the
    heading cells of change, rate, share and spacer columns that must never be read;
    `unmapped_columns` the headings of figures the app has no place for (another measure, an
    offence group, "Other"). `title` reads as the importer should show it, markers stripped.
    `table` is the table's place in its sheet (1 unless tables are stacked: `--table N`)."""

    sheet: str
    title: str
    periods: tuple[str, ...]
    figures: dict[Key, object]
    cells: dict[Key, str] = field(default_factory=dict)
    force_rows: dict[str, str] = field(default_factory=dict)
    aggregate_rows: tuple[str, ...] = ()
    skipped_columns: tuple[str, ...] = ()
    unmapped_columns: tuple[str, ...] = ()
    measure: str = "NRM referrals"  # what the figures count, in the publisher's words
    unit: str = "count"  # "count" or "decimal" (full-time equivalents)
    snapshot: bool = False  # "as at" a date: stored as the quarter that holds it
    table: int = 1


@dataclass(frozen=True)
class Shape:
    """A published table's shape. `expected` is None when the importer must refuse or ask,
    and `refusal` then says why in a few words. Books of several tables (stacked in a sheet,
    or one a sheet) give each table by force in `tables`, and `refused` the sheets holding
    tables of something else, with why: importing the book without choosing must ask."""

    name: str
    book: Book
    expected: Expected | None
    refusal: str = ""
    tables: tuple[Expected, ...] = ()
    refused: dict[str, str] = field(default_factory=dict)

    @property
    def expected_by_table(self) -> tuple[Expected, ...]:
        return self.tables or ((self.expected,) if self.expected else ())

    @property
    def expected_by_sheet(self) -> dict[str, Expected]:
        """For books of one table a sheet (stacked tables would collide: use the tuple)."""
        return {e.sheet: e for e in self.expected_by_table}
