"""Trend series: national totals, forces compared, stacks, years, rolling sums, change, gaps."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from sqlalchemy import select

from commissioner_desk.db.models import Force, ImportBatch, Metric, Observation, Population
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.demo import load_demo
from commissioner_desk.domain.enums import BatchKind, ObservationStatus
from commissioner_desk.domain.periods import Period
from commissioner_desk.queries.map_cube import load_map_cube
from commissioner_desk.queries.series import (
    ChartError,
    ChartRequest,
    chart_data,
    load_series,
)
from commissioner_desk.stats import series_math as sm

NRM = "nrm_referrals"
KENT, ESSEX, SURREY = "E23000032", "E23000028", "E23000031"


def put(db, figures: list[tuple[str, str, object, str]], metric: str = NRM) -> None:
    """Store current figures: (force code, period key, value or status word, breakdown)."""
    with db.session() as s:
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="test")
        s.add(batch)
        s.flush()
        ids = ensure_periods(s, sorted({Period.from_key(p) for _, p, _, _ in figures}))
        forces = dict(s.execute(select(Force.code, Force.id)).all())
        metric_id = s.scalar(select(Metric.id).where(Metric.key == metric))
        for code, period, value, breakdown in figures:
            status = ObservationStatus.VALUE if isinstance(value, int) else ObservationStatus(value)
            s.add(
                Observation(
                    force_id=forces[code],
                    period_id=ids[period],
                    metric_id=metric_id,
                    breakdown=breakdown,
                    status=status,
                    value=value if isinstance(value, int) else None,
                    batch_id=batch.id,
                )
            )


def set_population(db, code: str, year: int, people: int) -> None:
    with db.session() as s:
        fid = s.scalar(select(Force.id).where(Force.code == code))
        for row in s.scalars(select(Population).where(Population.force_id == fid)):
            s.delete(row)
        s.add(Population(force_id=fid, year=year, population=people, source="test"))


def quarters(first: str, n: int) -> list[str]:
    p = Period.from_key(first)
    out = []
    for _ in range(n):
        out.append(p.key)
        p = p.next()
    return out


def series_of(data, key: str) -> tuple:
    return next(s for s in data.series if s.key == key)


def test_national_total_adds_forces_and_counts_them(db):
    put(db, [(KENT, "2023-Q1", 10, ""), (ESSEX, "2023-Q1", 5, ""), (KENT, "2023-Q2", 7, "")])
    put(db, [(SURREY, "2023-Q2", "nil", ""), (SURREY, "2023-Q1", "suppressed", "")])
    data = chart_data(db, ChartRequest(NRM))
    national = data.series[0]
    assert data.periods == ("2023-Q1", "2023-Q2")
    assert national.values == (15.0, 7.0)
    assert national.reporting == (2, 2)  # Surrey's nil counts in Q2; suppressed never counts
    assert national.point_note(0) == "2 forces counted"
    # The per-force path agrees with the database's own sum.
    assert load_series(db, NRM).chart(ChartRequest(NRM)).series == data.series


def test_a_quarter_nobody_returned_is_a_gap_not_zero(db):
    put(db, [(KENT, "2023-Q1", 10, ""), (KENT, "2023-Q3", 4, "")])
    for data in (
        chart_data(db, ChartRequest(NRM)),
        chart_data(db, ChartRequest(NRM, forces=(KENT,))),
    ):
        s = data.series[0]
        assert data.periods == ("2023-Q1", "2023-Q2", "2023-Q3")
        assert s.values == (10.0, None, 4.0)
        assert s.statuses[1] == "missing"


def test_forces_compared_keep_their_own_gaps_and_statuses(db):
    put(
        db,
        [
            (KENT, "2023-Q1", 10, ""),
            (KENT, "2023-Q2", "suppressed", ""),
            (ESSEX, "2023-Q1", "nil", ""),
            (ESSEX, "2023-Q2", 3, ""),
        ],
    )
    data = chart_data(db, ChartRequest(NRM, forces=(ESSEX, KENT), include_national=True))
    assert [s.key for s in data.series] == [ESSEX, KENT, "national"]
    assert series_of(data, KENT).values == (10.0, None)
    assert series_of(data, KENT).statuses == ("value", "suppressed")
    assert series_of(data, ESSEX).values == (0.0, 3.0)  # nil is a real nought
    assert series_of(data, ESSEX).statuses == ("nil", "value")
    assert series_of(data, "national").values == (10.0, 3.0)


def test_rates_use_the_population_estimate(db):
    set_population(db, KENT, 2023, 2_000_000)
    put(db, [(KENT, "2023-Q1", 50, "")])
    data = chart_data(db, ChartRequest(NRM, forces=(KENT,), measure="rate"))
    assert data.series[0].values == (pytest.approx(2.5),)
    assert data.y_label.startswith("Rate per 100,000")


def test_rolling_four_quarter_sums_need_all_four(db):
    keys = quarters("2022-Q1", 6)
    values = [1, 2, 3, 4, 5, 6]
    put(db, [(KENT, k, v, "") for k, v in zip(keys, values, strict=True) if k != "2022-Q2"])
    data = chart_data(db, ChartRequest(NRM, forces=(KENT,), rolling=True))
    s = data.series[0]
    # 2022-Q4's window (Q1–Q4) lacks Q2; 2023-Q1's lacks Q2; 2023-Q2's is Q3..Q2 = 3+4+5+6.
    assert dict(zip(data.periods, s.values, strict=True))["2023-Q2"] == 18.0
    assert dict(zip(data.periods, s.values, strict=True))["2023-Q1"] is None
    assert dict(zip(data.periods, s.statuses, strict=True))["2023-Q1"] == "incomplete"


def test_change_on_a_year_before_compares_the_same_forces(db):
    put(
        db,
        [
            (KENT, "2022-Q1", 10, ""),
            (KENT, "2023-Q1", 15, ""),
            (ESSEX, "2023-Q1", 100, ""),  # no figure a year before: not growth
        ],
    )
    data = chart_data(db, ChartRequest(NRM, change=True, first="2023-Q1"))
    national = data.series[0]
    assert data.periods[0] == "2023-Q1"
    assert national.values[0] == pytest.approx(50.0)
    assert national.reporting[0] == 1
    essex = chart_data(db, ChartRequest(NRM, forces=(ESSEX,), change=True, first="2023-Q1"))
    assert essex.series[0].values[0] is None
    assert essex.series[0].statuses[0] == "no figure a year before"


def test_years_sum_whole_quarters_and_prefer_a_returned_year(db):
    put(db, [(KENT, k, 1, "") for k in quarters("2022-Q1", 7)])  # 2022 whole, 2023 three
    put(db, [(ESSEX, "2023", 40, "")])  # an annual return
    put(db, [(ESSEX, k, 2, "") for k in quarters("2023-Q1", 4)])  # its quarters disagree
    cal = chart_data(db, ChartRequest(NRM, forces=(KENT, ESSEX), granularity="calendar_year"))
    assert cal.periods == ("2022", "2023")
    assert series_of(cal, KENT).values == (4.0, None)
    assert series_of(cal, KENT).statuses[1] == "incomplete"
    assert series_of(cal, ESSEX).values == (None, 40.0)
    fy = chart_data(db, ChartRequest(NRM, forces=(KENT,), granularity="financial_year"))
    # 2021/22 and 2023/24 are only partly inside the figures and are left off.
    assert fy.periods == ("2022/23",)
    assert fy.series[0].values == (4.0,)


def test_stacks_one_series_per_breakdown_value(db):
    put(
        db,
        [
            (KENT, "2023-Q1", 6, "age=adult"),
            (KENT, "2023-Q1", 4, "age=child"),
            (ESSEX, "2023-Q1", 1, "age=child"),
            (KENT, "2023-Q1", 10, ""),
        ],
    )
    data = chart_data(db, ChartRequest(NRM, stack_by="age"))
    assert data.stacked
    assert [(s.key, s.values) for s in data.series] == [("adult", (6.0,)), ("child", (5.0,))]
    one = chart_data(db, ChartRequest(NRM, stack_by="age", forces=(ESSEX,)))
    assert [(s.key, s.values) for s in one.series] == [("child", (1.0,))]


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (ChartRequest("no_such_metric"), "not a metric"),
        (ChartRequest(NRM, forces=tuple(f"F{i}" for i in range(9))), "at most 8"),
        (ChartRequest(NRM, granularity="calendar_year", rolling=True), "quarterly"),
        (ChartRequest("staff_trained", stack_by="age"), "cannot be broken down"),
        (ChartRequest(NRM, stack_by="age", breakdown="age=child"), "already limited"),
        (ChartRequest(NRM, stack_by="age", forces=(KENT, ESSEX)), "not a comparison"),
        (ChartRequest(NRM, forces=("NOPE",)), "No force has the code NOPE"),
        (ChartRequest(NRM, first="2024-Q1", last="2023-Q1"), "before it starts"),
    ],
)
def test_impossible_charts_say_why(db, request_, words):
    put(db, [(KENT, "2023-Q1", 1, "")])
    with pytest.raises(ChartError, match=words):
        chart_data(db, request_)


def test_empty_database_gives_an_empty_chart(db):
    data = chart_data(db, ChartRequest(NRM))
    assert data.is_empty and data.periods == ()
    assert chart_data(db, ChartRequest(NRM, forces=(KENT,), measure="rate")).is_empty


def test_table_shows_reasons_in_place_of_missing_numbers(db):
    put(db, [(KENT, "2023-Q1", 10, ""), (KENT, "2023-Q2", "suppressed", "")])
    table = chart_data(db, ChartRequest(NRM, forces=(KENT,))).table()
    assert table[0] == ["Period", "Starts", "Kent Police"]
    assert table[1] == ["2023-Q1", "2023-01-01", 10]
    assert table[2] == ["2023-Q2", "2023-04-01", "suppressed"]


def test_demo_national_series_matches_the_map_figures(db):
    load_demo(db, today=date(2016, 6, 1))
    data = chart_data(db, ChartRequest(NRM))
    cube = load_map_cube(db, NRM)
    for key, value in zip(data.periods, data.series[0].values, strict=True):
        counts = [f.count for f in cube.values(key).forces if f.count is not None]
        assert value == (sum(counts) if counts else None)


def test_series_math_keeps_gaps():
    m = np.array([[1.0, np.nan, 3.0, 4.0, 5.0], [1.0, 1.0, 1.0, 1.0, 1.0]])
    rolled = sm.rolling_sum(m)
    assert np.isnan(rolled[0]).all()
    assert list(rolled[1][3:]) == [4.0, 4.0]
    total = sm.total(m)
    assert list(total.values) == [2.0, 1.0, 4.0, 5.0, 6.0]
    assert list(total.reporting) == [2, 1, 2, 2, 2]
    change = sm.change_on(np.array([[0.0, 2.0, 3.0, np.nan]]), 1)
    assert np.isnan(change[0, 1])  # from nothing: no percentage
    assert change[0, 2] == pytest.approx(50.0) and np.isnan(change[0, 3])


def test_without_a_start_the_chart_begins_where_change_and_rolling_sums_can_be_worked_out(db):
    put(db, [(KENT, k, 1, "") for k in quarters("2021-Q1", 12)])
    change = chart_data(db, ChartRequest(NRM, forces=(KENT,), change=True))
    assert change.periods[0] == "2022-Q1" and change.series[0].values[0] == 0.0
    rolling = chart_data(db, ChartRequest(NRM, forces=(KENT,), rolling=True))
    assert rolling.periods[0] == "2021-Q4" and rolling.series[0].values[0] == 4.0
    years = chart_data(db, ChartRequest(NRM, granularity="calendar_year", change=True))
    assert years.periods == ("2022", "2023") and "% change" in years.title
