"""Import-speed benchmark (run on demand, not by pytest):

    /tmp/venv/bin/python tests/benchmarks/bench_import.py [--runs 3] [--period 2024-Q1]

Writes and fills a template return for each of the 46 forces that send one, then times, side by
side in the same run:

  (a) pandas.read_excel(path, sheet_name=None, engine="openpyxl") merely reading the 46 files;
  (b) the app importing all 46 end to end: plan_files (read, validate) and commit_plans (store)
      into a fresh migrated and seeded SQLite database (migration and seeding not timed).

Goal (issue 3): (b) < 0.5 × (a). Prints one JSON document with both medians and the ratio.
The force registry is loaded before timing, as it is in the running app.

    --year   a year of returns: four quarters from --period, every force (184 files)
    --cli    (b) as staff run it: `commissioner-desk import FILE…` in a fresh process (start-up,
             the reader process and all) into an existing database, migrated and seeded
             beforehand, not timed (issue 17: with both, under 0.5 × (a))
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from a plain checkout

import openpyxl
import pandas as pd

from commissioner_desk.db.database import Database
from commissioner_desk.db.migrate import upgrade
from commissioner_desk.db.reference import sync_reference_data
from commissioner_desk.domain.forces import load_registry
from commissioner_desk.domain.periods import Period
from commissioner_desk.importing.many import commit_plans, default_resolver, plan_files
from commissioner_desk.importing.template import spec, template_forces, write_templates
from commissioner_desk.paths import default_geo_dir
from commissioner_desk.settings import DB_FILE_NAME

TARGET = 0.5
ROOT = Path(__file__).resolve().parents[2]


def filled_templates(folder: Path, period: Period) -> list[Path]:
    """One filled-in template per force, as forces would send them back."""
    paths = write_templates(folder, template_forces(load_registry()), period)
    for n, path in enumerate(paths):
        wb = openpyxl.load_workbook(path)
        figures = wb[spec.FIGURES]
        for row in spec.FIGURE_ROWS:
            # Totals above their parts; a few markers, as real returns have.
            value: object = (100 + n) if not row.breakdown else (row.row + n) % 9
            if (row.row + n) % 17 == 0:
                value = "[c]"
            figures[row.input.ref] = value
        context = wb[spec.CONTEXT]
        context[spec.QUESTIONS[0].box.ref] = f"Figures for force {n} reflect Operation Tide."
        context[spec.QUESTIONS[1].box.ref] = "Joint visits with the local authority."
        wb[spec.COVER][spec.CONTACT_NAME.ref] = f"Analyst {n}"
        wb.save(path)
    return paths


def time_pandas(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        pd.read_excel(path, sheet_name=None, engine="openpyxl")
    return time.perf_counter() - start


def time_app(paths: list[Path], folder: Path, run: int) -> tuple[float, int]:
    db = Database(f"sqlite:///{(folder / f'bench{run}.sqlite3').as_posix()}", user="bench")
    try:
        upgrade(db, None)
        sync_reference_data(db, default_geo_dir())
        start = time.perf_counter()
        plans = plan_files(paths)
        outcomes = commit_plans(db, plans)
        elapsed = time.perf_counter() - start
    finally:
        db.dispose()
    bad = [p for p in plans if not p.ok or p.layout != "template"]
    if bad or len(outcomes) != len(paths):
        raise SystemExit(f"Not every template imported cleanly: {bad[:1]}")
    return elapsed, sum(o.added for o in outcomes)


def time_cli(paths: list[Path], folder: Path, run: int) -> tuple[float, int]:
    data = folder / f"cli{run}"
    data.mkdir()
    db = Database(f"sqlite:///{(data / DB_FILE_NAME).as_posix()}", user="bench")
    try:  # an existing database: migrated and seeded before the clock starts
        upgrade(db, None)
        sync_reference_data(db, default_geo_dir())
    finally:
        db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("COMMISSIONER_DESK_DATABASE_URL", None)
    command = [sys.executable, "-m", "ui", "--data-dir", str(data), "import", *map(str, paths)]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"The command line import failed: {done.stdout[-800:]}{done.stderr}")
    return elapsed, len(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--period", default="2024-Q1", type=Period.from_key)
    parser.add_argument("--year", action="store_true", help="four quarters from --period")
    parser.add_argument("--cli", action="store_true", help="import through the command line")
    args = parser.parse_args(argv)
    periods = [args.period]
    while args.year and len(periods) < 4:
        periods.append(periods[-1].next())
    default_resolver()  # the registry, loaded once when the app starts
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = [p for q in periods for p in filled_templates(folder / q.key, q)]
        reads, imports, stored = [], [], 0
        for run in range(args.runs):  # interleaved, so both see the same machine state
            reads.append(time_pandas(paths))
            elapsed, stored = (time_cli if args.cli else time_app)(paths, folder, run)
            imports.append(elapsed)
    a, b = statistics.median(reads), statistics.median(imports)
    result = {
        "files": len(paths),
        "periods": [q.key for q in periods],
        "through": "command line" if args.cli else "in process",
        "observations_stored" if not args.cli else "files_imported": stored,
        "runs": args.runs,
        "today": date.today().isoformat(),
        "pandas_openpyxl_read_s": round(a, 4),
        "app_import_end_to_end_s": round(b, 4),
        "ratio": round(b / a, 3),
        "target_ratio_below": TARGET,
        "met": b < TARGET * a,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
