"""Figures that are not whole numbers (issue 15), on SQLite and PostgreSQL: officers as FTE and
percentages committed, read back exactly by every query, never hidden by disclosure control,
and a percentage never added up; counts still come back as ints."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from commissioner_desk.db.models import Observation
from commissioner_desk.db.user_metrics import add_metric
from commissioner_desk.importing import ImportRefused, commit_plan
from commissioner_desk.importing.checks.history_checks import check_against_history
from commissioner_desk.importing.commit.diff import diff_plan
from commissioner_desk.published.disclosure import SuppressionRule
from commissioner_desk.published.table_views import load_views
from commissioner_desk.queries.figures import list_figures
from commissioner_desk.queries.map_cube import load_map_cube, map_values
from commissioner_desk.queries.series import ChartError, ChartRequest, chart_data, load_series

from .figure_plans import DEVON, FTE, KENT, MET, SHARE, add_context_metrics, plan_of

RULE = SuppressionRule(threshold=5)  # hides counts from 1 to 5
FIGURES = [
    (KENT, "2024-Q1", FTE, 3456.78),
    (MET, "2024-Q1", FTE, 1.5),  # "small", were it a count
    (DEVON, "2024-Q1", FTE, 3000.0),
    (KENT, "2024-Q2", FTE, 3460.1234),
    (MET, "2024-Q2", FTE, 2.25),
    (DEVON, "2024-Q2", FTE, 3001),
]


@pytest.fixture
def fte_db(db, tmp_path):
    add_context_metrics(db)
    commit_plan(db, plan_of(tmp_path / "workforce.xlsx", FIGURES))
    return db


def test_decimals_round_trip_exactly_and_whole_ones_come_back_as_ints(fte_db, geo_dir):
    with fte_db.session() as s:
        values = list(s.scalars(select(Observation.value).order_by(Observation.id)))
    assert values == [3456.78, 1.5, 3000, 3460.1234, 2.25, 3001]
    assert [type(v) for v in values] == [float, float, int, float, float, int]
    rows = {r.force_code: r for r in list_figures(fte_db, FTE, "2024-Q1", rule=RULE)}
    assert rows[KENT].value == 3456.78 and rows[KENT].unit == "decimal"
    assert not any(r.hidden for r in rows.values())  # 1.5 officers identifies no one
    assert rows[MET].value == 1.5
    if geo_dir is not None:  # rates need the population file in ../shared/geo
        assert rows[MET].rate_per_100k is not None


def test_the_map_shows_decimals_without_disclosure_control(fte_db, geo_dir):
    assert load_views(fte_db, FTE, RULE) == {}
    values = map_values(fte_db, FTE, "2024-Q1", rule=RULE)
    assert values.unit == "decimal"
    met = values.force(MET)
    assert (met.status, met.count) == ("value", 1.5)
    assert values.force(KENT).count == 3456.78
    if geo_dir is None:
        pytest.skip("rates need the population file in ../shared/geo")
    rates = map_values(fte_db, FTE, "2024-Q1", measure="rate", rule=RULE)
    [kent] = [r for r in list_figures(fte_db, FTE, "2024-Q1") if r.force_code == KENT]
    assert rates.force(KENT).rate == pytest.approx(kent.rate_per_100k)  # officers per 100,000
    assert 100 < kent.rate_per_100k < 300


def test_national_totals_of_a_decimal_are_sums_of_the_forces(fte_db):
    data = chart_data(fte_db, ChartRequest(FTE), RULE)
    assert data.unit == "decimal" and data.y_label == "Value"
    assert data.series[0].values == pytest.approx((6458.28, 6463.3734))
    assert data.series[0].statuses == ("value", "value")
    general = load_series(fte_db, FTE).chart(ChartRequest(FTE), RULE)
    assert general.series[0].values == pytest.approx(data.series[0].values)
    forces = chart_data(fte_db, ChartRequest(FTE, forces=(MET,)), RULE)
    assert forces.series[0].values == (1.5, 2.25)  # never a gap for a "small" decimal
    assert forces.table()[1][-1] == 1.5  # the CSV keeps the places


def test_reimporting_the_same_decimals_changes_nothing(fte_db, tmp_path):
    again = plan_of(tmp_path / "again.xlsx", FIGURES, sha="cd" * 32)
    assert commit_plan(fte_db, again).status == "unchanged"
    longer = plan_of(tmp_path / "long.xlsx", [(KENT, "2024-Q2", FTE, 3460.12341)], sha="ef" * 32)
    assert diff_plan(fte_db, longer).figures[0].kind == "unchanged"  # the same to four places
    changed = plan_of(tmp_path / "c.xlsx", [(KENT, "2024-Q2", FTE, 3461.5)], sha="01" * 32)
    diff = diff_plan(fte_db, changed).figures[0]
    assert (diff.kind, diff.old_value, diff.new.value) == ("changed", 3460.1234, 3461.5)
    assert diff.to_json()["old"]["value"] == 3460.1234


@pytest.mark.parametrize(
    ("metric", "value", "words"),
    [
        ("nrm_referrals", 12.5, "not a whole number"),
        (FTE, -3.5, "below nought"),
        (SHARE, 104.2, "above 100"),
    ],
)
def test_a_value_its_unit_does_not_allow_refuses_the_import(db, tmp_path, metric, value, words):
    add_context_metrics(db)
    plan = plan_of(
        tmp_path / "bad.xlsx", [(KENT, "2024-Q1", FTE, 10.5), (MET, "2024-Q1", metric, value)]
    )
    with pytest.raises(ImportRefused) as caught:
        commit_plan(db, plan)
    [problem] = caught.value.plan.errors
    assert (problem.sheet, problem.cell) == ("Table 1", "C6") and words in problem.message
    with db.session() as s:
        assert s.scalar(select(Observation.id)) is None  # nothing stored


def test_a_percentage_is_charted_for_forces_only_and_never_added_up(db, tmp_path):
    add_context_metrics(db)
    rows = [
        (KENT, "2024-Q1", SHARE, 12.5),
        (MET, "2024-Q1", SHARE, 40),
        (KENT, "2024-Q2", SHARE, 13.25),
    ]
    commit_plan(db, plan_of(tmp_path / "share.xlsx", rows))
    with pytest.raises(ChartError, match="not added up, so there is no all-forces line"):
        chart_data(db, ChartRequest(SHARE), RULE)
    with pytest.raises(ChartError, match="no all-forces line"):
        chart_data(db, ChartRequest(SHARE, forces=(KENT,), include_national=True))
    for asked, words in (
        ({"measure": "rate"}, "not as a rate per 100,000"),
        ({"change": True}, "not as a % change"),
        ({"rolling": True}, "not as rolling four-quarter sums"),
    ):
        with pytest.raises(ChartError, match=words):
            chart_data(db, ChartRequest(SHARE, forces=(KENT,), **asked))
    data = chart_data(db, ChartRequest(SHARE, forces=(KENT, MET)), RULE)
    assert [s.values for s in data.series] == [(12.5, 13.25), (40.0, None)]
    assert data.y_label == "Per cent"
    # A year is never four quarters of a percentage added up.
    years = chart_data(db, ChartRequest(SHARE, forces=(KENT,), granularity="calendar_year"))
    assert all(v is None for s in years.series for v in s.values)


def test_a_percentage_is_mapped_as_it_is(db, tmp_path):
    add_context_metrics(db)
    commit_plan(db, plan_of(tmp_path / "share.xlsx", [(KENT, "2024-Q1", SHARE, 12.5)]))
    values = map_values(db, SHARE, "2024-Q1", rule=RULE)
    assert values.force(KENT).count == 12.5 and values.force(KENT).rate is None
    for measure in ("rate", "change"):
        with pytest.raises(ValueError, match="is a percentage: it is mapped as it is"):
            map_values(db, SHARE, "2024-Q1", measure=measure)
        with pytest.raises(ValueError, match="percentage"):
            load_map_cube(db, SHARE).values("2024-Q1", measure)


def test_history_checks_take_decimals_and_leave_percentages_alone(fte_db, tmp_path):
    add_metric(fte_db, "share_two", "Another share", "percent")
    rows = [(KENT, p, SHARE, 2.0) for p in ("2023-Q2", "2023-Q3", "2023-Q4")]
    rows += [(KENT, p, FTE, v) for p, v in (("2023-Q3", 300.5), ("2023-Q4", 301.25))]
    commit_plan(fte_db, plan_of(tmp_path / "past.xlsx", rows, sha="99" * 32))
    new = plan_of(
        tmp_path / "new.xlsx",
        [(KENT, "2024-Q1", SHARE, 95.0), (KENT, "2024-Q1", FTE, 3456.78)],
        sha="98" * 32,
    )
    # The figures of this file are already held: check the jump against 2023 instead.
    checked = check_against_history(fte_db, new)
    [warning] = checked.warnings
    assert warning.cell == "C6"  # the FTE, not the percentage
    assert "3,456.78 is far above its last 2 quarters (median 300.88)" in warning.message


def test_counts_still_come_back_as_ints_on_every_path(db, tmp_path):
    rows = [(KENT, "2024-Q1", "nrm_referrals", 40), (MET, "2024-Q1", "nrm_referrals", 60)]
    commit_plan(db, plan_of(tmp_path / "nrm.xlsx", rows))
    with db.session() as s:
        assert {type(v) for v in s.scalars(select(Observation.value))} == {int}
    values = map_values(db, "nrm_referrals", "2024-Q1")
    assert type(values.force(KENT).count) is int
    data = chart_data(db, ChartRequest("nrm_referrals"))
    assert data.series[0].values == (100.0,) and data.table()[1][2] == 100
