"""The practice library printed: the briefing pack's "Practice to share" section and the digest
read back from their PDFs (pypdf), and the page's empty state on a new database."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.network.practices import practice_digest
from commissioner_desk.reports import PackOptions, build_pack
from tests.core.network.practice_setup import make_library
from ui.pack.drawings import chart_svgs
from ui.pack.render import write_pack_pdf
from ui.pages.practices.export import write_digest_pdf

pypdf = pytest.importorskip("pypdf")


def _pages(path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(path).pages]


def test_the_pack_prints_practice_to_share_with_its_entries(qapp, sqlite_db, tmp_path):
    make_library(sqlite_db)
    options = PackOptions(
        "2026-Q1", sections=("cover", "contents", "practices"), today=date(2026, 4, 20)
    )
    pack = build_pack(sqlite_db, options)
    path = tmp_path / "pack.pdf"
    write_pack_pdf(pack, path, chart_svgs(pack))
    pages = _pages(path)
    section = next(p for p in pages if p.startswith("Practice to share"))
    assert "2 entries were added to the practice library from 1 Jan 2026 to 31 Mar 2026" in section
    for words in (
        "A dedicated human trafficking unit",
        "Kent Police",
        "Investigation",
        "A standing team of detectives for slavery cases.",
        "County network trained 3,000 front-line staff",
        "Essex Anti-Slavery Partnership",
        "Training",
    ):
        assert words in section, words
    assert "Modern slavery clauses" not in " ".join(pages)  # the draft is not passed on
    assert "Practice to share" in pages[1]  # listed in the contents
    assert all(p.count("OFFICIAL") >= 2 for p in pages)


def test_the_digest_pdf_keeps_entries_whole_and_marks_every_page(qapp, sqlite_db, tmp_path):
    make_library(sqlite_db)
    digest = practice_digest(
        sqlite_db, date(2026, 1, 1), date(2026, 3, 31), "official", date(2026, 4, 1)
    )
    path = tmp_path / "digest.pdf"
    from ui.pages.practices.export import page_decor

    count = write_digest_pdf(sqlite_db, digest, path)
    pages = _pages(path)
    assert count == len(pages) >= 1
    text = " ".join(pages)
    assert text.startswith("Practice to share 1 Jan 2026 to 31 Mar 2026")
    assert pages[-1].endswith(
        f"OFFICIAL OFFICIAL Practice digest, 1 Jan 2026 to 31 Mar 2026 Page {count} of {count}"
    )
    assert "Charges rose from 9 to 31 in two years." in text
    assert "Terms of reference: https://example.org/tor" in text
    assert "Presented at 10 Feb 2026: Network meeting, February 2026" in text
    meta = pypdf.PdfReader(path).metadata
    assert (
        meta.title
        == page_decor(sqlite_db, digest).title
        == ("Practice digest, 1 Jan 2026 to 31 Mar 2026")
    )
    assert meta.author == "tester"


def test_a_new_database_shows_the_empty_library(window):
    window.show_page("practices")
    page = window.page("practices")
    assert page._stack.currentIndex() == 1
    assert page.empty_new_button.isVisible()


def test_no_entry_is_cut_across_two_pages(qapp, sqlite_db, tmp_path):
    from commissioner_desk.domain.enums import PracticeTheme
    from commissioner_desk.network.practices import PracticeDraft, create_practice

    for n in range(9):  # long enough that several must move to a new page
        create_practice(
            sqlite_db,
            PracticeDraft(
                title=f"Entry number {n}",
                theme=list(PracticeTheme)[n % 3],
                summary=" ".join(["A sentence about the work of the team."] * (12 + 3 * n)),
                outcomes=f"Last words of entry {n}.",
                added_on=date(2026, 2, 1),
            ),
        )
    digest = practice_digest(sqlite_db, date(2026, 1, 1), date(2026, 3, 31), "OFFICIAL")
    path = tmp_path / "long.pdf"
    write_digest_pdf(sqlite_db, digest, path)
    pages = _pages(path)
    assert len(pages) >= 3
    for n in range(9):
        where = [p for p, text in enumerate(pages) if f"Entry number {n}" in text]
        end = [p for p, text in enumerate(pages) if f"Last words of entry {n}." in text]
        assert where == end and len(where) == 1, (n, where, end)
