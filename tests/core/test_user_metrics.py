"""Metrics the office defines (db/user_metrics.py), on SQLite and PostgreSQL: added, renamed and
removed in audited transactions, refused in words, loaded into the live catalogue, and left alone
by the reference sync that keeps the built-ins in step with the code."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from commissioner_desk.db.models import AppMeta, AuditEntry, Metric
from commissioner_desk.db.reference import FINGERPRINT_KEY, sync_reference_data
from commissioner_desk.db.user_metrics import (
    MetricError,
    add_metric,
    list_metrics,
    load_user_metrics,
    remove_metric,
    rename_metric,
)
from commissioner_desk.domain.catalogue import METRICS, METRICS_BY_KEY, set_user_metrics
from commissioner_desk.domain.enums import AuditAction
from commissioner_desk.importing import commit_plan
from commissioner_desk.importing.commit.undo import undo_batch

from .figure_plans import FTE, KENT, plan_of


def _audit_after(db, mark: int) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.id > mark).order_by("id")))


def _mark(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.max(AuditEntry.id))) or 0


def test_add_rename_remove_are_audited_and_reach_the_catalogue(db):
    mark = _mark(db)
    info = add_metric(db, FTE, "  Police  officers (FTE) ", "decimal", "Home Office tables")
    assert (info.key, info.name, info.unit, info.builtin) == (
        FTE,
        "Police officers (FTE)",
        "decimal",
        False,
    )
    assert info.created_by == "tester" and info.figures == 0
    assert METRICS_BY_KEY[FTE].label == "Police officers (FTE)"
    assert METRICS_BY_KEY[FTE].unit == "decimal" and not METRICS_BY_KEY[FTE].builtin

    renamed = rename_metric(db, FTE, "Officers (full-time equivalent)")
    assert renamed.name == "Officers (full-time equivalent)"
    assert METRICS_BY_KEY[FTE].label == "Officers (full-time equivalent)"
    remove_metric(db, FTE)
    assert FTE not in METRICS_BY_KEY

    entries = [(e.action, e.table_name, e.who) for e in _audit_after(db, mark)]
    assert entries == [
        (AuditAction.INSERT, "metrics", "tester"),
        (AuditAction.UPDATE, "metrics", "tester"),
        (AuditAction.DELETE, "metrics", "tester"),
    ]
    inserted, updated, deleted = _audit_after(db, mark)
    assert json.loads(inserted.details)["unit"] == "decimal"
    assert json.loads(inserted.details)["builtin"] is False
    assert json.loads(updated.details) == {
        "label": ["Police officers (FTE)", "Officers (full-time equivalent)"]
    }
    assert json.loads(deleted.details)["key"] == FTE


def test_an_unchanged_name_writes_nothing(db):
    add_metric(db, FTE, "Police officers (FTE)", "decimal")
    mark = _mark(db)
    rename_metric(db, FTE, "Police officers (FTE)")
    assert _audit_after(db, mark) == []


def test_list_shows_builtins_first_with_how_many_figures_use_each(db, tmp_path):
    add_metric(db, "total_crime", "Total recorded crime", "count")
    add_metric(db, FTE, "Police officers (FTE)", "decimal")
    commit_plan(db, plan_of(tmp_path / "w.xlsx", [(KENT, "2024-Q1", FTE, 3456.78)]))
    rows = list_metrics(db)
    assert [r.key for r in rows] == [m.key for m in METRICS] + ["total_crime", FTE]
    assert all(r.builtin and r.unit == "count" for r in rows[: len(METRICS)])
    assert {r.key: r.figures for r in rows}[FTE] == 1
    assert rows[-1].to_json()["builtin"] is False


def test_a_new_session_loads_the_office_metrics(db):
    add_metric(db, FTE, "Police officers (FTE)", "decimal")
    set_user_metrics(())  # as in a new process
    assert FTE not in METRICS_BY_KEY
    loaded = load_user_metrics(db)
    assert [m.key for m in loaded] == [FTE] and METRICS_BY_KEY[FTE].dimensions == ()


def test_the_reference_sync_leaves_the_office_metrics_alone(db, geo_dir):
    add_metric(db, FTE, "Police officers (FTE)", "decimal", "mine")
    with db.session() as s:
        s.get(AppMeta, FINGERPRINT_KEY).value = "stale"  # as after an upgrade of the app
        builtin = s.scalar(select(Metric).where(Metric.key == "nrm_referrals"))
        builtin.label = "Changed by hand"
    assert sync_reference_data(db, geo_dir)
    with db.session() as s:
        mine = s.scalar(select(Metric).where(Metric.key == FTE))
        assert (mine.label, mine.unit, mine.builtin, mine.description) == (
            "Police officers (FTE)",
            "decimal",
            False,
            "mine",
        )
        assert s.scalar(select(Metric.label).where(Metric.key == "nrm_referrals")) == (
            "NRM referrals"
        )
        assert set(s.scalars(select(Metric.unit).where(Metric.builtin))) == {"count"}


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("Officers", "cannot be a key"),
        ("officers-fte", "Try officers_fte"),
        ("1st_quarter", "starting with a letter"),
        ("x", "2 to 60"),
        ("a" * 61, "2 to 60"),
        ("nrm_referrals", "is a built-in metric"),
    ],
)
def test_keys_that_are_refused(db, key, words):
    with pytest.raises(MetricError, match=words):
        add_metric(db, key, "Something new", "count")


def test_refusals_of_names_units_and_descriptions(db):
    add_metric(db, FTE, "Police officers (FTE)", "decimal")
    with pytest.raises(MetricError, match="is a metric already"):
        add_metric(db, FTE, "Another name", "decimal")
    with pytest.raises(MetricError, match="already the name of officers_fte"):
        add_metric(db, "fte_again", "POLICE officers  (fte)", "decimal")
    with pytest.raises(MetricError, match="already the name of nrm_referrals"):
        add_metric(db, "referrals", "nrm referrals", "count")
    with pytest.raises(MetricError, match="would be taken for the key ms_charges"):
        add_metric(db, "charges", "MS charges", "count")
    with pytest.raises(MetricError, match="Give the metric a name"):
        add_metric(db, "blank", "   ", "count")
    with pytest.raises(MetricError, match="too long"):
        add_metric(db, "long_name", "x" * 121, "count")
    with pytest.raises(MetricError, match="too long"):
        add_metric(db, "long_text", "Long text", "count", "x" * 401)
    with pytest.raises(MetricError, match="one of count, decimal, percent"):
        add_metric(db, "ratio", "A ratio", "ratio")
    with db.session() as s:  # nothing of any refusal was stored
        assert s.scalar(select(func.count()).where(Metric.builtin.is_(False))) == 1


def test_builtins_cannot_be_renamed_or_removed_and_unknown_keys_are_named(db):
    with pytest.raises(MetricError, match="is built in: it cannot be renamed"):
        rename_metric(db, "nrm_referrals", "Referrals")
    with pytest.raises(MetricError, match="is built in: it cannot be removed"):
        remove_metric(db, "staff_trained")
    with pytest.raises(MetricError, match='There is no metric "nope"'):
        remove_metric(db, "nope")
    add_metric(db, FTE, "Police officers (FTE)", "decimal")
    add_metric(db, "total_crime", "Total recorded crime", "count")
    with pytest.raises(MetricError, match="is already the name of total_crime"):
        rename_metric(db, FTE, "total recorded CRIME")


def test_a_metric_with_figures_current_or_earlier_is_not_removed(db, tmp_path):
    add_metric(db, FTE, "Police officers (FTE)", "decimal")
    first = commit_plan(db, plan_of(tmp_path / "a.xlsx", [(KENT, "2024-Q1", FTE, 3000.5)]))
    second = commit_plan(
        db, plan_of(tmp_path / "b.xlsx", [(KENT, "2024-Q1", FTE, 3001.25)], sha="cd" * 32)
    )
    with pytest.raises(MetricError, match="2 figures use it") as caught:
        remove_metric(db, FTE)
    assert "undo the imports" in str(caught.value) and "Nothing was changed" in str(caught.value)
    undo_batch(db, second.batch_id)  # the earlier version is current again: still in use
    with pytest.raises(MetricError, match="1 figure use it"):
        remove_metric(db, FTE)
    undo_batch(db, first.batch_id)
    remove_metric(db, FTE)
    assert FTE not in METRICS_BY_KEY


def test_a_metric_named_by_an_action_a_mapping_or_the_rule_is_not_removed(db):
    from dataclasses import replace

    from commissioner_desk.importing.layouts.profiles import save_profile
    from commissioner_desk.network.actions import ActionDraft, create_action
    from commissioner_desk.stats.low_reporting import DEFAULT_RULE
    from commissioner_desk.stats.rule_store import save_rule

    add_metric(db, "total_crime", "Total recorded crime", "count")
    action = create_action(db, ActionDraft("Compare with all crime", metric_key="total_crime"))
    save_profile(db, "0" * 64, name="ONS crime table", metric_key="total_crime")
    save_rule(db, replace(DEFAULT_RULE, metric_key="total_crime"))
    with pytest.raises(MetricError) as caught:
        remove_metric(db, "total_crime")
    message = str(caught.value)
    assert f"the action log names it ({action.reference})" in message
    assert "saved import mappings use it (ONS crime table)" in message
    assert "the low-reporting rule judges it" in message
    assert "total_crime" in METRICS_BY_KEY


def test_the_low_reporting_rule_judges_counts_only(db):
    from dataclasses import replace

    from commissioner_desk.stats.low_reporting import DEFAULT_RULE
    from commissioner_desk.stats.rule_store import rule_metrics, save_rule

    add_metric(db, FTE, "Police officers (FTE)", "decimal")
    add_metric(db, "total_crime", "Total recorded crime", "count")
    assert [m.key for m in rule_metrics()][-1] == "total_crime"
    assert FTE not in {m.key for m in rule_metrics()}
    with pytest.raises(ValueError, match='"officers_fte" is not a count'):
        save_rule(db, replace(DEFAULT_RULE, metric_key=FTE))
