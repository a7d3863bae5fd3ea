"""The practice digest: the entries added to the library in a period, as a plain document that
the PDF and the .docx exports both draw (like the minutes: every word decided here).

Only published entries go in: a draft has not been checked, so it is not passed on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..db.database import Database
from ..domain.enums import PracticeStatus, PracticeTheme
from ..exports import printable_all
from ..formatting import uk_date
from .errors import NetworkError
from .practices_query import list_practices
from .practices_types import THEME_LABELS, PracticeFilter, PracticeRow

DEMO_LINE = "DEMO DATA: synthetic entries made for trying the app, not real practice."


@dataclass(frozen=True)
class DigestEntry:
    title: str
    facts: tuple[tuple[str, str], ...]  # (label, value): organisation, forces, dates…
    summary: str
    what_was_done: str
    outcomes: str
    contacts: str
    documents: tuple[tuple[str, str], ...]  # (label, web address or file path)
    is_demo: bool


@dataclass(frozen=True)
class DigestTheme:
    label: str
    entries: tuple[DigestEntry, ...]


@dataclass(frozen=True)
class PracticeDigest:
    marking: str  # in capitals, e.g. OFFICIAL
    title: str  # "Practice to share"
    period: str  # "1 Jul 2026 to 30 Sep 2026"
    start: date
    end: date
    produced: str  # "4 Dec 2026 by ann.clerk"
    intro: str  # how many entries, by theme, in words
    themes: tuple[DigestTheme, ...]  # themes with no entries are left out
    is_demo: bool

    @property
    def demo_line(self) -> str:
        return DEMO_LINE if self.is_demo else ""

    @property
    def count(self) -> int:
        return sum(len(t.entries) for t in self.themes)

    @property
    def file_stem(self) -> str:
        """ "Practice digest 2026-07-01 to 2026-09-30"."""
        return f"Practice digest {self.start.isoformat()} to {self.end.isoformat()}"


def check_marking(marking: str) -> str:
    marking = " ".join((marking or "").split()).upper()
    if not marking:
        raise NetworkError(
            "Choose a protective marking (for example OFFICIAL or OFFICIAL-SENSITIVE): every "
            "export carries one."
        )
    return marking


def practice_digest(
    db: Database, start: date, end: date, marking: str, today: date | None = None
) -> PracticeDigest:
    """The published entries added from `start` to `end` (both included), grouped by theme."""
    marking = check_marking(marking)
    if end < start:
        raise NetworkError(
            f"The digest cannot end ({uk_date(end)}) before it starts ({uk_date(start)}): "
            "check the dates."
        )
    rows = list_practices(
        db, PracticeFilter(added_from=start, added_to=end, status=PracticeStatus.PUBLISHED)
    )
    return build_digest(rows, start, end, marking, today or date.today(), db.user)


def build_digest(
    rows: list[PracticeRow], start: date, end: date, marking: str, today: date, user: str
) -> PracticeDigest:
    themes = []
    for theme in PracticeTheme:
        mine = sorted((r for r in rows if r.theme is theme), key=lambda r: (r.added_on, r.title))
        if mine:
            themes.append(DigestTheme(THEME_LABELS[theme], tuple(_entry(r) for r in mine)))
    period = f"{uk_date(start)} to {uk_date(end)}"
    digest = PracticeDigest(
        marking=marking,
        title="Practice to share",
        period=period,
        start=start,
        end=end,
        produced=f"{uk_date(today)} by {user}",
        intro=_intro(themes, period),
        themes=tuple(themes),
        is_demo=any(r.is_demo for r in rows),
    )
    return printable_all(digest)  # text as Word and PDF can hold it


def _intro(themes: list[DigestTheme], period: str) -> str:
    total = sum(len(t.entries) for t in themes)
    if not total:
        return f"No entries were published in the practice library from {period}."
    parts = [f"{len(t.entries)} {t.label.lower()}" for t in themes]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"
    noun = "entry was" if total == 1 else "entries were"
    return f"{total} {noun} added to the practice library from {period}: {listed}."


def _when(row: PracticeRow) -> str:
    if row.started_on and row.ended_on:
        return f"{uk_date(row.started_on)} to {uk_date(row.ended_on)}"
    if row.started_on:
        return f"since {uk_date(row.started_on)}"
    return ""


def _entry(row: PracticeRow) -> DigestEntry:
    facts = [
        ("Organisation", row.organisation),
        ("Forces", row.force_names if row.force_names != row.organisation else ""),
        ("Running", _when(row)),
        ("Added", uk_date(row.added_on)),
        ("Action log", "; ".join(a.label for a in row.actions)),
        ("Presented at", "; ".join(m.label for m in row.meetings)),
    ]
    return DigestEntry(
        title=row.title,
        facts=tuple((k, v) for k, v in facts if v),
        summary=row.summary,
        what_was_done=row.what_was_done,
        outcomes=row.outcomes,
        contacts=row.contacts,
        documents=tuple((d.label, d.target) for d in row.documents),
        is_demo=row.is_demo,
    )
