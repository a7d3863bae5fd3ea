"""The command line on a damaged database: a warning naming the newest good backup and the exact
command, every change refused in words (exit 2), nothing written into the file; `db restore`
of that backup brings it back; `db backup --out` a folder writes a dated file in it."""

from __future__ import annotations

import re

import pytest

from commissioner_desk.db.rolling import daily_backups
from commissioner_desk.settings import DB_FILE_NAME

from ..cli_run import _cli
from .damaging import damage, data_with_backup


@pytest.fixture
def data(tmp_path, sqlite_template):
    return data_with_backup(tmp_path / "data", sqlite_template)


@pytest.mark.parametrize("kind", ["middle-page", "text-file"])
def test_the_command_line_warns_refuses_and_restores(data, kind):
    newest = daily_backups(data / "backups")[0].path
    damage(data / DB_FILE_NAME, kind)
    damaged = (data / DB_FILE_NAME).read_bytes()
    command = f'commissioner-desk --data-dir "{data}" db restore "{newest}"'

    add = _cli(data, "metrics", "add", "officers_fte", "--name", "Officers", "--unit", "decimal")
    assert add.returncode == 2, add.stderr
    assert add.stderr.startswith(f"Warning: The database {data / DB_FILE_NAME} is damaged")
    assert command in add.stderr and "damaged" in add.stderr.splitlines()[-1]
    assert "Traceback" not in add.stderr
    for refused in (("db", "upgrade"), ("db", "backup", "--out", str(data))):
        done = _cli(data, *refused)
        assert done.returncode == 2 and command in done.stderr, done.stderr
    assert (data / DB_FILE_NAME).read_bytes() == damaged
    assert not list(data.glob("commissioners-desk-backup-*"))  # no backup of damage

    restore = _cli(data, "db", "restore", str(newest), "--yes")
    assert restore.returncode == 0, restore.stderr
    assert "The damaged database was moved aside to " in restore.stdout
    aside = next(data.glob("commissioners-desk.damaged-*.sqlite3"))
    assert aside.read_bytes() == damaged

    again = _cli(data, "metrics", "add", "officers_fte", "--name", "Officers", "--unit", "decimal")
    assert again.returncode == 0 and again.stderr == "", again.stderr


def test_backup_out_a_folder_writes_a_dated_file_in_it(ready_dir, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    first = _cli(ready_dir, "db", "backup", "--out", str(folder))
    second = _cli(ready_dir, "db", "backup", "--out", str(folder))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    said = [re.search(r"rows to (.+)$", d.stdout.strip()).group(1) for d in (first, second)]
    assert said[0] != said[1]
    for path in said:
        assert re.fullmatch(
            r"commissioners-desk-backup-\d{4}-\d{2}-\d{2}-\d{4}(-2)?\.sqlite3", path.split("/")[-1]
        )
        assert (folder / path.split("/")[-1]).is_file()
