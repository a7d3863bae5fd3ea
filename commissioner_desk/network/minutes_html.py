"""Minutes text (an HTML subset) as plain paragraphs and runs, for the .docx and PDF exports.

The subset is what the minutes editor writes: paragraphs, line breaks, bold, italic, bulleted
and numbered lists. Qt's rich-text editor spells bold and italic as CSS on a <span>; both forms
are read. Anything else (tables, images, links) is kept as its text, so nothing typed is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr"}
SKIP_TAGS = {"head", "style", "script", "title"}
BOLD_CSS = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
ITALIC_CSS = re.compile(r"font-style\s*:\s*italic", re.I)
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Run:
    text: str  # "\n" alone is a line break within the paragraph
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    runs: tuple[Run, ...]
    list_kind: str = ""  # "" a paragraph, "bullet" or "number" a list item
    level: int = 0  # nesting of the list, 0 outermost
    number: int = 0  # the item's number in a numbered list

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class _List:
    kind: str  # "bullet" or "number"
    count: int = 0  # items so far
    open_item: int = 0  # number of the item being read, 0 between items


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.styles: list[tuple[str, bool, bool]] = []  # (tag, bold, italic) of open tags
        self.lists: list[_List] = []  # open lists, outermost first
        self.skipping = 0

    # -- formatting -------------------------------------------------------------------------
    def _bold(self) -> bool:
        return any(b for _, b, _ in self.styles)

    def _italic(self) -> bool:
        return any(i for _, _, i in self.styles)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skipping += 1
            return
        style = dict(attrs).get("style") or ""
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append(_List("bullet" if tag == "ul" else "number"))
        elif tag == "li":
            self._flush()
            if not self.lists:  # a stray <li>: read as a bullet
                self.lists.append(_List("bullet"))
            current = self.lists[-1]
            current.count += 1
            current.open_item = current.count
        elif tag in BLOCK_TAGS:
            self._flush()
        elif tag == "br":
            self.runs.append(Run("\n", self._bold(), self._italic()))
            return
        if tag in ("br", "img", "hr", "meta", "link", "input"):
            return  # void elements: no end tag follows
        bold = tag in ("b", "strong") or bool(BOLD_CSS.search(style)) or tag in ("h1", "h2", "h3")
        italic = tag in ("i", "em") or bool(ITALIC_CSS.search(style))
        self.styles.append((tag, bold, italic))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skipping = max(self.skipping - 1, 0)
            return
        for i in range(len(self.styles) - 1, -1, -1):  # close the nearest open tag of that name
            if self.styles[i][0] == tag:
                del self.styles[i:]
                break
        if tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self._flush()
            if self.lists:
                self.lists[-1].open_item = 0
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = SPACES.sub(" ", data)
        if text:
            self.runs.append(Run(text, self._bold(), self._italic()))

    # -- blocks -----------------------------------------------------------------------------
    def _flush(self) -> None:
        runs = _tidy(self.runs)
        self.runs = []
        if not runs:
            return
        # The innermost list with an open item holds the text: after a nested list ends, the
        # rest of the outer item is still that item.
        for level in range(len(self.lists) - 1, -1, -1):
            if self.lists[level].open_item:
                lst = self.lists[level]
                self.blocks.append(Block(tuple(runs), lst.kind, level, lst.open_item))
                return
        self.blocks.append(Block(tuple(runs)))

    def close(self) -> None:
        super().close()
        self._flush()


def _tidy(runs: list[Run]) -> list[Run]:
    """Collapse spaces across runs, trim the ends, merge neighbours with the same format."""
    out: list[Run] = []
    for run in runs:
        text = run.text
        if text != "\n":
            previous = out[-1].text if out else "\n"
            if previous.endswith((" ", "\n")):
                text = text.lstrip(" ")
            if not text:
                continue
        if (
            out
            and out[-1].text != "\n"
            and text != "\n"
            and ((out[-1].bold, out[-1].italic) == (run.bold, run.italic))
        ):
            out[-1] = Run(out[-1].text + text, run.bold, run.italic)
        else:
            out.append(Run(text, run.bold, run.italic))
    while out and out[-1].text == "\n":
        out.pop()
    if out and out[-1].text.endswith(" "):
        last = out[-1]
        out[-1] = Run(last.text.rstrip(" "), last.bold, last.italic)
        if not out[-1].text:
            out.pop()
    while out and out[0].text == "\n":
        out.pop(0)
    return out


def html_blocks(html: str) -> tuple[Block, ...]:
    """The paragraphs and list items of minutes text; plain text without tags is one or more
    paragraphs (a blank line between them)."""
    if "<" not in html:
        return tuple(
            Block((Run(" ".join(part.split())),))
            for part in re.split(r"\n\s*\n", html)
            if part.strip()
        )
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return tuple(reader.blocks)


def plain_text(html: str) -> str:
    """The minutes as plain text, one paragraph or list item a line."""
    lines = []
    for block in html_blocks(html):
        prefix = ""
        if block.list_kind == "bullet":
            prefix = "  " * block.level + "• "
        elif block.list_kind == "number":
            prefix = "  " * block.level + f"{block.number}. "
        lines.append(prefix + block.text)
    return "\n".join(lines)
