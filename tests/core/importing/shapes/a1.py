"""A1 cell names, both ways."""

from __future__ import annotations

import re

_CELL = re.compile(r"([A-Z]+)(\d+)$")


def column_letters(col: int) -> str:
    """1 → "A", 27 → "AA"."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def a1(row: int, col: int) -> str:
    """The A1 name of the cell at 1-based (row, col)."""
    return f"{column_letters(col)}{row}"


def parse_cell(ref: str) -> tuple[int, int]:
    """ "B5" → (5, 2), 1-based."""
    match = _CELL.match(ref)
    if not match:
        raise ValueError(f"{ref!r} is not an A1 cell")
    col = 0
    for ch in match[1]:
        col = col * 26 + ord(ch) - 64
    return int(match[2]), col


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """ "B5:D6" → (4, 1, 5, 3): 0-based and inclusive, as Sheet.merged holds areas."""
    first, last = ref.split(":")
    (r0, c0), (r1, c1) = parse_cell(first), parse_cell(last)
    return r0 - 1, c0 - 1, r1 - 1, c1 - 1
