"""Map › Low-reporting rule…: the dialog says the rule in words and what it would flag, as the
values change; the menu stores the rule for everyone and the pages flag by it."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.demo import LOW_REPORTERS, load_demo
from commissioner_desk.stats.low_reporting import DEFAULT_RULE, LowReportingRule
from commissioner_desk.stats.rule_store import load_rule, save_rule
from tests.ui.loading import changed, open_page
from ui.rule_dialog import RuleDialog


@pytest.fixture
def demo_db(sqlite_db, geo_dir):
    if geo_dir is None:
        pytest.skip("rates need ../shared/geo populations")
    load_demo(sqlite_db, today=date(2016, 6, 1))
    return sqlite_db


def test_dialog_shows_the_rule_and_what_it_flags_as_values_change(qtbot, demo_db):
    dialog = RuleDialog(None, demo_db, DEFAULT_RULE)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Low-reporting rule"
    assert dialog.rule() == DEFAULT_RULE
    assert dialog.words.text() == f"NRM referrals: {DEFAULT_RULE.describe()}."
    effect = dialog.effect.text()
    assert f"<b>{len(LOW_REPORTERS)} forces</b>" in effect and "March 2016" in effect
    assert "Lincolnshire" in effect
    assert not dialog.defaults_button.isEnabled()  # already the defaults

    dialog.fraction_box.setValue(10)  # far stricter: nobody is that low
    assert "below 10% of the median" in dialog.words.text()
    assert "<b>no force</b>" in dialog.effect.text()
    assert "The rule in force flags 3 forces" in dialog.effect.text()
    dialog.quarters_box.setValue(2)
    assert dialog.nil_box.maximum() == 2 and dialog.nil_box.value() == 2
    dialog.metric_box.setCurrentIndex(dialog.metric_box.findData("ms_crimes_recorded"))
    assert dialog.words.text().startswith("Modern slavery crimes recorded:")
    assert dialog.rule() == LowReportingRule(
        metric_key="ms_crimes_recorded", fraction=0.1, quarters=2, nil_returns=2
    )
    assert dialog.defaults_button.isEnabled()
    dialog.defaults_button.click()
    assert dialog.rule() == DEFAULT_RULE
    assert f"<b>{len(LOW_REPORTERS)} forces</b>" in dialog.effect.text()


def test_dialog_without_figures_says_there_is_nothing_to_flag(qtbot, sqlite_db):
    dialog = RuleDialog(None, sqlite_db, LowReportingRule(nil_returns=3, min_population=50_000))
    qtbot.addWidget(dialog)
    assert dialog.rule() == LowReportingRule(nil_returns=3, min_population=50_000)
    assert dialog.population_box.text() == "50,000 people"
    assert "No quarterly figures of NRM referrals yet" in dialog.effect.text()


def test_ask_starts_from_the_stored_rule_and_returns_none_when_cancelled(
    qtbot, sqlite_db, monkeypatch
):
    stored = LowReportingRule(fraction=0.3, quarters=6)
    save_rule(sqlite_db, stored)
    seen = []

    def cancel(self):
        seen.append(self.rule())
        return RuleDialog.DialogCode.Rejected

    monkeypatch.setattr(RuleDialog, "exec", cancel)
    assert RuleDialog.ask(None, sqlite_db) is None
    assert seen == [stored]
    monkeypatch.setattr(RuleDialog, "exec", lambda self: RuleDialog.DialogCode.Accepted)
    assert RuleDialog.ask(None, sqlite_db) == stored


def test_menu_saves_the_rule_for_everyone_and_pages_follow_it(qtbot, window, monkeypatch, problems):
    if window.ws.geo_dir is None:
        pytest.skip("rates need ../shared/geo populations")
    load_demo(window.db, today=date(2016, 6, 1))
    changed(qtbot, window)
    assert window.act_rule.isEnabled()
    assert window.act_rule.text() == "Low-reporting &rule…"
    home = window.page("home")
    assert "below 50% of the median" in home.rule.text()

    strict = LowReportingRule(fraction=0.21)
    monkeypatch.setattr(RuleDialog, "ask", classmethod(lambda cls, parent, db: strict))
    window.act_rule.trigger()
    assert load_rule(window.db) == strict
    open_page(qtbot, window, "home")
    assert "below 21% of the median" in home.rule.text()
    assert home.flags.count() == 2  # the two lowest of the three low reporters
    assert problems == []

    monkeypatch.setattr(RuleDialog, "ask", classmethod(lambda cls, parent, db: None))
    window.act_rule.trigger()  # cancelled: the stored rule stays
    assert load_rule(window.db) == strict
