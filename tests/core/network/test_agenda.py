"""The agenda: items added, edited, reordered and deleted while the minutes are draft; papers
as links; minutes saved without overwriting anyone."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import AgendaItem
from commissioner_desk.domain.enums import AgendaItemKind
from commissioner_desk.network.agenda import (
    add_agenda_item,
    delete_agenda_item,
    edit_agenda_item,
    list_agenda,
    move_agenda_item,
    parse_papers,
)
from commissioner_desk.network.decisions import record_decision
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.errors import NetworkError
from commissioner_desk.network.meetings import MATTERS_ARISING
from commissioner_desk.network.minutes import save_minutes

from .meeting_fixtures import FEB, meeting, person, series, version

K = AgendaItemKind


def _titles(db, meeting_id: int) -> list[tuple[int, str]]:
    return [(i.position, i.title) for i in list_agenda(db, meeting_id)]


def test_reorder_and_delete_keep_positions_one_to_n(db):
    mid = meeting(db, series(db), FEB)
    b = add_agenda_item(db, mid, "B", K.DECISION)
    c = add_agenda_item(db, mid, "C", K.INFORMATION)
    assert _titles(db, mid) == [(1, MATTERS_ARISING), (2, "B"), (3, "C")]
    move_agenda_item(db, c.id, version(db, AgendaItem, c.id), up=True)
    assert _titles(db, mid) == [(1, MATTERS_ARISING), (2, "C"), (3, "B")]
    move_agenda_item(db, c.id, version(db, AgendaItem, c.id), up=True)
    assert _titles(db, mid) == [(1, "C"), (2, MATTERS_ARISING), (3, "B")]
    rows = move_agenda_item(db, c.id, version(db, AgendaItem, c.id), up=True)  # already first
    assert [(r.position, r.title) for r in rows] == _titles(db, mid)
    move_agenda_item(db, b.id, version(db, AgendaItem, b.id), up=False)  # already last
    assert _titles(db, mid) == [(1, "C"), (2, MATTERS_ARISING), (3, "B")]
    delete_agenda_item(db, c.id, version(db, AgendaItem, c.id))
    assert _titles(db, mid) == [(1, MATTERS_ARISING), (2, "B")]


def test_moving_on_a_stale_version_is_refused(db):
    mid = meeting(db, series(db), FEB)
    b = add_agenda_item(db, mid, "B", K.DECISION)
    edit_agenda_item(db, b.id, b.version, "B renamed", K.DECISION, None, "")
    with pytest.raises(EditConflict):
        move_agenda_item(db, b.id, b.version, up=True)
    assert _titles(db, mid) == [(1, MATTERS_ARISING), (2, "B renamed")]


def test_an_item_with_a_decision_cannot_be_deleted(db):
    mid = meeting(db, series(db), FEB)
    b = add_agenda_item(db, mid, "B", K.DECISION)
    record_decision(db, mid, b.id, "Agreed.", date(2026, 2, 10))
    with pytest.raises(NetworkError, match="1 decision"):
        delete_agenda_item(db, b.id, version(db, AgendaItem, b.id))
    assert len(list_agenda(db, mid)) == 2


def test_edit_item_presenter_and_papers(db):
    mid = meeting(db, series(db), FEB)
    jo = person(db, "Jo Bloggs", None)
    item = add_agenda_item(db, mid, "  Returns   update ", K.INFORMATION, jo, "")
    assert (item.title, item.presenter, item.papers) == ("Returns update", "Jo Bloggs", ())
    papers = "https://example.org/paper.pdf\n\n  C:\\Papers\\item 2.docx \n\\\\server\\share\\a.pdf"
    edit_agenda_item(db, item.id, item.version, "Returns", K.DECISION, None, papers)
    (_, row) = list_agenda(db, mid)
    assert row.papers == ("https://example.org/paper.pdf", "C:\\Papers\\item 2.docx",
                          "\\\\server\\share\\a.pdf")  # fmt: skip
    assert (row.kind, row.presenter) == (K.DECISION, None)
    with pytest.raises(NetworkError, match="Give the agenda item a title"):
        add_agenda_item(db, mid, "  ", K.INFORMATION)


@pytest.mark.parametrize(
    "line",
    ["see the shared drive", "www.example.org", "http://", "ftp://example.org/x", "papers.pdf"],
)
def test_papers_must_be_links(line):
    with pytest.raises(NetworkError, match=f"line 2: “{line}”"):
        parse_papers(f"https://example.org/ok\n{line}")


def test_papers_accept_web_and_file_links():
    text = "http://a.example/x\nhttps://b.example/y?z=1\nfile:///C:/x.pdf\n/srv/papers/x.pdf\n"
    assert len(parse_papers(text)) == 4


def test_two_people_minuting_one_item(db_url):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    try:
        mid = meeting(alice, series(alice), FEB)
        item = add_agenda_item(alice, mid, "Returns", K.DISCUSSION)
        saved = save_minutes(alice, item.id, item.version, "<p>Alice's minute.</p>")
        with pytest.raises(EditConflict) as err:
            save_minutes(bob, item.id, item.version, "<p>Bob's minute.</p>")
        message = str(err.value)
        assert "changed by alice on" in message and "item 2, “Returns”" in message
        assert err.value.theirs == {"minutes": "<p>Alice's minute.</p>"}
        assert list_agenda(bob, mid)[1].minutes == "<p>Alice's minute.</p>"
        # Bob reloads and saves on top of Alice's text.
        save_minutes(bob, item.id, saved.version, "<p>Alice's minute. Bob's addition.</p>")
        assert list_agenda(alice, mid)[1].minutes == "<p>Alice's minute. Bob's addition.</p>"
    finally:
        alice.dispose()
        bob.dispose()
