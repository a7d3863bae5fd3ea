"""The low-reporting flag: the demo's three persistent low reporters are flagged, with the
reason; a missing return is never taken as low; nil returns count."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.demo import LOW_REPORTERS, load_demo
from commissioner_desk.queries.map_cube import load_map_cube
from commissioner_desk.stats.low_reporting import LowReportingRule, low_reporting_flags

FIRST_LOW = next(iter(LOW_REPORTERS))  # force code → its share of the usual rate


@pytest.fixture
def cube(sqlite_db, geo_dir):
    if geo_dir is None:
        pytest.skip("rates need ../shared/geo populations")
    load_demo(sqlite_db, today=date(2016, 6, 1))
    return load_map_cube(sqlite_db, "nrm_referrals")


def test_persistent_low_reporters_are_flagged_with_their_reason(cube):
    flags = {f.code: f for f in low_reporting_flags(cube, "2016-Q1")}
    assert set(LOW_REPORTERS) <= set(flags)
    flag = flags[FIRST_LOW]
    assert "below 50% of the median" in flag.reason and "2015-Q2 to 2016-Q1" in flag.reason
    assert all(r is not None and r < 0.5 * m for r, m in zip(flag.rates, flag.medians, strict=True))
    # Nobody else is below half the median four quarters running.
    rate_flags = {c for c, f in flags.items() if "median" in f.reason}
    assert rate_flags == set(LOW_REPORTERS)


def test_a_stricter_rule_flags_fewer_and_a_looser_one_more(cube):
    strict = low_reporting_flags(cube, "2016-Q1", LowReportingRule(fraction=0.1))
    loose = low_reporting_flags(cube, "2016-Q1", LowReportingRule(fraction=0.8))
    assert len(strict) < len(LOW_REPORTERS) < len(loose)


def test_missing_is_not_low_and_the_rule_must_match_the_figures(sqlite_db, cube):
    # Take one low reporter's return out for a quarter: no longer flagged on rates.
    from sqlalchemy import delete, select

    from commissioner_desk.db.models import Force, Observation, Period

    with sqlite_db.session() as s:
        force_id = s.scalar(select(Force.id).where(Force.code == FIRST_LOW))
        period_id = s.scalar(select(Period.id).where(Period.key == "2015-Q4"))
        s.execute(
            delete(Observation).where(
                Observation.force_id == force_id, Observation.period_id == period_id
            )
        )
    fresh = load_map_cube(sqlite_db, "nrm_referrals")
    codes = {f.code for f in low_reporting_flags(fresh, "2016-Q1") if "median" in f.reason}
    assert FIRST_LOW not in codes
    with pytest.raises(ValueError, match="nrm_referrals"):
        low_reporting_flags(load_map_cube(sqlite_db, "dtn_reports"), "2016-Q1")


def test_tiny_areas_are_not_judged_on_rates(cube):
    city = "E23000034"  # about 15,000 residents: a few referrals swing its rate wildly
    default = {f.code for f in low_reporting_flags(cube, "2016-Q1")}
    judged = low_reporting_flags(cube, "2016-Q1", LowReportingRule(min_population=0))
    assert city not in default
    assert city in {f.code for f in judged}  # in this demo it is low on rates when judged
    assert "100,000 people or more" in LowReportingRule().describe()
