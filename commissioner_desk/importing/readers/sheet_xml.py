"""Read an .xlsx/.xlsm's sheet XML straight from the zip, for two things calamine cannot tell us.

1. How big a sheet is, before calamine reads it. calamine lays out every cell from the first
   filled cell to the last, so a value typed by accident in XFD1048576 asks for 17 billion
   cells, and the allocation failure ends the whole program rather than raising an error.
   (.xlsb and .xls sheets: xlsb_extent.py, xls_extent.py.)
2. What a blank cell holds: a formula with no saved result, or an error such as #DIV/0!
   (calamine gives both as empty), found in the same pass. See formula_cells.py.

The XML comes from files we did not write, and sheets can be hundreds of megabytes: it is
scanned with regular expressions, sheets in pieces, rather than parsed. Nothing is expanded (no
DTD, no entities), and scanning is several times faster than building elements; the parts read
are flat lists of elements whose layout the format fixes.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .formula_cells import CELL, MAX_CAUSES, REF, TYPE, VALUE, BlankCause, collect

CHUNK = 1 << 20  # bytes of sheet XML scanned at a time
MAX_PIECE = 16 * CHUNK  # at most this much is held while looking for the end of a tag
_ATTRIBUTE = re.compile(rb"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_DOC = "/officeDocument"  # the package's relationship to its workbook part
# A cell with content. Self-closing cells (<c r="Z9" s="1"/>, as Excel writes them) and empty
# ones (<c r="Z9" s="1"></c>, as openpyxl writes them with lxml) are formatting only: calamine
# skips them, so a sheet formatted down to row 1,048,576 costs nothing.
_FILLED = re.compile(rb" r=\"([A-Z]{1,3})(\d{1,7})\"[^>/]*>(?!</(?:\w+:)?c>)")
_SHARED_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")  # the start of each shared string
# A cell holding shared string number N: <c r="A1" t="s"><v>N</v></c>.
_SHARED_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\bt=\"s\"[^>]*>\s*<(?:\w+:)?v>\s*(\d{1,10})\s*<")
_STRINGS = "/sharedStrings"  # the workbook's relationship to its shared strings


@dataclass(frozen=True)
class Package:
    """An Excel 2007-or-later workbook's zip, which member holds each sheet (by name), and
    which holds the shared strings (None when there are none)."""

    zip: zipfile.ZipFile
    sheets: dict[str, str]
    shared_strings: str | None = None


def open_zip(data: bytes) -> zipfile.ZipFile | None:
    """The zip archive `data` holds (sharing `data`, no copy); None when it is not one."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def open_package(package: zipfile.ZipFile) -> Package | None:
    """The workbook's package in the zip archive; None for any other file (.ods, .xlsb) or a zip
    whose workbook part cannot be read (calamine then says what is wrong with the file)."""
    try:
        book = next(t for t, kind in relationships(package, "").values() if kind.endswith(_DOC))
        if book.endswith(".xml"):
            strings = (
                t for t, kind in relationships(package, book).values() if kind.endswith(_STRINGS)
            )
            return Package(package, _sheet_members(package, book), next(strings, None))
    except (StopIteration, KeyError, ValueError, OSError, zipfile.BadZipFile, zlib.error):
        pass
    return None


def _sheet_members(package: zipfile.ZipFile, book: str) -> dict[str, str]:
    targets = {rid: target for rid, (target, _) in relationships(package, book).items()}
    out = {}
    for attributes in _elements(package.read(book), b"sheet"):
        # r:id, whatever prefix the file gives the relationships namespace.
        rid = next((v for k, v in attributes.items() if k.endswith(":id")), None)
        name = attributes.get("name")
        if name is not None and rid in targets:
            out[name] = targets[rid]
    return out


def sheet_extent(
    package: zipfile.ZipFile,
    member: str,
    limit: int,
    blanks: list[BlankCause] | None = None,
    most_blanks: int = MAX_CAUSES,
) -> tuple[int, int, bool]:
    """(rows, columns) of the area calamine would lay out for the sheet, and False when the
    count stopped early, past `limit` (the area is then at least that). The cells that read
    blank though they hold a formula or an error are added to `blanks` (until it holds
    `most_blanks`), in the same pass.

    Counted from the cells that hold something, every one of them: the sheet's <dimension>
    also counts formatted blank cells (so it can be far larger than what calamine lays out),
    and can be smaller than the cells it holds (a file written by hand or damaged), so it is
    never trusted."""
    try:
        rows, cols = _Span(), _Span()
        pieces = sheet_chunks(package, member)
        unfinished = b""  # a cell cut off at the end of the last piece
        for body in pieces:
            if blanks is not None:
                unfinished = collect(unfinished + body, blanks, most_blanks)
            found = _FILLED.findall(body)
            rows.add(int(n) for n in {n for _, n in found})
            cols.add(column_number(c) for c in {c for c, _ in found})
            if rows.size * cols.size > limit:  # too big already: no need to read the rest
                return rows.size, cols.size, next(pieces, None) is None
        return rows.size, cols.size, True
    except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
        return 0, 0, True  # a damaged part: calamine reports the file as damaged


