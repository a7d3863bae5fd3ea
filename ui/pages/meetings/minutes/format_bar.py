"""The minutes editor's formatting bar: bold (Ctrl+B), italic (Ctrl+I) and bulleted lists, the
formatting the PDF and Word exports keep."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextListFormat
from PySide6.QtWidgets import QTextEdit, QToolBar, QWidget


class FormatBar(QToolBar):
    def __init__(self, text: QTextEdit, owner: QWidget) -> None:
        """`owner`: the widget within which the shortcuts work (the Minutes tab)."""
        super().__init__()
        self.text = text
        self.owner = owner
        self.bold = self._action("Bold", "Ctrl+B", self.toggle_bold)
        self.italic = self._action("Italic", "Ctrl+I", self.toggle_italic)
        self.bullets = self._action("• List", None, self.toggle_bullets)
        self.bullets.setToolTip("Bulleted list: a line on its own per point")
        for action, bold, italic in ((self.bold, True, False), (self.italic, False, True)):
            font = action.font()
            font.setBold(bold)
            font.setItalic(italic)
            action.setFont(font)
        # In a layout a tool bar shrinks to its overflow arrow: keep every button showing.
        self.setMinimumWidth(self.sizeHint().width())
        text.currentCharFormatChanged.connect(lambda _f: self.sync())
        text.cursorPositionChanged.connect(self.sync)

    def _action(self, label: str, key: str | None, slot) -> QAction:
        action = QAction(label, self.owner)
        action.setCheckable(True)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{label} ({key})")
        action.triggered.connect(slot)
        self.addAction(action)
        self.owner.addAction(action)  # the shortcut works wherever the focus is in the tab
        return action

    def sync(self) -> None:
        """The buttons show the format where the cursor is."""
        fmt = self.text.currentCharFormat()
        self.bold.setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold)
        self.italic.setChecked(fmt.fontItalic())
        self.bullets.setChecked(self.text.textCursor().currentList() is not None)

    def toggle_bold(self) -> None:
        bold = self.text.currentCharFormat().fontWeight() < QFont.Weight.DemiBold
        self.text.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.sync()

    def toggle_italic(self) -> None:
        self.text.setFontItalic(not self.text.currentCharFormat().fontItalic())
        self.sync()

    def toggle_bullets(self) -> None:
        cursor = self.text.textCursor()
        current = cursor.currentList()
        if current is None:
            cursor.createList(QTextListFormat.Style.ListDisc)
        else:  # back to a plain paragraph
            block = cursor.block()
            current.remove(block)
            fmt = block.blockFormat()
            fmt.setIndent(0)
            cursor.setBlockFormat(fmt)
        self.sync()
