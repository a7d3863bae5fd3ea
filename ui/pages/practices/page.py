"""Practice library: what forces and partners have done that works, to find and pass on.

The filters and the words to find go to the database (full-text search, as the Find dialog
reads words); the detail beside the list links to forces, actions, meetings and documents.
Every change goes through the core on top of the version shown, and a deletion can be undone
(status bar, Edit › Undo, Ctrl+Z). Export digest… writes the entries added in a period.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from ... import messages
from ...table_model import ROW_ROLE
from ...widgets import empty_state, list_and_detail, make_table
from ..base import Page, page_heading
from .changes import PracticeChanges
from .detail import PracticeDetailView
from .filters import PracticeFilters
from .model import ADDED_COLUMN, TITLE_COLUMN, PracticesModel

if TYPE_CHECKING:
    from commissioner_desk.network.practices import DeletedPractice, PracticeRow


class PracticesPage(PracticeChanges, Page):
    title = "Practice library"
    key = "practices"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self._selected_id: int | None = None
        self._deleted: DeletedPractice | None = None
        self._undo_box: QWidget | None = None
        self._total = 0

        self.filters = PracticeFilters()
        self.filters.changed.connect(self._reload)
        self.model = PracticesModel(self)
        self.view, self.proxy = make_table(self.model, self)
        self.view.sortByColumn(ADDED_COLUMN, Qt.SortOrder.DescendingOrder)  # newest first
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.detail = PracticeDetailView()
        self.detail.link_activated.connect(self._link)
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")

        self.new_button = QPushButton("New entry…")
        self.new_button.setToolTip("Add an entry to the library (Ctrl+N)")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change the entry, its links and documents")
        self.publish_button = QPushButton("Publish")
        self.publish_button.setToolTip("Mark the draft as checked: the digest and pack include it")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setToolTip("Delete the selected entry (Delete); it can be undone")
        self.export_button = QPushButton("Export digest…")
        self.export_button.setToolTip("The entries added in a period, to PDF or Word")
        for button, slot in (
            (self.new_button, self.new_entry),
            (self.edit_button, self.edit_selected),
            (self.publish_button, self.publish_selected),
            (self.delete_button, self.delete_selected),
            (self.export_button, self.export_digest),
        ):
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.publish_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        main = QWidget()
        mv = QVBoxLayout(main)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addWidget(self.filters)
        mv.addLayout(buttons)
        mv.addWidget(self.count_label)
        splitter = list_and_detail(self.view, self.detail, "practicesSplitter")
        splitter.setSizes([700, 380])
        mv.addWidget(splitter, 1)

        self._stack = QStackedLayout()
        self._stack.addWidget(main)
        self._stack.addWidget(self._build_empty())
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                "Practice library",
                "What forces and partners have done that works, to find and pass on. Drafts "
                "(for example made from a force's free-text answer on the Forces page) are "
                "checked before they are shared.",
            )
        )
        layout.addLayout(self._stack, 1)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_entry)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._show_buttons(None)

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
        self._stack.setCurrentIndex(0 if everything else 1)
        self.filters.set_forces(everything)
        self._reload()

    def _reload(self) -> None:
        from commissioner_desk.network.practices import list_practices

        if self._db is None:
            return
        keep = self._selected_id
        self.model.set_rows(list_practices(self._db, self.filters.practice_filter()))
        if self.model.rowCount():  # an empty result keeps the widths: no columns jumping
            self.view.resizeColumnsToContents()
            width = self.view.fontMetrics().averageCharWidth()
            for column in range(self.model.columnCount()):  # long titles and names wrap it
                cap = 40 if column == TITLE_COLUMN else 20
                if self.view.columnWidth(column) > cap * width:
                    self.view.setColumnWidth(column, cap * width)
        if keep is None or not self._select(keep):
            self._current_changed(self.view.currentIndex(), None)
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self._total
        if shown == 0 and total:
            self.count_label.setText(
                f"None of the {total} entries matches: check the words and filters, or choose "
                "Show all."
            )
        else:
            drafts = sum(1 for r in self.model.rows if r.is_draft)
            more = f" ({drafts} draft{'s' if drafts != 1 else ''})" if drafts else ""
            self.count_label.setText(f"Showing {shown} of {total} entries{more}.")

    def _focus_find(self) -> None:
        self.filters.find.setFocus()
        self.filters.find.selectAll()

    def selected(self) -> PracticeRow | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _select(self, practice_id: int) -> bool:
        row = self.model.row_of(practice_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self._current_changed(index, None)
        return True

    def _current_changed(self, _current, _previous) -> None:
        row = self.selected()
        self._selected_id = row.id if row else None
        self._show_buttons(row)
        if row is None:
            self.detail.show_hint()
        else:
            self.detail.show_row(row, hasattr(self.window(), "show_meeting"))

    def _show_buttons(self, row: PracticeRow | None) -> None:
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(row is not None)
        self.publish_button.setEnabled(row is not None and row.is_draft)

    def _link(self, kind: str, value: str) -> None:
        from .links import open_document

        window = self.window()
        if kind == "force":
            self.command_requested.emit(f"show_force:{value}")
        elif kind == "action" and hasattr(window, "show_actions"):
            window.show_actions(f"id={value}")
        elif kind == "meeting" and hasattr(window, "show_meeting"):
            window.show_meeting(int(value))
        elif kind == "doc" and self.detail.row is not None:
            open_document(self, self.detail.row.documents[int(value)])

    # ----- what search, the Forces page and the action log click through to -----------------

    def select_practice(self, practice_id: int) -> None:
        """Show the entry, clearing the filters if they hide it."""
        if self._db is None:
            return
        if not self._select(practice_id):
            self.filters.show_everything()  # the filters or the words to find hid it
            if not self._select(practice_id):
                messages.show_warning(
                    self,
                    "Practice library",
                    f"Practice entry number {practice_id} is not in the library any more.",
                )
                return
        self.view.setFocus()

    def visible_rows(self) -> list[PracticeRow]:
        """The rows shown, in the order shown."""
        return [self.proxy.index(n, 0).data(ROW_ROLE) for n in range(self.proxy.rowCount())]
