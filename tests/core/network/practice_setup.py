"""A small library for the practice tests: the action-log test network, an action raised at
its meeting, a free-text answer in a Kent return, and three entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from commissioner_desk.db.models import Force, ImportBatch, ReturnText
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.domain.enums import BatchKind, PracticeStatus, PracticeTheme
from commissioner_desk.domain.periods import Period
from commissioner_desk.network.practices import DocumentLink, PracticeDraft, create_practice

from .action_setup import KENT, TODAY, Net, add, make_network

ESSEX = "E23000028"
PARTNERSHIP_TEXT = (
    "We ran joint visits to nail bars with trading standards and the county council. "
    "Six children were safeguarded and two referrals were made to the NRM."
)


@dataclass(frozen=True)
class Library:
    net: Net
    action: int  # an action in the log, raised at the February meeting
    text: int  # Kent's "partnership work" answer for 2025-Q4
    unit: int  # published, investigation, Kent, added 10 Jan 2026, linked to the action
    training: int  # published, training, Essex, added 20 Feb 2026
    draft: int  # draft, supply chains, no force, added 1 Mar 2026


def add_return_text(db, code: str, period_key: str, question: str, text: str, demo=False) -> int:
    with db.session() as s:
        period_ids = ensure_periods(s, [Period.from_key(period_key)])
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="ann.clerk", is_demo=demo)
        s.add(batch)
        s.flush()
        row = ReturnText(
            force_id=s.scalar(select(Force.id).where(Force.code == code)),
            period_id=period_ids[period_key],
            batch_id=batch.id,
            question=question,
            text=text,
            sheet="Return",
            cell="B20",
        )
        s.add(row)
        s.flush()
        return row.id


def make_library(db) -> Library:
    net = make_network(db)
    action = add(db, net, "Share the trafficking unit's terms of reference").id
    text = add_return_text(db, KENT, "2025-Q4", "partnership_work", PARTNERSHIP_TEXT)
    unit = create_practice(
        db,
        PracticeDraft(
            title="A dedicated human trafficking unit",
            theme=PracticeTheme.INVESTIGATION,
            organisation_id=net.kent_org,
            summary="A standing team of detectives for slavery cases. Charges tripled.",
            what_was_done="Twenty-four officers moved from major crime.",
            outcomes="Charges rose from 9 to 31 in two years.",
            contacts="Dev Sandhu, detective inspector",
            started_on=date(2024, 1, 1),
            added_on=date(2026, 1, 10),
            force_codes=(KENT,),
            action_ids=(action,),
            meeting_ids=(net.meeting,),
            documents=(DocumentLink("Terms of reference", "https://example.org/tor"),),
        ),
    ).id
    training = create_practice(
        db,
        PracticeDraft(
            title="County network trained 3,000 front-line staff",
            theme=PracticeTheme.TRAINING,
            organisation_name="Essex Anti-Slavery Partnership",
            summary="Council, health and fire staff learned to spot exploitation.",
            added_on=date(2026, 2, 20),
            force_codes=(ESSEX,),
        ),
    ).id
    draft = create_practice(
        db,
        PracticeDraft(
            title="Modern slavery clauses in contracts",
            theme=PracticeTheme.SUPPLY_CHAINS,
            status=PracticeStatus.DRAFT,
            summary="Suppliers declare their supply chains.",
            added_on=TODAY,
        ),
    ).id
    return Library(net, action, text, unit, training, draft)
