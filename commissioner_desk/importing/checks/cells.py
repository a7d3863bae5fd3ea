"""Reading one spreadsheet cell: its A1 reference, the count or marker it holds, and the metric
or breakdown it names (shared by every layout).

Markers are the symbols official statistics use instead of a number. The choice of status:

- NIL ("nil", "nil return"): the force said it had nothing to report. Stored apart from 0 so a
  written "nil" stays distinguishable from a typed 0 (a 0 is the value 0, never nil).
- SUPPRESSED ("[c]", "[x]", "x", "..", ":", "*", "~", "[low]", "suppressed", "<5"): the figure
  exists but the source withheld it or does not have it. ONS writes [c] for confidential and [x]
  for not available (".." and ":" in older tables, "x" in some Home Office ones); [low] is a
  figure too low to publish. All mean "there is a figure we were not given", so none may be
  read as zero or as not applicable.
- NOT_APPLICABLE ("[z]", "n/a", "na", "not applicable", "-"): ONS [z]; the figure cannot exist
  for this force. A dash typed as text is read this way; an accounting-format zero shows as "-"
  but the cell holds 0, which the reader returns as the number.

Counts are whole numbers. A metric whose unit is "decimal" or "percent" (officers as full-time
equivalents) takes figures with decimals: `parse_count(value, unit)`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import NamedTuple

from commissioner_desk.db.figure_value import PLACES
from commissioner_desk.domain.catalogue import (
    DIMENSIONS,
    METRICS_BY_KEY,
    TOTAL,
    BreakdownError,
    all_metrics,
    breakdown_key,
    check_breakdown,
)
from commissioner_desk.domain.enums import ObservationStatus


class CellValueError(ValueError):
    """A cell that does not hold a count or a known marker; the message is short and plain."""


class ParsedValue(NamedTuple):
    """A count (status VALUE, value set) or a marker (value None). A tuple so it unpacks."""

    status: ObservationStatus
    value: int | float | None


_NIL = frozenset({"nil", "nil return"})
_SUPPRESSED = frozenset({"[x]", "[c]", "x", "..", ":", "*", "~", "[low]", "suppressed"})
_NOT_APPLICABLE = frozenset({"[z]", "n/a", "na", "not applicable", "-"})
COUNT = "count"  # the unit of every built-in metric
DECIMAL_PLACES = PLACES  # what the database keeps of a figure with decimals
_SMALL_NUMBER = re.compile(r"<\s*\d{1,2}")  # "<5", "< 10": disclosure control
_DASHES = re.compile(r"[‐‑‒–—―−]")  # Word and Excel autocorrect "-" into these
# Digits with optional comma thousands groups and an optional decimal part: "1,234", "12.0".
_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def cell_ref(row: int, col: int) -> str:
    """A1 reference of a 0-based (row, column): (0, 0) → "A1", (9, 26) → "AA10"."""
    if row < 0 or col < 0:
        raise ValueError(f"Cell indexes are 0-based and cannot be negative: ({row}, {col})")
    letters = ""
    n = col + 1
    while n:  # bijective base 26: there is no zero digit, so "Z" is followed by "AA"
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row + 1}"


def is_blank(value: object) -> bool:
    """True for an empty cell: None, or text that is only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()  # NBSP and thin spaces become spaces
    text = _DASHES.sub("-", text)
    return " ".join(text.split())


def _marker(text: str) -> ObservationStatus | None:
    if text in _NIL:
        return ObservationStatus.NIL
    if text in _SUPPRESSED or _SMALL_NUMBER.fullmatch(text):
        return ObservationStatus.SUPPRESSED
    if text in _NOT_APPLICABLE:
        return ObservationStatus.NOT_APPLICABLE
    return None


def _shown(number: float | int) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _whole(number: float | int, shown: str, unit: str = COUNT) -> ParsedValue:
    if isinstance(number, float) and not math.isfinite(number):
        raise CellValueError(f"{shown} is not a number")
    if number < 0:
        what = "counts" if unit == COUNT else "these figures"
        raise CellValueError(f"{shown} is negative: {what} cannot be below zero")
    if isinstance(number, float) and not number.is_integer():
        if unit == COUNT:
            raise CellValueError(
                f"{shown} is not a whole number: counts are whole numbers (a metric of "
                "full-time equivalents or percentages needs the unit decimal or percent)"
            )
        return ParsedValue(ObservationStatus.VALUE, round(number, DECIMAL_PLACES))
    return ParsedValue(ObservationStatus.VALUE, int(number))


