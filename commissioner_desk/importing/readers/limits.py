"""Refuse a zipped workbook (.xlsx, .xlsm, .xlsb, .ods) that would unpack to far more than any
spreadsheet holds, before calamine unpacks it.

calamine holds a sheet's whole XML in memory while it reads it (measured: 3 GB for a 3 MB file
whose sheet is 3 GB of blanks), and an allocation it cannot make ends the whole program rather
than raising an error; nothing can interrupt it once it has started. So every part of the
archive is unpacked here first, counting bytes and throwing them away, and the file is refused
when a part is larger than any real sheet, or unpacks to far more than its packed size (a "zip
bomb"). The sizes the archive declares are checked first (free), then the real ones, since the
declared sizes can lie.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

from commissioner_desk.progress import NO_PROGRESS, Progress, check

from .errors import WorkbookError

MB = 1 << 20
# A sheet of MAX_CELLS (2,000,000) numbers is about 100 MB of XML; nothing real comes near this.
MAX_PART_BYTES = 256 * MB
# Spreadsheet XML packs 5 to 30 times; a run of identical bytes packs 1,000 times. Small parts
# may pack as well as they like: only a large one is worth refusing.
MAX_RATIO = 100
RATIO_FROM = 16 * MB
MAX_PARTS = 10_000  # a workbook with every kind of part and hundreds of sheets has a few thousand
_STEP = 1 << 16  # packed bytes unpacked at a time
_OUT = 4 * MB  # unpacked bytes held at once


def check_zip(
    name: str, archive: zipfile.ZipFile, data: bytes, progress: Progress = NO_PROGRESS
) -> None:
    """Raise WorkbookError if the zip `archive` (opened on `data`, from the file `name`) would
    unpack to too much."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise damaged(name, f"it holds {len(infos):,} parts")
    for info in infos:  # the declared sizes first: refusing costs nothing
        _judge(name, info.filename, info.compress_size, info.file_size, finished=True)
    for info in infos:
        check(progress)
        packed, size, finished = _unpacked_size(name, data, info, progress)
        _judge(name, info.filename, packed, size, finished=finished)
        if size != info.file_size:
            raise damaged(name, f"its part {info.filename} is not the size the file says")


def _judge(name: str, part: str, packed: int, size: int, *, finished: bool) -> None:
    """Refuse a part by its packed and unpacked sizes (`finished` False: unpacking was stopped
    early, so `size` is only how far it got)."""
    if size > RATIO_FROM and size > MAX_RATIO * max(packed, 1):
        raise WorkbookError(
            f"{name} cannot be imported: its part {part} unpacks from {_size(packed)} to "
            f"{'more than ' if not finished else ''}{_size(size)}, over {MAX_RATIO} times its "
            "packed size, which no spreadsheet program saves. The file may be damaged, or made "
            "to overwhelm programs that open it: ask the sender to save the workbook again "
            "from Excel and send the new copy."
        )
    if size > MAX_PART_BYTES:
        raise WorkbookError(
            f"{name} is too large to import: its part {part} unpacks to "
            f"{'more than ' if not finished else ''}{_size(size)}, and the app reads parts of up "
            f"to {_size(MAX_PART_BYTES)}. Copy the table of figures into a new workbook and "
            "import that."
        )


def _unpacked_size(
    name: str, data: bytes, info: zipfile.ZipInfo, progress: Progress
) -> tuple[int, int, bool]:
    """(packed bytes read, bytes they unpack to, whether that is the whole part), unpacking no
    further than shows the part is too large: past MAX_PART_BYTES, or past RATIO_FROM at over
    MAX_RATIO times."""
    at = info.header_offset
    head = data[at : at + 30]
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        raise damaged(name, f"its part {info.filename} is missing")
    name_len, extra_len = struct.unpack("<2H", head[26:30])
    start = at + 30 + name_len + extra_len
    packed = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return len(packed), len(packed), True
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise damaged(name, f"its part {info.filename} is packed in a way Excel never uses")
    inflate = zlib.decompressobj(-15)
    size = used = 0
    try:
        for offset in range(0, len(packed), _STEP):
            piece = packed[offset : offset + _STEP]
            used += len(piece)
            while piece:
                size += len(inflate.decompress(piece, _OUT))
                piece = inflate.unconsumed_tail
                if size > MAX_PART_BYTES or (size > RATIO_FROM and size > MAX_RATIO * used):
                    return used, size, False
            if offset % (256 * _STEP) == 0:
                check(progress)
        size += len(inflate.flush())
    except zlib.error:
        raise damaged(name, f"its part {info.filename} cannot be unpacked") from None
    return used, size, True


def damaged(name: str, why: str) -> WorkbookError:
    return WorkbookError(
        f"{name} is damaged and cannot be read: {why}. Ask the sender for it again, or open it "
        "in Excel and save a new copy."
    )


def _size(n: int) -> str:
    if n >= 10 * MB:
        return f"{n / MB:,.0f} MB"
    if n >= MB:
        return f"{n / MB:.1f} MB"
    return f"{max(1, round(n / 1024)):,} kB"
