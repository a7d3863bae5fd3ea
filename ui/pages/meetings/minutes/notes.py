"""What the Minutes tab says around the text: the banner for the minutes' status, the errata,
the question about unsaved minutes, and the rescue of text that can no longer be saved."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from commissioner_desk.domain.enums import MinutesStatus
from commissioner_desk.formatting import uk_date
from commissioner_desk.network.labels import meeting_label

from .... import messages
from .. import ops

if TYPE_CHECKING:
    from commissioner_desk.network.meeting_detail import MeetingDetail


def ask_unsaved(parent: QWidget, items: list[str]) -> str:
    """ "save", "discard" or "cancel" for minutes typed but not saved."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved minutes")
    box.setText("The minutes of " + ", ".join(items) + " have changes that are not saved.")
    box.setInformativeText("Save them now?")
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    answer = box.exec()
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


def notice(d: MeetingDetail) -> tuple[str, str]:
    """(banner style, text) for the minutes' status."""
    if d.takes_errata:
        at = d.approved_at
        where = (
            f" at {escape(meeting_label(at.title, at.starts_at))} on {uk_date(at.starts_at.date())}"
            if at
            else ""
        )
        return ops.NOTICE, (
            f"<b>Approved minutes: read-only.</b> These minutes were approved{where}. They are "
            "never edited now: a correction is recorded as a dated erratum, which is printed "
            "with the minutes."
        )
    if d.minutes_status is MinutesStatus.CIRCULATED:
        return ops.NEUTRAL, (
            "Circulated to members. The minutes can still be corrected here until they are "
            "approved at a later meeting."
        )
    return ops.NEUTRAL, (
        "Draft minutes. Write the minutes of each item; Ctrl+S saves. Bold (Ctrl+B), italic "
        "(Ctrl+I) and bulleted lists are kept in the PDF and Word exports."
    )


def errata_html(d: MeetingDetail) -> str:
    if not d.errata:
        return "<b>Errata</b>: none." if d.takes_errata else ""
    lines = "".join(
        f"<li>{uk_date(e.made_on)}, {escape(e.made_by)}"
        + (f", item {e.agenda_position}" if e.agenda_position else "")
        + f": {escape(e.text)}</li>"
        for e in d.errata
    )
    return f"<b>Errata</b> (oldest first)<ul>{lines}</ul>"


def rescue(parent: QWidget, d: MeetingDetail, texts: list[str]) -> None:
    """Someone approved the minutes while this user was typing: their text can no longer be
    saved, so it goes to the clipboard rather than vanishing."""
    QApplication.clipboard().setText("\n\n".join(texts))
    messages.show_warning(
        parent,
        "Minutes not saved",
        f"The minutes of {meeting_label(d.title, d.starts_at)} were approved by someone else, "
        "so your unsaved changes cannot be saved. Your text has been copied to the clipboard: "
        "add what is needed as an erratum.",
    )
