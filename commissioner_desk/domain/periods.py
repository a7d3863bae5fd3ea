"""Reporting periods: calendar quarters, calendar years, financial years (April to March) and
rolling years ending in June or September ("year ending June 2024", as ONS crime tables state).

`Period.from_key` reads the app's own keys strictly ("2023-Q4", "2023", "2023/24");
`parse_period` reads what spreadsheets actually say ("Oct-Dec 2023", "Apr 2022 to Mar 2023",
"year ending March 2023", ...).

Quarters of a financial year ("Q1 2023/24") are deliberately not accepted: publishers disagree on
whether Q1 starts in January or April, and a silent guess would file figures three months out.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class PeriodKind(StrEnum):
    QUARTER = "quarter"
    CALENDAR_YEAR = "calendar_year"
    FINANCIAL_YEAR = "financial_year"
    # Twelve months ending in June or September. Years ending in March and December are
    # financial and calendar years, so they are never made as this kind.
    YEAR_ENDING = "year_ending"


class PeriodParseError(ValueError):
    """Text that is not a period the app understands; the message says what would be."""


_ACCEPTED = (
    "Use a calendar quarter, a calendar year, a financial year (April to March) or a year "
    'ending in June or September, for example "2023-Q4", "Q4 2023", "October to December '
    '2023", "Oct-Dec 2023", "2023", "2023/24", "April 2023 to March 2024", "year ending March '
    '2024" or "12 months to June 2024".'
)


# Spelled out rather than taken from calendar.month_name, which follows the process locale
# (Qt sets it from the user's settings), and labels must stay English.
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. Sorts by start date (a year sorts before its first quarter).

    `year` is the calendar year, or for a financial year the year it starts in (2023 for
    2023/24). `quarter` is 1-4 for calendar quarters and None otherwise. Build with the
    classmethods; the constructor checks that the fields agree.
    """

    start: date
    kind: PeriodKind
    year: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.kind is PeriodKind.QUARTER:
            ok = self.quarter in (1, 2, 3, 4) and self.start == date(
                self.year, 3 * self.quarter - 2, 1
            )
        elif self.kind is PeriodKind.CALENDAR_YEAR:
            ok = self.quarter is None and self.start == date(self.year, 1, 1)
        elif self.kind is PeriodKind.FINANCIAL_YEAR:
            ok = self.quarter is None and self.start == date(self.year, 4, 1)
        elif self.kind is PeriodKind.YEAR_ENDING:
            # `year` is the year it ends in, `quarter` the calendar quarter it ends with.
            ok = self.quarter in (2, 3) and self.start == date(
                self.year - 1, 3 * self.quarter + 1, 1
            )
        else:
            ok = False
        if not ok:
            raise ValueError(f"Inconsistent period fields: {self!r}")

    # --- constructors ---------------------------------------------------------------------

    @classmethod
    def quarter_of(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"Quarter must be 1 to 4, not {quarter!r}.")
        return cls(date(year, 3 * quarter - 2, 1), PeriodKind.QUARTER, year, quarter)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), PeriodKind.CALENDAR_YEAR, year)

    @classmethod
    def financial_year(cls, start_year: int) -> Period:
        """The financial year from April `start_year` to March `start_year + 1`."""
        return cls(date(start_year, 4, 1), PeriodKind.FINANCIAL_YEAR, start_year)

    @classmethod
    def year_ending(cls, year: int, month: int) -> Period:
        """The twelve months to the end of `month` of `year`: a calendar year for December, a
        financial year for March, else a rolling year ending in June or September."""
        if month == 12:
            return cls.calendar_year(year)
        if month == 3:
            return cls.financial_year(year - 1)
        if month not in (6, 9):
            raise ValueError(f"A year must end with a calendar quarter, not month {month}.")
        quarter = month // 3
        return cls(date(year - 1, 3 * quarter + 1, 1), PeriodKind.YEAR_ENDING, year, quarter)

    @classmethod
    def from_key(cls, key: str) -> Period:
        """Strictly read a key made by `Period.key`: "2023-Q4", "2023", "2023/24" or
        "YE2024-06"."""
        if isinstance(key, str):
            if m := re.fullmatch(r"YE(\d{4})-(06|09)", key):
                return cls.year_ending(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-Q([1-4])", key):
                return cls.quarter_of(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"\d{4}", key):
                return cls.calendar_year(int(key))
            if m := re.fullmatch(r"(\d{4})/(\d{2})", key):
                start = int(m[1])
                if (start + 1) % 100 == int(m[2]) and start < 9999:
                    return cls.financial_year(start)
        raise PeriodParseError(
            f'"{key}" is not a period key. Keys look like "2023-Q4", "2023", "2023/24" or '
            '"YE2024-06".'
        )

    # --- views ----------------------------------------------------------------------------

    @property
    def key(self) -> str:
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.quarter}"
        if self.kind is PeriodKind.CALENDAR_YEAR:
            return str(self.year)
        if self.kind is PeriodKind.YEAR_ENDING:
            return f"YE{self.year}-{3 * self.quarter:02d}"
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        if self.kind is PeriodKind.QUARTER:
            return _last_day(self.year, self.start.month + 2)
        if self.kind is PeriodKind.CALENDAR_YEAR:
            return date(self.year, 12, 31)
        if self.kind is PeriodKind.YEAR_ENDING:
            return _last_day(self.year, 3 * self.quarter)
        return date(self.year + 1, 3, 31)

    @property
    def label(self) -> str:
        """UK English, as GOV.UK statistics write it: "October to December 2023", "2023",
        "2023/24 (April 2023 to March 2024)". `parse_period` reads every label back."""
        if self.kind is PeriodKind.QUARTER:
            first = MONTH_NAMES[self.start.month]
            last = MONTH_NAMES[self.end.month]
            return f"{first} to {last} {self.year}"
        if self.kind is PeriodKind.CALENDAR_YEAR:
            return str(self.year)
        if self.kind is PeriodKind.YEAR_ENDING:
            return f"year ending {MONTH_NAMES[self.end.month]} {self.year}"
        return f"{self.key} (April {self.year} to March {self.year + 1})"

    def __str__(self) -> str:
        return self.key

    def quarters(self) -> list[Period]:
        """The calendar quarters this period is made of, in order."""
        if self.kind is PeriodKind.QUARTER:
            return [self]
        first = Period.quarter_of(self.start.year, self.start.month // 3 + 1)
        return [first, first.next(), first.next().next(), first.next().next().next()]

    def same_period_last_year(self) -> Period:
        return self._shift_years(-1)

    def next(self) -> Period:
        """The following period of the same kind."""
        if self.kind is PeriodKind.QUARTER:
            assert self.quarter is not None
            if self.quarter == 4:
                return Period.quarter_of(self.year + 1, 1)
            return Period.quarter_of(self.year, self.quarter + 1)
        return self._shift_years(1)

    def previous(self) -> Period:
        """The preceding period of the same kind."""
        if self.kind is PeriodKind.QUARTER:
            assert self.quarter is not None
            if self.quarter == 1:
                return Period.quarter_of(self.year - 1, 4)
            return Period.quarter_of(self.year, self.quarter - 1)
        return self._shift_years(-1)

    def _shift_years(self, years: int) -> Period:
        if self.kind is PeriodKind.QUARTER:
            assert self.quarter is not None
            return Period.quarter_of(self.year + years, self.quarter)
        if self.kind is PeriodKind.CALENDAR_YEAR:
            return Period.calendar_year(self.year + years)
        if self.kind is PeriodKind.YEAR_ENDING:
            return Period.year_ending(self.year + years, self.end.month)
        return Period.financial_year(self.year + years)


def quarter_range(first: Period, last: Period) -> list[Period]:
    """Every calendar quarter from the start of `first` to the end of `last`, inclusive."""
    if last.end < first.start:
        raise ValueError(f"{first.key} comes after {last.key}; the range would be empty.")
    quarter = first.quarters()[0]
    stop = last.quarters()[-1]
    out = [quarter]
    while quarter != stop:
        quarter = quarter.next()
        out.append(quarter)
    return out


def latest_complete_quarter(today: date) -> Period:
    """The last calendar quarter that ended before `today` (a quarter is complete the day after
    its last day)."""
    return Period.quarter_of(today.year, (today.month - 1) // 3 + 1).previous()


# --- lenient parsing ----------------------------------------------------------------------

_MONTHS = {name.casefold(): number for number, name in enumerate(MONTH_NAMES) if name}
_MONTHS |= {name[:3].casefold(): number for number, name in enumerate(MONTH_NAMES) if name}
_MONTHS["sept"] = 9
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_YEAR = r"(\d{4})"
_FY_PREFIX = r"(?:fy|financial\s+year|fin\s+year)"

_QUARTER_PATTERNS = (
    # (regex, index of the year group, index of the quarter group)
    (re.compile(rf"{_YEAR}\s*-?\s*q([1-4])"), 1, 2),  # 2023-Q4, 2023 Q4, 2023Q4
    (re.compile(rf"q([1-4])\s*-?\s*{_YEAR}"), 2, 1),  # Q4 2023, Q4-2023
    (re.compile(rf"(?:quarter|qtr)\s*([1-4])\s*,?\s*{_YEAR}"), 2, 1),  # Quarter 4 2023
    (re.compile(rf"{_YEAR}\s*(?:quarter|qtr)\s*([1-4])"), 1, 2),  # 2023 Quarter 4
)
_FINANCIAL_QUARTER = re.compile(
    rf"q[1-4]\s*-?\s*{_FY_PREFIX}?\s*\d{{2,4}}\s*[/-]\s*\d{{2,4}}"
    rf"|{_FY_PREFIX}?\s*\d{{2,4}}\s*[/-]\s*\d{{2,4}}\s*-?\s*q[1-4]"
)
_RANGE = re.compile(rf"{_MONTH}\s*{_YEAR}?\s*(?:-|to|until|through)\s*{_MONTH}\s*,?\s*{_YEAR}")
_ENDING = re.compile(
    rf"(financial\s+|calendar\s+)?(?:year|yr|12\s+months|twelve\s+months)\s+"
    rf"(?:ending|ended|to)\s+{_MONTH}\s*,?\s*{_YEAR}"
    rf"|ye\s+{_MONTH}\s*{_YEAR}"
)
_FY_ENDING = re.compile(rf"(?:financial\s+year\s+ending|fye)\s*{_YEAR}")
_QUARTER_ENDING = re.compile(rf"(?:quarter|3\s+months)\s+(?:ending|ended|to)\s+{_MONTH}\s*{_YEAR}")
# "2022/23", "2022-23", "2022/2023", "FY 2022/23"; "to" only after a prefix, because a bare
# "2022 to 2023" could as well mean two calendar years.
_FY = re.compile(rf"(?:{_FY_PREFIX}\s*)?{_YEAR}\s*[/-]\s*(\d{{4}}|\d{{2}})")
_FY_TO = re.compile(rf"{_FY_PREFIX}\s*{_YEAR}\s+to\s+(\d{{4}}|\d{{2}})")
_FY_SHORT = re.compile(rf"{_FY_PREFIX}\s*(\d{{2}})\s*[/-]\s*(\d{{2}})")  # FY22/23 means 2022/23
_CALENDAR_YEAR = re.compile(rf"(?:calendar\s+year\s*|cy\s*|year\s+)?{_YEAR}")
_PARENTHESISED = re.compile(r"(.+?)\s*\((.+)\)")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"\[[^\]]*\]", " ", text)  # "[note 3]", "[r]" markers
    text = re.sub(r"[‐‑‒–—―]", "-", text)
    text = text.replace(".", " ")  # "Oct. - Dec. 2023"
    text = text.strip(" \t\r\n*†‡:;,")
    return " ".join(text.split())


def parse_period(text: str) -> Period:
    """Read a period as spreadsheets write it. Raises PeriodParseError for anything else."""
    if not isinstance(text, str):
        raise PeriodParseError(f"{text!r} is not text, so it cannot be read as a period.")
    cleaned = _clean(text)
    if not cleaned:
        raise PeriodParseError(f"The period is blank. {_ACCEPTED}")

    # "2023/24 (April 2023 to March 2024)", as Period.label writes it: both halves must agree.
    if m := _PARENTHESISED.fullmatch(cleaned):
        outer, inner = _parse_checked(m[1], text), _parse_checked(m[2], text)
        if outer is not None and inner is not None:
            if outer != inner:
                raise PeriodParseError(
                    f'"{text}" contradicts itself: {outer.label} is not {inner.label}.'
                )
            return outer

    period = _parse_checked(cleaned, text)
    if period is None:
        raise PeriodParseError(f'"{text}" is not a period the app understands. {_ACCEPTED}')
    return period


def _parse_checked(s: str, original: str) -> Period | None:
    """_parse_clean, with years no date can hold ("Q1 0000") refused in words, not a crash."""
    try:
        return _parse_clean(s, original)
    except PeriodParseError:
        raise
    except (ValueError, OverflowError) as exc:  # date(0, 1, 1) and the like
        raise PeriodParseError(
            f'"{original}" has a year no calendar date can hold. {_ACCEPTED}'
        ) from exc


def _parse_clean(s: str, original: str) -> Period | None:
    """Parse cleaned text; None if no form matches, PeriodParseError if one matches but the
    dates make no period (so the message can say why)."""
    if _FINANCIAL_QUARTER.fullmatch(s):
        raise PeriodParseError(
            f'"{original}" is a quarter of a financial year. Publishers number those '
            "differently, so write the months instead, for example "
            '"April to June 2023" or "2023-Q2".'
        )
    for pattern, year_group, quarter_group in _QUARTER_PATTERNS:
        if m := pattern.fullmatch(s):
            return Period.quarter_of(int(m[year_group]), int(m[quarter_group]))

    if m := _RANGE.fullmatch(s):
        first, last, end_year = _MONTHS[m[1]], _MONTHS[m[3]], int(m[4])
        # "April to March 2023" ends in March 2023, so it started in April 2022.
        start_year = int(m[2]) if m[2] else (end_year if first <= last else end_year - 1)
        return _from_bounds(start_year, first, end_year, last, original)

    if m := _ENDING.fullmatch(s):
        kind_word = (m[1] or "").strip()
        month, year = (_MONTHS[m[2]], int(m[3])) if m[2] else (_MONTHS[m[4]], int(m[5]))
        if (month, kind_word) in ((3, "calendar"), (12, "financial")) or month % 3:
            raise PeriodParseError(
                f'"{original}" is not a year the app can use: a year must end with a calendar '
                "quarter (March for a financial year, December for a calendar year, or June or "
                "September)."
            )
        return Period.year_ending(year, month)
    if m := _FY_ENDING.fullmatch(s):
        return Period.financial_year(int(m[1]) - 1)
    if m := _QUARTER_ENDING.fullmatch(s):
        month, year = _MONTHS[m[1]], int(m[2])
        if month % 3:
            raise PeriodParseError(
                f'"{original}" does not end with a calendar quarter '
                "(March, June, September or December)."
            )
        return Period.quarter_of(year, month // 3)

    if m := _FY.fullmatch(s) or _FY_TO.fullmatch(s):
        return _financial_year(int(m[1]), m[2], original)
    if m := _FY_SHORT.fullmatch(s):
        return _financial_year(2000 + int(m[1]), m[2], original)
    if m := _CALENDAR_YEAR.fullmatch(s):
        return Period.calendar_year(int(m[1]))
    return None


def _financial_year(start: int, end_text: str, original: str) -> Period:
    end = int(end_text)
    expected = start + 1 if len(end_text) == 4 else (start + 1) % 100
    if end != expected or start >= 9999:
        raise PeriodParseError(
            f'"{original}" is not a financial year: the second year must be the one after the '
            f'first, as in "{start}/{(start + 1) % 100:02d}".'
        )
    return Period.financial_year(start)


def _from_bounds(
    start_year: int, first_month: int, end_year: int, last_month: int, original: str
) -> Period:
    if start_year == end_year and first_month % 3 == 1 and last_month == first_month + 2:
        return Period.quarter_of(start_year, first_month // 3 + 1)
    if start_year == end_year and (first_month, last_month) == (1, 12):
        return Period.calendar_year(start_year)
    if end_year == start_year + 1 and (first_month, last_month) == (4, 3):
        return Period.financial_year(start_year)
    if end_year == start_year + 1 and last_month in (6, 9) and first_month == last_month + 1:
        return Period.year_ending(end_year, last_month)  # "July 2023 to June 2024"
    raise PeriodParseError(
        f'"{original}" runs from {MONTH_NAMES[first_month]} {start_year} to '
        f"{MONTH_NAMES[last_month]} {end_year}, which is not a calendar quarter "
        "(January to March, April to June, July to September or October to December), "
        "a calendar year, a financial year (April to March) or a year ending in June or "
        "September."
    )
