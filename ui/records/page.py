"""One record page: a filter bar over a list, the selected record's detail beside it, and
changes saved on top of the version shown, the last one undoable from the status bar.

The Actions, Practice library and Membership pages are configurations of `RecordPage`: each
names its filters, model, detail and words, loads its rows, and adds the buttons of its own
changes. A fourth kind of record is a page of code: see ui/pages/practices/page.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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

from .. import messages
from ..pages.base import RECORD_KINDS, Page, page_heading
from ..table_model import ROW_ROLE
from ..widgets import list_and_detail, make_table
from .undo_offer import UndoOffer


@dataclass(frozen=True)
class RecordWords:
    """What a record page says about its records."""

    noun: str  # "actions": "Showing 3 of 10 actions."
    none_match: str  # "None of the {total} actions matches these filters: …"
    gone: str  # "Action number {key} is not in the log any more."
    undo_what: str  # the Undo button's tooltip: "Put the deleted action back as it was"
    nothing_to_undo: str  # "Nothing to undo: no action has been deleted here."


def button(text: str, tip: str = "") -> QPushButton:
    made = QPushButton(text)
    if tip:
        made.setToolTip(tip)
    return made


class RecordPage(Page):
    """The list, filters, detail and change machinery the record pages share.

    A page sets `words`, builds its parts with `build_list` and `build_detail` (then lays them
    out with `standard_layout`, or its own), and provides `load_rows()`, `show_record(row)`
    and `show_buttons(row)`; `refresh` is its own (what it loads first differs)."""

    words: RecordWords
    say_ms = 6000  # how long its status-bar messages stay
    title_cap, column_cap = 50, 28  # widest columns, in characters (the title column first)
    title_column = -1
    keep_widths_when_empty = False  # an empty result keeps the widths: no columns jumping

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self._selected_key: Any = None
        self._total = 0
        self._stack: QStackedLayout | None = None
        self.undo_offer: UndoOffer | None = None
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")

    # ----- building -------------------------------------------------------------------------

    def build_list(self, filters: QWidget, model, view_and_proxy=None) -> None:
        """The filter bar (a `changed` signal, a `find` box, `show_everything()`) and the list
        of `model` (a RowTableModel with `row_of(key)`)."""
        self.filters = filters
        self.filters.changed.connect(self._reload)
        self.model = model
        self.view, self.proxy = view_and_proxy or make_table(model, self)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())

    def build_detail(self, detail: QWidget) -> None:
        """The selected record's detail (`show_hint()`; `link_activated(kind, value)` if it
        links elsewhere)."""
        self.detail = detail
        if hasattr(detail, "link_activated"):
            detail.link_activated.connect(self._link)

    def standard_layout(
        self,
        heading: tuple[str, str],
        buttons: Sequence[QPushButton],
        right: Sequence[QPushButton],
        splitter: str,
        empty: QWidget,
        sizes: tuple[int, int] | None = None,
    ) -> None:
        """Heading; filters, buttons (`right` ones after a stretch), the count, the list beside
        the detail; or `empty` instead when there are no records at all."""
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        for b in right:
            row.addWidget(b)
        main = QWidget()
        mv = QVBoxLayout(main)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addWidget(self.filters)
        mv.addLayout(row)
        mv.addWidget(self.count_label)
        split = list_and_detail(self.view, self.detail, splitter)
        if sizes is not None:
            split.setSizes(list(sizes))
        mv.addWidget(split, 1)
        self.heading = page_heading(*heading)
        self._stack = QStackedLayout()
        self._stack.addWidget(main)
        self._stack.addWidget(empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self._stack, 1)

    def standard_shortcuts(self, new) -> None:
        """Ctrl+N for `new`, Ctrl+F to the find box, Delete on the list deletes."""
        QShortcut(QKeySequence.StandardKey.New, self, new)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ----- what a page provides -------------------------------------------------------------

    def load_rows(self) -> Sequence | None:
        """The rows the filters let through; None before there is a database."""
        raise NotImplementedError

    def show_record(self, row) -> None:
        """The selected row in the detail."""
        raise NotImplementedError

    def show_buttons(self, row) -> None:
        """Buttons enabled for the selected row (None: nothing selected)."""

    def key_of(self, row) -> Any:
        return row.id

    def count_extra(self) -> str:
        """Said after "Showing n of N actions" (before the full stop)."""
        return ""

    def edit_selected(self) -> None:
        raise NotImplementedError

    def delete_selected(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def open_link(self, kind: str, value: str) -> None:
        """A link in the detail to something of the page's own (a document)."""

    # ----- showing --------------------------------------------------------------------------

    def show_empty(self, empty: bool) -> None:
        if self._stack is not None:
            self._stack.setCurrentIndex(1 if empty else 0)

    def _reload(self) -> None:
        rows = self.load_rows()
        if rows is None:
            return
        keep = self._selected_key
        self.model.set_rows(rows)
        if self.model.rowCount() or not self.keep_widths_when_empty:
            self.fit_columns()
        self.after_rows(rows)
        if keep is None or not self._select(keep):
            self._current_changed(self.view.currentIndex(), None)
        self._show_count()

    def fit_columns(self) -> None:
        """Columns fit their contents, but long titles and names wrap the view."""
        self.view.resizeColumnsToContents()
        width = self.view.fontMetrics().averageCharWidth()
        for column in range(self.model.columnCount()):
            cap = self.title_cap if column == self.title_column else self.column_cap
            if self.view.columnWidth(column) > cap * width:
                self.view.setColumnWidth(column, cap * width)

    def after_rows(self, rows: Sequence) -> None:
        """Called once the list holds `rows`, before the selection is restored."""

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self._total
        if shown == 0 and total:
            self.count_label.setText(self.words.none_match.format(total=total))
        else:
            noun = self.words.noun
            self.count_label.setText(f"Showing {shown} of {total} {noun}{self.count_extra()}.")

    def _focus_find(self) -> None:
        self.filters.find.setFocus()
        self.filters.find.selectAll()

    def selected(self) -> Any:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _select(self, key) -> bool:
        row = self.model.row_of(key)
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
        self._show(self.selected())

    def _show(self, row) -> None:
        self._selected_key = self.key_of(row) if row is not None else None
        self.show_buttons(row)
        if row is None or self._db is None:
            self.detail.show_hint()
        else:
            self.show_record(row)

    def _link(self, kind: str, value: str) -> None:
        if kind == "force":
            self.command_requested.emit(f"show_force:{value}")
        elif kind in RECORD_KINDS:
            self.open_record(kind, int(value))
        else:
            self.open_link(kind, value)

    def select_record(self, key) -> None:
        """Show the record, clearing the filters if they hide it (what Home, search and the
        other pages click through to)."""
        if self._db is None:
            return
        if not self._select(key):
            self.filters.show_everything()  # the filters or the words to find hid it
            if not self._select(key):
                messages.show_warning(self, self.title, self.words.gone.format(key=key))
                return
        self.view.setFocus()

    def visible_rows(self) -> list:
        """The rows shown, in the order shown."""
        return [self.proxy.index(n, 0).data(ROW_ROLE) for n in range(self.proxy.rowCount())]

    # ----- after a change -------------------------------------------------------------------

    def _changed(self, key) -> None:
        """After our own save: every page refreshes (this one now), keeping the selection."""
        if key is not None:
            self._selected_key = key
        self.tell_changed(self._db)
        if key is not None:
            self.reselect(key)

    def reselect(self, key) -> None:
        self.select_record(key)

    def offer_undo(self, text: str) -> None:
        """`text` and an Undo button (calling `undo`) in the window's status bar."""
        if self.undo_offer is None:
            self.undo_offer = UndoOffer(self.undo, self.words.undo_what)
            self.status_widget_offered.emit(self.undo_offer)
        self.say("", 0)  # a message still showing ("Ready", "Exported…") would hide the offer
        self.undo_offer.offer(text)

    def withdraw_undo(self) -> None:
        if self.undo_offer is not None:
            self.undo_offer.hide()
