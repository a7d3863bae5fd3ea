"""`commissioner-desk batches list | undo`, run as a user would."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import REPO, _cli, _env


def batches(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(data_dir), "batches", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        cwd=REPO,
        input=stdin,
        timeout=120,
    )


def _csv(path: Path, value: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [["Force", "Period", "Metric", "Value"], ["Kent", "2024-Q1", "nrm_referrals", value]]
        )
    return path


def _current_values(folder: Path) -> list[int]:
    con = sqlite3.connect(folder / DB_FILE_NAME)
    try:
        rows = con.execute("SELECT value FROM observations WHERE is_current ORDER BY id")
        return [r[0] for r in rows]
    finally:
        con.close()


def _import(folder: Path, path: Path) -> None:
    result = _cli(folder, "import", str(path))
    assert result.returncode == 0, result.stderr


def test_list_then_undo_newest_first(ready_dir, tmp_path):
    _import(ready_dir, _csv(tmp_path / "kent.csv", 5))
    _import(ready_dir, _csv(tmp_path / "kent v2.csv", 6))

    listed = batches(ready_dir, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    newest, oldest = json.loads(listed.stdout)["batches"]
    assert (newest["file_names"], newest["added"], newest["superseded"]) == (["kent v2.csv"], 1, 1)
    assert (oldest["file_names"], oldest["status"]) == (["kent.csv"], "committed")

    refused = batches(ready_dir, "undo", str(oldest["id"]), "--yes")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"Undo batch {newest['id']} first" in refused.stderr
    assert _current_values(ready_dir) == [6]

    done = batches(ready_dir, "undo", str(newest["id"]), "--yes")
    assert done.returncode == 0, done.stderr
    assert f"Undid batch {newest['id']} (kent v2.csv): removed 1 figures" in done.stdout
    assert _current_values(ready_dir) == [5]

    text = batches(ready_dir, "list")
    assert text.returncode == 0
    first_line = text.stdout.splitlines()[0]
    assert "kent v2.csv" in first_line and "[undone" in first_line


def test_undo_asks_first_and_no_changes_nothing(ready_dir, tmp_path):
    _import(ready_dir, _csv(tmp_path / "kent.csv", 5))
    batch_id = json.loads(batches(ready_dir, "list", "--json").stdout)["batches"][0]["id"]
    answer = batches(ready_dir, "undo", str(batch_id), stdin="no\n")
    assert answer.returncode == 1
    assert "Undo batch" in answer.stdout and "kent.csv" in answer.stdout
    assert "Nothing was changed." in answer.stdout
    assert _current_values(ready_dir) == [5]


def test_list_on_an_empty_database(ready_dir):
    result = batches(ready_dir, "list")
    assert result.returncode == 0 and result.stdout.strip() == "No imports yet."
    assert json.loads(batches(ready_dir, "list", "--json").stdout) == {"batches": []}
