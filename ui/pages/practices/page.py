"""Practice library: what forces and partners have done that works, to find and pass on.

The filters and the words to find go to the database (full-text search, as the Find dialog
reads words); the detail beside the list links to forces, actions, meetings and documents.
Every change goes through the core on top of the version shown, and a deletion can be undone
(status bar, Edit › Undo, Ctrl+Z). Export digest… writes the entries added in a period.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from ...records.page import RecordPage, RecordWords, button
from ...widgets import empty_state
from .changes import PracticeChanges
from .detail import PracticeDetailView
from .filters import PracticeFilters
from .model import ADDED_COLUMN, TITLE_COLUMN, PracticesModel

if TYPE_CHECKING:
    from commissioner_desk.network.practices import PracticeRow

WORDS = RecordWords(
    noun="entries",
    none_match="None of the {total} entries matches: check the words and filters, or choose "
    "Show all.",
    gone="Practice entry number {key} is not in the library any more.",
    undo_what="the deleted entry",
    nothing_to_undo="Nothing to undo: no practice entry has been deleted here.",
)


class PracticesPage(PracticeChanges, RecordPage):
    title = "Practice library"
    key = "practices"
    words = WORDS
    title_column = TITLE_COLUMN
    title_cap, column_cap = 40, 20
    keep_widths_when_empty = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.build_list(PracticeFilters(), PracticesModel(self))
        self.view.sortByColumn(ADDED_COLUMN, Qt.SortOrder.DescendingOrder)  # newest first
        self.build_detail(PracticeDetailView())

        self.new_button = button("New entry…", "Add an entry to the library (Ctrl+N)")
        self.edit_button = button("Edit…", "Change the entry, its links and documents")
        self.publish_button = button(
            "Publish", "Mark the draft as checked: the digest and pack include it"
        )
        self.delete_button = button(
            "Delete…", "Delete the selected entry (Delete); it can be undone"
        )
        self.export_button = button(
            "Export digest…", "The entries added in a period, to PDF or Word"
        )
        for b, slot in (
            (self.new_button, self.new_entry),
            (self.edit_button, self.edit_selected),
            (self.publish_button, self.publish_selected),
            (self.delete_button, self.delete_selected),
            (self.export_button, self.export_digest),
        ):
            b.clicked.connect(slot)
        self.standard_layout(
            (
                "Practice library",
                "What forces and partners have done that works, to find and pass on. Drafts "
                "(for example made from a force's free-text answer on the Forces page) are "
                "checked before they are shared.",
            ),
            [self.new_button, self.edit_button, self.publish_button, self.delete_button],
            [self.export_button],
            "practicesSplitter",
            self._build_empty(),
            sizes=(700, 380),
        )
        self.standard_shortcuts(self.new_entry)
        self.show_buttons(None)

    def _build_empty(self) -> QWidget:
        self.empty_new_button = QPushButton("New entry…")
        self.empty_new_button.clicked.connect(self.new_entry)
        return empty_state(
            "No practice entries yet",
            "Record what a force or partner did that works: a dedicated unit, a training\n"
            "programme, a supply-chain audit. Link it to forces, actions and meetings,\n"
            "or draft one from a force's free-text answer on the Forces page.",
            self.empty_new_button,
        )

    # ----- showing --------------------------------------------------------------------------

    def refresh(self, db) -> None:
        from commissioner_desk.network.practices import list_practices

        self._db = db
        everything = list_practices(db)
        self._total = len(everything)
        self.show_empty(not everything)
        self.filters.set_forces(everything)
        self._reload()

    def load_rows(self) -> list[PracticeRow] | None:
        from commissioner_desk.network.practices import list_practices

        if self._db is None:
            return None
        return list_practices(self._db, self.filters.practice_filter())

    def count_extra(self) -> str:
        drafts = sum(1 for r in self.model.rows if r.is_draft)
        return f" ({drafts} draft{'s' if drafts != 1 else ''})" if drafts else ""

    def show_record(self, row: PracticeRow) -> None:
        self.detail.show_row(row, self.opens_records())

    def show_buttons(self, row: PracticeRow | None) -> None:
        for b in (self.edit_button, self.delete_button):
            b.setEnabled(row is not None)
        self.publish_button.setEnabled(row is not None and row.is_draft)

    def open_link(self, kind: str, value: str) -> None:
        from .links import open_document

        if kind == "doc" and self.detail.row is not None:
            open_document(self, self.detail.row.documents[int(value)])

    # ----- what search, the Forces page and the action log click through to -----------------

    def select_practice(self, practice_id: int) -> None:
        """Show the entry, clearing the filters if they hide it."""
        self.select_record(practice_id)
