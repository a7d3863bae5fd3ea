"""`commissioner-desk metrics …`, run as a user would, and `--metric` of map, chart and pack
taking a key or a unique name (a miss exits 2 listing the close ones)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.importing import commit_plan
from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import _cli
from .figure_plans import DEVON, FTE, KENT, plan_of


def _listed(folder: Path) -> dict[str, dict]:
    done = _cli(folder, "metrics", "list", "--json")
    assert done.returncode == 0, done.stderr
    return {m["key"]: m for m in json.loads(done.stdout)["metrics"]}


def test_add_list_rename_remove(ready_dir):
    done = _cli(
        ready_dir,
        "metrics",
        "add",
        FTE,
        "--name",
        "Police officers (FTE)",
        "--unit",
        "decimal",
        "--description",
        "Home Office police workforce tables",
    )
    assert done.returncode == 0, done.stderr
    assert "Added Police officers (FTE) (officers_fte, decimal)." in done.stdout
    listed = _listed(ready_dir)
    assert listed["nrm_referrals"]["builtin"] is True and listed["nrm_referrals"]["unit"] == "count"
    assert listed[FTE] | {"created_by": None, "created_at": None} == {
        "key": FTE,
        "name": "Police officers (FTE)",
        "unit": "decimal",
        "description": "Home Office police workforce tables",
        "builtin": False,
        "figures": 0,
        "created_by": None,
        "created_at": None,
    }
    text = _cli(ready_dir, "metrics", "list").stdout
    assert "officers_fte" in text and "Police officers (FTE) [decimal, added by" in text

    done = _cli(ready_dir, "metrics", "rename", FTE, "--name", "Officers (FTE)")
    assert done.returncode == 0 and "officers_fte is now called Officers (FTE)." in done.stdout
    assert _listed(ready_dir)[FTE]["name"] == "Officers (FTE)"

    done = _cli(ready_dir, "metrics", "remove", FTE, "--yes")
    assert done.returncode == 0 and "Removed the metric officers_fte." in done.stdout
    assert FTE not in _listed(ready_dir)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("add", "Bad Key", "--name", "X", "--unit", "count"), "cannot be a key"),
        (("add", "total_crime", "--name", "NRM referrals", "--unit", "count"), "already the name"),
        (("rename", "nrm_referrals", "--name", "Referrals"), "is built in: it cannot be renamed"),
        (("remove", "staff_trained", "--yes"), "is built in: it cannot be removed"),
        (("remove", "no_such", "--yes"), 'There is no metric "no_such"'),
    ],
)
def test_refusals_exit_2_in_words(ready_dir, args, words):
    done = _cli(ready_dir, "metrics", *args)
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr


def test_a_unit_not_offered_is_refused_by_the_parser(ready_dir):
    done = _cli(ready_dir, "metrics", "add", "share", "--name", "Share", "--unit", "ratio")
    assert done.returncode == 2 and "invalid choice: 'ratio'" in done.stderr


def test_remove_asks_first_and_is_refused_while_figures_use_it(ready_dir):
    assert (
        _cli(ready_dir, "metrics", "add", FTE, "--name", "FTE", "--unit", "decimal").returncode == 0
    )
    db = Database(f"sqlite:///{(ready_dir / DB_FILE_NAME).as_posix()}")
    try:
        from commissioner_desk.db.user_metrics import load_user_metrics

        load_user_metrics(db)
        commit_plan(db, plan_of(ready_dir / "w.xlsx", [(KENT, "2024-Q1", FTE, 3456.78)]))
    finally:
        db.dispose()
    done = _cli(ready_dir, "metrics", "remove", FTE, "--yes")
    assert done.returncode == 2 and "1 figure use it" in done.stderr
    assert _listed(ready_dir)[FTE]["figures"] == 1


@pytest.fixture
def fte_dir(ready_dir: Path) -> Path:
    assert (
        _cli(
            ready_dir, "metrics", "add", FTE, "--name", "Police officers (FTE)", "--unit", "decimal"
        ).returncode
        == 0
    )
    db = Database(f"sqlite:///{(ready_dir / DB_FILE_NAME).as_posix()}")
    try:
        from commissioner_desk.db.user_metrics import load_user_metrics

        load_user_metrics(db)
        rows = [(KENT, q, FTE, v) for q, v in (("2024-Q1", 3456.78), ("2024-Q2", 3460.5))]
        rows += [(DEVON, q, FTE, v) for q, v in (("2024-Q1", 1.5), ("2024-Q2", 2.25))]
        commit_plan(db, plan_of(ready_dir / "w.xlsx", rows))
    finally:
        db.dispose()
    return ready_dir


def test_chart_and_map_take_a_metric_by_name(fte_dir):
    out = fte_dir / "fte.csv"
    done = _cli(fte_dir, "chart", "--metric", "police officers (FTE)", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    totals = [r for r in rows if r and r[0] in ("2024-Q1", "2024-Q2")]
    assert [r[2] for r in totals] == ["3458.28", "3462.75"]  # summed, to two places, not hidden
    png = fte_dir / "fte.png"
    done = _cli(
        fte_dir, "map", "--metric", "Police Officers (FTE)", "--period", "2024-Q1",
        "--style", "hex", "--out", str(png),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "hex map of Police officers (FTE), January to March 2024" in done.stdout
    assert png.stat().st_size > 1000


@pytest.mark.parametrize("command", ["map", "chart", "pack"])
def test_a_metric_not_found_exits_2_listing_the_close_ones(ready_dir, command):
    args = {
        "map": ("--period", "2024-Q1", "--out", str(ready_dir / "m.png")),
        "chart": ("--out", str(ready_dir / "c.csv")),
        "pack": ("--period", "2024-Q1", "--out", str(ready_dir / "p.pdf")),
    }[command]
    done = _cli(ready_dir, command, "--metric", "nrm referals", *args)
    assert done.returncode == 2
    assert 'No metric is called "nrm referals". Did you mean: nrm_referrals' in done.stderr
