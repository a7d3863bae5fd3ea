"""Map values on the demo data: missing is never zero, statuses kept, rates, change, ranks."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from commissioner_desk.db.models import Force, Metric, Observation, Period, Population
from commissioner_desk.demo import load_demo
from commissioner_desk.domain.catalogue import BreakdownError
from commissioner_desk.domain.enums import ObservationStatus
from commissioner_desk.domain.population import pick_estimate
from commissioner_desk.queries.map_cube import load_map_cube, map_values
from commissioner_desk.queries.register import returns_grid
from commissioner_desk.queries.summary import database_summary

TODAY = date(2016, 6, 1)  # demo quarters 2014-Q1 to 2016-Q1
LATEST = "2016-Q1"
NRM = "nrm_referrals"
SCOTLAND, PSNI, BTP = "S23000009", "N92000002", "BTP"


def _figures(db, status: ObservationStatus, metrics: tuple[str, ...] = (NRM,)) -> list[tuple]:
    """(period, force code, metric, breakdown) of current observations with the status."""
    with db.session() as s:
        return [
            tuple(row)
            for row in s.execute(
                select(Period.key, Force.code, Metric.key, Observation.breakdown)
                .join(Period, Period.id == Observation.period_id)
                .join(Force, Force.id == Observation.force_id)
                .join(Metric, Metric.id == Observation.metric_id)
                .where(Observation.status == status, Metric.key.in_(metrics))
                .order_by(Period.key, Force.code)
            )
        ]


def _figure(db, code: str, period: str, metric: str = NRM) -> int | None:
    with db.session() as s:
        return s.scalar(
            select(Observation.value)
            .join(Period, Period.id == Observation.period_id)
            .join(Force, Force.id == Observation.force_id)
            .join(Metric, Metric.id == Observation.metric_id)
            .where(
                Force.code == code,
                Period.key == period,
                Metric.key == metric,
                Observation.breakdown == "",
                Observation.is_current.is_(True),
            )
        )


def test_every_force_is_on_the_map_and_missing_returns_are_never_values(db):
    load_demo(db, today=TODAY)
    mv = map_values(db, NRM, LATEST)
    grid = returns_grid(db, last=LATEST, today=TODAY)
    with db.session() as s:
        territorial = set(s.scalars(select(Force.code).where(Force.kind == "territorial")))
    codes = [f.code for f in mv.forces]
    assert set(codes) == territorial | {BTP} and len(codes) == len(set(codes)) == 46

    chased = {f.code for f, _ in grid.chase_list(LATEST)}
    assert chased  # the demo leaves two returns missing in its latest quarter
    for code in chased:
        fv = mv.force(code)
        assert fv is not None and fv.status == "missing"
        assert (fv.count, fv.rate, fv.value, fv.rank) == (None, None, None, None)
    assert mv.reporting == grid.returned_count(LATEST)[0] == 43 - len(chased)
    assert mv.expected == 43 == database_summary(db, today=TODAY).returns_expected
    assert mv.reporting_text == f"{43 - len(chased)} of 43 forces reporting"
    assert mv.period_label == "January to March 2016"
    assert (mv.metric_label, mv.breakdown_label) == ("NRM referrals", "All")


def test_nil_and_suppressed_figures_keep_their_status(db):
    load_demo(db, today=TODAY)
    nil_period, nil_code, *_ = _figures(db, ObservationStatus.NIL)[0]
    for breakdown in ("", "age=child"):  # a nil return covers the breakdowns too
        fv = map_values(db, NRM, nil_period, breakdown=breakdown).force(nil_code)
        assert fv is not None and fv.status == "nil"
        assert (fv.count, fv.value, fv.rank) == (None, None, None)

    period, code, metric, breakdown = _figures(
        db, ObservationStatus.SUPPRESSED, ("ms_convictions", "stro_stpo_orders")
    )[0]
    mv = map_values(db, metric, period, breakdown=breakdown, measure="rate")
    fv = mv.force(code)
    assert fv is not None and fv.status == "suppressed" and fv.value is None
    assert fv.rank is None


def test_rates_use_the_population_and_state_its_year(db, geo_dir):
    if geo_dir is None:
        pytest.skip("rates need the population file in ../shared/geo")
    load_demo(db, today=TODAY)
    mv = map_values(db, NRM, LATEST, measure="rate")
    with db.session() as s:
        pops = {
            code: pop
            for code, pop in s.execute(
                select(Force.code, Population.population).join(
                    Force, Force.id == Population.force_id
                )
            )
        }
        (year,) = set(s.scalars(select(Population.year)))
    valued = [f for f in mv.forces if f.status == "value"]
    assert len(valued) >= 40
    for fv in valued:
        assert fv.rate == pytest.approx(fv.count * 100_000 / pops[fv.code])
        assert fv.value == fv.rate and fv.population_year == year
    assert mv.population_year == year  # the only estimate is later: the earliest is used
    for code in (SCOTLAND, PSNI, BTP):  # no population: "no rate", not a low value
        fv = mv.force(code)
        assert fv is not None and fv.status == "no_rate" and fv.count is not None
        assert (fv.rate, fv.value, fv.rank) == (None, None, None)


def test_change_is_on_the_same_quarter_last_year(db):
    load_demo(db, today=TODAY)
    mv = map_values(db, NRM, LATEST, measure="change")
    assert mv.comparison_period_key == "2015-Q1"
    checked = 0
    for fv in mv.forces:
        now, before = _figure(db, fv.code, LATEST), _figure(db, fv.code, "2015-Q1")
        if fv.status == "value":
            assert fv.change == pytest.approx((now - before) * 100 / before)
            assert fv.value == fv.change
            checked += 1
        elif now is not None:  # this year's figure, but none (or zero) a year before
            assert fv.status == "no_change" and not before and fv.value is None
    assert checked >= 40
    # The first demo year has nothing a year before it.
    first = map_values(db, NRM, "2014-Q1", measure="change")
    assert {f.status for f in first.forces} <= {"no_change", "missing", "nil"}


def test_ranks_run_from_one_over_forces_with_values(db, geo_dir):
    if geo_dir is None:
        pytest.skip("rates need the population file in ../shared/geo")
    load_demo(db, today=TODAY)
    for measure in ("count", "rate", "change"):
        mv = map_values(db, NRM, LATEST, measure=measure)
        ranked = [f for f in mv.forces if f.value is not None]
        assert all(f.status == "value" for f in ranked)
        assert all(f.rank is None for f in mv.forces if f.value is None)
        top = max(ranked, key=lambda f: f.value)
        assert top.rank == 1
        for f in ranked:  # competition ranking: 1 + how many are higher
            assert f.rank == 1 + sum(1 for g in ranked if g.value > f.value)
        assert sorted(mv.values()) == sorted(f.value for f in ranked)


def test_cube_gives_the_same_answer_as_map_values(db):
    load_demo(db, today=TODAY)
    for breakdown in ("", "age=child"):
        cube = load_map_cube(db, NRM, breakdown)
        assert cube.periods[0] == LATEST and cube.periods[-1] == "2014-Q1"
        assert len(cube.periods) == 9
        for period in (LATEST, "2015-Q3", "2014-Q1", "2013-Q4"):
            for measure in ("count", "rate", "change"):
                got = cube.values(period, measure)
                assert got == map_values(db, NRM, period, breakdown=breakdown, measure=measure)
    empty = cube.values("2013-Q4")  # before the data: every force missing
    assert {f.status for f in empty.forces} == {"missing"} and empty.reporting == 0


def test_unknown_metric_breakdown_or_measure_is_refused(db):
    with pytest.raises(ValueError, match="not a metric"):
        map_values(db, "arrests", LATEST)
    with pytest.raises(BreakdownError):
        map_values(db, "staff_trained", LATEST, breakdown="age=child")
    with pytest.raises(ValueError, match="measure"):
        load_map_cube(db, NRM).values(LATEST, "share")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        map_values(db, NRM, "Q1 2016")


def test_population_rule_latest_not_after_the_year_else_earliest():
    estimates = ((2020, 100), (2022, 120), (2024, 150))
    assert pick_estimate(estimates, 2023) == (120, 2022)
    assert pick_estimate(estimates, 2024) == (150, 2024)
    assert pick_estimate(estimates, 2030) == (150, 2024)
    assert pick_estimate(estimates, 2014) == (100, 2020)
    assert pick_estimate((), 2020) is None
