"""Figures › Metrics…: every metric listed, the office's own added, renamed and removed (built-ins
read-only), refusals said in the dialog, and open pages told of each change."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from commissioner_desk.db.user_metrics import add_metric
from commissioner_desk.domain.catalogue import METRICS, METRICS_BY_KEY
from commissioner_desk.importing import commit_plan
from tests.core.figure_plans import FTE, KENT, plan_of
from ui import metrics_dialog
from ui.metric_form import MetricForm, key_from_name
from ui.metrics_dialog import MetricsDialog


def _select(dialog: MetricsDialog, key: str) -> None:
    row = [m.key for m in dialog.model.rows].index(key)
    dialog.view.selectRow(row)


def test_the_menu_opens_the_dialog_listing_every_metric(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(MetricsDialog, "exec", lambda self: shown.append(self) or 0)
    menus = {a.text(): a for a in window.menuBar().actions()}
    figures = {a.text(): a for a in menus["Fi&gures"].menu().actions()}
    assert figures["&Metrics…"].isEnabled()
    figures["&Metrics…"].trigger()
    [dialog] = shown
    assert [m.key for m in dialog.model.rows] == [m.key for m in METRICS]
    assert dialog.model.rows[0].builtin
    assert not dialog.rename_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert "Built in: it cannot be changed." in dialog.detail.text()
    qtbot.addWidget(dialog)


def test_model_passes_qt_checks(window, qtmodeltester):
    dialog = MetricsDialog(window, window.db, window.notify_changed)
    qtmodeltester.check(dialog.model)
    dialog.deleteLater()


def test_add_rename_and_remove_from_the_dialog(window, qtbot, monkeypatch):
    refreshed = []
    window.changed.connect(lambda: refreshed.append(True))
    dialog = MetricsDialog(window, window.db, window.notify_changed)
    qtbot.addWidget(dialog)

    form = MetricForm(dialog, window.db, None)
    qtbot.addWidget(form)
    form.name_edit.setText("Police officers (FTE)")
    assert form.key_edit.text() == "police_officers_fte"  # suggested from the name
    form.key_edit.clear()
    qtbot.keyClicks(form.key_edit, FTE)  # typed by hand: no longer follows the name
    form.name_edit.setText("Police officers (FTE)")
    assert form.key_edit.text() == FTE
    form.unit_box.setCurrentIndex(form.unit_box.findData("decimal"))
    form.description_edit.setText("Home Office police workforce tables")
    form.accept()
    assert form.result() == QDialog.DialogCode.Accepted and form.saved.key == FTE
    monkeypatch.setattr(MetricForm, "ask", classmethod(lambda cls, *a, **k: form.saved))
    dialog.add()
    assert METRICS_BY_KEY[FTE].unit == "decimal" and refreshed
    assert dialog.current().key == FTE  # the new metric is selected
    assert dialog.rename_button.isEnabled() and dialog.remove_button.isEnabled()
    assert "Home Office police workforce tables" in dialog.detail.text()
    assert dialog.model.rows[-1].to_json()["created_by"] == window.db.user

    rename = MetricForm(dialog, window.db, dialog.current())
    qtbot.addWidget(rename)
    assert rename.key_edit.isReadOnly()
    rename.name_edit.setText("Officers (full-time equivalent)")
    rename.accept()
    monkeypatch.setattr(MetricForm, "ask", classmethod(lambda cls, *a, **k: rename.saved))
    dialog.rename()
    assert dialog.current().name == "Officers (full-time equivalent)"

    asked = []
    monkeypatch.setattr(metrics_dialog, "confirm_removal", lambda _p, m: asked.append(m.key))
    dialog.remove()  # the answer was no (None): nothing removed
    assert asked == [FTE] and FTE in METRICS_BY_KEY
    monkeypatch.setattr(metrics_dialog, "confirm_removal", lambda _p, m: True)
    dialog.remove()
    assert FTE not in METRICS_BY_KEY
    assert FTE not in [m.key for m in dialog.model.rows]
    assert dialog.changed


def test_refusals_are_shown_in_the_form_and_nothing_typed_is_lost(window, qtbot):
    form = MetricForm(None, window.db, None)
    qtbot.addWidget(form)
    form.name_edit.setText("Charges again")
    form.key_edit.setText("ms_charges")
    form.accept()
    assert form.result() != QDialog.DialogCode.Accepted
    assert not form.error_label.isHidden()
    assert "is a built-in metric" in form.error_label.text()
    assert form.name_edit.text() == "Charges again"


def test_a_metric_in_use_is_not_removed_and_the_dialog_says_why(
    window, qtbot, monkeypatch, problems
):
    add_metric(window.db, FTE, "Police officers (FTE)", "decimal")
    commit_plan(window.db, plan_of(window.ws.folder / "w.xlsx", [(KENT, "2024-Q1", FTE, 3.5)]))
    dialog = MetricsDialog(window, window.db, window.notify_changed)
    qtbot.addWidget(dialog)
    _select(dialog, FTE)
    assert dialog.model.rows[-1].figures == 1
    assert "cannot be removed while figures use it" in dialog.detail.text()
    monkeypatch.setattr(metrics_dialog, "confirm_removal", lambda _p, m: True)
    dialog.remove()
    assert problems and "1 figure use it" in problems[-1]
    assert FTE in METRICS_BY_KEY


def test_keys_suggested_from_names():
    assert key_from_name("Police officers (FTE)") == "police_officers_fte"
    assert key_from_name("2024 population, mid-year") == "population_mid_year"
    assert key_from_name("") == ""
