"""Actions: the network's action log, each action's RAG with its reason, updates and history.

Filters go to the database (status, due, owner, organisation, force); the find box filters the
rows shown as the user types. Every change goes through the core on top of the version shown,
and a deletion can be undone (status bar, Edit › Undo, Ctrl+Z).
"""

from __future__ import annotations

from datetime import date
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
from .changes import ActionChanges
from .detail import ActionDetailView
from .filters import ActionFilters
from .model import DUE_COLUMN, TITLE_COLUMN, ActionsModel, ActionsProxy

if TYPE_CHECKING:
    from commissioner_desk.network.actions import ActionRow, DeletedAction


class ActionsPage(ActionChanges, Page):
    title = "Actions"
    key = "actions"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self._rule = None
        self._selected_id: int | None = None
        self._deleted: DeletedAction | None = None
        self._undo_box: QWidget | None = None

        self.filters = ActionFilters()
        self.filters.changed.connect(self._reload)
        self.model = ActionsModel(self)
        proxy = ActionsProxy(self)
        self.view, _ = make_table(self.model, self)
        self.view.setModel(proxy)  # make_table's plain proxy, swapped for one that finds words
        self.proxy = proxy
        proxy.setSourceModel(self.model)
        self.view.sortByColumn(DUE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.filters.text_changed.connect(self._find)
        self.detail = ActionDetailView()
        self.detail.link_activated.connect(self._link)
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")

        self.new_button = QPushButton("New action…")
        self.new_button.setToolTip("Add an action (Ctrl+N)")
        self.edit_button = QPushButton("Edit…")
        self.update_button = QPushButton("Add update…")
        self.override_button = QPushButton("Override RAG…")
        self.override_button.setToolTip("Set the RAG by hand, with a note saying why")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setToolTip("Delete the selected action (Delete); it can be undone")
        self.export_button = QPushButton("Export .xlsx…")
        self.export_button.setToolTip("The actions shown, in this order, to a marked workbook")
        for button, slot in (
            (self.new_button, self.new_action),
            (self.edit_button, self.edit_selected),
            (self.update_button, self.add_update),
            (self.override_button, self.override),
            (self.delete_button, self.delete_selected),
            (self.export_button, self.export),
        ):
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.update_button):
            buttons.addWidget(button)
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        main = QWidget()
        mv = QVBoxLayout(main)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addWidget(self.filters)
        mv.addLayout(buttons)
        mv.addWidget(self.count_label)
        mv.addWidget(list_and_detail(self.view, self.detail, "actionsSplitter"), 1)

        self.heading = page_heading(
            "Actions",
            "The network's action log. RAG is worked out from each action's due date and "
            "updates; hover over it, or select the action, to see why.",
        )
        self._stack = QStackedLayout()
        self._stack.addWidget(main)
        self._stack.addWidget(self._build_empty())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self._stack, 1)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_action)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._show_buttons(None)

    def _build_empty(self) -> QWidget:
        self.empty_new_button = QPushButton("New action…")
        self.empty_new_button.clicked.connect(self.new_action)
        return empty_state(
            "No actions yet",
            "Actions are raised at network meetings, or added here.\n"
            "Each gets a reference, an owner and a due date; its RAG is worked out for you\n"
            "and every update is kept, dated, with the name of whoever made it.",
            self.empty_new_button,
        )

    # ----- showing --------------------------------------------------------------------------

    def refresh(self, db) -> None:
        from commissioner_desk.network.actions import list_actions
        from commissioner_desk.network.rag import load_rag_rule

        self._db = db
        self._rule = load_rag_rule(db)
        everything = list_actions(db, None, date.today(), self._rule)
        self._stack.setCurrentIndex(0 if everything else 1)
        self.filters.set_choices(everything, self._rule.amber_days)
        self._total = len(everything)
        self._reload()

    def _reload(self) -> None:
        from commissioner_desk.network.actions import list_actions

        if self._db is None:
            return
        keep = self._selected_id
        rows = list_actions(self._db, self.filters.action_filter(), date.today(), self._rule)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        width = self.view.fontMetrics().averageCharWidth()
        for column in range(self.model.columnCount()):  # long titles and names wrap the view
            cap = 50 if column == TITLE_COLUMN else 28
            if self.view.columnWidth(column) > cap * width:
                self.view.setColumnWidth(column, cap * width)
        if keep is None or not self._select(keep):
            self._current_changed(self.view.currentIndex(), None)
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), getattr(self, "_total", 0)
        if shown == 0 and total:
            self.count_label.setText(
                f"None of the {total} actions matches these filters: choose Show all to see "
                "every action."
            )
        else:
            self.count_label.setText(f"Showing {shown} of {total} actions.")

    def _find(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_count()

    def _focus_find(self) -> None:
        self.filters.find.setFocus()
        self.filters.find.selectAll()

    def selected(self) -> ActionRow | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _select(self, action_id: int) -> bool:
        row = self.model.row_of(action_id)
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
        from commissioner_desk.network.actions import ActionNotFound, action_detail

        row = self.selected()
        self._selected_id = row.id if row else None
        self._show_buttons(row)
        if row is None or self._db is None:
            self.detail.show_hint()
            return
        try:
            detail = action_detail(self._db, row.id, date.today(), self._rule)
        except ActionNotFound as exc:
            self.detail.show_hint(str(exc))
            return
        from commissioner_desk.network.practices_query import practices_linked_to

        practices = practices_linked_to(self._db, row.id)
        self.detail.show_detail(detail, hasattr(self.window(), "show_meeting"), practices)

    def _show_buttons(self, row: ActionRow | None) -> None:
        for button in (self.edit_button, self.update_button, self.delete_button):
            button.setEnabled(row is not None)
        self.override_button.setEnabled(row is not None and row.is_open)
        self.override_button.setToolTip(
            "Done and closed actions have no RAG"
            if row is not None and not row.is_open
            else "Set the RAG by hand, with a note saying why"
        )

    def _link(self, kind: str, value: str) -> None:
        if kind == "force":
            self.command_requested.emit(f"show_force:{value}")
        elif kind == "meeting" and hasattr(self.window(), "show_meeting"):
            self.window().show_meeting(int(value))
        elif kind == "practice" and "practices" in getattr(self.window(), "page_keys", ()):
            self.window().show_page("practices")
            self.window().page("practices").select_practice(int(value))

    # ----- what Home, the profile and search click through to -------------------------------

    def select_action(self, action_id: int) -> None:
        """Show the action, clearing the filters if they hide it."""
        if self._db is None:
            return
        if self.model.row_of(action_id) is None or not self._select(action_id):
            self.filters.show_everything()  # the filters or the find box hid it
            if not self._select(action_id):
                messages.show_warning(
                    self, "Actions", f"Action number {action_id} is not in the log any more."
                )
                return
        self.view.setFocus()

    def show_filter(
        self, overdue: bool = False, due_soon: bool = False, force_code: str | None = None
    ) -> None:
        force = None
        if force_code:
            from commissioner_desk.importing.many import default_resolver

            record = default_resolver().resolve(force_code)
            force = (force_code, record.display_name if record else force_code)
        self.filters.reset(overdue=overdue, due_soon=due_soon, force=force)

    def visible_rows(self) -> list[ActionRow]:
        """The rows shown, in the order shown."""
        return [self.proxy.index(n, 0).data(ROW_ROLE) for n in range(self.proxy.rowCount())]
