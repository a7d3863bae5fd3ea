"""The low-reporting rule is stored in the database for everyone: round trip, audit entry,
defaults when the stored text is unreadable, plain validation messages, and the overview and
map flags follow the stored rule."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import AppMeta, AuditEntry
from commissioner_desk.demo import LOW_REPORTERS, load_demo
from commissioner_desk.domain.enums import AuditAction
from commissioner_desk.queries.map_cube import load_map_cube
from commissioner_desk.queries.overview import overview
from commissioner_desk.stats.low_reporting import DEFAULT_RULE, LowReportingRule
from commissioner_desk.stats.rule_store import (
    RULE_KEY,
    describe_rule,
    flag_quarter,
    load_rule,
    map_flags,
    save_rule,
    validate_rule,
)

STRICT = LowReportingRule(fraction=0.1, quarters=6, nil_returns=5, min_population=50_000)


def _store(db: Database, text: str) -> None:
    with db.session() as s:
        s.merge(AppMeta(key=RULE_KEY, value=text))


def _audit(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        rows = s.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "app_meta").order_by(AuditEntry.id)
        ).all()
        s.expunge_all()
        return list(rows)


def test_no_stored_rule_means_the_default(db):
    assert load_rule(db) == DEFAULT_RULE


def test_a_saved_rule_is_read_back_by_another_user_and_audited(db):
    save_rule(db, STRICT)
    other = Database(db.url, user="colleague")  # another person on the same database
    try:
        assert load_rule(other) == STRICT
        changed = replace(STRICT, metric_key="ms_crimes_recorded")
        save_rule(other, changed)
        assert load_rule(db) == changed
    finally:
        other.dispose()
    entries = _audit(db)
    assert [(e.who, e.action) for e in entries] == [
        ("tester", AuditAction.INSERT),
        ("colleague", AuditAction.UPDATE),
    ]
    details = json.loads(entries[1].details)
    assert details["key"] == RULE_KEY
    old, new = (json.loads(v) for v in details["value"])
    assert old["metric_key"] == "nrm_referrals" and new["metric_key"] == "ms_crimes_recorded"


def test_saving_the_same_rule_again_writes_no_audit_entry(db):
    save_rule(db, STRICT)
    save_rule(db, STRICT)
    assert len(_audit(db)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "not json {",
        "[1, 2]",
        '{"fraction": "half"}',
        '{"fraction": 1.5}',
        '{"quarters": 0}',
        '{"metric_key": "no_such_metric"}',
        '{"metric_key": ["nrm_referrals"]}',
        '{"nil_returns": 9, "quarters": 4}',
        '{"min_population": true}',
    ],
)
def test_an_unreadable_stored_rule_falls_back_to_the_default(db, text):
    _store(db, text)
    assert load_rule(db) == DEFAULT_RULE


def test_missing_fields_take_defaults_and_unknown_ones_are_ignored(db):
    _store(db, '{"fraction": 0.3, "colour": "red"}')
    assert load_rule(db) == replace(DEFAULT_RULE, fraction=0.3)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"fraction": 0.0}, "more than 0% and less than 100% (it is 0%)"),
        ({"fraction": 1.0}, "(it is 100%)"),
        ({"quarters": 13}, "quarters must be from 1 to 12 (it is 13)"),
        ({"quarters": 0}, "quarters must be from 1 to 12 (it is 0)"),
        ({"nil_returns": 5}, "nil returns must be from 1 to the number of quarters looked at (4)"),
        ({"nil_returns": 0}, "it is 0"),
        ({"min_population": -1}, "from 0 to 10,000,000 people"),
        ({"min_population": 10_000_001}, "(it is 10,000,001)"),
        ({"metric_key": "referrals"}, '"referrals" is not a figure the returns hold'),
    ],
)
def test_validation_says_what_is_wrong(change, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        validate_rule(replace(DEFAULT_RULE, **change))


def test_an_invalid_rule_is_not_saved(db):
    with pytest.raises(ValueError, match="quarters"):
        save_rule(db, replace(DEFAULT_RULE, quarters=20))
    assert load_rule(db) == DEFAULT_RULE
    assert _audit(db) == []


def test_the_limits_themselves_are_allowed():
    validate_rule(LowReportingRule(fraction=0.01, quarters=12, nil_returns=12, min_population=0))
    validate_rule(LowReportingRule(fraction=0.99, quarters=1, nil_returns=1))


def test_described_with_the_figure_it_judges():
    text = describe_rule(replace(DEFAULT_RULE, metric_key="ms_crimes_recorded"))
    assert text.startswith("Modern slavery crimes recorded: rate per 100,000 below 50%")


def test_the_overview_follows_the_stored_rule(db, geo_dir):
    if geo_dir is None:
        pytest.skip("rates need ../shared/geo populations")
    load_demo(db, today=date(2016, 6, 1))
    default = overview(db)
    assert set(LOW_REPORTERS) <= {f.code for f in default.flags}
    save_rule(db, LowReportingRule(fraction=0.1))  # stricter: below a tenth of the median
    stored = overview(db)
    assert len(stored.flags) < len(default.flags)
    assert "below 10% of the median" in stored.rule
    assert all("10%" in f.reason or "nil returns" in f.reason for f in stored.flags)
    # A rule given explicitly still wins over the stored one.
    assert overview(db, DEFAULT_RULE).flags == default.flags


def test_map_flags_are_judged_at_the_latest_quarter_within_the_period(sqlite_db, geo_dir):
    if geo_dir is None:
        pytest.skip("rates need ../shared/geo populations")
    load_demo(sqlite_db, today=date(2016, 6, 1))
    cube = load_map_cube(sqlite_db, "nrm_referrals")
    assert flag_quarter(cube, "2015-Q3") == "2015-Q3"
    assert flag_quarter(cube, "2015") == "2015-Q4"
    assert flag_quarter(cube, "2015/16") == "2016-Q1"
    assert flag_quarter(cube, "1990") is None
    flags = map_flags(cube, "2015/16", DEFAULT_RULE)
    assert flags.quarter == "2016-Q1"
    assert set(LOW_REPORTERS) <= set(flags.reasons())
    assert all("2016-Q1" in reason for reason in flags.reasons().values())
    assert map_flags(cube, "1990", DEFAULT_RULE).flags == ()
    held = sum(1 for k in cube.periods if "-Q" in k)
    too_long = LowReportingRule(quarters=min(held + 1, 12), nil_returns=1)
    if held < 12:  # as on Home: not judged until the rule's quarters are all held
        assert map_flags(cube, "2016-Q1", too_long).flags == ()
