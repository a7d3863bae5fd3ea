"""Meetings: the series and their meetings on the left, the chosen meeting on the right (details
and minutes status, agenda with matters arising, attendance and quorum, minutes, decisions,
actions raised), and the minutes exported to PDF or Word."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..base import Page, page_heading
from ..opened_in_background import OpenedInBackground
from . import ops
from .dialogs import MeetingDialog, SeriesDialog
from .editor import MeetingEditor, MeetingRead, read_meeting
from .meeting_list import ListRead, MeetingsList, read_list


class MeetingsPage(OpenedInBackground, Page):
    title = "Meetings"
    key = "meetings"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self._choices = 0  # counts the user's choices: a read begun before one is out of date
        self.list = MeetingsList()
        self.list.series_chosen.connect(self._series_chosen)
        self.list.meeting_chosen.connect(self._meeting_chosen)
        self.list.new_series_button.clicked.connect(self.new_series)
        self.list.new_meeting_button.clicked.connect(self.new_meeting)
        self.editor = MeetingEditor()
        self.editor.open_requested.connect(self.open_requested)
        self.editor.status_message.connect(self.status_message)
        self.editor.status_widget_offered.connect(self.status_widget_offered)
        self.editor.data_changed.connect(lambda: self.tell_changed(self._db))
        self.no_meeting = QLabel()
        self.no_meeting.setObjectName("openingLabel")
        self.no_meeting.setWordWrap(True)
        self.right = QStackedWidget()
        self.right.addWidget(self.editor)
        self.right.addWidget(self.no_meeting)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("meetingsSplitter")
        splitter.addWidget(self.list)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([380, 640])
        main = QWidget()
        mv = QVBoxLayout(main)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addWidget(
            page_heading(
                "Meetings",
                "Prepare the agenda, record who attended and the minutes, raise actions, and "
                "approve the minutes at the next meeting.",
            )
        )
        mv.addWidget(splitter, 1)
        self.empty = self._build_empty()
        self.stack = QStackedLayout(self)
        self.stack.addWidget(main)
        self.stack.addWidget(self.empty)
        self.main = main

        new_key = QShortcut(QKeySequence.StandardKey.New, self)
        new_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_key.activated.connect(self.new_meeting)

    def _build_empty(self) -> QWidget:
        box = QWidget()
        box.setObjectName("emptyState")
        outer = QVBoxLayout(box)
        outer.addStretch(1)
        title = QLabel("No meetings yet")
        title.setObjectName("emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "Start with the meeting series, for example the National\n"
            "Anti-Trafficking and Modern Slavery Network: its name, the prefix its actions are\n"
            "numbered with, and its quorum. Then add its meetings, each with an agenda that\n"
            "opens with the matters arising from the meetings before."
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        create = QPushButton("Create the network's meeting series…")
        create.setObjectName("primaryButton")
        create.clicked.connect(self.new_series)
        demo = QPushButton("Load demo data")
        demo.setToolTip("Synthetic meetings, minutes and actions to try the app with")
        demo.clicked.connect(lambda: self.command_requested.emit("load_demo"))
        buttons.addWidget(create)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        outer.addWidget(title)
        outer.addSpacing(8)
        outer.addWidget(text)
        outer.addSpacing(12)
        outer.addLayout(buttons)
        outer.addStretch(2)
        return box

    # ----- loading --------------------------------------------------------------------------

    def refresh(self, db) -> None:
        self._db = db
        series = self.list.current_series()
        meeting = self.list.current_meeting()
        self._show(series.id if series else None, meeting.id if meeting else None)

    def query(self):
        """When opening the page: read the list and the chosen meeting in the background (the
        window shows them with show_data), for the choices on screen. Otherwise None: refresh
        on this thread."""
        if not self.opening():  # see opened_in_background.py
            return None
        series = self.list.current_series()
        meeting = self.list.current_meeting()
        series_id, meeting_id = (series.id if series else None), (meeting.id if meeting else None)
        asked = self._choices

        def read(db) -> tuple:
            listed = read_list(db, series_id, meeting_id)
            chosen = listed.meeting_id
            return db, asked, listed, (read_meeting(db, chosen) if chosen is not None else None)

        return read

    def show_data(self, data) -> None:
        self._db, asked, listed, meeting = data
        if asked != self._choices:  # the user chose meanwhile: show that, read afresh
            d = self.editor.detail
            series = self.list.current_series()
            series_id = d.series_id if d else (series.id if series else None)
            self._show(series_id, d.id if d else None)
            return
        self._show_read(listed, meeting)

    def _show(self, series_id: int | None, meeting_id: int | None) -> None:
        self._choices += 1
        listed = read_list(self._db, series_id, meeting_id)
        chosen = listed.meeting_id
        self._show_read(listed, read_meeting(self._db, chosen) if chosen is not None else None)

    def _show_read(self, listed: ListRead, meeting: MeetingRead | None) -> None:
        self.list.show_read(listed)
        has_series = self.list.current_series() is not None
        self.stack.setCurrentWidget(self.main if has_series else self.empty)
        chosen = self.list.current_meeting()
        if chosen is None:
            self.editor.minutes.discard()
            self.editor.detail = None
            self.no_meeting.setText(
                "No meetings in this series yet.\n\nNew meeting… (Ctrl+N) adds one; its agenda "
                "opens with the matters arising."
            )
            self.right.setCurrentWidget(self.no_meeting)
            return
        self.right.setCurrentWidget(self.editor)
        if meeting is not None and meeting.detail.id == chosen.id:
            self.editor.show_read(self._db, meeting)
        else:  # not the meeting read (not expected: the list selects the one read)
            self.editor.load(self._db, chosen.id)

    def select_meeting(self, meeting_id: int) -> None:
        """Show one meeting (from another page, or the command line's window commands)."""
        from commissioner_desk.network.meeting_detail import meeting_detail

        if self._db is None or not self.editor.can_leave():
            return
        try:
            series_id = meeting_detail(self._db, meeting_id).series_id
        except Exception as exc:  # deleted meanwhile: say so
            from ... import messages

            messages.show_error(self, "The meeting could not be shown", exc)
            return
        self._show(series_id, meeting_id)

    def _series_chosen(self, series_id: int) -> None:
        if not self.editor.can_leave():
            self._keep_current()
            return
        self._show(series_id, None)

    def _meeting_chosen(self, meeting_id: int) -> None:
        if self.editor.detail is not None and self.editor.detail.id == meeting_id:
            return
        if not self.editor.can_leave():
            self._keep_current()
            return
        self._choices += 1  # a read in flight for the meeting chosen before is out of date
        self.editor.load(self._db, meeting_id)
        self.right.setCurrentWidget(self.editor)

    def _keep_current(self) -> None:
        d = self.editor.detail
        self.list.load(self._db, d.series_id if d else None, d.id if d else None)

    def undo(self) -> None:
        """Edit › Undo: put back the agenda item deleted last."""
        undo = self.editor.agenda.undo_last
        if undo is None:
            self.say("Nothing to undo on this page.", 4000)
            return
        undo()

    # ----- creating -------------------------------------------------------------------------

    def new_series(self) -> None:
        from commissioner_desk.network.meetings import create_series

        if self._db is None or not self.editor.can_leave():
            return
        row = ops.until_saved(
            lambda values, error: SeriesDialog.ask(self, values, error),
            lambda v: create_series(self._db, v.name, v.prefix, v.quorum),
            "The series could not be created",
            self,
        )
        if row is None:
            return
        self._show(row.id, None)
        self.say(f"Series “{row.name}” created. Add its first meeting.", 8000)
        self.tell_changed(self._db)

    def new_meeting(self) -> None:
        from commissioner_desk.network.meetings import create_meeting

        series = self.list.current_series()
        if self._db is None or series is None or not self.editor.can_leave():
            return
        meeting_id = ops.until_saved(
            lambda values, error: MeetingDialog.ask(self, series.name, values, error),
            lambda v: create_meeting(
                self._db, series.id, v.starts_at, v.location, v.online, v.title, ops.today()
            ),
            "The meeting could not be created",
            self,
        )
        if meeting_id is None:
            return
        self._show(series.id, meeting_id)
        self.editor.tabs.setCurrentWidget(self.editor.agenda)
        self.say("Meeting created, with the matters arising on its agenda.", 8000)
        self.tell_changed(self._db)

    def can_leave(self) -> bool:
        """Asked before the app quits: unsaved minutes are saved, discarded or kept open."""
        return self.editor.can_leave()
