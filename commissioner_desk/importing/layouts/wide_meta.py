"""What a table by force counts and for when, when its columns do not say: from the user
(`ctx.options`), else the title rows above the header, else (the metric only) a saved
profile. When none says, ONE error asks for it rather than a guess.

The user's word wins: a metric or period chosen explicitly is used even where the title names
another, with a warning that gives both, so a choice is never silently replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from commissioner_desk.domain.catalogue import METRICS_BY_KEY
from commissioner_desk.domain.periods import Period, PeriodParseError, parse_period

from ..checks.cells import cell_ref
from ..checks.problems import Problem, error, warning
from ..model import ReadContext
from ..readers.workbook import Sheet
from .footnotes import strip_title_notes
from .headers import Located
from .profiles import ProfileData
from .wide_titles import clean, metrics_in_text, periods_in_text, snapshot_date

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
    snapshot: date | None = None  # a count on one day ("as at 31 March 2024")


def title_cells(sheet: Sheet, located: Located) -> list[tuple[int, int, str]]:
    """Text cells above the header that may state what the table is (notes excluded), without
    their note markers. Only the table's own rows: not the title of a table above it."""
    out = []
    # A table under the heading of the table above it (the same forces again) has its title
    # between the two: from where the table above ends to its own first row.
    top, heading = located.top_row, located.header_rows[0]
    for r in range(top, heading if heading >= top else located.first_row):
        for c, value in enumerate(sheet.rows[r] if r < len(sheet.rows) else ()):
            if isinstance(value, str) and value.strip() and not NOTE_STARTS.match(clean(value)):
                out.append((r, c, strip_title_notes(value)))
    return out


def table_title(sheet: Sheet, located: Located) -> str:
    """The table's title as the preview and the list of tables show it ("" when none)."""
    cells = title_cells(sheet, located)
    titled = [text for _, _, text in cells if _TITLE_START.match(text)]
    return " ".join((titled or [text for _, _, text in cells] or [""])[0].split())


_TITLE_START = re.compile(r"^\s*(?:table|figure|chart)\b", re.IGNORECASE)


def table_metric(
    sheet: Sheet, located: Located, ctx: ReadContext, profile: ProfileData | None
) -> Found:
    said = [(r, c, m) for r, c, text in title_cells(sheet, located) for m in metrics_in_text(text)]
    in_title = list(dict.fromkeys(m for _, _, m in said))
    chosen = ctx.options.metric
    if chosen is not None and chosen not in METRICS_BY_KEY:
        return Found(None, "", None, (), f'"{chosen}" is not a metric the app knows')
    if chosen:
        others = [m for m in in_title if m != chosen]
        problems = ()
        if others:
            named = " and ".join(METRICS_BY_KEY[m].label for m in others)
            problems = (
                warning(
                    sheet.name,
                    cell_ref(*said[0][:2]),
                    f"The title seems to say the table counts {named}, but you chose "
                    f"{METRICS_BY_KEY[chosen].label}: the figures were read as "
                    f"{METRICS_BY_KEY[chosen].label}, as you said. Check that is right.",
                ),
            )
        return Found(chosen, "options", None, problems)
    if len(in_title) == 1:
        return Found(in_title[0], "title", cell_ref(*said[0][:2]), ())
    if profile and profile.metric_key in METRICS_BY_KEY:
        return Found(profile.metric_key, "profile", None, ())
    why = "The title names more than one measure. " if len(in_title) > 1 else ""
    return Found(None, "", None, (), why + "This table does not say what it counts")


def metric_error(why: str) -> str:
    listed = ", ".join(f"{m.key} ({m.label})" for m in METRICS_BY_KEY.values())
    return (
        f"{why}: choose the metric (--metric KEY on the command line, or the mapping step in "
        f"the app). The metrics are: {listed}."
    )


def table_period(sheet: Sheet, located: Located, ctx: ReadContext) -> Found:
    chosen, bad = options_period(ctx.options.period)
    if bad:
        return Found(None, "", None, (), bad)
    said = []
    for r, c, text in title_cells(sheet, located):
        said += [(r, c, p, None) for p in periods_in_text(text)]
        if (day := snapshot_date(text)) is not None:
            said.append((r, c, Period.quarter_of(day.year, (day.month - 1) // 3 + 1), day))
    in_title = list(dict.fromkeys(p for _, _, p, _ in said))
    if chosen:
        problems = ()
        if in_title and chosen not in in_title:
            stated = ", ".join(p.label for p in in_title)
            problems = (
                warning(
                    sheet.name,
                    cell_ref(*said[0][:2]),
                    f"The title seems to say the table covers {stated}, but you chose "
                    f"{chosen.label}: the figures were filed under {chosen.key}, as you said. "
                    "Check that is right.",
                ),
            )
        return Found(chosen, "options", None, problems)
    if len(in_title) == 1:
        r, c, period, day = said[0]
        return Found(period, "title", cell_ref(r, c), (), snapshot=day)
    several = ", ".join(p.key for p in in_title)
    why = f"The title names more than one period ({several}). " if several else ""
    return Found(None, "", None, (), why + "This table does not say which period it covers")


def period_error(why: str) -> str:
    return (
        f"{why}: choose it (--period on the command line, for example --period 2024-Q1, or "
        "the mapping step in the app)."
    )


def options_period(text: str | None) -> tuple[Period | None, str | None]:
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
