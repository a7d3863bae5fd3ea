"""Dialogs of the Meetings page: a new series, a new meeting, an agenda item, the approving
meeting. Each has `ask(parent, values, error)` returning what was typed (or None), so a test
patches one call; `error` is the reason the last attempt was refused, shown above the form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from commissioner_desk.domain.enums import AgendaItemKind
from commissioner_desk.network.labels import AGENDA_KIND

from ...records.form import FormDialog, date_edit, narrow_combo, picked_date


@dataclass(frozen=True)
class SeriesInput:
    name: str
    prefix: str
    quorum: int


@dataclass(frozen=True)
class MeetingInput:
    starts_at: datetime
    location: str
    online: bool
    title: str


@dataclass(frozen=True)
class AgendaInput:
    title: str
    kind: AgendaItemKind
    presenter_id: int | None
    papers: str  # one link a line


class SeriesDialog(FormDialog):
    def __init__(self, parent: QWidget | None, values: SeriesInput | None) -> None:
        super().__init__(
            parent,
            "New meeting series",
            "A series is a run of meetings of the same body, for example the National "
            "Anti-Trafficking and Modern Slavery Network. Its actions are numbered with its "
            "prefix, and every meeting's attendance is checked against its quorum.",
            "Create series",
        )
        values = values or SeriesInput("", "NET", 0)
        self.name = QLineEdit(values.name)
        self.name.setPlaceholderText("National Anti-Trafficking and Modern Slavery Network")
        self.prefix = QLineEdit(values.prefix)
        self.prefix.setMaxLength(12)
        self.prefix.setToolTip("Letters or digits: NET gives action references like NET-2026-014")
        self.quorum = QSpinBox()
        self.quorum.setRange(0, 500)
        self.quorum.setValue(values.quorum)
        self.quorum.setSpecialValueText("No quorum rule")
        self.quorum.setSuffix(" organisations")
        self.form.addRow("Name", self.name)
        self.form.addRow("Action prefix", self.prefix)
        self.form.addRow("Quorum", self.quorum)

    def values(self) -> SeriesInput:
        return SeriesInput(self.name.text(), self.prefix.text(), self.quorum.value())

    @classmethod
    def ask(cls, parent, values: SeriesInput | None = None, error: str = "") -> SeriesInput | None:
        dialog = cls(parent, values)
        dialog.show_error(error)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class MeetingDialog(FormDialog):
    def __init__(self, parent: QWidget | None, series: str, values: MeetingInput | None) -> None:
        super().__init__(
            parent,
            "New meeting",
            f"A meeting of {series}. Its agenda opens with “Matters arising”: every action "
            "from earlier meetings of the series that is not yet done or closed.",
            "Create meeting",
        )
        start = values.starts_at if values else datetime.combine(date.today(), time(10, 30))
        self.day = date_edit(start.date())
        self.at = QTimeEdit(QTime(start.hour, start.minute))
        self.at.setDisplayFormat("HH:mm")
        self.place = QLineEdit(values.location if values else "")
        self.place.setPlaceholderText("2 Marsham Street, London")
        self.online = QCheckBox("Online (Teams or similar)")
        self.online.setChecked(values.online if values else False)
        self.title_edit = QLineEdit(values.title if values else "")
        self.title_edit.setPlaceholderText("Left empty: “Meeting, <month> <year>”")
        self.form.addRow("Date", self.day)
        self.form.addRow("Starts at", self.at)
        self.form.addRow("Place", self.place)
        self.form.addRow("", self.online)
        self.form.addRow("Title", self.title_edit)

    def values(self) -> MeetingInput:
        t = self.at.time()
        return MeetingInput(
            datetime.combine(picked_date(self.day), time(t.hour(), t.minute())),
            self.place.text(),
            self.online.isChecked(),
            self.title_edit.text(),
        )

    @classmethod
    def ask(
        cls, parent, series: str, values: MeetingInput | None = None, error: str = ""
    ) -> MeetingInput | None:
        dialog = cls(parent, series, values)
        dialog.show_error(error)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class AgendaItemDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        people: list[tuple[int, str]],
        values: AgendaInput | None,
        editing: bool,
    ) -> None:
        super().__init__(
            parent,
            "Edit agenda item" if editing else "Add agenda item",
            "" if editing else "The item goes at the end of the agenda; move it up afterwards.",
            "Save item" if editing else "Add item",
        )
        self.title_edit = QLineEdit(values.title if values else "")
        self.kind = QComboBox()
        for kind in AgendaItemKind:
            self.kind.addItem(AGENDA_KIND[kind].capitalize(), kind)
        self.kind.setCurrentIndex(
            self.kind.findData(values.kind if values else AgendaItemKind.DISCUSSION)
        )
        self.presenter = narrow_combo()
        self.presenter.addItem("Nobody named", None)
        for person_id, label in people:
            self.presenter.addItem(label, person_id)
        if values and values.presenter_id is not None:
            self.presenter.setCurrentIndex(max(self.presenter.findData(values.presenter_id), 0))
        self.papers = QPlainTextEdit(values.papers if values else "")
        self.papers.setPlaceholderText(
            "One link a line, for example\nhttps://www.gov.uk/…/report.pdf\n"
            "\\\\server\\papers\\item 4.pdf"
        )
        self.papers.setTabChangesFocus(True)
        self.papers.setMinimumHeight(self.fontMetrics().height() * 5)
        self.form.addRow("Title", self.title_edit)
        self.form.addRow("For", self.kind)
        self.form.addRow("Presenter", self.presenter)
        self.form.addRow("Papers", self.papers)

    def values(self) -> AgendaInput:
        return AgendaInput(
            self.title_edit.text(),
            AgendaItemKind(self.kind.currentData()),  # Qt returns the enum as a plain str
            self.presenter.currentData(),
            self.papers.toPlainText(),
        )

    @classmethod
    def ask(
        cls,
        parent,
        people: list[tuple[int, str]],
        values: AgendaInput | None = None,
        error: str = "",
        editing: bool = False,
    ) -> AgendaInput | None:
        dialog = cls(parent, people, values, editing)
        dialog.show_error(error)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ApproveDialog(FormDialog):
    """Which later meeting of the series approved the minutes."""

    def __init__(self, parent: QWidget | None, meeting: str, candidates: list[tuple[int, str]]):
        super().__init__(
            parent,
            "Approve the minutes",
            f"Minutes are approved at a later meeting of the series. Choose the meeting that "
            f"approved the minutes of {meeting}. After approval the minutes are not edited: "
            "corrections are recorded as dated errata.",
            "Record approval",
        )
        self.meeting = narrow_combo()
        for meeting_id, label in candidates:
            self.meeting.addItem(label, meeting_id)
        self.meeting.setCurrentIndex(0)  # the earliest: usually the next meeting
        self.form.addRow("Approved at", self.meeting)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)

    @classmethod
    def ask(cls, parent, meeting: str, candidates: list[tuple[int, str]]) -> int | None:
        dialog = cls(parent, meeting, candidates)
        return (
            dialog.meeting.currentData() if dialog.exec() == QDialog.DialogCode.Accepted else None
        )
