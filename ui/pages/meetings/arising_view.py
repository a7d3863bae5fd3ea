"""The live "Matters arising" list as the Agenda tab shows it: open actions from earlier
meetings of the series, grouped by owner organisation, each with the minute that raised it."""

from __future__ import annotations

from datetime import date
from html import escape

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.arising import MattersArising
from commissioner_desk.network.labels import ACTION_STATUS


def arising_view_html(arising: MattersArising, today: date) -> str:
    if not arising.groups:
        return (
            f"<p><b>Matters arising</b>: no open actions from earlier meetings of the series, "
            f"as at {uk_date(today)}.</p>"
        )
    n = arising.count
    parts = [
        f"<p><b>Matters arising</b>: {n} open action{'s' if n != 1 else ''} from earlier "
        f"meetings, as at {uk_date(today)}, by owner organisation.</p>"
    ]
    for group in arising.groups:
        parts.append(f"<p style='margin-bottom:0'><b>{escape(group.organisation)}</b></p><ul>")
        for a in group.actions:
            overdue = a.due_date is not None and a.due_date < today
            due = f"due {uk_date(a.due_date)}" if a.due_date else "no due date"
            if overdue:
                due = f"<span style='color:#a4281b'><b>overdue</b>: {due}</span>"
            owner = f"{escape(a.owner)}; " if a.owner else ""
            parts.append(
                f"<li><b>{escape(a.reference)}</b> {escape(a.title)} <br>"
                f"<span style='color:#555'>{owner}{due}; {ACTION_STATUS[a.status]}. "
                f"Raised: {escape(a.minute_reference)}</span></li>"
            )
        parts.append("</ul>")
    return "".join(parts)
