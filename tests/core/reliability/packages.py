"""Spreadsheet files written byte by byte, for the bad-file corpus: zip archives whose members
are given already compressed (so a bomb's gigabytes are never written), an .xlsx made of named
parts, an .ods, and a minimal Excel 97 (.xls) workbook in its OLE container.

Nothing here uses the app's code: the files must be what other programs (or an attacker) make.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_CT_SHEET = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_NS = (
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
SHEET_OPEN = f"{XML_HEAD}<worksheet {_NS}><sheetData>"
SHEET_CLOSE = "</sheetData></worksheet>"


@dataclass(frozen=True)
class Member:
    """A zip member as stored: raw deflate bytes (or the bytes themselves when `stored`), the
    CRC-32 and size of what they inflate to, and the size the headers declare (which a bomb
    may lie about)."""

    name: str
    payload: bytes
    crc: int
    size: int
    declared: int
    stored: bool = False


def deflated(name: str, data: bytes | str) -> Member:
    raw = data.encode() if isinstance(data, str) else data
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    payload = packer.compress(raw) + packer.flush()
    return Member(name, payload, zlib.crc32(raw), len(raw), len(raw))


def stored(name: str, data: bytes | str) -> Member:
    raw = data.encode() if isinstance(data, str) else data
    return Member(name, raw, zlib.crc32(raw), len(raw), len(raw), stored=True)


def repeated(
    name: str, head: bytes, block: bytes, times: int, tail: bytes, *, declared: int | None = None
) -> Member:
    """`head + block * times + tail`, deflated without ever building it: after a full flush
    the compressor starts afresh, so every copy of `block` compresses to the same bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    one = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH) == one
    last = packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(block) * times + len(tail)
    payload = first + one * times + last
    return Member(name, payload, crc, size, size if declared is None else declared)


def write_zip(path: Path, members: Sequence[Member]) -> Path:
    """A zip archive as Excel writes one (no zip64: every size must fit in 32 bits)."""
    body, directory = bytearray(), bytearray()
    for m in members:
        name = m.name.encode()
        method = 0 if m.stored else 8
        fields = (20, 0x0800, method, 0, 0x21, m.crc, len(m.payload), m.declared, len(name), 0)
        offset = len(body)
        body += struct.pack("<4s5H3I2H", b"PK\x03\x04", *fields) + name + m.payload
        directory += (
            struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, offset) + name
        )
    end = struct.pack(
        "<4s4H2IH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory + end))
    return path


def xlsx_parts(
    sheets: Sequence[tuple[str, str]], shared: str = "", *, hidden: Sequence[str] = ()
) -> list[Member]:
    """The parts of an .xlsx: each (sheet name, sheet XML), and sharedStrings.xml."""
    listed, rels = [], []
    for n, (name, _) in enumerate(sheets, start=1):
        state = ' state="hidden"' if name in hidden else ""
        listed.append(f'<sheet name="{name}" sheetId="{n}"{state} r:id="rId{n}"/>')
        rels.append(
            f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        )
    rels.append(
        f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/sharedStrings" '
        'Target="sharedStrings.xml"/>'
    )
    shared = shared or f'{XML_HEAD}<sst {_NS.split(" ")[0]} count="0" uniqueCount="0"/>'
    return [
        deflated(
            "[Content_Types].xml",
            _CT.format(sheets="".join(_CT_SHEET.format(n=n) for n in range(1, len(sheets) + 1))),
        ),
        deflated("_rels/.rels", _RELS),
        deflated(
            "xl/workbook.xml",
            f"{XML_HEAD}<workbook {_NS}><sheets>{''.join(listed)}</sheets></workbook>",
        ),
        deflated(
            "xl/_rels/workbook.xml.rels",
            f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{"".join(rels)}</Relationships>',
        ),
        *(deflated(f"xl/worksheets/sheet{n}.xml", xml) for n, (_, xml) in enumerate(sheets, 1)),
        deflated("xl/sharedStrings.xml", shared),
    ]


def sheet_rows(rows: Sequence[Sequence[object]]) -> str:
    """The <row> elements of `rows` from A1 (up to column Z): text as inline strings, as
    programs other than Excel write it, and numbers."""
    return "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
            if isinstance(v, str)
            else f'<c r="{chr(65 + c)}{r}"><v>{v}</v></c>'
            for c, v in enumerate(row)
        )
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )


def shared_strings(*texts: str) -> str:
    items = "".join(f"<si><t>{t}</t></si>" for t in texts)
    return (
        f'{XML_HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(texts)}" uniqueCount="{len(texts)}">{items}</sst>'
    )


def ods(path: Path, content: str | Member) -> Path:
    """An OpenDocument spreadsheet whose content.xml is `content`."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    body = content if isinstance(content, Member) else deflated("content.xml", content)
    return write_zip(
        path,
        [
            stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            body,
            deflated("META-INF/manifest.xml", manifest),
        ],
    )


def ods_content(table_xml: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{table_xml}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
