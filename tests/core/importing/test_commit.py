"""Committing a plan on SQLite and PostgreSQL: versions, idempotence, refusal, Cancel."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import (
    AuditEntry,
    Force,
    ForceReturn,
    ImportBatch,
    Metric,
    Observation,
    Period,
    SourceFile,
)
from commissioner_desk.demo import load_demo
from commissioner_desk.domain.enums import BatchKind, ObservationStatus, ReturnState
from commissioner_desk.importing import ImportRefused, commit_plan, plan_file
from commissioner_desk.progress import Cancelled

from .conftest import KENT, MET, TODAY, table, write_xlsx

NRM = "NRM referrals"
ROWS = (
    ("Kent", "2024-Q3", NRM, None, 10),
    ("Kent", "2024-Q3", NRM, "Child", 4),
    ("Kent", "2024-Q2", NRM, None, "[c]"),
    ("Metropolitan Police Service", "2024-Q3", NRM, None, 250),
)


def plan_rows(tmp_path, resolver, rows=ROWS, name="kent.xlsx", today=TODAY):
    return plan_file(write_xlsx(tmp_path / name, table(*rows)), resolver, today=today)


def observations(db: Database, *, current_only: bool = False) -> list[tuple]:
    """(force, period, metric, breakdown, status, value, current, sheet, cell, batch, by)"""
    with db.session() as s:
        query = (
            select(
                Force.code,
                Period.key,
                Metric.key,
                Observation.breakdown,
                Observation.status,
                Observation.value,
                Observation.is_current,
                Observation.sheet,
                Observation.cell,
                Observation.batch_id,
                Observation.superseded_by_batch_id,
            )
            .join(Force, Force.id == Observation.force_id)
            .join(Period, Period.id == Observation.period_id)
            .join(Metric, Metric.id == Observation.metric_id)
            .order_by(Observation.id)
        )
        if current_only:
            query = query.where(Observation.is_current)
        return [tuple(r) for r in s.execute(query)]


def counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in (Observation, ImportBatch, SourceFile, ForceReturn, Period, AuditEntry)
        }


def test_import_stores_figures_with_their_source(db, tmp_path, resolver):
    p = plan_rows(tmp_path, resolver)
    out = commit_plan(db, p)

    assert (out.status, out.added, out.superseded, out.unchanged) == ("ok", 4, 0, 0)
    assert (out.forces, out.periods, out.path) == (2, ("2024-Q2", "2024-Q3"), p.path)
    rows = observations(db)
    assert [r[:9] for r in rows] == [
        (KENT, "2024-Q3", "nrm_referrals", "", ObservationStatus.VALUE, 10, True, "Returns", "E6"),
        (
            KENT,
            "2024-Q3",
            "nrm_referrals",
            "age=child",
            ObservationStatus.VALUE,
            4,
            True,
            "Returns",
            "E7",
        ),
        (
            KENT,
            "2024-Q2",
            "nrm_referrals",
            "",
            ObservationStatus.SUPPRESSED,
            None,
            True,
            "Returns",
            "E8",
        ),
        (MET, "2024-Q3", "nrm_referrals", "", ObservationStatus.VALUE, 250, True, "Returns", "E9"),
    ]
    assert {r[9] for r in rows} == {out.batch_id}
    with db.session() as s:
        batch = s.get(ImportBatch, out.batch_id)
        assert (batch.kind, batch.is_demo, batch.imported_by) == (BatchKind.IMPORT, False, "tester")
        assert batch.note == "kent.xlsx: long table, sheet Returns"
        (source,) = batch.files
        assert (source.file_name, source.sha256, source.size_bytes) == (
            "kent.xlsx",
            p.sha256,
            p.size_bytes,
        )
        assert set(s.scalars(select(Observation.source_file_id))) == {source.id}
        register = s.execute(
            select(
                Force.code,
                Period.key,
                ForceReturn.state,
                ForceReturn.batch_id,
                ForceReturn.received_at,
                ForceReturn.is_demo,
            )
            .join(Force, Force.id == ForceReturn.force_id)
            .join(Period, Period.id == ForceReturn.period_id)
            .order_by(Force.code, Period.key)
        ).all()
        assert [r[:4] for r in register] == [
            (MET, "2024-Q3", ReturnState.RECEIVED, out.batch_id),
            (KENT, "2024-Q2", ReturnState.RECEIVED, out.batch_id),
            (KENT, "2024-Q3", ReturnState.RECEIVED, out.batch_id),
        ]
        assert all(r.received_at is not None and not r.is_demo for r in register)
        bulk = s.scalars(select(AuditEntry.details).where(AuditEntry.action == "bulk")).all()
        assert len(bulk) == 1 and '"added": 4' in bulk[0]


def test_reimporting_the_same_file_changes_nothing(db, tmp_path, resolver):
    p = plan_rows(tmp_path, resolver)
    commit_plan(db, p)
    before = counts(db)
    again = commit_plan(db, plan_file(p.path, resolver, today=TODAY))
    assert (again.status, again.batch_id, again.added, again.unchanged) == ("unchanged", None, 0, 4)
    assert counts(db) == before


def test_corrected_file_adds_a_version(db, tmp_path, resolver):
    first = commit_plan(db, plan_rows(tmp_path, resolver))
    corrected = list(ROWS)
    corrected[0] = ("Kent", "2024-Q3", NRM, None, 11)
    second = commit_plan(db, plan_rows(tmp_path, resolver, corrected, name="kent v2.xlsx"))

    assert (second.status, second.added, second.superseded, second.unchanged) == ("ok", 1, 1, 3)
    assert second.batch_id != first.batch_id
    kent_total = [r for r in observations(db) if r[0] == KENT and r[1] == "2024-Q3" and not r[3]]
    assert [(r[5], r[6], r[9], r[10]) for r in kent_total] == [
        (10, False, first.batch_id, second.batch_id),  # kept, no longer current
        (11, True, second.batch_id, None),
    ]
    assert len(observations(db, current_only=True)) == 4
    with db.session() as s:
        names = s.scalars(select(SourceFile.file_name).order_by(SourceFile.id)).all()
        assert names == ["kent.xlsx", "kent v2.xlsx"]
        states = s.execute(select(ForceReturn.batch_id).order_by(ForceReturn.id)).scalars().all()
        assert set(states) == {second.batch_id}  # every force and period in the file


def test_plan_with_errors_is_refused_and_nothing_written(db, tmp_path, resolver):
    commit_plan(db, plan_rows(tmp_path, resolver))
    before = counts(db)
    bad = plan_rows(tmp_path, resolver, [*ROWS, ("Kentt", "2024-Q3", NRM, None, 1)], "bad.xlsx")
    with pytest.raises(ImportRefused, match=r"bad.xlsx was not imported because it has 1 error:"):
        commit_plan(db, bad)
    assert counts(db) == before


class CancelAfter:
    """Says "cancelled" once `checks` calls have gone by."""

    def __init__(self, checks: int) -> None:
        self.left = checks

    def report(self, done: int, total: int, message: str = "") -> None:
        pass

    def cancelled(self) -> bool:
        self.left -= 1
        return self.left < 0


@pytest.mark.parametrize("checks", [0, 2, 4])
def test_cancel_midway_leaves_the_database_as_it_was(db, tmp_path, resolver, checks):
    commit_plan(db, plan_rows(tmp_path, resolver, ROWS[:1], name="first.xlsx"))
    before = counts(db)
    corrected = [("Kent", "2024-Q3", NRM, None, 12), *ROWS[1:]]  # supersedes one, adds three
    with pytest.raises(Cancelled):
        commit_plan(db, plan_rows(tmp_path, resolver, corrected), CancelAfter(checks))
    assert counts(db) == before
    assert [r[5] for r in observations(db, current_only=True)] == [10]


def test_real_figure_replaces_demo_figure(db, tmp_path, resolver):
    load_demo(db, today=date(2014, 12, 1))  # 2014-Q1 to 2014-Q3
    with db.session() as s:
        code, demo_value, demo_batch = s.execute(
            select(Force.code, Observation.value, Observation.batch_id)
            .join(Force, Force.id == Observation.force_id)
            .join(Period, Period.id == Observation.period_id)
            .join(Metric, Metric.id == Observation.metric_id)
            .where(
                Period.key == "2014-Q2",
                Metric.key == "nrm_referrals",
                Observation.breakdown == "",
                Observation.is_current,
                Observation.value.is_not(None),
            )
            .order_by(Force.code)
        ).first()
    # The same value as the demo's: real data still takes the figure over.
    rows = [(code, "April to June 2014", NRM, None, demo_value)]
    out = commit_plan(db, plan_rows(tmp_path, resolver, rows, today=date(2014, 12, 1)))
    assert (out.added, out.superseded, out.unchanged) == (1, 1, 0)
    key = [r for r in observations(db) if r[:4] == (code, "2014-Q2", "nrm_referrals", "")]
    assert [(r[6], r[9], r[10]) for r in key] == [
        (False, demo_batch, out.batch_id),
        (True, out.batch_id, None),
    ]
    with db.session() as s:
        ret = s.execute(
            select(ForceReturn)
            .join(Force, Force.id == ForceReturn.force_id)
            .join(Period, Period.id == ForceReturn.period_id)
            .where(Force.code == code, Period.key == "2014-Q2")
        ).scalar_one()
        assert (ret.state, ret.is_demo, ret.batch_id) == (ReturnState.RECEIVED, False, out.batch_id)
        assert (ret.chase_count, ret.notes) == (0, "")
