"""Actions: the network's action log, each action's RAG with its reason, updates and history.

Filters go to the database (status, due, owner, organisation, force); the find box filters the
rows shown as the user types. Every change goes through the core on top of the version shown,
and a deletion can be undone (status bar, Edit › Undo, Ctrl+Z).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from ...records.page import RecordPage, RecordWords, button
from ...widgets import empty_state, make_table
from .changes import ActionChanges
from .detail import ActionDetailView
from .filters import ActionFilters
from .model import DUE_COLUMN, TITLE_COLUMN, ActionsModel, ActionsProxy

if TYPE_CHECKING:
    from commissioner_desk.network.actions import ActionRow

WORDS = RecordWords(
    noun="actions",
    none_match="None of the {total} actions matches these filters: choose Show all to see "
    "every action.",
    gone="Action number {key} is not in the log any more.",
    undo_what="the deleted action",
    nothing_to_undo="Nothing to undo: no action has been deleted here.",
)
OVERRIDE_TIP = "Set the RAG by hand, with a note saying why"


class ActionsPage(ActionChanges, RecordPage):
    title = "Actions"
    key = "actions"
    words = WORDS
    say_ms = 5000
    title_column = TITLE_COLUMN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rule = None
        model = ActionsModel(self)
        proxy = ActionsProxy(self)
        view, _ = make_table(model, self)
        view.setModel(proxy)  # make_table's plain proxy, swapped for one that finds words
        proxy.setSourceModel(model)
        self.build_list(ActionFilters(), model, (view, proxy))
        self.view.sortByColumn(DUE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.filters.text_changed.connect(self._find)
        self.build_detail(ActionDetailView())

        self.new_button = button("New action…", "Add an action (Ctrl+N)")
        self.edit_button = button("Edit…")
        self.update_button = button("Add update…")
        self.override_button = button("Override RAG…", OVERRIDE_TIP)
        self.delete_button = button(
            "Delete…", "Delete the selected action (Delete); it can be undone"
        )
        self.export_button = button(
            "Export .xlsx…", "The actions shown, in this order, to a marked workbook"
        )
        for b, slot in (
            (self.new_button, self.new_action),
            (self.edit_button, self.edit_selected),
            (self.update_button, self.add_update),
            (self.override_button, self.override),
            (self.delete_button, self.delete_selected),
            (self.export_button, self.export),
        ):
            b.clicked.connect(slot)
        self.standard_layout(
            (
                "Actions",
                "The network's action log. RAG is worked out from each action's due date and "
                "updates; hover over it, or select the action, to see why.",
            ),
            [
                self.new_button,
                self.edit_button,
                self.update_button,
                self.override_button,
                self.delete_button,
            ],
            [self.export_button],
            "actionsSplitter",
            self._build_empty(),
        )
        self.standard_shortcuts(self.new_action)
        self.show_buttons(None)

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
        self.show_empty(not everything)
        self.filters.set_choices(everything, self._rule.amber_days)
        self._total = len(everything)
        self._reload()

    def load_rows(self) -> list[ActionRow] | None:
        from commissioner_desk.network.actions import list_actions

        if self._db is None:
            return None
        return list_actions(self._db, self.filters.action_filter(), date.today(), self._rule)

    def _find(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_count()

    def show_record(self, row: ActionRow) -> None:
        from commissioner_desk.network.actions import ActionNotFound, action_detail
        from commissioner_desk.network.practices_query import practices_linked_to

        try:
            detail = action_detail(self._db, row.id, date.today(), self._rule)
        except ActionNotFound as exc:
            self.detail.show_hint(str(exc))
            return
        practices = practices_linked_to(self._db, row.id)
        self.detail.show_detail(detail, self.opens_records(), practices)

    def show_buttons(self, row: ActionRow | None) -> None:
        for b in (self.edit_button, self.update_button, self.delete_button):
            b.setEnabled(row is not None)
        self.override_button.setEnabled(row is not None and row.is_open)
        self.override_button.setToolTip(
            "Done and closed actions have no RAG"
            if row is not None and not row.is_open
            else OVERRIDE_TIP
        )

    # ----- what Home, the profile and search click through to -------------------------------

    def select_action(self, action_id: int) -> None:
        """Show the action, clearing the filters if they hide it."""
        self.select_record(action_id)

    def show_filter(
        self, overdue: bool = False, due_soon: bool = False, force_code: str | None = None
    ) -> None:
        force = None
        if force_code:
            from commissioner_desk.importing.many import default_resolver

            record = default_resolver().resolve(force_code)
            force = (force_code, record.display_name if record else force_code)
        self.filters.reset(overdue=overdue, due_soon=due_soon, force=force)
