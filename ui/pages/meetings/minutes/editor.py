"""The Minutes tab: a formatted-text editor per agenda item (bold, italic, bullets), saved with
the version it was loaded at, so a save on top of someone else's is refused, never overwriting.
After approval the text is read-only and corrections are dated errata."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from .. import ops
from . import notes
from .format_bar import FormatBar
from .rich_text import document_html

if TYPE_CHECKING:
    from commissioner_desk.network.agenda import AgendaItemRow
    from commissioner_desk.network.meeting_detail import MeetingDetail

    from ..editor import MeetingEditor


class MinutesEditor(QWidget):
    def __init__(self, editor: MeetingEditor) -> None:
        super().__init__()
        self.editor = editor
        self._items: dict[int, AgendaItemRow] = {}
        self._loaded: dict[int, tuple[int, str]] = {}  # item id → (version, html) as read
        self._drafts: dict[int, str] = {}  # unsaved text of items not on screen
        self._dirty: set[int] = set()
        self._current: int | None = None
        self._loading = False

        self.notice = ops.banner()
        self.erratum_button = QPushButton("Add erratum…")
        self.erratum_button.clicked.connect(self.add_erratum)
        self.items = QListWidget()
        self.items.setAccessibleName("Agenda items")
        self.items.setWordWrap(True)
        self.items.currentRowChanged.connect(self._item_chosen)
        self.text = QTextEdit()
        self.text.setAcceptRichText(True)
        self.text.setAccessibleName("Minutes of the item")
        self.text.textChanged.connect(self._typed)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("pageSubtitle")
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save the minutes (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.errata = QLabel()
        self.errata.setWordWrap(True)
        self.errata.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.toolbar = FormatBar(self.text, self)
        save_key = QShortcut(QKeySequence.StandardKey.Save, self)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.save)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.heading)
        tools = QHBoxLayout()
        tools.addWidget(self.toolbar)
        tools.addStretch(1)
        tools.addWidget(self.state)
        tools.addWidget(self.save_button)
        rv.addLayout(tools)
        rv.addWidget(self.text, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("minutesSplitter")
        split.addWidget(self.items)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 600])
        top = QHBoxLayout()
        top.addWidget(self.notice, 1)
        top.addWidget(self.erratum_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.errata)

    # ----- showing --------------------------------------------------------------------------

    def show_detail(self, d: MeetingDetail) -> None:
        editable = d.minutes_editable
        lost = not editable and bool(self._dirty)
        if lost:
            self._lost_drafts(d)
        on_screen = self._loaded.get(self._current, (0, None))[1] if self._current else None
        self._items = {i.id: i for i in d.agenda}
        for gone in set(self._dirty) - set(self._items):
            self._forget(gone)
        for item in d.agenda:
            if item.id not in self._dirty:
                self._loaded[item.id] = (item.version, item.minutes)
        ids = [i.id for i in d.agenda]
        keep = self._current if self._current in self._items else None
        row = ids.index(keep) if keep is not None else (0 if ids else -1)
        self.items.blockSignals(True)
        self.items.clear()
        for item in d.agenda:
            entry = QListWidgetItem()
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.items.addItem(entry)
        self._label_items()
        self.items.setCurrentRow(row)
        self.items.blockSignals(False)
        self.text.setReadOnly(not editable)
        unchanged = keep is not None and (keep in self._dirty or self._loaded[keep][1] == on_screen)
        if unchanged and not lost:
            # The same text is on screen (typed or as saved): keep the cursor where it is.
            item = self._items[keep]
            self.heading.setText(f"{item.position}. {item.title}")
        else:
            self._current = None
            self._show_item(ids[row] if row >= 0 else None)
        self.toolbar.setVisible(editable)
        self.text.setStyleSheet("" if editable else "QTextEdit { background: #f4f5f7; }")
        self.save_button.setVisible(editable)
        self.erratum_button.setVisible(d.takes_errata)
        self._show_notice(d)
        self._show_errata(d)
        self._show_state()

    def _label_items(self) -> None:
        for n in range(self.items.count()):
            entry = self.items.item(n)
            item = self._items[entry.data(Qt.ItemDataRole.UserRole)]
            unsaved = item.id in self._dirty
            entry.setText(f"{item.position}. {item.title}" + ("  (unsaved)" if unsaved else ""))
            font = entry.font()
            font.setBold(unsaved)
            entry.setFont(font)
            entry.setToolTip(item.title + (": changes not saved yet" if unsaved else ""))

    def _show_notice(self, d: MeetingDetail) -> None:
        style, text = notes.notice(d)
        ops.set_banner(self.notice, style, text)

    def _show_errata(self, d: MeetingDetail) -> None:
        self.errata.setText(notes.errata_html(d))
        self.errata.setVisible(bool(d.errata) or d.takes_errata)

    def _item_chosen(self, row: int) -> None:
        self._stash()
        entry = self.items.item(row) if row >= 0 else None
        self._show_item(entry.data(Qt.ItemDataRole.UserRole) if entry else None)

    def _show_item(self, item_id: int | None) -> None:
        self._current = item_id
        self._loading = True
        try:
            if item_id is None:
                self.heading.setText("No agenda items yet: add them on the Agenda tab.")
                self.text.clear()
            else:
                item = self._items[item_id]
                self.heading.setText(f"{item.position}. {item.title}")
                draft = self._drafts.pop(item_id, None)
                self.text.setHtml(draft if draft is not None else self._loaded[item_id][1])
        finally:
            self._loading = False
        self.text.document().setModified(False)
        self._show_state()

    def _stash(self) -> None:
        """Keep the unsaved text of the item on screen before showing another."""
        if self._current is not None and self._current in self._dirty:
            self._drafts[self._current] = document_html(self.text.document())

    def _typed(self) -> None:
        if self._loading or self._current is None or self.text.isReadOnly():
            return
        if self._current not in self._dirty:
            self._dirty.add(self._current)
            self._label_items()
        self._show_state()

    def _show_state(self) -> None:
        others = len(self._dirty - {self._current})
        if self._current in self._dirty:
            text = "Not saved"
        elif self._current is not None and not self.text.isReadOnly():
            text = "Saved"
        else:
            text = ""
        if others:
            text += f"; {others} other item{'s' if others > 1 else ''} not saved"
        self.state.setText(text)
        self.save_button.setEnabled(bool(self._dirty))

    # ----- saving ---------------------------------------------------------------------------

    def has_unsaved(self) -> bool:
        return bool(self._dirty)

    def unsaved_names(self) -> list[str]:
        return [
            f"item {self._items[i].position}"
            for i in sorted(self._dirty, key=lambda i: self._items[i].position)
            if i in self._items
        ]

    def discard(self) -> None:
        self._dirty.clear()
        self._drafts.clear()

    def save(self) -> bool:
        """Save every item with unsaved text; True when all were saved."""
        from commissioner_desk.network.minutes import save_minutes

        self._stash()
        if not self._dirty:
            self.editor.say("No changes to save.")
            return True
        saved, all_ok = [], True
        for item_id in sorted(self._dirty, key=lambda i: self._items[i].position):
            item, html = self._items[item_id], self._drafts[item_id]
            version = self._loaded[item_id][0]
            result = ops.attempt(
                self,
                f"The minutes of item {item.position} could not be saved",
                lambda: save_minutes(self.editor.db, item_id, version, html),  # noqa: B023
                my_text=self._plain(html),
            )
            if result is not None:
                saved.append(item.position)
                self._forget(item_id)
                self._loaded[item_id] = (result.version, html)
            elif self._conflicted(item_id, version):
                self._forget(item_id)  # their text is reloaded; ours went to the dialog
                all_ok = False
            else:
                all_ok = False
        if self._current is not None and self._current in self._drafts:
            self._show_item(self._current)  # still unsaved: back on screen as it was
            self._dirty.add(self._current)
        message = None
        if saved:
            message = "Minutes of item " + ", ".join(map(str, saved)) + " saved."
        self.editor.saved(message, notify=bool(saved) or None)
        return all_ok

    def _forget(self, item_id: int) -> None:
        self._dirty.discard(item_id)
        self._drafts.pop(item_id, None)

    def _conflicted(self, item_id: int, version: int) -> bool:
        from commissioner_desk.network.agenda import list_agenda

        items = {i.id: i for i in list_agenda(self.editor.db, self._items[item_id].meeting_id)}
        return item_id not in items or items[item_id].version != version

    @staticmethod
    def _plain(html: str) -> str:
        from commissioner_desk.network.minutes_html import plain_text

        return plain_text(html)

    def _lost_drafts(self, d: MeetingDetail) -> None:
        self._stash()
        texts = [
            f"Item {self._items[i].position}, {self._items[i].title}:\n"
            + self._plain(self._drafts[i])
            for i in sorted(self._dirty, key=lambda i: self._items[i].position)
            if i in self._items and i in self._drafts
        ]
        self.discard()
        notes.rescue(self, d, texts)

    # ----- errata ---------------------------------------------------------------------------

    def add_erratum(self) -> None:
        from commissioner_desk.network.minutes import add_erratum

        from ..record_dialogs import ErratumDialog

        d = self.editor.detail
        items = [(i.id, f"{i.position}. {i.title}") for i in d.agenda]
        made_on = ops.today()
        row = ops.until_saved(
            lambda values, error: ErratumDialog.ask(self, items, made_on, values, error),
            lambda v: add_erratum(self.editor.db, d.id, v.text, made_on, v.agenda_item_id),
            "The erratum could not be added",
            self,
        )
        self.editor.saved("Erratum added." if row else None)
