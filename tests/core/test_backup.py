"""Backup and restore: one SQLite file whichever the backend, restored row for row, after a
safety copy; bad files are refused by name and leave the database as it was."""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from datetime import date, datetime

import pytest
from sqlalchemy import delete, func, select, text

from commissioner_desk.db.backup import backup_to_file, restore_from_file
from commissioner_desk.db.database import Database, DatabaseError
from commissioner_desk.db.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Attendance,
    AuditEntry,
    Base,
    Decision,
    Force,
    ForceReturn,
    ImportBatch,
    ImportProfile,
    Meeting,
    MeetingSeries,
    Membership,
    Metric,
    MinuteErratum,
    Observation,
    Organisation,
    Person,
    Population,
    Practice,
    PracticeAction,
    PracticeDocument,
    PracticeForce,
    PracticeMeeting,
    ReturnText,
    SourceFile,
)
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.domain.enums import (
    ActionStatus,
    AgendaItemKind,
    AttendanceStatus,
    AuditAction,
    BatchKind,
    MembershipStatus,
    MinutesStatus,
    ObservationStatus,
    OrganisationKind,
    PracticeTheme,
    ReturnState,
)
from commissioner_desk.domain.periods import Period as DomainPeriod
from commissioner_desk.progress import Cancelled

MET = "E23000001"

# --- helpers -------------------------------------------------------------------------------


