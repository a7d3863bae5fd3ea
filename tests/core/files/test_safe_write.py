"""Writing a file whole or not at all (commissioner_desk/files/safe_write.py): the target
appears only checked and complete; any failure leaves no temporary file and the old target as
it was, and says what went wrong in words naming the target."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from pathlib import Path

import pytest

from commissioner_desk.files import safe_write
from commissioner_desk.files.safe_write import WriteError, check_target, write_bytes, writing
from commissioner_desk.files.words import describe

from .mounts import files_in, full_disk, read_only_disk


def test_a_file_is_written_through_a_temporary_file_that_goes(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("old")
    with writing(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".notes.txt.")
        assert files_in(tmp_path) == sorted([tmp.name, "notes.txt"])
        tmp.write_text("new")
        assert target.read_text() == "old"  # not yet
    assert target.read_text() == "new"
    assert files_in(tmp_path) == ["notes.txt"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"%PDF-1.4 old %%EOF")
    with pytest.raises(ValueError, match="boom"), writing(target) as tmp:
        tmp.write_bytes(b"%PDF-1.4 half")
        raise ValueError("boom")
    assert target.read_bytes() == b"%PDF-1.4 old %%EOF"
    assert files_in(tmp_path) == ["pack.pdf"]


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("pack.pdf", b"%PDF-1.4\n1 0 obj", "cut short"),
        ("pack.pdf", b"", "empty"),
        ("log.xlsx", b"PK\x03\x04 not really", "not a whole Office file"),
        ("map.png", b"\x89PNG\r\n\x1a\n\x00\x00", "cut short"),
        ("map.svg", b"<svg><path d='M0 0'/>", "cut short"),
        ("backup.sqlite3", b"SQLite format 3\x00" + bytes(100), "database"),
        ("chase.csv", b"", "empty"),
    ],
)
def test_a_file_that_does_not_open_as_its_format_is_not_saved(tmp_path, name, content, why):
    target = tmp_path / name
    with pytest.raises(WriteError) as err, writing(target) as tmp:
        tmp.write_bytes(content)
    assert why in str(err.value) and f"{name} did not come out whole" in str(err.value)
    assert err.value.filename == str(target)  # never the temporary file's name
    assert files_in(tmp_path) == []


def test_the_formats_written_by_their_own_libraries_pass(tmp_path):
    import sqlite3

    from openpyxl import Workbook

    with writing(tmp_path / "t.xlsx") as tmp:
        Workbook().save(tmp)
    with writing(tmp_path / "t.sqlite3") as tmp:
        con = sqlite3.connect(tmp)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    assert files_in(tmp_path) == ["t.sqlite3", "t.xlsx"]


def test_a_folder_a_missing_folder_and_a_device_are_refused_before_writing(tmp_path):
    with pytest.raises(WriteError) as err:
        check_target(tmp_path)
    assert err.value.errno == errno.EISDIR and "is a folder, not a file" in str(err.value)
    with pytest.raises(WriteError) as err:
        check_target(tmp_path / "gone" / "x.pdf")
    assert f"The folder {tmp_path / 'gone'} does not exist" in str(err.value)
    with pytest.raises(WriteError) as err:
        check_target(os.devnull)
    assert "is a device, not an ordinary file" in str(err.value)
    (tmp_path / "file").write_text("x")
    with pytest.raises(WriteError) as err:
        check_target(tmp_path / "file" / "x.pdf")
    assert "is a file, not a folder" in str(err.value)


def test_dev_full_ends_at_once_with_words(tmp_path):
    with pytest.raises(WriteError, match="/dev/full is a device"):
        write_bytes("/dev/full", bytes(10_000_000))


def test_a_fifo_nobody_reads_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "sink"
    os.mkfifo(fifo)
    done: list[BaseException] = []

    def write() -> None:
        try:
            write_bytes(fifo, b"x" * 100)
        except WriteError as exc:
            done.append(exc)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "writing to a FIFO with no reader hung"
    assert "is a pipe (FIFO), not an ordinary file" in str(done[0])


def test_a_link_is_followed_to_its_file(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    (tmp_path / "link.txt").symlink_to(real)
    write_bytes(tmp_path / "link.txt", b"new")
    assert real.read_text() == "new" and (tmp_path / "link.txt").is_symlink()


def test_a_path_too_long_for_windows_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_write, "WINDOWS", True)
    target = tmp_path / ("x" * 250) / "pack.pdf"
    with pytest.raises(WriteError) as err:
        check_target(target)
    assert "is too long" in str(err.value) and "for Windows, Word and Excel" in str(err.value)


def test_the_new_file_gets_the_old_files_permissions(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_text("a")
    target.chmod(0o640)
    write_bytes(target, b"b")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_full_disk_says_so_and_leaves_nothing(tmp_path):
    with full_disk(tmp_path / "usb") as disk:
        target = disk / "backup.sqlite3"
        with pytest.raises(WriteError) as err:
            write_bytes(target, bytes(200_000))
        assert err.value.errno == errno.ENOSPC
        assert f"There is no room left on the disk to write {target}" in str(err.value)
        assert files_in(disk) == ["filler.bin"]


def _write_quietly(path: Path, data: bytes) -> None:
    with contextlib.suppress(OSError), path.open("wb") as f:  # swallowed, as Qt does
        f.write(data)
        f.flush()


def test_a_writer_that_gives_up_silently_on_a_full_disk_is_caught(tmp_path):
    """As Qt's writers do: they stop writing and say nothing."""
    with full_disk(tmp_path / "usb") as disk:
        with pytest.raises(WriteError) as err, writing(disk / "map.png") as tmp:
            _write_quietly(tmp, b"\x89PNG\r\n\x1a\n" + bytes(100_000))
        assert "There is no room left on the disk" in str(err.value)
        assert files_in(disk) == ["filler.bin"]


