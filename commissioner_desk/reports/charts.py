"""The trend charts of a briefing pack: national totals by quarter over five years.

Charts show national totals, never single forces. chart_data hides what the rule hides, as on
the Trends page: a small national figure becomes a gap marked as suppressed.
"""

from __future__ import annotations

from dataclasses import replace

from ..db.database import Database
from ..domain.periods import Period
from ..progress import Progress, check
from ..published.disclosure import SuppressionRule
from ..queries.series import ChartData, ChartRequest, chart_data
from .blocks import ChartFigure

QUARTERS_SHOWN = 20  # five years: long enough to see a trend past the seasons
CHARTS = (
    (ChartRequest("nrm_referrals"), "NRM referrals made by forces as first responders."),
    (
        ChartRequest("nrm_referrals", stack_by="age"),
        "NRM referrals by the age of the potential victim (stacked: the top line is the total "
        "of referrals whose age was given).",
    ),
    (ChartRequest("ms_crimes_recorded"), "Modern slavery offences recorded as crimes."),
    (
        ChartRequest("ms_charges"),
        "Suspects charged with a modern slavery offence.",
    ),
)


def first_quarter(period: Period, quarters: int = QUARTERS_SHOWN) -> Period:
    first = period
    for _ in range(quarters - 1):
        first = first.previous()
    return first


MIN_POINTS = 2  # a single point is not a trend


def drawable_points(data: ChartData) -> int:
    """Periods the chart can show: any line with a value; for stacked areas, every part (a
    missing part is a gap, never a nought)."""
    columns = list(zip(*(s.values for s in data.series), strict=True)) if data.series else []
    if data.stacked:
        return sum(1 for column in columns if all(v is not None for v in column))
    return sum(1 for column in columns if any(v is not None for v in column))


def trend_charts(
    db: Database,
    period: Period,
    held_from: Period | None,
    rule: SuppressionRule,
    progress: Progress,
) -> tuple[tuple[ChartFigure, ...], tuple[str, ...]]:
    """The charts, and the titles of those left out for too few quarters with figures. They
    start five years back, or at the first quarter holding figures if that is later."""
    first = first_quarter(period)
    if held_from is not None and held_from.start > first.start:
        first = held_from
    figures, left_out = [], []
    for request, words in CHARTS:
        check(progress)
        data = chart_data(db, replace(request, first=first.key, last=period.key), rule)
        if drawable_points(data) < MIN_POINTS:
            left_out.append(data.title)
            continue
        caption = (
            f"{words} All forces, by quarter, {first.label} to {period.label}. Each point adds "
            "up the forces that gave a figure that quarter; gaps are quarters with none, or a "
            "total small enough to be hidden."
        )
        figures.append(ChartFigure(data, caption))
    return tuple(figures), tuple(left_out)
