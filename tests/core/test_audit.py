"""The audit log: every insert, update and delete of an audited model is recorded, with who, in
the same transaction; bulk writes are one entry; nothing is recorded for work rolled back."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from commissioner_desk.db.audit import record_bulk
from commissioner_desk.db.models import (
    AuditEntry,
    Force,
    ImportBatch,
    Meeting,
    MeetingSeries,
    Metric,
    Observation,
    Organisation,
)
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.domain.enums import (
    AuditAction,
    BatchKind,
    ObservationStatus,
    OrganisationKind,
)
from commissioner_desk.domain.periods import Period as DomainPeriod

MET = "E23000001"


def _last_audit_id(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.max(AuditEntry.id))) or 0


def _entries_after(db, audit_id: int) -> list[AuditEntry]:
    """Audit entries written since `audit_id` (the seeded database already holds some)."""
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.id > audit_id).order_by("id")))


def test_insert_update_delete_are_logged_with_who_table_and_row(db):
    start = _last_audit_id(db)
    with db.session() as s:
        org = Organisation(name="Hope for Justice", kind=OrganisationKind.NGO)
        s.add(org)
    org_id = org.id

    [inserted] = _entries_after(db, start)
    assert inserted.action == AuditAction.INSERT
    assert inserted.who == "tester"
    assert inserted.table_name == "organisations"
    assert inserted.row_id == org_id
    snapshot = json.loads(inserted.details)
    assert snapshot["id"] == org_id
    assert snapshot["name"] == "Hope for Justice"
    assert snapshot["kind"] == "ngo"  # the stored value, not the enum's repr
    assert "version" not in snapshot and "updated_at" not in snapshot

    mark = _last_audit_id(db)
    with db.session() as s:
        org = s.get(Organisation, org_id)
        org.name = "Hope for Justice UK"
        org.kind = OrganisationKind.OTHER
        org.is_demo = org.is_demo  # assigned but unchanged: not a change
    [updated] = _entries_after(db, mark)
    assert updated.action == AuditAction.UPDATE
    assert updated.who == "tester"
    assert (updated.table_name, updated.row_id) == ("organisations", org_id)
    assert json.loads(updated.details) == {
        "name": ["Hope for Justice", "Hope for Justice UK"],
        "kind": ["ngo", "other"],
    }

    mark = _last_audit_id(db)
    with db.session() as s:
        s.delete(s.get(Organisation, org_id))
    [deleted] = _entries_after(db, mark)
    assert deleted.action == AuditAction.DELETE
    assert deleted.who == "tester"
    assert (deleted.table_name, deleted.row_id) == ("organisations", org_id)
    assert json.loads(deleted.details)["name"] == "Hope for Justice UK"  # what was lost


def test_update_of_reference_row_records_only_the_changed_field(db):
    with db.session() as s:
        force = s.scalars(select(Force).where(Force.code == MET)).one()
        old_name, force_id = force.display_name, force.id
    mark = _last_audit_id(db)
    with db.session() as s:
        s.get(Force, force_id).display_name = "The Met"
    [entry] = _entries_after(db, mark)
    assert (entry.action, entry.table_name) == (AuditAction.UPDATE, "forces")
    assert entry.row_id == force_id
    assert json.loads(entry.details) == {"display_name": [old_name, "The Met"]}


def test_datetimes_are_logged_as_iso_text(db):
    with db.session() as s:
        series = MeetingSeries(name="Network", action_prefix="NET")
        s.add(series)
        s.flush()
        meeting = Meeting(series_id=series.id, starts_at=datetime(2026, 3, 4, 10, 0))
        s.add(meeting)
    mark = _last_audit_id(db)
    with db.session() as s:
        s.get(Meeting, meeting.id).starts_at = datetime(2026, 3, 5, 14, 30)
    [entry] = _entries_after(db, mark)
    assert json.loads(entry.details) == {
        "starts_at": ["2026-03-04T10:00:00", "2026-03-05T14:30:00"]
    }


def test_record_bulk_writes_one_bulk_entry(db):
    mark = _last_audit_id(db)
    with db.session() as s:
        record_bulk(s, "observations", {"rows": 1234, "batch": 7})
    [entry] = _entries_after(db, mark)
    assert entry.action == AuditAction.BULK
    assert entry.who == "tester"
    assert entry.table_name == "observations"
    assert entry.row_id is None
    assert json.loads(entry.details) == {"rows": 1234, "batch": 7}


def test_observations_are_not_logged_row_by_row(db):
    mark = _last_audit_id(db)
    with db.session() as s:
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="tester")
        s.add(batch)
        s.flush()
        period = DomainPeriod.quarter_of(2024, 1)
        key = {
            "batch_id": batch.id,
            "period_id": ensure_periods(s, [period])[period.key],
            "metric_id": s.scalar(select(Metric.id).where(Metric.key == "nrm_referrals")),
            "force_id": s.scalar(select(Force.id).where(Force.code == MET)),
            "status": ObservationStatus.VALUE,
        }
        s.execute(
            insert(Observation),
            [{**key, "breakdown": b, "value": n} for n, b in enumerate(["", "age=child"])],
        )
        adult = Observation(**key, breakdown="age=adult", value=3)  # ORM: still not audited
        s.add(adult)
        record_bulk(s, "observations", {"rows": 3})
    with db.session() as s:  # nor are ORM updates and deletes of a non-audited row
        s.get(Observation, adult.id).is_current = False
    with db.session() as s:
        s.delete(s.get(Observation, adult.id))
    entries = _entries_after(db, mark)
    assert [(e.action, e.table_name) for e in entries] == [
        (AuditAction.INSERT, "import_batches"),
        (AuditAction.BULK, "observations"),
    ]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == 2


def test_rolled_back_update_leaves_no_audit_entry(db):
    with db.session() as s:
        force_id, old_name = s.execute(
            select(Force.id, Force.display_name).where(Force.code == MET)
        ).one()
    mark = _last_audit_id(db)
    with pytest.raises(RuntimeError), db.session() as s:
        s.get(Force, force_id).display_name = "Never saved"
        s.flush()  # the audit row is written here, in the same transaction…
        assert s.scalar(select(func.count()).where(AuditEntry.id > mark)) == 1
        raise RuntimeError("…and goes when it rolls back")
    assert _entries_after(db, mark) == []
    with db.session() as s:
        assert s.get(Force, force_id).display_name == old_name


def test_failed_flush_does_not_leak_entries_into_the_next_one(db):
    """A flush that fails must not leave its audit entries to be written by a later flush."""
    with db.session() as s:
        s.add(Organisation(name="Taken", kind=OrganisationKind.NGO))
    mark = _last_audit_id(db)
    with db.session() as s:
        s.add(Organisation(name="Taken", kind=OrganisationKind.NGO))  # unique name clash
        with pytest.raises(IntegrityError):
            s.flush()
        s.rollback()
        s.add(Organisation(name="Fresh", kind=OrganisationKind.NGO))
    entries = _entries_after(db, mark)
    assert [(e.action, json.loads(e.details)["name"]) for e in entries] == [
        (AuditAction.INSERT, "Fresh")
    ]
    assert all(e.row_id is not None for e in entries)
