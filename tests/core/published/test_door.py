"""published/ reads the stored disclosure rule itself: every function of the door hides what
the office's threshold hides, and changes with it; only `unprotected_for_checking` gives the
hidden counts back."""

from __future__ import annotations

from commissioner_desk import published
from commissioner_desk.published.disclosure import SuppressionRule
from commissioner_desk.published.suppression_store import save_suppression
from commissioner_desk.queries.map_cube import load_map_cube
from commissioner_desk.queries.series import ChartRequest, chart_data

from ..test_series import ESSEX, KENT, NRM, SURREY, put, series_of

Q = "2023-Q1"


def _figures(db) -> None:
    # Kent's 3 is small; Essex's 7 is small only under a threshold of 10.
    put(db, [(KENT, Q, 3, ""), (ESSEX, Q, 7, ""), (SURREY, Q, 260, "")])


def _hidden_on_map(db) -> set[str]:
    cube = published.map_cube(db, NRM)
    return {f.code for f in cube.values(Q).forces if f.status == "suppressed"}


def test_the_map_cube_hides_by_the_stored_threshold(db):
    _figures(db)
    assert load_map_cube(db, NRM).values(Q).force(KENT).count == 3  # stored as it came
    assert _hidden_on_map(db) == {KENT, ESSEX}  # 3, and 7 (else 270 − 3 − 260 gives it)
    values = published.map_values(db, NRM, Q)
    assert {f.code for f in values.forces if f.status == "suppressed"} == {KENT, ESSEX}
    save_suppression(db, SuppressionRule(1))
    assert _hidden_on_map(db) == set()  # nothing from 1 to 1: nothing hidden
    save_suppression(db, SuppressionRule(10))
    assert _hidden_on_map(db) == {KENT, ESSEX}


def test_a_chart_hides_by_the_stored_threshold(db):
    _figures(db)
    request = ChartRequest(NRM, forces=(KENT, ESSEX, SURREY))
    assert series_of(chart_data(db, request), KENT).values == (3.0,)  # the raw loader
    for chart in (published.series(db, request), published.series_cube(db, NRM).chart(request)):
        assert series_of(chart, KENT).values == (None,)
        assert series_of(chart, ESSEX).values == (None,)
        assert series_of(chart, SURREY).values == (260.0,)
    save_suppression(db, SuppressionRule(1))
    assert series_of(published.series(db, request), KENT).values == (3.0,)


def test_the_figures_table_shows_hidden_counts_only_when_asked(db):
    _figures(db)
    shown = {r.force_code: r for r in published.figure_table(db, NRM, Q)}
    assert shown[KENT].hidden and shown[KENT].value is None and shown[KENT].status == "hidden"
    assert shown[ESSEX].value is None and shown[SURREY].value == 260
    checking = {r.force_code: r for r in published.unprotected_for_checking(db, NRM, Q)}
    assert checking[KENT].hidden and checking[KENT].value == 3


def test_the_series_cube_offers_the_quarters_held(db):
    put(db, [(KENT, "2023-Q2", 50, ""), (ESSEX, "2022-Q4", 60, "")])
    cube = published.series_cube(db, NRM)
    assert cube.quarter_keys() == ["2022-Q4", "2023-Q2"]
    assert {c for c, _name in cube.forces_with_figures()} == {KENT, ESSEX}
