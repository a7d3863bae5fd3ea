"""Errors worded for the people who use the app, with the technical detail one click away."""

from __future__ import annotations

import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from commissioner_desk.workspace import Workspace


def _is_user_facing(exc: BaseException) -> bool:
    # Core errors (DatabaseError, DemoError, UnknownForceError…) carry sentences meant for users.
    return type(exc).__module__.startswith("commissioner_desk") or isinstance(exc, OSError)


def error_text(exc: BaseException) -> str:
    from commissioner_desk.db.failures import plain_words

    # Disk full, read-only, a file Excel holds, busy, damaged: what to do about it.
    if words := plain_words(exc):
        return words
    if isinstance(exc, OSError):
        from commissioner_desk.files.words import describe

        return describe(exc)
    if _is_user_facing(exc):
        return str(exc)
    return (
        "Something went wrong that the app did not expect. Nothing was saved from this step. "
        f"If it happens again, send the details below to the team.\n\n{type(exc).__name__}: {exc}"
    )


def database_error_text(ws: Workspace, exc: BaseException) -> str:
    from commissioner_desk.db.database import describe_connect_error
    from commissioner_desk.db.failures import plain_words
    from commissioner_desk.settings import display_url

    reason = (
        error_text(exc) if _is_user_facing(exc) or plain_words(exc) else describe_connect_error(exc)
    )
    return (
        f"The database could not be opened.\n\n{reason}\n\n"
        f"Database: {display_url(ws.database_url)}\n"
        "Start the app with --database to choose another one."
    )


# Set to a list by `self-test` (and tests): problems are collected instead of shown in modal
# boxes that nobody offscreen could close.
collected: list[str] | None = None


def show_warning(parent: QWidget, title: str, text: str) -> None:
    if collected is not None:
        collected.append(f"warning: {text}")
        return
    QMessageBox.warning(parent, title, text)


def show_error(parent: QWidget, title: str, exc: BaseException, text: str | None = None) -> None:
    """A warning box: `text` (or the error's own words) with the traceback under Details."""
    text = text or error_text(exc)
    if collected is not None:
        collected.append(f"{title}: {text}")
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(text)
    if not isinstance(exc, OSError):  # a file's fault is said in full: no traceback to add
        detail = getattr(exc, "__traceback_text__", None) or "".join(
            traceback.format_exception(type(exc), exc, exc.__traceback__)
        )
        box.setDetailedText(detail)
    box.exec()


def install_excepthook() -> None:
    """An error nobody caught (in a slot, a page being built) is shown to the user, or collected
    by self-test, rather than only printed to a console a windowed app does not have."""
    import sys

    def hook(kind, exc, tb) -> None:
        sys.__excepthook__(kind, exc, tb)
        if not isinstance(exc, Exception):
            return  # KeyboardInterrupt and the like end the app as usual
        from PySide6.QtWidgets import QApplication

        show_error(QApplication.activeWindow(), "Something went wrong", exc)

    sys.excepthook = hook
