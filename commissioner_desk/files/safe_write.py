"""Write a file whole or not at all, and never say it was written when it was not.

Every file the app writes goes through `writing`: the writer fills a temporary file in the
target's folder (so the rename below stays on one disk), which is flushed to the disk, checked
(not empty, and it opens as its format: checks.py), and only then renamed over the target. A
full disk, a pulled USB stick or a writer that gives up leaves the old file as it was and no
part-file under the target's name; the temporary file is removed.

Targets that are not ordinary files (a folder, /dev/full, a FIFO nobody reads) are refused
before anything is written, so an endless sink can never swallow output or hang the app.
Every OSError leaves as a WriteError naming the target, whose str() is the words for a user.

    with writing(out) as tmp:          # the check follows out's extension
        workbook.save(tmp)
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import secrets
import shutil
import stat
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import checks
from .checks import Check, Incomplete
from .words import WriteError

WINDOWS = os.name == "nt"
# Windows' MAX_PATH less the final NUL: Word, Excel and many tools cannot open a longer path
# even where Windows could write it.
WINDOWS_MAX_PATH = 259
LOW_SPACE = 1 << 20  # bytes: below this, a writer that gave up most likely ran out of room
_KINDS = (
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a disk device"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _error(exc: OSError, target: Path, *, at_folder: bool = False) -> WriteError:
    if isinstance(exc, WriteError):
        return exc
    return WriteError(
        exc.errno,
        exc.strerror or str(exc),
        target,
        at_folder=at_folder,
        winerror=getattr(exc, "winerror", None),
    )


def check_target(path: str | Path) -> Path:
    """`path` as an absolute path that may be written, before any work is done: WriteError if
    its folder is missing or takes no new file (read-only, not yours), it is a folder, it is
    not an ordinary file, or (on Windows) it is too long. A link to a file is followed, so the
    file itself is replaced, not the link."""
    target = _target(path)
    _temp_beside(target).unlink()  # only trying tells: Windows' permissions, a locked stick
    return target


def _target(path: str | Path) -> Path:
    target = Path(os.path.abspath(path))  # not resolve(): a mapped drive would become UNC
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if WINDOWS and len(str(target)) > WINDOWS_MAX_PATH:
        raise WriteError(errno.ENAMETOOLONG, "File name too long", target)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _error(exc, target) from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise WriteError(errno.EISDIR, "Is a directory", target)
    if mode is not None and not stat.S_ISREG(mode):
        kind = next((k for test, k in _KINDS if test(mode)), "not a file")
        raise WriteError(
            None,
            "Not a regular file",
            target,
            reason=f"{target} is {kind}, not an ordinary file, so nothing was written to it. "
            "Choose a file name in a folder.",
        )
    folder = target.parent
    if not folder.is_dir():
        code = errno.ENOTDIR if folder.exists() else errno.ENOENT
        raise WriteError(code, os.strerror(code), target)
    return target


def temp_glob(name_pattern: str) -> str:
    """The glob for temporary files of targets named like `name_pattern` ("daily-*.sqlite3"),
    to clear those a crash left behind."""
    return f".{name_pattern}.*.part"


def _temp_beside(target: Path) -> Path:
    """A new, empty file in the target's folder, hidden on Linux, with the permissions a new
    file gets there (or the old file's)."""
    stem = target.name[:80]  # a long name plus the suffix must still fit the folder's limit
    tmp = target.with_name(f".{stem}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o666)
        os.close(fd)
        with contextlib.suppress(OSError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
    except FileNotFoundError as exc:  # the folder went between the check and now
        raise _error(exc, target) from exc
    except OSError as exc:
        raise _error(exc, target, at_folder=True) from exc
    return tmp


def _sync(path: Path) -> None:
    """What the writer wrote, on the disk: a full disk can show up only here."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """The rename, on the disk too (Linux); Windows has no handle on a folder for this."""
    if WINDOWS:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _incomplete(target: Path, why: str) -> WriteError:
    """A file that did not come out whole: Qt's writers say nothing when the disk fills up,
    so little room left is taken as the cause."""
    with contextlib.suppress(OSError):
        if shutil.disk_usage(target.parent).free < LOW_SPACE:
            return WriteError(errno.ENOSPC, os.strerror(errno.ENOSPC), target)
    return WriteError(
        None,
        why,
        target,
        reason=f"{target.name} did not come out whole ({why}), so it was not saved; any "
        "earlier copy of it is as it was. Try again; if it happens again, save it to another "
        "folder or disk.",
    )


def _let_go(exc: BaseException | None) -> None:
    """A library that failed mid-write (openpyxl's and python-docx's zip on a full disk) still
    holds the temporary file open, from objects its traceback keeps alive; when they close at
    exit they fail again and Python prints a traceback nobody can act on. Close them now, with
    any error of theirs about that file ignored: the failure is already being reported."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda u: None if isinstance(u.exc_value, OSError) else hook(u)
    try:
        seen: set[int] = set()
        while exc is not None and id(exc) not in seen:  # the error and what it was raised from
            seen.add(id(exc))
            traceback.clear_frames(exc.__traceback__)
            exc = exc.__cause__ or exc.__context__
        gc.collect()
    finally:
        sys.unraisablehook = hook


@contextmanager
def writing(path: str | Path, check: Check | None = None) -> Iterator[Path]:
    """Yield a temporary path to write instead of `path`; when the block ends without error,
    sync it, check it (`check`, else by `path`'s extension) and rename it over `path`.

    Raises WriteError (words for a user, naming `path`) for any failure of the file system or
    the check; any other error from the block passes through. Either way the temporary file is
    removed and an existing `path` is left untouched."""
    target = _target(path)
    tmp = _temp_beside(target)
    try:
        try:
            yield tmp
            _sync(tmp)
            (check or checks.for_name(target))(tmp)
            os.replace(tmp, target)
        except Incomplete as exc:
            raise _incomplete(target, str(exc)) from exc
        except WriteError:
            raise
        except OSError as exc:
            if exc.errno is None:  # a writer's own "could not write": the disk may be full
                raise _incomplete(target, str(exc)) from exc
            raise _error(exc, target) from exc
    except BaseException as exc:
        _let_go(exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(target.parent)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """`data` to `path`, whole or not at all; the path written."""

    def same_size(tmp: Path) -> None:
        if tmp.stat().st_size != len(data):
            raise Incomplete("it is shorter than what was to be written")

    target = _target(path)
    with writing(target, check=same_size) as tmp:
        tmp.write_bytes(data)
    return target


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def qt_wrote(ok: bool, what: str) -> None:
    """Qt's writers return False instead of raising: raise for them, inside `writing`."""
    if not ok:
        raise OSError(f"the program could not write the {what}")
