"""Period parsing under hypothesis (issue 9): any text gives a period or a PeriodParseError, never
another exception; every period's key and label, dressed as spreadsheets dress them, read back
to the same period; quarter arithmetic agrees with the calendar.

tests/core/test_periods.py holds the examples and the first round-trip properties; these go
wider: the whole range of four-digit years, and text built from the words periods are made of.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from commissioner_desk.domain.periods import (
    MONTH_NAMES,
    Period,
    PeriodKind,
    PeriodParseError,
    latest_complete_quarter,
    parse_period,
    quarter_range,
)

# Keys and labels write the year with four digits; year 9999 has no following year for FY.
years = st.integers(min_value=1000, max_value=9998)
quarters = st.builds(Period.quarter_of, years, st.integers(min_value=1, max_value=4))
periods = st.one_of(
    quarters, st.builds(Period.calendar_year, years), st.builds(Period.financial_year, years)
)
# The pieces period text is made of, so generated text reaches every branch of the parser.
_WORDS = [
    *MONTH_NAMES[1:],
    *(m[:3] for m in MONTH_NAMES[1:]),
    *("to", "-", "–", "/", "q", "Q4", "quarter", "qtr", "fy", "financial year", "year"),
    *("ending", "ended", "ye", "fye", "calendar", "12 months", "(", ")", "[note 3]", ",", "."),
    *("0000", "0001", "0999", "1999", "2023", "2024", "9999", "23", "24", "00", "99", "7"),
]
period_text = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=7).map(" ".join)


def _parses_or_refuses(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodParseError as exc:
        assert str(exc)  # a message for the person who typed it
    else:
        assert isinstance(period, Period)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_a_period_or_a_period_error(text):
    _parses_or_refuses(text)


@settings(max_examples=500, deadline=None)
@given(period_text)
@example("0000")
@example("Q1 0000")
@example("April to March 0000")
def test_text_made_of_period_words_is_a_period_or_a_period_error(text):
    _parses_or_refuses(text)


@settings(max_examples=300, deadline=None)
@given(period_text.filter(lambda t: "0000" not in t))
def test_period_words_with_real_years_are_a_period_or_a_period_error(text):
    _parses_or_refuses(text)


def _dressed(text: str, data: st.DataObject) -> str:
    """`text` as a spreadsheet may write it: any case, spaces around, a note marker."""
    text = "".join(ch.upper() if data.draw(st.booleans()) else ch.lower() for ch in text)
    before = data.draw(st.sampled_from(["", " ", "  ", "\t", "\u00a0"]))
    after = data.draw(st.sampled_from(["", " ", "\u00a0", " [note 3]", "[x]", " *", ":", "  "]))
    return before + text + after


@settings(max_examples=300, deadline=None)
@given(periods, st.data())
def test_key_and_label_read_back_however_dressed(period, data):
    for text in (period.key, period.label):
        assert parse_period(_dressed(text, data)) == period
    assert Period.from_key(period.key) == period


@settings(max_examples=200, deadline=None)
@given(quarters)
def test_quarters_follow_the_calendar(q):
    assert q.next().start == q.end + timedelta(days=1)
    assert q.previous().end == q.start - timedelta(days=1)
    assert q.next().previous() == q == q.previous().next()
    back = q
    for _ in range(4):
        back = back.previous()
    assert back == q.same_period_last_year()
    assert q.start.month == 3 * q.quarter - 2 and q.start.day == 1
    assert (q.end.month, q.end.day) in {(3, 31), (6, 30), (9, 30), (12, 31)}


@settings(max_examples=200, deadline=None)
@given(
    st.builds(Period.quarter_of, st.integers(1000, 9980), st.integers(1, 4)),
    st.integers(min_value=0, max_value=40),
)
def test_a_quarter_range_counts_and_chains_the_quarters(first, steps):
    last = first
    for _ in range(steps):
        last = last.next()
    span = quarter_range(first, last)
    assert len(span) == steps + 1
    assert span[0] == first and span[-1] == last
    assert all(b.start == a.end + timedelta(days=1) for a, b in pairwise(span))
    if steps:
        with pytest.raises(ValueError):
            quarter_range(last, first)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.builds(Period.calendar_year, years), st.builds(Period.financial_year, years)))
def test_a_year_is_four_quarters_end_to_end(year):
    parts = year.quarters()
    assert [p.kind for p in parts] == [PeriodKind.QUARTER] * 4
    assert parts[0].start == year.start and parts[-1].end == year.end
    assert quarter_range(year, year) == parts


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1001, 1, 1), max_value=date(9998, 12, 31)))
def test_the_latest_complete_quarter_is_the_last_to_end_before_today(today):
    q = latest_complete_quarter(today)
    assert q.end < today <= q.next().end
