"""Undoing an import batch puts back exactly what was there before it, on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from commissioner_desk.db.base import utcnow
from commissioner_desk.db.database import Database
from commissioner_desk.db.models import (
    AuditEntry,
    Force,
    ForceReturn,
    ImportBatch,
    Observation,
    ReturnText,
    SourceFile,
)
from commissioner_desk.demo import load_demo, remove_demo
from commissioner_desk.domain.enums import BatchStatus, ReturnState
from commissioner_desk.importing import commit_plan
from commissioner_desk.importing.commit.undo import UndoError, undo_batch
from commissioner_desk.progress import Cancelled

from .conftest import KENT
from .test_commit import NRM, ROWS, CancelAfter, observations, plan_rows
from .test_commit_texts import CONTEXT, PARTNERS, stored_texts, with_texts

# Bookkeeping that must move on when a row is written again: the optimistic-locking counter and
# the time of the last change. Everything else must be back exactly as it was.
BOOKKEEPING = {"version", "updated_at"}


def state(db: Database) -> dict[str, list[tuple]]:
    """Every row undo must restore, by table. Undone batches (and their files) stay for the
    audit trail, so only committed batches are compared."""
    committed = select(ImportBatch.id).where(ImportBatch.status == BatchStatus.COMMITTED)
    tables = {
        "observations": select(Observation).order_by(Observation.id),
        "return_texts": select(ReturnText).order_by(ReturnText.id),
        "force_returns": select(ForceReturn).order_by(ForceReturn.id),
        "import_batches": select(ImportBatch)
        .where(ImportBatch.id.in_(committed))
        .order_by(ImportBatch.id),
        "source_files": select(SourceFile)
        .where(SourceFile.batch_id.in_(committed))
        .order_by(SourceFile.id),
    }
    out = {}
    with db.session() as s:
        for name, query in tables.items():
            rows = s.scalars(query).all()
            out[name] = [
                tuple(
                    (c.key, getattr(r, c.key))
                    for c in r.__mapper__.column_attrs
                    if c.key not in BOOKKEEPING
                )
                for r in rows
            ]
    return out


def record_chase(db: Database, code: str, period: str, note: str) -> None:
    """Staff chase a force for its return: the register gets (or updates) a MISSING row."""
    from commissioner_desk.db.reference import ensure_periods
    from commissioner_desk.domain.periods import Period as DomainPeriod

    with db.session() as s:
        force_id = s.scalar(select(Force.id).where(Force.code == code))
        period_id = ensure_periods(s, [DomainPeriod.from_key(period)])[period]
        row = s.scalar(
            select(ForceReturn).where(
                ForceReturn.force_id == force_id, ForceReturn.period_id == period_id
            )
        )
        if row is None:
            row = ForceReturn(force_id=force_id, period_id=period_id, state=ReturnState.MISSING)
            s.add(row)
        row.chase_count = (row.chase_count or 0) + 1
        row.chased_at, row.contact, row.notes = utcnow(), "MSHT lead", note


def correction(tmp_path, resolver):
    """A corrected Kent return: one changed figure, one new breakdown, a new period, and
    changed and new answers."""
    rows = [
        ("Kent", "2024-Q3", NRM, None, 11),  # was 10
        ("Kent", "2024-Q3", NRM, "Child", 4),  # unchanged
        ("Kent", "2024-Q3", NRM, "Adult", 7),  # new
        ("Kent", "2024-Q4", NRM, None, 3),  # a period not held before
    ]
    plan = plan_rows(tmp_path, resolver, rows, name="kent corrected.xlsx")
    return with_texts(
        plan,
        (KENT, "2024-Q3", CONTEXT, "Revised: one large operation."),
        (KENT, "2024-Q4", PARTNERS, "New partnership with the council."),
    )


def first_import(db, tmp_path, resolver):
    plan = with_texts(plan_rows(tmp_path, resolver), (KENT, "2024-Q3", CONTEXT, "Seasonal."))
    return commit_plan(db, plan)


def test_undo_restores_exactly_the_state_before(db, tmp_path, resolver):
    first = first_import(db, tmp_path, resolver)
    record_chase(db, KENT, "2024-Q4", "Rang the MSHT lead")  # missing and chased: now received
    before = state(db)
    second = commit_plan(db, correction(tmp_path, resolver))
    assert (second.added, second.superseded, second.texts_added) == (3, 1, 2)
    assert state(db) != before

    result = undo_batch(db, second.batch_id)

    assert (result.batch_id, result.file_names) == (second.batch_id, ("kent corrected.xlsx",))
    assert (result.removed, result.restored, result.texts_removed) == (3, 1, 2)
    assert (result.register_restored, result.register_removed) == (2, 0)
    assert state(db) == before
    current = [r for r in observations(db, current_only=True) if r[:2] == (KENT, "2024-Q3")]
    assert {(r[3], r[5], r[9]) for r in current} == {
        ("", 10, first.batch_id),
        ("age=child", 4, first.batch_id),
    }
    with db.session() as s:
        batch = s.get(ImportBatch, second.batch_id)
        assert (batch.status, batch.undone_by) == (BatchStatus.UNDONE, "tester")
        assert batch.undone_at is not None
        assert [f.file_name for f in batch.files] == ["kent corrected.xlsx"]  # kept for the trail
        entries = s.scalars(select(AuditEntry.details).where(AuditEntry.action == "bulk")).all()
        assert f'"undone_batch_id": {second.batch_id}' in entries[-1]


def test_undo_of_a_chased_return_keeps_the_chase(db, tmp_path, resolver):
    """A register row the import changed from "missing, chased" goes back to exactly that."""
    record_chase(db, KENT, "2024-Q3", "Emailed the force")
    before = state(db)
    out = commit_plan(db, plan_rows(tmp_path, resolver))
    with db.session() as s:
        states = set(s.scalars(select(ForceReturn.state)))
        assert states == {ReturnState.RECEIVED}
    undo_batch(db, out.batch_id)
    assert state(db) == before


def test_undo_of_the_first_import_leaves_no_figures(db, tmp_path, resolver):
    before = state(db)
    assert before["force_returns"] == [] and before["observations"] == []
    out = first_import(db, tmp_path, resolver)
    undo_batch(db, out.batch_id)
    assert observations(db) == [] and stored_texts(db) == []
    assert state(db) == before
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ForceReturn)) == 0


def test_undone_file_can_be_imported_again(db, tmp_path, resolver):
    out = first_import(db, tmp_path, resolver)
    undo_batch(db, out.batch_id)
    again = first_import(db, tmp_path, resolver)  # the identical file
    assert (again.status, again.added, again.texts_added) == ("ok", 4, 1)
    assert again.batch_id != out.batch_id
    assert {r[9] for r in observations(db)} == {again.batch_id}
    undo_batch(db, again.batch_id)  # and undone again
    assert observations(db) == []


def test_a_batch_superseded_later_cannot_be_undone_first(db, tmp_path, resolver):
    first = first_import(db, tmp_path, resolver)
    second = commit_plan(db, correction(tmp_path, resolver))
    with pytest.raises(UndoError) as info:
        undo_batch(db, first.batch_id)
    message = str(info.value)
    assert f"batch {first.batch_id} (kent.xlsx" in message
    assert f"Undo batch {second.batch_id} first" in message
    assert "kent corrected.xlsx" in message
    # Newest first works, and then the earlier one can go too.
    undo_batch(db, second.batch_id)
    undo_batch(db, first.batch_id)
    assert observations(db) == []


def test_a_later_batch_for_the_same_return_blocks_undo(db, tmp_path, resolver):
    """The later file replaces none of the earlier figures, but it took over the register rows:
    undoing the earlier one first could not restore them exactly."""
    first = commit_plan(db, plan_rows(tmp_path, resolver, ROWS[:1]))
    extra = [("Kent", "2024-Q3", NRM, "Adult", 6)]
    later = commit_plan(db, plan_rows(tmp_path, resolver, extra, name="kent adults.xlsx"))
    assert later.superseded == 0
    with pytest.raises(UndoError, match=f"Undo batch {later.batch_id} first"):
        undo_batch(db, first.batch_id)
    other = commit_plan(db, plan_rows(tmp_path, resolver, ROWS[3:], name="met.xlsx"))
    undo_batch(db, other.batch_id)  # a different force: independent, can go in any order


def test_demo_and_undone_and_unknown_batches_are_refused(db, tmp_path, resolver):
    demo = load_demo(db, today=date(2014, 12, 1))
    with pytest.raises(UndoError, match=r"demo data.*demo --remove"):
        undo_batch(db, demo.batch_id)
    out = commit_plan(db, plan_rows(tmp_path, resolver))
    undo_batch(db, out.batch_id)
    with pytest.raises(UndoError, match=rf"batch {out.batch_id} .* was already undone by tester"):
        undo_batch(db, out.batch_id)
    with pytest.raises(UndoError, match="There is no import batch 999999"):
        undo_batch(db, 999_999)


def test_undo_brings_back_demo_figures_and_register(db, tmp_path, resolver):
    today = date(2014, 12, 1)
    load_demo(db, today=today)
    with db.session() as s:
        chased = s.scalar(select(func.count()).where(ForceReturn.is_demo, ForceReturn.notes != ""))
    before = state(db)
    rows = [("Kent", "April to June 2014", NRM, None, 5), ("MPS", "2014-Q3", NRM, "Child", 9)]
    out = commit_plan(db, plan_rows(tmp_path, resolver, rows, today=today))
    assert out.superseded == 2
    undo_batch(db, out.batch_id)
    assert state(db) == before
    with db.session() as s:
        assert (
            s.scalar(select(func.count()).where(ForceReturn.is_demo, ForceReturn.notes != ""))
            == chased
        )
    assert remove_demo(db) > 0
    assert observations(db) == []


def test_undo_after_the_demo_was_removed(db, tmp_path, resolver):
    """The import replaced demo figures; the demo was removed since. Undo puts back what
    removing the demo would have left: nothing."""
    today = date(2014, 12, 1)
    load_demo(db, today=today)
    rows = [("Kent", "April to June 2014", NRM, None, 5)]
    out = commit_plan(db, plan_rows(tmp_path, resolver, rows, today=today))
    remove_demo(db)
    result = undo_batch(db, out.batch_id)
    assert (result.removed, result.register_removed) == (1, 1)
    assert observations(db) == []
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ForceReturn)) == 0


def test_a_return_chased_after_its_import_stays_chased(db, tmp_path, resolver):
    out = commit_plan(db, plan_rows(tmp_path, resolver, ROWS[:1]))
    record_chase(db, KENT, "2024-Q3", "Asked for the breakdown by age")
    undo_batch(db, out.batch_id)
    with db.session() as s:
        (row,) = s.scalars(select(ForceReturn)).all()
        assert (row.state, row.batch_id, row.received_at) == (ReturnState.MISSING, None, None)
        assert (row.chase_count, row.notes) == (1, "Asked for the breakdown by age")


@pytest.mark.parametrize("checks", [0, 1, 3])  # undo checks for Cancel four times
def test_cancel_leaves_the_batch_in_place(db, tmp_path, resolver, checks):
    first_import(db, tmp_path, resolver)
    second = commit_plan(db, correction(tmp_path, resolver))
    before = state(db)
    with pytest.raises(Cancelled):
        undo_batch(db, second.batch_id, CancelAfter(checks))
    assert state(db) == before


def test_batch_without_a_register_record_is_refused(db, tmp_path, resolver):
    """A batch imported before the register was recorded cannot be undone exactly."""
    out = commit_plan(db, plan_rows(tmp_path, resolver))
    with db.session() as s:
        for entry in s.scalars(select(AuditEntry).where(AuditEntry.action == "bulk")):
            entry.details = entry.details.replace("register_before", "old_field")
    with pytest.raises(UndoError, match="earlier version of the app"):
        undo_batch(db, out.batch_id)
    assert len(observations(db)) == len(ROWS)


def test_undo_is_recorded_on_the_batch_in_the_audit_log(db, tmp_path, resolver):
    out = commit_plan(db, replace(plan_rows(tmp_path, resolver)))
    undo_batch(db, out.batch_id)
    with db.session() as s:
        updates = s.scalars(
            select(AuditEntry.details).where(
                AuditEntry.table_name == "import_batches",
                AuditEntry.action == "update",
                AuditEntry.row_id == out.batch_id,
            )
        ).all()
    assert len(updates) == 1 and '"status": ["committed", "undone"]' in updates[0]
