"""The action log, from one import.

Its data is in actions_types.py; reading in actions_query.py (list_actions, action_detail,
actions_due); changing in actions_edit.py (create, edit, add an update, override the RAG,
delete and undo).
"""

from __future__ import annotations

from .actions_edit import (
    add_update,
    create_action,
    delete_action,
    edit_action,
    next_reference,
    override_rag,
    restore_action,
)
from .actions_query import ActionNotFound, action_detail, action_row, actions_due, list_actions
from .actions_types import (
    ActionDetail,
    ActionDraft,
    ActionFilter,
    ActionRow,
    ActionsDue,
    DeletedAction,
    HistoryEntry,
    UpdateEntry,
)

__all__ = [
    "ActionDetail",
    "ActionDraft",
    "ActionFilter",
    "ActionNotFound",
    "ActionRow",
    "ActionsDue",
    "DeletedAction",
    "HistoryEntry",
    "UpdateEntry",
    "action_detail",
    "action_row",
    "actions_due",
    "add_update",
    "create_action",
    "delete_action",
    "edit_action",
    "list_actions",
    "next_reference",
    "override_rag",
    "restore_action",
]
