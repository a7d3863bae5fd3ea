"""The editor's link lists: forces, actions from the action log and meetings (pick one, Add;
select, Remove), and documents (a label with a web address or a file; Open shows it).

Documents open with the system's own program (QDesktopServices): a web address in the
browser, a file path in whatever opens that kind of file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.network.practices_types import DocumentLink, is_web_address

from ...records.form import FormDialog

DATA_ROLE = Qt.ItemDataRole.UserRole + 1


def document_url(target: str) -> QUrl:
    """A web address as it is (www. gets https://); anything else as a local file."""
    target = target.strip()
    if is_web_address(target):
        return QUrl(f"https://{target}" if target.lower().startswith("www.") else target)
    return QUrl.fromLocalFile(target)


def open_document(parent: QWidget, doc: DocumentLink) -> bool:
    """Open it with the system's program; a file that is not there is said in words."""
    from ... import messages

    if not doc.is_web and not Path(doc.target).exists():
        messages.show_warning(
            parent,
            "Document not found",
            f"{doc.target} cannot be found: it may have been moved, or be on a drive this "
            "laptop cannot reach. Edit the entry to point at where it is now.",
        )
        return False
    return QDesktopServices.openUrl(document_url(doc.target))


class LinkList(QWidget):
    """Chosen items (text, data) with a picker to add more and a button to remove one."""

    def __init__(self, choices: Sequence[tuple[str, object]], placeholder: str, what: str) -> None:
        super().__init__()
        self.picker = QComboBox()
        self.picker.setEditable(True)  # type part of a name or reference to find it
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.lineEdit().setPlaceholderText(placeholder)
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(30)
        for text, data in choices:
            self.picker.addItem(text, data)
        completer = self.picker.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.picker.setCurrentIndex(-1)
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip(f"Link the {what} chosen")
        self.add_button.clicked.connect(self.add_current)
        self.list = QListWidget()
        self.list.setAccessibleName(f"Linked {what}s")
        self.list.setMaximumHeight(self.fontMetrics().height() * 6)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip(f"Unlink the selected {what}")
        self.remove_button.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.list, 1)
        bottom.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)

    def add(self, text: str, data: object) -> None:
        if data is None or data in self.values():
            return
        item = QListWidgetItem(text)
        item.setData(DATA_ROLE, data)
        item.setToolTip(text)
        self.list.addItem(item)

    def add_current(self) -> None:
        index = self.picker.findText(self.picker.currentText())
        if index < 0:
            return
        self.add(self.picker.itemText(index), self.picker.itemData(index))
        self.picker.setCurrentIndex(-1)

    def add_data(self, data: object) -> bool:
        """Link the choice holding `data` (tests and callers that know the id)."""
        index = self.picker.findData(data)
        if index >= 0:
            self.add(self.picker.itemText(index), data)
        return index >= 0

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def set_items(self, items: Sequence[tuple[str, object]]) -> None:
        self.list.clear()
        for text, data in items:
            self.add(text, data)

    def values(self) -> list[object]:
        return [self.list.item(n).data(DATA_ROLE) for n in range(self.list.count())]

    def texts(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]


class DocumentDialog(FormDialog):
    """A label and a web address or a file (Browse… picks one)."""

    def __init__(self, parent: QWidget | None, doc: DocumentLink | None) -> None:
        super().__init__(
            parent,
            "Document",
            "A web page, or a file on a shared drive, about this practice.",
            "OK",
        )
        self.label = QLineEdit(doc.label if doc else "")
        self.label.setPlaceholderText("e.g. Evaluation report")
        self.target = QLineEdit(doc.target if doc else "")
        self.target.setPlaceholderText("https://… or a file")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        where.addWidget(browse)
        self.form.addRow("&Label", self.label)
        self.form.addRow("&Address or file", where)
        self.setMinimumWidth(560)

    def _browse(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _ = QFileDialog.getOpenFileName(self, "Choose the document", start)
        if name:
            self.target.setText(str(Path(name)))
            if not self.label.text().strip():
                self.label.setText(Path(name).stem)

    def accept(self) -> None:
        if not self.target.text().strip():
            self.show_error("Give a web address, or Browse… for the file.")
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, doc: DocumentLink | None = None) -> DocumentLink | None:
        dialog = cls(parent, doc)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return DocumentLink(" ".join(dialog.label.text().split()), dialog.target.text().strip())


class DocumentList(QWidget):
    """The entry's documents, in order: Add…, Edit…, Remove, Open."""

    def __init__(self) -> None:
        super().__init__()
        self.list = QListWidget()
        self.list.setAccessibleName("Documents")
        self.list.setMaximumHeight(self.fontMetrics().height() * 6)
        self.list.itemDoubleClicked.connect(lambda _i: self.open_selected())
        buttons = QVBoxLayout()
        for text, slot, tip in (
            ("Add…", self.add_new, "Link a web page or a file"),
            ("Edit…", self.edit_selected, "Change the selected document's label or address"),
            ("Remove", self.remove_selected, "Unlink the selected document"),
            ("Open", self.open_selected, "Open the selected document"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    @staticmethod
    def _item(doc: DocumentLink) -> QListWidgetItem:
        item = QListWidgetItem(f"{doc.label}: {doc.target}" if doc.label else doc.target)
        item.setData(DATA_ROLE, doc)
        item.setToolTip(doc.target)
        return item

    def set_documents(self, docs: Sequence[DocumentLink]) -> None:
        self.list.clear()
        for doc in docs:
            self.list.addItem(self._item(doc))

    def documents(self) -> list[DocumentLink]:
        return [self.list.item(n).data(DATA_ROLE) for n in range(self.list.count())]

    def add_new(self) -> None:
        doc = DocumentDialog.ask(self)
        if doc is not None:
            self.list.addItem(self._item(doc))
            self.list.setCurrentRow(self.list.count() - 1)

    def edit_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        doc = DocumentDialog.ask(self, self.list.item(row).data(DATA_ROLE))
        if doc is not None:
            self.list.takeItem(row)
            self.list.insertItem(row, self._item(doc))
            self.list.setCurrentRow(row)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def open_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            open_document(self, item.data(DATA_ROLE))
