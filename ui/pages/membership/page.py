"""Membership: which areas have signed up to the network, on a list, a map and a chase list.

"n of N signed up" heads the page. The list filters by standing, country and words; beside it
the selected area's record and history. The map colours every area by its standing, and the
chase list holds the areas not signed up, those who left first. Changes go through the core on
top of the record shown, and the last one made here can be undone (Ctrl+Z).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...records.page import RecordPage, RecordWords
from ...table_model import ROW_ROLE
from ...widgets import list_and_detail, make_table
from ..base import page_heading
from ..opened_in_background import OpenedInBackground
from .changes import MembershipChanges
from .detail import MembershipDetailView
from .filters import MembershipFilters
from .map import MembershipMap, read_boundaries
from .model import CHASE_COLUMNS, NAME_COLUMN, AreasModel

AREAS_TAB, MAP_TAB, CHASE_TAB = 0, 1, 2
EMPTY_TEXT = (
    "No memberships are recorded yet. Choose an area in the list and press Record sign-up "
    "(Ctrl+N); every area of England and Wales not signed up is on the chase list."
)
WORDS = RecordWords(
    noun="areas",
    none_match="None of the {total} areas matches these filters: choose Show all.",
    gone="",  # select_area shows an area whatever the filters
    undo_what="the membership as it was",
    nothing_to_undo="Nothing to undo: no membership has been changed here.",
)


class MembershipPage(OpenedInBackground, MembershipChanges, RecordPage):
    """A record page whose list shares its side of the splitter with a map and a chase list,
    keyed by area code; the filters apply to the areas already loaded."""

    title = "Membership"
    key = "membership"
    words = WORDS
    title_cap = column_cap = 32

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._areas: list = []
        self._boundaries_loaded = False

        self.summary_label = QLabel()
        self.summary_label.setObjectName("membershipSummary")
        self.summary_label.setStyleSheet("QLabel { font-size: 15pt; font-weight: 600; }")
        self.chase_label = QLabel()
        self.chase_label.setObjectName("pageSubtitle")
        self.empty_note = QLabel(EMPTY_TEXT)
        self.empty_note.setObjectName("membershipEmpty")
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet(
            "QLabel { background:#eef4fb; border:1px solid #9cb9d9; padding:8px;"
            " border-radius:4px; }"
        )
        self.status_note = QLabel()  # what the last button press said, for when no status bar
        self.status_note.setObjectName("pageSubtitle")

        self.sign_up_button = QPushButton("Record sign-up…")
        self.sign_up_button.setToolTip("The selected area has signed up (Ctrl+N)")
        self.withdraw_button = QPushButton("Withdraw…")
        self.withdraw_button.setToolTip("The selected area has left the network")
        self.commissioner_button = QPushButton("New commissioner…")
        self.commissioner_button.setToolTip(
            "A new PCC took office: the record so far is kept as history"
        )
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Correct the current record (Enter, or double-click)")
        for button, slot in (
            (self.sign_up_button, self.sign_up_selected),
            (self.withdraw_button, self.withdraw_selected),
            (self.commissioner_button, self.new_commissioner_selected),
            (self.edit_button, self.edit_selected),
        ):
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (
            self.sign_up_button,
            self.withdraw_button,
            self.commissioner_button,
            self.edit_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.build_list(MembershipFilters(), AreasModel(parent=self))
        self.build_detail(MembershipDetailView())
        areas = QWidget()
        av = QVBoxLayout(areas)
        av.setContentsMargins(0, 4, 0, 0)
        av.addWidget(self.filters)
        av.addWidget(self.count_label)
        av.addWidget(self.view, 1)

        self.map = MembershipMap()
        self.map.area_clicked.connect(self._map_clicked)

        self.chase_model = AreasModel(CHASE_COLUMNS, self)
        self.chase_view, self.chase_proxy = make_table(self.chase_model, self)
        self.chase_view.setSortingEnabled(False)  # the chase order: who left, then who waited
        self.chase_proxy.sort(-1)  # make_table sorted by name: back to the order given
        self.chase_view.doubleClicked.connect(self._chase_chosen)
        self.chase_view.selectionModel().currentRowChanged.connect(
            lambda current, _p: self._show(current.data(ROW_ROLE))
        )
        self.chase_hint = QLabel()
        self.chase_hint.setObjectName("pageSubtitle")
        self.chase_hint.setWordWrap(True)
        chase = QWidget()
        cv = QVBoxLayout(chase)
        cv.setContentsMargins(0, 4, 0, 0)
        cv.addWidget(self.chase_hint)
        cv.addWidget(self.chase_view, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(areas, "&Areas")
        self.tabs.addTab(self.map, "&Map")
        self.tabs.addTab(chase, "C&hase list")

        head = QHBoxLayout()
        head.addWidget(self.summary_label)
        head.addSpacing(12)
        head.addWidget(self.chase_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                "Membership",
                "Which police and crime commissioners (and Police Scotland, PSNI and BTP where "
                "they take part) have signed up to the network. History is kept when a PCC "
                "changes.",
            )
        )
        layout.addLayout(head)
        layout.addWidget(self.empty_note)
        layout.addLayout(buttons)
        layout.addWidget(list_and_detail(self.tabs, self.detail, "membershipSplitter"), 1)
        layout.addWidget(self.status_note)

        QShortcut(QKeySequence.StandardKey.New, self, self.sign_up_selected)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        for view in (self.view, self.chase_view):
            enter = QShortcut(QKeySequence(Qt.Key.Key_Return), view, self.edit_selected)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.show_buttons(None)

    # ----- showing --------------------------------------------------------------------------

    def refresh(self, db) -> None:
        from commissioner_desk.network.membership import list_areas

        self._db = db
        if not self._boundaries_loaded:
            self.map.load_boundaries(self.folders)
            self._boundaries_loaded = True
        self._show_areas(list_areas(db))

    def query(self):
        """When the page is opened: the areas (and the first time the boundary file) read in
        the background (see opened_in_background.py); otherwise None, and refresh() reads."""
        if not self.opening():
            return None
        from commissioner_desk.network.membership import list_areas

        folders = None if self._boundaries_loaded else (self.folders.data, self.folders.geo)

        def read(db) -> tuple:
            return db, list_areas(db), (read_boundaries(*folders) if folders else None)

        return read

    def show_data(self, data) -> None:
        self._db, areas, boundaries = data
        if boundaries is not None and not self._boundaries_loaded:
            self.map.set_boundaries(boundaries)
            self._boundaries_loaded = True
        self._show_areas(areas)

    def _show_areas(self, areas: list) -> None:
        from commissioner_desk.network.membership import summarise

        self._areas = areas
        summary = summarise(self._areas)
        self.summary_label.setText(summary.text)
        n = summary.to_chase
        self.chase_label.setText(
            f"{n} area{'s' if n != 1 else ''} to chase." if n else "Nobody to chase."
        )
        self.empty_note.setVisible(all(a.record is None for a in self._areas))
        self.map.show_areas(self._areas, self.today())
        self._fill_chase()
        self._total = len(self._areas)
        self._reload()

    def _fill_chase(self) -> None:
        from commissioner_desk.network.membership import chase_list

        chase = chase_list(self._areas)
        self.chase_model.set_rows(chase)
        self.chase_view.resizeColumnsToContents()
        self.tabs.setTabText(CHASE_TAB, f"C&hase list ({len(chase)})")
        self.chase_hint.setText(
            "Areas counted but not signed up: those who withdrew first, then those asked, then "
            "those with no record, longest waiting first. Double-click one to record its "
            "sign-up."
            if chase
            else "Every area counted has signed up: nobody to chase."
        )

    def load_rows(self) -> list:
        flt = self.filters.area_filter()
        return [a for a in self._areas if flt.accepts(a)]

    def after_rows(self, rows) -> None:
        if rows and not self.view.currentIndex().isValid():
            self.view.sortByColumn(NAME_COLUMN, Qt.SortOrder.AscendingOrder)

    def _focus_find(self) -> None:
        self.tabs.setCurrentIndex(AREAS_TAB)
        self.filters.find.setFocus()
        self.filters.find.selectAll()

    def selected_area(self):
        view = self.chase_view if self.tabs.currentIndex() == CHASE_TAB else self.view
        index = view.currentIndex()
        if index.isValid():
            return index.data(ROW_ROLE)
        return next((a for a in self._areas if a.code == self._selected_key), None)

    def key_of(self, area) -> str:
        return area.code

    def show_record(self, area) -> None:
        from commissioner_desk.network.membership import area_history

        self.detail.show_area(area, area_history(self._db, area.code))

    def show_buttons(self, area) -> None:
        has = area is not None
        self.sign_up_button.setEnabled(has and not area.signed_up)
        self.withdraw_button.setEnabled(has and area.signed_up)
        self.commissioner_button.setEnabled(has and area.record is not None)
        self.edit_button.setEnabled(has and area.record is not None)

    # ----- choosing an area from the map or the chase list ----------------------------------

    def select_area(self, code: str) -> None:
        """Show the area in the list, clearing the filters if they hide it."""
        if self._select(code):
            return
        self.filters.show_everything()
        if not self._select(code):
            self._show(next((a for a in self._areas if a.code == code), None))

    def _map_clicked(self, code: str) -> None:
        self.select_area(code)
        self.status_note.setText(f"Selected {self._name(code)}: its record is on the right.")

    def _chase_chosen(self, index) -> None:
        area = index.data(ROW_ROLE)
        if area is not None:
            self._show(area)
            self.sign_up_selected()

    def _name(self, code: str) -> str:
        return next((a.name for a in self._areas if a.code == code), code)

    def reselect(self, code: str) -> None:
        self.select_area(code)

    def visible_areas(self) -> list:
        """The areas the list shows, in the order shown."""
        return self.visible_rows()
