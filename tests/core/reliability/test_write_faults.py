"""Every command that writes a file, with every fault a file can meet on the way: a message in
words on one line (no traceback), exit code 2, no file claimed and none left behind (no empty
or part file, no temporary file), and a file already there left exactly as it was.

The faults are real where Linux can make them (a tmpfs mounted read-only, and one filled to the
last byte: the disk is full, not a patched function; these need root, as CI runs); the two
that only Windows makes are arranged in fault_child: its path-length rule, and the sharing
violation Windows reports when Excel or Word holds the file being replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.demo import load_demo
from commissioner_desk.settings import DB_FILE_NAME

from ..cli_run import _cli
from ..files.mounts import files_in, full_disk, read_only_disk
from .faults import one_message, run_child

PERIOD = "2025-Q4"  # the demo's latest quarter for the day below
OLD = b"the file that was there before"
TIMES: list[dict] = []  # for the closing note: WRITE_FAULTS_TIMES=path.json writes them out

COMMANDS = {
    "pack": ("pack", "--period", PERIOD, "--sections", "cover,key_figures,map",
             "--map-style", "hex", ".pdf"),
    "map png": ("map", "--metric", "nrm_referrals", "--period", PERIOD, "--style", "hex", ".png"),
    "map svg": ("map", "--metric", "nrm_referrals", "--period", PERIOD, "--style", "hex", ".svg"),
    "map pdf": ("map", "--metric", "nrm_referrals", "--period", PERIOD, "--style", "hex", ".pdf"),
    "chart png": ("chart", "--metric", "nrm_referrals", ".png"),
    "chart svg": ("chart", "--metric", "nrm_referrals", ".svg"),
    "chart csv": ("chart", "--metric", "nrm_referrals", ".csv"),
    "template": ("template", "--period", PERIOD, "--force", "kent", ".xlsx"),
    "template --all": ("template", "--period", PERIOD, "--all", "/"),
    "digest pdf": ("practices", "digest", "--from", "01/01/2014", "--to", "31/12/2026", ".pdf"),
    "digest docx": ("practices", "digest", "--from", "01/01/2014", "--to", "31/12/2026", ".docx"),
    "db backup": ("db", "backup", ".sqlite3"),
}  # fmt: skip
WORDS = {
    "read-only folder": "is on a read-only disk",
    "folder as target": "is a folder, not a file",
    "missing folder": "does not exist",
    "full disk": "There is no room left on the disk to write",
    "/dev/full": "/dev/full is a device, not an ordinary file",
    "fifo": "is a pipe (FIFO), not an ordinary file",
    "path too long": "is too long",
    "open in excel": "open in another program, such as Excel or Word",
}
# What is not a fault for a command: the outcome it has by design.
BY_DESIGN = {
    ("template", "folder as target"): "writes the force's file into the folder",
    ("template --all", "folder as target"): "a folder is what it takes",
    ("template --all", "missing folder"): "makes the folder",
    ("db backup", "missing folder"): "makes the folder",
    ("db backup", "folder as target"): "writes a dated backup into it",
}
NOT_A_FOLDER = "is not a folder: with --all, --out must be a folder"
QUICK = {("map png", "full disk"), ("template", "read-only folder"), ("pack", "/dev/full")}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory, sqlite_template) -> Path:
    """A data folder with the demo's figures, meetings, actions and practices."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    folder.mkdir()
    shutil.copy(sqlite_template, folder / DB_FILE_NAME)
    db = Database(f"sqlite:///{(folder / DB_FILE_NAME).as_posix()}", user="tester")
    try:
        load_demo(db, today=date(2026, 3, 20))
    finally:
        db.dispose()
    return folder


@pytest.fixture(scope="module", autouse=True)
def _times() -> Iterator[None]:
    yield
    if out := os.environ.get("WRITE_FAULTS_TIMES"):
        Path(out).write_text(json.dumps(TIMES, indent=1), encoding="utf-8")


def _name(command: str) -> str:
    suffix = COMMANDS[command][-1]
    return "returns" if suffix == "/" else f"out{suffix}"


