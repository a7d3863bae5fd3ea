"""Many-table workbook benchmark (run on demand, not by pytest):

    .venv/bin/python tests/benchmarks/bench_tables.py [--runs 5]

Writes a workbook shaped like a Home Office statistical release (cover, contents, notes and
Table_1 … Table_17: tables by police force, by county, by country, national series), as .xlsx
and .ods, then times for each:

  (a) listing its tables: the dry run without a choice, which reads every table, as
      `import FILE --list-tables` and the app's table picker do;
  (b) the dry run of one table chosen with --sheet;
  (c) both through the command line, as staff run them: a fresh process each, with start-up
      and opening the database (`import --list-tables --json`, `import --sheet --dry-run`).

Goal (issue 15): (a) and (b) under 2 s each, and (c) too. Prints one JSON document of medians.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run from a plain checkout

from commissioner_desk.importing.many import default_resolver  # noqa: E402
from commissioner_desk.importing.model import ImportOptions  # noqa: E402
from commissioner_desk.importing.plan import plan_file  # noqa: E402
from tests.core.importing.shapes import ALL_SHAPES, write  # noqa: E402

TARGET = 2.0


def _median(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cli(*args: str, data: Path) -> None:
    env = {**os.environ, "COMMISSIONER_DESK_DATA_DIR": str(data)}
    command = [sys.executable, "-m", "ui", *args]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    resolver = default_resolver()
    book = ALL_SHAPES["seventeen_tables"]().book
    out: dict[str, object] = {"target_seconds": TARGET, "runs": args.runs}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _cli("import", "--help", data=folder)  # the database is made once, not timed
        for suffix in (".xlsx", ".ods"):
            path = write(book, folder / f"release{suffix}")
            listing = plan_file(path, resolver)
            chosen = ImportOptions(sheet="Table_5")
            out[suffix] = {
                "tables": len(listing.tables),
                "bytes": path.stat().st_size,
                "list_tables_s": _median(args.runs, lambda p=path: plan_file(p, resolver)),
                "dry_run_one_table_s": _median(
                    args.runs, lambda p=path, o=chosen: plan_file(p, resolver, options=o)
                ),
                "cli_list_tables_s": _median(
                    args.runs,
                    lambda p=path: _cli("import", str(p), "--list-tables", "--json", data=folder),
                ),
                "cli_dry_run_s": _median(
                    args.runs,
                    lambda p=path: _cli(
                        "import", str(p), "--sheet", "Table_5", "--dry-run", "--json", data=folder
                    ),
                ),
            }
    times = [v for d in out.values() if isinstance(d, dict) for k, v in d.items() if k[-2:] == "_s"]
    out["all_under_target"] = all(t < TARGET for t in times)
    print(json.dumps(out, indent=2))
    return 0 if out["all_under_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
