"""The trend chart: a ChartData drawn with pyqtgraph, on screen and in exported files.

Gaps stay gaps: a None is NaN and lines are drawn with connect="finite", so a missing or
suppressed figure breaks the line (a lone figure between gaps still shows as a marker). A
stacked chart is a gap wherever any shown part is unknown: a missing part is never taken as 0.

Redraws reuse their PlotDataItems (setData), so changing the forces compared costs a few
milliseconds rather than a rebuilt plot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import numpy as np
import PySide6  # noqa: F401  (first: pyqtgraph uses the Qt binding already imported)

# isort: split
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QWidget

from commissioner_desk.domain.events import ChartEvent
from commissioner_desk.queries.series import NATIONAL, ChartData

from .trend_marks import EventMarks, HoverMarks, Watermark
from .trend_readout import (
    ToggleLegend,
    events_in,
    period_heading,
    readout_html,
    readout_lines,
    readout_text,
)
from .trend_style import (
    GRID_ALPHA,
    SYMBOLS,
    NumberAxis,
    PeriodAxis,
    faded,
    period_ends,
    plotted,
    series_colours,
    stack_tops,
    timestamp,
)

pg.setConfigOptions(antialias=True, background="w", foreground="k")

NOTE = (
    "Gaps are figures missing, incomplete or suppressed [c] (small counts, and any that would "
    "let one be worked out): never read as zero."
)


class TrendChart(pg.GraphicsLayoutWidget):
    """Shows one ChartData: title, lines or stacked areas, legend, events and a hover readout."""

    hovered = Signal(int)  # the period index under the mouse, -1 when it leaves the plot

    def __init__(
        self, parent: QWidget | None = None, *, pen_scale: float = 1.0, for_file: bool = False
    ) -> None:
        super().__init__(parent)
        self.pen_scale = pen_scale  # exports drawn at 2× pass 2: Qt keeps line widths in pixels
        self.for_file = for_file  # a file's legend leaves hidden series out: no clicking there
        self.data: ChartData | None = None
        self.events: tuple[ChartEvent, ...] = ()
        self.hidden: set[str] = set()  # series keys hidden from the legend
        self.xs = np.zeros(0)
        self.ends: list[date] = []
        self.colours: list[str] = []
        self.curves: list[pg.PlotDataItem] = []
        self.fills: list[pg.FillBetweenItem] = []
        self.hover_index = -1
        self._legend_key: tuple = ()
        self._events_drawn: list[ChartEvent] = []
        self.setAccessibleName("Trend chart")

        ci = self.ci
        ci.setContentsMargins(8, 6, 14, 4)
        self.title_label = ci.addLabel("", row=0, col=0, size="12pt", bold=True, justify="left")
        self.bottom_axis = PeriodAxis()
        self.left_axis = NumberAxis()
        self.plot_item: pg.PlotItem = ci.addPlot(
            row=1, col=0, axisItems={"bottom": self.bottom_axis, "left": self.left_axis}
        )
        self.legend = ToggleLegend(colCount=3, labelTextSize="9pt", frame=False)
        ci.addItem(self.legend, row=2, col=0)
        # Left-aligned at its own width: two entries stay side by side, not at either edge.
        self.legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignLeft)
        self.legend.sigSampleClicked.connect(self._legend_clicked)
        self.note_label = ci.addLabel(NOTE, row=3, col=0, size="8pt", color="#555", justify="left")
        self._style_plot()
        self.base = pg.PlotDataItem()  # the bottom edge of a stack: 0, with the stack's gaps
        self.base.setVisible(False)
        self.plot_item.addItem(self.base)
        self.hover = HoverMarks(self.plot_item, self._pen)
        self.zero_line = pg.InfiniteLine(pos=0, angle=0, pen=self._pen("#555555", 1))
        self.zero_line.setVisible(False)
        self.plot_item.addItem(self.zero_line, ignoreBounds=True)
        self.event_marks = EventMarks(self.plot_item, self._pen)
        self.watermark = Watermark(self.plot_item.getViewBox())
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    # ----- building -------------------------------------------------------------------------

    def _pen(self, colour: str, width: float, dashed: bool = False):
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        return pg.mkPen(colour, width=width * self.pen_scale, style=style)

    def _style_plot(self) -> None:
        p = self.plot_item
        p.setMenuEnabled(False)
        p.hideButtons()
        vb = p.getViewBox()
        vb.setMouseEnabled(False, False)  # the period boxes choose the range; no stray zoom
        vb.setMenuEnabled(False)
        p.showGrid(x=False, y=True, alpha=GRID_ALPHA)
        for axis in (self.bottom_axis, self.left_axis):
            axis.setPen(self._pen("#444444", 1))
            axis.setTextPen(pg.mkPen("#222222"))
        self.left_axis.setWidth(64)

    # ----- data -----------------------------------------------------------------------------

    def set_data(
        self,
        data: ChartData,
        events: Sequence[ChartEvent] | None = None,
        demo: bool | None = None,
        hidden: Sequence[str] | None = None,
    ) -> None:
        """Show `data`; `events`, `demo` and the `hidden` series keys stay as they were when
        not given."""
        if events is not None:
            self.events = tuple(events)
        if hidden is not None:
            self.hidden = set(hidden)
        if demo is not None:
            self.watermark.set_shown(demo)
        self.data = data
        self.title_label.setText(data.title)
        self.xs = np.array([timestamp(d) for d in data.starts], dtype=float)
        self.ends = period_ends(data.periods)
        quarterly = data.request.granularity == "quarter"
        self.bottom_axis.set_periods(self.xs, data.labels, quarterly)
        self.left_axis.percent = data.request.change
        self.left_axis.setLabel(data.y_label)
        keys = {s.key for s in data.series}
        self.hidden &= keys
        self.colours = series_colours(data)
        if data.stacked:
            self._draw_stacked()
        else:
            self._draw_lines()
        for curve in self.curves[len(data.series) :]:
            curve.setData([], [])
            curve.setVisible(False)
        self._update_legend()
        self._draw_events()
        self._fit()
        self.show_readout(self.hover_index if self.hover_index < len(self.xs) else -1)

    def _draw_lines(self) -> None:
        data = self.data
        for fill in self.fills:
            fill.setVisible(False)
        compare = len(data.series) > 1
        size = 6 if len(self.xs) <= 24 else 5  # smaller markers where points crowd
        for n, s in enumerate(data.series):
            national = s.key == NATIONAL and compare
            curve = self._curve(n)
            width = 2.6 if national else 2.0
            x, y = plotted(self.xs, s.values)
            curve.setData(
                x,
                y,
                connect="finite",
                pen=self._pen(self.colours[n], width, dashed=national),
                symbol="o" if national else SYMBOLS[n % len(SYMBOLS)],
                symbolSize=size - 1 if national else size,
                symbolBrush=self.colours[n],
                symbolPen=pg.mkPen(self.colours[n]),
                name=s.label,
            )
            curve.setZValue(5 if national else 0)
            curve.setVisible(s.key not in self.hidden)

    def _draw_stacked(self) -> None:
        """Cumulative tops of the shown parts; a period with any shown part unknown is a gap
        in the whole stack."""
        data = self.data
        shown = [n for n, s in enumerate(data.series) if s.key not in self.hidden]
        known, tops = stack_tops([data.series[n].values for n in shown], len(self.xs))
        self.base.setData(self.xs, np.where(known, 0.0, np.nan), connect="finite")
        below: pg.PlotDataItem = self.base
        level = 0
        for n, s in enumerate(data.series):
            curve = self._curve(n)
            fill = self._fill(n, below, curve)
            colour = self.colours[n]
            if s.key in self.hidden:
                x, y = plotted(self.xs, s.values)  # off the stack: kept for its legend entry
                curve.setData(x, y, connect="finite", pen=self._pen(colour, 1.5), name=s.label)
                curve.setVisible(False)
                fill.setVisible(False)
                continue
            curve.setData(
                self.xs,
                tops[level],
                connect="finite",
                pen=self._pen(colour, 1.5),
                symbol="o",
                symbolSize=4,
                symbolBrush=colour,
                symbolPen=pg.mkPen(colour),
                name=s.label,
            )
            curve.setVisible(True)
            curve.setZValue(0)
            if fill.curves != [below, curve]:
                fill.setCurves(below, curve)
            fill.setBrush(faded(colour))
            fill.setZValue(-10)
            fill.setVisible(True)
            below, level = curve, level + 1
        for fill in self.fills[len(data.series) :]:
            fill.setVisible(False)

    def _curve(self, n: int) -> pg.PlotDataItem:
        while len(self.curves) <= n:
            curve = pg.PlotDataItem()
            self.curves.append(curve)
            self.plot_item.addItem(curve)
        return self.curves[n]

    def _fill(self, n: int, below: pg.PlotDataItem, curve: pg.PlotDataItem) -> pg.FillBetweenItem:
        while len(self.fills) <= n:
            fill = pg.FillBetweenItem(below, curve)
            self.fills.append(fill)
            self.plot_item.addItem(fill)
        return self.fills[n]

    def _update_legend(self) -> None:
        """Left alone when the same series are shown (another measure or period range)."""
        data = self.data
        n_series = len(data.series)
        empty = [all(v is None for v in s.values) for s in data.series]
        key = (data.stacked, tuple(zip((s.label for s in data.series), empty, strict=True)))
        if self.for_file:
            key += (frozenset(self.hidden),)
        if key == self._legend_key:
            return
        order = list(range(n_series))
        if data.stacked:
            order.reverse()  # the top of a stack first, as the eye meets it
        if self.for_file:
            order = [n for n in order if data.series[n].key not in self.hidden]
        # A series with no figure draws nothing: the legend says so rather than leave the
        # reader hunting for its line.
        entries = [
            (self.curves[n], data.series[n].label + (" (no figures)" if empty[n] else ""))
            for n in order
        ]
        self.legend.set_entries(entries)
        self._legend_key = key

    def _legend_clicked(self, item) -> None:
        """A legend entry was clicked: pyqtgraph has flipped the line's visibility already."""
        if item not in self.curves or self.data is None:
            return
        n = self.curves.index(item)
        key = self.data.series[n].key
        if item.isVisible():
            self.hidden.discard(key)
        else:
            self.hidden.add(key)
        if self.data.stacked:
            self._draw_stacked()
        self._fit()
        self.show_readout(self.hover_index)

    def toggle_series(self, key: str) -> None:
        """Hide or show a series as a click on its legend entry does (keyboard and tests)."""
        n = next(i for i, s in enumerate(self.data.series) if s.key == key)
        self.curves[n].setVisible(not self.curves[n].isVisible())
        self._legend_clicked(self.curves[n])

    def _draw_events(self) -> None:
        """Only the events inside the chart's periods; drawn again only when those change."""
        inside = events_in(self.events, self.data.starts[0], self.ends[-1]) if self.ends else []
        if inside != self._events_drawn:
            self.event_marks.draw(inside)
            self._events_drawn = inside

    def _fit(self) -> None:
        """Counts and rates start from nought, so a small change looks small; change on a year
        before is centred on a zero line."""
        if not len(self.xs):
            return
        half = (self.xs[-1] - self.xs[0]) / max(len(self.xs) - 1, 1) / 2 or 45 * 86400
        self.plot_item.setXRange(self.xs[0] - half, self.xs[-1] + half, padding=0)
        found = [
            curve.yData
            for curve in self.curves[: len(self.data.series)]
            if curve.isVisible() and curve.yData is not None and len(curve.yData)
        ]
        values = np.concatenate(found) if found else np.zeros(0)
        values = values[np.isfinite(values)]
        low = min(0.0, float(values.min())) if len(values) else 0.0
        high = max(0.0, float(values.max())) if len(values) else 1.0
        if high == low:
            high = low + 1.0
        span = high - low
        # A little room below nought, so the axis can write its 0.
        top = high + span * 0.06
        self.plot_item.setYRange(low - span * (0.04 if low < 0 else 0.015), top, padding=0)
        self.zero_line.setVisible(self.data.request.change)
        self.event_marks.place(top)

    def shown_data(self) -> ChartData | None:
        """The data as shown: without the series hidden from the legend (for exports)."""
        if self.data is None or not self.hidden:
            return self.data
        kept = tuple(s for s in self.data.series if s.key not in self.hidden)
        return replace(self.data, series=kept)

    # ----- hover ----------------------------------------------------------------------------

    def shown_series(self) -> list[int]:
        if self.data is None:
            return []
        return [n for n, s in enumerate(self.data.series) if s.key not in self.hidden]

    def readout_for(self, i: int) -> str:
        """The readout's words for period `i`: every shown series' exact value and note."""
        data = self.data
        lines = readout_lines(data, i, self.shown_series(), self.colours)
        return readout_text(period_heading(data, i), lines, self._events_at(i))

    def _events_at(self, i: int) -> list[ChartEvent]:
        return events_in(self.events, self.data.starts[i], self.ends[i])

    def show_readout(self, i: int) -> None:
        """Put the crosshair and readout on period `i` (-1 hides them)."""
        self.hover_index = i
        if self.data is None or not 0 <= i < len(self.xs):
            self.hover.hide()
            return
        data = self.data
        lines = readout_lines(data, i, self.shown_series(), self.colours)
        events = self._events_at(i)
        heading = period_heading(data, i)
        self.hover.show(
            self.xs[i], readout_html(heading, lines, events), readout_text(heading, lines, events)
        )

    def _mouse_moved(self, pos: QPointF) -> None:
        vb = self.plot_item.getViewBox()
        if self.data is None or not len(self.xs) or not vb.sceneBoundingRect().contains(pos):
            if self.hover_index != -1:
                self.show_readout(-1)
                self.hovered.emit(-1)
            return
        x = vb.mapSceneToView(pos).x()
        i = int(np.abs(self.xs - x).argmin())
        if i != self.hover_index:
            self.show_readout(i)
            self.hovered.emit(i)

    def leaveEvent(self, event) -> None:
        self.show_readout(-1)
        super().leaveEvent(event)

    def hide_hover(self) -> None:
        """No crosshair or readout: for drawing the chart into a file."""
        self.show_readout(-1)
