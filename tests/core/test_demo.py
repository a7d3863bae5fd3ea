"""Demo data: plausible national totals, consistent breakdowns, one transaction, clean removal.

Most tests load 2014-Q1 to 2016-Q1 (today 2016-06-01) to stay quick; one loads the full range.
"""

from __future__ import annotations

import re
import shutil
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import (
    ActionItem,
    AuditEntry,
    Decision,
    Force,
    ForceReturn,
    ImportBatch,
    Meeting,
    MeetingSeries,
    Metric,
    Observation,
    Organisation,
    Period,
    Person,
    Population,
    SourceFile,
)
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.demo import DemoError, has_demo, load_demo, remove_demo
from commissioner_desk.demo.targets import NATIONAL_NRM
from commissioner_desk.domain.catalogue import METRICS_BY_KEY, parse_breakdown
from commissioner_desk.domain.enums import (
    ActionStatus,
    BatchKind,
    MinutesStatus,
    ObservationStatus,
    OrganisationKind,
    ReturnState,
)
from commissioner_desk.domain.periods import Period as DomainPeriod
from commissioner_desk.progress import Cancelled

SHORT = date(2016, 6, 1)  # 2014-Q1 to 2016-Q1
FULL = date(2026, 11, 28)  # 2014-Q1 to 2026-Q3
MET = "E23000001"
DEMO_FLAGGED = (ImportBatch, ForceReturn, Organisation, Person, MeetingSeries, Meeting, ActionItem)


def observations(db: Database, *, demo: bool = True) -> list[tuple]:
    """(force code, period key, metric key, breakdown, status, value) of demo rows."""
    with db.session() as s:
        return list(
            s.execute(
                select(
                    Force.code,
                    Period.key,
                    Metric.key,
                    Observation.breakdown,
                    Observation.status,
                    Observation.value,
                )
                .join(Force, Force.id == Observation.force_id)
                .join(Period, Period.id == Observation.period_id)
                .join(Metric, Metric.id == Observation.metric_id)
                .join(ImportBatch, ImportBatch.id == Observation.batch_id)
                .where(ImportBatch.is_demo == demo)
            ).all()
        )


def count(db: Database, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_full_range_follows_the_national_totals(db):
    summary = load_demo(db, today=FULL)
    assert (summary.first_period, summary.last_period) == ("2014-Q1", "2026-Q3")
    assert summary.forces == 46  # 43 E&W, Police Scotland, PSNI, BTP
    with db.session() as s:  # summed in SQL: ~80,000 rows need not travel
        by_quarter = s.execute(
            select(Period.key, func.sum(Observation.value))
            .join(Period, Period.id == Observation.period_id)
            .join(Metric, Metric.id == Observation.metric_id)
            .where(Metric.key == "nrm_referrals", Observation.breakdown == "")
            .group_by(Period.key)
        ).all()
    years: Counter[int] = Counter()
    for key, total in by_quarter:
        years[int(key[:4])] += total or 0
    assert years[2014] == 2_340
    assert 7.5 <= years[2024] / years[2014] <= 9
    for year in range(2015, 2026):
        assert years[year] == pytest.approx(NATIONAL_NRM[year], rel=0.01), year
    assert years[2026] / 3 == pytest.approx(5_500, rel=0.1)  # three quarters of 2026
    assert summary.observations == count(db, Observation)


def test_every_breakdown_sums_to_its_total(db):
    load_demo(db, today=SHORT)
    totals: dict[tuple, int] = {}
    parts: dict[tuple, int] = defaultdict(int)
    for code, key, metric, breakdown, status, value in observations(db):
        if not breakdown:
            if status == ObservationStatus.VALUE:
                totals[code, key, metric] = value
            continue
        ((dim, _value),) = parse_breakdown(breakdown).items()
        assert dim in METRICS_BY_KEY[metric].dimensions
        assert status == ObservationStatus.VALUE
        parts[code, key, metric, dim] += value
    assert parts
    for (code, key, metric, _dim), total in parts.items():
        assert total == totals[code, key, metric]
    dims_seen = {(m, d) for (_c, _k, m, d) in parts}
    assert {("nrm_referrals", "age"), ("nrm_referrals", "exploitation")} <= dims_seen


def test_loads_once_and_refuses_twice(db):
    assert not has_demo(db)
    summary = load_demo(db, today=SHORT)
    assert has_demo(db)
    with pytest.raises(DemoError, match="already loaded"):
        load_demo(db, today=SHORT)
    assert count(db, ImportBatch) == 1
    assert count(db, Observation) == summary.observations
    with db.session() as s:
        batch = s.get(ImportBatch, summary.batch_id)
        assert (batch.kind, batch.is_demo, batch.imported_by) == (BatchKind.DEMO, True, "tester")
        source = s.scalars(select(SourceFile)).one()
        assert (source.file_name, source.size_bytes, len(source.sha256)) == (
            "demo (synthetic)",
            0,
            64,
        )
        bulk = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "observations")).one()
        assert str(summary.observations) in bulk.details


