"""The Force profile page: opened from the map and Home, shows the database's numbers, the
low-reporting flag with its reason, gaps in trends, and clear empty states."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from commissioner_desk.demo import LOW_REPORTERS, load_demo
from commissioner_desk.formatting import count
from commissioner_desk.published.disclosure import DEFAULT_SUPPRESSION
from commissioner_desk.queries.map_cube import map_values
from tests.ui.loading import changed, open_page, wait_loaded
from ui.charts.sparkline import Sparkline, SparkPoint, paint_sparkline

KENT = "E23000032"
TODAY = date(2016, 6, 1)  # demo quarters 2014-Q1 to 2016-Q1: quick to load


def _demo(qtbot, window):
    load_demo(window.db, today=TODAY)
    changed(qtbot, window)


def test_empty_database_then_no_force_chosen(qtbot, window, problems):
    page = open_page(qtbot, window, "profile")
    assert page.state() == "empty"
    _demo(qtbot, window)
    assert page.state() == "message" and "Choose a force" in page.message.text()
    assert page.picker.count() >= 43 and page.picker.findData(KENT) >= 0
    page.select_force("NOT-A-FORCE")
    assert page.state() == "message" and "NOT-A-FORCE" in page.message.text()
    assert problems == []


def test_show_force_opens_the_profile_with_the_databases_numbers(qtbot, window, qtmodeltester):
    _demo(qtbot, window)
    window.show_force(KENT)
    wait_loaded(qtbot, window)
    page = window.page("profile")
    assert window.current_page().key == "profile" and page.state() == "profile"
    assert page.name_label.text() == "Kent Police" and page.picker.currentData() == KENT
    mv = map_values(window.db, "nrm_referrals", "2016-Q1", rule=DEFAULT_SUPPRESSION)
    kent = mv.force(KENT)
    card = page.cards["nrm_referrals"]
    assert card.value_label.text() == count(kent.count)
    assert f"Rank {kent.rank} of {len(mv.values())}" in card.ranks.text()
    assert f"{kent.change:+.0f}% on 2015-Q1" in card.detail.text()
    points = card.spark.spark_points()
    assert len(points) == 12 and points[-1].label == "2016-Q1" and points[-1].value == kent.count
    assert "2016-Q1" in page.figures_title.text()
    # The pipeline table: referrals first, each stage per 100 of them.
    assert page.pipeline_model.rowCount() == 5
    assert page.pipeline_model.rows[0].metric_key == "nrm_referrals"
    qtmodeltester.check(page.pipeline_model)
    assert len(page.returns_strip.cells) == 8
    assert not page.flag_banner.isVisibleTo(page)


def test_a_flagged_force_shows_its_reason(qtbot, window, geo_dir):
    if geo_dir is None:
        pytest.skip("rates need the population file in ../shared/geo")
    _demo(qtbot, window)
    code = next(iter(LOW_REPORTERS))
    window.show_force(code)
    wait_loaded(qtbot, window)
    page = window.page("profile")
    assert page.flag_banner.isVisibleTo(page)
    assert page.profile.flag is not None
    assert "below 50% of the median" in page.flag_text.text()
    assert "Rule:" in page.flag_text.text()


def test_picking_a_force_and_clicking_a_card_opens_its_figures(window, qtbot):
    _demo(qtbot, window)
    page = open_page(qtbot, window, "profile")
    page.picker.activated.emit(page.picker.findData(KENT))
    assert page.state() == "profile" and page.profile.code == KENT
    card = page.cards["ms_crimes_recorded"]
    opened: list[str] = []
    card.clicked.connect(opened.append)
    page.scroll.ensureWidgetVisible(card.spark)
    qtbot.mouseClick(card.spark, Qt.MouseButton.LeftButton)  # once, not again by the card
    assert opened == ["ms_crimes_recorded"]
    assert window.current_page().key == "figures"
    wait_loaded(qtbot, window)  # opening Figures reads in the background, then chooses
    figures = window.page("figures")
    assert figures.metric_box.currentData() == "ms_crimes_recorded"
    assert figures.period_box.currentData() == "2016-Q1"
    assert figures.search.text() == "Kent Police" and figures.proxy.rowCount() == 1


def test_home_flagged_and_movers_lists_open_the_profile(qtbot, window):
    _demo(qtbot, window)
    home = window.page("home")
    item = home.movers.item(0)
    code = item.data(Qt.ItemDataRole.UserRole)
    home._open_force(item)
    wait_loaded(qtbot, window)
    assert window.current_page().key == "profile"
    assert window.page("profile").profile.code == code


def _ink(image: QImage, x: float, y: float) -> bool:
    """Anything drawn within a pixel of (x, y)."""
    white = QColor("white").rgb()
    return any(
        image.pixel(round(x) + dx, round(y) + dy) != white for dx in (-1, 0, 1) for dy in (-1, 0, 1)
    )


def test_sparkline_breaks_at_gaps_and_labels_the_last_point(qapp):
    points = [
        SparkPoint("2015-Q2", 10, "10"),
        SparkPoint("2015-Q3", None, "missing (no figure)"),
        SparkPoint("2015-Q4", 30, "30"),
        SparkPoint("2016-Q1", 20, "20"),
    ]
    image = QImage(300, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    geo = paint_sparkline(painter, QRectF(0, 0, 300, 60), points)
    painter.end()
    first, gap, third, last = geo.points
    assert gap is None and None not in (first, third, last)
    # Drawn between the third and last points; nothing across the gap.
    assert _ink(image, (third.x() + last.x()) / 2, (third.y() + last.y()) / 2)
    assert not _ink(image, (first.x() + third.x()) / 2, (first.y() + third.y()) / 2)
    assert last.x() < 300 - 10  # room kept on the right for the "20" label

    widget = Sparkline()
    widget.resize(300, 60)
    widget.set_points(points)
    widget.grab()  # paints, so the hit-testing knows where the points are
    assert widget.tooltip_at(widget.geometry_drawn.plot.left()) == "2015-Q2: 10"
    gap_x = (first.x() + third.x()) / 2
    assert widget.tooltip_at(gap_x) == "2015-Q3: missing (no figure)"


def test_missing_return_and_open_actions_are_said(qtbot, window):
    from sqlalchemy import select

    from commissioner_desk.db.models import ActionItem, Force
    from commissioner_desk.queries.register import returns_grid
    from commissioner_desk.queries.summary import OPEN_STATUSES

    _demo(qtbot, window)
    page = window.page("profile")
    grid = returns_grid(window.db, last="2016-Q1", today=TODAY)
    code = grid.chase_list("2016-Q1")[0][0].code  # the demo leaves two returns missing
    window.show_force(code)
    wait_loaded(qtbot, window)
    assert page.no_return.isVisibleTo(page) and "missing, not zero" in page.no_return.text()
    assert page.cards["nrm_referrals"].value_label.text() == "missing"
    window.show_force(KENT)
    wait_loaded(qtbot, window)
    assert not page.no_return.isVisibleTo(page)
    with window.db.session() as s:
        code, reference = s.execute(
            select(Force.code, ActionItem.reference)
            .join(Force, Force.id == ActionItem.force_id)
            .where(ActionItem.status.in_(OPEN_STATUSES))
        ).first()
    window.show_force(code)
    wait_loaded(qtbot, window)
    assert reference in page.actions_label.text()
