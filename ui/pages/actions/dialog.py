"""A new action, or changes to one: the dialog saves through the core itself, so a refusal
(no title, someone else's save first) keeps what the user typed on screen.

`ask(parent, db, ...)` returns the id of the action saved, or None if cancelled.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.enums import ActionStatus, Priority
from commissioner_desk.formatting import uk_date
from commissioner_desk.network.actions_types import PRIORITY_LABELS
from commissioner_desk.network.rag import STATUS_LABELS

from ... import conflict_dialog
from ...records.form import choose, combo, message_label, show_message

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.network.actions import ActionRow

DEFAULT_WEEKS = 4  # a new action is due four weeks on unless the user says otherwise


class ActionDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        db: Database,
        *,
        action_id: int | None = None,
        meeting_id: int | None = None,
        agenda_item_id: int | None = None,
        force_code: str | None = None,
    ) -> None:
        super().__init__(parent)
        from commissioner_desk.network.actions import action_row

        self.db = db
        self.action_id = action_id
        self.saved_id: int | None = None
        self.row: ActionRow | None = action_row(db, action_id) if action_id else None
        self.setWindowTitle(f"Action {self.row.reference}" if self.row else "New action")
        self.setMinimumWidth(520)
        self._build()
        if self.row is not None:
            self._fill(self.row)
        else:
            choose(self.meeting_box, meeting_id)
            self._load_agenda(agenda_item_id)
            choose(self.force_box, force_code)
            due = date.today() + timedelta(weeks=DEFAULT_WEEKS)
            self.due.setDate(QDate(due.year, due.month, due.day))

    # ----- building -------------------------------------------------------------------------

    def _build(self) -> None:
        from commissioner_desk.network.meetings import list_meetings
        from commissioner_desk.network.organisations import list_organisations, list_people
        from commissioner_desk.queries.forces import list_forces

        from ...metric_choices import metric_items

        self.people = {p.id: p for p in list_people(self.db)}
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("What is to be done, in a line")
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(self.fontMetrics().height() * 4)
        self.owner_box = combo(
            [
                (f"{p.name} ({p.organisation_name})" if p.organisation_name else p.name, p.id)
                for p in self.people.values()
            ],
            "No one named yet",
        )
        self.org_box = combo(
            [(o.name, o.id) for o in list_organisations(self.db)], "No organisation yet"
        )
        self.owner_box.currentIndexChanged.connect(self._owner_chosen)
        self.meeting_box = combo(
            [
                (f"{uk_date(m.starts_at.date())}: {m.title or m.series}", m.id)
                for m in list_meetings(self.db)
            ],
            "Not raised at a meeting",
        )
        self.item_box = combo([], "No particular agenda item")
        self.meeting_box.currentIndexChanged.connect(lambda _i: self._load_agenda(None))
        self.force_box = combo(
            [(f.display_name, f.code) for f in list_forces(self.db)], "No particular force"
        )
        self.metric_box = combo(metric_items(), "No particular figure")
        self.due = QDateEdit()
        self.due.setDisplayFormat("dd/MM/yyyy")  # UK order, whatever the machine's locale
        self.due.setCalendarPopup(True)
        self.no_due = QCheckBox("No due date")
        self.no_due.toggled.connect(lambda on: self.due.setEnabled(not on))
        due_row = QHBoxLayout()
        due_row.addWidget(self.due)
        due_row.addWidget(self.no_due)
        due_row.addStretch(1)
        self.status_box = combo([(label, s) for s, label in STATUS_LABELS.items()])
        self.priority_box = combo([(label, p) for p, label in PRIORITY_LABELS.items()])
        choose(self.priority_box, Priority.MEDIUM)

        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Description", self.description)
        form.addRow("&Owner", self.owner_box)
        form.addRow("Or&ganisation", self.org_box)
        form.addRow("Raised at &meeting", self.meeting_box)
        form.addRow("Agenda &item", self.item_box)
        form.addRow("&Force", self.force_box)
        form.addRow("Fi&gure", self.metric_box)
        due_label = QLabel("Due &by")
        due_label.setBuddy(self.due)  # a row holding a layout gets no buddy of its own
        form.addRow(due_label, due_row)
        form.addRow("&Status", self.status_box)
        form.addRow("&Priority", self.priority_box)

        self.message = message_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save" if self.row else "Add action")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _owner_chosen(self, _index: int) -> None:
        person = self.people.get(self.owner_box.currentData())
        if person is not None and person.organisation_id is not None:
            choose(self.org_box, person.organisation_id)

    def _load_agenda(self, chosen: int | None) -> None:
        from commissioner_desk.network.agenda import list_agenda

        meeting_id = self.meeting_box.currentData()
        self.item_box.blockSignals(True)
        self.item_box.clear()
        self.item_box.addItem("No particular agenda item", None)
        if meeting_id is not None:
            for item in list_agenda(self.db, meeting_id):
                self.item_box.addItem(f"{item.position}. {item.title}", item.id)
        self.item_box.setEnabled(meeting_id is not None)
        self.item_box.blockSignals(False)
        choose(self.item_box, chosen)

    def _fill(self, row: ActionRow) -> None:
        self.title_edit.setText(row.title)
        self.description.setPlainText(row.description)
        choose(self.owner_box, row.owner_person_id)
        choose(self.org_box, row.owner_organisation_id)
        choose(self.meeting_box, row.meeting_id)
        self._load_agenda(row.agenda_item_id)
        choose(self.force_box, row.force_code)
        choose(self.metric_box, row.metric_key)
        self.no_due.setChecked(row.due_date is None)
        d = row.due_date or date.today() + timedelta(weeks=DEFAULT_WEEKS)  # if one is set now
        self.due.setDate(QDate(d.year, d.month, d.day))
        choose(self.status_box, row.status)
        choose(self.priority_box, row.priority)

    # ----- values ---------------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        """What the form says, under the core's names (edit_action's changes)."""
        due = None if self.no_due.isChecked() else self.due.date().toPython()
        return {
            "title": self.title_edit.text(),
            "description": self.description.toPlainText(),
            "owner_person_id": self.owner_box.currentData(),
            "owner_organisation_id": self.org_box.currentData(),
            "meeting_id": self.meeting_box.currentData(),
            "agenda_item_id": self.item_box.currentData(),
            "force_code": self.force_box.currentData(),
            "metric_key": self.metric_box.currentData(),
            "due_date": due,
            "status": ActionStatus(self.status_box.currentData()),
            "priority": Priority(self.priority_box.currentData()),
        }

    def changes(self) -> dict[str, object]:
        """Only what differs from the action as it was opened."""
        row, values = self.row, self.values()
        assert row is not None
        was = {
            "title": row.title,
            "description": row.description,
            "owner_person_id": row.owner_person_id,
            "owner_organisation_id": row.owner_organisation_id,
            "meeting_id": row.meeting_id,
            "agenda_item_id": row.agenda_item_id,
            "force_code": row.force_code,
            "metric_key": row.metric_key,
            "due_date": row.due_date,
            "status": row.status,
            "priority": row.priority,
        }
        changed = {k: v for k, v in values.items() if v != was[k]}
        if "meeting_id" in changed or "agenda_item_id" in changed:
            # The two go together: the core checks the item belongs to the meeting.
            changed["meeting_id"], changed["agenda_item_id"] = (
                values["meeting_id"],
                values["agenda_item_id"],
            )
        return changed

    def my_text(self) -> str:
        """The user's values in words, for the conflict dialog's copy."""
        due = "none" if self.no_due.isChecked() else uk_date(self.due.date().toPython())
        lines = [
            f"Title: {self.title_edit.text()}",
            f"Description: {self.description.toPlainText()}",
            f"Owner: {self.owner_box.currentText()}",
            f"Organisation: {self.org_box.currentText()}",
            f"Meeting: {self.meeting_box.currentText()}, {self.item_box.currentText()}",
            f"Force: {self.force_box.currentText()}",
            f"Figure: {self.metric_box.currentText()}",
            f"Due: {due}",
            f"Status: {self.status_box.currentText()}",
            f"Priority: {self.priority_box.currentText()}",
        ]
        return "\n".join(lines)

    # ----- saving ---------------------------------------------------------------------------

    def accept(self) -> None:
        if self.save():
            super().accept()

    def save(self) -> bool:
        """Create or save the action; False (with the reason shown) if nothing was saved."""
        from commissioner_desk.network.actions import ActionDraft, create_action, edit_action
        from commissioner_desk.network.editing import EditConflict

        try:
            if self.row is None:
                draft = ActionDraft(**self.values())
                self.saved_id = create_action(self.db, draft, date.today()).id
                return True
            changes = self.changes()
            if changes:
                edit_action(self.db, self.row.id, self.row.version, changes)
            self.saved_id = self.row.id
            return True
        except EditConflict as exc:
            self._conflict(exc)
        except ValueError as exc:  # the core's refusals are worded for the user
            show_message(self.message, str(exc))
        return False

    def _conflict(self, exc) -> None:
        from commissioner_desk.network.actions import ActionNotFound, action_row
        from commissioner_desk.network.editing import EditConflict

        assert self.row is not None
        try:
            now = action_row(self.db, self.row.id)
        except ActionNotFound:
            now = None
        if now is not None:  # their values in words, not the ids the core compares
            exc = EditConflict(exc.what, exc.change, theirs_of(now))
        conflict_dialog.resolve_conflict(self, exc, self.my_text())
        if now is None:
            show_message(
                self.message,
                f"{exc.what} was deleted by {exc.change.who}: it can no longer be saved. "
                "Cancel to close.",
            )
            self.save_button.setEnabled(False)
            return
        self.row = now
        self._fill(now)
        show_message(
            self.message,
            f"Reloaded: this is the action as {exc.change.who} saved it. Make your changes "
            "again and save.",
            error=False,
        )


def theirs_of(row: ActionRow) -> dict[str, object]:
    """The action's current values in words, labelled as the form labels them."""
    return {
        "Title": row.title,
        "Description": row.description,
        "Owner": row.owner_name,
        "Organisation": row.organisation_name,
        "Meeting": row.minute_reference,
        "Force": row.force_name,
        "Figure": row.metric_label,
        "Due": uk_date(row.due_date) if row.due_date else "",
        "Status": row.status_label,
        "Priority": row.priority_label,
    }


def ask(
    parent: QWidget | None,
    db: Database,
    *,
    action_id: int | None = None,
    meeting_id: int | None = None,
    agenda_item_id: int | None = None,
    force_code: str | None = None,
) -> int | None:
    """The id of the action added or saved, or None if the user cancelled."""
    dialog = ActionDialog(
        parent,
        db,
        action_id=action_id,
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
        force_code=force_code,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.saved_id
