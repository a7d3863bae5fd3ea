"""The Meetings page: a network's meetings listed by series, and the editor of one meeting
(details, attendance, agenda, decisions, actions raised, minutes), with their dialogs.
minutes/ holds the minutes: the editor, its format bar, notes, and the printed and exported
minutes."""

from .page import MeetingsPage

__all__ = ["MeetingsPage"]