def _seed(db: Database) -> dict[str, int]:
    """A few rows in every table, including a meeting whose minutes were approved at a LATER
    meeting: the self-reference points forward, at a row copied after it."""
    with db.session() as s:
        force_id = s.scalar(select(Force.id).where(Force.code == MET))
        metric_id = s.scalar(select(Metric.id).where(Metric.key == "nrm_referrals"))
        period = DomainPeriod.quarter_of(2024, 1)
        period_id = ensure_periods(s, [period])[period.key]
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="tester", note="Q1 returns")
        s.add(batch)
        s.flush()
        source = SourceFile(
            batch_id=batch.id, file_name="met.xlsx", sha256="ab" * 32, size_bytes=12_345
        )
        s.add(source)
        s.flush()
        key = {"force_id": force_id, "period_id": period_id, "metric_id": metric_id}
        # Populations come from ../shared/geo when present; add one so the table is never empty.
        s.add(Population(force_id=force_id, year=1999, population=7_000_000, source="test"))
        s.add_all(
            [
                Observation(
                    **key,
                    breakdown="",
                    status=ObservationStatus.VALUE,
                    value=12,
                    batch_id=batch.id,
                    source_file_id=source.id,
                    sheet="Returns",
                    cell="D14",
                ),
                Observation(
                    **key,
                    breakdown="age=child",
                    status=ObservationStatus.SUPPRESSED,
                    batch_id=batch.id,
                ),
                Observation(
                    **key,
                    breakdown="age=adult",
                    status=ObservationStatus.VALUE,
                    value=7,
                    batch_id=batch.id,
                    is_current=False,
                    superseded_by_batch_id=batch.id,
                ),
                Observation(
                    **key, breakdown="age=adult", status=ObservationStatus.NIL, batch_id=batch.id
                ),
                ForceReturn(
                    force_id=force_id,
                    period_id=period_id,
                    state=ReturnState.RECEIVED,
                    batch_id=batch.id,
                    received_at=datetime(2024, 4, 20, 9, 15, 30, 123456),
                ),
                ReturnText(
                    force_id=force_id,
                    period_id=period_id,
                    batch_id=batch.id,
                    question="context",
                    text="Operation Aidant ran in March.",
                ),
            ]
        )
        s.add(
            ImportProfile(
                fingerprint="f" * 64,
                name="Seed",
                metric_key="nrm_referrals",
                column_map="{}",
                created_by="tester",
            )
        )
        org = Organisation(name="Salvation Army", kind=OrganisationKind.NGO)
        series = MeetingSeries(name="National network", action_prefix="NET", quorum=3)
        s.add_all([org, series])
        s.flush()
        person = Person(name="A. Example", role="Lead", organisation_id=org.id)
        s.add(person)
        earlier = Meeting(series_id=series.id, title="Spring", starts_at=datetime(2026, 3, 4, 10))
        s.add(earlier)
        s.flush()
        later = Meeting(series_id=series.id, title="Summer", starts_at=datetime(2026, 6, 3, 10))
        s.add(later)
        s.flush()
        earlier.approved_at_meeting_id = later.id
        earlier.minutes_status = MinutesStatus.APPROVED
        item = AgendaItem(
            meeting_id=earlier.id, position=1, title="Returns", kind=AgendaItemKind.DECISION
        )
        s.add(item)
        s.flush()
        action = ActionItem(
            reference="NET-2026-001",
            title="Chase missing returns",
            owner_person_id=person.id,
            meeting_id=earlier.id,
            force_id=force_id,
            metric_id=metric_id,
            due_date=date(2026, 4, 30),
        )
        s.add_all(
            [
                action,
                Attendance(
                    meeting_id=earlier.id,
                    organisation_id=org.id,
                    person_id=person.id,
                    status=AttendanceStatus.PRESENT,
                ),
                Decision(
                    number=1,
                    meeting_id=earlier.id,
                    agenda_item_id=item.id,
                    decided_on=date(2026, 3, 4),
                    text="Adopt the template.",
                ),
                MinuteErratum(
                    meeting_id=earlier.id, made_on=date(2026, 6, 3), made_by="tester", text="Typo"
                ),
            ]
        )
        s.flush()
        s.add(
            ActionUpdate(
                action_id=action.id,
                made_by="tester",
                text="Started",
                new_status=ActionStatus.IN_PROGRESS,
            )
        )
        s.add(
            Membership(
                force_id=force_id,
                organisation_id=org.id,
                status=MembershipStatus.SIGNED_UP,
                commissioner="A. Commissioner",
                signed_on=date(2023, 5, 2),
                signatory="A. Commissioner",
                starts_on=date(2021, 5, 13),
            )
        )
        practice = Practice(
            title="Dedicated trafficking unit",
            organisation_id=org.id,
            theme=PracticeTheme.INVESTIGATION,
            summary="A unit of 12 detectives.",
            added_on=date(2024, 6, 1),
            documents=[PracticeDocument(label="Evaluation", target="https://example.org/e.pdf")],
        )
        s.add(practice)
        s.flush()
        s.add_all(
            [
                PracticeForce(practice_id=practice.id, force_id=force_id),
                PracticeAction(practice_id=practice.id, action_id=action.id),
                PracticeMeeting(practice_id=practice.id, meeting_id=earlier.id),
            ]
        )
    assert earlier.id < later.id  # the reference really points forward
    return {"org": org.id, "earlier": earlier.id, "later": later.id, "batch": batch.id}


def _snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every table's rows, in primary-key order (sorted here: collations differ)."""
    out = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            pk = [c.name for c in table.primary_key.columns]
            rows = [r._mapping for r in conn.execute(select(table))]
            rows.sort(key=lambda r, pk=pk: tuple(r[c] for c in pk))
            out[table.name] = [tuple(r.values()) for r in rows]
        out["alembic_version"] = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    return out


def _without_restore_entry(snap: dict[str, list[tuple]], db: Database) -> dict:
    """The snapshot minus the one audit entry the restore itself writes (checked here)."""
    with db.session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        assert (last.action, last.table_name, last.who) == (AuditAction.BULK, "*", db.user)
        assert "restored_from" in json.loads(last.details)
    snap = dict(snap)
    snap["audit_log"] = [r for r in snap["audit_log"] if r[0] != last.id]
    return snap


