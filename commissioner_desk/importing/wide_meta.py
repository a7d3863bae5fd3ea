"""What a table by force counts and for when, when its columns do not say: from the title rows
above the header, else from the user (`ctx.options`), else (the metric only) a saved profile.
When none says, ONE error asks for it rather than a guess.

The file wins over the user: a title that names a period or measure is used even when the
user chose another, with a warning, because the user's choice is for files that do not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from commissioner_desk.domain.catalogue import METRICS, METRICS_BY_KEY
from commissioner_desk.domain.periods import Period, PeriodParseError, parse_period

from .cells import cell_ref
from .headers import Located
from .model import ReadContext
from .problems import Problem, error, warning
from .profiles import ProfileData
from .wide_titles import clean, metrics_in_text, periods_in_text
from .workbook import Sheet

# Lines above a table that describe the publication rather than the table.
NOTE_STARTS = re.compile(
    r"^(?:sources?|notes?|published|publication|release|released|next update|contact|e-?mail"
    r"|link|some cells|this worksheet|freeze panes)\b"
)


@dataclass(frozen=True)
class Found:
    """What the table counts or covers, where it was found, and what else was said."""

    value: object  # a metric key or a Period; None when unknown
    source: str  # "title", "options", "profile" or ""
    cell: str | None  # the title cell it came from
    problems: tuple[Problem, ...]
    ask: str = ""  # why it is unknown and how to say it (for the one error)


def title_cells(sheet: Sheet, located: Located) -> list[tuple[int, int, str]]:
    """Text cells above the header that may state what the table is (notes excluded)."""
    out = []
    for r in range(located.header_rows[0]):
        for c, value in enumerate(sheet.rows[r] if r < len(sheet.rows) else ()):
            if isinstance(value, str) and value.strip() and not NOTE_STARTS.match(clean(value)):
                out.append((r, c, value))
    return out


def table_metric(
    sheet: Sheet, located: Located, ctx: ReadContext, profile: ProfileData | None
) -> Found:
    said = [(r, c, m) for r, c, text in title_cells(sheet, located) for m in metrics_in_text(text)]
    in_title = list(dict.fromkeys(m for _, _, m in said))
    chosen = ctx.options.metric
    if chosen is not None and chosen not in METRICS_BY_KEY:
        return Found(None, "", None, (), f'"{chosen}" is not a metric the app knows')
    if len(in_title) == 1:
        metric, cell = in_title[0], cell_ref(*said[0][:2])
        problems = ()
        if chosen and chosen != metric:
            problems = (
                warning(
                    sheet.name,
                    cell,
                    f"The title says the table counts {METRICS_BY_KEY[metric].label}, so that "
                    f"was used rather than the {METRICS_BY_KEY[chosen].label} you chose.",
                ),
            )
        return Found(metric, "title", cell, problems)
    if chosen:
        return Found(chosen, "options", None, ())
    if profile and profile.metric_key in METRICS_BY_KEY:
        return Found(profile.metric_key, "profile", None, ())
    why = "The title names more than one measure. " if len(in_title) > 1 else ""
    return Found(None, "", None, (), why + "This table does not say what it counts")


def metric_error(why: str) -> str:
    listed = ", ".join(f"{m.key} ({m.label})" for m in METRICS)
    return (
        f"{why}: choose the metric (--metric KEY on the command line, or the mapping step in "
        f"the app). The metrics are: {listed}."
    )


def table_period(sheet: Sheet, located: Located, ctx: ReadContext) -> Found:
    chosen, bad = _options_period(ctx.options.period)
    if bad:
        return Found(None, "", None, (), bad)
    said = [(r, c, p) for r, c, text in title_cells(sheet, located) for p in periods_in_text(text)]
    in_title = list(dict.fromkeys(p for _, _, p in said))
    if len(in_title) == 1:
        period, cell = in_title[0], cell_ref(*said[0][:2])
        problems = ()
        if chosen and chosen != period:
            problems = (
                warning(
                    sheet.name,
                    cell,
                    f"The title says the table covers {period.label}, so that was used "
                    f"rather than the period you chose ({chosen.key}).",
                ),
            )
        return Found(period, "title", cell, problems)
    if chosen:
        return Found(chosen, "options", None, ())
    several = ", ".join(p.key for p in in_title)
    why = f"The title names more than one period ({several}). " if several else ""
    return Found(None, "", None, (), why + "This table does not say which period it covers")


def period_error(why: str) -> str:
    return (
        f"{why}: choose it (--period on the command line, for example --period 2024-Q1, or "
        "the mapping step in the app)."
    )


def _options_period(text: str | None) -> tuple[Period | None, str | None]:
    if not text:
        return None, None
    try:
        return Period.from_key(text), None
    except PeriodParseError:
        try:
            return parse_period(text), None
        except PeriodParseError as exc:
            return None, str(exc).rstrip(".")


def one_error(sheet: Sheet, *messages: str) -> Problem:
    """Metric and period both unknown: still one error, saying both."""
    return error(sheet.name, None, " ".join(m for m in messages if m))