def _add_real_data(db: Database) -> None:
    """A real import for the Met in 2015-Q2 (inside the demo range) and a real organisation
    with a name the demo also uses."""
    with db.session() as s:
        force_id = s.scalar(select(Force.id).where(Force.code == MET))
        metric_id = s.scalar(select(Metric.id).where(Metric.key == "nrm_referrals"))
        period_id = ensure_periods(s, [DomainPeriod.quarter_of(2015, 2)])["2015-Q2"]
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="tester")
        s.add(batch)
        s.flush()
        source = SourceFile(batch_id=batch.id, file_name="met.xlsx", sha256="a" * 64, size_bytes=1)
        s.add(source)
        s.flush()
        for breakdown, value in (("", 77), ("age=child", 30)):
            s.add(
                Observation(
                    force_id=force_id,
                    period_id=period_id,
                    metric_id=metric_id,
                    breakdown=breakdown,
                    status=ObservationStatus.VALUE,
                    value=value,
                    batch_id=batch.id,
                    source_file_id=source.id,
                    sheet="Return",
                    cell="C4",
                )
            )
        s.add(Organisation(name="Home Office", kind=OrganisationKind.GOVERNMENT))


def test_remove_demo_removes_only_demo_rows(db):
    _add_real_data(db)
    load_demo(db, today=SHORT)
    with db.session() as s:
        names = set(s.scalars(select(Organisation.name)))
    assert {"Home Office", "Home Office (demo)"} <= names  # unique names, real one untouched
    real = observations(db, demo=False)
    assert sorted(r[3] for r in real) == ["", "age=child"]
    assert not [r for r in observations(db) if r[0] == MET and r[1] == "2015-Q2"]  # real wins

    removed = remove_demo(db)

    assert removed > 10_000
    assert not has_demo(db)
    assert observations(db) == []
    assert sorted(observations(db, demo=False)) == sorted(real)
    for model in DEMO_FLAGGED:
        with db.session() as s:
            assert not s.scalar(select(func.count()).select_from(model).where(model.is_demo))
    assert count(db, ImportBatch) == 1
    assert count(db, SourceFile) == 1
    assert count(db, Decision) == 0
    with db.session() as s:
        assert list(s.scalars(select(Organisation.name))) == ["Home Office"]
        entry = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "demo")).one()
        assert str(removed) in entry.details
    load_demo(db, today=SHORT)  # and it can be loaded again
    assert remove_demo(db) == removed


def test_remove_demo_keeps_real_rows_that_point_at_demo_ones(db):
    """Someone adds a real meeting to the demo series and a real action owned by a demo person:
    removal keeps both (the series stays, no longer demo; the owner is cleared)."""
    load_demo(db, today=SHORT)
    with db.session() as s:
        series = s.scalars(select(MeetingSeries)).one()
        person = s.scalars(select(Person)).first()
        s.add(Meeting(series_id=series.id, title="Real", starts_at=datetime(2016, 9, 1, 10)))
        s.add(ActionItem(reference="REAL-1", title="Real action", owner_person_id=person.id))
    remove_demo(db)
    with db.session() as s:
        assert [(m.title, m.is_demo) for m in s.scalars(select(Meeting))] == [("Real", False)]
        assert not s.scalars(select(MeetingSeries)).one().is_demo
        action = s.scalars(select(ActionItem)).one()
        assert (action.reference, action.owner_person_id) == ("REAL-1", None)
    assert not has_demo(db)


class CancelDuringWrite:
    """Cancels once the first chunk of figures has been written."""

    def __init__(self) -> None:
        self.writes = 0

    def report(self, done: int, total: int, message: str = "") -> None:
        if message.startswith("Writing"):
            self.writes += 1

    def cancelled(self) -> bool:
        return self.writes >= 1


def test_cancel_leaves_the_database_as_it_was(db):
    audit_before = count(db, AuditEntry)
    periods_before = count(db, Period)
    progress = CancelDuringWrite()
    with pytest.raises(Cancelled):
        load_demo(db, today=SHORT, progress=progress)
    assert progress.writes == 1
    assert count(db, Observation) == 0
    assert count(db, ImportBatch) == 0
    assert count(db, ForceReturn) == 0
    assert count(db, Organisation) == 0
    assert count(db, Period) == periods_before
    assert count(db, AuditEntry) == audit_before
    assert not has_demo(db)


