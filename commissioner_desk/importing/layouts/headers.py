"""Finding a table by police force on a sheet: the column of force names, the first row of
figures, the heading rows above it (with merged cells filled in), and the header's fingerprint.

Detection rules (no help from the user):

- The force column is the column, among the first 12, in which the most cells of the first 500
  rows name a police body; it needs 3 such cells (or 1 under a heading such as "Police force"),
  and at least half the labels between its first and last force must be forces, totals or
  breakdown categories (so a list of first responders that mentions a few forces is not taken).
- The first row of figures is the first force, or a total row ("England and Wales") just above
  (blank rows between allowed).
- The heading is the nearest non-blank row above it (up to 2 blank rows between), plus up to 3
  rows above that which read as headings: every cell understood (a period, a category, "Age",
  "Total", …) or two or more cells. A title or note in one cell stops the heading.
- Merged areas (from the file, when the format records them) spread their text over the
  heading cells they cover, except areas that start at or left of the force column (titles).
  Without merge information (.ods), a group heading over blank cells in an upper heading row
  ("Age" above "Adult | Child | Not specified") is spread right until the next heading.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from commissioner_desk.domain.forces import ForceResolver

from ..checks.cells import is_blank
from ..readers.workbook import Sheet
from .wide_checks import aggregate_scope
from .wide_labels import breakdown_part, classify, clean

SCAN_ROWS = 500  # rows examined to find the force column (a table by force is 50-500 rows)
SCAN_COLS = 12
MIN_FORCES = 3
MAX_HEADER_ROWS = 4
MAX_GAP = 2  # blank rows allowed between the heading and the first row of figures
_SPREADS = frozenset({"period", "metric", "group", "breakdown"})  # kinds a group heading has


@dataclass(frozen=True)
class Located:
    force_col: int
    first_row: int  # the first row of figures (a force or a total), 0-based
    header_rows: tuple[int, ...]  # top to bottom, 0-based
    headings: dict[int, tuple[tuple[int, object], ...]]  # column → (row, text) top to bottom
    end_row: int | None = None  # the row after the table's last (None: the sheet's end)
    top_row: int = 0  # the first row of the table's area: its title rows start here
    code_col: int | None = None  # a column of ONS area codes beside the names

    def rows(self, sheet: Sheet) -> range:
        """The table's rows, from its first row of figures to its end."""
        end = len(sheet.rows) if self.end_row is None else min(self.end_row, len(sheet.rows))
        return range(self.first_row, end)


def locate_table(sheet: Sheet, resolver: ForceResolver) -> Located | None:
    """The first table by force on the sheet, or None if the sheet has none."""
    from .table_find import locate_tables

    tables = locate_tables(sheet, resolver)
    return tables[0] if tables else None


def locate_below(
    sheet: Sheet,
    force_col: int,
    first: int,
    floor: int,
    end: int | None = None,
    code_col: int | None = None,
) -> Located | None:
    """The table whose first area row is `first`, its heading found above it but not above
    `floor` (where the table above ends); None when it has no heading."""
    # "England and Wales" above the forces is part of the table, also with a blank row between
    # (else the total row would be taken for a row of the heading).
    while (above := _total_above(sheet, first, force_col, floor)) is not None:
        first = above
    bottom = next(
        (
            r
            for r in range(first - 1, max(first - 2 - MAX_GAP, floor - 1), -1)
            if _has_cells_right(sheet, r, force_col)
        ),
        None,
    )
    if bottom is None:
        return None  # columns without headings cannot be mapped
    rows = [bottom]
    while len(rows) < MAX_HEADER_ROWS and rows[0] > floor:
        above = rows[0] - 1
        cells = [v for c, v in _filled_row(sheet, above, force_col) if c > force_col]
        if not cells:
            break
        kinds = [p.kind for v in cells for p in classify(v)]
        if "unknown" in kinds and len(cells) < 2:
            break  # a title or a note, not a heading
        rows.insert(0, above)
    heads = headings(sheet, rows, force_col)
    if code_col is not None:
        heads.pop(code_col, None)  # the codes are labels, not figures
    return Located(force_col, first, tuple(rows), heads, end, floor, code_col)


def _total_above(sheet: Sheet, r: int, force_col: int, floor: int = 0) -> int | None:
    """The row of a total ("Total", "England and Wales") just above row r, across up to MAX_GAP
    blank rows, or None."""
    for above in range(r - 1, max(r - 2 - MAX_GAP, floor - 1), -1):
        if aggregate_scope(sheet.cell(above, force_col)) is not None:
            return above
        if any(not is_blank(v) for v in sheet.rows[above]):
            return None
    return None


