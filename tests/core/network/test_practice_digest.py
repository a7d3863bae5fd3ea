"""The practice digest: the published entries added in a period, by theme, with every word
the exports print; and the Word file read back."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from commissioner_desk.network.errors import NetworkError
from commissioner_desk.network.practices import practice_digest
from commissioner_desk.network.practices_docx import write_digest_docx

from .practice_setup import make_library

DAY = date(2026, 3, 4)


def test_the_digest_holds_the_published_entries_added_in_the_period(db):
    lib = make_library(db)
    digest = practice_digest(db, date(2026, 1, 1), date(2026, 3, 31), " official ", DAY)
    assert digest.marking == "OFFICIAL"
    assert digest.period == "1 Jan 2026 to 31 Mar 2026"
    assert digest.produced == "4 Mar 2026 by tester"
    assert [t.label for t in digest.themes] == ["Training", "Investigation"]  # not the draft
    assert digest.count == 2
    assert digest.intro == (
        "2 entries were added to the practice library from 1 Jan 2026 to 31 Mar 2026: "
        "1 training and 1 investigation."
    )
    unit = digest.themes[1].entries[0]
    assert unit.title == "A dedicated human trafficking unit"
    facts = dict(unit.facts)
    assert facts["Organisation"] == "Kent Police" and "Forces" not in facts  # said once
    training = dict(digest.themes[0].entries[0].facts)
    assert training["Forces"] == "Essex Police"
    assert facts["Running"] == "since 1 Jan 2024" and facts["Added"] == "10 Jan 2026"
    assert facts["Action log"].endswith("Share the trafficking unit's terms of reference")
    assert facts["Presented at"] == "10 Feb 2026: Network meeting, February 2026"
    assert unit.documents == (("Terms of reference", "https://example.org/tor"),)
    assert digest.file_stem == "Practice digest 2026-01-01 to 2026-03-31"
    assert not digest.is_demo and digest.demo_line == ""
    only_feb = practice_digest(db, date(2026, 2, 20), date(2026, 2, 20), "OFFICIAL", DAY)
    assert [e.title for t in only_feb.themes for e in t.entries] == [
        "County network trained 3,000 front-line staff"
    ]
    assert lib.unit  # the library was made


def test_an_empty_period_and_bad_requests(db):
    make_library(db)
    empty = practice_digest(db, date(2025, 1, 1), date(2025, 3, 31), "OFFICIAL", DAY)
    assert empty.themes == () and empty.intro.startswith("No entries were published")
    with pytest.raises(NetworkError, match=r"cannot end .* before it starts"):
        practice_digest(db, date(2026, 3, 1), date(2026, 1, 1), "OFFICIAL", DAY)
    with pytest.raises(NetworkError, match="protective marking"):
        practice_digest(db, date(2026, 1, 1), date(2026, 3, 1), "  ", DAY)


def test_the_word_digest_carries_marking_entries_and_page_numbers(db, tmp_path):
    make_library(db)
    digest = practice_digest(db, date(2026, 1, 1), date(2026, 3, 31), "OFFICIAL-SENSITIVE", DAY)
    path = write_digest_docx(digest, tmp_path / "digest")
    assert path.suffix == ".docx" and path.is_file()
    word = Document(str(path))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Practice to share: 1 Jan 2026 to 31 Mar 2026" in text
    assert "A dedicated human trafficking unit" in text
    assert "Charges rose from 9 to 31 in two years." in text
    assert "Terms of reference: https://example.org/tor" in text
    assert "Modern slavery clauses" not in text  # the draft stays out
    section = word.sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert section.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert "NUMPAGES" in section.footer._element.xml
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == ["Training", "Investigation"]
