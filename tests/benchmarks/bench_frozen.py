"""Frozen start-up beside source (run on demand, after `python3 bootstrap.py build`):

    .venv/bin/python tests/benchmarks/bench_frozen.py [dist/CommissionersDesk] [--runs 7]

Issue 8: the frozen app's `self-test` start-up must not be slower than the same from source.
Times, on one throwaway database, the median of N runs of each: the wall time of the whole
self-test process (start, open every page, quit) and the app's own start-up figure (window
shown and database open). Prints JSON with the bundle's size.
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


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("folder", nargs="?", default=str(ROOT / "dist" / "CommissionersDesk"))
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    folder = Path(args.folder)
    exe = folder / ("CommissionersDesk.exe" if os.name == "nt" else "CommissionersDesk")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result: dict[str, object] = {
        "bundle_mb": round(
            sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
            / 1e6,
            1,
        )
    }
    with tempfile.TemporaryDirectory() as tmp:
        data = ["--data-dir", tmp]
        commands = {"frozen": [str(exe)], "source": [sys.executable, "-m", "ui"]}
        subprocess.run([*commands["source"], *data, "self-test"], env=env, capture_output=True)
        samples: dict[str, dict[str, list[float]]] = {
            k: {"wall": [], "startup": []} for k in commands
        }
        for _ in range(args.runs):
            for name, command in commands.items():  # interleaved: both see the same machine
                t = time.perf_counter()
                done = subprocess.run(
                    [*command, *data, "self-test"], env=env, capture_output=True, text=True
                )
                samples[name]["wall"].append(time.perf_counter() - t)
                report = json.loads(done.stdout.strip().splitlines()[-1])
                samples[name]["startup"].append(report["startup_s"])
    for name, s in samples.items():
        result[name] = {
            "self_test_wall_s": round(statistics.median(s["wall"]), 3),
            "window_and_database_s": round(statistics.median(s["startup"]), 3),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
