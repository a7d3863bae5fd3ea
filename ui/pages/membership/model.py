"""The membership page's tables: every area, and the chase list. Thin models over the core's
AreaMembership rows; areas not taking part are greyed, as they are not in the count."""

from __future__ import annotations

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.membership_types import STANDING_ORDER, AreaMembership

from ...table_model import Column, RowTableModel


def _record(attr: str):
    return lambda a: getattr(a.record, attr) if a.record else ""


def _standing(a: AreaMembership) -> str:
    return a.standing_label  # demo records say DEMO in the detail, under the window's banner


def _muted(a: AreaMembership) -> bool:
    return not a.counted


def _since(a: AreaMembership) -> str:
    return uk_date(a.since)


AREA_COLUMNS: list[Column[AreaMembership]] = [
    Column("Area", lambda a: a.name, sort=lambda a: a.name.casefold(), muted=_muted),
    Column("Standing", _standing, sort=lambda a: STANDING_ORDER[a.standing], muted=_muted),
    Column("Since", _since, sort=lambda a: a.since, muted=_muted),
    Column("Commissioner", _record("commissioner"), muted=_muted),
    Column("Lead officer", _record("lead_officer"), muted=_muted),
    Column("Contact", _record("contact"), tooltip=_record("contact")),
    Column("Country", lambda a: a.group, muted=_muted),
]
CHASE_COLUMNS: list[Column[AreaMembership]] = [
    Column("Area", lambda a: a.name, sort=lambda a: a.name.casefold()),
    Column("Standing", _standing, sort=lambda a: STANDING_ORDER[a.standing]),
    Column("Since", _since, sort=lambda a: a.since),
    Column("Lead officer", _record("lead_officer")),
    Column("Contact", _record("contact"), tooltip=_record("contact")),
]
NAME_COLUMN = 0


class AreasModel(RowTableModel[AreaMembership]):
    def __init__(self, columns=AREA_COLUMNS, parent=None) -> None:
        super().__init__(columns, parent)

    def row_of(self, code: str) -> int | None:
        return next((n for n, a in enumerate(self.rows) if a.code == code), None)
