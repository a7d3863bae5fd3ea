"""Does a file just written open as its format? Each check reads only what proves the file is
whole (a PDF's trailer, a zip's directory and content types, a PNG's last chunk, SQLite's own
quick check): a disk that filled up, or a writer that gave up, leaves a file that fails here.

A check raises `Incomplete` with the reason in words; safe_write turns it into a WriteError.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

Check = Callable[[Path], None]
PNG_START = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the IEND chunk: empty, with its CRC
SQLITE_START = b"SQLite format 3\x00"


class Incomplete(Exception):
    """The file written does not open as its format; str() says why, in words."""


def _ends(path: Path, n: int) -> tuple[bytes, bytes]:
    """The first and last `n` bytes; Incomplete for an empty file."""
    size = path.stat().st_size
    if size == 0:
        raise Incomplete("it is empty")
    with path.open("rb") as f:
        head = f.read(n)
        f.seek(max(0, size - n))
        return head, f.read(n)


def not_empty(path: Path) -> None:
    _ends(path, 1)


def pdf(path: Path) -> None:
    head, tail = _ends(path, 1024)
    if not head.startswith(b"%PDF-"):
        raise Incomplete("it does not start as a PDF does")
    if b"%%EOF" not in tail:
        raise Incomplete("the PDF has no end: it was cut short")


def office_zip(path: Path) -> None:
    """.xlsx, .xlsm and .docx: a zip whose directory reads, with its content types."""
    not_empty(path)
    try:
        with zipfile.ZipFile(path) as z:
            if "[Content_Types].xml" not in z.namelist():
                raise Incomplete("the workbook or document has no list of its parts")
            if (bad := z.testzip()) is not None:
                raise Incomplete(f"its part {bad} is damaged")
    except zipfile.BadZipFile as exc:
        raise Incomplete("it is not a whole Office file: it was cut short") from exc


def png(path: Path) -> None:
    head, tail = _ends(path, len(PNG_END))
    if head[: len(PNG_START)] != PNG_START:
        raise Incomplete("it does not start as a PNG image does")
    if not tail.endswith(PNG_END):
        raise Incomplete("the image has no end: it was cut short")


def svg(path: Path) -> None:
    _head, tail = _ends(path, 64)
    if not tail.rstrip().endswith(b"</svg>"):
        raise Incomplete("the drawing has no end: it was cut short")


def sqlite(path: Path) -> None:
    """A database file whose pages SQLite's quick check reads as sound."""
    head, _tail = _ends(path, len(SQLITE_START))
    if head != SQLITE_START:
        raise Incomplete("it is not a SQLite database")
    try:
        # immutable: just written and closed; opened so, SQLite leaves no -wal or -shm beside it
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise Incomplete(f"the copy does not read as a database ({exc})") from exc
    if result != "ok":
        raise Incomplete(f"the copy is damaged ({result})")


BY_SUFFIX: dict[str, Check] = {
    ".pdf": pdf,
    ".xlsx": office_zip,
    ".xlsm": office_zip,
    ".docx": office_zip,
    ".png": png,
    ".svg": svg,
    ".sqlite3": sqlite,
}


def for_name(path: Path) -> Check:
    """The check for a file of this name; anything else must at least not be empty."""
    return BY_SUFFIX.get(Path(path).suffix.lower(), not_empty)
