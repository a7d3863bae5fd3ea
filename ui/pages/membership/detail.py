"""One area's membership beside the list: its current record in full and its history, one row
per term (a new term starts at each sign-up, withdrawal or change of commissioner)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.membership_types import AreaMembership, MembershipRow

HINT = "Select an area to see its membership in full and its history."
GREY = "<span style='color:#6b6b6b'>{}</span>"
DEMO_NOTE = "DEMO: invented records for trying the app out; Remove demo data takes them away."


def _or_grey(text: str, none: str = "not given") -> str:
    return escape(text) if text else GREY.format(none)


def _pairs(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='color:#555;padding-right:10px'>{escape(k)}</td><td>{v}</td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='2'>{cells}</table>"


def _term(r: MembershipRow) -> str:
    """One term as a short paragraph: the panel is narrow, so no table."""
    now = " (now)" if r.is_current else ""
    lines = [f"<b>{escape(r.term)}</b>: {escape(r.status_label)}{now}"]
    who = [f"PCC {r.commissioner}" if r.commissioner else ""]
    if r.signed_on:
        who.append(f"signed {uk_date(r.signed_on)}" + (f" by {r.signatory}" if r.signatory else ""))
    if any(who):
        lines.append(escape(", ".join(w for w in who if w)))
    return "<p style='margin-top:2px;margin-bottom:6px'>" + "<br>".join(lines) + "</p>"


def _history(rows: list[MembershipRow]) -> str:
    if not rows:
        return f"<h4>History</h4><p>{GREY.format('Nothing recorded yet.')}</p>"
    return "<h4>History</h4>" + "".join(_term(r) for r in rows)


def detail_html(area: AreaMembership, history: list[MembershipRow]) -> str:
    parts = [f"<h3>{escape(area.name)}</h3>"]
    r = area.record
    since = f" since {uk_date(area.since)}" if area.since else ""
    parts.append(f"<p><b>{escape(area.standing_label)}</b>{escape(since)}</p>")
    if not area.counted:
        parts.append(
            "<p style='color:#555'>Police Scotland, PSNI and BTP count towards the total only "
            "once they take part: record a sign-up when they do.</p>"
        )
    elif area.on_chase_list:
        parts.append("<p style='color:#8a3b00'>On the chase list: not signed up.</p>")
    if r is not None and r.is_demo:
        parts.append(f"<p style='color:#8a6d00'>{escape(DEMO_NOTE)}</p>")
    if r is not None:
        parts.append(
            _pairs(
                [
                    ("Commissioner", _or_grey(r.commissioner)),
                    ("Signed on", escape(uk_date(r.signed_on)) or GREY.format("—")),
                    ("Signatory", _or_grey(r.signatory, "—")),
                    ("Lead officer", _or_grey(r.lead_officer)),
                    ("Contact", _or_grey(r.contact)),
                    ("Organisation", _or_grey(r.organisation_name, "not linked")),
                ]
            )
        )
        if r.notes:
            notes = "<br>".join(escape(line) for line in r.notes.splitlines())
            parts.append(f"<h4>Notes</h4><p>{notes}</p>")
    parts.append(_history(history))
    return "".join(parts)


class MembershipDetailView(QTextBrowser):
    """Scrolls, so a long history never pushes the page off a laptop screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("membershipDetail")
        self.setMinimumWidth(280)
        self.area: AreaMembership | None = None
        self.show_hint()

    def show_hint(self, text: str = HINT) -> None:
        self.area = None
        self.setHtml(f"<p style='color:#555'>{escape(text)}</p>")

    def show_area(self, area: AreaMembership, history: list[MembershipRow]) -> None:
        self.area = area
        self.setHtml(detail_html(area, history))
