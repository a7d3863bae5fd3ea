"""Map: the national map of any metric, breakdown, period and measure, in either style."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.catalogue import DIMENSIONS, METRICS_BY_KEY

from ...map.canvas import MapCanvas
from ...metric_choices import fill_metric_box, metric_items
from ..base import Page, page_heading

MEASURES = (
    ("Number", "count"),
    ("Rate per 100,000", "rate"),
    ("Change on a year before", "change"),
)
STYLES = (("Geographic", "geo"), ("Hexagons", "hex"))
CLASSES = (
    ("Quantiles", "quantile"),
    ("Equal intervals", "equal"),
    ("Natural breaks", "jenks"),
    ("Your own breaks…", "custom"),
)


@dataclass(frozen=True)
class MapRequest:
    metric: str
    breakdown: str
    folder: Path | None  # the data folder: boundaries the user loaded
    geo_dir: Path | None
    flags: bool  # the low-reporting overlay is on


@dataclass(frozen=True)
class MapData:
    """What the map shows, read off the UI thread (the query step's result)."""

    request: MapRequest
    db: Any  # the Database it came from: later choices on the page read from it
    attribution: tuple[str, ...]
    demo: bool
    boundaries: Any  # maps.boundaries.Boundaries or None
    boundary_note: str
    disclosure: Any  # published.Disclosure: the rule and what it hides of every breakdown
    cube: Any  # the protected cube of the metric and breakdown
    flag_source: Any  # (low-reporting rule, its metric's flag judge) while the overlay is on


def read_map(db, request: MapRequest) -> MapData:
    """The map page's query step: a plain function, run on the thread pool."""
    from commissioner_desk.attribution import attribution_lines
    from commissioner_desk.demo import has_demo
    from commissioner_desk.published import flag_judge, map_cube

    from ... import read_cache

    boundaries, note = read_boundaries(request.folder, request.geo_dir)
    # What disclosure control hides covers every breakdown of the metric: read once per
    # metric, not again on each change of breakdown. Hidden counts never reach the colours,
    # tooltips or exports (issue 7).
    disclosure = read_cache.disclosure(db, request.metric)  # shared with Trends
    cube = map_cube(db, request.metric, request.breakdown, disclosure)
    flag_source = None
    if request.flags:
        from commissioner_desk.stats.rule_store import load_rule

        flag_rule = load_rule(db)
        flag_source = (flag_rule, flag_judge(db, flag_rule.metric_key))
    return MapData(
        request=request,
        db=db,
        attribution=attribution_lines(request.geo_dir),  # a file read: once per refresh
        demo=has_demo(db),
        boundaries=boundaries,
        boundary_note=note,
        disclosure=disclosure,
        cube=cube,
        flag_source=flag_source,
    )


def read_boundaries(folder: Path | None, geo_dir: Path | None):
    """The boundaries to draw (None: the hexagon map) and the note that says which."""
    from commissioner_desk.maps.boundaries import BoundaryError
    from commissioner_desk.maps.boundary_files import boundaries_for

    boundaries, message = None, ""
    try:
        if folder is not None:
            boundaries = boundaries_for(folder, geo_dir)
    except BoundaryError as exc:
        message = f"{exc} The hexagon map is shown instead."
    if boundaries is None and not message:
        message = "No boundary file was found: the hexagon map is shown."
    elif boundaries is not None:
        message = f"Boundaries: {boundaries.vintage}."
    return boundaries, message


def _combo(items) -> QComboBox:
    box = QComboBox()
    for label, data in items:
        box.addItem(label, data)
    return box


class MapPage(Page):
    title = "Map"
    key = "map"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self._cube = None
        self._geo_dir = None
        self._boundaries = None
        self._boundary_note = ""
        self._attribution: tuple[str, ...] = ()
        self._demo = False
        # The low-reporting overlay: the rule and its figures are read once per refresh (when
        # the overlay is on), the flags once per period; recolouring reads nothing.
        self._flag_source = None
        self._disclosure = None  # (metric key, published.Disclosure) for the metric shown
        self._flag_cache: dict[str, tuple[dict[str, str], str]] = {}
        self.metric_box = _combo(metric_items())
        self.breakdown_box = QComboBox()
        self.period_box = QComboBox()
        self.measure_box = _combo(MEASURES)
        self.style_box = _combo(STYLES)
        self.classes_box = _combo(CLASSES)
        self.flags_check = QCheckBox("Show low-reporting flags")
        self.flags_check.setToolTip(
            "Mark the forces the low-reporting rule flags, whatever figure the map shows. "
            "Change the rule with Map › Low-reporting rule…"
        )
        self.flags_check.toggled.connect(self.redraw)
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Save the map as PNG (300 dpi), SVG or PDF")
        self.export_button.clicked.connect(self.export)
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the map, with its legend and attribution, as a picture")
        self.copy_button.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_button.clicked.connect(self.copy)
        self.canvas = MapCanvas()
        self.canvas.force_clicked.connect(
            lambda code: self.command_requested.emit(f"show_force:{code}")
        )
        self.note = QLabel()
        self.note.setObjectName("pageSubtitle")
        self.note.setWordWrap(True)

        # Two rows, so the page fits a 1280-pixel laptop screen at 125%.
        what, how = QHBoxLayout(), QHBoxLayout()
        for row, items in (
            (what, (("Metric", self.metric_box), ("Breakdown", self.breakdown_box),
                    ("Period", self.period_box))),
            (how, (("Show", self.measure_box), ("Style", self.style_box),
                   ("Classes", self.classes_box))),
        ):  # fmt: skip
            for label, box in items:
                text = QLabel(f"{label}:")
                text.setBuddy(box)
                row.addWidget(text)
                row.addWidget(box)
            row.addStretch(1)
        what.addWidget(self.flags_check)
        how.addWidget(self.copy_button)
        how.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                "Map",
                "Hover over a force for its figures; click it to see them in full. Scroll to "
                "zoom, drag the sea to pan, double-click to see the whole map again. A force "
                "with no return is hatched, never coloured as a low value.",
            )
        )
        layout.addLayout(what)
        layout.addLayout(how)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.note)

        self.metric_box.currentIndexChanged.connect(self._metric_changed)
        self.breakdown_box.currentIndexChanged.connect(self._cube_changed)
        for box in (self.period_box, self.measure_box, self.style_box):
            box.currentIndexChanged.connect(self.redraw)
        self.custom_breaks: tuple[float, ...] = ()
        self._last_method = 0
        self.classes_box.currentIndexChanged.connect(self._classes_changed)

    def query(self):
        """Read the choices here (the office's metrics may have changed: the box is refilled and
        the breakdown starts at All, as it always has); the reading runs in the background."""
        fill_metric_box(self.metric_box)
        self._fill_breakdowns()
        request = MapRequest(
            metric=self.metric_box.currentData(),
            breakdown=self.breakdown_box.currentData() or "",
            folder=self.folders.data,
            geo_dir=self.folders.geo,
            flags=self.flags_check.isChecked(),
        )
        return lambda db: read_map(db, request)

    def show_data(self, data: MapData) -> None:
        self._db = data.db
        self._geo_dir = data.request.geo_dir
        self._attribution, self._demo = data.attribution, data.demo
        self._flag_source, self._flag_cache = data.flag_source, {}
        self._disclosure = (data.request.metric, data.disclosure)
        self._set_boundaries(data.boundaries, data.boundary_note)
        chosen = (self.metric_box.currentData(), self.breakdown_box.currentData() or "")
        if chosen != (data.request.metric, data.request.breakdown):
            self._cube_changed()  # the choice changed while it was read: read what is shown
            return
        self._cube = data.cube
        self._fill_periods()
        self.redraw()

    def _load_boundaries(self) -> None:
        self._set_boundaries(*read_boundaries(self.folders.data, self._geo_dir))

    def _set_boundaries(self, boundaries, message: str) -> None:
        self._boundaries = boundaries
        geo = self.style_box.model().item(0)
        geo.setEnabled(self._boundaries is not None)
        if self._boundaries is None:
            self.style_box.setCurrentIndex(1)
        self._boundary_note = message

    def load_boundaries_file(self) -> None:
        """Map › Load boundaries…: a newer ONS police force area file."""
        from PySide6.QtWidgets import QInputDialog

        from commissioner_desk.maps.boundaries import BoundaryError
        from commissioner_desk.maps.boundary_files import install_boundaries

        name, _ = QFileDialog.getOpenFileName(
            self,
            "Load police force area boundaries",
            str(Path.home()),
            "GeoJSON (*.geojson *.json)",
        )
        if not name or self.folders.data is None:
            return
        vintage, ok = QInputDialog.getText(
            self,
            "Boundary vintage",
            "Which edition is this file (for example December 2024)? "
            "Leave blank to take it from the file.",
        )
        if not ok:
            return
        try:
            loaded = install_boundaries(Path(name), self.folders.data, vintage.strip() or None)
        except (BoundaryError, OSError) as exc:
            from ... import messages

            messages.show_error(self, "The boundary file could not be used", exc)
            return
        self._load_boundaries()
        self.redraw()
        self.note.setText(f"Loaded {loaded.vintage} boundaries: {len(loaded.areas)} areas.")

    def _metric_changed(self) -> None:
        self._fill_breakdowns()
        self._cube_changed()

    def _fill_breakdowns(self) -> None:
        metric = METRICS_BY_KEY[self.metric_box.currentData()]
        self._fit_measures(metric)
        self.breakdown_box.blockSignals(True)
        self.breakdown_box.clear()
        self.breakdown_box.addItem("All", "")
        for dim in metric.dimensions:
            for key, label in DIMENSIONS[dim].values:
                self.breakdown_box.addItem(f"{DIMENSIONS[dim].label}: {label}", f"{dim}={key}")
        self.breakdown_box.blockSignals(False)

    def _fit_measures(self, metric) -> None:
        """A percentage is mapped as it is: no rate per 100,000, no % change on a year."""
        self.measure_box.blockSignals(True)
        self.measure_box.setItemText(0, "Percentage" if not metric.has_rate else MEASURES[0][0])
        for row in (1, 2):
            self.measure_box.model().item(row).setEnabled(metric.has_rate)
        if not metric.has_rate:
            self.measure_box.setCurrentIndex(0)
        self.measure_box.blockSignals(False)

    def _cube_changed(self) -> None:
        if self._db is None:
            return
        from commissioner_desk.published import map_cube

        from ... import read_cache

        metric = self.metric_box.currentData()
        if self._disclosure is None or self._disclosure[0] != metric:
            # What disclosure control hides covers every breakdown of the metric: read once
            # per metric, not again on each change of breakdown.
            self._disclosure = (metric, read_cache.disclosure(self._db, metric))
        # Hidden counts never reach the colours, tooltips or exports (issue 7).
        breakdown = self.breakdown_box.currentData() or ""
        self._cube = map_cube(self._db, metric, breakdown, self._disclosure[1])
        self._fill_periods()
        self.redraw()

    def _fill_periods(self) -> None:
        keep = self.period_box.currentData()
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for key in self._cube.periods:
            self.period_box.addItem(key, key)
        index = self.period_box.findData(keep)
        self.period_box.setCurrentIndex(index if index >= 0 else 0)
        self.period_box.blockSignals(False)

    def _classes_changed(self) -> None:
        if self.classes_box.currentData() == "custom" and not self.ask_breaks():
            self.classes_box.blockSignals(True)
            self.classes_box.setCurrentIndex(self._last_method)  # cancelled: as it was
            self.classes_box.blockSignals(False)
            return
        self._last_method = self.classes_box.currentIndex()
        self.redraw()

    def ask_breaks(self) -> bool:
        """Ask for class breaks ("10, 50, 100": the top of each class but the last)."""
        from PySide6.QtWidgets import QInputDialog

        shown = ", ".join(f"{b:g}" for b in self.custom_breaks)
        text, ok = QInputDialog.getText(
            self,
            "Your own class breaks",
            "The top of each class but the last, smallest first (for example 10, 50, 100):",
            text=shown,
        )
        if not ok:
            return False
        try:
            breaks = tuple(float(x) for x in text.replace(";", ",").split(",") if x.strip())
        except ValueError:
            breaks = ()
        if not breaks or list(breaks) != sorted(set(breaks)):
            from commissioner_desk.maps.classify import ClassifyError

            from ... import messages

            messages.show_error(
                self,
                "Those breaks cannot be used",
                ClassifyError(f'"{text}": give numbers from smallest to largest, e.g. 10, 50, 100'),
            )
            return False
        self.custom_breaks = breaks
        return True

    def current_spec(self):
        """The map as chosen, or None when there is nothing to map."""
        from ...map.renderer import make_spec

        period = self.period_box.currentData()
        if self._cube is None or not period:
            return None
        values = self._cube.values(period, self.measure_box.currentData())
        flags, flag_label = self._flag_overlay(period)
        return make_spec(
            values,
            style=self.style_box.currentData(),
            method=self.classes_box.currentData(),
            custom_breaks=self.custom_breaks
            if self.classes_box.currentData() == "custom"
            else None,
            attribution=self._attribution,
            demo=self._demo,
            flags=flags,
            flag_label=flag_label,
        )

    def _flag_overlay(self, period: str) -> tuple[dict[str, str], str]:
        """The flags for the map of `period` (code → reason) and the legend's words for them;
        nothing while the overlay is off."""
        if not self.flags_check.isChecked() or self._db is None:
            return {}, ""
        from commissioner_desk.published import flag_judge
        from commissioner_desk.stats.rule_store import flag_legend_text, load_rule

        if self._flag_source is None:
            rule = load_rule(self._db)
            self._flag_source = (rule, flag_judge(self._db, rule.metric_key))
        if period not in self._flag_cache:
            rule, judge = self._flag_source
            found = judge.map_flags(period, rule)
            self._flag_cache[period] = (found.reasons(), flag_legend_text(rule, found))
        return self._flag_cache[period]

    def redraw(self) -> None:
        from commissioner_desk.maps.hexes import load_hex_layout

        spec = self.current_spec()
        self.canvas.show_map(spec, self._boundaries, load_hex_layout())
        text = spec.values.reporting_text + "." if spec else "No figures yet: import returns."
        if spec is not None and spec.flag_label:
            n = len(spec.flags)
            text += f" {n} force{'s' if n != 1 else ''} flagged as low reporting."
        if self._boundary_note:
            text += " " + self._boundary_note
        self.note.setText(text)
        self.export_button.setEnabled(spec is not None)
        self.copy_button.setEnabled(spec is not None)

    def copy(self) -> None:
        """The map as a 150 dpi picture on the clipboard, for pasting into a document."""
        spec = self.current_spec()
        if spec is None:
            return
        from commissioner_desk.maps.hexes import load_hex_layout

        from ...map.export import render_image

        image, _hits, _scale = render_image(spec, self._boundaries, load_hex_layout(), dpi=150)
        QApplication.clipboard().setImage(image)
        self.note.setText(f"Copied the map of {spec.title} as a picture.")

    def export(self) -> None:
        spec = self.current_spec()
        if spec is None:
            return
        from commissioner_desk.maps.hexes import load_hex_layout

        from ...map.export import export_map

        suggested = Path.home() / f"{spec.title}.png".replace("/", "-").replace(",", "")
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export map",
            str(suggested),
            "PNG image, 300 dpi (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)",
        )
        if not name:
            return
        dpi = 300
        if Path(name).suffix.lower() == ".png":
            from PySide6.QtWidgets import QInputDialog

            dpi, ok = QInputDialog.getInt(
                self, "Export map", "Resolution (dots per inch):", 300, 72, 1200, 50
            )
            if not ok:
                return
        try:
            export_map(spec, Path(name), self._boundaries, load_hex_layout(), dpi=dpi)
        except (OSError, ValueError) as exc:
            from ... import messages

            messages.show_error(self, "The map could not be exported", exc)
