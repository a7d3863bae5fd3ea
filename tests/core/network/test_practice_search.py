"""Practice entries in the full-text search on both databases: found by their text, theme,
organisation and forces like actions and minutes are, kept current through every change, and
searched from the library's own find box."""

from __future__ import annotations

from sqlalchemy import update

from commissioner_desk.db.models import SearchDocument
from commissioner_desk.domain.enums import PracticeTheme
from commissioner_desk.network.organisations import edit_organisation, list_organisations
from commissioner_desk.network.practices import (
    PracticeFilter,
    delete_practice,
    edit_practice,
    list_practices,
    practice_row,
    restore_practice,
)
from commissioner_desk.network.search import reindex, search

from .practice_setup import make_library


def found(db, text) -> list[tuple[str, int]]:
    return [(h.kind, h.id) for h in search(db, text)]


def test_found_by_title_text_theme_organisation_and_force(db):
    lib = make_library(db)
    assert found(db, "detectives") == [("practice", lib.unit)]  # in the summary
    assert found(db, "charges rose") == [("practice", lib.unit)]  # outcomes
    assert found(db, "Sandhu") == [("practice", lib.unit)]  # contacts
    assert found(db, "supply chains") == [("practice", lib.draft)]  # theme (and text)
    assert found(db, "Anti-Slavery Partnership") == [("practice", lib.training)]  # typed org
    assert found(db, '"Essex Police"') == [("practice", lib.training)]  # its force
    hit = search(db, "trafficking unit", ["practice"])[0]
    assert hit.kind_label == "Practice" and hit.title == "A dedicated human trafficking unit"
    # The action named after the unit is found too: one interface for every kind.
    kinds = {k for k, _ in found(db, "trafficking unit")}
    assert kinds == {"practice", "action"}


def test_the_index_follows_edits_links_renames_and_deletes(db):
    lib = make_library(db)
    row = practice_row(db, lib.training)
    saved = edit_practice(db, row.id, row.version, {"summary": "Taxi drivers were briefed."})
    assert found(db, "taxi") == [("practice", lib.training)]
    assert found(db, "exploitation") == []
    edit_practice(db, row.id, saved.version, {"force_codes": ["E23000001"]})
    assert found(db, "Metropolitan") == [("practice", lib.training)]
    assert found(db, '"Essex Police"') == []  # the force's name went with the link
    kent = next(o for o in list_organisations(db) if o.id == lib.net.kent_org)
    edit_organisation(db, kent.id, kent.version, {"name": "Kent and Medway Police"})
    assert ("practice", lib.unit) in found(db, "Medway")
    unit = practice_row(db, lib.unit)
    deleted = delete_practice(db, unit.id, unit.version)
    assert found(db, "detectives") == []
    restore_practice(db, deleted)
    assert found(db, "detectives") == [("practice", lib.unit)]


def test_reindex_rebuilds_practice_text(db):
    lib = make_library(db)
    with db.session() as s:
        s.connection().execute(
            update(SearchDocument.__table__)
            .where(SearchDocument.kind == "practice")
            .values(body="", title="")
        )
    assert found(db, "detectives") == []
    reindex(db)
    assert found(db, "detectives") == [("practice", lib.unit)]


def test_the_library_find_box_uses_the_same_search(db):
    lib = make_library(db)
    assert [r.id for r in list_practices(db, PracticeFilter(text="detect"))] == [lib.unit]
    assert [r.id for r in list_practices(db, PracticeFilter(text='"front-line staff"'))] == [
        lib.training
    ]
    assert list_practices(db, PracticeFilter(text="nothing-like-this")) == []
    assert list_practices(db, PracticeFilter(text="the")) != []  # nothing to look for: all
    both = PracticeFilter(text="slavery", themes=(PracticeTheme.SUPPLY_CHAINS,))
    assert [r.id for r in list_practices(db, both)] == [lib.draft]