def _run(fault: str, data: Path, command: str, out: Path | str) -> tuple[int, str, str, float]:
    args = ("--data-dir", str(data), *COMMANDS[command][:-1], "--out", str(out))
    start = time.monotonic()
    if fault in ("path too long", "open in excel"):
        child = {"path too long": "windows", "open in excel": "excel-lock"}[fault]
        done = run_child(child, "-", "--", *args, timeout=60)
    else:
        done = _cli(data, *args[2:], timeout=60)  # a hang (a FIFO) fails the test
    return done.returncode, done.stdout, done.stderr, time.monotonic() - start


def _case(fault: str, tmp: Path, name: str):
    """Where --out points for `fault`, the folder to look in afterwards, and what it held."""
    if fault == "folder as target":  # named as the file would be
        (tmp / name).mkdir()
        return tmp / name, tmp / name, {}
    if fault == "missing folder":
        return tmp / "gone" / "{name}", tmp, {}
    if fault == "/dev/full":
        return Path("/dev/full"), None, {}
    if fault == "fifo":
        os.mkfifo(tmp / name)
        return tmp / name, tmp, {}
    if fault == "path too long":  # folders of 100 letters each: over Windows' 259 in all
        deep = tmp / ("a" * 100) / ("b" * 100)
        deep.mkdir(parents=True)
        return deep / "{name}", deep, {}
    if fault == "open in excel":
        return tmp / "{name}", tmp, {"{name}": OLD}
    raise AssertionError(fault)


FAULTS = list(WORDS)
CASES = [
    pytest.param(c, f, marks=[] if (c, f) in QUICK else [pytest.mark.slow], id=f"{c}, {f}")
    for c in COMMANDS
    for f in FAULTS
    if not (c == "template --all" and f == "open in excel")  # no one file to hold open
]


@pytest.mark.parametrize(("command", "fault"), CASES)
def test_a_write_that_cannot_be_made_says_why_and_leaves_nothing(
    demo_dir, tmp_path, command, fault
):
    name = _name(command)
    if fault in ("full disk", "read-only folder"):
        old = {} if command == "template --all" else {name: OLD}
        disk = full_disk(tmp_path / "usb", room=0, files=old)
        if fault == "read-only folder":
            disk = read_only_disk(tmp_path / "cd", files=old)
        with disk as folder:
            before = files_in(folder)
            code, out, err, took = _run(fault, demo_dir, command, folder / name)
            after, kept = _left(folder, command, name), {n: (folder / n).read_bytes() for n in old}
        _expect(command, fault, code, out, err, before, after)
        assert kept == old  # the file that was there is untouched
    else:
        target, folder, old = _case(fault, tmp_path, name)
        target = Path(str(target).replace("{name}", name))
        for n, data in old.items():
            (folder / n.replace("{name}", name)).write_bytes(data)
        before = files_in(folder) if folder else []
        code, out, err, took = _run(fault, demo_dir, command, target)
        after = _left(folder, command, name) if folder and folder.exists() else []
        if (command, fault) in BY_DESIGN:
            assert code == 0, err
            TIMES.append({"command": command, "fault": fault, "code": code, "seconds": took})
            return
        _expect(command, fault, code, out, err, before, after)
        if fault == "missing folder":
            assert not (tmp_path / "gone").exists()
        for n, data in old.items():
            assert (folder / n.replace("{name}", name)).read_bytes() == data
    TIMES.append({"command": command, "fault": fault, "code": code, "seconds": took})


def _left(folder: Path, command: str, name: str) -> list[str]:
    """What is in `folder` after the command; `template --all` may leave the folder it made,
    which must then be empty (no file was whole)."""
    found = files_in(folder)
    made = folder / name
    if command == "template --all" and made.is_dir():
        assert files_in(made) == [], files_in(made)
        found.remove(name)
    return found


def _expect(command, fault, code, out, err, before, after) -> None:
    assert code == 2, f"exit {code}\n{out}\n{err}"
    message = one_message(err)
    words = WORDS[fault]
    if command == "template --all" and fault in ("/dev/full", "fifo"):
        words = NOT_A_FOLDER
    assert words in message, message
    assert "Wrote" not in out and "Backed up" not in out, out  # no success claimed
    assert after == before, f"left behind: {sorted(set(after) - set(before))}"
