"""Small widgets the pages share."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .table_model import RowTableModel, SortFilterProxy


def make_table(
    model: RowTableModel, parent: QWidget | None = None
) -> tuple[QTableView, SortFilterProxy]:
    proxy = SortFilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    # Compact rows sized from the font, so they scale with the screen's DPI.
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return view, proxy


class DetailPanel(QLabel):
    """A read-only panel of label/value pairs, selectable so staff can copy a reference."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setMinimumWidth(260)

    def show_pairs(
        self,
        title: str,
        pairs: list[tuple[str, str]],
        notes: list[tuple[str, str]] = (),
        note_links: list[tuple[str, str]] = (),
    ) -> None:
        """Label/value rows, then optional notes: (heading, paragraph) pairs, each with an
        optional (href, words) link under it, reported by linkActivated."""
        rows = "".join(
            f"<tr><td style='color:#555;padding-right:10px'>{escape(k)}</td>"
            f"<td>{escape(v)}</td></tr>"
            for k, v in pairs
        )
        links = [*note_links, *[None] * (len(notes) - len(note_links))]
        extra = "".join(
            f"<p><b>{escape(head)}</b><br>{escape(text)}"
            + (f"<br><a href='{escape(link[0])}'>{escape(link[1])}</a>" if link else "")
            + "</p>"
            for (head, text), link in zip(notes, links, strict=False)
        )
        flags = Qt.TextInteractionFlag.TextSelectableByMouse
        if note_links:
            flags |= Qt.TextInteractionFlag.LinksAccessibleByMouse
            flags |= Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        self.setTextInteractionFlags(flags)
        self.setText(f"<h3>{escape(title)}</h3><table>{rows}</table>{extra}")

    def show_hint(self, text: str) -> None:
        self.setText(f"<p style='color:#555'>{escape(text)}</p>")


def list_and_detail(main: QWidget, detail: QWidget, name: str) -> QSplitter:
    """A list beside its detail panel; `name` keys the splitter's saved position."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName(name)
    splitter.addWidget(main)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([760, 300])
    return splitter


def empty_state(title: str, text: str, button: QPushButton) -> QWidget:
    """A page's "nothing here yet" panel: a title, a few lines saying what goes here, and
    the button that adds the first one, centred.

    Break `text` into lines by hand: a wrapped label centred in a stretchy layout clips its
    last line."""
    box = QWidget()
    box.setObjectName("emptyState")
    layout = QVBoxLayout(box)
    layout.addStretch(1)
    heading = QLabel(title)
    heading.setObjectName("emptyTitle")
    heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
    body = QLabel(text)
    body.setAlignment(Qt.AlignmentFlag.AlignCenter)
    button.setObjectName("primaryButton")
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    row.addStretch(1)
    layout.addWidget(heading)
    layout.addWidget(body)
    layout.addSpacing(16)
    layout.addLayout(row)
    layout.addStretch(2)
    return box
