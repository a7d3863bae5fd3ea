"""The office's own metrics wherever a built-in one is offered (map, trends, Figures, briefing
pack, low-reporting rule, actions), and their figures shown as they are: an FTE decimal drawn
on the map to two places and never hidden by disclosure control; a percentage mapped without a
rate and charted for forces only."""

from __future__ import annotations

import pytest

from commissioner_desk.db.user_metrics import add_metric, remove_metric
from commissioner_desk.importing import commit_plan
from tests.core.figure_plans import DEVON, FTE, KENT, MET, SHARE, add_context_metrics, plan_of
from tests.ui.loading import changed, open_page
from ui.pack import dialog as pack_dialog

ROWS = [(KENT, "2024-Q1", FTE, 3456.78), (MET, "2024-Q1", FTE, 1.5), (DEVON, "2024-Q1", FTE, 2)]
ROWS += [(KENT, "2024-Q1", SHARE, 12.5), (MET, "2024-Q1", SHARE, 40)]


@pytest.fixture
def held(qtbot, window):
    add_context_metrics(window.db)
    commit_plan(window.db, plan_of(window.ws.folder / "context.xlsx", ROWS))
    changed(qtbot, window)
    return window


def _keys(box) -> list[str]:
    return [box.itemData(i) for i in range(box.count())]


def _page(qtbot, window, key: str):
    return open_page(qtbot, window, key)


def test_user_metrics_are_offered_on_every_page_and_dialog_that_offers_metrics(qtbot, held):
    for key in ("map", "trends", "figures"):
        assert _keys(_page(qtbot, held, key).metric_box)[-2:] == [FTE, SHARE], key
    dialog = pack_dialog.PackDialog(held)
    assert _keys(dialog.metric_box)[-2:] == [FTE, SHARE]
    dialog.deleteLater()
    from ui.pages.actions.dialog import ActionDialog
    from ui.rule_dialog import RuleDialog

    rule = RuleDialog(held, held.db)
    assert FTE not in _keys(rule.metric_box)  # the rule judges counts only
    rule.deleteLater()
    action = ActionDialog(held, held.db)
    assert _keys(action.metric_box)[-2:] == [FTE, SHARE]
    action.deleteLater()


def test_a_metric_added_or_removed_shows_on_open_pages_at_once(qtbot, held):
    page = _page(qtbot, held, "map")
    add_metric(held.db, "total_crime", "Total recorded crime", "count")
    changed(qtbot, held)
    assert _keys(page.metric_box)[-1] == "total_crime"
    page.metric_box.setCurrentIndex(page.metric_box.findData("total_crime"))
    remove_metric(held.db, "total_crime")
    changed(qtbot, held)
    assert "total_crime" not in _keys(page.metric_box)
    assert page.metric_box.currentData() == "nrm_referrals"  # the first, not a stale choice


def test_a_decimal_metric_draws_on_the_map_without_disclosure_control(qtbot, held, problems):
    page = _page(qtbot, held, "map")
    page.metric_box.setCurrentIndex(page.metric_box.findData(FTE))
    assert page.breakdown_box.count() == 1  # the office's metrics have a total only
    assert page.period_box.currentData() == "2024-Q1"
    spec = page.current_spec()
    assert spec.values.unit == "decimal" and spec.subtitle.startswith("Figure")
    met = spec.values.force(MET)
    assert (met.status, met.count) == ("value", 1.5)  # small, yet shown: not a count
    assert spec.classes.decimals == 2
    page.canvas.resize(900, 600)
    page.canvas.grab()
    assert "Figure: 3,456.78" in page.canvas.tooltip_for(KENT)
    assert "Figure: 1.5" in page.canvas.tooltip_for(MET)
    assert "[c]" not in page.canvas.tooltip_for(MET)
    assert problems == []


def test_a_percentage_is_mapped_as_it_is_and_charted_for_forces_only(qtbot, held):
    page = _page(qtbot, held, "map")
    page.measure_box.setCurrentIndex(page.measure_box.findData("rate"))
    page.metric_box.setCurrentIndex(page.metric_box.findData(SHARE))
    assert page.measure_box.currentData() == "count" and page.measure_box.currentText() == (
        "Percentage"
    )
    assert not page.measure_box.model().item(1).isEnabled()
    assert page.current_spec().values.force(MET).count == 40

    trends = _page(qtbot, held, "trends")
    trends.metric_box.setCurrentIndex(trends.metric_box.findData(SHARE))
    assert not trends.change_check.isEnabled() and not trends.rolling_check.isEnabled()
    assert "no all-forces line. Choose the forces to compare" in trends.message.text()
    trends.picker.set_ticked([KENT])
    assert trends.data is not None and trends.data.series[0].values == (12.5,)


def test_figures_page_shows_decimals_as_they_are(qtbot, held):
    page = _page(qtbot, held, "figures")
    page.metric_box.setCurrentIndex(page.metric_box.findData(FTE))
    page.period_box.setCurrentIndex(page.period_box.findData("2024-Q1"))
    shown = {r.force_code: r for r in page.model.rows}
    assert shown[MET].value == 1.5 and not shown[MET].hidden
    from ui.pages.figures.page import value_text

    assert value_text(shown[KENT]) == "3,456.78"
    assert "(disclosure control)" not in page.count_label.text()
