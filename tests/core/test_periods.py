"""Reporting periods: keys, labels, arithmetic and lenient parsing."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioner_desk.domain.periods import (
    Period,
    PeriodKind,
    PeriodParseError,
    latest_complete_quarter,
    parse_period,
    quarter_range,
)

Q = Period.quarter_of
CY = Period.calendar_year
FY = Period.financial_year

years = st.integers(min_value=1900, max_value=2200)
quarters = st.builds(Period.quarter_of, years, st.integers(min_value=1, max_value=4))
periods = st.one_of(quarters, st.builds(CY, years), st.builds(FY, years))


# --- properties -------------------------------------------------------------------------------


@given(periods)
def test_key_round_trips(period):
    assert Period.from_key(period.key) == period
    assert Period.from_key(period.key).key == period.key


@given(periods)
def test_parse_reads_back_key_and_label(period):
    assert parse_period(period.key) == period
    assert parse_period(period.label) == period
    assert parse_period(f"  {period.label.upper()} ") == period


@given(periods)
def test_quarters_tile_the_period(period):
    parts = period.quarters()
    assert parts[0].start == period.start
    assert parts[-1].end == period.end
    for before, after in pairwise(parts):
        assert after.start == before.end + timedelta(days=1)
    assert all(p.kind is PeriodKind.QUARTER for p in parts)


@given(years)
def test_financial_year_is_four_consecutive_quarters_from_april(year):
    parts = FY(year).quarters()
    assert [p.key for p in parts] == [f"{year}-Q2", f"{year}-Q3", f"{year}-Q4", f"{year + 1}-Q1"]
    assert parts[0].start == date(year, 4, 1)
    assert [p.next() for p in parts[:-1]] == parts[1:]


@given(quarters)
def test_next_and_previous_are_inverse_and_ordered(period):
    assert period.next().previous() == period
    assert period.previous() < period < period.next()
    assert period.next().start == period.end + timedelta(days=1)


@given(periods)
def test_same_period_last_year(period):
    last = period.same_period_last_year()
    assert last.kind is period.kind
    assert last.start == period.start.replace(year=period.start.year - 1)


@given(st.lists(periods, min_size=2))
def test_sorting_is_chronological_by_start(items):
    starts = [p.start for p in sorted(items)]
    assert starts == sorted(starts)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 12, 31)))
def test_latest_complete_quarter_ended_before_today(today):
    quarter = latest_complete_quarter(today)
    assert quarter.end < today
    assert quarter.next().end >= today


# --- examples ---------------------------------------------------------------------------------


def test_keys_labels_and_bounds():
    assert Q(2023, 4).key == "2023-Q4"
    assert Q(2023, 4).label == "October to December 2023"
    assert Q(2024, 1).end == date(2024, 3, 31)
    assert Q(2024, 2).end == date(2024, 6, 30)
    assert CY(2023).key == "2023"
    assert CY(2023).label == "2023"
    assert FY(2023).key == "2023/24"
    assert FY(1999).key == "1999/00"
    assert FY(2023).label == "2023/24 (April 2023 to March 2024)"
    assert (FY(2023).start, FY(2023).end) == (date(2023, 4, 1), date(2024, 3, 31))
    assert str(Q(2023, 1)) == "2023-Q1"


def test_navigation():
    assert Q(2023, 4).next() == Q(2024, 1)
    assert Q(2024, 1).previous() == Q(2023, 4)
    assert Q(2024, 1).same_period_last_year() == Q(2023, 1)
    assert FY(2023).same_period_last_year() == FY(2022)
    assert CY(2023).next() == CY(2024)


def test_constructor_checks_consistency():
    with pytest.raises(ValueError):
        Period(date(2023, 2, 1), PeriodKind.QUARTER, 2023, 1)
    with pytest.raises(ValueError):
        Q(2023, 5)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 28), "2026-Q3"),
        (date(2026, 10, 1), "2026-Q3"),
        (date(2026, 9, 30), "2026-Q2"),
        (date(2026, 1, 1), "2025-Q4"),
    ],
)
def test_latest_complete_quarter(today, expected):
    assert latest_complete_quarter(today).key == expected


def test_quarter_range():
    assert [p.key for p in quarter_range(Q(2022, 4), Q(2023, 2))] == [
        "2022-Q4",
        "2023-Q1",
        "2023-Q2",
    ]
    assert quarter_range(Q(2023, 1), Q(2023, 1)) == [Q(2023, 1)]
    assert quarter_range(FY(2022), FY(2022)) == FY(2022).quarters()
    with pytest.raises(ValueError):
        quarter_range(Q(2023, 2), Q(2023, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-Q4", Q(2023, 4)),
        ("Q1 2023", Q(2023, 1)),
        ("2023 Q1", Q(2023, 1)),
        ("q2-2023", Q(2023, 2)),
        ("Quarter 3 2023", Q(2023, 3)),
        ("October to December 2023", Q(2023, 4)),
        ("Oct-Dec 2023", Q(2023, 4)),
        ("Oct. – Dec. 2023", Q(2023, 4)),
        ("Jan - Mar 2023", Q(2023, 1)),
        ("Jul–Sep 2023 [note 4]", Q(2023, 3)),
        ("January 2023 to March 2023", Q(2023, 1)),
        ("quarter ending June 2023", Q(2023, 2)),
        ("Apr 2022 to Mar 2023", FY(2022)),
        ("April 2022 - March 2023", FY(2022)),
        ("April to March 2023", FY(2022)),
        ("Jan 2023 to Dec 2023", CY(2023)),
        ("January to December 2023", CY(2023)),
        ("2022/23", FY(2022)),
        ("2022-23", FY(2022)),
        ("2022/2023", FY(2022)),
        ("1999/00", FY(1999)),
        ("FY 2022/23", FY(2022)),
        ("FY22/23", FY(2022)),
        ("Financial year 2022 to 2023", FY(2022)),
        ("financial year ending March 2023", FY(2022)),
        ("FYE 2023", FY(2022)),
        ("year ending March 2023", FY(2022)),
        ("Year ending Mar 2023", FY(2022)),
        ("year ending December 2023", CY(2023)),
        ("2023", CY(2023)),
        ("Calendar year 2023", CY(2023)),
        ("2023*", CY(2023)),
    ],
)
def test_parse_period_accepts_what_spreadsheets_say(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Feb to Apr 2023", "not a calendar quarter"),
        ("Nov 2022 to Jan 2023", "not a calendar quarter"),
        ("Q1 2023/24", "quarter of a financial year"),
        ("2022/24", "not a financial year"),
        ("2022 to 2023", "not a period the app understands"),
        ("March 2023", "not a period the app understands"),
        ("calendar year ending March 2023", "not a year the app can use"),
        ("12 months to May 2024", "not a year the app can use"),
        ("financial year ending December 2023", "not a year the app can use"),
        ("quarter ending May 2023", "does not end with a calendar quarter"),
        ("Q5 2023", "not a period the app understands"),
        ("Total", "not a period the app understands"),
        ("", "blank"),
        ("2023/24 (April 2022 to March 2023)", "contradicts itself"),
    ],
)
def test_parse_period_rejects_with_a_reason(text, message):
    with pytest.raises(PeriodParseError, match=message) as info:
        parse_period(text)
    if text:
        assert f'"{text}"' in str(info.value)


def test_parse_error_lists_accepted_forms():
    with pytest.raises(PeriodParseError) as info:
        parse_period("whenever")
    for example in ('"2023-Q4"', '"Q4 2023"', '"2023/24"', '"April 2023 to March 2024"'):
        assert example in str(info.value)


@pytest.mark.parametrize("key", ["2023-q4", "Q4 2023", "2023/25", "23/24", "2023-Q5", " 2023"])
def test_from_key_is_strict(key):
    with pytest.raises(PeriodParseError):
        Period.from_key(key)


@pytest.mark.parametrize(
    ("text", "key", "first_quarter"),
    [
        ("year ending June 2023", "YE2023-06", "2022-Q3"),
        ("12 months to June 2024", "YE2024-06", "2023-Q3"),
        ("Year ending Sep 2023", "YE2023-09", "2022-Q4"),
        ("July 2023 to June 2024", "YE2024-06", "2023-Q3"),
        ("12 months ending December 2023", "2023", "2023-Q1"),
        ("year ending March 2019", "2018/19", "2018-Q2"),
    ],
)
def test_rolling_years_ending_in_june_or_september(text, key, first_quarter):
    period = parse_period(text)
    assert period.key == key and period.quarters()[0].key == first_quarter
    assert len(period.quarters()) == 4 and period.quarters()[-1].end == period.end
    assert Period.from_key(key) == period and parse_period(period.label) == period
    assert period.same_period_last_year().end.year == period.end.year - 1


def test_a_rolling_year_is_labelled_as_ons_writes_it():
    period = Period.year_ending(2024, 6)
    assert period.label == "year ending June 2024"
    assert (period.start, period.end) == (date(2023, 7, 1), date(2024, 6, 30))
    with pytest.raises(ValueError):
        Period.year_ending(2024, 5)
