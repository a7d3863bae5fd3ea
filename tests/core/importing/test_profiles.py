"""Mapping profiles: what the user said about a table shape, kept in the database by the
header's fingerprint, so the next file of that shape imports without questions."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from commissioner_desk.db.models import AuditEntry, ImportProfile, Observation
from commissioner_desk.importing.commit.store import commit_plan
from commissioner_desk.importing.layouts.profiles import (
    SKIP,
    ProfileData,
    find_profile,
    load_profiles,
    profile_to_save,
    save_profile,
)
from commissioner_desk.importing.layouts.recognise import read_any_layout
from commissioner_desk.importing.model import ImportOptions, ReadContext
from commissioner_desk.importing.plan import ImportPlan, plan_file, plan_from_result
from commissioner_desk.importing.readers.workbook import read_workbook

from .conftest import KENT, TODAY, write_xlsx

FP = "a" * 64


def plan_with(path: Path, resolver, profiles=None, options=None) -> ImportPlan:
    """plan_file with profiles: the wiring proposed for plan.py, spelled out."""
    ctx = ReadContext(path, resolver, TODAY, options or ImportOptions(), profiles=profiles or {})
    data = path.read_bytes()
    result = read_any_layout(read_workbook(path), ctx)
    assert result is not None
    return plan_from_result(path, hashlib.sha256(data).hexdigest(), len(data), result)


def quarter_file(path: Path, first: str, second: str) -> Path:
    rows = [("Force", first, second), ("Kent", 1, 2), ("Essex", 3, 4), ("Surrey", 5, 6)]
    return write_xlsx(path, rows)


def test_save_find_and_update(db):
    assert find_profile(db, FP) is None
    column_map = {"adults": "age=adult"}
    saved = save_profile(
        db, FP, name="Force return", metric_key="nrm_referrals", column_map=column_map
    )
    assert saved == ProfileData(FP, "Force return", "nrm_referrals", None, column_map)
    found = find_profile(db, FP)
    assert found == saved and dict(found.column_map) == column_map
    assert found.period_key is None
    save_profile(db, FP, name="Renamed", metric_key="nrm_referrals", period_key="2024-Q1")
    assert set(load_profiles(db)) == {FP}
    again = load_profiles(db)[FP]
    assert (again.name, again.metric_key, again.period_key) == (
        "Renamed",
        "nrm_referrals",
        "2024-Q1",
    )
    with db.session() as s:
        row = s.scalars(select(ImportProfile)).one()
        assert row.version == 2 and row.created_by == "tester"
        audited = s.scalars(
            select(AuditEntry.action).where(AuditEntry.table_name == "import_profiles")
        ).all()
    assert [str(a) for a in audited] == ["insert", "update"]


def test_two_people_cannot_silently_overwrite_a_profile(db):
    save_profile(db, FP, name="P", metric_key="dtn_reports")
    with db.session() as first, db.session() as second:
        mine = first.scalars(select(ImportProfile)).one()
        theirs = second.scalars(select(ImportProfile)).one()
        theirs.name = "Theirs"
        second.flush()
        second.commit()
        mine.name = "Mine"
        with pytest.raises(StaleDataError):
            first.flush()
        first.rollback()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"metric_key": "nope"}, '"nope" is not a metric'),
        ({"metric_key": "dtn_reports", "period_key": "soon"}, "not a period key"),
        ({"metric_key": "dtn_reports", "column_map": {"kids": "age=child"}}, "kids"),
    ],
)
def test_what_the_catalogue_does_not_allow_is_refused(db, kwargs, message):
    with pytest.raises(ValueError, match=message):
        save_profile(db, FP, name="Bad", **kwargs)
    assert find_profile(db, FP) is None


def test_round_trip_next_file_of_the_same_shape_imports_without_questions(db, tmp_path, resolver):
    first = quarter_file(tmp_path / "q1q2.xlsx", "Q1 2024", "Q2 2024")
    asked = plan_file(first, resolver, today=TODAY)
    assert not asked.ok and "--metric" in asked.errors[0].message

    answered = plan_file(first, resolver, today=TODAY, options=ImportOptions(metric="dtn_reports"))
    assert answered.ok
    keep = profile_to_save(answered)
    assert keep is not None and keep.metric_key == "dtn_reports" and keep.period_key is None
    assert load_profiles(db) == {}
    commit_plan(db, answered)  # the commit keeps the mapping the user gave, with the figures
    assert load_profiles(db)[keep.fingerprint].metric_key == "dtn_reports"

    # Next half-year: other periods in the header, same shape, no --metric.
    second = quarter_file(tmp_path / "q3q4.xlsx", "Jul-Sep 2024", "Oct-Dec 2024")
    plan = plan_file(second, resolver, today=TODAY, profiles=load_profiles(db))
    assert plan.ok, plan.problems
    assert plan.details["metric_source"] == "profile" and plan.details["profile"] == keep.name
    assert {(f.metric_key, f.period_key) for f in plan.figures} == {
        ("dtn_reports", "2024-Q3"),
        ("dtn_reports", "2024-Q4"),
    }
    assert profile_to_save(plan) is None  # nothing new was said
    commit_plan(db, plan)
    with db.session() as s:
        assert s.scalar(select(Observation.id).where(Observation.cell == "C2")) is not None
        assert len(s.scalars(select(Observation)).all()) >= 12


def test_a_profile_never_supplies_the_period(tmp_path, resolver):
    path = write_xlsx(tmp_path / "t.xlsx", [("Force", "Total"), ("Kent", 1), ("Essex", 2)])
    fingerprint = plan_file(path, resolver, today=TODAY).details["fingerprint"]
    profile = ProfileData(fingerprint, "P", "nrm_referrals", "2024-Q1")
    plan = plan_with(path, resolver, profiles={fingerprint: profile})
    (only,) = plan.problems
    assert "does not say which period" in only.message and "counts" not in only.message


def test_column_map_maps_what_the_app_cannot_read(tmp_path, resolver):
    rows = [
        ("NRM referrals by force, 2023",),
        ("Force", "Adults 18+ (est.)", "Comments", "Total"),
        ("Kent", 4, "fine", 5),
        (None, "Trafficked for begging", 1, 1),
    ]
    path = write_xlsx(tmp_path / "t.xlsx", rows)
    plain = plan_file(path, resolver, today=TODAY)
    assert "Adults 18+ (est.)" in " ".join(w.message for w in plain.warnings)
    column_map = {"adults 18+ (est.)": "age=adult", "comments": SKIP}
    profile = ProfileData(plain.details["fingerprint"], "P", "nrm_referrals", None, column_map)
    plan = plan_with(path, resolver, profiles={profile.fingerprint: profile})
    kent = {f.breakdown: f.value for f in plan.figures if f.force_code == KENT}
    assert kent == {"age=adult": 4, "": 5}
    assert not [w for w in plan.warnings if "Adults" in w.message or "Comments" in w.message]
    assert json.loads(plan.details["column_map"]) == column_map


def test_profile_to_save_only_when_the_user_said_something(tmp_path, resolver):
    rows = [("NRM referrals by force, 2023",), ("Force", "Total"), ("Kent", 1), ("Essex", 2)]
    said_by_file = plan_file(write_xlsx(tmp_path / "t.xlsx", rows), resolver, today=TODAY)
    assert said_by_file.ok and profile_to_save(said_by_file) is None
    rows = [("Force", "Total"), ("Kent", 1), ("Essex", 2)]
    options = ImportOptions(metric="nrm_referrals", period="2023")
    said_by_user = plan_file(
        write_xlsx(tmp_path / "u.xlsx", rows), resolver, today=TODAY, options=options
    )
    keep = profile_to_save(said_by_user)
    assert keep is not None
    assert (keep.metric_key, keep.period_key) == ("nrm_referrals", "2023")
    assert keep.fingerprint == said_by_user.details["fingerprint"]


def test_published_labels_are_kept_with_the_batch(db, tmp_path, resolver):
    from commissioner_desk.importing.commit.store import import_record

    path = write_xlsx(
        tmp_path / "published.xlsx",
        [
            ("Table 13: NRM referrals by police force, October to December 2023",),
            (),
            ("Force", "Adult (18 or over)", "Child (17 or under)", "Total"),
            ("Kent", 4, 5, 9),
            ("Essex", 1, 2, 3),
        ],
    )
    plan = plan_file(path, resolver, today=TODAY)
    assert plan.ok, plan.problems
    outcome = commit_plan(db, plan)
    with db.session() as s:
        record = import_record(s, outcome.batch_id)
    assert record["how_read"].startswith("published table")
    assert "Adult (18 or over) → Adult" in record["details"]["columns"]
