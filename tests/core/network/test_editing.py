"""Two people, one item: the second save is refused, saying who changed it and when."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import ActionItem
from commissioner_desk.network.editing import EditConflict, save


@pytest.fixture
def two_users(db_url):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    yield alice, bob
    alice.dispose()
    bob.dispose()


def _action(db) -> tuple[int, int]:
    with db.session() as s:
        a = ActionItem(reference="NET-2026-001", title="Chase returns", due_date=date(2026, 12, 1))
        s.add(a)
        s.flush()
        return a.id, a.version


def test_second_save_is_refused_with_who_and_when(two_users):
    alice, bob = two_users
    action_id, version = _action(alice)
    # Both opened version 1; Alice saves first.
    saved = save(alice, ActionItem, action_id, version, {"title": "Alice's"}, "Action NET-2026-001")
    assert saved.version == version + 1 and saved.changed == ("title",)
    with pytest.raises(EditConflict) as err:
        save(bob, ActionItem, action_id, version, {"title": "Bob's"}, "Action NET-2026-001")
    assert err.value.change.who == "alice" and err.value.change.at is not None
    assert err.value.theirs == {"title": "Alice's"}
    assert "changed by alice on" in str(err.value) and "not been saved" in str(err.value)
    with alice.session() as s:
        assert s.get(ActionItem, action_id).title == "Alice's"  # Bob overwrote nothing
    # Bob reloads (the new version) and saves on top of Alice's change.
    assert save(bob, ActionItem, action_id, saved.version, {"title": "Bob's"}, "x").version == 3


def test_saving_a_deleted_item_says_it_was_deleted(two_users):
    alice, bob = two_users
    action_id, version = _action(alice)
    with alice.session() as s:
        s.delete(s.get(ActionItem, action_id))
    with pytest.raises(EditConflict, match="deleted by alice"):
        save(bob, ActionItem, action_id, version, {"title": "Bob's"}, "Action NET-2026-001")


def test_saving_nothing_new_keeps_the_version(two_users):
    alice, _ = two_users
    action_id, version = _action(alice)
    saved = save(alice, ActionItem, action_id, version, {"title": "Chase returns"}, "x")
    assert saved.version == version and saved.changed == ()
