"""Reading a file can never take the app down (issue 16): each file is read in a reader process,
so a reader that crashes, hangs or allocates without end costs that file, reported in words
naming it, and the other files of the batch are read. Cancel and the time limit end the
reader process; one reader process serves file after file.

The faults are arranged by fake_readers.py, in the reader process itself; the real files that
crash calamine are read there by calamine alone, as the checks before it would refuse them.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import sys
import time

import pytest

from commissioner_desk.importing import WorkbookError, plan
from commissioner_desk.importing.many import plan_files
from commissioner_desk.importing.readers import memory_cap, reader_process, source_file
from commissioner_desk.progress import NO_PROGRESS, Cancelled

from ..cli_run import _cli, ready_dir  # noqa: F401 (a fixture)
from . import corpus as c
from . import fake_readers
from .conftest import TODAY
from .faults import run_child

STOPPED = "could not be read: the spreadsheet reader stopped part-way through it"
MEMORY = "could not be read: reading it needed more memory than the app gives one file (1 GB)"
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the memory cap is RLIMIT_AS")


@pytest.fixture(autouse=True)
def fake_reader(monkeypatch):
    monkeypatch.setattr(reader_process, "READER", fake_readers.faulty)
    yield
    reader_process.stop_readers()  # no reader left from a fake for the tests after


def _messages(plan) -> list[str]:
    return [p.message for p in plan.errors]


def _parse(path):
    return reader_process.parse(path, path.read_bytes(), NO_PROGRESS)


def _pid(folder, name: str = "pid.xlsx") -> int:
    return _parse(c.good_xlsx(folder / name)).sheets[0].rows[0][0]


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_crash_an_exception_and_runaway_memory_cost_one_file_each(tmp_path, resolver):
    names = ["kent.xlsx", "crash.xlsx", "essex.xlsx", "explode.xlsx", "allocate.xlsx", "end.xlsx"]
    paths = [c.good_xlsx(tmp_path / name) for name in names]
    start = time.monotonic()
    plans = plan_files(paths, resolver=resolver, today=TODAY, time_limit=60)

    assert time.monotonic() - start < 30
    by_name = {p.path.name: p for p in plans}
    for good in ("kent.xlsx", "essex.xlsx", "end.xlsx"):
        assert by_name[good].ok and len(by_name[good].figures) == 2
    assert _messages(by_name["crash.xlsx"]) == [
        f"crash.xlsx {STOPPED}, so the file may be damaged. Open it in Excel and save a new copy, "
        "or ask the sender for it again."
    ]
    assert _messages(by_name["explode.xlsx"]) == [
        "explode.xlsx could not be read: the app met something in it that it was not made for "
        "(KeyError: 'boom'). Open it in Excel and save a new copy; if that does not help, send "
        "the file to whoever looks after the app."
    ]
    if sys.platform == "linux":
        [message] = _messages(by_name["allocate.xlsx"])
        assert message.startswith(f"allocate.xlsx {MEMORY}. A stray entry far below")


def test_a_reader_that_never_finishes_is_stopped_at_the_time_limit(tmp_path, resolver):
    paths = [c.good_xlsx(tmp_path / "hang.xlsx"), c.good_xlsx(tmp_path / "kent.xlsx")]
    start = time.monotonic()
    hung, good = plan_files(paths, resolver=resolver, today=TODAY, time_limit=2)

    assert time.monotonic() - start < 15
    assert _messages(hung)[0].startswith("hang.xlsx took longer than 2 seconds to read")
    assert good.ok
    assert _gone(int((tmp_path / "hang.pid").read_text()))


def test_cancel_ends_the_reader_process_at_once(tmp_path, resolver):
    class CancelSoon:
        def __init__(self) -> None:
            self.asked = 0

        def report(self, done, total, message=""):
            pass

        def cancelled(self) -> bool:
            self.asked += 1
            return (tmp_path / "hang.pid").exists()  # once the reader is stuck

    start = time.monotonic()
    with pytest.raises(Cancelled):
        plan_files([c.good_xlsx(tmp_path / "hang.xlsx")], resolver=resolver, progress=CancelSoon())
    assert time.monotonic() - start < 15
    assert _gone(int((tmp_path / "hang.pid").read_text()))
    assert not reader_process._idle  # nothing kept of it


@linux_only
@pytest.mark.parametrize(
    "build",
    [c.xlsx_understated, c.xlsb_far_corner, c.xls_declaring(0xFFFF_FFFF)],
    ids=[".xlsx understating its size", ".xlsb far corner", ".xls declaring 4 billion rows"],
)
def test_real_files_that_crash_calamine_are_reported_as_out_of_memory(tmp_path, build, capfd):
    path = build(tmp_path)
    path = path.rename(path.with_name(f"calamine {path.name}"))
    with pytest.raises(WorkbookError) as refused:
        _parse(path)
    assert str(refused.value).startswith(f"{path.name} {MEMORY}")
    assert "memory allocation" not in capfd.readouterr().err  # Rust's words kept to the log


def test_one_reader_process_serves_file_after_file(tmp_path, monkeypatch):
    first = _pid(tmp_path)
    assert _pid(tmp_path, "pid again.xlsx") == first
    with pytest.raises(WorkbookError):
        _parse(c.good_xlsx(tmp_path / "crash.xlsx"))
    after_crash = _pid(tmp_path)
    assert after_crash != first and _gone(first)
    monkeypatch.setattr(reader_process, "RETIRE_AT", 0)  # grown too large: replaced
    assert _pid(tmp_path) == after_crash
    assert _pid(tmp_path) != after_crash


def test_files_sent_ahead_are_read_in_turn_and_a_changed_one_again(tmp_path):
    first, second = c.good_xlsx(tmp_path / "kent.xlsx"), c.good_xlsx(tmp_path / "essex.xlsx")
    with reader_process.Reading() as reading:
        reading.ahead(first)
        reading.ahead(second)
        assert reading.parse(first, first.read_bytes(), NO_PROGRESS).path == first
        c.good_xlsx(second, rows=[("Force", "Value"), ("Essex", 8)])  # saved again since
        book = reading.parse(second, second.read_bytes(), NO_PROGRESS)
    assert book.sheets[0].rows == (("Force", "Value"), ("Essex", 8))


def test_a_batch_reads_each_file_from_disk_once(tmp_path, monkeypatch):
    # A file sent ahead is planned from the bytes sent: hashed and read from the one copy.
    paths = [c.good_xlsx(tmp_path / f"{name}.xlsx") for name in ("kent", "essex", "devon")]
    reads: list[str] = []
    real = source_file.read_file_bytes

    def counted(path):
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(plan, "read_file_bytes", counted)
    monkeypatch.setattr(reader_process, "read_file_bytes", counted)
    plans = plan_files(paths, today=TODAY)
    assert sorted(reads) == sorted(p.name for p in paths)
    assert [p.sha256 for p in plans] == [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_a_file_sent_ahead_and_never_asked_for_is_not_left_reading(tmp_path):
    with reader_process.Reading() as reading:
        reading.ahead(c.good_xlsx(tmp_path / "hang.xlsx"))
        pid_file = tmp_path / "hang.pid"
        deadline = time.monotonic() + 30
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    assert _gone(int(pid_file.read_text())) and not reader_process._idle


def test_the_reader_processes_progress_reaches_the_app(tmp_path):
    class Recorder:
        def __init__(self) -> None:
            self.messages: list[str] = []

        def report(self, done, total, message=""):
            self.messages.append(message)

        def cancelled(self) -> bool:
            return False

    recorder = Recorder()
    path = c.good_xlsx(tmp_path / "slow.xlsx")
    book = reader_process.parse(path, path.read_bytes(), recorder)
    assert book.sheets[0].name == "Returns"
    assert recorder.messages[0] == "Halfway through slow.xlsx"  # none in the first moments


def test_the_command_line_reports_each_bad_file_and_imports_the_rest(ready_dir, tmp_path):  # noqa: F811
    names = ["kent.xlsx", "crash.xlsx", "hang.xlsx", "explode.xlsx", "essex.xlsx"]
    paths = [str(c.good_xlsx(tmp_path / name)) for name in names]
    paths.append(str(c.xlsx_understated(tmp_path).rename(tmp_path / "calamine.xlsx")))
    start = time.monotonic()
    cli = ["--data-dir", str(ready_dir), "import", "--dry-run", *paths]
    result = run_child("reader", "3", "--", *cli)

    assert time.monotonic() - start < 60
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "kent.xlsx: would import 2 figures" in out and "essex.xlsx: would import 2" in out
    for name in ("crash", "hang", "explode", "calamine"):
        assert f"{name}.xlsx: not imported, 1 error(s)" in out
    assert f"crash.xlsx {STOPPED}" in out
    assert "hang.xlsx took longer than 3 seconds to read" in out
    if sys.platform == "linux":
        assert f"calamine.xlsx {MEMORY}" in out
    assert "Traceback" not in result.stderr and "memory allocation" not in result.stderr


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (c.xlsx_understated, "is too large to import"),
        (c.xlsb_far_corner, "is too large to import"),
        (c.xls_far_corner, "is too large to import"),
        (c.xls_declaring(0xFFFF_FFFF), "is damaged and cannot be read"),
    ],
    ids=[".xlsx understating its size", ".xlsb far corner", ".xls far corner", ".xls declaring"],
)
def test_files_that_crashed_calamine_are_refused_on_the_command_line(ready_dir, build, words):  # noqa: F811
    path = build(ready_dir.parent)
    result = _cli(ready_dir, "import", "--dry-run", str(path), timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"{path.name}: not imported, 1 error(s)" in result.stdout
    assert f"error: {path.name} {words}" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(ctypes.sizeof(ctypes.c_void_p) != 8, reason="the layout of 64-bit Windows")
def test_the_windows_memory_limit_is_laid_out_as_windows_reads_it():
    # JOBOBJECT_EXTENDED_LIMIT_INFORMATION, checked where the tests run (Windows is not in CI):
    # a field out of place would set some other limit, or none.
    assert ctypes.sizeof(memory_cap._Extended) == 144
    assert memory_cap._Basic.LimitFlags.offset == 16
    assert memory_cap._Extended.ProcessMemoryLimit.offset == 112


@linux_only
def test_a_file_the_checks_miss_is_stopped_by_the_memory_cap(tmp_path, resolver):
    # The real reader, no fake: calamine itself runs out of memory in the reader process.
    bad, good = c.xlsx_far_row_without_references(tmp_path), c.good_xlsx(tmp_path / "kent.xlsx")
    refused, read = plan_files([bad, good], resolver=resolver, today=TODAY)
    assert _messages(refused)[0].startswith(f"{bad.name} {MEMORY}")
    assert read.ok
