"""Page benchmark (run on demand, not by pytest):

    .venv/bin/python tests/benchmarks/bench_pages.py [--runs 5] [--data-dir DIR]

Runs `self-test` on a 10-year demo database `--runs` times (a fresh process each time, so every
page is opened for the first time: built, its modules imported, its data read) and reports the
median per page of
- the time from asking for the page to its data painted (reads run in the background);
- the longest the event loop was blocked while the page opened;
and the median over runs of the longest block during the whole run and of the time from the
self-test's start (Python already running) to the first page's data. From the process start,
and against a bare Qt window: bench_startup.py.

Targets (issue 17): every page's data within 200 ms; no block over 50 ms by a page switch; the
first page's data within 400 ms of the process start.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE_S, STALL_MS, FIRST_DATA_S = 0.2, 50, 0.4


def self_test(data: str, env: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", data, "self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"self-test failed: {out.stdout}{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(data: str, runs: int, env: dict[str, str]) -> dict:
    self_test(data, env)  # warm the file cache and the bytecode
    reports = [self_test(data, env) for _ in range(runs)]
    med = statistics.median
    pages = {k: round(med(r["pages"][k] for r in reports) * 1000) for k in reports[0]["pages"]}
    stalls = {k: round(med(r["page_stall_ms"][k] for r in reports)) for k in reports[0]["pages"]}
    return {
        "runs": runs,
        "page_data_ms": pages,
        "page_stall_ms": stalls,
        "max_stall_ms": round(med(r["max_stall_ms"] for r in reports)),
        "first_data_s": round(med(r["first_data_s"] for r in reports), 3),
        "window_shown_s": round(med(r["window_shown_s"] for r in reports), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", help="a folder already holding the demo database")
    opts = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("COMMISSIONER_DESK_DATABASE_URL", None)
    with tempfile.TemporaryDirectory() as scratch:
        data = opts.data_dir or scratch
        if not opts.data_dir:
            base = [sys.executable, "-m", "ui", "--data-dir", data]
            subprocess.run([*base, "demo"], check=True, env=env, cwd=ROOT, capture_output=True)
        result = measure(data, opts.runs, env)
    slow = {k: v for k, v in result["page_data_ms"].items() if v > PAGE_S * 1000}
    stalled = {k: v for k, v in result["page_stall_ms"].items() if v > STALL_MS}
    result["pages_over_200_ms"] = slow
    result["page_switches_blocking_over_50_ms"] = stalled
    print(json.dumps(result, indent=2))
    ok = not slow and not stalled and result["first_data_s"] <= FIRST_DATA_S
    print("targets met" if ok else "TARGETS MISSED")


if __name__ == "__main__":
    main()
