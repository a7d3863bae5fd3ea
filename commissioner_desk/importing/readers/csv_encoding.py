"""Which text encoding a .csv file is in, or why it cannot be read as text.

Read: UTF-8 with or without its mark (BOM), UTF-16 with its mark in either byte order (Excel's
"Unicode Text", tab-separated), and Windows-1252 (what Excel on Windows writes for "CSV (Comma
delimited)"). Windows-1252 gives a letter for almost every byte, so it is the last guess and
never a silent one: a file it would read as something other than what was written (another
alphabet, or UTF-8 with a few Windows-1252 bytes in it) is refused, saying the encoding is the
problem, as is anything else (UTF-32, UTF-16 without its mark, bytes no encoding explains).
"""

from __future__ import annotations

import codecs
import re

from .errors import WorkbookError

SAMPLE = 8192  # bytes looked at for NULs, which text other than UTF-16 or UTF-32 never holds
_CHUNK = 1 << 20  # bytes decoded at a time while checking a whole file
_MARKS = (
    (codecs.BOM_UTF32_LE, None),  # before UTF-16's: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, None),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-8": "UTF-8", "cp1252": "Windows-1252"}
# Two or more bytes UTF-8 reads as one letter. Windows-1252 text has them only by chance (an
# accented capital then a symbol, "É“"); UTF-8 text with a few Windows-1252 bytes in it (a "£"
# typed in another program) has its other letters over 127 all in them.
_UTF8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Words of another alphabet in a one- or two-byte encoding (Cyrillic, Greek, Chinese…) are runs
# of bytes over 127; Windows-1252 text has them one or two at a time (£, é, –, ’).
_FOREIGN_RUN = re.compile(rb"[\x80-\xff]{3,}")
_FOREIGN_RUNS = 3
SAVE_AS = "Open it in Excel and save it as 'CSV UTF-8 (Comma delimited)', then import that."


def encoding_of(name: str, data: bytes) -> str:
    """The codec to read the CSV `data` with (from the file `name`); raises WorkbookError
    saying the text encoding is the problem when it is none the app reads."""
    for mark, codec in _MARKS:
        if data.startswith(mark):
            if codec is None:
                raise _refused(name, "is written in UTF-32, a text encoding the app does not read")
            if not _decodes(data, codec):
                raise _refused(
                    name,
                    f"starts with the mark of {_NAMES[codec]} text but holds bytes that are not "
                    f"{_NAMES[codec]}, so its text encoding cannot be told",
                )
            return codec
    if looks_utf16(data):
        raise _refused(
            name,
            "looks like UTF-16 text without the mark at its start that says so (and in which "
            "byte order), so its text encoding cannot be told for certain",
        )
    if _decodes(data, "utf-8"):
        return "utf-8"
    if 2 * sum(len(m[0]) for m in _UTF8_LETTER.finditer(data)) >= _high_bytes(data):
        raise _refused(
            name,
            "mixes two text encodings, UTF-8 and Windows-1252, so some of its letters cannot be "
            "read for certain",
        )
    if not _decodes(data, "cp1252"):
        raise _refused(
            name,
            "is in a text encoding the app does not read: it is neither UTF-8 nor Windows-1252, "
            "what Excel writes for CSV",
        )
    runs = _FOREIGN_RUN.finditer(data)
    if all(next(runs, None) is not None for _ in range(_FOREIGN_RUNS)):
        raise _refused(
            name,
            "looks written in a text encoding the app does not read, for another alphabet (such "
            "as Cyrillic, Greek or Chinese): read as Windows-1252, its words would come out "
            "garbled",
        )
    return "cp1252"


def looks_utf16(data: bytes) -> bool:
    """True when the start of `data` is UTF-16 text without its mark: mostly Latin letters,
    so every other byte is 0 (the odd bytes little-endian, the even ones big-endian)."""
    sample = data[: SAMPLE - SAMPLE % 2]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > 0.6 * half and min(even, odd) < 0.1 * half


def is_binary(data: bytes) -> bool:
    """True when `data` is not text at all (NULs, without being UTF-16 or UTF-32)."""
    return (
        b"\x00" in data[:SAMPLE]
        and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        and not looks_utf16(data)
    )


def _high_bytes(data: bytes) -> int:
    return len(data.translate(None, bytes(range(128))))  # with every byte under 128 taken out


def _decodes(data: bytes, codec: str) -> bool:
    """Whether the whole of `data` is `codec` text, decoded a piece at a time (the text of a
    large file is never held whole)."""
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        for at in range(0, len(data), _CHUNK):
            decoder.decode(data[at : at + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _refused(name: str, why: str) -> WorkbookError:
    return WorkbookError(f"{name} {why}. {SAVE_AS}")
