"""Cells that read blank though they hold something: a formula with no saved result, or an Excel
error value such as #DIV/0! (.xlsx and .xlsm; other formats do not say).

calamine reads the result each formula had when the file was last saved, and gives an empty cell
for both: a workbook written by a program (never opened in Excel) has formulas but no results,
and an error is not a value. The sheet's XML is scanned for them in the same pass that measures
the sheet (sheet_xml.sheet_extent), so the layouts and checks learn why a cell is blank from the
workbook read, without opening the file again (checks/formula_check.py words it).

At most MAX_CAUSES are kept for a workbook, in reading order: a program that wrote a sheet of
formulas and never worked them out gives one for every cell, and the layouts stop reading a
table after a thousand problems anyway (checks/problems.py); cells past them read "No figure
given" as before.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

MAX_CAUSES = 10_000
# Bytes of an unfinished cell kept for the next piece: far more than a cell with a formula
# holds (Excel allows 8,192 characters of formula).
TAIL = 1 << 16
CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
REF = re.compile(rb"\br=\"([A-Z]{1,3}\d{1,7})\"")
TYPE = re.compile(rb"\bt=\"(\w+)\"")
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_CELL_END = b"c>"  # a piece is scanned up to the end of its last whole cell
# Where a cause may be, found by searches that start with plain text (fast on a sheet of
# numbers or of formulas with saved results): the end of a formula not followed by a value
# with something in it, and an error value's type. The cell around each is then looked at.
_NO_RESULT = (
    re.compile(rb"</f>(?!\s*<v>\s*[^<\s])"),
    re.compile(rb"<f\s[^>]*/>(?!\s*<v>\s*[^<\s])"),  # a shared formula: <f t="shared" si="0"/>
    re.compile(rb"t=\"e\""),
)
_PREFIXED = re.compile(rb"(?:</\w+:f>|<\w+:f\s[^>]*/>)(?!\s*<(?:\w+:)?v>\s*[^<\s])")  # <x:f>
_CELL_START = re.compile(rb"<(?:\w+:)?c\s")
_TAGS_BACK = 4  # from a formula's end back to its cell's start: </f>, <f>, <c …>


@dataclass(frozen=True)
class BlankCause:
    """Why the cell at `ref` (A1, as the file stores it) reads blank: an error value (`error`
    is the code it shows, such as "#DIV/0!", or "" when it shows none), with or without the
    `formula` that gave it; or, when `error` is None, a formula with no saved result."""

    ref: str
    error: str | None
    formula: bool = True


def collect(text: bytes, found: list[BlankCause], most: int = MAX_CAUSES) -> bytes:
    """Add to `found` the blank causes among the whole cells of `text` (a piece of sheet XML,
    after what the last call returned), until it holds `most`; return the unfinished end, to
    go before the next piece."""
    if len(found) >= most:
        return b""
    cut = text.rfind(_CELL_END)
    cut = cut + len(_CELL_END) if cut >= 0 else 0
    if cut and may_hold_causes(text, cut):
        patterns = [*_NO_RESULT, *([_PREFIXED] if text.find(b":f", 0, cut) >= 0 else [])]
        # In reading order, and no further than `most` causes need.
        found_in = (pattern.finditer(text, 0, cut) for pattern in patterns)
        seen: set[int] = set()  # cells looked at: an error's cell may also end a formula
        for match in heapq.merge(*found_in, key=lambda m: m.start()):
            start = _cell_start(text, match.start())
            if start < 0 or start in seen:
                continue
            seen.add(start)
            cell = CELL.match(text, start)
            if cell and (cause := _cause(cell.group(1), cell.group(2) or b"")) is not None:
                found.append(cause)
                if len(found) >= most:
                    break
    return text[cut:][-TAIL:]


def _cell_start(text: bytes, at: int) -> int:
    """Where the cell holding the tag at `at` starts, or -1."""
    for _ in range(_TAGS_BACK):
        if _CELL_START.match(text, at):
            return at
        at = text.rfind(b"<", 0, at)
        if at < 0:
            break
    return -1


def may_hold_causes(text: bytes, end: int | None = None) -> bool:
    # Plain substring searches first: the regular expression is slower on a sheet of numbers.
    end = len(text) if end is None else end
    if text.find(b't="e"', 0, end) >= 0:
        return True
    has_f = text.find(b"<f", 0, end) >= 0 or text.find(b":f", 0, end) >= 0
    return has_f and FORMULA.search(text, 0, end) is not None


def _cause(attributes: bytes, content: bytes) -> BlankCause | None:
    if (at := REF.search(attributes)) is None:
        return None  # a cell placed by its order alone: nothing can point at it
    kind = TYPE.search(attributes)
    value = VALUE.search(content)
    shown = value.group(1).decode("utf-8", "replace").strip() if value else ""
    formula = FORMULA.search(content) is not None
    if kind is not None and kind.group(1) == b"e":
        return BlankCause(at.group(1).decode(), shown, formula)
    if not formula or shown:
        return None  # a constant (really blank, or text calamine read), or a saved result
    if kind is not None and kind.group(1) == b"str" and value is not None:
        return None  # a formula whose saved result is empty text, such as =IF(A1="","",A1)
    return BlankCause(at.group(1).decode(), None)
