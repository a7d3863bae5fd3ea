"""Real faulty folders for the write tests: a full disk and a read-only disk, as small tmpfs
mounts (Linux, as root: CI and the development sandbox run as root). Root ignores chmod, so a
read-only *mount* is the only honest read-only folder there; where nothing can be mounted the
tests that need one are skipped, saying why."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOM_LEFT = 8 * 1024  # bytes left on the "full" disk: a writer gets a little way, then fails


def _mount(folder: Path, options: str) -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    return done.returncode == 0


@contextmanager
def mounted(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    if not _mount(folder, options):
        pytest.skip("needs root and permission to mount a tmpfs (a real full or read-only disk)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _put(disk: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (disk / name).write_bytes(data)


@contextmanager
def full_disk(
    folder: Path, room: int = ROOM_LEFT, files: dict[str, bytes] | None = None
) -> Iterator[Path]:
    """A folder on a 256 kB disk holding `files`, filled up but for `room` bytes."""
    with mounted(folder, "size=256k,mode=0777") as disk:
        _put(disk, files or {})
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler.bin").write_bytes(bytes(max(0, free - room)))
        yield disk


@contextmanager
def read_only_disk(folder: Path, files: dict[str, bytes] | None = None) -> Iterator[Path]:
    """A folder on a disk mounted read-only (EROFS, whoever writes), holding `files`."""
    with mounted(folder, "size=64k") as disk:
        _put(disk, files or {})
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        yield disk


def files_in(folder: Path) -> list[str]:
    """Every name in `folder`, hidden ones (a left temporary file) included."""
    return sorted(p.name for p in folder.iterdir())