def test_low_reporters_report_far_below_their_peers(db):
    summary = load_demo(db, today=SHORT)
    assert len(summary.low_reporters) == 3
    with db.session() as s:
        pops = dict(s.execute(select(Force.code, Population.population).join(Population)).all())
    if not pops:
        pytest.skip("no population file (see commissioner_desk.paths.default_geo_dir)")
    referrals: Counter[str] = Counter()
    for code, _key, metric, breakdown, status, value in observations(db):
        if metric == "nrm_referrals" and not breakdown and status == ObservationStatus.VALUE:
            referrals[code] += value
    rates = {code: referrals[code] / pop for code, pop in pops.items()}
    low = statistics.median(rates[c] for c in summary.low_reporters)
    assert low < 0.3 * statistics.median(rates.values())


def test_nil_and_missing_returns(db):
    load_demo(db, today=SHORT)
    rows = observations(db)
    by_fq: dict[tuple, set] = defaultdict(set)
    for code, key, _metric, _breakdown, status, _value in rows:
        by_fq[code, key].add(status)
    with db.session() as s:
        register = {
            (code, key): (state, chases)
            for code, key, state, chases in s.execute(
                select(Force.code, Period.key, ForceReturn.state, ForceReturn.chase_count)
                .join(Force, Force.id == ForceReturn.force_id)
                .join(Period, Period.id == ForceReturn.period_id)
            )
        }
    nil = [fq for fq, (state, _) in register.items() if state == ReturnState.NIL_RETURN]
    missing = [fq for fq, (state, n) in register.items() if state == ReturnState.MISSING]
    assert len(nil) >= 2 and len(missing) >= 2
    for fq in nil:
        assert by_fq[fq] == {ObservationStatus.NIL}
    for fq in missing:
        assert fq not in by_fq
        assert register[fq][1] > 0  # chased
    # Every force-quarter with figures is in the register; one latest return is not chased yet.
    assert set(by_fq) <= set(register)
    assert len(by_fq) + len(missing) + 1 == 46 * 9
    statuses = Counter(status for *_rest, status, _value in rows)
    assert statuses[ObservationStatus.SUPPRESSED] >= 2
    assert statuses[ObservationStatus.NOT_APPLICABLE] > 0  # Duty to Notify before late 2015


def test_network(db):
    summary = load_demo(db, today=SHORT)
    with db.session() as s:
        meetings = list(s.scalars(select(Meeting).order_by(Meeting.starts_at)))
        actions = list(s.scalars(select(ActionItem)))
        decisions = sorted(s.scalars(select(Decision.number)))
        series = s.scalars(select(MeetingSeries)).one()
        audited = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.table_name == "action_items")
        )
        updates = sum(len(a.updates) for a in actions)
        force_orgs = s.scalar(
            select(func.count())
            .select_from(Organisation)
            .where(
                Organisation.kind == OrganisationKind.PCC_OFFICE, Organisation.force_id.is_not(None)
            )
        )
    assert (series.action_prefix, series.quorum) == ("NET", 6)
    assert summary.meetings == len(meetings) == 9
    upcoming = [m for m in meetings if m.starts_at.date() >= SHORT]
    assert len(upcoming) == 1 and upcoming[0].minutes_status == MinutesStatus.DRAFT
    past = meetings[:-1]
    assert past[-1].minutes_status == MinutesStatus.CIRCULATED
    for meeting, following in zip(past[:-1], meetings[1:-1], strict=True):
        assert meeting.minutes_status in (MinutesStatus.LOCKED, MinutesStatus.APPROVED)
        assert meeting.approved_at_meeting_id == following.id
    assert 15 <= len(actions) == summary.actions <= 25 and audited == len(actions)
    assert all(re.fullmatch(r"NET-\d{4}-\d{3}", a.reference) for a in actions)
    open_ = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    assert any(a.status in open_ and a.due_date < SHORT for a in actions)  # overdue
    assert any(a.status in open_ and 0 <= (a.due_date - SHORT).days <= 14 for a in actions)
    assert any(a.status in (ActionStatus.DONE, ActionStatus.CLOSED) for a in actions)
    assert any(a.force_id for a in actions)
    assert updates >= len(actions)
    assert len(decisions) >= 5 and decisions == list(range(1, len(decisions) + 1))
    assert force_orgs == 12


def test_deterministic(sqlite_db, sqlite_template, tmp_path):
    other_path = tmp_path / "other.sqlite3"
    shutil.copy(sqlite_template, other_path)
    other = Database(f"sqlite:///{other_path.as_posix()}", user="tester")
    try:
        load_demo(sqlite_db, today=SHORT)
        load_demo(other, today=SHORT)
        assert sorted(observations(sqlite_db)) == sorted(observations(other))
        with sqlite_db.session() as s1, other.session() as s2:
            titles = select(ActionItem.reference, ActionItem.title, ActionItem.due_date)
            assert sorted(s1.execute(titles)) == sorted(s2.execute(titles))
    finally:
        other.dispose()
