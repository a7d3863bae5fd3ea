"""Trend series speed (run on demand): .venv/bin/python tests/benchmarks/bench_series.py
[--postgres URL]

Target (issue 5): the national quarterly series for one metric, from a database holding one
million observations, in at most 2x the time pandas takes to group the same observations
already in memory, measured side by side.

The database: every force × 84 quarters (2005 to 2025) × every metric × every breakdown the
catalogue allows (about 506,000 current figures), plus earlier versions of most of them (figures
replaced by corrected returns, no longer current), one million rows in all. pandas is given
those million rows as a DataFrame (ids and codes as pandas would hold them after a read) and
groups the current national totals of one metric by period; chart_data is timed end to end:
session, query, matrix and series.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import insert, select

TARGET_ROWS = 1_000_000
QUARTERS = 84


def build(db) -> pd.DataFrame:
    """Fill `db` with a million observations and return the same rows as a DataFrame."""
    from commissioner_desk.db.models import Force, ImportBatch, Metric, Observation, Period
    from commissioner_desk.db.reference import ensure_periods
    from commissioner_desk.domain.catalogue import DIMENSIONS, METRICS, breakdown_key
    from commissioner_desk.domain.enums import BatchKind
    from commissioner_desk.domain.periods import Period as P
    from commissioner_desk.domain.periods import quarter_range

    quarters = quarter_range(P.quarter_of(2005, 1), P.quarter_of(2025, 4))
    keys = [q.key for q in quarters]
    assert len(keys) == QUARTERS
    with db.session() as s:
        ensure_periods(s, quarters)
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="bench", note="benchmark")
        s.add(batch)
        s.flush()
        batch_id = batch.id
        forces = [
            f.id
            for f in s.scalars(
                select(Force).where((Force.kind == "territorial") | (Force.code == "BTP"))
            )
        ]
        periods = dict(s.execute(select(Period.key, Period.id).where(Period.key.in_(keys))).all())
        metric_ids = dict(s.execute(select(Metric.key, Metric.id)).all())
    combos = []
    for m in METRICS:
        breakdowns = {""}
        for d in m.dimensions:
            breakdowns |= {breakdown_key({d: v}) for v in DIMENSIONS[d].value_keys()}
        if len(m.dimensions) == 2:
            a, b = (DIMENSIONS[d].value_keys() for d in m.dimensions)
            breakdowns |= {
                breakdown_key(dict(zip(m.dimensions, p, strict=True)))
                for p in itertools.product(a, b)
            }
        combos += [(metric_ids[m.key], bd) for bd in sorted(breakdowns)]
    rng = np.random.default_rng(5)
    rows = []
    for (metric_id, bd), force, key in itertools.product(combos, forces, keys):
        rows.append((force, periods[key], metric_id, bd, int(rng.integers(0, 200))))
    current = len(rows)
    history = rows[: TARGET_ROWS - current]  # earlier versions of the first figures
    records = [
        {
            "force_id": f,
            "period_id": p,
            "metric_id": m,
            "breakdown": bd,
            "status": "value",
            "value": v,
            "batch_id": batch_id,
            "is_current": True,
        }
        for f, p, m, bd, v in rows
    ] + [
        {
            "force_id": f,
            "period_id": p,
            "metric_id": m,
            "breakdown": bd,
            "status": "value",
            "value": v + 1,
            "batch_id": batch_id,
            "is_current": False,
        }
        for f, p, m, bd, v in history
    ]
    with db.session() as s:
        for start in range(0, len(records), 50_000):
            s.execute(insert(Observation), records[start : start + 50_000])
    frame = pd.DataFrame.from_records(records)
    frame["status"] = frame["status"].astype("category")
    frame["breakdown"] = frame["breakdown"].astype("category")
    frame["period"] = frame["period_id"].map({v: k for k, v in periods.items()})
    return frame, metric_ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL", help="also measure on this PostgreSQL server")
    args = parser.parse_args()

    from commissioner_desk.db import migrate
    from commissioner_desk.db.database import Database
    from commissioner_desk.db.reference import sync_reference_data
    from commissioner_desk.paths import default_geo_dir
    from commissioner_desk.queries.series import ChartRequest, chart_data, load_series

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"sqlite": f"sqlite:///{Path(tmp).as_posix()}/bench.sqlite3"}
        if args.postgres:
            urls["postgresql"] = args.postgres
        for name, url in urls.items():
            server = None
            if name == "postgresql":
                from tests.conftest import PostgresServer

                server = PostgresServer(url)
                server.drop("bench_series")
                url = server.create("bench_series")
            db = Database(url)
            migrate.upgrade(db, None)
            sync_reference_data(db, default_geo_dir())
            t = time.perf_counter()
            frame, metric_ids = build(db)
            build_s = time.perf_counter() - t
            metric_id = metric_ids["nrm_referrals"]

            as_text = frame.astype({"breakdown": object, "status": object})

            def pandas_group(frame=frame, metric_id=metric_id):
                f = frame[
                    (frame["metric_id"] == metric_id)
                    & (frame["breakdown"] == "")
                    & frame["is_current"]
                    & frame["status"].isin(["value", "nil"])
                ]
                return f.groupby("period", sort=True)["value"].sum()

            def pandas_text(frame=as_text, metric_id=metric_id):
                return pandas_group(frame, metric_id)

            def ours(db=db):
                return chart_data(db, ChartRequest("nrm_referrals"))

            def ours_general(db=db):
                return load_series(db, "nrm_referrals").chart(ChartRequest("nrm_referrals"))

            expected = pandas_group()
            got = ours()
            mine = dict(zip(got.periods, got.series[0].values, strict=True))
            assert all(mine[k] == v for k, v in expected.items()), "the two totals disagree"
            assert ours_general().series == got.series, "the two paths disagree"
            fns = {
                "pandas_categorical": pandas_group,
                "pandas_text": pandas_text,
                "chart_data": ours,
                "per_force_path": ours_general,
            }
            timings = {label: [] for label in fns}
            for _ in range(15):
                for label, fn in fns.items():
                    t = time.perf_counter()
                    fn()
                    timings[label].append(time.perf_counter() - t)
            ms = {k: round(statistics.median(v) * 1000, 2) for k, v in timings.items()}
            results[name] = {
                "observations": len(frame),
                "build_s": round(build_s, 1),
                "median_ms": ms,
                # Against the faster pandas (categorical columns), to be strict.
                "ratio": round(ms["chart_data"] / ms["pandas_categorical"], 2),
                "target": "ratio <= 2",
            }
            db.dispose()
            if server is not None:
                server.drop("bench_series")
                server.admin.dispose()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
