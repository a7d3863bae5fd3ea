"""The paged renderer: marking top and bottom of every page, "Page X of Y", DEMO, metadata."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from ui.printing.paged import PageDecor, write_pdf

pypdf = pytest.importorskip("pypdf")


def _long_document() -> QTextDocument:
    rows = "".join(f"<tr><td>NET-2026-{i:03d}</td><td>Action {i}</td></tr>" for i in range(150))
    doc = QTextDocument()
    doc.setHtml(f"<h1>Minutes</h1><table><thead><tr><th>Ref</th></tr></thead>{rows}</table>")
    return doc


@pytest.mark.parametrize("demo", [False, True])
def test_every_page_carries_marking_page_numbers_and_demo(qapp, tmp_path, demo):
    path = tmp_path / "out.pdf"
    decor = PageDecor("official-sensitive", "Network minutes", "2", demo=demo, author="Ann")
    pages = write_pdf(_long_document(), path, decor)
    reader = pypdf.PdfReader(path)
    assert pages == len(reader.pages) > 2
    for n, page in enumerate(reader.pages, start=1):
        lines = [line.strip() for line in page.extract_text().splitlines()]
        assert lines.count("OFFICIAL-SENSITIVE") == 2, lines  # top and bottom
        assert any(line.replace("\t", " ").endswith(f"Page {n} of {pages}") for line in lines)
        assert ("DEMO" in lines) is demo
    assert reader.metadata.title == "Network minutes" and reader.metadata.author == "Ann"
