"""Full-text search on both databases: what it finds, in what order, and that the index keeps
up with every change. Odd input never raises."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete, func, select

from commissioner_desk.db.models import AgendaItem, Decision, Meeting, SearchDocument
from commissioner_desk.domain.enums import ActionStatus, AgendaItemKind, Rag
from commissioner_desk.network.actions import (
    actions_due,
    add_update,
    delete_action,
    edit_action,
    list_actions,
    restore_action,
)
from commissioner_desk.network.search import MAX_TERMS, Term, parse_query, reindex, search

from .action_setup import TODAY, add, make_network


@pytest.fixture
def net(db):
    return make_network(db)


def found(db, text, kinds=None) -> list[tuple[str, int]]:
    return [(h.kind, h.id) for h in search(db, text, kinds)]


def test_finds_actions_by_title_description_update_and_reference(db, net):
    def found(db, text):
        return [(h.kind, h.id) for h in search(db, text, ["action"])]

    a = add(db, net, "Share the county lines referral pathway", description="With SPOCs")
    b = add(db, net, "Chase the outstanding returns")
    add_update(db, b.id, b.version, "Wrote to Lincolnshire about its return", today=TODAY)
    assert found(db, "pathway") == [("action", a.id)]
    assert found(db, "spocs") == [("action", a.id)]
    assert found(db, "lincolnshire") == [("action", b.id)]
    assert found(db, "TST-2026-002") == [("action", b.id)]
    assert found(db, "referr") == [("action", a.id)]  # a word as it is being typed
    assert found(db, "Referrals") == [("action", a.id)]  # case and plural do not matter
    assert found(db, "county -pathway") == []
    assert found(db, '"lines referral"') == [("action", a.id)]
    assert found(db, '"referral lines"') == []  # a phrase keeps its order
    hit = search(db, "pathway")[0]
    assert hit.title == "TST-2026-001: Share the county lines referral pathway"


def test_minutes_and_decisions_are_searched_without_their_formatting(db, net):
    with db.session() as s:
        item = s.get(AgendaItem, net.items[2])
        item.minutes = "<p>Members discussed <b>labour</b> exploitation &amp; the care sector.</p>"
        s.add(
            Decision(
                number=7,
                meeting_id=net.meeting,
                agenda_item_id=item.id,
                decided_on=date(2026, 2, 10),
                text="Forces will report labour exploitation separately.",
            )
        )
    hits = search(db, "labour")
    assert {(h.kind, h.title) for h in hits} == {
        ("minute", "Meeting of 10/02/2026, item 3: County lines"),
        ("decision", "Decision 7, 10 February 2026"),
    }
    minute = next(h for h in hits if h.kind == "minute")
    assert "<" not in minute.snippet and "&amp;" not in minute.snippet
    assert "labour exploitation & the care sector" in minute.snippet
    (start, end), *_ = minute.marks
    assert minute.snippet[start:end].lower() == "labour"
    assert "<b>labour</b>" in minute.snippet_html().lower()
    assert "&amp;" in minute.snippet_html()  # escaped again for rich text
    decisions = [(h.kind, h.id) for h in hits if h.kind == "decision"]
    assert found(db, "labour", kinds=["decision"]) == decisions
    assert found(db, "labour", kinds=[]) == []


def test_a_match_in_the_title_ranks_above_one_in_the_text(db, net):
    body = add(db, net, "Write to forces", description="About training response officers.")
    title = add(db, net, "Training completion by force")
    hits = search(db, "training")
    assert [h.id for h in hits] == [title.id, body.id]
    assert hits[0].rank > hits[1].rank


ODD = ['"', "*", "AND", "-x", "", "   ", '"unclosed', "NEAR(", "title:x", "(", ")", "^", "'",
       "OR NOT", "a AND", "--", '"" *', "\\", "%", "_", ":*", "!x", "x & y | z", "<->", "ÅÄÖ",
       "🙂", "county:* & !lines", "a" * 500]  # fmt: skip


def test_odd_input_never_raises(db, net):
    add(db, net, "County lines")
    for text in ODD:
        assert isinstance(search(db, text), list), text


def test_odd_input_that_holds_words_still_finds_them(db, net):
    a = add(db, net, "Wiltshire visit")
    assert found(db, '"wiltshire') == [("action", a.id)]
    assert found(db, "wiltshire*") == [("action", a.id)]
    assert found(db, "(wiltshire) OR") == [("action", a.id)]
    assert found(db, "the AND") == []  # only common words: nothing to look for
    assert parse_query("-x") == [] and parse_query("the") == []


def test_a_long_paste_of_repeated_words_is_looked_for_once(db, net):
    """20 kB of one word said again and again: PostgreSQL ranked and highlighted every item
    with every copy (minutes on the demo data); now it is one term, and found at once."""
    ids = {
        add(db, net, f"Police visit {n}", description="Police and partners").id for n in range(20)
    }
    other = add(db, net, "County lines")
    text = ("police " * 3000)[:20_000]
    assert parse_query(text) == [Term(("police",), prefix=True)]
    assert {h.id for h in search(db, text, ["action"])} == ids
    mixed = ("police -county " * 1500)[:20_000]
    assert len(parse_query(mixed)) == 2
    assert other.id not in {h.id for h in search(db, mixed, ["action"])}


def test_a_long_paste_of_many_words_is_looked_for_by_its_first(db, net):
    a = add(db, net, "Share the county lines referral pathway")
    text = "county lines " + " ".join(f"w{n}" for n in range(3000))
    terms = parse_query(text)
    assert len(terms) == MAX_TERMS and terms[0] == Term(("county",), prefix=True)
    assert search(db, text) == []  # every term must match: w1… are in no item
    quotes = '"lines referral" ' * 2000
    assert parse_query(quotes)[0] == Term(("lines", "referral"), prefix=False)
    assert len(parse_query(quotes)) <= 2  # and perhaps "lines, where the paste was cut
    assert found(db, quotes) == [("action", a.id)]
    endless = '"county lines referral pathway' + " pathway" * 3000 + '"'
    assert len(parse_query(endless)[0].words) < 10
    assert search(db, endless) == []  # its first words, "pathway" four times, are in no item


def test_index_keeps_up_with_edits_updates_and_deletes(db, net):
    a = add(db, net, "Write to Wiltshire")
    saved = edit_action(db, a.id, a.version, {"title": "Write to Staffordshire"})
    assert found(db, "wiltshire") == []
    assert found(db, "staffordshire") == [("action", a.id)]
    saved = add_update(db, a.id, saved.version, "Letter sent to the PCC", ActionStatus.DONE, TODAY)
    assert found(db, "letter") == [("action", a.id)]
    deleted = delete_action(db, a.id, saved.version)
    assert found(db, "staffordshire") == [] and found(db, "letter") == []
    restore_action(db, deleted)
    assert found(db, "letter") == [("action", a.id)]


def test_index_keeps_up_with_minutes_and_meetings(db, net):
    with db.session() as s:
        s.get(AgendaItem, net.items[0]).minutes = "<p>Apologies from Essex.</p>"
    assert found(db, "essex") == [("minute", net.items[0])]
    with db.session() as s:  # the minute reference quotes the meeting's date
        s.get(Meeting, net.meeting).starts_at = datetime(2026, 2, 11, 10)
    assert search(db, "essex")[0].title == "Meeting of 11/02/2026, item 1: Welcome"
    with db.session() as s:
        s.add(
            Decision(
                number=1, meeting_id=net.meeting, decided_on=date(2026, 2, 11), text="Essex leads"
            )
        )
    assert {k for k, _ in found(db, "essex")} == {"minute", "decision"}
    with db.session() as s:  # its items go with it, and its decisions by a database cascade
        s.delete(s.get(Meeting, net.meeting))
    assert found(db, "essex") == []
    with db.session() as s:
        kinds = set(s.scalars(select(SearchDocument.kind)))
    assert "decision" not in kinds


def test_bulk_changes_through_a_session_keep_the_index_right(db, net):
    add(db, net, "Chase Essex")
    with db.session() as s:
        s.add(
            AgendaItem(
                meeting_id=net.meeting, position=9, title="Essex", kind=AgendaItemKind.DISCUSSION
            )
        )
    with db.session() as s:
        s.execute(delete(AgendaItem).where(AgendaItem.title == "Essex"))
    assert [k for k, _ in found(db, "essex")] == ["action"]


def test_demo_network_is_listed_searched_and_removed(db):
    # One test for the demo (loading it is slow): the action log, search, and removal.
    from commissioner_desk.demo.load import load_demo
    from commissioner_desk.demo.remove import remove_demo

    load_demo(db, today=date(2026, 11, 28))
    rows = list_actions(db, today=date(2026, 11, 28))
    assert rows and all(r.is_demo for r in rows)
    overridden = [r for r in rows if r.overridden]
    assert overridden and overridden[0].rag is Rag.AMBER
    assert "Computed: red" in overridden[0].rag_reason
    assert actions_due(db, date(2026, 11, 28)).overdue
    hits = search(db, "county lines", limit=100)
    assert {"action", "minute"} <= {h.kind for h in hits}
    assert any(h.title.startswith("NET-") for h in hits)
    assert found(db, "helpline", kinds=["decision"])
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(SearchDocument))
    assert reindex(db) == before  # the hook and a rebuild agree
    remove_demo(db)
    assert search(db, "county lines") == []
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SearchDocument)) == 0


def test_limit_and_unknown_kinds(db, net):
    for n in range(5):
        add(db, net, f"Report number {n}")
    assert len(search(db, "report", limit=3)) == 3
    assert search(db, "report", limit=0) == []
    assert search(db, "report", kinds=["best_practice"]) == []
