"""Briefing packs printed and read back (pypdf): the marking top and bottom of every page,
"Page X of Y", DEMO on every page of demo data, the key figures the database holds, hidden
counts nowhere in the text, provenance, metadata; rows never split across pages; the preview
and printer share the renderer; the dialog builds and saves a pack in the background."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtGui import QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from commissioner_desk.demo import load_demo
from commissioner_desk.published.disclosure import SuppressionRule
from commissioner_desk.published.suppression_store import load_suppression
from commissioner_desk.reports import PackOptions, build_pack, last_pack
from commissioner_desk.reports.blocks import Column, Heading, PackSection, Paragraph, Row, Table
from tests.core.reports.pack_data import BEFORE, NAMES, PERIOD, add_returns, file_name
from ui.pack import dialog as pack_dialog
from ui.pack.drawings import chart_svgs
from ui.pack.layout import _row_span, _tables, lay_out_section
from ui.pack.render import paint_pack, write_pack_pdf
from ui.printing.paged import RESOLUTION, PageDecor, paint_documents, standard_layout

pypdf = pytest.importorskip("pypdf")
TODAY = date(2024, 6, 3)


def _read(path) -> list[tuple[list[tuple[float, str]], str]]:
    """Per page: (height from the bottom in points, text) of each piece of text, and the
    page's whole text with spacing normalised. One extraction per page: pypdf is slow."""
    pages = []
    for page in pypdf.PdfReader(path).pages:
        placed = []

        def visit(text, cm, tm, _font, _size, placed=placed):
            if text.strip():
                placed.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], " ".join(text.split())))

        text = page.extract_text(visitor_text=visit)
        pages.append((placed, " ".join(text.split())))
    return pages


def _check_pages(pages, marking: str, demo: bool) -> None:
    for n, (placed, _text) in enumerate(pages, start=1):
        marks = [y for y, text in placed if text == marking]
        assert any(y > 842 - 60 for y in marks), f"page {n}: no marking at the top"  # A4
        assert any(y < 60 for y in marks), f"page {n}: no marking at the bottom"
        footer = [text for y, text in placed if y < 80]
        assert f"Page {n} of {len(pages)}" in footer, (n, footer)
        assert ("DEMO" in [text for _, text in placed]) is demo, f"page {n}"


def _small_pack(db, per_force: bool):
    add_returns(db)
    options = PackOptions(
        PERIOD, marking="official-sensitive", version="2.1", per_force=per_force, today=TODAY
    )
    return build_pack(db, options)


def test_a_pack_pdf_read_back(qapp, sqlite_db, tmp_path):
    pack = _small_pack(sqlite_db, per_force=True)
    path = tmp_path / "pack.pdf"
    count = write_pack_pdf(pack, path, chart_svgs(pack))
    pages = _read(path)
    assert count == len(pages) > 46  # cover, contents, national sections, 46 forces
    _check_pages(pages, "OFFICIAL-SENSITIVE", demo=False)
    assert all("version 2.1" in text for _, text in pages)
    meta = pypdf.PdfReader(path).metadata
    assert meta.title == "Briefing pack: January to March 2024" and meta.author == "tester"
    assert meta.subject == pack.subject and "OFFICIAL-SENSITIVE" in meta.subject
    text = " ".join(text for _, text in pages)
    key = pages[2][1]
    assert key.startswith("Key figures")
    assert re.search(r"NRM referrals 759 737 \+3\.0% 4 ", key)
    assert re.search(r"Modern slavery crimes recorded 304 290 \+4\.8% 4 ", key)
    assert "137" not in text and "14.2%" not in text and "92.5%" not in text  # hidden
    assert re.search(r"– Kent Police \[c\] \[c\] \[c\] received", text)
    assert re.search(r"– Essex Police \[c\] \[c\] \[c\] received", text)
    for code in NAMES:
        assert file_name(code, PERIOD) in text and file_name(code, BEFORE) in text
    assert "imported by ann.clerk on 2 May 2024 10:30" in text
    contents = pages[1][1]
    assert "Key figures 3" in contents
    kent = next(n for n, (_, t) in enumerate(pages, 1) if t.startswith("Kent Police Population"))
    assert re.search(rf"Kent Police {kent}\b", contents)  # the contents' page is right


def test_demo_data_prints_demo_on_every_page(qapp, sqlite_db, tmp_path):
    load_demo(sqlite_db, today=date(2016, 6, 1))
    pack = build_pack(sqlite_db, PackOptions("2016-Q1", today=date(2016, 6, 1)))
    path = tmp_path / "demo.pdf"
    write_pack_pdf(pack, path, chart_svgs(pack))
    pages = _read(path)
    assert len(pages) >= 9
    _check_pages(pages, "OFFICIAL", demo=True)
    assert "demo (synthetic)" in " ".join(text for _, text in pages)


def _writer(tmp_path):
    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(standard_layout())
    return writer


