"""The record-page base (ui/records/): a fourth kind of record is a page of code, and it gets
the list, filters, counts, finding a hidden record, delete with Undo and asking the window
through signals from the base."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QMainWindow, QMessageBox, QTextBrowser, QWidget

from ui.records.deleting import DeletesWithUndo
from ui.records.page import RecordPage, RecordWords, button
from ui.table_model import Column, RowTableModel
from ui.widgets import empty_state


# ----- a fourth kind of record: a page of code ---------------------------------------------
@dataclass(frozen=True)
class Partner:
    id: int
    name: str
    version: int = 1

    def describe(self) -> str:  # what a deletion says
        return f"partner {self.name}"


class PartnerFilters(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.find = QLineEdit(self)
        self.find.textChanged.connect(lambda _t: self.changed.emit())

    def show_everything(self) -> None:
        self.find.clear()


class PartnersModel(RowTableModel[Partner]):
    def __init__(self, parent=None) -> None:
        super().__init__([Column("Name", lambda p: p.name)], parent)

    def row_of(self, partner_id: int) -> int | None:
        return next((n for n, p in enumerate(self.rows) if p.id == partner_id), None)


class PartnerDetail(QTextBrowser):
    link_activated = Signal(str, str)

    def show_hint(self, text: str = "Choose a partner.") -> None:
        self.setPlainText(text)


class PartnersPage(DeletesWithUndo, RecordPage):
    title = key = "partners"
    words = RecordWords(
        noun="partners",
        none_match="None of the {total} partners matches.",
        gone="Partner {key} is not here any more.",
        undo_what="the deleted partner",
        nothing_to_undo="Nothing to undo.",
    )

    def __init__(self, store: list[Partner]) -> None:
        super().__init__()
        self.store = store
        self.build_list(PartnerFilters(), PartnersModel(self))
        self.build_detail(PartnerDetail())
        self.delete_button = button("Delete…")
        self.delete_button.clicked.connect(self.delete_selected)
        self.standard_layout(
            ("Partners", "Who works with the network."),
            [self.delete_button],
            [],
            "partnersSplitter",
            empty_state("No partners", "None yet.", button("New…")),
        )
        self.standard_shortcuts(lambda: None)

    def refresh(self, db) -> None:
        self._db = db
        self._total = len(self.store)
        self.show_empty(not self.store)
        self._reload()

    def load_rows(self) -> list[Partner] | None:
        words = self.filters.find.text().casefold()
        return None if self._db is None else [p for p in self.store if words in p.name.casefold()]

    def show_record(self, row: Partner) -> None:
        self.detail.setPlainText(row.name)

    def edit_selected(self) -> None: ...

    def delete_question(self, row: Partner) -> tuple[str, str]:
        return "Delete partner", f"Delete {row.name}?"

    def delete_record(self, db, row: Partner) -> Partner:
        self.store.remove(row)
        return row

    def restore_record(self, db, deleted: Partner) -> None:
        self.store.append(deleted)


# ----- the tests ------------------------------------------------------------------------------
DB = object()  # the base only passes the database on


@pytest.fixture
def page(qtbot) -> PartnersPage:
    made = PartnersPage([Partner(1, "Unseen"), Partner(2, "Stop the Traffik"), Partner(3, "Hope")])
    qtbot.addWidget(made)
    made.refresh(DB)
    return made


def test_the_list_counts_what_the_filters_let_through(page):
    assert page.count_label.text() == "Showing 3 of 3 partners."
    page.filters.find.setText("hope")
    assert [p.name for p in page.visible_rows()] == ["Hope"]
    assert page.count_label.text() == "Showing 1 of 3 partners."
    page.filters.find.setText("nobody")
    assert page.count_label.text() == "None of the 3 partners matches."


def test_a_record_the_filters_hide_is_shown_by_clearing_them(page, problems):
    page.filters.find.setText("hope")
    page.select_record(2)
    assert page.filters.find.text() == "" and page.selected().name == "Stop the Traffik"
    assert page.detail.toPlainText() == "Stop the Traffik"
    page.select_record(99)
    assert problems and "Partner 99 is not here any more." in problems[-1]


def test_links_ask_the_window_and_records_are_offered_only_when_it_listens(page):
    asked, commands = [], []
    assert not page.opens_records()
    page.open_requested.connect(lambda kind, key: asked.append((kind, key)))
    page.command_requested.connect(commands.append)
    assert page.opens_records()
    page.detail.link_activated.emit("meeting", "12")
    page.detail.link_activated.emit("force", "E23000001")
    assert asked == [("meeting", 12)] and commands == ["show_force:E23000001"]


def test_delete_then_undo_in_a_window_status_bar(page, qtbot, monkeypatch):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(page)
    said: list[tuple[str, int]] = []
    page.status_message.connect(lambda text, ms: said.append((text, ms)))
    bar = window.statusBar()  # made before the window shows, as the app does
    page.status_widget_offered.connect(lambda widget: bar.addWidget(widget))
    changed: list[bool] = []
    page.data_changed.connect(lambda: (changed.append(True), page.refresh(DB)))
    window.show()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.select_record(3)
    page.delete_selected()
    assert [p.name for p in page.visible_rows()] == ["Stop the Traffik", "Unseen"]  # by name
    assert page.undo_offer.isVisible() and page.undo_offer.label.text() == "Deleted partner Hope."
    assert changed == [True]
    page.undo_offer.button.click()
    assert page.selected().name == "Hope" and not page.undo_offer.isVisible()
    assert said[-1] == ("Put back partner Hope.", 6000) and len(changed) == 2
    page.undo()
    assert said[-1] == ("Nothing to undo.", 6000)
    window.takeCentralWidget()  # the page is qtbot's to close, not the window's


def test_on_its_own_a_page_refreshes_itself_and_shows_no_undo_offer(page, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.select_record(1)
    page.delete_selected()  # nobody listens: the page reloads itself
    assert [p.name for p in page.visible_rows()] == ["Hope", "Stop the Traffik"]
    assert page.undo_offer.parent() is None and not page.undo_offer.isVisible()
    page.undo()
    assert page.selected().name == "Unseen"


def test_with_no_records_the_page_shows_its_empty_state(qtbot):
    empty = PartnersPage([])
    qtbot.addWidget(empty)
    empty.refresh(DB)
    assert empty._stack.currentIndex() == 1
