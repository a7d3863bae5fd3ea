"""`commissioner-desk import` on published workbooks (issue 15): --list-tables [--json], --sheet
and --table to choose, --metric by name (the office's own metrics too), --column to answer,
a figure with decimals stored for a decimal metric, and one JSON document whatever happens."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import _cli
from .importing.shapes import ALL_SHAPES, write


def _book(name: str, folder: Path, suffix: str = ".xlsx") -> Path:
    return write(ALL_SHAPES[name]().book, folder / f"{name}{suffix}")


def test_list_tables_names_every_table_and_why_some_cannot_be_imported(ready_dir, tmp_path):
    path = _book("seventeen_tables", tmp_path, ".ods")
    result = _cli(ready_dir, "import", str(path), "--list-tables", "--json")
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)["files"]
    tables = {t["name"]: t for t in entry["tables"]}
    assert {"Table_5", "Table_10", "Table_8", "Table_12"} <= set(tables)
    assert tables["Table_10"]["importable"] and tables["Table_10"]["metric"] == "dtn_reports"
    assert tables["Table_8"]["geography"] == "counties" and not tables["Table_8"]["importable"]
    assert tables["Table_7"]["periods"] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    text = _cli(ready_dir, "import", str(path), "--list-tables")
    assert "Table_8 (A4:D45)" in text.stdout and "cannot be imported: by counties" in text.stdout


def test_without_a_choice_the_dry_run_asks_then_sheet_and_table_choose(ready_dir, tmp_path):
    path = _book("stacked_tables", tmp_path)
    asked = _cli(ready_dir, "import", str(path), "--dry-run", "--json")
    assert asked.returncode == 1
    [entry] = json.loads(asked.stdout)["files"]
    assert entry["needs"] == ["table"] and not entry["observations"]
    assert "choose the one to import" in entry["errors"][0]["message"]
    chosen = _cli(ready_dir, "import", str(path), "--sheet", "Table 2", "--table", "2", "--json")
    assert chosen.returncode == 0, chosen.stdout
    [entry] = json.loads(chosen.stdout)["files"]
    assert entry["status"] == "ok" and entry["table"]["number"] == 2
    assert {o["period"] for o in entry["observations"]} == {"2023/24"}
    assert entry["table"]["aggregate_rows"][0]["why"].startswith("total")


def test_a_decimal_metric_by_name_stores_full_time_equivalents(ready_dir, tmp_path):
    added = _cli(
        ready_dir, "metrics", "add", "officers_fte", "--name", "Police officers (FTE)",
        "--unit", "decimal",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    path = _book("workforce_regions_above", tmp_path)
    result = _cli(ready_dir, "import", str(path), "--metric", "police officers (fte)", "--json")
    assert result.returncode == 0, result.stdout
    [entry] = json.loads(result.stdout)["files"]
    assert entry["table"]["periods"][0]["snapshot"] is True
    rows = {o["force_code"]: o["value"] for o in entry["observations"]}
    expected = ALL_SHAPES["workforce_regions_above"]().expected.figures
    assert rows == {code: value for (code, _p, _b), value in expected.items()}
    con = sqlite3.connect(ready_dir / DB_FILE_NAME)
    try:
        stored = con.execute(
            "SELECT o.value FROM observations o JOIN forces f ON f.id = o.force_id "
            "JOIN metrics m ON m.id = o.metric_id WHERE f.code = 'E23000013' "
            "AND m.key = 'officers_fte'"
        ).fetchone()[0]
    finally:
        con.close()
    assert float(stored) == expected[("E23000013", "2024-Q1", "")]
    assert not float(stored).is_integer()


def test_a_metric_name_that_is_no_metric_lists_the_close_ones(ready_dir, tmp_path):
    path = _book("markers", tmp_path)
    result = _cli(ready_dir, "import", str(path), "--metric", "NRM referals")
    assert result.returncode == 2 and "NRM referrals" in result.stderr


def test_column_answers_a_question_the_file_leaves_open(ready_dir, tmp_path):
    path = _book("generic_columns_no_dimension", tmp_path)
    asked = _cli(ready_dir, "import", str(path), "--dry-run", "--json")
    [entry] = json.loads(asked.stdout)["files"]
    assert asked.returncode == 1 and entry["needs"] == ["columns"]
    said = _cli(
        ready_dir, "import", str(path), "--dry-run", "--json",
        "--column", "Not recorded=exploitation",
    )  # fmt: skip
    assert said.returncode == 0, said.stdout
    [entry] = json.loads(said.stdout)["files"]
    assert {"exploitation": "unknown"} in [o["breakdown"] for o in entry["observations"]]
    bad = _cli(ready_dir, "import", str(path), "--column", "Not recorded")
    assert bad.returncode == 2 and "age, exploitation, total or skip" in bad.stderr
