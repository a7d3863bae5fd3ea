"""The Agenda tab: items in order with what they are for, the presenter and the papers (as links
that open); add, edit, move and delete while the minutes are draft. "Matters arising" shows the
live list of unfinished actions from earlier meetings, grouped by owner organisation."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.network.agenda import AgendaItemRow
from commissioner_desk.network.labels import AGENDA_KIND, MINUTES_STATUS

from ...table_model import ROW_ROLE, Column, RowTableModel
from ...widgets import make_table
from . import ops
from .arising_view import arising_view_html
from .dialogs import AgendaInput, AgendaItemDialog

if TYPE_CHECKING:
    from commissioner_desk.network.meeting_detail import MeetingDetail

    from .editor import MeetingEditor

COLUMNS: list[Column[AgendaItemRow]] = [
    Column("No.", lambda r: str(r.position), sort=lambda r: r.position, numeric=True),
    Column("Item", lambda r: r.title, tooltip=lambda r: r.title),
    Column("For", lambda r: AGENDA_KIND[r.kind].removeprefix("for ")),
    Column("Presenter", lambda r: r.presenter or ""),
    Column("Papers", lambda r: str(len(r.papers)) if r.papers else "", numeric=True),
]


def paper_url(link: str) -> QUrl:
    """A web address as it is; a file path (C:\\…, \\\\server\\…, /…) as a file URL."""
    if link.lower().startswith(("http://", "https://", "file:")):
        return QUrl(link)
    return QUrl.fromLocalFile(link)


def is_matters_arising(item: AgendaItemRow) -> bool:
    from commissioner_desk.network.meetings import MATTERS_ARISING

    return item.title == MATTERS_ARISING


class AgendaPanel(QWidget):
    def __init__(self, editor: MeetingEditor) -> None:
        super().__init__()
        self.editor = editor
        self.undo_last: Callable[[], None] | None = None  # puts the last deleted item back
        self.model: RowTableModel[AgendaItemRow] = RowTableModel(COLUMNS, self)
        self.view, self.proxy = make_table(self.model, self)
        self.view.setSortingEnabled(False)  # the agenda's own order is the only order
        self.view.doubleClicked.connect(lambda _i: self.edit_item())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("pageSubtitle")

        self.add_button = QPushButton("Add item…")
        self.edit_button = QPushButton("Edit…")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.delete_button = QPushButton("Delete…")
        self.add_button.clicked.connect(self.add_item)
        self.edit_button.clicked.connect(self.edit_item)
        self.up_button.clicked.connect(lambda: self.move_item(up=True))
        self.down_button.clicked.connect(lambda: self.move_item(up=False))
        self.delete_button.clicked.connect(self.delete_item)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_item)

        self.about = QTextBrowser()
        self.about.setOpenLinks(False)  # papers open in their own application
        self.about.anchorClicked.connect(self.open_link)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Read the list of open actions again from the action log")
        self.refresh_button.clicked.connect(self._show_about)
        self.put_button = QPushButton("Put this list in the minutes…")
        self.put_button.setToolTip("Replace the text of this item's minutes with the list above")
        self.put_button.clicked.connect(self.put_in_minutes)

        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(self.note)
        tv.addWidget(self.view, 1)
        tv.addLayout(buttons)
        bottom = QWidget()
        bv = QVBoxLayout(bottom)
        bv.setContentsMargins(0, 0, 0, 0)
        bv.addWidget(self.about, 1)
        arising = QHBoxLayout()
        arising.addStretch(1)
        arising.addWidget(self.refresh_button)
        arising.addWidget(self.put_button)
        bv.addLayout(arising)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("agendaSplitter")
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([300, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    # ----- showing --------------------------------------------------------------------------

    def show_detail(self, d: MeetingDetail) -> None:
        keep = self.selected()
        self.model.set_rows(d.agenda)
        ops.fit_columns(self.view, 1)
        if d.agenda_editable:
            self.note.setText(
                "The agenda can change until the minutes are circulated. Double-click an item "
                "to edit it; papers are links to files or web pages, one a line."
            )
        else:
            self.note.setText(
                f"The minutes are {MINUTES_STATUS[d.minutes_status]}, so the agenda is fixed."
            )
        self.select_item(keep.id if keep else (d.agenda[0].id if d.agenda else None))
        self._selected()

    def selected(self) -> AgendaItemRow | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_item(self, item_id: int | None) -> None:
        for row, item in enumerate(self.model.rows):
            if item.id == item_id:
                self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return

    def _selected(self) -> None:
        item = self.selected()
        d = self.editor.detail
        editable = d is not None and d.agenda_editable
        self.add_button.setEnabled(editable)
        for b in (self.edit_button, self.delete_button):
            b.setEnabled(editable and item is not None)
        self.up_button.setEnabled(editable and item is not None and item.position > 1)
        self.down_button.setEnabled(
            editable and item is not None and item.position < len(self.model.rows)
        )
        self._show_about()

    def _show_about(self) -> None:
        item = self.selected()
        arising = item is not None and is_matters_arising(item)
        self.refresh_button.setVisible(arising)
        self.put_button.setVisible(arising)
        d = self.editor.detail
        self.put_button.setEnabled(arising and d is not None and d.minutes_editable)
        if item is None:
            self.about.setHtml("<p>Select an item to see its papers.</p>")
            return
        parts = [f"<h3>{item.position}. {escape(item.title)}</h3>"]
        about = AGENDA_KIND[item.kind].capitalize()
        if item.presenter:
            about += f"; presented by {escape(item.presenter)}"
        parts.append(f"<p>{about}.</p>")
        if item.papers:
            links = "".join(
                f"<li><a href='{escape(paper_url(p).toString(), quote=True)}'>{escape(p)}</a></li>"
                for p in item.papers
            )
            parts.append(f"<p><b>Papers</b> (click to open)</p><ul>{links}</ul>")
        elif not arising:
            parts.append("<p>No papers.</p>")
        if arising:
            from commissioner_desk.network.arising import matters_arising

            live = matters_arising(self.editor.db, item.meeting_id)
            parts.append(arising_view_html(live, ops.today()))
        self.about.setHtml("".join(parts))

    def open_link(self, url: QUrl) -> None:
        if not QDesktopServices.openUrl(url):
            self.editor.say(f"Could not open {url.toDisplayString()}.")

    # ----- changing -------------------------------------------------------------------------

    def _people(self) -> list[tuple[int, str]]:
        from commissioner_desk.network.organisations import list_people

        return [
            (p.id, p.name + (f" ({p.organisation_name})" if p.organisation_name else ""))
            for p in list_people(self.editor.db)
        ]

    def add_item(self) -> None:
        from commissioner_desk.network.agenda import add_agenda_item

        d, people = self.editor.detail, self._people()
        row = ops.until_saved(
            lambda values, error: AgendaItemDialog.ask(self, people, values, error),
            lambda v: add_agenda_item(
                self.editor.db, d.id, v.title, v.kind, v.presenter_id, v.papers
            ),
            "The item could not be added",
            self,
        )
        if row is not None:
            self.editor.saved(f"Item {row.position} added to the agenda.")
            self.select_item(row.id)

    def edit_item(self) -> None:
        from commissioner_desk.network.agenda import edit_agenda_item

        item = self.selected()
        if item is None or not self.editor.detail.agenda_editable:
            return
        first = AgendaInput(item.title, item.kind, item.presenter_id, "\n".join(item.papers))
        people = self._people()
        saved = ops.until_saved(
            lambda values, error: AgendaItemDialog.ask(
                self, people, values or first, error, editing=True
            ),
            lambda v: edit_agenda_item(
                self.editor.db, item.id, item.version, v.title, v.kind, v.presenter_id, v.papers
            ),
            "The item could not be saved",
            self,
        )
        self.editor.saved(f"Item {item.position} saved." if saved else None)

    def move_item(self, up: bool) -> None:
        from commissioner_desk.network.agenda import move_agenda_item

        item = self.selected()
        if item is None:
            return
        moved = ops.attempt(
            self,
            "The item could not be moved",
            lambda: move_agenda_item(self.editor.db, item.id, item.version, up),
        )
        self.editor.saved("Agenda reordered." if moved else None)
        self.select_item(item.id)

    def delete_item(self) -> None:
        from .agenda_undo import delete_with_undo

        item = self.selected()
        if item is None or not self.editor.detail.agenda_editable:
            return
        delete_with_undo(self, item)

    def put_in_minutes(self) -> None:
        from commissioner_desk.network.meetings import refresh_matters_arising

        item = self.selected()
        if item is None or not ops.confirm(
            self,
            "Matters arising",
            f"Replace the minutes of item {item.position}, “{item.title}”, with the list of "
            "open actions as it stands today? Anything written in those minutes is replaced.",
            "Replace",
        ):
            return
        saved = ops.attempt(
            self,
            "The matters arising could not be updated",
            lambda: refresh_matters_arising(self.editor.db, item.id, item.version, ops.today()),
        )
        self.editor.saved("Matters arising updated in the minutes." if saved else None)
