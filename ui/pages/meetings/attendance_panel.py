"""The Attendance tab: every organisation of the network with how it attended (present,
apologies, a named deputy, absent), saved as soon as it is chosen, and the quorum sentence
above the table in green or red, with words."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.enums import AttendanceStatus
from commissioner_desk.network.attendance import AttendanceRow, QuorumCheck, attendance_summary
from commissioner_desk.network.labels import MINUTES_STATUS

from . import ops
from .record_dialogs import ask_deputy_name

if TYPE_CHECKING:
    from commissioner_desk.network.meeting_detail import MeetingDetail
    from commissioner_desk.network.organisations import OrganisationRow

    from .editor import MeetingEditor

CHOICES: tuple[tuple[str, AttendanceStatus | None], ...] = (
    ("Not recorded", None),
    ("Present", AttendanceStatus.PRESENT),
    ("Apologies", AttendanceStatus.APOLOGIES),
    ("Deputy", AttendanceStatus.DEPUTY),
    ("Absent", AttendanceStatus.ABSENT),
)
ORG, STATUS, DEPUTY = range(3)


def quorum_style(q: QuorumCheck) -> str:
    if q.required <= 0 or not q.recorded:
        return ops.NEUTRAL
    return ops.GOOD if q.met else ops.BAD


class AttendancePanel(QWidget):
    def __init__(self, editor: MeetingEditor) -> None:
        super().__init__()
        self.editor = editor
        self._orgs: list[OrganisationRow] = []
        self._rows: dict[int, AttendanceRow] = {}  # by organisation id
        self._filling = False
        self.quorum_label = ops.banner()
        self.quorum_label.setObjectName("quorumSentence")
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")
        self.summary.setWordWrap(True)
        self.find = QLineEdit()
        self.find.setPlaceholderText("Find an organisation (Ctrl+F)")
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._filter)
        find_key = QShortcut(QKeySequence.StandardKey.Find, self)
        find_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find_key.activated.connect(self.find.setFocus)
        self.add_org = QPushButton("Add organisation…")
        self.add_org.clicked.connect(self.add_organisation)
        self.sync = QPushButton("Add the forces and PCC offices")
        self.sync.setToolTip(
            "An organisation for every police force and PCC office, from the registry"
        )
        self.sync.clicked.connect(self.sync_forces)
        self.empty = QLabel(
            "No organisations yet. Add the police forces and PCC offices from the force "
            "registry, and the other members of the network (national agencies, NGOs, the "
            "commissioner's office), to record who attended."
        )
        self.empty.setWordWrap(True)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Organisation", "Attendance", "Deputy"])
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ORG, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DEPUTY, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DEPUTY, self.fontMetrics().averageCharWidth() * 24)
        self.table.itemChanged.connect(self._item_changed)

        bar = QHBoxLayout()
        bar.addWidget(self.find, 1)
        bar.addWidget(self.sync)
        bar.addWidget(self.add_org)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    # ----- showing --------------------------------------------------------------------------

    @staticmethod
    def read(db):
        """The organisations the table lists (off the UI thread when the page loads)."""
        from commissioner_desk.network.organisations import list_organisations

        return list_organisations(db)

    def show_detail(self, d: MeetingDetail, orgs=None) -> None:
        if orgs is None:
            orgs = self.read(self.editor.db)
        self._rows = {a.organisation_id: a for a in d.attendance}
        self._show_quorum(d.quorum, upcoming=d.starts_at > datetime.now())
        editable = d.minutes_editable
        recorded = attendance_summary(a.status for a in d.attendance) + ". "
        if not d.attendance:
            recorded = ""
        if editable:
            how = (
                "Choose how each organisation attended: it is saved at once. A deputy counts "
                "towards the quorum."
            )
        else:
            how = (
                f"The minutes are {MINUTES_STATUS[d.minutes_status]}: the attendance is part of "
                "the approved record."
            )
        self.summary.setText(recorded + how)
        self.empty.setVisible(not orgs)
        self.table.setVisible(bool(orgs))
        self.sync.setVisible(not any(o.force_id for o in orgs))
        self._filling = True
        try:
            if [o.id for o in orgs] != [o.id for o in self._orgs]:
                self._build(orgs)  # same organisations: update in place, keeping the scroll
            self._orgs = orgs
            for n, org in enumerate(orgs):
                self._fill_row(n, org, editable)
        finally:
            self._filling = False
        self._filter(self.find.text())

    def _show_quorum(self, q: QuorumCheck, upcoming: bool) -> None:
        style, text = quorum_style(q), q.sentence
        if upcoming and q.recorded:  # apologies sent ahead are not a failed quorum
            style = ops.NEUTRAL
            text = f"The meeting has not taken place yet. So far: {text[0].lower()}{text[1:]}"
        ops.set_banner(self.quorum_label, style + " font-size:12pt; font-weight:600;", text)

    def _build(self, orgs: list[OrganisationRow]) -> None:
        self.table.setRowCount(0)
        self.table.setRowCount(len(orgs))
        for n, org in enumerate(orgs):
            name = QTableWidgetItem(org.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            name.setData(Qt.ItemDataRole.UserRole, org.id)
            self.table.setItem(n, ORG, name)
            combo = QComboBox()
            combo.setAccessibleName(f"Attendance of {org.name}")
            for label, status in CHOICES:
                combo.addItem(label, status)
            combo.currentIndexChanged.connect(lambda _i, org_id=org.id: self._status_chosen(org_id))
            self.table.setCellWidget(n, STATUS, combo)
            self.table.setItem(n, DEPUTY, QTableWidgetItem())

    def _fill_row(self, n: int, org: OrganisationRow, editable: bool) -> None:
        row = self._rows.get(org.id)
        combo = self.combo(n)
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(row.status if row else None))
        combo.blockSignals(False)
        combo.setEnabled(editable)
        deputy = self.table.item(n, DEPUTY)
        deputy.setText(row.deputy_name if row else "")
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if editable and row is not None and row.status is AttendanceStatus.DEPUTY:
            flags |= Qt.ItemFlag.ItemIsEditable
            deputy.setToolTip("Double-click to correct the deputy's name")
        deputy.setFlags(flags)
        member = f"\nMember: {row.person}" if row and row.person else ""
        self.table.item(n, ORG).setToolTip(org.name + member)

    def combo(self, n: int) -> QComboBox:
        return self.table.cellWidget(n, STATUS)

    def row_of(self, organisation: str) -> int:
        return next(n for n, o in enumerate(self._orgs) if o.name == organisation)

    def _filter(self, text: str) -> None:
        text = text.casefold().strip()
        for n, org in enumerate(self._orgs):
            self.table.setRowHidden(n, bool(text) and text not in org.name.casefold())

    # ----- changing -------------------------------------------------------------------------

    def _status_chosen(self, org_id: int) -> None:
        if self._filling:
            return
        n = next(i for i, o in enumerate(self._orgs) if o.id == org_id)
        data = self.combo(n).currentData()  # Qt hands enum members back as plain strings
        status = AttendanceStatus(data) if data else None
        org = self._orgs[n]
        deputy = ""
        if status is AttendanceStatus.DEPUTY:
            current = self._rows.get(org_id)
            deputy = ask_deputy_name(self, org.name, current.deputy_name if current else "")
            if not deputy:
                self.editor.reload()  # put the choice back as it was
                return
        self._save(org, status, deputy)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != DEPUTY:
            return
        org = self._orgs[item.row()]
        current = self._rows.get(org.id)
        if current is None or current.status is not AttendanceStatus.DEPUTY:
            return
        if " ".join(item.text().split()) != current.deputy_name:
            self._save(org, AttendanceStatus.DEPUTY, item.text())

    def _save(self, org: OrganisationRow, status: AttendanceStatus | None, deputy: str) -> None:
        from commissioner_desk.network.attendance import remove_attendance, set_attendance

        db, meeting = self.editor.db, self.editor.detail
        current = self._rows.get(org.id)
        if status is None:
            if current is None:
                return

            def fn() -> bool:
                remove_attendance(db, current.id, current.version)
                return True  # attempt() reads None as refused
        else:

            def fn() -> AttendanceRow:
                return set_attendance(
                    db,
                    meeting.id,
                    org.id,
                    status,
                    person_id=current.person_id if current else None,  # keep who attended
                    deputy_name=deputy,
                    version=current.version if current else None,
                )

        done = ops.attempt(self, f"The attendance of {org.name} could not be saved", fn)
        self.editor.saved(f"Attendance of {org.name} saved." if done else None)

    # ----- organisations --------------------------------------------------------------------

    def sync_forces(self) -> None:
        from commissioner_desk.network.organisations import sync_force_organisations

        result = ops.attempt(
            self, "The forces could not be added", lambda: sync_force_organisations(self.editor.db)
        )
        self.editor.saved(result.describe() if result else None)

    def add_organisation(self) -> None:
        from commissioner_desk.network.organisations import create_organisation

        from .record_dialogs import OrganisationDialog

        row = ops.until_saved(
            lambda values, error: OrganisationDialog.ask(self, values, error),
            lambda v: create_organisation(self.editor.db, v.name, v.kind),
            "The organisation could not be added",
            self,
        )
        self.editor.saved(f"{row.name} added to the network." if row else None)
