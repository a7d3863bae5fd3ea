"""A force's free-text answer in a return ("partnership work this quarter") turned into a DRAFT
practice entry in one step: a suggested title and theme, the answer as its summary, the force
linked and its organisation named, added today. Staff then check and publish it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..db.database import Database
from ..db.models import Force, ImportBatch, Organisation, Practice, ReturnText
from ..db.models import Period as PeriodRow
from ..domain.enums import OrganisationKind, PracticeStatus, PracticeTheme
from ..domain.periods import Period
from .errors import NetworkError
from .practices_edit import TITLE_MAX, create_practice
from .practices_types import PracticeDraft

# What each question of the return template is about, as the start of a title.
TITLE_STEMS = {
    "partnership_work": "Partnership work",
    "context": "Work behind the figures",
    "data_quality": "Recording and data",
}
QUESTION_THEMES = {
    "partnership_work": PracticeTheme.PARTNERSHIP,
    "data_quality": PracticeTheme.DATA_INTELLIGENCE,
}
# Words that suggest a theme, checked in this order: the first theme whose words the answer
# uses most wins. Only a suggestion: the editor opens so staff can change it.
THEME_WORDS: tuple[tuple[PracticeTheme, tuple[str, ...]], ...] = (
    (PracticeTheme.SUPPLY_CHAINS, ("supply chain", "procure", "supplier", "audit", "contract")),
    (PracticeTheme.TRAINING, ("train", "course", "e-learning", "briefing", "upskill")),
    (PracticeTheme.VICTIM_SUPPORT, ("victim", "survivor", "navigator", "safe house", "support")),
    (PracticeTheme.INVESTIGATION, ("operation", "investigat", "arrest", "warrant", "charge")),
    (PracticeTheme.DATA_INTELLIGENCE, ("data", "intelligence", "recording", "analys")),
    (PracticeTheme.PREVENTION, ("prevent", "awareness", "campaign", "disrupt")),
    (PracticeTheme.PARTNERSHIP, ("partner", "local authorit", "council", "charity", "joint")),
)


@dataclass(frozen=True)
class Drafted:
    practice_id: int
    created: bool  # False: an entry had been drafted from this answer already


def suggested_theme(question: str, text: str) -> PracticeTheme:
    low = text.lower()
    scores = [(sum(low.count(w) for w in words), theme) for theme, words in THEME_WORDS]
    best = max(score for score, _ in scores)
    if best:
        return next(theme for score, theme in scores if score == best)
    return QUESTION_THEMES.get(question, PracticeTheme.PARTNERSHIP)


def suggested_title(question: str, force: str, period_key: str, question_label: str) -> str:
    """ "Partnership work: Kent Police, July to September 2026"."""
    stem = TITLE_STEMS.get(question) or question_label.rstrip("?") or "From a return"
    try:
        when = Period.from_key(period_key).label
    except ValueError:
        when = period_key
    title = f"{stem}: {force}, {when}"
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def _question_label(key: str) -> str:
    from ..importing.template.spec import QUESTIONS

    return next((q.label for q in QUESTIONS if q.key == key), re.sub(r"_+", " ", key).capitalize())


def drafted_from(db: Database, return_text_id: int) -> int | None:
    """The entry already drafted from this answer, if any."""
    with db.session() as s:
        return s.scalar(
            select(Practice.id)
            .where(Practice.source_return_text_id == return_text_id)
            .order_by(Practice.id)
            .limit(1)
        )


def draft_from_return(db: Database, return_text_id: int, today: date | None = None) -> Drafted:
    """Make a DRAFT entry from the answer; if one was drafted from it already, that one."""
    if (existing := drafted_from(db, return_text_id)) is not None:
        return Drafted(existing, False)
    with db.session() as s:
        record = s.execute(
            select(ReturnText, Force, PeriodRow.key, ImportBatch.is_demo)
            .join(Force, Force.id == ReturnText.force_id)
            .join(PeriodRow, PeriodRow.id == ReturnText.period_id)
            .join(ImportBatch, ImportBatch.id == ReturnText.batch_id)
            .where(ReturnText.id == return_text_id)
        ).first()
        if record is None:
            raise NetworkError(
                "That answer is no longer held: the return it came with has been undone or "
                "replaced. Refresh the page to see the answers held now."
            )
        text, force, period_key, is_demo = record
        org_id = s.scalar(
            select(Organisation.id)
            .where(Organisation.force_id == force.id, Organisation.kind == OrganisationKind.FORCE)
            .order_by(Organisation.id)
            .limit(1)
        )
        draft = PracticeDraft(
            title=suggested_title(
                text.question, force.display_name, period_key, _question_label(text.question)
            ),
            theme=suggested_theme(text.question, text.text),
            status=PracticeStatus.DRAFT,
            organisation_id=org_id,
            organisation_name="" if org_id is not None else force.display_name,
            summary=text.text.strip(),
            added_on=today or date.today(),
            force_codes=(force.code,),
            source_return_text_id=text.id,
            # Drafted from demo figures, it is demo content and goes when they are removed.
            is_demo=bool(is_demo),
        )
    return Drafted(create_practice(db, draft).id, True)
