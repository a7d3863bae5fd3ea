"""Add a Subject to a PDF's document information, which QPdfWriter cannot set.

Qt writes the title, author and creator; the subject is added afterwards as a PDF incremental
update (ISO 32000-1, 7.5.6): a new version of the information dictionary, an xref section for
it and a trailer pointing back to the previous one, appended to the file. The original bytes
stay as they were, so nothing Qt wrote can be damaged, and every reader takes the new version.
"""

from __future__ import annotations

import re
from pathlib import Path

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
_INFO = re.compile(rb"/Info\s+(\d+)\s+(\d+)\s+R")
_SIZE = re.compile(rb"/Size\s+(\d+)")


def _text(value: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte-order mark, as hex (no escaping needed)."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def add_subject(path: Path, subject: str) -> bool:
    """Set the Subject of the PDF at `path`; False (file untouched) when the file is not laid
    out as QPdfWriter writes it, or already has a subject."""
    data = Path(path).read_bytes()
    end = _STARTXREF.search(data[-64:])
    trailer = list(_TRAILER.finditer(data))
    if end is None or not trailer:
        return False
    prev = int(end.group(1))
    body = trailer[-1].group(1)
    info, size = _INFO.search(body), _SIZE.search(body)
    if info is None or size is None:
        return False
    number, generation = int(info.group(1)), int(info.group(2))
    head = re.search(rb"(?:^|\n)%d %d obj\s*<<(.*?)>>\s*endobj" % (number, generation), data, re.S)
    if head is None or b"/Subject" in head.group(1):
        return False
    entries = head.group(1).rstrip() + b"\n/Subject " + _text(subject) + b"\n"
    tail = bytearray(b"\n" if not data.endswith(b"\n") else b"")
    obj_at = len(data) + len(tail)
    tail += b"%d %d obj\n<<%s>>\nendobj\n" % (number, generation, entries)
    xref_at = len(data) + len(tail)
    # The free-list head (object 0) too: some readers expect every xref section to start at 0.
    tail += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d %05d n \n" % (
        number,
        obj_at,
        generation,
    )
    rest = re.sub(rb"/Prev\s+\d+", b"", body).strip()
    tail += b"trailer\n<<%s\n/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n" % (rest, prev, xref_at)
    with Path(path).open("ab") as f:
        f.write(bytes(tail))
    return True
