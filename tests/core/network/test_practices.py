"""The practice library's core on both databases: entries with their links, filters, saves on
top of someone else's refused, delete with an exact undo, and the words shown for themes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from commissioner_desk.db.models import AuditEntry, Practice, PracticeAction
from commissioner_desk.domain.enums import PracticeStatus, PracticeTheme
from commissioner_desk.network.actions import delete_action
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.errors import NetworkError
from commissioner_desk.network.practices import (
    DocumentLink,
    PracticeDraft,
    PracticeFilter,
    PracticeNotFound,
    create_practice,
    delete_practice,
    edit_practice,
    list_practices,
    parse_theme,
    practice_row,
    restore_practice,
)
from commissioner_desk.network.practices_types import one_line

from .action_setup import KENT
from .practice_setup import ESSEX, make_library


def _ids(rows) -> list[int]:
    return [r.id for r in rows]


def test_an_entry_comes_back_with_every_field_and_link(db):
    lib = make_library(db)
    row = practice_row(db, lib.unit)
    assert row.title == "A dedicated human trafficking unit"
    assert row.theme_label == "Investigation" and row.status_label == "Published"
    assert row.organisation == "Kent Police" and row.organisation_id == lib.net.kent_org
    assert [f.code for f in row.forces] == [KENT] and row.force_names == "Kent Police"
    assert [(a.id, a.title) for a in row.actions] == [
        (lib.action, "Share the trafficking unit's terms of reference")
    ]
    assert row.actions[0].reference.startswith("TST-")
    assert [m.id for m in row.meetings] == [lib.net.meeting]
    assert row.meetings[0].label == "10 Feb 2026: Network meeting, February 2026"
    assert row.documents == (DocumentLink("Terms of reference", "https://example.org/tor"),)
    assert row.documents[0].is_web
    assert row.added_by == "tester" and row.added_on == date(2026, 1, 10)
    assert row.one_line == "A standing team of detectives for slavery cases."
    typed = practice_row(db, lib.training)
    assert typed.organisation == "Essex Anti-Slavery Partnership" and typed.organisation_id is None
    with db.session() as s:  # audited like every other edited row
        assert s.scalar(
            select(func.count()).where(
                AuditEntry.table_name == "practices", AuditEntry.row_id == lib.unit
            )
        )


def test_filters_by_theme_force_dates_and_status(db):
    lib = make_library(db)
    everything = list_practices(db)
    assert _ids(everything) == [lib.draft, lib.training, lib.unit]  # newest first
    f = PracticeFilter
    assert _ids(list_practices(db, f(themes=(PracticeTheme.TRAINING,)))) == [lib.training]
    two = (PracticeTheme.TRAINING, PracticeTheme.INVESTIGATION)
    assert _ids(list_practices(db, f(themes=two))) == [lib.training, lib.unit]
    assert _ids(list_practices(db, f(force_code=ESSEX))) == [lib.training]
    assert _ids(list_practices(db, f(force_code="E23000001"))) == []
    assert _ids(list_practices(db, f(added_from=date(2026, 2, 20)))) == [lib.draft, lib.training]
    assert _ids(list_practices(db, f(added_to=date(2026, 2, 19)))) == [lib.unit]
    both = f(added_from=date(2026, 1, 10), added_to=date(2026, 2, 20))  # both ends included
    assert _ids(list_practices(db, both)) == [lib.training, lib.unit]
    assert _ids(list_practices(db, f(status=PracticeStatus.DRAFT))) == [lib.draft]
    published = list_practices(db, f(status=PracticeStatus.PUBLISHED, force_code=KENT))
    assert _ids(published) == [lib.unit]


def test_edit_changes_fields_and_links_and_moves_the_version(db):
    lib = make_library(db)
    row = practice_row(db, lib.training)
    saved = edit_practice(
        db,
        row.id,
        row.version,
        {
            "title": "  County network   trained staff ",
            "status": PracticeStatus.DRAFT,
            "outcomes": "Referrals doubled.",
            "force_codes": [ESSEX, KENT],
            "action_ids": [lib.action],
            "documents": [("Evaluation", r"C:\Reports\evaluation.pdf")],
        },
    )
    assert saved.version == row.version + 1
    assert set(saved.changed) == {
        "title", "status", "outcomes", "force_codes", "action_ids", "documents"
    }  # fmt: skip
    now = practice_row(db, lib.training)
    assert now.title == "County network trained staff" and now.is_draft
    assert {f.code for f in now.forces} == {ESSEX, KENT}
    assert [a.id for a in now.actions] == [lib.action]
    assert now.documents == (DocumentLink("Evaluation", r"C:\Reports\evaluation.pdf"),)
    assert not now.documents[0].is_web
    # Links alone are a change too: the version moves, so an editor holding the old one is
    # refused.
    links_only = edit_practice(db, row.id, now.version, {"meeting_ids": [lib.net.other_meeting]})
    assert links_only.changed == ("meeting_ids",) and links_only.version == now.version + 1
    unchanged = edit_practice(db, row.id, links_only.version, {"force_codes": [KENT, ESSEX]})
    assert unchanged.changed == () and unchanged.version == links_only.version


def test_a_save_on_top_of_someone_elses_is_refused(db):
    lib = make_library(db)
    row = practice_row(db, lib.unit)
    edit_practice(db, row.id, row.version, {"summary": "Their summary"})
    with pytest.raises(EditConflict, match="changed by tester") as caught:
        edit_practice(db, row.id, row.version, {"summary": "Mine", "force_codes": []})
    assert caught.value.theirs == {"summary": "Their summary"}
    now = practice_row(db, lib.unit)
    assert now.summary == "Their summary" and [f.code for f in now.forces] == [KENT]
    with pytest.raises(EditConflict):
        delete_practice(db, row.id, row.version)


def test_refusals_are_worded_and_save_nothing(db):
    lib = make_library(db)
    row = practice_row(db, lib.unit)
    for changes, words in (
        ({"title": "   "}, "Give the practice entry a title"),
        ({"force_codes": ["NOPE"]}, "no force with the code NOPE"),
        ({"action_ids": [99999]}, "Action number 99999 no longer exists"),
        ({"documents": [("Report", "  ")]}, "Document 1 \\(Report\\) has no web address"),
        ({"started_on": date(2026, 1, 2), "ended_on": date(2026, 1, 1)}, "cannot end before"),
    ):
        with pytest.raises(NetworkError, match=words):
            edit_practice(db, row.id, row.version, changes)
    assert practice_row(db, lib.unit) == row
    with pytest.raises(ValueError, match="cannot be changed here: is_demo"):
        edit_practice(db, row.id, row.version, {"is_demo": True})
    with pytest.raises(NetworkError, match="title"):
        create_practice(db, PracticeDraft(title="", theme=PracticeTheme.TRAINING))


def test_delete_and_undo_put_it_back_exactly(db):
    lib = make_library(db)
    before = practice_row(db, lib.unit)
    deleted = delete_practice(db, lib.unit, before.version)
    assert deleted.describe() == "“A dedicated human trafficking unit”"
    with pytest.raises(PracticeNotFound, match="deleted by tester"):
        practice_row(db, lib.unit)
    assert lib.unit not in _ids(list_practices(db))
    with db.session() as s:  # its links went with it
        assert not s.scalar(select(func.count()).where(PracticeAction.practice_id == lib.unit))
    restore_practice(db, deleted)
    assert practice_row(db, lib.unit) == before  # same id, version, values and links
    with pytest.raises(NetworkError, match="cannot be put back"):
        restore_practice(db, deleted)


def test_undo_leaves_out_what_has_gone_since(db):
    lib = make_library(db)
    row = practice_row(db, lib.unit)
    deleted = delete_practice(db, lib.unit, row.version)
    from commissioner_desk.network.actions import action_row

    action = action_row(db, lib.action)
    delete_action(db, action.id, action.version)
    restore_practice(db, deleted)
    back = practice_row(db, lib.unit)
    assert back.actions == () and [m.id for m in back.meetings] == [lib.net.meeting]


def test_the_action_and_the_meeting_name_the_entries_that_link_to_them(db):
    lib = make_library(db)
    from commissioner_desk.network.practices_query import (
        practices_linked_to,
        practices_presented_at,
    )

    for mentions in (
        practices_linked_to(db, lib.action),
        practices_presented_at(db, lib.net.meeting),
    ):
        assert [(m.id, m.title, m.is_draft) for m in mentions] == [
            (lib.unit, "A dedicated human trafficking unit", False)
        ]
    edit_practice(db, lib.draft, practice_row(db, lib.draft).version, {"action_ids": (lib.action,)})
    assert [(m.title, m.is_draft) for m in practices_linked_to(db, lib.action)] == [
        ("A dedicated human trafficking unit", False),
        ("Modern slavery clauses in contracts", True),
    ]
    delete_practice(db, lib.unit, practice_row(db, lib.unit).version)
    assert practices_presented_at(db, lib.net.meeting) == []


def test_deleting_an_action_or_meeting_drops_only_the_link(db):
    lib = make_library(db)
    from commissioner_desk.network.actions import action_row

    action = action_row(db, lib.action)
    delete_action(db, action.id, action.version)
    row = practice_row(db, lib.unit)
    assert row.actions == () and row.title == "A dedicated human trafficking unit"
    with db.session() as s:
        assert s.get(Practice, lib.unit) is not None


def test_themes_read_as_people_write_them():
    assert parse_theme("Supply chains") is PracticeTheme.SUPPLY_CHAINS
    assert parse_theme("supply-chains") is PracticeTheme.SUPPLY_CHAINS
    assert parse_theme("DATA_INTELLIGENCE") is PracticeTheme.DATA_INTELLIGENCE
    assert parse_theme("data & intelligence") is PracticeTheme.DATA_INTELLIGENCE
    assert parse_theme(" victim support ") is PracticeTheme.VICTIM_SUPPORT
    with pytest.raises(ValueError, match='"gardening" is not a theme; choose from "training"'):
        parse_theme("gardening")


def test_one_line_takes_the_first_sentence_and_cuts_at_a_word():
    assert one_line("First one.  Second one.") == "First one."
    assert one_line("Line\nbroken  text") == "Line broken text"
    long = "word " * 60
    cut = one_line(long, 40)
    assert cut.endswith("…") and len(cut) <= 40 and "wor…" not in cut
    assert one_line("") == ""
