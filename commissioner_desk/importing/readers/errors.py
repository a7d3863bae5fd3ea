"""The error every reader raises for a file it cannot read (its own module, so the checks that
run before calamine can raise it without importing the reader)."""

from __future__ import annotations


class WorkbookError(ValueError):
    """A file that cannot be read as a spreadsheet; the message names the file."""
