"""The minutes editor's document as the small HTML subset the core keeps (paragraphs, line
breaks, bold, italic, bulleted and numbered lists).

QTextEdit.toHtml() writes a whole page with a <style> sheet and CSS on every span; stored as it
is, search snippets and plain-text views would show the CSS. Walking the document instead gives
exactly what the exports and search read.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtGui import QFont, QTextBlock, QTextDocument, QTextListFormat

LINE_SEPARATOR = "\u2028"  # Shift+Enter inside a paragraph
NUMBERED = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}


@dataclass
class _Open:
    list_index: int  # the QTextList's object index: which list the items belong to
    indent: int
    tag: str  # "ul" or "ol"
    item_open: bool = False


def _runs(block: QTextBlock) -> str:
    out = []
    for it in block:
        fragment = it.fragment()
        if not fragment.isValid():
            continue
        fmt = fragment.charFormat()
        text = escape(fragment.text(), quote=False).replace(LINE_SEPARATOR, "<br>")
        if fmt.fontItalic():
            text = f"<i>{text}</i>"
        if fmt.fontWeight() >= QFont.Weight.DemiBold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def document_html(doc: QTextDocument) -> str:
    parts: list[str] = []
    stack: list[_Open] = []

    def close_top() -> None:
        top = stack.pop()
        parts.append(("</li>" if top.item_open else "") + f"</{top.tag}>")

    block = doc.begin()
    while block.isValid():
        text = _runs(block)
        lst = block.textList()
        if lst is None:
            while stack:
                close_top()
            if text.strip():
                parts.append(f"<p>{text}</p>")
        else:
            indent = max(lst.format().indent(), 1)
            index = lst.objectIndex()
            while stack and (
                stack[-1].indent > indent
                or (stack[-1].indent == indent and stack[-1].list_index != index)
            ):
                close_top()
            if stack and stack[-1].indent == indent:
                if stack[-1].item_open:
                    parts.append("</li>")
            else:  # a new list, nested in the open item of the list around it (if any)
                tag = "ol" if lst.format().style() in NUMBERED else "ul"
                stack.append(_Open(index, indent, tag))
                parts.append(f"<{tag}>")
            parts.append(f"<li>{text}")
            stack[-1].item_open = True
        block = block.next()
    while stack:
        close_top()
    return "".join(parts)
