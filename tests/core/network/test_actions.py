"""The action log: references, what a row says, filters, one action in full, what is due."""

from __future__ import annotations

from datetime import timedelta

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import ActionItem
from commissioner_desk.domain.enums import ActionStatus, Priority, Rag
from commissioner_desk.network import actions_edit
from commissioner_desk.network.actions import (
    ActionDraft,
    ActionFilter,
    ActionNotFound,
    action_detail,
    actions_due,
    add_update,
    create_action,
    delete_action,
    edit_action,
    list_actions,
)

from .action_setup import KENT, TODAY, add, make_network


@pytest.fixture
def net(db):
    return make_network(db)


def refs(rows) -> list[str]:
    return [r.reference for r in rows]


def test_references_follow_the_series_prefix_and_the_year(db, net):
    first = add(db, net, "Share the pathway")
    second = add(db, net, "Chase the returns")
    loose = create_action(db, ActionDraft(title="Not from a meeting"), TODAY)
    assert (first.reference, second.reference, loose.reference) == (
        "TST-2026-001",
        "TST-2026-002",
        "NET-2026-001",
    )
    with db.session() as s:  # a gap, another year and another prefix do not confuse it
        s.add(ActionItem(reference="TST-2026-041", title="Imported"))
        s.add(ActionItem(reference="TST-2025-090", title="Last year"))
        s.add(ActionItem(reference="TSTX-2026-500", title="Other prefix"))
    assert add(db, net, "Next").reference == "TST-2026-042"
    assert create_action(db, ActionDraft(title="x"), TODAY.replace(year=2027)).reference == (
        "NET-2027-001"
    )


def test_two_people_creating_at_once_both_get_a_reference(db_url, net):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    real = actions_edit.next_reference
    calls = []

    def interleaved(s, prefix, year):
        ref = real(s, prefix, year)
        calls.append(ref)
        if len(calls) == 1:
            # Bob saves between Alice reading the next number and Alice saving.
            assert add(bob, net, "Bob's").reference == ref
        return ref

    actions_edit.next_reference = interleaved
    try:
        row = add(alice, net, "Alice's")
    finally:
        actions_edit.next_reference = real
        alice.dispose()
        bob.dispose()
    assert calls == ["TST-2026-001", "TST-2026-001", "TST-2026-002"]
    assert row.reference == "TST-2026-002" and row.title == "Alice's"


def test_a_row_says_what_the_page_shows(db, net):
    row = add(
        db,
        net,
        "  Share the   county lines pathway ",
        description="With every SPOC",
        due_date=TODAY + timedelta(days=5),
        force_code=KENT,
        metric_key="nrm_referrals",
        priority=Priority.HIGH,
    )
    assert row.title == "Share the county lines pathway"
    assert (row.owner_name, row.organisation_name) == ("Rachel Whitcombe", "Kent Police")
    assert row.owner_organisation_id == net.kent_org  # from the owner
    assert row.meeting_id == net.meeting  # from the agenda item
    assert row.minute_reference == "Meeting of 10/02/2026, item 3"
    assert (row.force_code, row.force_name) == (KENT, "Kent Police")
    assert row.metric_key == "nrm_referrals" and row.metric_label
    assert (row.status, row.priority_label) == (ActionStatus.OPEN, "High")
    assert row.rag is Rag.AMBER and row.rag_reason == "Due 7 March 2026, in 5 days"
    assert (row.updates, row.last_update, row.overridden, row.is_demo) == (0, None, False, False)


def test_a_new_action_is_checked(db, net):
    with pytest.raises(ValueError, match="title"):
        add(db, net, "   ")
    with pytest.raises(ValueError, match="different meeting"):
        add(db, net, "x", meeting_id=net.meeting, agenda_item_id=net.other_item)
    with pytest.raises(ValueError, match='no force with the code "X1"'):
        add(db, net, "x", force_code="X1")
    with pytest.raises(ValueError, match="no figure"):
        add(db, net, "x", metric_key="nope")
    assert list_actions(db, today=TODAY) == []


