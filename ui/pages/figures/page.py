"""Figures: the current value of any metric for one period, force by force, with provenance."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.catalogue import breakdown_label
from commissioner_desk.formatting import count, figure, rate, uk_datetime

from ...metric_choices import fill_metric_box
from ...table_model import ROW_ROLE, Column, RowTableModel
from ...widgets import DetailPanel, list_and_detail, make_table
from ..base import Page, page_heading
from ..opened_in_background import OpenedInBackground

if TYPE_CHECKING:  # the queries import SQLAlchemy: not before the window is shown
    from commissioner_desk.queries.figures import FigureRow

STATUS_TEXT = {
    "nil": "nil return",
    "suppressed": "suppressed",
    "not_applicable": "not applicable",
    "hidden": "[c]",  # hidden by disclosure control, as on every other screen and in print
}


def value_text(r: FigureRow) -> str:
    if r.status != "value":
        return STATUS_TEXT.get(r.status, r.status)
    shown = figure(r.value, r.unit)  # counts whole; FTEs and percentages to two places
    return f"{shown} [c]" if r.hidden else shown


def masked(r: FigureRow) -> FigureRow:
    """The row as the page shows it unless asked: a hidden count and its rate as [c]."""
    return replace(r, status="hidden", value=None, rate_per_100k=None) if r.hidden else r


COLUMNS: list[Column[FigureRow]] = [
    Column("Force", lambda r: r.force_name),
    Column("Breakdown", lambda r: r.breakdown_label),
    Column(
        "Value",
        value_text,
        sort=lambda r: r.value,
        numeric=True,
        muted=lambda r: r.status != "value",
    ),
    Column(
        "Per 100,000",
        lambda r: "[c]" if r.status == "hidden" else rate(r.rate_per_100k),
        sort=lambda r: r.rate_per_100k,
        numeric=True,
        muted=lambda r: r.rate_per_100k is None,
        tooltip=lambda r: f"ONS mid-{r.population_year} population" if r.population_year else "",
    ),
    Column("Source", lambda r: "DEMO" if r.is_demo else (r.file_name or f"batch {r.batch_id}")),
]


class FiguresPage(OpenedInBackground, Page):
    title = "Figures"
    key = "figures"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self.metric_box = QComboBox()
        self.period_box = QComboBox()
        self.breakdown_box = QComboBox()
        self.reveal = QCheckBox("Show hidden counts")
        self.reveal.setToolTip(
            "Counts shown as [c] are small, or would let a small count be worked out: they are "
            "hidden on every screen, export and printout. Tick to check them against a return; "
            "it is unticked again whenever the page is opened."
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter forces…")
        self.search.setClearButtonEnabled(True)
        self.model: RowTableModel[FigureRow] = RowTableModel(COLUMNS, self)
        self.view, self.proxy = make_table(self.model, self)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.detail = DetailPanel()
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")
        # Wrapped: a long list of missing forces must not widen the window.
        self.count_label.setWordWrap(True)

        bar = QHBoxLayout()
        for label, combo in (
            ("Metric", self.metric_box),
            ("Period", self.period_box),
            ("Breakdown", self.breakdown_box),
        ):
            text = QLabel(f"{label}:")
            text.setBuddy(combo)
            bar.addWidget(text)
            bar.addWidget(combo)
        bar.addWidget(self.reveal)
        bar.addWidget(self.search, 1)
        self.metric_box.setMinimumContentsLength(24)

        self.splitter = list_and_detail(self.view, self.detail, "figuresSplitter")

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                "Figures",
                "Current figures as imported, force by force. Select a figure to see the file, "
                "sheet and cell it came from.",
            )
        )
        layout.addLayout(bar)
        layout.addWidget(self.count_label)
        layout.addWidget(self.splitter, 1)

        self.metric_box.currentIndexChanged.connect(self._metric_changed)
        self.period_box.currentIndexChanged.connect(self._load)
        self.breakdown_box.currentIndexChanged.connect(self._load)
        self.reveal.toggled.connect(self._load)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)

    def refresh(self, db) -> None:
        from commissioner_desk.queries.figures import figure_choices

        self._db = db
        self._reset_choices()
        self._show_choices(figure_choices(db, self.metric_box.currentData()))
        self._load()

    def query(self):
        """When the page is opened: its choices and figures read in the background (see
        opened_in_background.py); otherwise None, and refresh() reads them here."""
        if not self.opening():
            return None
        from commissioner_desk.published import figure_table
        from commissioner_desk.queries.figures import figure_choices, forces_without_figures

        self._reset_choices()
        metric = self.metric_box.currentData()
        keep_period = self.period_box.currentData()
        keep_breakdown = self.breakdown_box.currentData() if self.breakdown_box.count() else ""

        def read(db) -> tuple:  # what refresh() would choose and read, off the UI thread
            choices = figure_choices(db, metric)
            periods = choices.periods
            period = keep_period if keep_period in periods else (periods[0] if periods else None)
            breakdown = keep_breakdown
            if breakdown is not None and breakdown not in ("", *choices.breakdowns):
                breakdown = ""
            rows = figure_table(db, metric, period, breakdown) if period else []
            missing = forces_without_figures(db, metric, period) if period else []
            return db, metric, choices, (period, breakdown), rows, missing

        return read

    def show_data(self, data) -> None:
        self._db, metric, choices, chosen, rows, missing = data
        if metric != self.metric_box.currentData():  # chosen meanwhile: read it here
            self.refresh(self._db)
            return
        self._show_choices(choices)
        shown = (self.period_box.currentData(), self.breakdown_box.currentData())
        if shown != chosen or self.reveal.isChecked():  # not what was read: read it here
            self._load()
            return
        self._show_rows(rows, missing)

    def _reset_choices(self) -> None:
        with _quiet(self.reveal):
            self.reveal.setChecked(False)  # never left showing small counts
        fill_metric_box(self.metric_box)  # built-ins and the office's own, as they are now

    def _show_choices(self, choices) -> None:
        with _quiet(self.metric_box, self.period_box):
            keep = self.period_box.currentData()
            self.period_box.clear()
            for key in choices.periods:
                self.period_box.addItem(key, key)
            index = self.period_box.findData(keep)
            self.period_box.setCurrentIndex(index if index >= 0 else 0)
        self._fill_breakdowns(choices.breakdowns)

    def select(self, metric_key: str, period_key: str) -> None:
        """Show one metric and period (the map's, when a force is clicked there)."""
        index = self.metric_box.findData(metric_key)
        if index >= 0:
            self.metric_box.setCurrentIndex(index)
        index = self.period_box.findData(period_key)
        if index >= 0:
            self.period_box.setCurrentIndex(index)

    def _metric_changed(self) -> None:
        if self._db is None:
            return
        from commissioner_desk.queries.figures import figure_choices

        self._fill_breakdowns(figure_choices(self._db, self.metric_box.currentData()).breakdowns)
        self._load()

    def _fill_breakdowns(self, keys: tuple[str, ...]) -> None:
        with _quiet(self.breakdown_box):
            # Totals by default; afterwards keep whatever the user chose.
            keep = self.breakdown_box.currentData() if self.breakdown_box.count() else ""
            self.breakdown_box.clear()
            self.breakdown_box.addItem("All (totals)", "")
            for key in keys:
                if key:
                    self.breakdown_box.addItem(breakdown_label(key), key)
            self.breakdown_box.addItem("Every breakdown", None)
            index = (
                self.breakdown_box.findData(keep)
                if keep is not None
                else self.breakdown_box.count() - 1
            )
            self.breakdown_box.setCurrentIndex(max(index, 0))

    def _load(self) -> None:
        if self._db is None:
            return
        from commissioner_desk.published import figure_table, unprotected_for_checking
        from commissioner_desk.queries.figures import forces_without_figures

        metric, period = self.metric_box.currentData(), self.period_box.currentData()
        # Hidden counts only when asked, to check them against a return.
        table = unprotected_for_checking if self.reveal.isChecked() else figure_table
        rows = table(self._db, metric, period, self.breakdown_box.currentData()) if period else []
        missing = forces_without_figures(self._db, metric, period) if period else []
        self._show_rows(rows, missing)

    def _show_rows(self, rows: list, missing: list) -> None:
        period = self.period_box.currentData()
        hidden = sum(1 for r in rows if r.hidden)
        if not self.reveal.isChecked():
            rows = [masked(r) for r in rows]
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        if not period:
            self.count_label.setText("No figures yet: load the demo data or import returns.")
        else:
            forces = len({r.force_code for r in rows})
            gap = (
                f" No figures from {len(missing)}: {', '.join(missing)} (missing, not zero)."
                if missing
                else ""
            )
            if not hidden:
                shield = ""
            elif self.reveal.isChecked():
                shield = (
                    f" {hidden} hidden counts are shown, marked [c]: do not share, print or "
                    "project this screen."
                )
            else:
                shield = f" {hidden} shown as [c] (disclosure control)."
            self.count_label.setText(
                f"{self.metric_box.currentText()}, {period}: {count(len(rows))} figures from "
                f"{forces} forces.{gap}{shield}"
            )
        self.detail.show_hint("Select a figure to see where it came from.")

    def _show_detail(self, current, _previous) -> None:
        row: FigureRow | None = current.data(ROW_ROLE) if current.isValid() else None
        if row is None:
            return
        self.detail.show_pairs(
            f"{row.force_name}: {value_text(row)}",
            [
                ("Breakdown", row.breakdown_label),
                ("Status", row.status.replace("_", " ")),
                ("Rate per 100,000", rate(row.rate_per_100k)),
                ("Population year", str(row.population_year or "–")),
                ("File", "DEMO (synthetic)" if row.is_demo else (row.file_name or "–")),
                ("SHA-256", (row.sha256 or "–")[:16] + ("…" if row.sha256 else "")),
                ("Sheet", row.sheet or "–"),
                ("Cell", row.cell or "–"),
                ("Import batch", str(row.batch_id)),
                ("Imported by", row.imported_by),
                ("Imported", uk_datetime(row.imported_at)),
            ],
        )


class _quiet:
    """Block the widgets' signals while repopulating them."""

    def __init__(self, *widgets: QWidget) -> None:
        self.widgets = widgets

    def __enter__(self) -> None:
        for w in self.widgets:
            w.blockSignals(True)

    def __exit__(self, *exc: object) -> None:
        for w in self.widgets:
            w.blockSignals(False)
