"""The bytes of a file to import: only an ordinary file, of a size the app can hold.

A named pipe or a device looks like a file by its name (and a link to one even more so), but
reading it waits for ever or never ends. So what a path is gets said before it is opened, and
checked again on the open file, which is opened without waiting: a pipe put in its place in
between is refused too. The whole file is held in memory (it is hashed and read from one copy),
so its size is checked before it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import WorkbookError

MB = 1 << 20
# A return is tens of kilobytes and a published table a few megabytes; a CSV of the most cells
# the app reads (2,000,000) is about 20 MB. Held twice at most (here and in the reader process).
MAX_FILE_BYTES = 100 * MB
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def refusal(path: Path) -> str | None:
    """Why `path` cannot be read, in words naming it (missing, a folder, a pipe, a device, a
    link to one); None when it is an ordinary file. Quick: nothing is opened."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode  # follows links: what would be read
    except FileNotFoundError:
        if os.path.islink(path):
            return f"{path.name} is a link to a file that no longer exists ({os.readlink(path)})."
        return _missing(path)
    except OSError as exc:
        return _unreadable(path.name, exc)
    if (kind := _kind(mode)) is None:
        return None
    if kind != "a folder" and os.path.islink(path):
        kind = f"a link to {kind}"
    return _not_a_file(path.name, kind)


def read_file_bytes(path: Path) -> bytes:
    """The file's bytes, or a WorkbookError saying why they cannot be read."""
    path = Path(path)
    if (why := refusal(path)) is not None:
        raise WorkbookError(why)
    try:
        # Without waiting: a pipe swapped in since the check above opens at once, and is
        # refused below, rather than waiting for a writer that never comes.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with open(os.open(path, flags), "rb") as file:
            info = os.fstat(file.fileno())
            if (kind := _kind(info.st_mode)) is not None:
                raise WorkbookError(_not_a_file(path.name, kind))
            if info.st_size > MAX_FILE_BYTES:
                raise too_big(path.name, info.st_size)
            data = file.read(info.st_size)  # no more: a buffer for more is allocated whole
            if file.read(1):
                raise WorkbookError(
                    f"{path.name} is still being written: it grew while the app read it. Wait "
                    "until it has finished saving or copying, then import it."
                )
    except FileNotFoundError:
        raise WorkbookError(_missing(path)) from None
    except OSError as exc:
        raise WorkbookError(_unreadable(path.name, exc)) from None
    return data


def too_big(name: str, size: int) -> WorkbookError:
    return WorkbookError(
        f"{name} is too large to import ({size / MB:,.0f} MB): the app reads files of up to "
        f"{MAX_FILE_BYTES // MB} MB. A return or a published table is far smaller: copy the "
        "table of figures into a new workbook and import that."
    )


def _kind(mode: int) -> str | None:
    return next((kind for test, kind in _KINDS if test(mode)), None)


def _not_a_file(name: str, kind: str) -> str:
    if kind == "a folder":
        return f"{name} is a folder, not a spreadsheet file: choose the files inside it."
    return f"{name} is {kind}, not a spreadsheet file: the app reads only files saved on a disk."


def _missing(path: Path) -> str:
    return (
        f"{path.name} was not found in {path.parent}. It may have been moved, renamed or deleted."
    )


def _unreadable(name: str, exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return _not_a_file(name, "a folder")
    if isinstance(exc, PermissionError):
        # On Windows, Excel locks the files it has open; elsewhere this is a permissions issue.
        return (
            f"{name} cannot be read: it is open in another program, perhaps Excel. "
            "Close it and try again. If it is not open, check you have permission to read it."
        )
    return f"{name} cannot be read: {exc.strerror or exc}."
