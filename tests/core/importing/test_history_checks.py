"""Figures far outside a force's own history are flagged before import, as warnings."""

from __future__ import annotations

from pathlib import Path

from commissioner_desk.importing import commit_plan, plan_file
from commissioner_desk.importing.many import check_plans

from .conftest import table, write_csv


def _file(tmp_path: Path, name: str, rows: list[list[object]]) -> Path:
    return write_csv(tmp_path / name, table(*rows, title=False))


def _history(db, resolver, tmp_path, values: dict[str, int]) -> None:
    rows = [["Kent", q, "nrm_referrals", "", v] for q, v in values.items()]
    commit_plan(db, plan_file(_file(tmp_path, "history.csv", rows), resolver))


def test_a_tenfold_jump_is_a_warning_at_its_cell(db, resolver, tmp_path):
    _history(db, resolver, tmp_path, {"2023-Q1": 40, "2023-Q2": 44, "2023-Q3": 38, "2023-Q4": 41})
    new = plan_file(
        _file(tmp_path, "new.csv", [["Kent", "2024-Q1", "nrm_referrals", "", 400]]), resolver
    )
    [checked] = check_plans(db, [new])
    [problem] = checked.warnings
    assert (problem.sheet, problem.cell) == ("new", "E2")
    assert "far above" in problem.message and "median 40" in problem.message
    assert checked.ok  # a warning: the figure still imports


def test_ordinary_movement_and_thin_history_are_left_alone(db, resolver, tmp_path):
    _history(db, resolver, tmp_path, {"2023-Q3": 40, "2023-Q4": 44})
    steady = plan_file(
        _file(
            tmp_path,
            "new.csv",
            [
                ["Kent", "2024-Q1", "nrm_referrals", "", 55],
                ["MPS", "2024-Q1", "nrm_referrals", "", 9],
            ],
        ),
        resolver,
    )
    [checked] = check_plans(db, [steady])
    assert checked.warnings == ()  # Kent within 3x; the Met has no history to judge by
    drop = plan_file(
        _file(tmp_path, "drop.csv", [["Kent", "2024-Q1", "nrm_referrals", "", 3]]), resolver
    )
    [checked] = check_plans(db, [drop])
    assert "far below" in checked.warnings[0].message
