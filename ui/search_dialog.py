"""Find across the network: actions, minutes, decisions and practice entries, searched as the
user types.

Results are grouped by kind, each with its title and the words around the match (matched words
highlighted). Enter or a double-click opens the item: an action on the Actions page; minutes and
decisions at their meeting; a practice entry in the Practice library (the window's
`open_record`, see ui/shell.py).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from commissioner_desk.network.search import SearchHit

    from .shell import Shell

DEBOUNCE_MS = 250  # search once typing pauses, not on every key
LIMIT = 60
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KINDS = (
    ("Everything", None),
    ("Actions", ("action",)),
    ("Minutes", ("minute",)),
    ("Decisions", ("decision",)),
    ("Practice", ("practice",)),
)
GROUPS = (
    ("action", "Actions"),
    ("minute", "Minutes"),
    ("decision", "Decisions"),
    ("practice", "Practice library"),
)
MARK = "<span style='background:#ffe58a;color:#1f1f1f;font-weight:600'>"


def hit_html(hit: SearchHit, selected: bool = False) -> str:
    snippet = hit.snippet_html("b").replace("<b>", MARK).replace("</b>", "</span>")
    grey = "" if selected else " style='color:#3d3d3d'"
    return f"<b>{escape(hit.title)}</b><br><span{grey}>{snippet}</span>"  # kind: the heading


class HitDelegate(QStyledItemDelegate):
    """Draws a result as rich text: the highlighted words need it."""

    PAD = 4

    def _document(self, option: QStyleOptionViewItem, html: str, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        doc.setTextWidth(max(width - 2 * self.PAD, 120))
        return doc

    def _html(self, index, selected: bool) -> str:
        hit = index.data(HIT_ROLE)
        if hit is None:  # a group heading
            return f"<b>{escape(index.data(Qt.ItemDataRole.DisplayRole) or '')}</b>"
        return hit_html(hit, selected)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, self._html(index, selected), opt.rect.width())
        painter.save()
        painter.translate(opt.rect.topLeft() + QPoint(self.PAD, self.PAD))
        context = QAbstractTextDocumentLayout.PaintContext()
        if selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText)
            )
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        view = option.widget
        width = view.viewport().width() if view is not None else 400
        doc = self._document(option, self._html(index, False), width)
        return QSize(width, int(doc.size().height()) + 2 * self.PAD)


class SearchDialog(QDialog):
    def __init__(self, main_window: Shell) -> None:
        super().__init__(main_window)  # the window: a QWidget that is a Shell
        self.main_window = main_window
        self.setWindowTitle("Find across the network")
        self.box = QLineEdit()
        self.box.setPlaceholderText("Words to find in actions, minutes, decisions and practice")
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Find across the network")
        self.box.installEventFilter(self)
        self.kinds = QComboBox()
        for label, kinds in KINDS:
            self.kinds.addItem(label, kinds)
        self.status = QLabel('Type a word or two. "Quoted words" must appear together.')
        self.status.setWordWrap(True)
        self.results = QListWidget()
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap when resized
        self.results.setWordWrap(True)
        self.results.setAccessibleName("Results")
        self.results.itemActivated.connect(self._activated)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(lambda _t: self.timer.start())
        self.kinds.currentIndexChanged.connect(lambda _i: self.run_search())
        self.box.returnPressed.connect(self.open_current)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.kinds)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(close)
        self.resize(640, 480)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search box goes to the results, as in a browser's address bar.
        if (
            watched is self.box
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.results.count()
        ):
            self.results.setFocus()
            self._select_first()
            return True
        return super().eventFilter(watched, event)

    def run_search(self) -> None:
        from commissioner_desk.network.search import search

        self.timer.stop()
        self.results.clear()
        text = self.box.text().strip()
        db = self.main_window.db
        if not text or db is None:
            self.status.setText('Type a word or two. "Quoted words" must appear together.')
            return
        hits = search(db, text, self.kinds.currentData(), LIMIT)
        if not hits:
            self.status.setText(f"Nothing found for “{text}”.")
            return
        more = " (the best matches; add words to narrow it)" if len(hits) >= LIMIT else ""
        self.status.setText(f"{len(hits)} found{more}. Enter or double-click opens one.")
        for kind, label in GROUPS:
            group = [h for h in hits if h.kind == kind]
            if not group:
                continue
            heading = QListWidgetItem(f"{label} ({len(group)})")
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(heading)
            for hit in group:
                item = QListWidgetItem(f"{hit.kind_label}: {hit.title}")
                item.setData(HIT_ROLE, hit)
                item.setToolTip(hit.snippet)
                self.results.addItem(item)
        self._select_first()

    def hits(self) -> list[SearchHit]:
        items = (self.results.item(n) for n in range(self.results.count()))
        return [hit for item in items if (hit := item.data(HIT_ROLE)) is not None]

    def _select_first(self) -> None:
        current = self.results.currentItem()
        if current is not None and current.data(HIT_ROLE) is not None:
            return
        for n in range(self.results.count()):
            if self.results.item(n).data(HIT_ROLE) is not None:
                self.results.setCurrentRow(n)
                return

    def open_current(self) -> None:
        if self.timer.isActive() or not self.results.count():
            self.run_search()  # Enter before the pause: search now
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT_ROLE)
        if hit is not None:
            self.open_hit(hit)

    def open_hit(self, hit: SearchHit) -> None:
        from commissioner_desk.network.search import meeting_of

        window = self.main_window
        if hit.kind in ("action", "practice"):
            window.open_record(hit.kind, hit.id)
            self.accept()
            return
        meeting_id = meeting_of(window.db, hit)
        if meeting_id is None:
            self.status.setText(f"{hit.title} is not there any more: it has been deleted.")
        else:
            window.open_record("meeting", meeting_id)
            self.accept()


def open_search(main_window: Shell) -> SearchDialog:
    """One search window per main window: opened again, it keeps the last search."""
    dialog = main_window.findChild(SearchDialog)
    if dialog is None:
        dialog = SearchDialog(main_window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.box.setFocus()
    dialog.box.selectAll()
    return dialog
