"""The Actions page: the action log (list, filters, detail), its dialogs and its export."""

from .page import ActionsPage

__all__ = ["ActionsPage"]
