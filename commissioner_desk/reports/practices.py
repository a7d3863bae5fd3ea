"""The "Practice to share" section: published entries added to the practice library in the
pack's quarter, each with its organisation, theme and a one-line summary."""

from __future__ import annotations

from datetime import date

from ..db.database import Database
from ..domain.enums import PracticeStatus
from ..domain.periods import Period
from ..formatting import uk_date
from ..network.practices import PracticeFilter, list_practices
from .blocks import Column, Paragraph, Row, Table


def practices_section(db: Database, period: Period, today: date) -> tuple:
    end = min(period.end, today)  # a pack made before its quarter ends lists what is in so far
    rows = list_practices(
        db,
        PracticeFilter(added_from=period.start, added_to=end, status=PracticeStatus.PUBLISHED),
    )
    rows.sort(key=lambda r: (r.theme_label, r.title.casefold()))
    span = f"{uk_date(period.start)} to {uk_date(end)}"
    n = len(rows)
    lead = (
        f"{n} {'entry was' if n == 1 else 'entries were'} added to the practice library from "
        f"{span}. The practice digest has each in full, with its contacts and evidence."
        if n
        else f"No entries were published in the practice library from {span}."
    )
    table = Table(
        columns=(
            Column("Practice", width=30),
            Column("Organisation", width=20),
            Column("Theme", width=14),
            Column("In a line", width=36),
        ),
        rows=tuple(
            Row(
                (
                    r.title + (" (DEMO)" if r.is_demo else ""),
                    r.organisation or r.force_names or "–",
                    r.theme_label,
                    r.one_line,
                )
            )
            for r in rows
        ),
        empty="Nothing new to share this quarter.",
    )
    return (Paragraph(lead, "lead"), table) if rows else (Paragraph(lead, "lead"),)
