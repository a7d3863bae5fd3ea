"""One action in full beside the log: every field, its RAG and why, the dated updates and the
history of changes. Links open the force's profile and (when the window has the Meetings page)
the meeting that raised it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from commissioner_desk.formatting import uk_date, uk_datetime
from commissioner_desk.network.actions_types import ActionDetail

from .model import rag_chip_html

HINT = "Select an action to see it in full: its RAG and why, its updates and its history."


def _pairs(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='color:#555;padding-right:10px'>{escape(k)}</td><td>{v}</td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='2'>{cells}</table>"


def _or_none(text: str) -> str:
    return escape(text) if text else "<span style='color:#6b6b6b'>none</span>"


def practices_html(practices) -> str:
    """The practice entries that link to the action (PracticeMention), as links."""
    if not practices:
        return ""
    items = "".join(
        f"<li><a href='practice:{p.id}'>{escape(p.title)}</a>{' (draft)' if p.is_draft else ''}"
        "</li>"
        for p in practices
    )
    return f"<h4>In the practice library</h4><ul style='margin-left:-20px'>{items}</ul>"


def detail_html(detail: ActionDetail, meeting_links: bool, practices=()) -> str:
    row = detail.row
    raised = _or_none(row.minute_reference or row.meeting_title)
    if row.meeting_id is not None and meeting_links:
        raised = f"<a href='meeting:{row.meeting_id}'>{raised}</a>"
    force = _or_none(row.force_name)
    if row.force_code:
        force = f"<a href='force:{escape(row.force_code)}'>{force}</a>"
    last = uk_date(row.last_update) if row.last_update else "none yet"
    parts = [
        f"<h3>{escape(row.reference)}: {escape(row.title)}</h3>",
        f"<p>{rag_chip_html(row)}&nbsp; {escape(row.rag_reason)}</p>",
    ]
    if row.is_demo:
        parts.append("<p style='color:#8a6d00'><b>DEMO</b>: a synthetic action.</p>")
    parts.append(
        _pairs(
            [
                ("Status", escape(row.status_label)),
                ("Priority", escape(row.priority_label)),
                ("Due", escape(uk_date(row.due_date)) if row.due_date else _or_none("")),
                ("Owner", _or_none(row.owner_name)),
                ("Organisation", _or_none(row.organisation_name)),
                ("Raised at", raised),
                ("Force", force),
                ("Figure", _or_none(row.metric_label)),
                ("Last update", escape(last)),
                ("Added", escape(uk_date(row.created_on))),
            ]
        )
    )
    if row.description:
        text = escape(row.description).replace("\n", "<br>")
        parts.append(f"<h4>Description</h4><p>{text}</p>")
    parts.append(practices_html(practices))  # before the updates: seen without scrolling
    parts.append(f"<h4>Updates ({len(detail.updates)})</h4>")
    if detail.updates:
        items = []
        for u in reversed(detail.updates):  # newest first: what happened last matters most
            status = f" <i>Status: {escape(u.status_label)}.</i>" if u.new_status else ""
            text = escape(u.text).replace("\n", "<br>")
            items.append(
                f"<p><b>{escape(uk_date(u.made_at.date()))}</b>, {escape(u.made_by)}: "
                f"{text}{status}</p>"
            )
        parts.append("".join(items))
    else:
        parts.append("<p style='color:#6b6b6b'>No updates yet.</p>")
    parts.append("<h4>History</h4>")
    if detail.history:
        lines = "".join(
            f"<li>{escape(uk_datetime(h.at))}, {escape(h.who)}: {escape(h.what)}</li>"
            for h in reversed(detail.history)
        )
        parts.append(f"<ul style='margin-left:-20px'>{lines}</ul>")
    else:
        parts.append("<p style='color:#6b6b6b'>No recorded changes.</p>")
    return "".join(parts)


class ActionDetailView(QTextBrowser):
    """Scrolls, so a long log of updates never pushes the page off a laptop screen."""

    link_activated = Signal(str, str)  # kind ("force", "meeting"), value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionDetail")
        self.setOpenLinks(False)
        self.setMinimumWidth(260)
        self.anchorClicked.connect(self._clicked)
        self.show_hint()

    def show_hint(self, text: str = HINT) -> None:
        self.setHtml(f"<p style='color:#555'>{escape(text)}</p>")

    def show_detail(self, detail: ActionDetail, meeting_links: bool, practices=()) -> None:
        self.setHtml(detail_html(detail, meeting_links, practices))

    def _clicked(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        self.link_activated.emit(kind, value)