def test_filters(db, net):
    late = add(db, net, "Late one", due_date=TODAY - timedelta(days=3))
    soon = add(db, net, "Soon one", due_date=TODAY + timedelta(days=6), force_code=KENT)
    later = add(
        db, net, "Later one", due_date=TODAY + timedelta(days=40), owner_person_id=net.priya
    )
    done = add(db, net, "Finished", due_date=TODAY - timedelta(days=30), status=ActionStatus.DONE)
    loose = create_action(db, ActionDraft(title="No date, 100% sure"), TODAY)

    def listed(**f) -> list[str]:
        return refs(list_actions(db, ActionFilter(**f), TODAY))

    # Soonest due first, undated last.
    assert listed() == refs([done, late, soon, later, loose])
    assert listed(statuses=(ActionStatus.DONE,)) == [done.reference]
    assert listed(statuses=(ActionStatus.OPEN,)) == refs([late, soon, later, loose])
    assert listed(overdue_only=True) == [late.reference]  # the done one is not overdue
    assert listed(due_within_days=7) == [soon.reference]
    assert listed(due_within_days=40) == refs([soon, later])
    assert listed(owner_person_id=net.priya) == [later.reference]
    assert listed(organisation_id=net.home_office) == [later.reference]
    assert listed(force_code=KENT) == [soon.reference]
    assert listed(meeting_id=net.meeting) == refs([done, late, soon, later])
    assert listed(text="soon") == [soon.reference]
    assert listed(text="priya") == [later.reference]  # the owner's name
    assert listed(text="100%") == [loose.reference]  # % is a character, not a wildcard
    assert listed(text="tst-2026-002") == [soon.reference]
    assert listed(text="soon", owner_person_id=net.priya) == []


def test_detail_has_the_dated_log_and_the_history(db, net):
    row = add(db, net, "Chase", due_date=TODAY + timedelta(days=30))
    saved = edit_action(db, row.id, row.version, {"due_date": TODAY + timedelta(days=20)})
    add_update(db, row.id, saved.version, "Letters sent", ActionStatus.IN_PROGRESS, TODAY)
    detail = action_detail(db, row.id, TODAY)
    assert detail.row.status is ActionStatus.IN_PROGRESS
    assert (detail.row.updates, detail.row.last_update) == (1, TODAY)
    (update,) = detail.updates
    assert (update.made_by, update.text, update.made_at.date()) == ("tester", "Letters sent", TODAY)
    assert update.status_label == "In progress"
    history = [(h.who, h.what) for h in detail.history]
    assert history == [
        ("tester", "Created TST-2026-001"),
        ("tester", "Changed the due date from 1 Apr 2026 to 22 Mar 2026"),
        ("tester", "Added an update: “Letters sent”, status set to In progress"),
    ]
    edit_action(db, row.id, detail.row.version, {"status": ActionStatus.ON_HOLD})
    last = action_detail(db, row.id, TODAY).history[-1]
    assert last.what == "Changed the status from In progress to On hold"


def test_detail_of_a_deleted_action_says_who_deleted_it(db, net):
    row = add(db, net, "Gone soon")
    delete_action(db, row.id, row.version)
    with pytest.raises(ActionNotFound, match="deleted by tester on"):
        action_detail(db, row.id, TODAY)
    with pytest.raises(ActionNotFound, match="no action number 99999"):
        action_detail(db, 99999, TODAY)


def test_overview_of_what_is_due(db, net):
    very_late = add(db, net, "Very late", due_date=TODAY - timedelta(days=30))
    late = add(db, net, "Late", due_date=TODAY - timedelta(days=1))
    today = add(db, net, "Today", due_date=TODAY)
    week = add(db, net, "A week today", due_date=TODAY + timedelta(days=7))
    add(db, net, "Later", due_date=TODAY + timedelta(days=8))
    add(db, net, "Done late", due_date=TODAY - timedelta(days=5), status=ActionStatus.CLOSED)
    due = actions_due(db, TODAY)
    assert due.overdue_count == 2
    assert refs(due.overdue) == refs([very_late, late])  # most overdue first
    assert refs(due.due_this_week) == refs([today, week])
    assert all(r.rag is Rag.RED for r in due.overdue)


def test_rag_uses_the_stored_rule_and_the_last_update(db, net):
    row = add(db, net, "Quiet", due_date=TODAY + timedelta(days=60))
    # Its only update was seven weeks ago.
    add_update(db, row.id, row.version, "Started", today=TODAY - timedelta(days=49))
    (listed,) = list_actions(db, today=TODAY)
    assert listed.rag is Rag.AMBER and listed.last_update == TODAY - timedelta(days=49)
    assert listed.rag_reason == "No update for 7 weeks (last 12 January 2026)"
    from commissioner_desk.network.rag import RagRule, save_rag_rule

    save_rag_rule(db, RagRule(amber_days=14, stale_weeks=8))
    assert list_actions(db, today=TODAY)[0].rag is Rag.GREEN
