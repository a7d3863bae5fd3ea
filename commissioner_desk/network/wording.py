"""Plain words for network items, shared by pages, search, exports and the command line.

No database access here: the search index (in db/) uses these too.
"""

from __future__ import annotations

from datetime import date
from html import unescape
from html.parser import HTMLParser

from ..domain.periods import MONTH_NAMES

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"}


def long_date(day: date) -> str:
    """3 November 2026, whatever the process locale (strftime's %B follows it)."""
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def days_words(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def weeks_words(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """The words of minutes kept as formatted text (an HTML subset), one paragraph a line."""
    if not html:
        return ""
    if "<" not in html:
        return unescape(html).strip()
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
