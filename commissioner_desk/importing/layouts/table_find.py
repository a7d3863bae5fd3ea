"""Every table by area on a sheet: the column of area names (and a column of ONS codes beside
it), and where each table starts and ends when several are stacked on one sheet.

A sheet may hold two tables one above the other ("Table 2a … 2022/23", a gap, "Table 2b …
2023/24", the same forces again). Each is found and read as a table of its own, never as one.
A table ends where a heading row starts another (after its title rows), or where, after a
blank row or a title, a force it already holds comes again. Rows in between that are not areas
(a typo, a section label, a category) stay in the table: the row reader judges them.

headers.py then finds each table's heading rows above its first row.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from commissioner_desk.domain.forces import ForceRecord, ForceResolver
from commissioner_desk.domain.geography import code_kind, other_area_kind, region_named

from ..checks.cells import CellValueError, is_blank, parse_count
from ..readers.workbook import Sheet
from .footnotes import strip_label_notes
from .headers import MAX_GAP, SCAN_COLS, SCAN_ROWS, Located, locate_below
from .wide_checks import aggregate_scope
from .wide_labels import breakdown_part, classify, clean

MIN_CODES = 3  # ONS codes in a column that make it the table's column of codes


@lru_cache(maxsize=8192)
def resolve_label(resolver: ForceResolver, text: object) -> ForceRecord | None:
    """The police body a row label names, trying it as written, then without note markers
    ("Greater Manchester8,9"), so a name that ends in digits for real is read as itself."""
    if not isinstance(text, str) or not text.strip():
        return None
    if found := resolver.resolve(text):
        return found
    bare = strip_label_notes(text)
    return resolver.resolve(bare) if bare and bare != text.strip() else None


@lru_cache(maxsize=8192)
def is_area_label(resolver: ForceResolver, text: object) -> bool:
    """A force, a total, a region or another kind of area: a row of a table by area."""
    if not isinstance(text, str) or not text.strip():
        return False
    bare = strip_label_notes(text)
    return bool(
        resolve_label(resolver, text)
        or aggregate_scope(text)
        or aggregate_scope(bare)
        or region_named(bare)
        or other_area_kind(bare)
        or code_kind(text)
    )


def code_column(sheet: Sheet) -> int | None:
    """The column of ONS area codes ("E23000013"), if the table has one."""
    rows = sheet.rows[:SCAN_ROWS]
    width = min(SCAN_COLS, max((len(r) for r in rows), default=0))
    counts = [sum(1 for row in rows if c < len(row) and code_kind(row[c])) for c in range(width)]
    best = max(range(width), key=counts.__getitem__, default=None)
    return best if best is not None and counts[best] >= MIN_CODES else None


def locate_tables(sheet: Sheet, resolver: ForceResolver) -> list[Located]:
    """Every table by area on the sheet, top to bottom."""
    from .headers import force_column

    codes = code_column(sheet)
    found = force_column(sheet, resolver, skip=codes)
    if found is None:
        if codes is None:
            return []
        found = (codes, _first(sheet, codes, lambda v: code_kind(v) is not None))
    force_col, first = found
    is_area = _cached(lambda v: is_area_label(resolver, v))
    tables: list[Located] = []
    floor, start = 0, first
    for begin, end in _blocks(sheet, force_col, start, is_area, resolver):
        located = locate_below(sheet, force_col, begin, floor, end, codes)
        if located is None and tables:
            # The same forces again with no heading of their own: the heading above holds.
            previous = tables[-1]
            located = Located(
                force_col,
                begin,
                previous.header_rows,
                previous.headings,
                end,
                floor,
                codes,
            )
        if located is not None:
            tables.append(located)
            floor = end
    return tables


def _cached(test: Callable[[object], bool]) -> Callable[[object], bool]:
    seen: dict[object, bool] = {}

    def cached(value: object) -> bool:
        key = value if isinstance(value, str) else repr(value)
        if key not in seen:
            seen[key] = test(value)
        return seen[key]

    return cached


def _first(sheet: Sheet, c: int, test: Callable[[object], bool]) -> int:
    return next(r for r, row in enumerate(sheet.rows) if c < len(row) and test(row[c]))


def _figure(value: object) -> bool:
    if is_blank(value):
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    try:
        parse_count(value, "decimal")
        return True
    except CellValueError:
        return False


def _is_heading_row(row: tuple[object, ...], force_col: int) -> bool:
    """A row of column headings: two or more text cells right of the labels, or one under a
    label column heading ("Police force | Number of referrals"), and no figure."""
    cells = [v for v in row[force_col + 1 :] if not is_blank(v)]
    if not cells or any(_figure(v) for v in cells):
        return False
    label = row[force_col] if force_col < len(row) else None
    return len(cells) >= 2 or any(p.kind == "force" for p in classify(label))


def _blocks(
    sheet: Sheet,
    force_col: int,
    start: int,
    is_area: Callable[[object], bool],
    resolver: ForceResolver,
) -> list[tuple[int, int]]:
    """(first row, end row) of each table, end exclusive, from the row of the first area on."""
    rows = sheet.rows
    blocks: list[tuple[int, int]] = []
    begin, last_area, seen = start, start, set[str]()
    blank_before = False
    r = start
    while r < len(rows):
        row = rows[r]
        label = row[force_col] if force_col < len(row) else None
        if not any(not is_blank(v) for v in row):
            blank_before = True
            r += 1
            continue
        area = is_area(label)
        if area:
            record = resolve_label(resolver, label)
            code = record.code if record else None
            if blank_before and code is not None and code in seen and r > begin:
                blocks.append((begin, last_area + 1))  # the same forces again: a new table
                begin, seen = r, set()
            if code is not None:
                seen.add(code)
            last_area = r
        elif _is_heading_row(row, force_col) and r > begin and not _category(label):
            # A heading row ends the table; the next one starts after it.
            blocks.append((begin, last_area + 1))
            nxt = _next_area(sheet, force_col, r + 1, is_area)
            if nxt is None:
                return blocks
            begin, last_area, seen, r = nxt, nxt, set(), nxt
            blank_before = False
            continue
        elif any(_figure(v) for v in row[force_col + 1 :]) or _category(label):
            last_area = r  # a row of figures: a typo, a category or a force's breakdown
        else:
            blank_before = True  # a title or a note: forces after it may start a new table
            r += 1
            continue
        blank_before = False
        r += 1
    blocks.append((begin, last_area + 1))
    return blocks


def _next_area(
    sheet: Sheet, force_col: int, r: int, is_area: Callable[[object], bool]
) -> int | None:
    for n in range(r, len(sheet.rows)):
        row = sheet.rows[n]
        if force_col < len(row) and is_area(row[force_col]):
            return n
    return None


def _category(label: object) -> bool:
    return isinstance(label, str) and breakdown_part(clean(label)) is not None


__all__ = ["MAX_GAP", "code_column", "is_area_label", "locate_tables", "resolve_label"]
