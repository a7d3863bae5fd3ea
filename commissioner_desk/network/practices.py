"""The best-practice library, from one import.

Its data is in practices_types.py; reading in practices_query.py (list_practices with filters
and full-text search, practice_row); changing in practices_edit.py (create, edit with links,
delete and undo); links in practices_links.py; a draft from a return's free text in
practices_draft.py; the digest in practices_digest.py (and practices_docx.py for Word).
"""

from __future__ import annotations

from .practices_digest import PracticeDigest, practice_digest
from .practices_draft import Drafted, draft_from_return, drafted_from
from .practices_edit import create_practice, delete_practice, edit_practice, restore_practice
from .practices_query import PracticeNotFound, list_practices, practice_row
from .practices_types import (
    STATUS_LABELS,
    THEME_LABELS,
    DeletedPractice,
    DocumentLink,
    PracticeDraft,
    PracticeFilter,
    PracticeRow,
    parse_theme,
)

__all__ = [
    "STATUS_LABELS",
    "THEME_LABELS",
    "DeletedPractice",
    "DocumentLink",
    "Drafted",
    "PracticeDigest",
    "PracticeDraft",
    "PracticeFilter",
    "PracticeNotFound",
    "PracticeRow",
    "create_practice",
    "delete_practice",
    "draft_from_return",
    "drafted_from",
    "edit_practice",
    "list_practices",
    "parse_theme",
    "practice_digest",
    "practice_row",
    "restore_practice",
]
