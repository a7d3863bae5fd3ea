"""The practice library's table: a thin model over the core's PracticeRow list. Drafts say
"Draft" in words and are greyed, so they are never taken for checked entries."""

from __future__ import annotations

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.practices_types import PracticeRow

from ...table_model import Column, RowTableModel


def _draft(row: PracticeRow) -> bool:
    return row.is_draft


# The date and status come before the forces: beside the detail panel on a laptop the table
# scrolls sideways, and the forces (shown in the detail too) are the part to scroll out of view.
COLUMNS: list[Column[PracticeRow]] = [
    Column("Title", lambda r: r.title, tooltip=lambda r: r.one_line or r.title, muted=_draft),
    Column("Theme", lambda r: r.theme_label, muted=_draft),
    Column("Organisation", lambda r: r.organisation, tooltip=lambda r: r.organisation),
    Column("Added", lambda r: uk_date(r.added_on), sort=lambda r: r.added_on, muted=_draft),
    Column("Status", lambda r: r.status_label, muted=_draft),
    Column("Forces", lambda r: r.force_names, tooltip=lambda r: r.force_names),
]
TITLE_COLUMN, ADDED_COLUMN = 0, 3


class PracticesModel(RowTableModel[PracticeRow]):
    def __init__(self, parent=None) -> None:
        super().__init__(COLUMNS, parent)

    def row_of(self, practice_id: int) -> int | None:
        return next((n for n, r in enumerate(self.rows) if r.id == practice_id), None)
