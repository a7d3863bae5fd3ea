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


def test_small_totals_and_hidden_counts_stay_off_the_overview(db):
    from commissioner_desk.published.disclosure import SuppressionRule
    from tests.core.test_series import ESSEX, KENT, SURREY, put

    put(db, [(KENT, "2023-Q1", 30, ""), (ESSEX, "2023-Q1", 40, ""), (SURREY, "2023-Q1", 50, "")])
    put(db, [(KENT, "2024-Q1", 3, ""), (ESSEX, "2024-Q1", 60, ""), (SURREY, "2024-Q1", 90, "")])
    put(db, [(KENT, "2024-Q1", 2, "")], metric="ms_crimes_recorded")
    o = overview(db, disclosure=SuppressionRule(4))
    nrm, crimes = o.key_figures
    assert (nrm.total, nrm.total_hidden, nrm.compared) == (153, False, 3)
    assert crimes.total_hidden  # 2: small, and the only force
    # Kent's 3 and Essex's 60 (its complement) are hidden: no mover gives either away.
    assert {m.code for m in o.movers} == {SURREY}
