"""The left of the Meetings page: the series, and its meetings newest first with date, title,
minutes status, attendance and quorum, and open actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.labels import MINUTES_STATUS
from commissioner_desk.network.meetings import MeetingRow, SeriesRow

from ...table_model import ROW_ROLE, Column, RowTableModel
from ...widgets import make_table


@dataclass(frozen=True)
class ListRead:
    """The series, the one shown and its meetings, and the meeting to select: what the list
    shows, read in one step (off the UI thread when the page loads)."""

    series: list[SeriesRow]
    series_id: int | None
    rows: list[MeetingRow]
    meeting_id: int | None


def read_list(db, series_id: int | None, meeting_id: int | None) -> ListRead:
    """The series and meeting given where they still exist, else the first series and its
    default meeting. Touches no widget."""
    from commissioner_desk.network.meetings import list_meetings, list_series

    series = list_series(db)
    ids = [s.id for s in series]
    if series_id not in ids:
        series_id = ids[0] if ids else None
    rows = list_meetings(db, series_id) if series_id is not None else []
    if meeting_id not in [r.id for r in rows]:
        meeting_id = _default_meeting(rows)
    return ListRead(series, series_id, rows, meeting_id)


def _default_meeting(rows: list[MeetingRow]) -> int | None:
    """The latest meeting already held (its minutes are the work in hand), else the newest.
    Rows are newest first."""
    now = datetime.now()
    held = [r for r in rows if r.starts_at <= now]
    chosen = held[0] if held else (rows[0] if rows else None)
    return chosen.id if chosen else None


def _quorum(r: MeetingRow) -> str:
    q = r.quorum
    if r.starts_at > datetime.now():
        return "not yet held"
    if q.required <= 0:
        return f"{q.present} present" if q.recorded and q.present else "no quorum rule"
    if not q.recorded:
        return "no attendance yet"
    return "quorate" if q.met else "NOT quorate"


def _summary(r: MeetingRow) -> str:
    actions = f"{r.open_actions} open action{'s' if r.open_actions != 1 else ''}"
    return f"Minutes {MINUTES_STATUS[r.minutes_status]} · {_quorum(r)} · {actions}"


def _tooltip(r: MeetingRow) -> str:
    return (
        f"{r.title}\n{uk_date(r.starts_at.date())} at {r.starts_at:%H:%M}, {r.place}\n"
        f"Minutes {MINUTES_STATUS[r.minutes_status]}\n{r.attendance}. {r.quorum.sentence}\n"
        f"{r.open_actions} action(s) raised at it still open"
    )


# Two lines a meeting, so the list reads in a narrow column: what and when, then where its
# minutes, attendance and actions stand.
COLUMNS: list[Column[MeetingRow]] = [
    Column(
        "Date",
        lambda r: f"{uk_date(r.starts_at.date())}\n{r.starts_at:%H:%M}",
        sort=lambda r: r.starts_at,
        tooltip=_tooltip,
    ),
    Column(
        "Meeting", lambda r: f"{r.title}\n{_summary(r)}", sort=lambda r: r.title, tooltip=_tooltip
    ),
]


class MeetingsList(QWidget):
    meeting_chosen = Signal(int)  # the user picked a meeting
    series_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self._series: list[SeriesRow] = []
        self.series_box = QComboBox()
        self.series_box.setAccessibleName("Meeting series")
        self.series_box.setMinimumContentsLength(20)
        self.series_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.series_box.currentIndexChanged.connect(self._series_changed)
        self.new_series_button = QPushButton("New series…")
        self.series_facts = QLabel()
        self.series_facts.setObjectName("pageSubtitle")
        self.series_facts.setWordWrap(True)
        self.model: RowTableModel[MeetingRow] = RowTableModel(COLUMNS, self)
        self.view, self.proxy = make_table(self.model, self)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() * 2 + 10)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._meeting_changed)
        self.new_meeting_button = QPushButton("New meeting…")
        self.new_meeting_button.setObjectName("primaryButton")
        self.new_meeting_button.setToolTip("A new meeting of this series (Ctrl+N)")

        top = QHBoxLayout()
        top.addWidget(self.series_box, 1)
        top.addWidget(self.new_series_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.new_meeting_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.series_facts)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    # ----- loading --------------------------------------------------------------------------

    def load(self, db, series_id: int | None, meeting_id: int | None) -> None:
        """Show the series and its meetings, selecting the ones given where they still exist;
        quietly: the page decides what to show."""
        self.show_read(read_list(db, series_id, meeting_id))

    def show_read(self, read: ListRead) -> None:
        """Show what read_list read (on the thread pool, when the page loads)."""
        self._quiet = True
        try:
            self._series = read.series
            self.series_box.clear()
            for s in self._series:
                self.series_box.addItem(s.name + (" (demo)" if s.is_demo else ""), s.id)
                self.series_box.setItemData(
                    self.series_box.count() - 1, s.name, Qt.ItemDataRole.ToolTipRole
                )
            if read.series_id is not None:
                self.series_box.setCurrentIndex([s.id for s in self._series].index(read.series_id))
            self.model.set_rows(read.rows)
            self.view.resizeColumnToContents(0)
            self._show_series_facts()
            self.select_meeting(read.meeting_id)
        finally:
            self._quiet = False
        self.new_meeting_button.setEnabled(read.series_id is not None)

    def _show_series_facts(self) -> None:
        s = self.current_series()
        if s is None:
            self.series_facts.setText("")
            return
        self.series_box.setToolTip(s.name)
        quorum = f"quorum {s.quorum} organisations" if s.quorum else "no quorum rule"
        count = f"{s.meetings} meeting{'s' if s.meetings != 1 else ''}"
        self.series_facts.setText(f"{count}; actions numbered {s.action_prefix}-…; {quorum}.")

    def current_series(self) -> SeriesRow | None:
        series_id = self.series_box.currentData()
        return next((s for s in self._series if s.id == series_id), None)

    def current_meeting(self) -> MeetingRow | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_meeting(self, meeting_id: int | None) -> None:
        quiet, self._quiet = self._quiet, True
        try:
            for n, row in enumerate(self.model.rows):
                if row.id == meeting_id:
                    index = self.proxy.mapFromSource(self.model.index(n, 0))
                    self.view.selectRow(index.row())
                    self.view.scrollTo(index)
                    return
            self.view.clearSelection()
            self.view.setCurrentIndex(self.proxy.index(-1, -1))
        finally:
            self._quiet = quiet

    # ----- the user's choices ---------------------------------------------------------------

    def _series_changed(self, _index: int) -> None:
        if not self._quiet and self.series_box.currentData() is not None:
            self.series_chosen.emit(self.series_box.currentData())

    def _meeting_changed(self, current, _previous) -> None:
        if self._quiet or not current.isValid():
            return
        self.meeting_chosen.emit(current.data(ROW_ROLE).id)
