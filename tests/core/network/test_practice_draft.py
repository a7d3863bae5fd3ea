"""A force's free-text answer turned into a draft practice entry in one step."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete

from commissioner_desk.db.models import ReturnText
from commissioner_desk.domain.enums import PracticeStatus, PracticeTheme
from commissioner_desk.network.errors import NetworkError
from commissioner_desk.network.practices import (
    PracticeFilter,
    draft_from_return,
    drafted_from,
    list_practices,
    practice_row,
)
from commissioner_desk.network.practices_draft import suggested_theme, suggested_title

from .action_setup import KENT
from .practice_setup import PARTNERSHIP_TEXT, add_return_text, make_library

DAY = date(2026, 3, 4)


def test_an_answer_becomes_a_draft_with_force_organisation_and_text(db):
    lib = make_library(db)
    drafted = draft_from_return(db, lib.text, DAY)
    assert drafted.created
    row = practice_row(db, drafted.practice_id)
    assert row.status is PracticeStatus.DRAFT and row.is_draft
    assert row.title == "Partnership work: Kent Police, October to December 2025"
    assert row.summary == PARTNERSHIP_TEXT
    assert row.theme is PracticeTheme.PARTNERSHIP
    assert [f.code for f in row.forces] == [KENT]
    assert row.organisation_id == lib.net.kent_org and row.organisation == "Kent Police"
    assert row.source_return_text_id == lib.text
    assert row.added_on == DAY and row.added_by == "tester" and not row.is_demo
    drafts = list_practices(db, PracticeFilter(status=PracticeStatus.DRAFT))
    assert drafted.practice_id in [r.id for r in drafts]


def test_the_same_answer_twice_gives_the_entry_already_drafted(db):
    lib = make_library(db)
    first = draft_from_return(db, lib.text, DAY)
    again = draft_from_return(db, lib.text, DAY)
    assert again.practice_id == first.practice_id and not again.created
    assert drafted_from(db, lib.text) == first.practice_id
    assert len(list_practices(db)) == 4  # the three of the library and this one


def test_a_force_without_an_organisation_is_named_and_demo_answers_make_demo_drafts(db):
    make_library(db)
    text = add_return_text(
        db,
        "E23000001",
        "2026-Q1",
        "context",
        "Operation Kestrel trained 200 officers in spotting forced labour on building sites.",
        demo=True,
    )
    row = practice_row(db, draft_from_return(db, text, DAY).practice_id)
    assert row.organisation_id is None and row.organisation == "Metropolitan Police Service"
    assert (
        row.title == "Work behind the figures: Metropolitan Police Service, January to March 2026"
    )
    assert row.theme is PracticeTheme.TRAINING  # suggested by the words it uses
    assert row.is_demo


def test_an_answer_that_has_gone_is_refused_in_words(db):
    lib = make_library(db)
    with db.session() as s:
        s.execute(delete(ReturnText).where(ReturnText.id == lib.text))
    with pytest.raises(NetworkError, match="no longer held"):
        draft_from_return(db, lib.text, DAY)


def test_suggestions():
    assert suggested_theme("context", "An audit of supplier contracts") is (
        PracticeTheme.SUPPLY_CHAINS
    )
    assert suggested_theme("data_quality", "Nothing unusual.") is PracticeTheme.DATA_INTELLIGENCE
    assert suggested_theme("other", "Nothing unusual.") is PracticeTheme.PARTNERSHIP
    assert suggested_title("gossip", "BTP", "2026-Q2", "Gossip?") == (
        "Gossip: BTP, April to June 2026"
    )
