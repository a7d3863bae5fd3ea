"""The decisions log: numbered 1, 2, 3… across meetings, even when two people record at once."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.network import decisions as decisions_module
from commissioner_desk.network.decisions import edit_decision, list_decisions, record_decision
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.errors import NetworkError
from commissioner_desk.network.meeting_detail import meeting_detail

from .meeting_fixtures import FEB, NOV, meeting, series


def test_numbers_run_on_across_meetings_and_series(db):
    sid = series(db)
    nov, feb = meeting(db, sid, NOV), meeting(db, sid, FEB)
    other = meeting(db, series(db, "Other forum", prefix="OTH"), FEB)
    item = meeting_detail(db, nov).agenda[0]
    first = record_decision(db, nov, item.id, "  Adopt the template.  ", date(2025, 11, 11))
    second = record_decision(db, feb, None, "Write to the forces.", date(2026, 2, 10))
    third = record_decision(db, other, None, "Meet quarterly.", date(2026, 2, 10))
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert (first.text, first.agenda_position, first.meeting_title) == (
        "Adopt the template.",
        1,
        "Meeting, November 2025",
    )
    log = list_decisions(db)
    assert [d.number for d in log] == [3, 2, 1]  # newest first
    assert [d.number for d in list_decisions(db, series_id=sid)] == [2, 1]
    assert [(d.number, d.decided_on) for d in list_decisions(db, meeting_id=feb)] == [
        (2, date(2026, 2, 10))
    ]
    assert [d.number for d in meeting_detail(db, nov).decisions] == [1]
    with pytest.raises(NetworkError, match="not part of this meeting"):
        record_decision(db, feb, item.id, "Wrong item", date(2026, 2, 10))
    with pytest.raises(NetworkError, match="empty"):
        record_decision(db, feb, None, "  ", date(2026, 2, 10))


def test_two_people_recording_at_once_both_get_a_number(db_url, monkeypatch):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    try:
        mid = meeting(alice, series(alice), FEB)
        other = meeting(alice, series(alice, "Other forum", prefix="OTH"), FEB)
        record_decision(alice, mid, None, "The first decision.", date(2026, 2, 10))
        real_next = decisions_module._next_number
        calls = []

        def interleaved(s):
            number = real_next(s)
            calls.append(number)
            if len(calls) == 1:
                # Alice has read the highest number; before she writes, Bob records his.
                bob_row = record_decision(bob, other, None, "Bob's decision.", date(2026, 2, 10))
                assert bob_row.number == number  # he took the number she was about to use
            return number

        monkeypatch.setattr(decisions_module, "_next_number", interleaved)
        alice_row = record_decision(alice, mid, None, "Alice's decision.", date(2026, 2, 10))
        monkeypatch.undo()
        log = {d.number: d.text for d in list_decisions(alice)}
    finally:
        alice.dispose()
        bob.dispose()
    assert calls[0] == 2 and calls[-1] == 3  # her first try collided, the retry got 3
    assert alice_row.number == 3
    assert log == {1: "The first decision.", 2: "Bob's decision.", 3: "Alice's decision."}


def test_editing_a_decision_checks_the_version(db_url):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    try:
        mid = meeting(alice, series(alice), FEB)
        row = record_decision(alice, mid, None, "Draft wording.", date(2026, 2, 10))
        edit_decision(alice, row.id, row.version, "Alice's wording.")
        with pytest.raises(EditConflict, match="changed by alice"):
            edit_decision(bob, row.id, row.version, "Bob's wording.")
        assert list_decisions(bob)[0].text == "Alice's wording."
    finally:
        alice.dispose()
        bob.dispose()
