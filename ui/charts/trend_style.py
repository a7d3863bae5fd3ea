"""Colours, value formats and axes for trend charts: one look for the screen and exports."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import numpy as np
import PySide6  # noqa: F401  (first: pyqtgraph uses the Qt binding already imported)

# isort: split
import pyqtgraph as pg
from PySide6.QtGui import QColor

from commissioner_desk.domain.periods import Period
from commissioner_desk.formatting import figure
from commissioner_desk.queries.series import NATIONAL, ChartData, ChartRequest

# Paul Tol's "muted" scheme: nine colours told apart with any common colour-vision deficiency
# and all dark enough for a line on white. Okabe–Ito has only seven once black and yellow (too
# pale on white) are set aside, and the comparison needs eight forces plus the national line.
PALETTE = (
    "#332288",  # indigo
    "#CC6677",  # rose
    "#117733",  # green
    "#88CCEE",  # cyan
    "#AA4499",  # purple
    "#DDCC77",  # sand
    "#44AA99",  # teal
    "#882255",  # wine
    "#999933",  # olive
)
NATIONAL_COLOUR = "#222222"  # the national line beside forces: dark and dashed
# A marker shape per line too, so lines stay apart in greyscale print and for any reader.
SYMBOLS = ("o", "s", "t", "d", "t1", "p", "h", "star", "x")
EVENT_COLOUR = "#7a4f00"
GRID_ALPHA = 0.18


def timestamp(d: date) -> float:
    """Seconds since 1970 at the start of the day in UTC: what DateAxisItem reads."""
    return datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp()


def format_value(value: float | None, request: ChartRequest, unit: str = "count") -> str:
    """A value as the readout shows it: counts with commas, rates to 2 dp, change signed %,
    FTEs and percentages to at most 2 dp."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if request.change:
        return f"{value:+,.1f}%"
    if request.measure == "rate":
        return f"{value:,.2f}"
    return figure(value, unit)


class PeriodAxis(pg.DateAxisItem):
    """Bottom axis labelled with the chart's own periods ("2023 Q4", "2023", "2023/24").

    Ticks sit on the periods' start dates. When every quarter cannot be labelled, the labels
    thin to years (at Q1) and then to every 2, 5 or 10 years; unlabelled periods keep a short
    tick so the eye can still count them."""

    def __init__(self) -> None:
        super().__init__(orientation="bottom", utcOffset=0)
        # The first period's label may stick out a little to the left of the plot.
        self.setStyle(hideOverlappingLabels=30)
        self._xs: list[float] = []
        self._labels: list[str] = []
        self._quarterly = True
        self._text: dict[float, str] = {}

    def set_periods(self, xs: Sequence[float], labels: Sequence[str], quarterly: bool) -> None:
        self._xs, self._labels, self._quarterly = list(xs), list(labels), quarterly
        self.picture = None  # drop pyqtgraph's cached drawing of the old ticks
        self.update()

    def _text_width(self, text: str) -> float:
        metrics = getattr(self, "fontMetrics", None)
        if metrics is None:
            return 7.0 * len(text)
        return float(metrics.horizontalAdvance(text))

    def tickValues(self, minVal, maxVal, size):
        shown = [i for i, x in enumerate(self._xs) if minVal <= x <= maxVal]
        if not shown or size <= 0:
            return []
        per_period = size / max(maxVal - minVal, 1.0) * _spacing(self._xs)
        self._text = {}
        if self._quarterly:
            whole = self._text_width("2023 Q4") + 14
            if per_period >= whole:
                major = shown
                self._text = {self._xs[i]: self._labels[i] for i in major}
                return [(0, [self._xs[i] for i in major])]
            per_year = per_period * 4
            year_w = self._text_width("2023") + 14
            step = next((n for n in (1, 2, 5, 10, 20) if per_year * n >= year_w), 50)
            major = [
                i
                for i in shown
                if self._labels[i].endswith("Q1") and _year(self._labels[i]) % step == 0
            ]
            self._text = {self._xs[i]: self._labels[i][:4] for i in major}
        else:
            width = max(self._text_width(label) for label in self._labels) + 14
            step = next((n for n in (1, 2, 5, 10, 20) if per_period * n >= width), 50)
            major = [i for i in shown if _year(self._labels[i]) % step == 0]
            self._text = {self._xs[i]: self._labels[i] for i in major}
        minor = [self._xs[i] for i in shown if i not in major] if per_period >= 4 else []
        return [(1, [self._xs[i] for i in major]), (0, minor)]

    def tickStrings(self, values, scale, spacing):
        return [self._text.get(v, "") for v in values]


class NumberAxis(pg.AxisItem):
    """Left axis with thousands separators (1,200 not 1.2k), and signed % for change."""

    def __init__(self) -> None:
        super().__init__(orientation="left")
        self.enableAutoSIPrefix(False)
        self.percent = False

    def tickValues(self, minVal, maxVal, size):
        return super().tickValues(minVal, maxVal, size)[:1]  # no minor grid lines: calmer

    def tickStrings(self, values, scale, spacing):
        places = 0 if spacing >= 1 else min(4, math.ceil(-math.log10(spacing)))
        if self.percent:
            return [f"{v * scale:+,.{places}f}%" if v else "0%" for v in values]
        return [f"{v * scale:,.{places}f}" for v in values]


def _spacing(xs: Sequence[float]) -> float:
    return (xs[-1] - xs[0]) / (len(xs) - 1) if len(xs) > 1 else 90 * 86400.0


def _year(label: str) -> int:
    return int(label[:4])


def series_colours(data: ChartData) -> list[str]:
    compare = len(data.series) > 1
    out, n = [], 0
    for s in data.series:
        if s.key == NATIONAL and compare and not data.stacked:
            out.append(NATIONAL_COLOUR)
        else:
            out.append(PALETTE[n % len(PALETTE)])
            n += 1
    return out


def as_array(values: Sequence[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def plotted(xs: np.ndarray, values: Sequence[float | None]) -> tuple[np.ndarray, np.ndarray]:
    """x and y to plot; nothing at all for a series with no figure (pyqtgraph warns on an
    all-NaN series, and there is nothing to draw)."""
    y = as_array(values)
    if np.isnan(y).all():
        return np.zeros(0), np.zeros(0)
    return xs, y


def faded(colour: str) -> QColor:
    c = QColor(colour)
    c.setAlpha(150)
    return c


def period_ends(keys: Sequence[str]) -> list[date]:
    """The day after each period: events from a period's start up to this fall inside it."""
    return [Period.from_key(k).end + timedelta(days=1) for k in keys]


def stack_tops(parts: Sequence[Sequence[float | None]], n: int) -> tuple[np.ndarray, np.ndarray]:
    """For stacked areas: which periods have every part known, and each part's cumulative
    top, NaN wherever any part is unknown (a missing part is never taken as 0)."""
    values = np.array([as_array(p) for p in parts], dtype=float).reshape(len(parts), n)
    known = ~np.isnan(values).any(axis=0)
    return known, np.where(known, np.cumsum(np.nan_to_num(values), axis=0), np.nan)
