"""The cell-level diff shown before committing: new, changed, unchanged, not in the new file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from commissioner_desk.demo import load_demo
from commissioner_desk.domain.enums import ObservationStatus
from commissioner_desk.importing import commit_plan
from commissioner_desk.importing.commit.diff import NOT_IN_FILE, NOT_IN_FILE_NOTE, diff_plan

from .conftest import KENT, MET
from .test_commit import NRM, ROWS, plan_rows
from .test_commit_texts import CONTEXT, PARTNERS, with_texts

VICTIMS = "Duty to Notify reports"  # a second metric for the same force and period


def by_key(diffs) -> dict[tuple, object]:
    return {(d.force_code, d.period_key, d.metric_key, d.breakdown): d for d in diffs}


def test_first_import_is_all_new(db, tmp_path, resolver):
    plan = plan_rows(tmp_path, resolver)
    diff = diff_plan(db, plan)
    assert [d.kind for d in diff.figures] == ["new"] * len(ROWS)
    assert [d.new for d in diff.figures] == list(plan.figures)
    assert diff.not_in_file == () and not diff.writes_nothing
    assert diff.figures[0].old_status is None and diff.figures[0].old_file is None


def test_corrected_file_against_the_current_figures(db, tmp_path, resolver):
    first = commit_plan(db, plan_rows(tmp_path, resolver))
    corrected = [
        ("Kent", "2024-Q3", NRM, None, "[c]"),  # was 10: value to suppressed
        ("Kent", "2024-Q3", NRM, "Adult", 6),  # new breakdown
        ("Kent", "2024-Q2", NRM, None, "[c]"),  # unchanged
        ("Metropolitan Police Service", "2024-Q3", NRM, None, 251),  # was 250
    ]  # Kent 2024-Q3 Child (4) is left out
    plan = plan_rows(tmp_path, resolver, corrected, name="kent v2.xlsx")
    diff = diff_plan(db, plan)

    assert [d.kind for d in diff.figures] == ["changed", "new", "unchanged", "changed"]
    kent = diff.figures[0]
    assert (kent.old_status, kent.old_value) == (ObservationStatus.VALUE, 10)
    assert (kent.old_file, kent.old_sheet, kent.old_cell) == ("kent.xlsx", "Returns", "E6")
    assert (kent.new.status, kent.new.value, kent.new.location) == (
        ObservationStatus.SUPPRESSED,
        None,
        "Returns!E6",
    )
    assert kent.old_batch_id == first.batch_id and not kent.old_is_demo
    met = diff.figures[3]
    assert (met.force_name, met.old_value, met.new.value, met.old_cell) == (
        "Metropolitan Police Service",
        250,
        251,
        "E9",
    )
    (left_out,) = diff.not_in_file
    assert (left_out.kind, left_out.force_code, left_out.breakdown) == (
        NOT_IN_FILE,
        KENT,
        "age=child",
    )
    assert (left_out.force_name, left_out.old_value, left_out.old_cell) == ("Kent Police", 4, "E7")
    assert left_out.new is None
    assert (diff.count("new"), diff.count("changed"), diff.count("unchanged")) == (1, 2, 1)
    assert diff.count(NOT_IN_FILE) == 1

    # The commit does what the preview said, and keeps the figure the file left out.
    out = commit_plan(db, plan)
    assert (out.added, out.superseded, out.unchanged) == (3, 2, 1)
    after = diff_plan(db, plan)
    assert after.writes_nothing and len(after.not_in_file) == 1


def test_only_the_same_force_period_and_metric_count_as_left_out(db, tmp_path, resolver):
    commit_plan(db, plan_rows(tmp_path, resolver))
    commit_plan(
        db, plan_rows(tmp_path, resolver, [("Kent", "2024-Q3", VICTIMS, None, 2)], "v.xlsx")
    )
    plan = plan_rows(tmp_path, resolver, [("Kent", "2024-Q3", NRM, None, 10)], name="t.xlsx")
    diff = diff_plan(db, plan)
    assert [d.kind for d in diff.figures] == ["unchanged"]
    # Kent's child breakdown for the same metric is listed; the other metric, the other period
    # and the other force are not.
    assert [(d.metric_key, d.period_key, d.breakdown) for d in diff.not_in_file] == [
        ("nrm_referrals", "2024-Q3", "age=child")
    ]


def test_demo_figure_with_the_same_value_is_replaced(db, tmp_path, resolver):
    today = date(2014, 12, 1)
    load_demo(db, today=today)
    blank = plan_rows(tmp_path, resolver, [("Kent", "2014-Q2", NRM, None, 0)], today=today)
    demo = diff_plan(db, blank).figures[0]
    assert demo.old_is_demo and demo.old_file == "demo (synthetic)"
    same = replace(
        blank, figures=(replace(blank.figures[0], status=demo.old_status, value=demo.old_value),)
    )
    (d,) = diff_plan(db, same).figures
    assert (d.kind, d.old_is_demo, d.old_value) == ("changed", True, demo.old_value)


def test_answers_are_diffed_too(db, tmp_path, resolver):
    commit_plan(db, with_texts(plan_rows(tmp_path, resolver), (KENT, "2024-Q3", CONTEXT, "A.")))
    plan = with_texts(
        plan_rows(tmp_path, resolver),
        (KENT, "2024-Q3", CONTEXT, "B."),
        (MET, "2024-Q3", PARTNERS, "C."),
    )
    diff = diff_plan(db, plan)
    assert [(t.kind, t.old_text) for t in diff.texts] == [("changed", "A."), ("new", None)]
    assert not diff.writes_nothing  # the figures are unchanged, the answers are not


def test_to_json(db, tmp_path, resolver):
    commit_plan(db, plan_rows(tmp_path, resolver))
    rows = [("Kent", "2024-Q3", NRM, None, 12)]
    plan = with_texts(
        plan_rows(tmp_path, resolver, rows, "k.xlsx"), (KENT, "2024-Q3", CONTEXT, "x")
    )
    doc = json.loads(json.dumps(diff_plan(db, plan).to_json()))
    assert doc["summary"] == {
        "new": 0,
        "changed": 1,
        "unchanged": 0,
        "not_in_file": 1,
        "texts": {"new": 1, "changed": 0, "unchanged": 0},
    }
    assert doc["figures"][0] == {
        "kind": "changed",
        "force_code": KENT,
        "force_name": "Kent Police",
        "period": "2024-Q3",
        "metric": "nrm_referrals",
        "breakdown": {},
        "new": {"status": "reported", "value": 12, "source": "Returns!E6"},
        "old": {
            "status": "reported",
            "value": 10,
            "file": "kent.xlsx",
            "source": "Returns!E6",
            "batch_id": doc["figures"][0]["old"]["batch_id"],
            "demo": False,
        },
    }
    assert doc["not_in_file"][0]["breakdown"] == {"age": "child"}
    assert doc["not_in_file"][0]["new"] is None
    assert doc["not_in_file_note"] == NOT_IN_FILE_NOTE and "not deleted" in NOT_IN_FILE_NOTE
    assert doc["texts"][0]["kind"] == "new" and doc["texts"][0]["source"] == "Returns!H2"
