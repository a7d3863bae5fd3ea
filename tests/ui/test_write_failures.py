"""Saving from the app when the file cannot be written: a message in words (no traceback), no
file left behind, and the text of every export as Word, Excel and PDF can hold it."""

from __future__ import annotations

from commissioner_desk.reports.blocks import Bullets, Heading, PackSection, Paragraph

PASTED = "First line\x0bsecond line\x00 with \x1b[31mescape\x07 end"
REFUSED = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def test_the_pack_prints_pasted_control_characters_as_lines_or_not_at_all():
    from ui.pack.html import section_html

    section = PackSection(
        "notes", PASTED, (Heading(PASTED), Paragraph(PASTED), Bullets((PASTED, "plain")))
    )
    html = section_html(section).html
    assert not any(c in html for c in REFUSED)
    assert "First line<br>second line with [31mescape end" in html