def _change_everything(db: Database, ids: dict[str, int]) -> None:
    with db.session() as s:
        s.get(Organisation, ids["org"]).name = "Renamed"
        s.add(Organisation(name="Added after the backup", kind=OrganisationKind.OTHER))
        s.scalars(select(Force).where(Force.code == MET)).one().display_name = "Changed"
        s.delete(s.get(Meeting, ids["later"]))
        s.execute(delete(Observation).where(Observation.breakdown == "age=child"))


@pytest.fixture
def pg_db(postgres):
    name = f"cd_bk_{uuid.uuid4().hex[:10]}"
    database = Database(postgres.create(name, template=postgres.template), user="tester")
    yield database
    database.dispose()
    postgres.drop(name)


# --- round trips ---------------------------------------------------------------------------


def test_restore_brings_back_every_row_as_it_was(db, tmp_path):
    ids = _seed(db)
    before = _snapshot(db)
    assert all(before[name] for name in before), "every table should hold rows to compare"
    result = backup_to_file(db, tmp_path / "out" / "desk-backup.sqlite3")
    assert result.path == tmp_path / "out" / "desk-backup.sqlite3"
    assert result.path.is_file()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["desk-backup.sqlite3"]  # no part
    assert result.rows == sum(len(v) for k, v in before.items() if k != "alembic_version")

    _change_everything(db, ids)
    changed = _snapshot(db)
    assert changed != before

    rows = restore_from_file(db, result.path, tmp_path / "safety").rows
    assert rows == result.rows
    assert _without_restore_entry(_snapshot(db), db) == before


def test_restore_takes_a_safety_copy_of_what_was_there(db, tmp_path):
    ids = _seed(db)
    result = backup_to_file(db, tmp_path / "b.sqlite3")
    _change_everything(db, ids)
    restored = restore_from_file(db, result.path, tmp_path / "safety")
    rows, safety = restored.rows, restored.safety
    assert rows == result.rows
    with db.session() as s:  # restored…
        assert s.get(Organisation, ids["org"]).name == "Salvation Army"
        assert s.get(Meeting, ids["earlier"]).approved_at_meeting_id == ids["later"]
    # …and the safety copy holds what was there just before, and opens as SQLite.
    assert safety is not None and safety.parent == tmp_path / "safety"
    con = sqlite3.connect(safety)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {r[0] for r in con.execute("SELECT name FROM organisations")}
        assert names == {"Renamed", "Added after the backup"}
        assert con.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 1
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() != []
    finally:
        con.close()


def test_restore_without_safety_folder_returns_no_copy(sqlite_db, tmp_path):
    _seed(sqlite_db)
    result = backup_to_file(sqlite_db, tmp_path / "b.sqlite3")
    restored = restore_from_file(sqlite_db, result.path, None)
    rows, safety = restored.rows, restored.safety
    assert safety is None
    assert rows == result.rows


@pytest.mark.postgres
def test_new_rows_can_be_added_after_a_postgresql_restore(pg_db, tmp_path):
    ids = _seed(pg_db)
    result = backup_to_file(pg_db, tmp_path / "b.sqlite3")
    _change_everything(pg_db, ids)
    restore_from_file(pg_db, result.path, None)
    # Each insert below takes its id from a sequence; without the reset they would collide
    # with restored ids (or, for audit_log, already have: restore writes an entry itself).
    with pg_db.session() as s:
        org = Organisation(name="New after restore", kind=OrganisationKind.NGO)
        meeting = Meeting(series_id=1, title="Autumn", starts_at=datetime(2026, 9, 2, 10))
        s.add_all([org, meeting])
        s.flush()
        assert org.id > ids["org"]
        assert meeting.id > ids["later"]
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="tester")
        s.add(batch)
        s.flush()
        assert batch.id > ids["batch"]
        first = s.scalars(select(Observation).order_by(Observation.id)).first()
        s.add(
            Observation(
                force_id=first.force_id,
                period_id=first.period_id,
                metric_id=first.metric_id,
                breakdown="age=unknown",
                status=ObservationStatus.VALUE,
                value=1,
                batch_id=batch.id,
            )
        )
    with pg_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == 5


