"""Words that say what a table counts and for when: the measures the catalogue knows, as titles
and headings write them, and the periods a title states. Shared by the heading reader
(wide_labels) and the title reader (wide_meta)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

from commissioner_desk.domain.catalogue import METRICS_BY_KEY
from commissioner_desk.domain.periods import MONTH_NAMES, Period, PeriodParseError, parse_period

_DASHES = re.compile(r"[‐‑‒–—―−]")
_BRACKETED = re.compile(r"\[[^\]]*\]")


def clean(value: object) -> str:
    """Heading text to compare: case-folded, notes ("[note 6]") gone, "&" read as "and"."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    text = _BRACKETED.sub(" ", text)
    text = _DASHES.sub("-", text).replace("&", " and ").replace("_", " ")
    return " ".join(text.split()).strip(" :;*-")


# --- measures ------------------------------------------------------------------------------------

_METRIC_PHRASES: dict[str, tuple[str, ...]] = {
    "nrm_referrals": (
        *("nrm referrals", "nrm referral", "referrals to the nrm", "referred to the nrm"),
        *("national referral mechanism referrals", "referrals to the national referral mechanism"),
    ),
    "dtn_reports": ("duty to notify", "dtn reports", "dtn"),
    "referrals_for_investigation": (
        "referrals received for investigation",
        "received for investigation",
    ),
    # Not "recorded crime" alone: "Police recorded crime by police force area" is all crime,
    # and reading it as modern slavery crimes would store a wrong figure.
    "ms_crimes_recorded": (
        *("modern slavery crimes", "modern slavery offences recorded"),
        *("modern slavery offences", "modern slavery crimes recorded"),
    ),
    "ms_investigations": ("modern slavery investigations",),
    "ms_charges": ("modern slavery charges", "charged with a modern slavery offence"),
    "ms_convictions": ("modern slavery convictions", "convicted of a modern slavery offence"),
    "stro_stpo_orders": ("stro", "stpo", "stros", "stpos", "risk orders", "prevention orders"),
    "staff_trained": ("staff trained", "officers trained", "officers and staff trained"),
}
_PUNCTUATION = re.compile(r"[^\w/+-]+")


def _phrases() -> dict[str, tuple[str, ...]]:
    """Each metric's phrases: the ones above, and every metric's key and name — the office's
    own metrics too, which change while the app runs."""
    current = tuple((m.key, m.label) for m in METRICS_BY_KEY.values())
    return _phrases_of(current)


@cache
def _phrases_of(metrics: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    out = dict(_METRIC_PHRASES)
    for key, label in metrics:
        # "Police officers (headcount)" is also headed "Police officers"; two metrics that
        # share the bare name both match it, so neither is taken (metrics_in_text).
        bare = " ".join(_ASIDE.sub(" ", clean(label)).split())
        out[key] = tuple(dict.fromkeys((*out.get(key, ()), clean(key), clean(label), bare)))
    return out


_ASIDE = re.compile(r"\([^)]*\)")


def _phrase_text(text: str) -> str:
    return " " + " ".join(_PUNCTUATION.sub(" ", clean(text)).split()) + " "


def metrics_in_text(text: str) -> list[str]:
    """Metric keys a title names, longest phrase winning ("NRM referrals received for
    investigation" is not also "NRM referrals"); in the order they appear."""
    padded = _phrase_text(text)
    spans: list[tuple[int, int, str]] = []
    for key, phrases in _phrases().items():
        for phrase in phrases:
            needle = " " + " ".join(_PUNCTUATION.sub(" ", phrase).split()) + " "
            start = padded.find(needle)
            while start != -1:
                spans.append((start, start + len(needle), key))
                start = padded.find(needle, start + 1)
    kept = [
        s
        for s in spans
        if not any(o[2] != s[2] and o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)
    ]
    out: list[str] = []
    for _, _, key in sorted(kept):
        if key not in out:
            out.append(key)
    return out


def is_metric_phrase(text: str) -> str | None:
    """The metric a whole heading names ("NRM referrals", "DtN reports"), or None."""
    found = metrics_in_text(text)
    if len(found) == 1 and _phrase_text(text).strip() in {
        " ".join(_PUNCTUATION.sub(" ", p).split()) for p in _phrases()[found[0]]
    }:
        return found[0]
    return None


# --- periods ------------------------------------------------------------------------------------

_MONTH_WORDS = frozenset(
    w for name in MONTH_NAMES if name for w in (name.casefold(), name[:3].casefold())
)
# A year after these words is a date or a history, not the period the table covers.
_NOT_PERIOD_BEFORE = _MONTH_WORDS | {"published", "updated", "revised", "released", "since"}
_TITLE_SPLIT = re.compile(r"[():;,\[\]]")
MAX_PERIOD_WORDS = 8


def periods_in_text(text: str) -> list[Period]:
    """Periods a title states, leftmost-longest: "Table 13: NRM referrals by police force,
    October to December 2023" gives 2023-Q4 (not also 2023). A year that is part of a date
    ("published 7 March 2024") is not a period."""
    raw = _BRACKETED.sub(" ", unicodedata.normalize("NFKC", text))
    tokens = _TITLE_SPLIT.sub(" ", raw).split()
    found: list[Period] = []
    i = 0
    while i < len(tokens):
        for length in range(min(MAX_PERIOD_WORDS, len(tokens) - i), 0, -1):
            window = tokens[i : i + length]
            try:
                period = parse_period(" ".join(window))
            except PeriodParseError:
                continue
            before = tokens[i - 1].casefold().strip(".") if i else ""
            if length == 1 and (before in _NOT_PERIOD_BEFORE or before.isdigit()):
                break  # "7 March 2024": a date
            if period not in found:
                found.append(period)
            i += length - 1
            break
        i += 1
    return found


# --- snapshots: counts on one day ----------------------------------------------------------------

_MONTH_NUMBER = {w: n for n, name in enumerate(MONTH_NAMES) if name for w in (name, name[:3])}
_MONTH_NUMBER["Sept"] = 9
_MONTH = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_DAY_MONTH_YEAR = rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?\s+((?:19|20)\d\d)"
_NUMERIC_DATE = r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)"
_DATE_AT = re.compile(
    rf"(?:\b(?:as\s+at|as\s+of|at|on)\s+|,\s*|^)(?:{_DAY_MONTH_YEAR}|{_NUMERIC_DATE})\s*$",
    re.IGNORECASE,
)


def snapshot_date(text: str) -> date | None:
    """The day a heading or title gives its counts for: "as at 31 March 2024", "31 March
    2024", "30/09/2019", or a title ending ", 31 March 2024". A publication date ("published 7
    March 2024") is not one."""
    cleaned = " ".join(_BRACKETED.sub(" ", unicodedata.normalize("NFKC", text)).split())
    cleaned = cleaned.rstrip(" .;:")
    for candidate in (cleaned, _TITLE_TAIL.sub("", cleaned)):
        if m := _DATE_AT.search(candidate):
            day, month, year = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
            number = int(month) if month.isdigit() else _MONTH_NUMBER[month.title()]
            try:
                return date(int(year), number, int(day))
            except ValueError:
                return None
    return None


_TITLE_TAIL = re.compile(r"\s*\((?:fte|headcount|number|numbers)\)\s*$", re.IGNORECASE)
