"""The list of import batches, newest first, with what each brought in and whether undone."""

from __future__ import annotations

import json
from datetime import date

from commissioner_desk.demo import load_demo
from commissioner_desk.importing import commit_plan
from commissioner_desk.importing.commit.history import list_batches
from commissioner_desk.importing.commit.undo import undo_batch

from .conftest import KENT
from .test_commit import NRM, ROWS, plan_rows
from .test_commit_texts import CONTEXT, with_texts


def test_empty_database_has_no_batches(db):
    assert list_batches(db) == []


def test_batches_newest_first_with_their_counts(db, tmp_path, resolver):
    demo = load_demo(db, today=date(2014, 12, 1))
    plan = with_texts(plan_rows(tmp_path, resolver), (KENT, "2024-Q3", CONTEXT, "Seasonal."))
    first = commit_plan(db, plan)
    rows = [("Kent", "2024-Q3", NRM, None, 11), ("Kent", "2024-Q4", NRM, None, 2)]
    second = commit_plan(db, plan_rows(tmp_path, resolver, rows, name="kent v2.xlsx"))
    undo_batch(db, second.batch_id)

    newest, middle, oldest = list_batches(db)
    assert [newest.id, middle.id, oldest.id] == [second.batch_id, first.batch_id, demo.batch_id]

    # Undone, yet it still shows what it had brought in.
    assert (newest.status, newest.undone, newest.undone_by) == ("undone", True, "tester")
    assert newest.undone_at is not None and newest.undone_at >= newest.imported_at
    assert newest.file_names == ("kent v2.xlsx",) and len(newest.sha256[0]) == 64
    assert (newest.added, newest.superseded, newest.forces, newest.periods) == (
        2,
        1,
        1,
        ("2024-Q3", "2024-Q4"),
    )

    assert (middle.kind, middle.status, middle.is_demo, middle.imported_by) == (
        "import",
        "committed",
        False,
        "tester",
    )
    assert middle.file_names == ("kent.xlsx",) and middle.sha256 == (plan.sha256,)
    assert (middle.added, middle.superseded, middle.texts, middle.forces) == (len(ROWS), 0, 1, 2)
    assert middle.periods == ("2024-Q2", "2024-Q3")
    assert (middle.undone_by, middle.undone_at) == (None, None)

    assert (oldest.kind, oldest.is_demo, oldest.added) == ("demo", True, demo.observations)
    assert oldest.periods == ("2014-Q1", "2014-Q2", "2014-Q3") and oldest.forces > 40

    doc = json.loads(json.dumps([r.to_json() for r in (newest, middle)]))
    assert doc[0]["status"] == "undone" and doc[0]["periods"] == ["2024-Q3", "2024-Q4"]
    assert doc[1]["file_names"] == ["kent.xlsx"] and doc[1]["undone_at"] is None
    assert doc[1]["imported_at"].startswith(str(middle.imported_at.year))