@pytest.mark.postgres
@pytest.mark.parametrize("direction", ["postgresql-to-sqlite", "sqlite-to-postgresql"])
def test_cross_backend_restore(direction, pg_db, sqlite_db, tmp_path):
    source, target = (
        (pg_db, sqlite_db)
        if direction == "postgresql-to-sqlite"
        else (
            sqlite_db,
            pg_db,
        )
    )
    _seed(source)
    before = _snapshot(source)
    result = backup_to_file(source, tmp_path / "cross.sqlite3")
    with target.session() as s:  # something the restore must clear away
        s.add(Organisation(name="Only in the target", kind=OrganisationKind.OTHER))
    rows = restore_from_file(target, result.path, tmp_path / "safety").rows
    assert rows == result.rows
    assert _without_restore_entry(_snapshot(target), target) == before
    with target.session() as s:  # the target carries on working
        s.add(Organisation(name="Afterwards", kind=OrganisationKind.OTHER))


# --- refusals ------------------------------------------------------------------------------


def test_cancelled_restore_leaves_the_database_unchanged(db, tmp_path):
    ids = _seed(db)
    result = backup_to_file(db, tmp_path / "b.sqlite3")
    _change_everything(db, ids)
    before = _snapshot(db)

    class CancelMidway:
        def __init__(self) -> None:
            self.reports = 0

        def report(self, done: int, total: int, message: str = "") -> None:
            self.reports += 1

        def cancelled(self) -> bool:
            return self.reports >= 5  # after some tables have been emptied and refilled

    with pytest.raises(Cancelled):
        restore_from_file(db, result.path, None, CancelMidway())
    assert _snapshot(db) == before


@pytest.mark.parametrize(
    "kind",
    [
        "random-bytes",
        "empty",
        "other-sqlite",
        "damaged-sqlite",
        "truncated-backup",
        "newer-schema",
    ],
)
def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path, kind):
    _seed(db)
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "random-bytes":
        bad.write_bytes(os.urandom(4096))
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "damaged-sqlite":
        bad.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    elif kind == "truncated-backup":  # a copy cut short
        whole = backup_to_file(db, tmp_path / "whole.sqlite3").path.read_bytes()
        bad.write_bytes(whole[: len(whole) // 2])
    elif kind == "newer-schema":  # made by a later version of the app
        backup_to_file(db, bad)
        con = sqlite3.connect(bad)
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        con.commit()
        con.close()
    else:
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO recipes (name) VALUES ('scones')")
        con.commit()
        con.close()
    before = _snapshot(db)
    with pytest.raises(DatabaseError) as err:
        restore_from_file(db, bad, tmp_path / "safety")
    assert bad.name in str(err.value)
    assert _snapshot(db) == before


def test_restore_refuses_a_missing_file(db, tmp_path):
    missing = tmp_path / "nowhere.sqlite3"
    with pytest.raises(DatabaseError) as err:
        restore_from_file(db, missing, tmp_path / "safety")
    assert "nowhere.sqlite3" in str(err.value)


def test_a_backup_is_a_plain_file_that_restoring_leaves_alone(sqlite_db, tmp_path):
    """Not in WAL mode, as the live file is: a WAL file cannot be opened on read-only media,
    and opening one writes -wal and -shm files beside it (on the user's USB stick)."""
    out = tmp_path / "stick" / "backup.sqlite3"
    out.parent.mkdir()
    backup_to_file(sqlite_db, out)
    header = out.read_bytes()[:20]
    assert (header[18], header[19]) == (1, 1)  # rollback journal, not WAL
    before = out.read_bytes()
    restore_from_file(sqlite_db, out, None)
    assert sorted(p.name for p in out.parent.iterdir()) == ["backup.sqlite3"]
    assert out.read_bytes() == before
