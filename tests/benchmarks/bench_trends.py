"""Trends redraw speed (run on demand): .venv/bin/python tests/benchmarks/bench_trends.py

On a fresh demo database: the comparison chart of 8 forces over 48 quarters, redrawn after a
change of selection (another set of forces, alternately as counts and as rates): the series
from the cube in memory, the chart's items updated, and a full paint of an offscreen
1200x700 chart. Target (issue 5): under 50 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROUNDS = 40


def main() -> None:
    from commissioner_desk.db import migrate
    from commissioner_desk.db.database import Database
    from commissioner_desk.db.reference import sync_reference_data
    from commissioner_desk.demo import load_demo
    from commissioner_desk.domain.events import load_events
    from commissioner_desk.domain.periods import Period
    from commissioner_desk.paths import default_geo_dir
    from commissioner_desk.queries.series import ChartRequest, load_series
    from ui.app import create_application
    from ui.charts.trend_chart import TrendChart

    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp).as_posix()}/bench.sqlite3")
        migrate.upgrade(db, None)
        sync_reference_data(db, default_geo_dir())
        load_demo(db)
        t = time.perf_counter()
        cube = load_series(db, "nrm_referrals")
        load_s = time.perf_counter() - t
        db.dispose()

    codes = [code for code, _ in cube.forces_with_figures() if code != "BTP"]
    last = max(key for cells in cube.quarterly.values() for _row, key in cells)
    first = Period.from_key(last)
    for _ in range(47):
        first = first.previous()
    chart = TrendChart()
    chart.resize(1200, 700)
    chart.show()
    events = load_events(None)

    def request(n: int) -> ChartRequest:
        start = (n * 3) % (len(codes) - 8)
        return ChartRequest(
            "nrm_referrals",
            forces=tuple(codes[start : start + 8]),
            measure="rate" if n % 2 else "count",
            include_national=True,
            first=first.key,
            last=last,
        )

    chart.set_data(cube.chart(request(0)), events, demo=True)
    chart.grab()  # the first paint builds caches: not what a change of selection costs
    app.processEvents()
    totals, series_s, update_s, paint_s = [], [], [], []
    for n in range(1, ROUNDS + 1):
        t0 = time.perf_counter()
        data = cube.chart(request(n))
        t1 = time.perf_counter()
        chart.set_data(data)
        t2 = time.perf_counter()
        chart.grab()  # lays out and paints every item, as the screen would
        t3 = time.perf_counter()
        totals.append(t3 - t0)
        series_s.append(t1 - t0)
        update_s.append(t2 - t1)
        paint_s.append(t3 - t2)
    assert len(data.periods) == 48 and len(data.series) == 9
    result = {
        "cube_load_s": round(load_s, 4),
        "forces": 8,
        "quarters": len(data.periods),
        "rounds": ROUNDS,
        "redraw_median_s": round(statistics.median(totals), 4),
        "redraw_max_s": round(max(totals), 4),
        "of_which_series_s": round(statistics.median(series_s), 4),
        "of_which_update_items_s": round(statistics.median(update_s), 4),
        "of_which_paint_s": round(statistics.median(paint_s), 4),
        "target_s": 0.05,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
