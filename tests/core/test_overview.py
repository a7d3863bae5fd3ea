"""The overview's figures: national totals with change, flags with reasons, biggest movers."""

from __future__ import annotations

from datetime import date

from commissioner_desk.demo import load_demo
from commissioner_desk.queries.figures import list_figures
from commissioner_desk.queries.overview import overview


def test_empty_database_has_no_overview(sqlite_db):
    assert overview(sqlite_db) is None


def test_overview_of_the_latest_quarter(sqlite_db, geo_dir):
    load_demo(sqlite_db, today=date(2016, 6, 1))
    o = overview(sqlite_db)
    assert o.period == "2016-Q1"
    nrm = o.key_figures[0]
    rows = list_figures(sqlite_db, "nrm_referrals", "2016-Q1")
    assert nrm.total == sum(r.value for r in rows if r.value is not None)
    assert nrm.previous and nrm.change_pct == (nrm.total - nrm.previous) * 100 / nrm.previous
    changes = [abs(m.change) for m in o.movers]
    assert len(o.movers) == 5 and changes == sorted(changes, reverse=True)
    assert all(m.change == m.count - m.previous for m in o.movers)
    if geo_dir is not None:
        assert o.flags and all(f.reason for f in o.flags)
    assert "median" in o.rule
