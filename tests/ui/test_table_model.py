from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from ui.table_model import ROW_ROLE, SORT_ROLE, Column, RowTableModel, SortFilterProxy


@dataclass(frozen=True)
class Row:
    name: str
    value: int | None


COLUMNS = [
    Column("Name", lambda r: r.name),
    Column(
        "Value",
        lambda r: "" if r.value is None else f"{r.value:,}",
        sort=lambda r: r.value,
        numeric=True,
    ),
]


def test_model_passes_qt_model_checks(qtmodeltester):
    model = RowTableModel(COLUMNS)
    model.set_rows([Row("Kent", 1200), Row("Surrey", None), Row("Dorset", 30)])
    qtmodeltester.check(model)


def test_sorts_numbers_as_numbers_and_gives_back_the_row():
    model = RowTableModel(COLUMNS)
    rows = [Row("Kent", 1200), Row("Surrey", None), Row("Dorset", 30)]
    model.set_rows(rows)
    proxy = SortFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    ordered = [proxy.index(i, 0).data(ROW_ROLE) for i in range(proxy.rowCount())]
    # None first, then 30 before 1,200 (text sorting would put "1,200" before "30")
    assert [r.name for r in ordered] == ["Surrey", "Dorset", "Kent"]
    assert model.index(0, 1).data(SORT_ROLE) == (1, 1200)
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is not None


def test_filter_matches_any_column_case_insensitively():
    model = RowTableModel(COLUMNS)
    model.set_rows([Row("Kent", 1), Row("Surrey", 2)])
    proxy = SortFilterProxy()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("surr")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == "Surrey"
