"""The briefing pack's "Practice to share" section: published entries added in the pack's
quarter, each with organisation, theme and a line of summary."""

from __future__ import annotations

from datetime import date

from commissioner_desk.reports import PackOptions, build_pack
from commissioner_desk.reports.blocks import Paragraph, Table
from commissioner_desk.reports.options import offered_sections

from .practice_setup import make_library


def test_the_section_is_offered_after_the_action_log():
    keys = [s.key for s in offered_sections()]
    assert keys.index("practices") == keys.index("actions") + 1
    assert next(s.label for s in offered_sections() if s.key == "practices") == (
        "Practice to share"
    )


def test_the_section_lists_the_quarters_published_entries(db):
    make_library(db)
    options = PackOptions("2026-Q1", sections=("cover", "practices"), today=date(2026, 4, 20))
    pack = build_pack(db, options)
    section = pack.section("practices")
    assert section.title == "Practice to share"
    lead, table = section.blocks
    assert isinstance(lead, Paragraph) and lead.text.startswith(
        "2 entries were added to the practice library from 1 Jan 2026 to 31 Mar 2026."
    )
    assert isinstance(table, Table)
    assert [c.label for c in table.columns] == ["Practice", "Organisation", "Theme", "In a line"]
    assert [r.cells for r in table.rows] == [
        (
            "A dedicated human trafficking unit",
            "Kent Police",
            "Investigation",
            "A standing team of detectives for slavery cases.",
        ),
        (
            "County network trained 3,000 front-line staff",
            "Essex Anti-Slavery Partnership",
            "Training",
            "Council, health and fire staff learned to spot exploitation.",
        ),
    ]  # by theme; the draft added on 2 Mar 2026 is not passed on


def test_a_pack_made_mid_quarter_lists_what_is_in_so_far(db):
    make_library(db)
    options = PackOptions("2026-Q1", sections=("practices",), today=date(2026, 2, 1))
    (lead, table) = build_pack(db, options).section("practices").blocks
    assert "from 1 Jan 2026 to 1 Feb 2026" in lead.text
    assert [r.cells[0] for r in table.rows] == ["A dedicated human trafficking unit"]
    quiet = build_pack(db, PackOptions("2025-Q3", sections=("practices",), today=date(2026, 2, 1)))
    (only,) = quiet.section("practices").blocks
    assert only.text == (
        "No entries were published in the practice library from 1 Jul 2025 to 30 Sep 2025."
    )
