"""The one place that turns an operating system's error about a file into words.

Windows, Linux and Python report a full disk, a read-only USB stick, a file Excel holds open or
a missing folder as numbered errors; a user needs to hear what happened to *their* file and
what to do next. `describe` says it for any OSError; a `WriteError` (raised by safe_write for
every file the app writes) also knows it was a write and which file it was meant to be, so the
words never name a temporary file.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

# Windows error codes Python leaves in `winerror`, which say more than the errno they map to.
_SHARING_VIOLATION = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: Excel has it
_WRITE_PROTECT = 19  # ERROR_WRITE_PROTECT: a locked SD card or USB stick
_PATH_TOO_LONG = 206  # ERROR_FILENAME_EXCED_RANGE
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}

TRY_AGAIN = "Any earlier copy of it is as it was."


class WriteError(OSError):
    """Writing `filename` (the file asked for, never the temporary one) failed.

    `errno`, `strerror` and `winerror` are the operating system's; `reason` explains a failure
    that has no number (not an ordinary file, a file that did not come out whole); `at_folder`
    is True when the folder refused the new file, before the old one was touched. str() is the
    words for a user.
    """

    def __init__(
        self,
        code: int | None,
        strerror: str,
        filename: str | Path,
        *,
        reason: str = "",
        at_folder: bool = False,
        winerror: int | None = None,
    ) -> None:
        super().__init__(code, strerror, str(filename))
        self.reason = reason
        self.at_folder = at_folder
        self.windows_code = winerror  # OSError.winerror is read-only off Windows

    def __str__(self) -> str:
        return describe(self)


def _winerror(exc: OSError) -> int | None:
    return getattr(exc, "windows_code", None) or getattr(exc, "winerror", None)


def describe(exc: OSError) -> str:
    """What went wrong with the file in `exc`, and what to do about it, in one paragraph."""
    if isinstance(exc, WriteError):
        return _write_words(exc)
    name = Path(exc.filename).name if exc.filename else "The file"
    code, win = exc.errno, _winerror(exc)
    if win in _SHARING_VIOLATION or isinstance(exc, PermissionError):
        return (
            f"{name} could not be opened: it may be open in another program, such as Excel. "
            "Close it there and try again. If it is not open, check that you may use that "
            "folder."
        )
    if code in _FULL and exc.filename:  # only a write runs out of room
        return _write_words(WriteError(code, exc.strerror, exc.filename))
    if code == errno.ENOENT and exc.filename:
        return f"{exc.filename} does not exist."
    if code == errno.EROFS:
        return f"{name} is on a read-only disk, so it cannot be changed."
    if code is None:
        return exc.strerror or str(exc.args[0] if exc.args else type(exc).__name__)
    return f"{name}: {exc.strerror or os.strerror(code)}."


def _write_words(exc: WriteError) -> str:
    path = Path(exc.filename)
    name, folder = path.name, path.parent
    code, win = exc.errno, _winerror(exc)
    if exc.reason:
        return exc.reason
    if code in _FULL:
        return (
            f"There is no room left on the disk to write {path}, so it was not written. "
            f"{TRY_AGAIN} Free some space on that disk (empty the Recycle Bin, move or delete "
            "large files you no longer need), or save it to another disk, and try again."
        )
    if win == _PATH_TOO_LONG or code == errno.ENAMETOOLONG:
        return (
            f"The name {path} is too long ({len(str(path))} characters) for Windows, Word and "
            "Excel, so it was not written. Choose a shorter name, or a folder nearer the top "
            "of the drive."
        )
    if win == _WRITE_PROTECT or code == errno.EROFS:
        return (
            f"{folder} is on a read-only disk (a locked USB stick or SD card, a CD, or a shared "
            f"drive you may only read), so {name} could not be written there. Save it "
            "somewhere else."
        )
    denied = code in (errno.EACCES, errno.EPERM)  # a subclass is never a PermissionError
    if win in _SHARING_VIOLATION or (denied and not exc.at_folder):
        return (
            f"{name} could not be replaced: it is open in another program, such as Excel or "
            "Word, or it is marked read-only. Close it there and try again, or save under "
            f"another name. {TRY_AGAIN}"
        )
    if denied:
        return (
            f"You may not save files in {folder}: the folder is read-only or belongs to "
            f"someone else, so {name} was not written. Choose another folder, such as your "
            "Documents."
        )
    if code == errno.EISDIR:
        return f"{path} is a folder, not a file, so nothing was written. Choose a name inside it."
    if code == errno.ENOENT:
        return (
            f"The folder {folder} does not exist (is the drive connected, or was the folder "
            f"moved or renamed?), so {name} was not written. Choose another folder."
        )
    if code == errno.ENOTDIR:
        return (
            f"Part of the folder {folder} is a file, not a folder, so {name} was not written. "
            "Choose another folder."
        )
    if code == errno.EFBIG:
        return (
            f"{name} is too large for the disk it was being saved to (a USB stick formatted "
            f"as FAT32 takes files of at most 4 GB), so it was not written. {TRY_AGAIN} Save "
            "it to another disk."
        )
    why = exc.strerror or (os.strerror(code) if code else "the system gave no reason")
    return f"{name} could not be written ({why}). {TRY_AGAIN}"
