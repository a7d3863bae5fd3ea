"""Trends: any metric over time, nationally or for up to eight forces, as counts or rates, by
quarter or year, stacked by a breakdown, with events marked and exports of what is shown.

The page reads a metric's figures once (a SeriesCube) and redraws from memory on every other
choice: ticking a force or changing the measure costs milliseconds, not a query.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.catalogue import DIMENSIONS, METRICS_BY_KEY
from commissioner_desk.queries.series import ChartData, ChartError, ChartRequest

from ...metric_choices import fill_metric_box, metric_items
from ..base import Page, page_heading
from .controls import (
    EXPORTS,
    GRAINS,
    MEASURES,
    combo,
    empty_state,
    labelled,
    quarters_of,
    slug,
)
from .forces import ForcePicker


@dataclass(frozen=True)
class TrendsData:
    """What the trends page charts from, read off the UI thread (the query step's result)."""

    db: Any  # the Database it came from: later choices on the page read from it
    demo: bool
    disclosure: Any  # published.Disclosure: small counts are gaps here as in print (issue 7)
    events: tuple
    events_problem: str
    cube: Any  # published.PublishedSeries: the metric's series for the breakdowns asked


def read_trends(db, request: ChartRequest, folder: Path | None) -> TrendsData:
    """The trends page's query step: a plain function, run on the thread pool."""
    from commissioner_desk.demo import has_demo
    from commissioner_desk.domain.events import EventsError, load_events
    from commissioner_desk.published import series_cube
    from commissioner_desk.queries.series import breakdowns_needed

    from ... import read_cache

    try:
        events, problem = load_events(folder), ""
    except EventsError as exc:
        events, problem = (), f"Events are not marked: {exc}"
    disclosure = read_cache.disclosure(db, request.metric_key)  # shared with Map
    breakdowns = sorted(set(breakdowns_needed(request)))
    return TrendsData(
        db=db,
        demo=has_demo(db),
        disclosure=disclosure,
        events=tuple(events),
        events_problem=problem,
        cube=series_cube(db, request.metric_key, breakdowns, disclosure),
    )


def ask_save_path(parent: QWidget, title: str, suggested: Path, filters: str) -> Path | None:
    """The file to save to, or None if cancelled (tests patch this one call)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(name) if name else None


class TrendsPage(Page):
    title = "Trends"
    key = "trends"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...charts.trend_chart import TrendChart  # pyqtgraph: loaded with this page only

        self._db = None
        self._rule = None  # the disclosure rule and what it hides of the cube's metric
        self._cube = None
        self._events: tuple = ()
        self._demo = False
        self._last_folder = Path.home()
        self._quiet = False
        self.data: ChartData | None = None

        self.metric_box = combo(metric_items())
        self.breakdown_box = QComboBox()
        self.stack_box = QComboBox()
        self.measure_box = combo(MEASURES)
        self.grain_box = combo(GRAINS)
        self.rolling_check = QCheckBox("Rolling four quarters")
        self.rolling_check.setToolTip("Each point is the sum of that quarter and the three before")
        self.change_check = QCheckBox("Change on a year before")
        self.change_check.setToolTip("% change on the same period a year earlier")
        self.export_button = QPushButton("Export")
        self.export_button.setToolTip("Save the chart as shown: PNG, SVG or CSV (Ctrl+E)")
        menu = QMenu(self.export_button)
        for text, suffix, _filter in EXPORTS:
            menu.addAction(text, lambda s=suffix: self.export(s))
        self.export_button.setMenu(menu)
        shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.export(None))

        self.chart = TrendChart()
        self.message = QLabel()
        self.message.setObjectName("openingLabel")
        self.message.setWordWrap(True)
        self.empty_box = empty_state(self.command_requested.emit)
        self.stack = QStackedWidget()
        for w in (self.chart, self.message, self.empty_box):
            self.stack.addWidget(w)
        self.picker = ForcePicker()
        self.picker.changed.connect(self.recompute)
        self.note = QLabel()
        self.note.setObjectName("pageSubtitle")
        self.note.setWordWrap(True)

        heading = QHBoxLayout()
        heading.addWidget(page_heading("Trends"))
        heading.addStretch(1)
        heading.addWidget(self.export_button)
        what, how = QHBoxLayout(), QHBoxLayout()
        labelled(what, "Metric:", self.metric_box)
        labelled(what, "Breakdown:", self.breakdown_box)
        labelled(what, "Stack by:", self.stack_box)
        what.addStretch(1)
        labelled(how, "Show:", self.measure_box)
        labelled(how, "By:", self.grain_box)
        how.addWidget(self.rolling_check)
        how.addWidget(self.change_check)
        how.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("trendsSplitter")
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.picker)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([740, 270])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(what)
        layout.addLayout(how)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.note)

        self.metric_box.currentIndexChanged.connect(self._metric_changed)
        for box in (self.breakdown_box, self.stack_box, self.measure_box, self.grain_box):
            box.currentIndexChanged.connect(self.recompute)
        for check in (self.rolling_check, self.change_check):
            check.toggled.connect(self.recompute)
        self._fill_breakdowns()

    # ----- data -----------------------------------------------------------------------------

    def query(self):
        if fill_metric_box(self.metric_box):  # the office's own metrics may have changed
            self._fill_breakdowns()
        request, folder = self.current_request(), self.folders.data
        return lambda db: read_trends(db, request, folder)

    def show_data(self, data: TrendsData) -> None:
        self._db = data.db
        self._demo, self._rule = data.demo, data.disclosure
        self._events = data.events
        self.note.setText(data.events_problem)
        self._cube = data.cube  # the figures read afresh
        self.picker.set_forces(self._cube.forces_with_figures())
        self.picker.set_quarters(quarters_of(self._cube))
        self.recompute()  # from the cube in hand, unless the choices changed meanwhile

    def show_metric(self, metric_key: str, force_code: str | None = None) -> None:
        """Open on a metric's trend: nationally, or for one force (click-through from Home and
        the force profile). Measure and period choices stay as they were."""
        index = self.metric_box.findData(metric_key)
        if index < 0:
            return
        self._quiet = True  # one redraw at the end, not one per control set
        try:
            self.metric_box.setCurrentIndex(index)
            self.breakdown_box.setCurrentIndex(0)
            self.stack_box.setCurrentIndex(0)
            if self._db is not None:
                self._load_cube()
            self.picker.set_ticked([force_code] if force_code else [])
            # Beside all forces as a rate; as a count the total would flatten the force's line.
            self.picker.include_all.setChecked(self.measure_box.currentData() == "rate")
        finally:
            self._quiet = False
        self.recompute()

    def _metric_changed(self) -> None:
        self._fill_breakdowns()
        self.recompute()

    def _fill_breakdowns(self) -> None:
        metric = METRICS_BY_KEY[self.metric_box.currentData()]
        keep_bd, keep_stack = self.breakdown_box.currentData(), self.stack_box.currentData()
        for box in (self.breakdown_box, self.stack_box):
            box.blockSignals(True)
            box.clear()
        self.breakdown_box.addItem("All", "")
        self.stack_box.addItem("None", "")
        for dim in metric.dimensions:
            dimension = DIMENSIONS[dim]
            self.stack_box.addItem(dimension.label, dim)
            for key, label in dimension.values:
                self.breakdown_box.addItem(f"{dimension.label}: {label}", f"{dim}={key}")
        for box, keep in ((self.breakdown_box, keep_bd), (self.stack_box, keep_stack)):
            box.setCurrentIndex(max(box.findData(keep), 0) if keep else 0)
            box.setEnabled(box.count() > 1)
            box.blockSignals(False)
        # A percentage is charted as it is, force by force: no rate, change or rolling sums.
        self.measure_box.model().item(1).setEnabled(metric.has_rate)
        if not metric.has_rate:
            self.measure_box.setCurrentIndex(0)
        for check in (self.change_check, self.rolling_check):
            check.setEnabled(metric.has_rate)

    def current_request(self) -> ChartRequest:
        quarterly = self.grain_box.currentData() == "quarter"
        ratio = METRICS_BY_KEY[self.metric_box.currentData()].has_rate  # not a percentage
        self.rolling_check.setEnabled(quarterly and ratio)
        first, last = self.picker.period_range()
        forces = self.picker.ticked()
        return ChartRequest(
            metric_key=self.metric_box.currentData(),
            forces=forces,
            breakdown=self.breakdown_box.currentData() or "",
            stack_by=self.stack_box.currentData() or "",
            measure=self.measure_box.currentData() if ratio else "count",
            granularity=self.grain_box.currentData(),
            rolling=quarterly and ratio and self.rolling_check.isChecked(),
            change=ratio and self.change_check.isChecked(),
            include_national=ratio and bool(forces) and self.picker.include_all.isChecked(),
            first=first,
            last=last,
        )

    def _load_cube(self, request: ChartRequest | None = None) -> None:
        """Read the metric's figures unless the cube in hand already holds what is asked."""
        from commissioner_desk.published import series_cube
        from commissioner_desk.queries.series import breakdowns_needed

        from ... import read_cache

        request = request or self.current_request()
        cube = self._cube
        if cube is not None and cube.covers(request):
            return
        wanted = set(breakdowns_needed(request))
        if cube is not None and cube.metric_key == request.metric_key:
            wanted |= set(cube.breakdowns)  # keep what was read: going back costs nothing
        if cube is None or cube.metric_key != request.metric_key:
            self._rule = read_cache.disclosure(self._db, request.metric_key)
        self._cube = series_cube(self._db, request.metric_key, sorted(wanted), self._rule)
        self.picker.set_forces(self._cube.forces_with_figures())
        self.picker.set_quarters(quarters_of(self._cube))

    def recompute(self) -> None:
        """Redraw for the choices made: from the cube in memory unless the metric or the
        breakdowns need another read."""
        if self._db is None or self._quiet:
            return
        request = self.current_request()
        try:
            self._load_cube(request)
            request = self.current_request()  # ticks may have dropped with another metric
            data = self._cube.chart(request)
        except ChartError as exc:
            self._show_message(str(exc))
            return
        self.data = data
        if data.is_empty:
            self._show_empty(request)
            return
        self.chart.set_data(data, self._events, self._demo)
        self.stack.setCurrentWidget(self.chart)
        self.export_button.setEnabled(True)

    def _show_message(self, text: str) -> None:
        self.data = None
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.export_button.setEnabled(False)

    def _show_empty(self, request: ChartRequest) -> None:
        from commissioner_desk.queries.figures import count_current

        if count_current(self._db) == 0:
            self.data = None
            self.stack.setCurrentWidget(self.empty_box)
            self.export_button.setEnabled(False)
            return
        metric = METRICS_BY_KEY[request.metric_key].label
        self._show_message(
            f"No figures for {metric} with these choices. Try another breakdown, period or "
            "force, or import the returns that hold them."
        )

    # ----- export ---------------------------------------------------------------------------

    def export(self, suffix: str | None) -> Path | None:
        """Save the chart as shown (series hidden in the legend left out) to a chosen file."""
        from ... import messages
        from ...charts.export import export_chart

        if self.data is None:
            return None
        choices = [e for e in EXPORTS if suffix in (None, e[1])]
        filters = ";;".join(f for _t, _s, f in choices)
        name = slug(self.data.title) + (suffix or ".png")
        path = ask_save_path(self, "Export the chart", self._last_folder / name, filters)
        if path is None:
            return None
        if path.suffix.lower() not in (".png", ".svg", ".csv"):
            path = path.with_name(path.name + (suffix or ".png"))
        try:
            export_chart(
                self.data, path, events=self._events, demo=self._demo, hidden=self.chart.hidden
            )
        except (OSError, ValueError) as exc:
            messages.show_error(self, "The chart could not be saved", exc)
            return None
        self._last_folder = path.parent
        self.note.setText(f"Saved {path.name} to {path.parent}.")
        return path
