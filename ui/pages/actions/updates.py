"""The two small dialogs of an action: add a dated update, and set (or clear) the RAG by hand.

Each saves through the core on top of the version the page showed; on someone else's save in
between, the shared conflict dialog is shown and the dialog reloads the action, keeping what
the user typed so they can save again knowingly. `ask(parent, db, row)` returns True if saved.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.enums import Rag
from commissioner_desk.network.rag import RAG_LABELS, STATUS_LABELS

from ... import conflict_dialog
from ...records.form import combo, message_label, show_message

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.network.actions import ActionRow


class _ActionForm(QDialog):
    """Heading naming the action, the refusal line, the fields, Save/Cancel."""

    ok_text = "Save"

    def __init__(self, parent: QWidget | None, db: Database, row: ActionRow, title: str):
        super().__init__(parent)
        self.db = db
        self.row = row
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.message = message_label()
        self.body = QVBoxLayout()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addLayout(self.body)
        layout.addWidget(buttons)

    def show_row(self, row: ActionRow) -> None:
        from html import escape

        self.row = row
        self.heading.setText(
            f"<b>{escape(row.reference)}</b>: {escape(row.title)}<br>"
            f"<span style='color:#4a4a4a'>{escape(row.status_label)}; "
            f"{escape(row.rag_label)}: {escape(row.rag_reason)}</span>"
        )

    def accept(self) -> None:
        from commissioner_desk.network.editing import EditConflict

        try:
            self.save()
        except EditConflict as exc:
            self._conflict(exc)
            return
        except ValueError as exc:  # the core's refusals are worded for the user
            show_message(self.message, str(exc))
            return
        super().accept()

    def save(self) -> None:
        raise NotImplementedError

    def my_text(self) -> str:
        raise NotImplementedError

    def reloaded(self, row: ActionRow) -> None:
        """Show the action as it is now (the user's own text stays)."""
        self.show_row(row)

    def _conflict(self, exc) -> None:
        from commissioner_desk.network.actions import ActionNotFound, action_row

        conflict_dialog.resolve_conflict(self, exc, self.my_text())
        try:
            now = action_row(self.db, self.row.id)
        except ActionNotFound:
            show_message(
                self.message,
                f"This action was deleted by {exc.change.who}: nothing can be saved to it. "
                "Cancel to close.",
            )
            self.save_button.setEnabled(False)
            return
        self.reloaded(now)
        show_message(
            self.message,
            f"Reloaded: {exc.change.who} changed this action after you opened it; it is shown "
            "above as it is now. Save again if what you wrote still holds.",
            error=False,
        )


class UpdateDialog(_ActionForm):
    ok_text = "Add update"

    def __init__(self, parent: QWidget | None, db: Database, row: ActionRow) -> None:
        super().__init__(parent, db, row, f"Add an update to {row.reference}")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What has happened since the last update")
        self.text.setMinimumHeight(self.fontMetrics().height() * 5)
        self.status_box = combo([(label, s) for s, label in STATUS_LABELS.items()], "")
        text_label = QLabel("&Update (dated today, in your name):")
        text_label.setBuddy(self.text)
        self.body.addWidget(text_label)
        self.body.addWidget(self.text)
        status_label = QLabel("New &status (optional):")
        status_label.setBuddy(self.status_box)
        self.body.addWidget(status_label)
        self.body.addWidget(self.status_box)
        self.show_row(row)

    def show_row(self, row: ActionRow) -> None:
        super().show_row(row)
        self.status_box.setItemText(0, f"Leave it {row.status_label.lower()}")

    def save(self) -> None:
        from commissioner_desk.network.actions import add_update

        add_update(
            self.db,
            self.row.id,
            self.row.version,
            self.text.toPlainText(),
            self.status_box.currentData(),
            date.today(),
        )

    def my_text(self) -> str:
        status = self.status_box.currentData()
        extra = f"\nNew status: {STATUS_LABELS[status]}" if status else ""
        return self.text.toPlainText() + extra


class OverrideDialog(_ActionForm):
    ok_text = "Save"

    def __init__(self, parent: QWidget | None, db: Database, row: ActionRow) -> None:
        super().__init__(parent, db, row, f"Set the RAG of {row.reference} by hand")
        self.group = QButtonGroup(self)
        self.buttons: dict[Rag | None, QRadioButton] = {}
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, None):
            text = RAG_LABELS[rag] if rag else "Clear the override: use the RAG the rules give"
            button = QRadioButton(text)
            self.group.addButton(button)
            self.buttons[rag] = button
            self.body.addWidget(button)
        note_label = QLabel("&Note: why it is set by hand (needed):")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(self.fontMetrics().height() * 3)
        note_label.setBuddy(self.note)
        self.body.addWidget(note_label)
        self.body.addWidget(self.note)
        self.buttons[None].toggled.connect(lambda on: self.note.setEnabled(not on))
        self.show_row(row)
        self.note.setPlainText(row.rag_override_note)

    def show_row(self, row: ActionRow) -> None:
        super().show_row(row)
        # Start from the RAG it shows now: the user moves it from there.
        self.buttons[row.rag or Rag.GREEN].setChecked(True)
        self.buttons[None].setEnabled(row.overridden)

    def chosen(self) -> Rag | None:
        return next(rag for rag, button in self.buttons.items() if button.isChecked())

    def save(self) -> None:
        from commissioner_desk.network.actions import override_rag

        rag = self.chosen()
        override_rag(self.db, self.row.id, self.row.version, rag, self.note.toPlainText())

    def my_text(self) -> str:
        rag = self.chosen()
        said = RAG_LABELS[rag] if rag else "clear the override"
        return f"RAG: {said}\nNote: {self.note.toPlainText()}"


def ask_update(parent: QWidget | None, db: Database, row: ActionRow) -> bool:
    return UpdateDialog(parent, db, row).exec() == QDialog.DialogCode.Accepted


def ask_override(parent: QWidget | None, db: Database, row: ActionRow) -> bool:
    return OverrideDialog(parent, db, row).exec() == QDialog.DialogCode.Accepted
