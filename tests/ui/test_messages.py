"""Errors worded for users: a file locked by Excel, a core error, an unexpected one."""

from __future__ import annotations

from ui.messages import error_text


def test_a_file_open_in_excel_is_named_and_explained():
    exc = PermissionError(13, "Permission denied", r"C:\Users\ann\Kent return.xlsx")
    text = error_text(exc)
    assert "Kent return.xlsx" in text and "Excel" in text and "Errno" not in text


def test_unexpected_errors_say_nothing_was_saved():
    text = error_text(KeyError("x"))
    assert "Nothing was saved" in text and "KeyError" in text
