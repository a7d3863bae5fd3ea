"""Window geometry, toolbar and splitter positions, and the last page, saved by key in the
settings file (Anki's saveGeom pattern), so the app reopens as the user left it."""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget


def _decode(text: str) -> QByteArray:
    return QByteArray(base64.b64decode(text))


def _encode(data: QByteArray) -> str:
    return base64.b64encode(data.data()).decode()


def restore_window(window: QMainWindow, state: dict[str, str]) -> str | None:
    """Restore geometry and splitters; returns the key of the page the user was last on."""
    if geometry := state.get("main/geometry"):
        window.restoreGeometry(_decode(geometry))
    if saved := state.get("main/state"):
        window.restoreState(_decode(saved))
    restore_splitters(window, state)
    return state.get("main/page")


def restore_splitters(widget: QWidget, state: dict[str, str]) -> None:
    """Splitters are saved by object name; pages built later call this for their own."""
    for splitter in widget.findChildren(QSplitter):
        if saved := state.get(f"splitter/{splitter.objectName()}"):
            splitter.restoreState(_decode(saved))


def save_window(window: QMainWindow, state: dict[str, str], page_key: str) -> None:
    state["main/geometry"] = _encode(window.saveGeometry())
    state["main/state"] = _encode(window.saveState())
    for splitter in window.findChildren(QSplitter):
        if splitter.objectName():
            state[f"splitter/{splitter.objectName()}"] = _encode(splitter.saveState())
    state["main/page"] = page_key
