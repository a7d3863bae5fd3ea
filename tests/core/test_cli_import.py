"""`commissioner-desk import`: exit codes, --dry-run stores nothing, --json shape."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import _cli

HEADER = ["Force", "Period", "Metric", "Breakdown", "Value"]


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


def _observations(folder: Path) -> int:
    con = sqlite3.connect(folder / DB_FILE_NAME)
    try:
        return con.execute("SELECT COUNT(*) FROM observations").fetchone()[0]
    finally:
        con.close()


def test_dry_run_reports_and_stores_nothing(ready_dir, tmp_path):
    good = _csv(tmp_path / "kent.csv", [["Kent", "2024-Q1", "nrm_referrals", "Child", 5]])
    result = _cli(ready_dir, "import", str(good), "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    [entry] = doc["files"]
    assert entry["status"] == "ok" and entry["layout"] == "long"
    [obs] = entry["observations"]
    assert obs == {
        "force_code": "E23000032",
        "force_name": "Kent Police",
        "period": "2024-Q1",
        "metric": "nrm_referrals",
        "breakdown": {"age": "child"},
        "value": 5,
        "status": "reported",
        "source": "kent!E2",
    }
    assert _observations(ready_dir) == 0


def test_import_stores_then_says_unchanged(ready_dir, tmp_path):
    good = _csv(tmp_path / "met.csv", [["MPS", "2024-Q1", "NRM referrals", "", 900]])
    first = _cli(ready_dir, "import", str(good))
    assert first.returncode == 0, first.stderr
    assert "met.csv: imported 1 figures" in first.stdout
    assert _observations(ready_dir) == 1
    again = _cli(ready_dir, "import", str(good), "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["files"][0]["status"] == "unchanged"
    assert _observations(ready_dir) == 1


def test_file_with_errors_exits_1_and_lists_every_cell(ready_dir, tmp_path):
    bad = _csv(
        tmp_path / "bad.csv",
        [
            ["Kentt", "2024-Q1", "nrm_referrals", "", 3],
            ["Kent", "2024-Q1", "nrm_referrals", "", -1],
        ],
    )
    good = _csv(tmp_path / "good.csv", [["Kent", "2024-Q2", "nrm_referrals", "", 3]])
    result = _cli(ready_dir, "import", str(bad), str(good))
    assert result.returncode == 1
    assert "bad.csv: not imported, 2 error(s)" in result.stdout
    assert "bad!A2" in result.stdout and "bad!E3" in result.stdout
    assert "good.csv: imported 1 figures" in result.stdout  # one bad file does not stop others
    assert _observations(ready_dir) == 1


def test_missing_file_is_a_usage_error(ready_dir, tmp_path):
    result = _cli(ready_dir, "import", str(tmp_path / "nope.xlsx"))
    assert result.returncode == 2
    assert "nope.xlsx was not found in" in result.stderr and "Traceback" not in result.stderr
