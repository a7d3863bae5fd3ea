"""One meeting, in tabs: details and the minutes' status, agenda, attendance, minutes, decisions
and the actions raised; with the exports of the minutes (PDF, Word, print)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.labels import MINUTES_STATUS, place_text

from ... import messages
from ...records.undo_offer import UndoOffer
from .agenda_panel import AgendaPanel
from .attendance_panel import AttendancePanel
from .decisions_panel import DecisionsPanel
from .details_panel import DetailsPanel
from .minutes.editor import MinutesEditor
from .minutes.notes import ask_unsaved
from .raised_actions_panel import RaisedActionsPanel

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.network.meeting_detail import MeetingDetail

STATUS_STYLE = {
    "draft": "background:#eef1f6; color:#1f2a44; border:1px solid #b7c0d0;",
    "circulated": "background:#e6eefb; color:#1f3d7a; border:1px solid #8aa6d8;",
    "approved": "background:#e3f4e1; color:#1d4d1d; border:1px solid #5aa55a;",
    "locked": "background:#e9e9e9; color:#333333; border:1px solid #9a9a9a;",
}


@dataclass(frozen=True)
class MeetingRead:
    """What showing a meeting reads from the database, read in one step so that the page's
    load can run it off the UI thread (MeetingsPage.query)."""

    detail: MeetingDetail
    practices: Any  # the practice library's entries presented at the meeting
    organisations: Any  # for the attendance table
    raised: Any  # the actions raised at the meeting


def read_meeting(db: Database, meeting_id: int) -> MeetingRead:
    """Touches no widget: runs on the thread pool when the page loads."""
    from commissioner_desk.network.meeting_detail import meeting_detail
    from commissioner_desk.network.practices_query import practices_presented_at

    detail = meeting_detail(db, meeting_id)
    return MeetingRead(
        detail,
        practices_presented_at(db, meeting_id),
        AttendancePanel.read(db),
        RaisedActionsPanel.read(db, detail),
    )


class MeetingEditor(QWidget):
    # What the editor and its panels ask of the window; MeetingsPage passes them on.
    open_requested = Signal(str, int)  # ("practice", 7), ("action", 3)
    data_changed = Signal()
    status_message = Signal(str, int)
    status_widget_offered = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_offer: UndoOffer | None = None
        self.db: Database | None = None
        self.detail: MeetingDetail | None = None
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        # The practice library's entries presented here, each a link to the entry.
        self.practices = QLabel()
        self.practices.setWordWrap(True)
        self.practices.linkActivated.connect(self._open_practice)
        self.practices.hide()
        self.chip = QLabel()
        self.export_button = QToolButton()
        self.export_button.setText("Export minutes")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction("PDF…", lambda: self._export("pdf"))
        menu.addAction("Word (.docx)…", lambda: self._export("docx"))
        menu.addSeparator()
        menu.addAction("Print…", lambda: self._export("print"))
        menu.addAction("Print preview…", lambda: self._export("preview"))
        self.export_button.setMenu(menu)

        self.details = DetailsPanel(self)
        self.agenda = AgendaPanel(self)
        self.attendance = AttendancePanel(self)
        self.minutes = MinutesEditor(self)
        self.decisions = DecisionsPanel(self)
        self.actions = RaisedActionsPanel(self)
        self.panels = (
            self.details,
            self.agenda,
            self.attendance,
            self.minutes,
            self.decisions,
            self.actions,
        )
        self.tabs = QTabWidget()
        for panel, name in zip(self.panels, self.tab_names(None), strict=True):
            self.tabs.addTab(panel, name)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.facts)
        titles.addWidget(self.practices)
        head.addLayout(titles, 1)
        head.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

    @staticmethod
    def tab_names(d: MeetingDetail | None) -> list[str]:
        def n(items) -> str:
            return f" ({len(items)})" if d is not None and items else ""

        return [
            "Details",
            "Agenda" + n(d.agenda if d else ()),
            "Attendance",
            "Minutes",
            "Decisions" + n(d.decisions if d else ()),
            "Actions" + n(d.actions if d else ()),
        ]

    # ----- loading --------------------------------------------------------------------------

    def load(self, db: Database, meeting_id: int) -> None:
        if self.detail is not None and self.detail.id != meeting_id:
            self.minutes.discard()  # the page asked about unsaved minutes before switching
        self.show_read(db, read_meeting(db, meeting_id))

    def show_read(self, db: Database, read: MeetingRead) -> None:
        """Show what read_meeting read (on the thread pool, when the page loads)."""
        if self.detail is not None and self.detail.id != read.detail.id:
            self.minutes.discard()
        self.db = db
        self.detail = read.detail
        self._show(read)

    def reload(self) -> None:
        if self.db is not None and self.detail is not None:
            try:
                self.load(self.db, self.detail.id)
            except Exception as exc:  # e.g. deleted by someone else
                messages.show_error(self, "The meeting could not be shown", exc)

    def _show(self, read: MeetingRead) -> None:
        d = self.detail
        self.heading.setText(escape(d.title))
        demo = " · <b style='color:#a4281b'>DEMO</b>" if d.is_demo else ""
        self.facts.setText(
            f"{uk_date(d.starts_at.date())} at {d.starts_at:%H:%M} · "
            f"{escape(place_text(d.location, d.online))} · {escape(d.series)}{demo}"
        )
        self._show_practices(read.practices)
        status = d.minutes_status.value
        self.chip.setText(f"Minutes {MINUTES_STATUS[d.minutes_status]}")
        self.chip.setStyleSheet(
            f"QLabel {{ {STATUS_STYLE[status]} border-radius:10px; padding:3px 10px; }}"
        )
        for n, name in enumerate(self.tab_names(d)):
            self.tabs.setTabText(n, name)
        for panel in self.panels:
            if panel is self.attendance:
                panel.show_detail(d, read.organisations)
            elif panel is self.actions:
                panel.show_detail(d, read.raised)
            else:
                panel.show_detail(d)

    def _show_practices(self, presented) -> None:
        links = ", ".join(
            f"<a href='{p.id}'>{escape(p.title)}</a>{' (draft)' if p.is_draft else ''}"
            for p in presented
        )
        self.practices.setText(f"Practice presented: {links}" if presented else "")
        self.practices.setVisible(bool(presented))

    def _open_practice(self, practice_id: str) -> None:
        self.open_requested.emit("practice", int(practice_id))

    # ----- after a change -------------------------------------------------------------------

    def saved(self, message: str | None, notify: bool | None = None) -> None:
        """After an edit: tell the other pages (which reloads this one too), or just reload
        when nothing was saved (a refusal, or a conflict whose other version is now shown)."""
        if message:
            self.say(message)
        if notify is None:
            notify = bool(message)
        if notify:
            self.data_changed.emit()
        else:
            self.reload()

    def say(self, text: str, ms: int = 8000) -> None:
        """A short message in the window's status bar."""
        self.status_message.emit(text, ms)

    def offer_undo(self, text: str, undo, ms: int) -> None:
        """`text` and an Undo button calling `undo` in the status bar, for `ms`."""
        if self.undo_offer is None:
            self.undo_offer = UndoOffer(self._undo_offered, "the deleted item")
            self.status_widget_offered.emit(self.undo_offer)
        self._undo = undo
        self.say("", 0)  # a message still showing would hide the offer
        self.undo_offer.offer(text, ms)

    def withdraw_undo(self) -> None:
        if self.undo_offer is not None:
            self.undo_offer.hide()

    def _undo_offered(self) -> None:
        self.withdraw_undo()
        self._undo()

    def ready_for_status_change(self) -> bool:
        """Unsaved minutes are saved (or dropped, if the user says so) before the status moves."""
        return self.can_leave()

    def can_leave(self) -> bool:
        """Ask about unsaved minutes before another meeting is shown; False to stay."""
        if not self.minutes.has_unsaved():
            return True
        answer = ask_unsaved(self, self.minutes.unsaved_names())
        if answer == "save":
            return self.minutes.save()
        if answer == "discard":
            self.minutes.discard()
            self.reload()
            return True
        return False

    def _export(self, how: str) -> None:
        from .minutes import export as minutes_export

        if self.detail is None or not self.can_leave():
            return
        minutes_export.run(self, self.db, self.detail.id, how)
