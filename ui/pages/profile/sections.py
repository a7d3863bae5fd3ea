"""The parts of the force profile page: metric cards with a sparkline, the pipeline table, the
returns strip and the open-actions table. Words for statuses live here so tests can read them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.formatting import count
from commissioner_desk.queries.profile import MetricFigure, ReturnEntry
from commissioner_desk.queries.profile_parts import PipelineStage

from ...charts.sparkline import Sparkline, SparkPoint
from ...register_model import STATE_LOOK, cell_text, cell_tooltip
from ...table_model import Column, RowTableModel

# A figure's status in a card's big number: missing is said, never shown as 0.
STATUS_VALUE = {
    "missing": "missing",
    "nil": "nil",
    "suppressed": "[c]",
    "not_applicable": "not applicable",
}
STATUS_NOTE = {
    "missing": "No figure for this quarter: missing, not zero.",
    "nil": "The force returned nil: nothing to report.",
    "suppressed": "Not shown: a small count, or one that would let a small count be worked out.",
    "not_applicable": "Does not apply to this force.",
}
POINT_TEXT = {
    "nil": "0 (nil return)",
    "missing": "missing (no figure)",
    "suppressed": "[c] (not shown)",
    "not_applicable": "not applicable",
}


def figure_lines(m: MetricFigure, comparison: str, compared: bool) -> tuple[str, str, str]:
    """(big number, rate and change, ranks) for a metric card."""
    if m.status != "value":
        return STATUS_VALUE.get(m.status, m.status), STATUS_NOTE.get(m.status, ""), ""
    rate = f"{m.rate:,.1f} per 100,000" if m.rate is not None else "no rate"
    change = (
        f"{m.change:+.0f}% on {comparison}" if m.change is not None else _no_change(m, comparison)
    )
    if not compared:
        ranks = "Not ranked: only territorial forces and BTP are compared."
    else:
        by_rate = f"; by rate {m.rank_rate}" if m.rank_rate else " by number"
        ranks = f"Rank {m.rank_count}{by_rate}"
    return count(m.count), f"{rate} · {change}", ranks


def _no_change(m: MetricFigure, comparison: str) -> str:
    """Why there is no % change: last year's figure was 0, nil, withheld or missing."""
    if m.previous_status == "value":
        return f"was 0 in {comparison}"
    if m.previous_status == "missing":
        return f"no figure in {comparison}"
    return f"{STATUS_VALUE.get(m.previous_status, m.previous_status)} in {comparison}"


def trend_points(m: MetricFigure) -> list[SparkPoint]:
    return [
        SparkPoint(
            t.period,
            t.value,
            count(t.value) if t.status == "value" else POINT_TEXT.get(t.status, t.status),
        )
        for t in m.trend
    ]


class MetricCard(QFrame):
    """One metric's latest figure, change, ranks and 12-quarter trend; click for its figures."""

    clicked = Signal(str)  # metric key

    def __init__(self, metric_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metric_key = metric_key
        self.setObjectName("card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Open this metric's figures for the quarter (click, or Enter)")
        self.setProperty("clickable", True)  # the stylesheet's hover look, as on Home
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab to a card, Enter to open it
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        self.caption = QLabel()
        self.caption.setObjectName("cardCaption")
        self.caption.setWordWrap(True)
        self.value_label = QLabel("–")
        self.value_label.setObjectName("cardValue")
        self.detail = QLabel()
        self.detail.setObjectName("cardNote")
        self.detail.setWordWrap(True)
        self.ranks = QLabel()
        self.ranks.setObjectName("cardNote")
        self.ranks.setWordWrap(True)
        self.spark = Sparkline()
        self.spark.clicked.connect(lambda: self.clicked.emit(self.metric_key))
        for w in (self.caption, self.value_label, self.detail, self.ranks):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.spark)

    def show_figure(self, m: MetricFigure, comparison: str, compared: bool) -> None:
        big, detail, ranks = figure_lines(m, comparison, compared)
        self.caption.setText(m.label)
        self.value_label.setText(big)
        # A status in place of a number is said in grey, so it never reads as a figure.
        self.value_label.setStyleSheet("" if m.status == "value" else "color: #6b6b6b;")
        self.detail.setText(detail)
        self.ranks.setText(ranks)
        self.ranks.setVisible(bool(ranks))
        self.spark.set_points(trend_points(m))
        first, last = (m.trend[0].period, m.trend[-1].period) if m.trend else ("", "")
        self.spark.setToolTip("")  # per-point tooltips come from the sparkline itself
        self.spark.setAccessibleName(f"{m.label}, {first} to {last}")

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.metric_key)
        super().mouseReleaseEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.metric_key)
            return
        super().keyPressEvent(e)


def _per_100(value: float | None, base: bool) -> str:
    if base:
        return "(base)"
    return "–" if value is None else f"{value:,.1f}"


def _force_total(s: PipelineStage) -> str:
    if s.total is None:
        return f"incomplete: {s.quarters} of 4 quarters"
    return count(s.total)


PIPELINE_COLUMNS: list[Column[PipelineStage]] = [
    Column("Stage", lambda s: s.label),
    Column("This force", _force_total, numeric=True, muted=lambda s: s.total is None),
    Column(
        "Per 100 referrals",
        lambda s: _per_100(s.per_100, s.metric_key == "nrm_referrals"),
        numeric=True,
    ),
    Column(
        "All forces",
        lambda s: count(s.national_total) if s.national_total is not None else "none complete",
        numeric=True,
        tooltip=lambda s: (
            f"Summed over the {s.national_forces} forces with figures in every quarter"
        ),
    ),
    Column(
        "All forces per 100 referrals",
        lambda s: _per_100(s.national_per_100, s.metric_key == "nrm_referrals"),
        numeric=True,
        tooltip=lambda s: (
            "Over the forces with figures for this stage and for referrals in every quarter"
        ),
    ),
]


def fixed_table(model: RowTableModel, stretch: int, parent: QWidget | None = None) -> QTableView:
    """A small table that shows every row: it grows with its rows instead of scrolling, so a
    scrolling page never nests a second scroll bar. Column `stretch` takes the spare width."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    model.modelReset.connect(lambda: fit_rows(view))
    return view


def fit_rows(view: QTableView) -> None:
    rows = view.model().rowCount()
    height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
    height += rows * view.verticalHeader().defaultSectionSize()
    view.setFixedHeight(height)


class ReturnsStrip(QWidget):
    """The force's register state for each quarter, in the Returns page's words and colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        self.cells: list[QLabel] = []

    def set_entries(self, entries: Sequence[ReturnEntry]) -> None:
        for label in self.cells:
            self._row.removeWidget(label)
            label.deleteLater()
        self.cells = []
        for e in entries:
            colour = STATE_LOOK.get(e.cell.state, ("", "#ffffff"))[1]
            label = QLabel(f"{e.period}\n{cell_text(e.cell)}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet(
                f"background: {colour}; color: #000000; border: 1px solid #c8cdd8; "
                "border-radius: 3px; padding: 4px 2px;"
            )
            label.setToolTip(f"{e.period_label}\n{cell_tooltip(e.cell)}")
            label.setAccessibleName(f"{e.period}: {cell_text(e.cell)}")
            self._row.addWidget(label, 1)
            self.cells.append(label)