def parse_count(value: object, unit: str = COUNT) -> ParsedValue:
    """Read a count or a marker from a cell; raise CellValueError for anything else. With a
    unit other than "count" the figure may have decimals (kept to DECIMAL_PLACES).

    Callers check `is_blank` first: a blank is not a figure (and never zero), so what it means
    depends on the layout.
    """
    if is_blank(value):
        raise CellValueError("No figure given: write the number, 0, nil or [x]")
    if isinstance(value, bool):  # bool is an int subclass: TRUE must not become 1
        raise CellValueError(f"{str(value).upper()} is not a count")
    if isinstance(value, int | float):
        return _whole(value, _shown(value), unit)
    if isinstance(value, datetime | date | time | timedelta):
        # Excel turns "2/3" or "1-2" into a date as it is typed.
        raise CellValueError("The cell holds a date, not a count: format it as a number")
    if not isinstance(value, str):
        raise CellValueError(f"{value!r} is not a count")

    text = _normalise(value)
    if (status := _marker(text)) is not None:
        return ParsedValue(status, None)
    # Spaces as thousands separators ("1 234") as well as around the number.
    compact = text.replace(" ", "")
    if _NUMBER.fullmatch(compact):
        digits = compact.replace(",", "")
        if "." not in digits:
            return _whole(int(digits), compact, unit)  # int, not float: exact however large
        number = float(digits)
        if number.is_integer():
            return _whole(int(number), compact.split(".")[0], unit)  # "12.0" is 12
        return _whole(number, compact, unit)
    if text.startswith("#"):
        raise CellValueError(f"{value.strip()} is a spreadsheet error, not a count")
    shown = value.strip()
    if len(shown) > 40:
        shown = shown[:37] + "…"
    raise CellValueError(f'"{shown}" is not a count or a known marker such as nil, [c] or [z]')


# --- what a cell names: a metric, a breakdown -------------------------------------------------


def _label_key(text: str) -> str:
    # "nrm_referrals", "NRM referrals" and "NRM  Referrals" meet on "nrm referrals".
    text = unicodedata.normalize("NFKC", text).casefold().replace("_", " ")
    return " ".join(_DASHES.sub("-", text).split())


def _metric_names() -> dict[str, str]:
    """Every metric by key and by name: the live catalogue, the office's own metrics too."""
    return _names_of(tuple((m.key, m.label) for m in all_metrics()))


@cache
def _names_of(metrics: tuple[tuple[str, str], ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for key, label in metrics:
        names.setdefault(_label_key(label), key)
        names[_label_key(key)] = key
    return names


# Every dimension value by its label and by its key; "unknown" is a key of two dimensions.
_DIMENSION_VALUES: dict[str, list[tuple[str, str]]] = {}
for _d in DIMENSIONS.values():
    for _key, _label in _d.values:
        for _name in {_label_key(_key), _label_key(_label)}:
            _DIMENSION_VALUES.setdefault(_name, []).append((_d.key, _key))
_TOTAL_WORDS = frozenset({"all", "total", "totals", "all types", "all ages"})


def metric_from_text(value: object) -> str:
    """The catalogue key a cell names, by key or label; CellValueError if none."""
    if is_blank(value):
        raise CellValueError("No metric given")
    key = _metric_names().get(_label_key(str(value)))
    if key is None:
        raise CellValueError(
            f'"{str(value).strip()}" is not a metric the app knows. Use one of: '
            + ", ".join(m.label for m in all_metrics())
        )
    return key


def breakdown_from_text(value: object, metric_key: str | None) -> str:
    """The canonical breakdown key a cell names, checked against the metric when it is known.

    Accepts blank, "All" or "Total" (the total, key ""), keys ("age=child;exploitation=criminal",
    in any order) and labels ("Child", "Domestic servitude", "Child, Criminal"). A label shared
    by two dimensions ("unknown") is narrowed to the dimensions the metric has.
    """
    if is_blank(value):
        return TOTAL
    if not isinstance(value, str):
        raise CellValueError(f"{value!r} is not a breakdown")
    text = _label_key(value)
    if text in _TOTAL_WORDS:
        return TOTAL
    parts: dict[str, str] = {}
    for item in (p.strip() for p in re.split(r"[;,]", text) if p.strip()):
        dim, value_key = _breakdown_part(item, metric_key)
        if dim in parts:
            label = DIMENSIONS[dim].label.lower() if dim in DIMENSIONS else dim
            raise CellValueError(f'"{value.strip()}" gives the {label} twice')
        parts[dim] = value_key
    key = breakdown_key(parts)
    if metric_key is not None:
        try:
            check_breakdown(metric_key, key)
        except BreakdownError as exc:
            raise CellValueError(str(exc)) from None
    return key


def _breakdown_part(item: str, metric_key: str | None) -> tuple[str, str]:
    if "=" in item:
        dim, _, value_key = (s.strip().replace(" ", "_") for s in item.partition("="))
        return dim, value_key
    found = _DIMENSION_VALUES.get(item, [])
    if len(found) > 1 and metric_key in METRICS_BY_KEY:
        allowed = METRICS_BY_KEY[metric_key].dimensions
        found = [f for f in found if f[0] in allowed] or found
    if len(found) == 1:
        return found[0]
    if found:
        options = " or ".join(f"{d}={v}" for d, v in found)
        raise CellValueError(f'"{item}" could mean {options}: write which')
    raise CellValueError(
        f'"{item}" is not a breakdown the app knows. Use a label such as Child or Criminal, '
        '"All" for the total, or a key such as age=child'
    )
