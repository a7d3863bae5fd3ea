"""What every part of the Meetings page does around a save: refusals shown in words, conflicts
handed to the shared conflict dialog, banners and column widths. (The other pages are told of a
change, and the status bar is written, through the editor's signals: see editor.py.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.errors import NetworkError

from ... import messages

T = TypeVar("T")
V = TypeVar("V")

# Banner colours: green/red with words, never colour alone.
GOOD = "background:#e3f4e1; border:1px solid #5aa55a; color:#1d4d1d;"
BAD = "background:#fde4e1; border:1px solid #c8553d; color:#6b1a0c;"
NEUTRAL = "background:#eef1f6; border:1px solid #b7c0d0; color:#1f2a44;"
NOTICE = "background:#fff3bf; border:1px solid #e0b400; color:#3d3200;"


def today() -> date:
    """The day the core is told it is (a function, so tests can fix it)."""
    return date.today()


class Conflicted(Exception):
    """The save was refused because someone else saved first; the user has been told."""


def attempt(parent: QWidget, title: str, fn: Callable[[], T], my_text: str = "") -> T | None:
    """Run one change; None when it was refused (the user has been shown why).

    A conflict goes to the shared conflict dialog, which offers to reload or keep a copy of
    `my_text`; either way the caller reloads, so nothing of theirs is overwritten."""
    try:
        return fn()
    except EditConflict as exc:
        resolve(parent, exc, my_text)
        return None
    except Exception as exc:  # shown to the user in words, nothing saved
        messages.show_error(parent, title, exc)
        return None


def resolve(parent: QWidget, exc: EditConflict, my_text: str) -> str:
    from ui.conflict_dialog import resolve_conflict  # built alongside this page

    return resolve_conflict(parent, exc, my_text)


def until_saved(
    ask: Callable[[V | None, str], V | None], save: Callable[[V], T], title: str, parent: QWidget
) -> T | None:
    """Ask, save; when the rules refuse what was typed, ask again with the reason shown, so
    nothing typed is lost. None when the user cancels."""
    values: V | None = None
    error = ""
    while True:
        values = ask(values, error)
        if values is None:
            return None
        try:
            return save(values)
        except NetworkError as exc:
            error = str(exc)
        except EditConflict as exc:
            resolve(parent, exc, "")
            return None
        except Exception as exc:
            messages.show_error(parent, title, exc)
            return None


def confirm(parent: QWidget, title: str, text: str, yes: str = "OK") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def banner(style: str = NEUTRAL) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    set_banner(label, style)
    return label


def set_banner(label: QLabel, style: str, text: str | None = None) -> None:
    label.setStyleSheet(f"QLabel {{ {style} border-radius:4px; padding:6px 10px; }}")
    if text is not None:
        label.setText(text)


def fit_columns(view, stretch: int, cap_chars: int = 28, wrap: bool = True) -> None:
    """Columns sized to their contents but none wider than about `cap_chars` characters, and
    the long-text column `stretch` taking the rest (its text wrapped onto more lines), so every
    column shows on a laptop screen and long decisions and actions can be read whole."""
    from PySide6.QtWidgets import QHeaderView

    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    view.resizeColumnsToContents()
    cap = view.fontMetrics().averageCharWidth() * cap_chars
    for column in range(header.count()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, min(header.sectionSize(column), cap))
    if wrap:
        view.setWordWrap(True)
        if not view.property("rowsFollowWidth"):  # connect once: rows re-fit on resizing
            view.setProperty("rowsFollowWidth", True)
            header.sectionResized.connect(lambda *_: view.resizeRowsToContents())
        view.resizeRowsToContents()
