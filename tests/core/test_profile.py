"""A force's profile: key figures with change and ranks, trends with gaps for missing figures,
the pipeline beside all forces' ratios, returns history, open actions and the low-reporting flag.

Most tests build a handful of figures by hand, so every expected number is worked out here; two
read the demo data to check the profile agrees with the map and the register.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete, select

from commissioner_desk.db.models import (
    ActionItem,
    Force,
    ForceReturn,
    ImportBatch,
    Metric,
    Observation,
    Organisation,
    Population,
)
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.demo import LOW_REPORTERS, load_demo
from commissioner_desk.domain.enums import (
    ActionStatus,
    BatchKind,
    ObservationStatus,
    OrganisationKind,
    ReturnState,
)
from commissioner_desk.domain.periods import Period
from commissioner_desk.published.disclosure import DEFAULT_SUPPRESSION, SuppressionRule
from commissioner_desk.queries.map_cube import map_values
from commissioner_desk.queries.profile import force_profile, profile_forces
from commissioner_desk.queries.register import returns_grid

KENT, F2, F3, F4 = "E23000032", "E23000001", "E23000002", "E23000003"
ROCU = "ROCU-NE"
NRM, CRIMES, INVEST, CHARGES, CONVICT = (
    "nrm_referrals",
    "ms_crimes_recorded",
    "ms_investigations",
    "ms_charges",
    "ms_convictions",
)
V, NIL, SUP = ObservationStatus.VALUE, ObservationStatus.NIL, ObservationStatus.SUPPRESSED
YEAR = ("2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1")  # the pipeline's rolling year

# (force, period, metric) → (status, value); anything not listed is missing.
FIGURES: dict[tuple[str, str, str], tuple[ObservationStatus, int | None]] = {
    (KENT, "2022-Q1", NRM): (V, 40),
    (KENT, "2022-Q2", NRM): (V, 10),
    (KENT, "2022-Q3", NRM): (NIL, None),
    (KENT, "2022-Q4", NRM): (V, 20),
    (KENT, "2023-Q1", NRM): (V, 50),
    (KENT, "2022-Q1", CRIMES): (SUP, None),
    (KENT, "2022-Q2", CRIMES): (V, 5),
    (KENT, "2022-Q3", CRIMES): (NIL, None),
    (KENT, "2022-Q4", CRIMES): (V, 5),
    (KENT, "2023-Q1", CRIMES): (V, 10),
    # investigations: 2022-Q2 missing; charges: 2022-Q2 suppressed; convictions: none at all
    **{(KENT, p, INVEST): (V, 4) for p in YEAR[1:]},
    **{(KENT, p, CHARGES): (V, 1) for p in YEAR[1:]},
    (KENT, "2022-Q2", CHARGES): (SUP, None),
    **{(F2, p, NRM): (V, 100) for p in YEAR},
    **{(F2, p, CRIMES): (V, 50) for p in YEAR},
    (F3, "2023-Q1", NRM): (V, 50),  # ties with Kent on count; referrals incomplete for the year
    **{(F3, p, CRIMES): (V, 10) for p in YEAR},
    (F4, "2022-Q4", NRM): (NIL, None),
    (F4, "2023-Q1", NRM): (NIL, None),
    (ROCU, "2023-Q1", NRM): (V, 7),
}
POPULATIONS = {KENT: 1_000_000, F2: 4_000_000, F3: 250_000}


def _load(db) -> None:
    """FIGURES as one import batch, with known populations (replacing any the seed holds)."""
    with db.session() as s:
        forces = dict(s.execute(select(Force.code, Force.id)).all())
        metrics = dict(s.execute(select(Metric.key, Metric.id)).all())
        periods = ensure_periods(s, [Period.from_key(k) for k in ("2022-Q1", *YEAR)])
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="tester")
        s.add(batch)
        s.flush()
        for (code, period, metric), (status, value) in FIGURES.items():
            s.add(
                Observation(
                    force_id=forces[code],
                    period_id=periods[period],
                    metric_id=metrics[metric],
                    breakdown="",
                    status=status,
                    value=value,
                    batch_id=batch.id,
                )
            )
        s.execute(delete(Population))
        for code, pop in POPULATIONS.items():
            s.add(Population(force_id=forces[code], year=2020, population=pop, source="test"))


def test_unknown_force_and_empty_database(db):
    assert force_profile(db, "NOT-A-FORCE") is None
    p = force_profile(db, KENT, today=date(2023, 5, 1))
    assert p is not None and p.name == "Kent Police" and p.expected and p.compared
    assert not p.has_figures and p.metrics == () and p.pipeline is None and p.flag is None
    # The register is still shown: eight quarters to the latest complete one, all missing.
    assert [r.period for r in p.returns][-1] == "2023-Q1" and len(p.returns) == 8
    assert {r.cell.state for r in p.returns} == {"missing"}


def test_key_figures_change_and_ranks(db):
    _load(db)
    p = force_profile(db, KENT, today=date(2023, 5, 1))
    assert (p.period, p.comparison_period) == ("2023-Q1", "2022-Q1")
    assert (p.population, p.population_year) == (1_000_000, 2020)
    nrm = p.metric(NRM)
    assert (nrm.status, nrm.count, nrm.rate) == ("value", 50, pytest.approx(5.0))
    assert nrm.change == pytest.approx(25.0)  # 50 on 40 a year before
    # Counts: F2 100, Kent 50, F3 50 (a tie shares 2nd); F4's nil is not ranked.
    assert str(nrm.rank_count) == "2 of 3"
    # Rates per 100,000: F3 20, Kent 5, F2 2.5.
    assert (nrm.rank_rate.position, nrm.rank_rate.of) == (2, 3)
    assert (nrm.previous_status, nrm.previous) == ("value", 40)
    crimes = p.metric(CRIMES)
    assert crimes.change is None  # a year before was suppressed: no change to show
    assert (crimes.previous_status, crimes.previous) == ("suppressed", None)
    missing = p.metric("dtn_reports")
    assert missing.status == "missing" and missing.count is None and missing.rank_count is None
    assert [m.metric_key for m in p.metrics][:2] == [NRM, "dtn_reports"]  # catalogue order
    f4 = force_profile(db, F4, today=date(2023, 5, 1)).metric(NRM)
    assert (f4.status, f4.count, f4.rank_count) == ("nil", None, None)


def test_trends_have_gaps_for_missing_and_suppressed_and_zero_for_nil(db):
    _load(db)
    p = force_profile(db, KENT, today=date(2023, 5, 1))
    trend = p.metric(NRM).trend
    assert len(trend) == 12 and trend[0].period == "2020-Q2" and trend[-1].period == "2023-Q1"
    assert [t.value for t in trend] == [None] * 7 + [40, 10, 0, 20, 50]
    assert trend[0].status == "missing" and trend[-3].status == "nil"
    crimes = p.metric(CRIMES).trend
    assert [t.value for t in crimes[-5:]] == [None, 5, 0, 5, 10]
    assert crimes[-5].status == "suppressed"


def test_pipeline_ratios_and_incomplete_stages(db):
    _load(db)
    # The arithmetic on every figure: disclosure control off (its own test is below).
    pipe = force_profile(db, KENT, today=date(2023, 5, 1), disclosure=SuppressionRule(0)).pipeline
    assert pipe.periods == YEAR and pipe.span == "2022-Q2 to 2023-Q1"
    stages = {s.metric_key: s for s in pipe.stages}
    assert [s.metric_key for s in pipe.stages] == [NRM, CRIMES, INVEST, CHARGES, CONVICT]
    nrm, crimes = stages[NRM], stages[CRIMES]
    assert (nrm.total, nrm.quarters, nrm.per_100) == (80, 4, None)  # 10 + nil + 20 + 50
    assert (crimes.total, crimes.per_100) == (20, pytest.approx(25.0))
    # Nationally: referrals complete for Kent (80) and F2 (400); F3 has one quarter only.
    assert (nrm.national_total, nrm.national_forces) == (480, 2)
    # Crimes complete for Kent, F2 and F3 (260); the ratio only over forces complete in both.
    assert (crimes.national_total, crimes.national_forces) == (260, 3)
    assert crimes.national_per_100 == pytest.approx(220 * 100 / 480)
    for key in (INVEST, CHARGES):  # a missing, a suppressed quarter: incomplete, not summed
        st = stages[key]
        assert not st.complete and st.total is None and st.quarters == 3 and st.per_100 is None
    assert (stages[CONVICT].quarters, stages[CONVICT].national_total) == (0, None)


def test_a_body_off_the_map_has_figures_but_no_ranks(db):
    _load(db)
    p = force_profile(db, ROCU, today=date(2023, 5, 1))
    assert not p.compared and not p.expected
    nrm = p.metric(NRM)
    assert (nrm.count, nrm.rank_count, nrm.rank_rate) == (7, None, None)
    # The pipeline's national side is the map's forces: the ROCU is not added in.
    assert p.pipeline.stages[0].national_total == 480
    codes = {f.code for f in profile_forces(db)}
    assert ROCU in codes and "ROCU-NW" not in codes  # figures, or an expected return
    assert KENT in codes and len(codes) == 44  # the 43 expected forces and the ROCU


def test_nil_returns_flag_with_reason(db):
    _load(db)
    p = force_profile(db, F4, today=date(2023, 5, 1))
    assert p.flag is not None and "2 nil returns" in p.flag.reason
    assert "median" in p.rule
    assert force_profile(db, KENT, today=date(2023, 5, 1)).flag is None


def test_returns_history_and_open_actions(db):
    _load(db)
    with db.session() as s:
        forces = dict(s.execute(select(Force.code, Force.id)).all())
        periods = ensure_periods(s, [Period.from_key(k) for k in ("2022-Q4", "2023-Q1")])
        s.add_all(
            [
                ForceReturn(
                    force_id=forces[KENT],
                    period_id=periods["2022-Q4"],
                    state=ReturnState.ACCEPTED,
                    received_at=datetime(2023, 1, 20, 10),
                ),
                ForceReturn(
                    force_id=forces[KENT],
                    period_id=periods["2023-Q1"],
                    state=ReturnState.MISSING,
                    chased_at=datetime(2023, 4, 30, 10),
                    chase_count=2,
                ),
            ]
        )
        org = Organisation(name="Kent PCC", kind=OrganisationKind.PCC_OFFICE)
        s.add(org)
        s.flush()
        for ref, status, due, force in (
            ("NET-1", ActionStatus.ON_HOLD, None, KENT),
            ("NET-2", ActionStatus.OPEN, date(2023, 6, 1), KENT),
            ("NET-3", ActionStatus.IN_PROGRESS, date(2023, 4, 1), KENT),
            ("NET-4", ActionStatus.DONE, date(2023, 3, 1), KENT),
            ("NET-5", ActionStatus.CLOSED, date(2023, 3, 1), KENT),
            ("NET-6", ActionStatus.OPEN, date(2023, 3, 1), F2),
        ):
            s.add(
                ActionItem(
                    reference=ref,
                    title=f"Action {ref}",
                    status=status,
                    due_date=due,
                    force_id=forces[force],
                    owner_organisation_id=org.id,
                )
            )
    p = force_profile(db, KENT, today=date(2023, 5, 1))
    states = {r.period: r.cell.state for r in p.returns}
    assert states["2022-Q4"] == "accepted" and states["2023-Q1"] == "missing"
    assert states["2022-Q3"] == "missing"  # no register row at all: missing, not hidden
    assert p.returns[-1].cell.chase_count == 2 and p.returns[-1].period_label
    assert [a.reference for a in p.actions] == ["NET-3", "NET-2", "NET-1"]  # by due, none last
    assert [a.overdue for a in p.actions] == [True, False, False]
    assert {a.owner for a in p.actions} == {"Kent PCC"}
    assert p.actions[0].status_label == "in progress"


def test_demo_profile_agrees_with_the_map_and_register(db):
    today = date(2016, 6, 1)
    load_demo(db, today=today)
    p = force_profile(db, KENT, today=today)
    assert p.period == "2016-Q1"
    mv = map_values(db, NRM, "2016-Q1", rule=DEFAULT_SUPPRESSION)  # the map as it shows
    kent = mv.force(KENT)
    nrm = p.metric(NRM)
    assert (nrm.count, nrm.change) == (kent.count, kent.change)
    assert nrm.rank_count.position == kent.rank and nrm.rank_count.of == len(mv.values())
    grid = returns_grid(db, last="2016-Q1", today=today)
    assert [r.cell.state for r in p.returns] == [grid.cell(KENT, k).state for k in grid.periods]
    # Open demo actions naming a force show on its profile; done and closed ones do not.
    with db.session() as s:
        rows = s.execute(
            select(Force.code, ActionItem.reference, ActionItem.status).join(
                Force, Force.id == ActionItem.force_id
            )
        ).all()
    opened = [(c, r) for c, r, st in rows if st not in (ActionStatus.DONE, ActionStatus.CLOSED)]
    closed = [(c, r) for c, r, st in rows if st in (ActionStatus.DONE, ActionStatus.CLOSED)]
    assert opened and closed
    for code, ref in opened:
        assert ref in {a.reference for a in force_profile(db, code, today=today).actions}
    for code, ref in closed:
        assert ref not in {a.reference for a in force_profile(db, code, today=today).actions}


def test_demo_low_reporter_is_flagged_with_its_reason(db, geo_dir):
    if geo_dir is None:
        pytest.skip("rates need the population file in ../shared/geo")
    today = date(2016, 6, 1)
    load_demo(db, today=today)
    code = next(iter(LOW_REPORTERS))
    p = force_profile(db, code, today=today)
    assert p.flag is not None and "below 50% of the median" in p.flag.reason
    assert force_profile(db, KENT, today=today).flag is None


def test_counts_hidden_by_disclosure_control_go_with_their_rates_ranks_and_sums(db):
    _load(db)
    rule = SuppressionRule(10)  # hides Kent's and F3's 10 crimes in 2023-Q1 (F2 has 50)
    p = force_profile(db, KENT, today=date(2023, 5, 1), disclosure=rule)
    crimes = p.metric(CRIMES)
    assert (crimes.status, crimes.count, crimes.rate, crimes.change) == (
        "suppressed",
        None,
        None,
        None,
    )
    assert crimes.rank_count is None and crimes.rank_rate is None
    # The year's sum would give the hidden quarter back: the stage is not summed.
    assert {s.metric_key: s for s in p.pipeline.stages}[CRIMES].total is None
    f2 = force_profile(db, F2, today=date(2023, 5, 1), disclosure=rule).metric(CRIMES)
    assert f2.count == 50 and str(f2.rank_count) == "1 of 1"  # hidden forces are not ranked
    # Shown figures are untouched: Kent's 50 referrals.
    assert p.metric(NRM).count == 50