class _Span:
    """The lowest and highest of the numbers seen so far."""

    def __init__(self) -> None:
        self.low, self.high = 1 << 62, -1

    def add(self, numbers: Iterable[int]) -> None:
        if seen := list(numbers):
            self.low, self.high = min(self.low, *seen), max(self.high, *seen)

    @property
    def size(self) -> int:
        return self.high - self.low + 1 if self.high >= 0 else 0


def sheet_chunks(package: zipfile.ZipFile, member: str, after: bytes = b">") -> Iterator[bytes]:
    """The sheet's XML in pieces of about CHUNK bytes, each cut just after an `after` (by
    default the end of a tag, so no tag is split between two pieces). A stretch of MAX_PIECE
    bytes without one (a cell of text megabytes long) is cut before its last tag, or anywhere
    when it holds none, rather than held in memory whole."""
    tail = b""
    with package.open(member) as stream:
        while chunk := stream.read(CHUNK):
            buffer = tail + chunk
            cut = buffer.rfind(after)
            if cut < 0:
                if len(buffer) < MAX_PIECE:
                    tail = buffer  # not one whole piece yet: read on
                    continue
                cut = buffer.rfind(b"<")
                cut = cut if cut > 0 else len(buffer)
            else:
                cut += len(after)
            tail = buffer[cut:]
            yield buffer[:cut]
    if tail:
        yield tail


def shared_string_sizes(package: Package) -> array[int]:
    """The length in bytes of each shared string's XML, in order (an upper bound on its text):
    what each cell that uses it will hold. Empty when the workbook has none."""
    sizes: array[int] = array("Q")
    if package.shared_strings is None:
        return sizes
    offset, last = 0, -1  # where the string being measured started
    try:
        for body in sheet_chunks(package.zip, package.shared_strings):
            for match in _SHARED_ITEM.finditer(body):
                if last >= 0:
                    sizes.append(offset + match.start() - last)
                last = offset + match.start()
            offset += len(body)
    except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
        return array("Q")  # calamine reports the damage
    if last >= 0:
        sizes.append(offset - last)
    return sizes


def shared_text_bytes(package: Package, member: str, sizes: array[int], limit: int) -> int:
    """The bytes of shared-string text the sheet's cells hold, each cell its own copy (as
    calamine lays them out), stopping once past `limit`."""
    total = 0
    try:
        for body in sheet_chunks(package.zip, member, after=b"c>"):  # whole cells: ends </c>
            for index, uses in Counter(_SHARED_CELL.findall(body)).items():
                if (n := int(index)) < len(sizes):
                    total += sizes[n] * uses
            if total > limit:
                break
    except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
        pass
    return total


def first_error_cell(package: Package, code: str) -> tuple[str, str] | None:
    """(sheet, A1 reference) of the first cell showing the error value `code`, or None."""
    shown = code.encode()
    try:
        for sheet, member in package.sheets.items():
            for body in sheet_chunks(package.zip, member, after=b"row>"):
                if b't="e"' not in body:
                    continue
                for match in CELL.finditer(body):
                    value = VALUE.search(match.group(2) or b"")
                    kind = TYPE.search(match.group(1))
                    ref = REF.search(match.group(1))
                    if ref and kind and kind.group(1) == b"e" and value and value.group(1) == shown:
                        return sheet, ref.group(1).decode()
    except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
        pass
    return None


def column_number(letters: str | bytes) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27 (upper-case letters, as text or as bytes)."""
    number = 0
    for code in letters.encode() if isinstance(letters, str) else letters:
        number = number * 26 + code - 64
    return number


def relationships(package: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (zip member, relationship type) for the part `source`."""
    folder, name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    out = {}
    for attributes in _elements(package.read(rels), b"Relationship"):
        if attributes.get("TargetMode") == "External":
            continue
        target = attributes.get("Target", "")
        if target.startswith("/"):
            target = target.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        out[attributes.get("Id", "")] = (target, attributes.get("Type", ""))
    return out


def _elements(xml: bytes, name: bytes) -> Iterator[dict[str, str]]:
    """The attributes of each <name …> element (any prefix), entities such as &amp; decoded.
    A regular expression rather than an XML parser: these parts are a few flat elements, and
    nothing in them is expanded (no DTD, no entities beyond the five XML ones and &#…;)."""
    pattern = re.compile(rb"<(?:[\w.-]+:)?" + re.escape(name) + rb"\s([^>]*)>")
    if xml[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16, which the format allows
        xml = xml.decode("utf-16").encode("utf-8")
    for match in pattern.finditer(xml):
        yield {
            key.decode(): html.unescape((double or single).decode("utf-8", "replace"))
            for key, double, single in _ATTRIBUTE.findall(match.group(1))
        }
