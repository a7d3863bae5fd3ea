"""A new practice entry, or changes to one: the entry's text on one tab, what it links to on the
other. The dialog saves through the core itself, so a refusal (no title, someone else's save
first) keeps what the user typed on screen.

`PracticeDialog.ask(parent, db, ...)` returns the id of the entry saved, or None if cancelled.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.enums import PracticeStatus, PracticeTheme
from commissioner_desk.formatting import uk_date
from commissioner_desk.network.practices_types import STATUS_LABELS, THEME_LABELS

from ... import conflict_dialog
from ...records.form import choose, combo, date_edit, message_label, picked_date, show_message
from .links import DocumentList, LinkList

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.network.practices import PracticeRow

NOT_LISTED = "not_listed"  # the organisation box's "not in the list: type its name"


def _text_box(lines: int, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(box.fontMetrics().height() * lines + 12)
    return box


class _OptionalDate(QWidget):
    """A date, or none ("not known", "still running")."""

    def __init__(self, none_label: str) -> None:
        super().__init__()
        self.edit = date_edit(date.today())
        self.none = QCheckBox(none_label)
        self.none.toggled.connect(lambda on: self.edit.setEnabled(not on))
        self.none.setChecked(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.none)
        row.addStretch(1)

    def set(self, day: date | None) -> None:
        self.none.setChecked(day is None)
        if day is not None:
            self.edit.setDate(date_edit(day).date())

    def value(self) -> date | None:
        return None if self.none.isChecked() else picked_date(self.edit)


class PracticeDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        db: Database,
        *,
        practice_id: int | None = None,
        force_code: str | None = None,
        action_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        from commissioner_desk.network.practices import practice_row

        self.db = db
        self.saved_id: int | None = None
        self.row: PracticeRow | None = practice_row(db, practice_id) if practice_id else None
        self.setWindowTitle("Practice entry" if self.row else "New practice entry")
        self.setMinimumWidth(720)
        self._build()
        if self.row is not None:
            self._fill(self.row)
        else:
            if force_code:
                self.forces.add_data(force_code)
            if action_id is not None:
                self.actions.add_data(action_id)

    # ----- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.message = message_label()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._entry_tab(), "&Entry")
        self.tabs.addTab(self._links_tab(), "&Links")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save" if self.row else "Add entry")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self.row is not None and self.row.is_demo:
            demo = QLabel("<b>DEMO</b>: a synthetic entry made for trying the app.")
            demo.setStyleSheet("color:#8a6d00")
            layout.addWidget(demo)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _entry_tab(self) -> QWidget:
        from commissioner_desk.network.organisations import list_organisations

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("What was done, in a line")
        self.theme_box = combo([(label, t) for t, label in THEME_LABELS.items()])
        self.status_box = combo([(label, s) for s, label in STATUS_LABELS.items()])
        choose(self.status_box, PracticeStatus.PUBLISHED)
        self.status_box.setToolTip("Drafts are left out of the digest and the briefing pack")
        orgs = [(o.name, o.id) for o in list_organisations(self.db)]
        self.org_box = combo([*orgs, ("Not in the list: type its name", NOT_LISTED)], "None")
        self.org_name = QLineEdit()
        self.org_name.setPlaceholderText("e.g. Essex Anti-Slavery Partnership")
        self.org_box.currentIndexChanged.connect(lambda _i: self._org_chosen())
        self._org_chosen()
        self.summary = _text_box(3, "What it is, in a sentence or two: lists show the first one")
        self.done_box = _text_box(3, "What was done, by whom, with what")
        self.outcomes = _text_box(3, "Figures, evaluation: what changed and how it is known")
        self.contacts = _text_box(2, "Who to ask: name, role, e-mail or phone")
        self.started = _OptionalDate("Not known")
        self.ended = _OptionalDate("Still running")
        self.added = date_edit(date.today())
        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("T&heme", self.theme_box)
        form.addRow("&Status", self.status_box)
        form.addRow("&Organisation", self.org_box)
        form.addRow("", self.org_name)
        form.addRow("S&ummary", self.summary)
        form.addRow("&What was done", self.done_box)
        form.addRow("Outco&mes and evidence", self.outcomes)
        form.addRow("&Contacts", self.contacts)
        form.addRow("Started", self.started)
        form.addRow("Ended", self.ended)
        added = QHBoxLayout()
        added.addWidget(self.added)
        added.addStretch(1)
        added_label = QLabel("&Added to the library")
        added_label.setBuddy(self.added)  # a row holding a layout gets no buddy of its own
        form.addRow(added_label, added)
        box = QWidget()
        box.setLayout(form)
        return box

    def _links_tab(self) -> QWidget:
        from commissioner_desk.network.actions import list_actions
        from commissioner_desk.network.meetings import list_meetings
        from commissioner_desk.queries.forces import list_forces

        self.forces = LinkList(
            [(f.display_name, f.code) for f in list_forces(self.db)], "Type a force's name", "force"
        )
        self.actions = LinkList(
            [(f"{a.reference}: {a.title}", a.id) for a in list_actions(self.db)],
            "Type a reference or words of the title",
            "action",
        )
        self.meetings = LinkList(
            [
                (f"{uk_date(m.starts_at.date())}: {m.title or m.series}", m.id)
                for m in list_meetings(self.db)
            ],
            "Type a date or title",
            "meeting",
        )
        self.documents = DocumentList()
        form = QFormLayout()
        form.addRow("&Forces", self.forces)
        form.addRow("Ac&tions in the log", self.actions)
        form.addRow("&Presented at", self.meetings)
        form.addRow("&Documents", self.documents)
        box = QWidget()
        box.setLayout(form)
        return box

    def _org_chosen(self) -> None:
        typed = self.org_box.currentData() == NOT_LISTED
        self.org_name.setVisible(typed)
        if typed:
            self.org_name.setFocus()

    def _fill(self, row: PracticeRow) -> None:
        self.title_edit.setText(row.title)
        self.title_edit.setCursorPosition(0)  # a long title shows its start, not its end
        choose(self.theme_box, row.theme)
        choose(self.status_box, row.status)
        if row.organisation_id is not None:
            choose(self.org_box, row.organisation_id)
        else:
            choose(self.org_box, NOT_LISTED if row.organisation_name else None)
        self.org_name.setText(row.organisation_name)
        self._org_chosen()
        self.summary.setPlainText(row.summary)
        self.done_box.setPlainText(row.what_was_done)
        self.outcomes.setPlainText(row.outcomes)
        self.contacts.setPlainText(row.contacts)
        self.started.set(row.started_on)
        self.ended.set(row.ended_on)
        self.added.setDate(date_edit(row.added_on).date())
        self.forces.set_items([(f.name, f.code) for f in row.forces])
        self.actions.set_items([(a.label, a.id) for a in row.actions])
        self.meetings.set_items([(m.label, m.id) for m in row.meetings])
        self.documents.set_documents(row.documents)

    # ----- values ---------------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        """What the form says, under the core's names (edit_practice's changes)."""
        org = self.org_box.currentData()
        typed = org == NOT_LISTED
        return {
            "title": self.title_edit.text(),
            "theme": PracticeTheme(self.theme_box.currentData()),
            "status": PracticeStatus(self.status_box.currentData()),
            "organisation_id": None if typed else org,
            "organisation_name": self.org_name.text() if typed else "",
            "summary": self.summary.toPlainText(),
            "what_was_done": self.done_box.toPlainText(),
            "outcomes": self.outcomes.toPlainText(),
            "contacts": self.contacts.toPlainText(),
            "started_on": self.started.value(),
            "ended_on": self.ended.value(),
            "added_on": picked_date(self.added),
            "force_codes": tuple(self.forces.values()),
            "action_ids": tuple(self.actions.values()),
            "meeting_ids": tuple(self.meetings.values()),
            "documents": tuple(self.documents.documents()),
        }

    def changes(self) -> dict[str, object]:
        """Only what differs from the entry as it was opened."""
        row, values = self.row, self.values()
        assert row is not None
        was = {
            "title": row.title,
            "theme": row.theme,
            "status": row.status,
            "organisation_id": row.organisation_id,
            "organisation_name": row.organisation_name,
            "summary": row.summary,
            "what_was_done": row.what_was_done,
            "outcomes": row.outcomes,
            "contacts": row.contacts,
            "started_on": row.started_on,
            "ended_on": row.ended_on,
            "added_on": row.added_on,
            "force_codes": tuple(f.code for f in row.forces),
            "action_ids": tuple(a.id for a in row.actions),
            "meeting_ids": tuple(m.id for m in row.meetings),
            "documents": row.documents,
        }
        return {k: v for k, v in values.items() if v != was[k]}

    def my_text(self) -> str:
        """The user's values in words, for the conflict dialog's copy."""
        docs = "; ".join(f"{d.label} {d.target}".strip() for d in self.documents.documents())
        return "\n".join(
            [
                f"Title: {self.title_edit.text()}",
                f"Theme: {self.theme_box.currentText()}",
                f"Status: {self.status_box.currentText()}",
                f"Organisation: {self.org_box.currentText()} {self.org_name.text()}".rstrip(),
                f"Summary: {self.summary.toPlainText()}",
                f"What was done: {self.done_box.toPlainText()}",
                f"Outcomes and evidence: {self.outcomes.toPlainText()}",
                f"Contacts: {self.contacts.toPlainText()}",
                f"Forces: {', '.join(self.forces.texts())}",
                f"Actions: {'; '.join(self.actions.texts())}",
                f"Presented at: {'; '.join(self.meetings.texts())}",
                f"Documents: {docs}",
            ]
        )

    # ----- saving ---------------------------------------------------------------------------

    def accept(self) -> None:
        if self.save():
            super().accept()

    def save(self) -> bool:
        """Create or save the entry; False (with the reason shown) if nothing was saved."""
        from commissioner_desk.network.editing import EditConflict
        from commissioner_desk.network.practices import (
            PracticeDraft,
            create_practice,
            edit_practice,
        )

        try:
            if self.row is None:
                self.saved_id = create_practice(self.db, PracticeDraft(**self.values())).id
                return True
            changes = self.changes()
            if changes:
                edit_practice(self.db, self.row.id, self.row.version, changes)
            self.saved_id = self.row.id
            return True
        except EditConflict as exc:
            self._conflict(exc)
        except ValueError as exc:  # the core's refusals are worded for the user
            show_message(self.message, str(exc))
        return False

    def _conflict(self, exc) -> None:
        from commissioner_desk.network.practices import PracticeNotFound, practice_row

        assert self.row is not None
        conflict_dialog.resolve_conflict(self, exc, self.my_text())
        try:
            now = practice_row(self.db, self.row.id)
        except PracticeNotFound:
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
            f"Reloaded: this is the entry as {exc.change.who} saved it. Make your changes "
            "again and save.",
            error=False,
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        db: Database,
        *,
        practice_id: int | None = None,
        force_code: str | None = None,
        action_id: int | None = None,
    ) -> int | None:
        """The id of the entry added or saved, or None if the user cancelled."""
        dialog = cls(
            parent, db, practice_id=practice_id, force_code=force_code, action_id=action_id
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.saved_id
