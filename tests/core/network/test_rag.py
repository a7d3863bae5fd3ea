"""RAG rules at their boundaries, under a fixed clock, and the stored rule."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from commissioner_desk.db.models import AppMeta, AuditEntry
from commissioner_desk.domain.enums import ActionStatus, Rag
from commissioner_desk.network.rag import (
    DEFAULT_RAG_RULE,
    RAG_RULE_KEY,
    RagRule,
    load_rag_rule,
    rag_of,
    save_rag_rule,
)

TODAY = date(2026, 11, 28)
S = ActionStatus


def rag(status=S.OPEN, due=None, last=TODAY, override=None, note="", rule=DEFAULT_RAG_RULE):
    return rag_of(status, due, last, override, note, TODAY, rule)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_overdue_is_red_from_the_day_after_the_due_date():
    assert rag(due=days(-25)) == (Rag.RED, "Overdue: due 3 November 2026, 25 days ago")
    assert rag(due=days(-1)) == (Rag.RED, "Overdue: due 27 November 2026, 1 day ago")
    assert rag(due=TODAY)[0] is Rag.AMBER  # due today is not yet overdue


@pytest.mark.parametrize("status", [S.OPEN, S.IN_PROGRESS, S.ON_HOLD])
def test_every_unfinished_status_can_be_overdue(status):
    assert rag(status, due=days(-3))[0] is Rag.RED


def test_amber_within_the_set_number_of_days_green_beyond():
    assert rag(due=TODAY) == (Rag.AMBER, "Due today (28 November 2026)")
    assert rag(due=days(1)) == (Rag.AMBER, "Due tomorrow (29 November 2026)")
    assert rag(due=days(14)) == (Rag.AMBER, "Due 12 December 2026, in 14 days")
    assert rag(due=days(15)) == (Rag.GREEN, "On track: due 13 December 2026, in 15 days")
    short = RagRule(amber_days=0)
    assert rag(due=TODAY, rule=short)[0] is Rag.AMBER
    assert rag(due=days(1), rule=short)[0] is Rag.GREEN


def test_amber_when_not_updated_for_the_set_number_of_weeks():
    assert rag(due=days(60), last=days(-41))[0] is Rag.GREEN
    colour, reason = rag(due=days(60), last=days(-42))
    assert colour is Rag.AMBER
    assert reason == "No update for 6 weeks (last 17 October 2026)"
    assert rag(last=days(-20), rule=RagRule(stale_weeks=2))[0] is Rag.AMBER


def test_both_amber_reasons_are_given_and_red_says_it_is_stale_too():
    assert rag(due=days(3), last=days(-50)) == (
        Rag.AMBER,
        "Due 1 December 2026, in 3 days; no update for 7 weeks (last 9 October 2026)",
    )
    assert rag(due=days(-2), last=days(-50))[1] == (
        "Overdue: due 26 November 2026, 2 days ago; no update for 7 weeks (last 9 October 2026)"
    )


def test_no_due_date_is_green_unless_stale():
    assert rag(due=None) == (Rag.GREEN, "On track: no due date set")
    assert rag(due=None, last=days(-60))[0] is Rag.AMBER


@pytest.mark.parametrize(("status", "word"), [(S.DONE, "Done"), (S.CLOSED, "Closed")])
def test_finished_actions_need_no_rag_even_when_late_or_overridden(status, word):
    assert rag(status, due=days(-100), last=days(-100)) == (None, word)
    assert rag(status, due=days(-1), override=Rag.GREEN, note="fine") == (None, word)


def test_override_shows_its_note_and_what_the_rules_say():
    colour, reason = rag(due=days(-9), override=Rag.AMBER, note="Owner confirmed next week")
    assert colour is Rag.AMBER
    assert reason == (
        "Override to amber. Note: Owner confirmed next week. "
        "Computed: red (overdue: due 19 November 2026, 9 days ago)."
    )
    assert "Computed: green" in rag(due=days(30), override=Rag.RED, note="At risk")[1]


def test_stored_rule_round_trips_and_is_audited(db):
    assert load_rag_rule(db) == DEFAULT_RAG_RULE
    save_rag_rule(db, RagRule(amber_days=7, stale_weeks=4))
    assert load_rag_rule(db) == RagRule(amber_days=7, stale_weeks=4)
    save_rag_rule(db, RagRule(amber_days=7, stale_weeks=4))  # no change: nothing recorded
    with db.session() as s:
        entries = [
            json.loads(e.details)
            for e in s.query(AuditEntry).filter(AuditEntry.table_name == "app_meta")
            if RAG_RULE_KEY in e.details
        ]
    assert len(entries) == 1 and entries[0]["value"][0] is None
    assert json.loads(entries[0]["value"][1]) == {"amber_days": 7, "stale_weeks": 4}


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (RagRule(amber_days=-1), "from 0 to 365"),
        (RagRule(amber_days=1.5), "whole number"),
        (RagRule(stale_weeks=0), "from 1 to 52"),
        (RagRule(stale_weeks=True), "whole number"),
    ],
)
def test_a_bad_rule_is_refused_in_plain_words(db, rule, words):
    with pytest.raises(ValueError, match=words):
        save_rag_rule(db, rule)
    assert load_rag_rule(db) == DEFAULT_RAG_RULE


def test_an_unreadable_stored_rule_falls_back_to_the_default(db):
    with db.session() as s:
        s.add(AppMeta(key=RAG_RULE_KEY, value='{"amber_days": "soon"}'))
    assert load_rag_rule(db) == DEFAULT_RAG_RULE
