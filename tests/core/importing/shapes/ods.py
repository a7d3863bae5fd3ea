"""A minimal OpenDocument spreadsheet writer: content.xml in a zip with its mimetype and
manifest, no styles.xml (LibreOffice and calamine do without). Strings, numbers, dates,
merged areas (spanned cells followed by covered cells) and hidden sheets (a table style
whose display is false)."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .a1 import parse_range
from .model import Book, SheetSpec

_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_MIME}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_STYLES = (
    "<office:automatic-styles>"
    '<style:style style:name="shown" style:family="table">'
    '<style:table-properties table:display="true"/></style:style>'
    '<style:style style:name="hidden" style:family="table">'
    '<style:table-properties table:display="false"/></style:style>'
    "</office:automatic-styles>"
)


def write_ods(book: Book, path: Path) -> Path:
    namespaces = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {namespaces} '
        f'office:version="1.2">{_STYLES}<office:body><office:spreadsheet>'
        f"{''.join(_table(s) for s in book.sheets)}"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        # The mimetype must come first and uncompressed, so a reader can sniff the type.
        package.writestr("mimetype", _MIME, compress_type=zipfile.ZIP_STORED)
        package.writestr("content.xml", content)
        package.writestr("META-INF/manifest.xml", _MANIFEST)
    return path


def _table(spec: SheetSpec) -> str:
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for area in spec.merged:
        r0, c0, r1, c1 = parse_range(area)
        spans[r0, c0] = (r1 - r0 + 1, c1 - c0 + 1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    height = max([len(spec.rows)] + [r + 1 for r, _ in covered])
    rows = []
    for r in range(height):
        row = spec.rows[r] if r < len(spec.rows) else ()
        width = max([len(row)] + [c + 1 for rr, c in covered if rr == r])
        cells = []
        for c in range(width):
            value = row[c] if c < len(row) else None
            if (r, c) in covered:
                cells.append("<table:covered-table-cell/>")
            else:
                cells.append(_cell(value, spans.get((r, c))))
        rows.append(f"<table:table-row>{''.join(cells) or '<table:table-cell/>'}</table:table-row>")
    style = "hidden" if spec.hidden else "shown"
    return (
        f'<table:table table:name={quoteattr(spec.name)} table:style-name="{style}">'
        f"{''.join(rows)}</table:table>"
    )


def _cell(value: object, span: tuple[int, int] | None) -> str:
    attrs = ""
    if span:
        attrs = f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"'
    if value is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
        raise TypeError(f"an .ods cell cannot hold {value!r}")
    if isinstance(value, str):
        typed = ' office:value-type="string"'
        shown = value
    elif isinstance(value, datetime):
        typed = f' office:value-type="date" office:date-value="{value.isoformat()}"'
        shown = value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, date):
        typed = f' office:value-type="date" office:date-value="{value.isoformat()}"'
        shown = value.strftime("%d/%m/%Y")
    else:
        typed = f' office:value-type="float" office:value="{value!r}"'
        shown = repr(value)
    return f"<table:table-cell{attrs}{typed}><text:p>{escape(shown)}</text:p></table:table-cell>"
