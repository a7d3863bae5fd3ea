"""The shell as a user meets it: empty state, demo data in and out, every page, saved layout."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from commissioner_desk.demo import load_demo
from tests.ui.loading import changed, open_page, wait_loaded
from ui.main_window import PAGES, MainWindow

PAGE_KEYS = [spec.key for spec in PAGES]


def _wait_idle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win._operations and not win.loader.busy(), timeout=120_000)


def test_empty_database_shows_welcome_with_demo_button(window, problems):
    home = window.page("home")
    assert window.current_page() is home
    assert home.load_demo_button.isVisible()
    assert "DEMO" not in window.windowTitle()
    assert not window.banner.isVisible()
    assert problems == []


def test_load_demo_from_empty_state_then_remove_it(qtbot, window, problems, monkeypatch):
    qtbot.mouseClick(window.page("home").load_demo_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, window)
    assert problems == []
    assert window.banner.isVisible()
    assert window.windowTitle().endswith("DEMO")
    figures_card = window.page("home").card("figures").value.text()
    assert int(figures_card.replace(",", "")) > 10_000

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.remove_demo()
    _wait_idle(qtbot, window)
    assert problems == []
    assert not window.banner.isVisible()
    assert window.page("home").load_demo_button.isVisible()


def test_remove_demo_asks_first_and_cancel_keeps_it(qtbot, window, monkeypatch):
    load_demo(window.db, today=date(2016, 6, 1))
    changed(qtbot, window)
    asked = []

    def cancel(*args, **kwargs):
        asked.append(args)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    window.remove_demo()
    _wait_idle(qtbot, window)
    assert asked, "removing data must ask first"
    assert window.banner.isVisible()


def test_every_page_shows_data(qtbot, window, problems):
    load_demo(window.db, today=date(2016, 6, 1))
    changed(qtbot, window)
    # The first ten pages have Ctrl+1…Ctrl+0; any after them are opened from the View menu.
    for n, key in enumerate(window.page_keys[:10], start=1):
        qtbot.keyClick(window, Qt.Key.Key_0 + n % 10, Qt.KeyboardModifier.ControlModifier)
        assert window.current_page().key == key
    for key in window.page_keys[10:]:
        window.show_page(key)
        assert window.current_page().key == key
    forces = window.page("forces")
    open_page(qtbot, window, "forces")
    assert forces.model.rowCount() >= 47
    forces.search.setText("devon")
    assert forces.proxy.rowCount() == 1
    forces.view.setCurrentIndex(forces.proxy.index(0, 0))
    assert "E23000035" in forces.detail.text()

    figures = window.page("figures")
    open_page(qtbot, window, "figures")
    assert figures.period_box.currentText() == "2016-Q1"
    assert figures.model.rowCount() > 40
    figures.view.setCurrentIndex(figures.proxy.index(0, 0))
    assert "DEMO" in figures.detail.text()
    assert "Import batch" in figures.detail.text()
    assert problems == []


def test_window_layout_and_page_are_remembered(qtbot, workspace, problems):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    win.open_database()
    win.resize(700, 520)  # inside the 800x600 offscreen screen; width may stop at the minimum
    size = (win.size().width(), win.size().height())
    assert size[1] == 520
    open_page(qtbot, win, "forces")
    win.close()
    saved = json.loads((workspace.folder / "settings.json").read_text())
    assert saved["window_state"]["main/page"] == "forces"
    assert "main/geometry" in saved["window_state"]
    again = MainWindow(workspace)
    qtbot.addWidget(again)
    assert again.current_page().key == "forces"
    assert (again.size().width(), again.size().height()) == size
    again.close()
    win.db.dispose()


def test_about_names_version_and_data_attribution(window, geo_dir):
    from commissioner_desk import __version__
    from ui.about import about_html

    html = about_html(window)
    assert __version__ in html
    assert "Open Government Licence" in html
    assert "Crown copyright" in html


def test_unopenable_database_shows_a_plain_message(qtbot, tmp_path, problems):
    from commissioner_desk.workspace import locate

    ws = locate("postgresql://nobody@127.0.0.1:1/none", tmp_path / "d", None)
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.open_database()
    assert win.db is None
    assert problems and "could not be opened" in problems[0]
    assert not win.act_load_demo.isEnabled()


@pytest.mark.parametrize("scale", ["1.25", "1.5"])
def test_self_test_passes_at_high_dpi_scales(tmp_path, scale):
    import subprocess
    import sys

    env = {"QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale, "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(tmp_path), "self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["ok"] and set(report["pages"]) == set(PAGE_KEYS)


def test_force_detail_shows_what_the_force_said_with_its_returns(qtbot, window):
    load_demo(window.db)  # the demo's latest returns carry free-text context
    changed(qtbot, window)
    page = open_page(qtbot, window, "forces")
    from commissioner_desk.queries.forces import force_texts

    with_text = next(r for r in page.model.rows if force_texts(window.db, r.code))
    said = force_texts(window.db, with_text.code)[0]
    page.search.setText(with_text.code)
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    assert said.period in page.detail.text() and "(DEMO)" in page.detail.text()


def test_long_lists_of_missing_forces_do_not_widen_the_window(qtbot, window):
    # An empty quarter names all 43 missing forces on the Figures page: it must wrap.
    from commissioner_desk.demo import load_demo

    load_demo(window.db, today=date(2014, 8, 1))  # 2014-Q2 only: most forces present
    changed(qtbot, window)
    page = open_page(qtbot, window, "figures")
    page.count_label.setText("No figures from 43: " + ", ".join(["Kent Police"] * 43))
    assert page.count_label.minimumSizeHint().width() < 600


def test_home_overview_flags_low_reporters_and_clicks_through(qtbot, window, geo_dir):
    from commissioner_desk.demo import LOW_REPORTERS

    if geo_dir is None:
        pytest.skip("rates need the population file in ../shared/geo")
    load_demo(window.db, today=date(2016, 6, 1))
    changed(qtbot, window)
    home = window.page("home")
    flagged = [home.flags.item(i) for i in range(home.flags.count())]
    codes = {item.data(256) for item in flagged}  # Qt.ItemDataRole.UserRole
    assert set(LOW_REPORTERS) <= codes
    assert all("median" in item.text() or "nil" in item.text() for item in flagged)
    assert home.movers.count() == 5
    assert "on a year before" in home.card("nrm_referrals").note.text()
    home._open_force(flagged[0])
    wait_loaded(qtbot, window)
    assert window.current_page().key == "profile"
    profile = window.page("profile")
    assert profile.profile.code == flagged[0].data(256) and profile.profile.flag is not None