def force_column(
    sheet: Sheet, resolver: ForceResolver, skip: int | None = None
) -> tuple[int, int] | None:
    """The column of area names and the row of its first area; `skip` is a column of codes
    (which name areas too, but are not the labels). The column naming the most forces wins (a
    column of regions beside it is not the labels); without one, the column naming the most
    areas, so a table of regions or counties is found, to be refused in words rather than
    passed over as "no table"."""
    from .table_find import is_area_label, resolve_label

    rows = sheet.rows[:SCAN_ROWS]
    width = min(SCAN_COLS, max((len(r) for r in rows), default=0))
    best: tuple[int, int, int, int] | None = None  # (forces, areas, column, first area row)
    for c in range(width):
        if c == skip:
            continue
        texts = [(r, row[c]) for r, row in enumerate(rows) if c < len(row)]
        hits = [r for r, v in texts if isinstance(v, str) and is_area_label(resolver, v)]
        if not hits:
            continue
        if len(hits) < MIN_FORCES:
            above = range(max(0, hits[0] - MAX_HEADER_ROWS - MAX_GAP), hits[0])
            if not any(p.kind == "force" for r in above for p in classify(sheet.cell(r, c))):
                continue
        labels = [
            rows[r][c]
            for r in range(hits[0], hits[-1] + 1)
            if c < len(rows[r]) and isinstance(rows[r][c], str) and rows[r][c].strip()
        ]
        known = sum(1 for v in labels if is_area_label(resolver, v) or breakdown_part(clean(v)))
        if known * 2 < len(labels):
            continue
        forces = sum(1 for r in hits if resolve_label(resolver, rows[r][c]))
        forces = forces if forces >= MIN_FORCES else 0
        if best is None or (forces, len(hits)) > best[:2]:
            best = (forces, len(hits), c, hits[0])
    return None if best is None else (best[2], best[3])


def _has_cells_right(sheet: Sheet, r: int, force_col: int) -> bool:
    return any(c > force_col for c, _ in _filled_row(sheet, r, force_col))


def _merge_at(sheet: Sheet, r: int, c: int, force_col: int) -> object:
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0):
            return sheet.cell(r0, c0) if c0 > force_col else None
    return None


def _filled_row(sheet: Sheet, r: int, force_col: int) -> list[tuple[int, object]]:
    """The non-blank cells of row r with merged areas filled in, as (column, value)."""
    width = len(sheet.rows[r]) if r < len(sheet.rows) else 0
    width = max([width] + [c1 + 1 for r0, _, r1, c1 in sheet.merged if r0 <= r <= r1])
    out = []
    for c in range(width):
        value = sheet.cell(r, c)
        if is_blank(value):
            value = _merge_at(sheet, r, c, force_col)
        if not is_blank(value):
            out.append((c, value))
    return out


def headings(
    sheet: Sheet, rows: Sequence[int], force_col: int
) -> dict[int, tuple[tuple[int, object], ...]]:
    """Each column's heading cells, top to bottom, merged areas filled, repeats dropped."""
    grid = {r: dict(_filled_row(sheet, r, force_col)) for r in rows}
    bottom = grid[rows[-1]]
    # No merge information for these rows (an .ods, or a header typed without merging, as a
    # second table on a sheet often is).
    if not any(r0 <= r <= r1 for r0, _, r1, _ in sheet.merged for r in rows):
        for r in rows[:-1]:  # no merge information: spread group headings to the right
            spread: object = None
            for c in range(force_col + 1, max([*bottom, *grid[r], 0]) + 1):
                if c in grid[r]:
                    kinds = {p.kind for p in classify(grid[r][c])}
                    spread = grid[r][c] if kinds and kinds <= _SPREADS else None
                elif spread is not None and c in bottom:
                    grid[r][c] = spread
                else:
                    spread = None
    out: dict[int, tuple[tuple[int, object], ...]] = {}
    for c in sorted({c for r in rows for c in grid[r]}):
        cells: list[tuple[int, object]] = []
        for r in rows:
            value = grid[r].get(c)
            if value is not None and (not cells or clean(cells[-1][1]) != clean(value)):
                cells.append((r, value))
        out[c] = tuple(cells)
    return out


def header_fingerprint(sheet: Sheet, header_rows: Sequence[int]) -> str:
    """SHA-256 of the header's normalised text: case, spacing and notes ignored, and any
    period written as <period>, so next quarter's table has the same fingerprint."""
    shape = []
    for r in header_rows:
        cells = []
        for c in range(len(sheet.rows[r]) if r < len(sheet.rows) else 0):
            parts = classify(sheet.cell(r, c))
            cells.append(" ".join("<period>" if p.kind == "period" else p.text for p in parts))
        while cells and not cells[-1]:
            cells.pop()
        shape.append(cells)
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()
