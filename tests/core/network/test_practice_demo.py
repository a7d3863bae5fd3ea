"""The demo library: a dozen plausible entries across the themes, linked to demo forces,
actions and meetings, found by search; removed with the demo data, real entries kept."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from commissioner_desk.db.models import Practice, PracticeAction, SearchDocument
from commissioner_desk.demo import load_demo, remove_demo
from commissioner_desk.domain.enums import PracticeTheme
from commissioner_desk.network.actions import list_actions
from commissioner_desk.network.practices import (
    PracticeDraft,
    create_practice,
    list_practices,
    practice_row,
)
from commissioner_desk.network.search import search

TODAY = date(2026, 12, 4)


def test_the_demo_library_and_its_removal(db):
    load_demo(db, today=TODAY)
    rows = list_practices(db)
    assert len(rows) == 12 and all(r.is_demo for r in rows)
    assert {r.theme for r in rows} == set(PracticeTheme)  # every theme has an example
    assert all(r.forces and r.summary and r.outcomes for r in rows)
    assert all(r.contacts.startswith("DEMO contact") for r in rows)
    assert sum(r.is_draft for r in rows) == 1
    assert sum(bool(r.actions) for r in rows) >= 2
    assert sum(bool(r.meetings) for r in rows) >= 2
    assert all(r.added_on <= TODAY for r in rows)
    titles = {r.title for r in rows}
    assert "A dedicated human trafficking unit" in titles
    assert "County network trained 3,000 front-line staff" in titles
    assert [h.kind for h in search(db, "navigators")] == ["practice"]

    # A real entry linked to a demo action keeps everything but that link.
    demo_action = next(a for a in list_actions(db) if a.is_demo)
    real = create_practice(
        db,
        PracticeDraft(
            title="Our own entry",
            theme=PracticeTheme.TRAINING,
            action_ids=(demo_action.id,),
            force_codes=("E23000032",),
        ),
    )
    assert remove_demo(db) > 0
    assert [r.id for r in list_practices(db)] == [real.id]
    kept = practice_row(db, real.id)
    assert kept.actions == () and [f.code for f in kept.forces] == ["E23000032"]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PracticeAction)) == 0
        assert s.scalar(select(func.count()).where(Practice.is_demo)) == 0
        docs = s.scalars(select(SearchDocument.ref_id).where(SearchDocument.kind == "practice"))
        assert list(docs) == [real.id]
    assert search(db, "navigators") == []
