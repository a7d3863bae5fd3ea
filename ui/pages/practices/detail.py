"""One practice entry in full beside the library: its text, who did it, and everything it links
to. Links open the force's profile, the action in the log, the meeting where it was presented,
and its documents (with the system's own program)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.practices_types import DEMO_NOTE, PracticeRow

HINT = "Select an entry to see it in full: what was done, the outcomes, and what it links to."
GREY = "<span style='color:#6b6b6b'>{}</span>"


def _pairs(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='color:#555;padding-right:10px'>{escape(k)}</td><td>{v}</td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='2'>{cells}</table>"


def _text(heading: str, text: str) -> str:
    if not text:
        return ""
    body = "<br>".join(escape(line) for line in text.splitlines())
    return f"<h4>{escape(heading)}</h4><p>{body}</p>"


def _list(heading: str, items: list[str], none: str) -> str:
    if not items:
        return f"<h4>{escape(heading)}</h4><p>{GREY.format(none)}</p>"
    inner = "".join(f"<li>{i}</li>" for i in items)
    return f"<h4>{escape(heading)}</h4><ul style='margin-left:-20px'>{inner}</ul>"


def _running(row: PracticeRow) -> str:
    if row.started_on is None:
        return GREY.format("not known")
    if row.ended_on is None:
        return escape(f"since {uk_date(row.started_on)}")
    return escape(f"{uk_date(row.started_on)} to {uk_date(row.ended_on)}")


def detail_html(row: PracticeRow, meeting_links: bool) -> str:
    parts = [f"<h3>{escape(row.title)}</h3>"]
    if row.is_draft:
        parts.append(
            "<p style='background:#fff3bf;color:#3d3200'>&nbsp;<b>DRAFT</b>: not yet checked, "
            "so left out of the digest and the briefing pack. Edit it and choose Published, or "
            "use Publish.&nbsp;</p>"
        )
    if row.is_demo:
        note = escape(DEMO_NOTE).replace("DEMO", "<b>DEMO</b>", 1)
        parts.append(f"<p style='color:#8a6d00'>{note}</p>")
    forces = ", ".join(
        f"<a href='force:{escape(f.code)}'>{escape(f.name)}</a>" for f in row.forces
    ) or GREY.format("none")
    parts.append(
        _pairs(
            [
                ("Theme", escape(row.theme_label)),
                ("Organisation", escape(row.organisation) or GREY.format("not given")),
                ("Forces", forces),
                ("Running", _running(row)),
                ("Added", escape(f"{uk_date(row.added_on)}" + (f" by {row.added_by}"
                                                                 if row.added_by else ""))),
                ("Status", escape(row.status_label)),
            ]
        )
    )  # fmt: skip
    parts.append(_text("Summary", row.summary))
    parts.append(_text("What was done", row.what_was_done))
    parts.append(_text("Outcomes and evidence", row.outcomes))
    parts.append(_text("Contacts", row.contacts))
    actions = [f"<a href='action:{a.id}'>{escape(a.label)}</a>" for a in row.actions]
    parts.append(_list("Actions in the log", actions, "Not linked to any action."))
    meetings = [
        f"<a href='meeting:{m.id}'>{escape(m.label)}</a>" if meeting_links else escape(m.label)
        for m in row.meetings
    ]
    parts.append(_list("Presented at", meetings, "Not presented at a meeting yet."))
    docs = [
        f"<a href='doc:{n}'>{escape(d.shown)}</a>"
        + (f" {GREY.format(escape(d.target))}" if d.label else "")
        for n, d in enumerate(row.documents)
    ]
    parts.append(_list("Documents", docs, "No documents linked."))
    return "".join(parts)


class PracticeDetailView(QTextBrowser):
    """Scrolls, so a long entry never pushes the page off a laptop screen."""

    link_activated = Signal(str, str)  # kind ("force", "action", "meeting", "doc"), value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceDetail")
        self.setOpenLinks(False)
        self.setMinimumWidth(280)
        self.anchorClicked.connect(self._clicked)
        self.row: PracticeRow | None = None
        self.show_hint()

    def show_hint(self, text: str = HINT) -> None:
        self.row = None
        self.setHtml(f"<p style='color:#555'>{escape(text)}</p>")

    def show_row(self, row: PracticeRow, meeting_links: bool) -> None:
        self.row = row
        self.setHtml(detail_html(row, meeting_links))

    def _clicked(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        self.link_activated.emit(kind, value)
