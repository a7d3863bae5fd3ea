"""A minutes or decision hit leads to its meeting (search → Meetings page), on both databases."""

from __future__ import annotations

from commissioner_desk.domain.enums import AgendaItemKind
from commissioner_desk.network.agenda import add_agenda_item
from commissioner_desk.network.decisions import record_decision
from commissioner_desk.network.meetings import create_meeting
from commissioner_desk.network.minutes import save_minutes
from commissioner_desk.network.search import SearchHit, meeting_of, search

from .meeting_fixtures import FEB, MAY, TODAY, series


def test_minutes_and_decisions_lead_to_their_meeting(db):
    sid = series(db)
    first = create_meeting(db, sid, FEB, "Marsham Street", False, "", TODAY)
    second = create_meeting(db, sid, MAY, "Marsham Street", False, "", TODAY)
    item = add_agenda_item(db, second, "Helpline data", AgendaItemKind.DECISION)
    save_minutes(db, item.id, item.version, "<p>The helpline shares anonymised calls.</p>")
    decision = record_decision(db, first, None, "Adopt the helpline protocol.", TODAY)

    hits = {h.kind: h for h in search(db, "helpline")}
    assert hits["minute"].id == item.id
    assert meeting_of(db, hits["minute"]) == second
    assert meeting_of(db, hits["decision"]) == first == decision.meeting_id
    assert meeting_of(db, SearchHit("action", 1, "NET-2026-001", "", 0.0)) is None
    assert meeting_of(db, SearchHit("minute", 999_999, "gone", "", 0.0)) is None
