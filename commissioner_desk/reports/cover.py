"""The cover (title, date, marking, version, handling instruction) and the contents list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..formatting import uk_date
from .blocks import Contents, ContentsEntry, CoverPage, PackSection
from .options import PackOptions, handling_instruction

TITLE = "Modern slavery and human trafficking"


def pack_title(period_label: str) -> str:
    return f"Briefing pack: {period_label}"


def cover_section(
    options: PackOptions, period_label: str, produced_on: date, produced_by: str, demo: bool
) -> PackSection:
    facts = (
        ("Prepared for", options.audience or "–"),
        ("Period", period_label),
        ("Date", uk_date(produced_on)),
        ("Version", options.version or "–"),
        ("Protective marking", options.marking),
        ("Produced by", f"{produced_by}, Office of the Independent Anti-Slavery Commissioner"),
    )
    note = ""
    if demo:
        note = (
            "DEMO DATA: every figure, meeting and action in this pack is synthetic, made by the "
            "app for demonstration and training. Do not use it as evidence of anything."
        )
    page = CoverPage(
        title=TITLE,
        subtitle=pack_title(period_label),
        facts=facts,
        marking=options.marking,
        handling=handling_instruction(options.marking),
        demo_note=note,
    )
    return PackSection("cover", "Cover", (page,), show_title=False)


def contents_section(sections: Sequence[PackSection]) -> PackSection:
    entries = tuple(
        ContentsEntry(s.key, s.title, s.level)
        for s in sections
        if s.key not in ("cover", "contents")
    )
    return PackSection("contents", "Contents", (Contents(entries),))
