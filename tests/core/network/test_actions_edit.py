"""Changing actions: two people never overwrite each other; updates, overrides, delete + undo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import ActionItem, ActionUpdate
from commissioner_desk.domain.enums import ActionStatus, Rag
from commissioner_desk.network.actions import (
    ActionNotFound,
    action_detail,
    add_update,
    delete_action,
    edit_action,
    list_actions,
    override_rag,
    restore_action,
)
from commissioner_desk.network.editing import EditConflict

from .action_setup import TODAY, add, make_network


@pytest.fixture
def two_users(db_url):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    yield alice, bob
    alice.dispose()
    bob.dispose()


@pytest.fixture
def net(db):
    return make_network(db)


def test_second_edit_is_refused_naming_who_saved_first(two_users, net):
    alice, bob = two_users
    row = add(alice, net, "Chase returns")  # both open it at this version
    edit_action(alice, row.id, row.version, {"title": "Chase the late returns"})
    with pytest.raises(EditConflict) as err:
        edit_action(bob, row.id, row.version, {"title": "Bob's title"})
    assert "Action TST-2026-001 was changed by alice on" in str(err.value)
    assert err.value.theirs == {"title": "Chase the late returns"}
    assert list_actions(bob, today=TODAY)[0].title == "Chase the late returns"


def test_edit_maps_force_and_metric_and_follows_the_owner(db, net):
    row = add(db, net, "Ask Kent")
    saved = edit_action(
        db,
        row.id,
        row.version,
        {"force_code": "E23000032", "metric_key": "nrm_referrals", "owner_person_id": net.priya},
    )
    assert set(saved.changed) == {
        "force_id",
        "metric_id",
        "owner_person_id",
        "owner_organisation_id",
    }
    after = action_detail(db, row.id, TODAY).row
    assert (after.force_code, after.owner_name, after.organisation_name) == (
        "E23000032",
        "Priya Raman",
        "Home Office",
    )
    edit_action(db, row.id, saved.version, {"agenda_item_id": net.other_item})
    moved = action_detail(db, row.id, TODAY).row
    assert (moved.meeting_id, moved.minute_reference) == (
        net.other_meeting,
        "Meeting of 24/02/2026, item 1",
    )
    with pytest.raises(ValueError, match="cannot be changed here: reference"):
        edit_action(db, row.id, moved.version, {"reference": "X-1"})
    with pytest.raises(ValueError, match="title"):
        edit_action(db, row.id, moved.version, {"title": ""})


def test_an_update_moves_the_version_on_so_a_stale_editor_is_refused(two_users, net):
    alice, bob = two_users
    row = add(alice, net, "Write to forces", due_date=TODAY + timedelta(days=3))
    saved = add_update(
        alice, row.id, row.version, "Letters drafted", ActionStatus.IN_PROGRESS, TODAY
    )
    assert saved.version == row.version + 1 and saved.changed == ("status",)
    with pytest.raises(EditConflict, match="changed by alice"):
        edit_action(bob, row.id, row.version, {"due_date": TODAY})
    with pytest.raises(EditConflict, match="changed by alice"):
        add_update(bob, row.id, row.version, "Bob's note", today=TODAY)
    detail = action_detail(bob, row.id, TODAY)
    assert [(u.made_by, u.text) for u in detail.updates] == [("alice", "Letters drafted")]
    # A plain note (no status change) still moves the version on.
    again = add_update(bob, row.id, detail.row.version, "Sent", today=TODAY)
    assert again.version == detail.row.version + 1 and again.changed == ()
    assert action_detail(alice, row.id, TODAY).row.status is ActionStatus.IN_PROGRESS


def test_an_update_needs_words_or_a_new_status(db, net):
    row = add(db, net, "Nothing to say")
    with pytest.raises(ValueError, match="Write what has happened"):
        add_update(db, row.id, row.version, "  ", today=TODAY)
    with pytest.raises(ValueError, match="Write what has happened"):
        add_update(db, row.id, row.version, "", ActionStatus.OPEN, TODAY)  # already open
    saved = add_update(db, row.id, row.version, "", ActionStatus.DONE, TODAY)
    (entry,) = action_detail(db, row.id, TODAY).updates
    assert entry.text == "Status changed to done." and entry.new_status is ActionStatus.DONE
    assert saved.version == row.version + 1


def test_updating_a_deleted_action_says_it_was_deleted(two_users, net):
    alice, bob = two_users
    row = add(alice, net, "Short-lived")
    delete_action(alice, row.id, row.version)
    with pytest.raises(EditConflict, match="deleted by alice"):
        add_update(bob, row.id, row.version, "Too late", today=TODAY)


def test_override_needs_a_note_and_can_be_cleared(db, net):
    row = add(db, net, "Late but fine", due_date=TODAY - timedelta(days=2))
    with pytest.raises(ValueError, match="a note is needed"):
        override_rag(db, row.id, row.version, Rag.AMBER, "   ")
    saved = override_rag(db, row.id, row.version, Rag.AMBER, "Delivered on Friday")
    listed = list_actions(db, today=TODAY)[0]
    assert listed.rag is Rag.AMBER and listed.overridden
    assert (
        "Note: Delivered on Friday." in listed.rag_reason and "Computed: red" in listed.rag_reason
    )
    override_rag(db, row.id, saved.version, None)
    cleared = list_actions(db, today=TODAY)[0]
    assert (cleared.rag, cleared.overridden, cleared.rag_override_note) == (Rag.RED, False, "")
    with pytest.raises(EditConflict):
        override_rag(db, row.id, row.version, Rag.GREEN, "stale")


def _columns(db, action_id: int) -> tuple[dict, list[dict]]:
    with db.session() as s:
        action = s.get(ActionItem, action_id)
        updates = s.scalars(
            select(ActionUpdate)
            .where(ActionUpdate.action_id == action_id)
            .order_by(ActionUpdate.id)
        ).all()
        cols = ActionItem.__mapper__.column_attrs
        ucols = ActionUpdate.__mapper__.column_attrs
        return (
            {c.key: getattr(action, c.key) for c in cols},
            [{c.key: getattr(u, c.key) for c in ucols} for u in updates],
        )


def test_delete_then_undo_puts_back_exactly_what_was_there(db, net):
    row = add(db, net, "Keep me", description="All of it", due_date=TODAY + timedelta(days=9))
    saved = add_update(db, row.id, row.version, "First", ActionStatus.IN_PROGRESS, TODAY)
    saved = add_update(db, row.id, saved.version, "Second", today=TODAY)
    saved = override_rag(db, row.id, saved.version, Rag.GREEN, "On track really")
    before_row = action_detail(db, row.id, TODAY).row
    before = _columns(db, row.id)

    with pytest.raises(EditConflict):
        delete_action(db, row.id, row.version)  # opened before the updates: refused
    deleted = delete_action(db, row.id, saved.version)
    assert deleted.describe() == "TST-2026-001 (Keep me)"
    with db.session() as s:
        assert s.get(ActionItem, row.id) is None
        assert s.scalars(select(ActionUpdate).where(ActionUpdate.action_id == row.id)).all() == []
    assert list_actions(db, today=TODAY) == []

    restored = restore_action(db, deleted)
    assert (restored.id, restored.version) == (row.id, before_row.version)
    assert _columns(db, row.id) == before
    assert action_detail(db, row.id, TODAY).row == before_row
    history = [h.what for h in action_detail(db, row.id, TODAY).history]
    assert history[-1] == "Put back TST-2026-001 (deletion undone)"
    assert "Deleted TST-2026-001" in history
    # The log went and came back with the action: said once, not once per update.
    assert sum(h.startswith("Added an update") for h in history) == 2
    assert not any("Removed an update" in h for h in history)
    # Undo cannot run twice, nor over a new action that took the reference.
    with pytest.raises(ValueError, match="cannot be put back"):
        restore_action(db, deleted)


def test_undo_leaves_out_an_owner_deleted_meanwhile(db, net):
    from commissioner_desk.db.models import Person

    row = add(db, net, "Owner leaves", owner_person_id=net.priya)
    deleted = delete_action(db, row.id, row.version)
    with db.session() as s:
        s.delete(s.get(Person, net.priya))
    restore_action(db, deleted)
    back = action_detail(db, row.id, TODAY).row
    assert (back.owner_person_id, back.organisation_name) == (None, "Home Office")


def test_detail_of_a_missing_action_is_refused_plainly(db, net):
    with pytest.raises(ActionNotFound):
        action_detail(db, 424242, TODAY)
