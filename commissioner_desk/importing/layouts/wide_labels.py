"""What the words in a published table's headings and title mean: categories as published
("Adult (18 or over)", "Labour & Criminal"), totals, periods and metrics.

A heading cell is read as one or more *parts* ("Total NRM referrals" is a total and a metric;
"Q1 2024 Adult" a period and a breakdown). A cell with any word the app does not understand is
UNKNOWN as a whole, so a column is never imported on a guess: the layout warns about it instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from commissioner_desk.domain.catalogue import DIMENSIONS
from commissioner_desk.domain.periods import Period, PeriodParseError, parse_period

from .footnotes import strip_heading_notes
from .wide_titles import clean, is_metric_phrase, snapshot_date

Kind = Literal[
    "derived",
    "total",
    "breakdown",
    "period",
    "metric",
    "group",
    "neutral",
    "force",
    "label",
    "when",
    "unknown",
]


_PARENS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class Part:
    kind: Kind
    text: str  # the cleaned text this part was read from
    dims: tuple[str, ...] = ()  # breakdown/group: the dimension(s) it may belong to
    value: str | None = None  # breakdown: the value key ("adult", "unknown", …)
    period: Period | None = None
    metric: str | None = None
    lossy: bool = False  # a specific published category counted under a wider one
    snapshot: date | None = None  # period: a count on this date ("as at 31 March 2024")


def _words(*texts: str) -> frozenset[str]:
    return frozenset(texts)


TOTAL_WORDS = _words(
    *("total", "totals", "all", "grand total", "overall", "all types", "all ages"),
    *("all exploitation types", "all age groups", "total referrals", "all referrals"),
    *("total potential victims", "all potential victims", "total reports", "all reports"),
)
_NEUTRAL = _words(
    *("number", "numbers", "count", "counts", "n", "no", "frequency", "figure", "figures"),
    *("value", "values", "referrals", "potential victims", "victims", "people", "persons"),
    *("individuals", "cases", "reports", "crimes", "offences"),
)
_GROUPS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            *("age", "age group", "age groups", "age at referral", "age at exploitation"),
            *("age of potential victim", "age category", "age band"),
        ),
        ("age",),
    ),
    **dict.fromkeys(
        (
            *("exploitation", "exploitation type", "exploitation types", "type of exploitation"),
            *("primary exploitation type", "exploitation category", "type"),
        ),
        ("exploitation",),
    ),
    **dict.fromkeys(("breakdown", "category", "group", "sub-category"), ("age", "exploitation")),
}
_FORCE_LABELS = _words(
    *("force", "police force", "police force area", "force name", "pfa", "area"),
    *("force area", "first responder", "police force name", "pfa name", "organisation"),
)
# Headings of a column of periods: "Kent | 2023-Q1 | …", "Kent | 2023-Q2 | …".
WHEN_WORDS = _words(
    *("period", "quarter", "year", "financial year", "calendar year", "reporting period"),
    *("time period", "reporting quarter", "quarter and year", "year and quarter"),
)
LABEL_WORDS = _words(
    *("region", "region name", "code", "force code", "ons code", "pfa code", "area code"),
    *("nation", "country", "geography", "geography code", "force id", "id", "notes", "note"),
)

_SPECIFIC = ("labour", "sexual", "criminal", "domestic servitude", "organ harvesting")
_BREAKDOWNS: dict[str, tuple[tuple[str, str], ...]] = {}


def _add(dim: str, value: str, *names: str) -> None:
    for name in names:
        found = _BREAKDOWNS.get(name, ())
        if (dim, value) not in found:
            _BREAKDOWNS[name] = (*found, (dim, value))


for _d in DIMENSIONS.values():  # the catalogue's own keys and labels
    for _key, _label in _d.values:
        _add(_d.key, _key, clean(_key), clean(_label))
_add("age", "adult", "adult", "adults", "18 or over", "18 and over", "aged 18 or over", "18+")
_add("age", "adult", "over 18", "adult 18+")
_add("age", "child", "child", "children", "minor", "minors", "17 or under", "under 18")
_add("age", "child", "aged 17 or under", "aged under 18", "child under 18")
_add("age", "unknown", "age not specified", "age unknown", "age not known", "unknown age")
_add("age", "unknown", "age not recorded", "age not specified or unknown", "age not stated")
for _name in _SPECIFIC:
    _add("exploitation", _name.replace(" ", "_"), _name)
_add("exploitation", "labour", "forced labour")
_add("exploitation", "organ_harvesting", "organ removal")
_add("exploitation", "multiple", "multiple", "more than one", "more than one type", "combination")
_add("exploitation", "multiple", "combined", "mixed")
for _dim in ("age", "exploitation"):
    _add(_dim, "unknown", "unknown", "not specified", "not known", "not recorded", "not stated")
    _add(_dim, "unknown", "not specified or unknown", "unknown or not specified")
# Words that only say "this is an exploitation type": "Labour exploitation only" is Labour.
_EXPLOITATION_FILLER = re.compile(r"\b(?:exploitation|only|types?)\b")


def breakdown_part(text: str) -> Part | None:
    """The breakdown a published category label names, or None. `text` is `clean`ed."""
    names = [text]
    if (bare := " ".join(_PARENS.sub(" ", text).split())) != text:
        names.append(bare)  # "Adult (18 or over)" → "adult"
    for name in names:
        restrict = ("exploitation",) if "exploitation" in name.split() else ()
        for candidate in (name, " ".join(_EXPLOITATION_FILLER.sub(" ", name).split())):
            found = _BREAKDOWNS.get(candidate)
            if found and restrict:
                found = tuple(f for f in found if f[0] in restrict) or found
            if found:
                values = {v for _, v in found}
                if len(values) == 1:
                    return Part("breakdown", text, tuple(d for d, _ in found), values.pop())
            if combo := _combination(candidate):
                return combo
    return None


def _combination(text: str) -> Part | None:
    # "Labour and criminal", "Sexual / labour": two or more specific types → Multiple types.
    pieces = [p.strip() for p in re.split(r"\band\b|[,/+]", text) if p.strip()]
    if len(pieces) >= 2 and all(p in _SPECIFIC for p in pieces):
        return Part("breakdown", text, ("exploitation",), "multiple", lossy=True)
    return None


def _metric_part(text: str) -> Part | None:
    metric = is_metric_phrase(text)
    return Part("metric", text, metric=metric) if metric else None


def _a_year(value: object) -> bool:
    # 2023 or 2023.0 from a number cell; bool is an int subclass, TRUE is not a year.
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and float(value).is_integer()
        and 1900 <= value <= 2100
    )


def read_period(value: object) -> Period:
    """A period cell: text as `parse_period` reads it, or a year as a number. Raises
    PeriodParseError with a plain message."""
    if isinstance(value, str):
        return parse_period(value)
    if _a_year(value):
        return Period.calendar_year(int(value))
    raise PeriodParseError(
        "The period is a date or a number the app cannot read: write it as text, for example "
        '"2023-Q4" or "2023/24".'
    )


_SHORT_FY = re.compile(r"(\d{2})\s*[/-]\s*(\d{2})")  # "04/05" … "19/20" as column headings


def _snapshot_part(day: date) -> Part:
    """A count on one day ("as at 31 March 2024", or a date cell), stored as the quarter that
    holds the day and labelled as a snapshot."""
    period = Period.quarter_of(day.year, (day.month - 1) // 3 + 1)
    return Part("period", day.isoformat(), period=period, snapshot=day)


def _period_part(value: object, text: str) -> Part | None:
    if isinstance(value, str) and (day := snapshot_date(value)) is not None:
        return _snapshot_part(day)
    if isinstance(value, str) and (m := _SHORT_FY.fullmatch(text)):
        first, second = int(m[1]), int(m[2])
        if (first + 1) % 100 == second:  # "04/05", "99/00"; "3/4" or "04/06" is no year
            start = (1900 if first > 50 else 2000) + first
            return Part("period", text, period=Period.financial_year(start))
        return None
    if not isinstance(value, str) and not _a_year(value):
        return None
    try:
        return Part("period", text, period=read_period(value))
    except PeriodParseError:
        return None


# --- a whole heading cell -----------------------------------------------------------------------

# Columns worked out from the figures, never figures themselves: changes, rates, shares.
_DERIVED = (
    ("change", re.compile(r"\b(?:change|changes|difference|increase|decrease|growth)\b")),
    ("rate", re.compile(r"\b(?:rates?|ratio|per (?:[\d,]+|thousand|head|capita))\b")),
    ("share", re.compile(r"%|\b(?:per ?cent|percentage|proportion|share|pct)\b")),
    ("rank", re.compile(r"\b(?:rank|ranking|position)\b")),
    ("average", re.compile(r"\b(?:average|mean|median)\b")),
)
DERIVED_WHY = {
    "change": "a change between figures, not a figure",
    "rate": "a rate, not a count",
    "share": "a percentage or share, not a count",
    "rank": "a rank, not a figure",
    "average": "an average, not a count",
}
_SPLITTERS = (re.compile(r"\s*[:|\n]\s*"), re.compile(r"\s+-\s+"), re.compile(r"\s*,\s*"))
_TOTAL_EDGE = re.compile(r"^(?:total|all)\s+(.+)$|^(.+?)\s+(?:total|totals|all)$")
_NUMBER_OF = re.compile(r"^(?:number|no|count) of\s+(.+)$")


def _single(value: object, text: str) -> Part | None:
    if text in TOTAL_WORDS:
        return Part("total", text)
    if text in _NEUTRAL:
        return Part("neutral", text)
    if text in _GROUPS:
        return Part("group", text, dims=_GROUPS[text])
    if text in _FORCE_LABELS or text.startswith(("police force", "force ")):
        return Part("force", text)
    if text in LABEL_WORDS:
        return Part("label", text)
    if text in WHEN_WORDS:
        return Part("when", text)
    return (
        breakdown_part(text)
        or _period_part(value if not isinstance(value, str) else text, text)
        or _metric_part(text)
    )


def classify(value: object) -> tuple[Part, ...]:
    """The parts of one heading cell; () for a blank; (UNKNOWN,) when any of it is unknown.
    A heading that names a change, rate or share is DERIVED as a whole (with its period, if it
    names one). Footnote markers glued on ("Total3", "2019/201") are tried without."""
    if value is None or isinstance(value, bool):
        return ()
    if isinstance(value, date):  # a date cell: a count on that day
        return (_snapshot_part(value if not isinstance(value, datetime) else value.date()),)
    text = clean(value)
    if not text:
        return ()
    if derived := derived_kind(text):
        periods = [p for w in _period_windows(text) if (p := _period_part(w, w))]
        return (Part("derived", text, value=derived), *periods[:1])
    parts = _parts(value, text, depth=0)
    if parts is None and isinstance(value, str):
        bare = strip_heading_notes(value)
        if bare and bare != value.strip():
            parts = _parts(bare, clean(bare), depth=0)
    return parts if parts is not None else (Part("unknown", text),)


def derived_kind(text: str) -> str | None:
    """ "change", "rate", "share", "rank" or "average" when a heading names one; `text` is
    `clean`ed."""
    for kind, pattern in _DERIVED:
        if pattern.search(text):
            return kind
    return None


def _period_windows(text: str) -> list[str]:
    words = text.split()
    return [
        " ".join(words[i:j])
        for n in range(min(6, len(words)), 0, -1)
        for i in range(len(words) - n + 1)
        for j in (i + n,)
    ]


def _parts(value: object, text: str, depth: int) -> tuple[Part, ...] | None:
    if part := _single(value, text):
        return (part,)
    if depth > 3:
        return None
    if m := _NUMBER_OF.match(text):
        return _parts(m[1], m[1], depth + 1)
    bare = " ".join(_PARENS.sub(" ", text).split())
    # "(number)", "(18 or over)" and other asides; a period keeps its own parentheses.
    if bare and bare != text and (found := _parts(bare, bare, depth + 1)) is not None:
        return found
    for splitter in _SPLITTERS:
        pieces = [p for p in splitter.split(text) if p]
        if len(pieces) > 1:
            read = [_parts(p, p, depth + 1) for p in pieces]
            if all(r is not None for r in read):
                return tuple(part for r in read if r for part in r)
    if m := _TOTAL_EDGE.match(text):
        rest = m[1] or m[2]
        if (found := _parts(rest, rest, depth + 1)) is not None:
            return (Part("total", text), *found)
    # "Q1 2024 Adult", "2023/24 Labour": a period, then a category.
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        period = _period_part(head, head)
        if period and (found := _parts(tail, tail, depth + 1)) is not None:
            return (period, *found)
    return None
