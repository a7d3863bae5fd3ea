"""Every figure on Home opens its detail, by mouse or by keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from commissioner_desk.demo import load_demo
from tests.ui.loading import changed, open_page, wait_loaded


@pytest.fixture
def home(qtbot, window):
    load_demo(window.db, today=date(2016, 6, 1))
    changed(qtbot, window)
    open_page(qtbot, window, "home")
    return window.page("home")


@pytest.mark.parametrize(
    ("card", "page"),
    [("figures", "figures"), ("returns", "returns"), ("forces", "forces"), ("span", "trends")],
)
def test_summary_cards_click_through(qtbot, window, home, card, page):
    qtbot.mouseClick(home.card(card), Qt.MouseButton.LeftButton)
    assert window.current_page().key == page


def test_key_figure_opens_its_trend_by_keyboard(qtbot, window, home):
    card = home.card("ms_crimes_recorded")
    assert card.toolTip().startswith("Open the trend")
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    wait_loaded(qtbot, window)
    assert window.current_page().key == "trends"
    assert window.page("trends").current_request().metric_key == "ms_crimes_recorded"


def test_cards_without_a_page_yet_do_nothing(qtbot, window, home):
    qtbot.mouseClick(home.card("meetings"), Qt.MouseButton.LeftButton)
    assert window.current_page().key == "home"
    assert not home.card("meetings").toolTip()
