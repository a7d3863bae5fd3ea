"""The Details tab: when and where the meeting is, and the minutes' next step (circulate →
approve at a later meeting → lock), with the reason in words when a step is not available."""

from __future__ import annotations

from datetime import datetime, time
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.enums import MinutesStatus
from commissioner_desk.formatting import uk_date
from commissioner_desk.network.labels import MINUTES_STATUS, meeting_label

from ...records.form import date_edit, picked_date
from . import ops
from .dialogs import ApproveDialog

if TYPE_CHECKING:
    from commissioner_desk.network.meeting_detail import MeetingDetail

    from .editor import MeetingEditor

STEP_BUTTON = {
    MinutesStatus.DRAFT: "Circulate the minutes",
    MinutesStatus.CIRCULATED: "Approve the minutes…",
    MinutesStatus.APPROVED: "Lock the minutes…",
}


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


class DetailsPanel(QWidget):
    def __init__(self, editor: MeetingEditor) -> None:
        super().__init__()
        self.editor = editor
        self.day = date_edit(ops.today())
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        self.place = QLineEdit()
        self.online = QCheckBox("Online")
        self.title_edit = QLineEdit()
        self.save_button = QPushButton("Save details")
        self.save_button.clicked.connect(self.save_details)
        self.locked_note = QLabel()
        self.locked_note.setWordWrap(True)
        self.locked_note.setObjectName("pageSubtitle")
        form = QFormLayout()
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(QLabel("at"))
        when.addWidget(self.at)
        when.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.place, 1)
        where.addWidget(self.online)
        form.addRow("Date", when)
        form.addRow("Place", where)
        form.addRow("Title", self.title_edit)

        self.status_text = ops.banner()
        self.step_button = QPushButton()
        self.step_button.setObjectName("primaryButton")
        # The shared stylesheet gives primary buttons no disabled look: say it here.
        self.step_button.setStyleSheet(
            "QPushButton#primaryButton:disabled { background:#c9cfda; color:#5a6272; }"
        )
        self.step_button.clicked.connect(self.next_step)
        self.why_not = QLabel()
        self.why_not.setWordWrap(True)
        self.approves = QLabel()
        self.approves.setWordWrap(True)
        self.approves.setObjectName("pageSubtitle")

        layout = QVBoxLayout(self)
        layout.addWidget(_section("When and where"))
        layout.addLayout(form)
        bar = QHBoxLayout()
        bar.addWidget(self.locked_note, 1)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        layout.addWidget(_section("Minutes"))
        layout.addWidget(self.status_text)
        step = QHBoxLayout()
        step.addWidget(self.step_button)
        step.addStretch(1)
        layout.addLayout(step)
        layout.addWidget(self.why_not)
        layout.addWidget(self.approves)
        layout.addStretch(1)

    # ----- showing --------------------------------------------------------------------------

    def show_detail(self, d: MeetingDetail) -> None:
        start = d.starts_at
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.at.setTime(QTime(start.hour, start.minute))
        self.place.setText(d.location)
        self.online.setChecked(d.online)
        self.title_edit.setText(d.title)
        editable = d.minutes_editable
        for widget in (self.day, self.at, self.place, self.online, self.title_edit):
            widget.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.locked_note.setText(
            ""
            if editable
            else f"The minutes are {MINUTES_STATUS[d.minutes_status]}, so the meeting's date, "
            "place and title are part of the approved record and no longer change."
        )
        self._show_status(d)

    def _show_status(self, d: MeetingDetail) -> None:
        status = d.minutes_status
        text = f"The minutes are <b>{MINUTES_STATUS[status]}</b>. " + escape(self._meaning(d))
        style = (
            ops.GOOD if status in (MinutesStatus.APPROVED, MinutesStatus.LOCKED) else ops.NEUTRAL
        )
        ops.set_banner(self.status_text, style, text)
        self.step_button.setVisible(bool(d.next_statuses))  # the core's rule: one step on
        self.step_button.setText(STEP_BUTTON.get(status, ""))
        why = self._why_not(d)
        self.step_button.setEnabled(not why)
        self.why_not.setText(why)
        self.why_not.setVisible(bool(why))
        self.approves.setText(
            "At this meeting the minutes of "
            + ", ".join(
                f"{meeting_label(m.title, m.starts_at)} ({uk_date(m.starts_at.date())})"
                for m in d.approves
            )
            + " were approved."
            if d.approves
            else ""
        )

    @staticmethod
    def _meaning(d: MeetingDetail) -> str:
        status = d.minutes_status
        if status is MinutesStatus.DRAFT:
            return (
                "The agenda, attendance, minutes and decisions can all be changed. Circulate the "
                "minutes to members when they are ready; they can still be corrected while "
                "circulated, but the agenda is then fixed."
            )
        if status is MinutesStatus.CIRCULATED:
            return (
                "Members have them. They are approved at a later meeting of the series; until "
                "then the minutes, attendance and decisions can still be corrected."
            )
        at = d.approved_at
        where = (
            f" at {meeting_label(at.title, at.starts_at)} ({uk_date(at.starts_at.date())})"
            if at
            else ""
        )
        if status is MinutesStatus.APPROVED:
            return (
                f"They were approved{where}. They are no longer edited: corrections are added "
                "as dated errata on the Minutes tab. Lock them when no more errata are expected."
            )
        return f"They were approved{where} and are locked: corrections are added as errata."

    def _why_not(self, d: MeetingDetail) -> str:
        if d.minutes_status is not MinutesStatus.CIRCULATED or self._candidates():
            return ""
        from commissioner_desk.network.meetings import list_meetings

        later = [m for m in list_meetings(self.editor.db, d.series_id) if m.starts_at > d.starts_at]
        if later:
            nxt = later[-1]  # newest first: the last is the soonest
            return (
                "Approval is not available yet: minutes are approved at a LATER meeting of the "
                f"series. The next one, {nxt.title}, is on {uk_date(nxt.starts_at.date())}; "
                "record the approval here once it has been held."
            )
        return (
            "Approval is not available yet: minutes are approved at a LATER meeting of "
            f"“{d.series}”, and there is none yet. Create the next meeting (New meeting…); once "
            "it has been held, record the approval here."
        )

    def _candidates(self) -> list[tuple[int, str]]:
        from commissioner_desk.network.minutes import approval_candidates

        return approval_candidates(self.editor.db, self.editor.detail.id, ops.today())

    # ----- changing -------------------------------------------------------------------------

    def save_details(self) -> None:
        from commissioner_desk.network.meetings import edit_meeting

        d = self.editor.detail
        t = self.at.time()
        starts = datetime.combine(picked_date(self.day), time(t.hour(), t.minute()))
        typed = f"{starts:%d/%m/%Y %H:%M}, {self.place.text()}, {self.title_edit.text()}"
        saved = ops.attempt(
            self,
            "The meeting could not be saved",
            lambda: edit_meeting(
                self.editor.db,
                d.id,
                d.version,
                starts,
                self.place.text(),
                self.online.isChecked(),
                self.title_edit.text(),
            ),
            typed,
        )
        self.editor.saved("Meeting details saved." if saved else None)

    def next_step(self) -> None:
        from commissioner_desk.network import minutes

        d = self.editor.detail
        if not self.editor.ready_for_status_change():
            return
        db, name = self.editor.db, meeting_label(d.title, d.starts_at)
        if d.minutes_status is MinutesStatus.DRAFT:
            if not ops.confirm(
                self,
                "Circulate the minutes",
                f"Circulate the minutes of {name}?\n\nThe agenda is then fixed; the minutes, "
                "attendance and decisions can still be corrected until they are approved.",
                "Circulate",
            ):
                return
            result = ops.attempt(
                self,
                "The minutes could not be circulated",
                lambda: minutes.circulate_minutes(db, d.id, d.version),
            )
            message = "Minutes circulated."
        elif d.minutes_status is MinutesStatus.CIRCULATED:
            approver = ApproveDialog.ask(self, name, self._candidates())
            if approver is None:
                return
            result = ops.attempt(
                self,
                "The minutes could not be approved",
                lambda: minutes.approve_minutes(db, d.id, d.version, approver, ops.today()),
            )
            message = "Minutes approved: from now on corrections are errata."
        else:
            if not ops.confirm(
                self,
                "Lock the minutes",
                f"Lock the minutes of {name}?\n\nLocking is final. Corrections can still be "
                "added as errata.",
                "Lock",
            ):
                return
            result = ops.attempt(
                self,
                "The minutes could not be locked",
                lambda: minutes.lock_minutes(db, d.id, d.version),
            )
            message = "Minutes locked."
        self.editor.saved(message if result else None)
