"""Demo-data benchmark (run on demand, not by pytest):

    .venv/bin/python tests/benchmarks/bench_demo.py [--runs 3] [--today 2026-11-28]

Times `load_demo` (2014-Q1 to the latest complete quarter, ~80,000 observations) and
`remove_demo` on a fresh SQLite file, and on PostgreSQL too when
COMMISSIONER_DESK_TEST_POSTGRES_URL names a server (a scratch database is created there and
dropped afterwards). Goal: a few seconds on either backend.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from a plain checkout

from commissioner_desk.db.database import Database
from commissioner_desk.db.migrate import upgrade
from commissioner_desk.db.reference import sync_reference_data
from commissioner_desk.demo import load_demo, remove_demo
from commissioner_desk.paths import default_geo_dir

PG_ENV = "COMMISSIONER_DESK_TEST_POSTGRES_URL"


@contextmanager
def sqlite_db() -> Iterator[Database]:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder, 'bench.sqlite3').as_posix()}", user="bench")
        try:
            yield db
        finally:
            db.dispose()


@contextmanager
def postgres_db(server_url: str) -> Iterator[Database]:
    from sqlalchemy.engine import make_url

    admin = Database(server_url)
    name = f"cd_bench_{uuid.uuid4().hex[:8]}"

    def sql(statement: str) -> None:
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(statement)

    sql(f'CREATE DATABASE "{name}"')
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    db = Database(url, user="bench")
    try:
        yield db
    finally:
        db.dispose()
        sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def bench(label: str, make: Callable[[], object], runs: int, today: date) -> None:
    loads, removes = [], []
    summary = None
    for _ in range(runs):
        with make() as db:
            upgrade(db, None)
            sync_reference_data(db, default_geo_dir())
            start = time.perf_counter()
            summary = load_demo(db, today=today)
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            remove_demo(db)
            removes.append(time.perf_counter() - start)
    assert summary is not None
    print(
        f"{label:<11} load {statistics.median(loads):6.2f} s   remove "
        f"{statistics.median(removes):5.2f} s   (median of {runs}; {summary.observations:,} "
        f"observations, {summary.first_period} to {summary.last_period})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    bench("SQLite", sqlite_db, args.runs, args.today)
    if url := os.environ.get(PG_ENV):
        bench("PostgreSQL", lambda: postgres_db(url), args.runs, args.today)
    else:
        print(f"PostgreSQL  skipped: set {PG_ENV} to a server URL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