def test_a_read_only_disk_says_so(tmp_path):
    with read_only_disk(tmp_path / "cd") as disk:
        with pytest.raises(WriteError) as err:
            write_bytes(disk / "minutes.docx", b"PK")
        assert err.value.errno == errno.EROFS
        assert f"{disk} is on a read-only disk" in str(err.value)


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (WriteError(errno.EACCES, "denied", "C:/x/log.xlsx", winerror=32), "open in another"),
        (WriteError(errno.EACCES, "denied", "C:/x/log.xlsx"), "open in another program"),
        (WriteError(errno.EACCES, "denied", "C:/x/log.xlsx", at_folder=True), "You may not save"),
        (WriteError(errno.EACCES, "denied", "E:/log.xlsx", winerror=19), "read-only disk"),
        (WriteError(errno.ENOENT, "not found", "C:/x/log.xlsx", winerror=206), "too long"),
        (WriteError(errno.EFBIG, "too big", "E:/backup.sqlite3"), "too large for the disk"),
        (WriteError(errno.EIO, "I/O error", "E:/backup.sqlite3"), "(I/O error)"),
        (PermissionError(errno.EACCES, "denied", "C:/x/kent.xlsx"), "open in another program"),
        (FileNotFoundError(errno.ENOENT, "gone", "C:/x/kent.xlsx"), "does not exist"),
        (OSError(errno.ENOSPC, "full", "E:/a.pdf"), "no room left on the disk to write E:/a.pdf"),
    ],
)
def test_each_operating_system_error_has_its_words(exc, words):
    assert words in describe(exc)
    assert "Errno" not in describe(exc) and "Traceback" not in describe(exc)


def test_words_name_the_file_asked_for(tmp_path):
    exc = WriteError(errno.ENOSPC, "No space", tmp_path / "pack.pdf")
    assert str(exc) == describe(exc) and str(tmp_path / "pack.pdf") in str(exc)
    assert isinstance(exc, OSError)  # callers that catch OSError still catch it
    assert Path(exc.filename).name == "pack.pdf"


def test_a_read_only_folder_is_found_before_any_work(tmp_path):
    with read_only_disk(tmp_path / "cd") as disk:
        with pytest.raises(WriteError) as err:
            check_target(disk / "pack.pdf")
        assert "is on a read-only disk" in str(err.value)
    assert check_target(tmp_path / "pack.pdf") == tmp_path / "pack.pdf"
    assert files_in(tmp_path) == ["cd"]  # the probe left nothing
