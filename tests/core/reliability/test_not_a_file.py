"""Only ordinary files are read (issue 16): a named pipe, a device, a folder or a link to one is
refused at once, by the importer and by the command line, in words that say what it is. A pipe
would otherwise keep the read waiting for ever."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from commissioner_desk.importing import WorkbookError, plan_file, read_workbook
from commissioner_desk.importing.readers import source_file

from ..cli_run import _cli, ready_dir  # noqa: F401 (a fixture)
from . import corpus as c
from .conftest import TODAY

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="no named pipes in the folders")


def _pipe(folder: Path, name: str = "return.xlsx") -> Path:
    os.mkfifo(folder / name)
    return folder / name


def _refused(path: Path) -> str:
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    return str(info.value)


@posix_only
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    path = _pipe(tmp_path)
    assert _refused(path) == (
        "return.xlsx is a named pipe, not a spreadsheet file: the app reads only files saved "
        "on a disk."
    )


@posix_only
def test_links_say_what_they_lead_to(tmp_path):
    (tmp_path / "to pipe.csv").symlink_to(_pipe(tmp_path, "fifo"))
    (tmp_path / "to device.xlsx").symlink_to(os.devnull)
    (tmp_path / "to nothing.xlsx").symlink_to(tmp_path / "gone.xlsx")
    assert "to pipe.csv is a link to a named pipe, not a spreadsheet" in _refused(
        tmp_path / "to pipe.csv"
    )
    assert "to device.xlsx is a link to a device, not" in _refused(tmp_path / "to device.xlsx")
    assert _refused(tmp_path / "to nothing.xlsx").startswith(
        "to nothing.xlsx is a link to a file that no longer exists"
    )


def test_a_folder_and_a_missing_file_are_named_as_such(tmp_path):
    (tmp_path / "returns.xlsx").mkdir()
    assert _refused(tmp_path / "returns.xlsx") == (
        "returns.xlsx is a folder, not a spreadsheet file: choose the files inside it."
    )
    assert _refused(tmp_path / "nope.xlsx").startswith(f"nope.xlsx was not found in {tmp_path}")


@posix_only
def test_a_pipe_swapped_in_after_the_check_is_refused_too(tmp_path, monkeypatch):
    path = _pipe(tmp_path)
    monkeypatch.setattr(source_file, "refusal", lambda path: None)  # as if it were a file then
    assert "return.xlsx is a named pipe" in _refused(path)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = c.good_xlsx(tmp_path / "big.xlsx")
    monkeypatch.setattr(source_file, "MAX_FILE_BYTES", 1000)
    message = _refused(path)
    assert message.startswith("big.xlsx is too large to import (0 MB): the app reads files of")


@posix_only
def test_the_plan_of_a_pipe_holds_the_refusal(tmp_path, resolver):
    plan = plan_file(_pipe(tmp_path), resolver, today=TODAY)
    assert [p.message for p in plan.errors] == [
        "return.xlsx is a named pipe, not a spreadsheet file: the app reads only files saved "
        "on a disk."
    ]


@posix_only
def test_the_command_line_names_each_path_that_is_not_a_file(ready_dir, tmp_path):  # noqa: F811
    pipe = _pipe(tmp_path)
    (tmp_path / "folder.csv").mkdir()
    result = _cli(ready_dir, "import", str(pipe), str(tmp_path / "folder.csv"), timeout=60)
    assert result.returncode == 2, result.stderr
    assert "return.xlsx is a named pipe, not a spreadsheet file" in result.stderr
    assert "folder.csv is a folder, not a spreadsheet file" in result.stderr
    assert "Traceback" not in result.stderr and "No such file" not in result.stderr