def test_rows_never_split_and_every_page_of_a_table_has_its_header(qapp, tmp_path):
    words = "An action whose title runs long enough to wrap over two or three lines of the cell"
    rows = tuple(
        Row((f"NET-{i:03d}", words if i % 3 else "Short", f"Owner {i}")) for i in range(140)
    )
    table = Table((Column("Ref", width=15), Column("Action", width=60), Column("Owner")), rows)
    section = PackSection("actions", "Action log", (Paragraph("Intro"), table))
    writer = _writer(tmp_path)
    doc, _keep = lay_out_section(section, writer, {})
    height = doc.pageSize().height()
    layout = doc.documentLayout()
    printed = 0
    for table_frame in _tables(doc):
        assert table_frame.format().headerRowCount() == 1
        for r in range(1, table_frame.rows()):
            top, bottom = _row_span(layout, table_frame, r)
            assert int(top // height) == int((bottom - 1) // height), f"row {printed} is split"
            printed += 1
    assert printed == len(rows) and doc.pageCount() > 3
    paint_documents([doc], writer, PageDecor("OFFICIAL", "Rows"))
    del writer
    pages = _read(tmp_path / "layout.pdf")
    assert len(pages) == doc.pageCount()
    for _, text in pages:  # the header row at the top of every page the table runs onto
        assert re.search(r"^(Action log Intro )?Ref Action Owner NET-", text)


def test_preview_and_printer_use_the_same_renderer(qapp, sqlite_db, tmp_path, qtbot):
    small_pack = _small_pack(sqlite_db, per_force=False)
    pdf_pages = write_pack_pdf(small_pack, tmp_path / "a.pdf")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(standard_layout())
    assert paint_pack(small_pack, printer) == pdf_pages
    painted = []
    dialog = pack_dialog.preview_dialog(None, small_pack, {})
    dialog.paintRequested.connect(lambda device: painted.append(device.pageLayout()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=10_000)
    dialog.close()
    _check_pages(_read(tmp_path / "printed.pdf"), "OFFICIAL-SENSITIVE", demo=False)


def test_the_dialog_builds_and_saves_a_pack_in_the_background(window, qtbot, monkeypatch, tmp_path):
    add_returns(window.db)
    assert window.act_pack.isEnabled() and window.act_pack.shortcut().toString() == "Ctrl+P"
    dialog = pack_dialog.PackDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.period_box.currentData() == PERIOD
    assert "1 to 4" in dialog.rule_label.text()
    monkeypatch.setattr(pack_dialog, "ask_threshold", lambda parent, current: 6)
    dialog.change_threshold()
    assert (
        load_suppression(window.db) == SuppressionRule(6) and "1 to 6" in dialog.rule_label.text()
    )

    dialog.marking_group.button(2).setChecked(True)  # a custom caveat, left empty
    dialog.produce("pdf")
    assert "Choose the protective marking" in dialog.error_label.text()
    dialog.custom_marking.setText("official-sensitive personal")
    dialog.section_boxes["charts"].setChecked(False)
    out = tmp_path / "saved pack"
    monkeypatch.setattr(pack_dialog, "ask_save_path", lambda parent, suggested: out)
    dialog.produce("pdf")
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=30_000)
    saved = tmp_path / "saved pack.pdf"
    assert dialog.written == saved and saved.is_file()
    pages = _read(saved)
    _check_pages(pages, "OFFICIAL-SENSITIVE PERSONAL", demo=False)
    assert "Counts from 1 to 6" in " ".join(text for _, text in pages)
    assert "Table of forces" in pages[1][1] and "Trends" not in pages[1][1]
    assert last_pack(window.db).period == PERIOD
    assert "Saved the briefing pack" in window.statusBar().currentMessage()


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(qapp, tmp_path):
    from ui.pack.html import section_html
    from ui.pack.layout import _document

    writer = _writer(tmp_path)
    table = Table((Column("Ref"), Column("Action")), tuple(Row((f"R{i}", "x")) for i in range(5)))

    def section(n: int) -> PackSection:
        filler = tuple(Paragraph(f"Line {i}") for i in range(n))
        return PackSection("actions", "Action log", (*filler, Heading("Overdue"), table))

    def heading_and_next(doc):
        block = doc.begin()
        while block.isValid() and block.text() != "Overdue":
            block = block.next()
        layout, height = doc.documentLayout(), doc.pageSize().height()
        pages = [layout.blockBoundingRect(b).top() // height for b in (block, block.next())]
        return pages

    # Find how many lines put the heading on the last line of the first page, as Qt lays it out.
    for n in range(20, 120):
        doc, _ = _document(section_html(section(n)), section(n), {}, writer)
        first, after = heading_and_next(doc)
        if first != after:
            break
    else:
        pytest.fail("no filler length stranded the heading")
    doc, _keep = lay_out_section(section(n), writer, {})
    first, after = heading_and_next(doc)
    assert first == after == 1  # moved to the next page, with its table


def test_file_briefing_pack_opens_one_dialog(window, qtbot):
    window.act_pack.trigger()
    first = window.pack_dialog_
    qtbot.waitUntil(first.isVisible)
    window.act_pack.trigger()  # Ctrl+P again: the same dialog comes forward
    assert window.pack_dialog_ is first
    first.close()
