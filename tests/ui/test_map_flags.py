"""The low-reporting overlay on the map: off by default; when on, the demo's low reporters carry
the mark (outline and badge) on screen and in exports, the legend states the rule, and hovering
gives the reason. Flags follow the stored rule, whatever figure the map shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from commissioner_desk.demo import LOW_REPORTERS, load_demo
from commissioner_desk.maps.boundaries import default_boundaries_path, load_boundaries
from commissioner_desk.maps.hexes import load_hex_layout
from commissioner_desk.stats.low_reporting import LowReportingRule
from commissioner_desk.stats.rule_store import save_rule
from tests.core.cli_run import _cli, ready_dir  # noqa: F401 - ready_dir is a fixture
from tests.ui.loading import changed, open_page
from ui.map.export import render_image

LINCS = "E23000020"  # one of the demo's low reporters


@pytest.fixture
def page(qtbot, window):
    if window.ws.geo_dir is None:
        pytest.skip("rates need ../shared/geo populations")
    load_demo(window.db, today=date(2016, 6, 1))
    window.notify_changed()
    page = open_page(qtbot, window, "map")
    page.canvas.resize(900, 600)
    return page


def test_overlay_is_off_by_default_and_marks_the_low_reporters_when_on(page, problems):
    assert not page.flags_check.isChecked()
    spec = page.current_spec()
    assert spec.flags == {} and spec.flag_label == ""
    page.flags_check.setChecked(True)
    spec = page.current_spec()
    assert set(spec.flags) == set(LOW_REPORTERS)
    assert "below 50% of the median" in spec.flags[LINCS]
    assert spec.flag_label.startswith("Flagged as low reporting (rule: NRM referrals per 100,000")
    assert "4 quarters ending March 2016" in spec.flag_label
    assert "3 forces flagged as low reporting" in page.note.text()
    page.canvas.grab()
    assert spec.flag_label in page.canvas.hits.texts  # the legend entry is drawn
    tip = page.canvas.tooltip_for(LINCS)
    assert "Flagged as low reporting: Rate per 100,000 below 50%" in tip.replace("\n", " ")
    assert "Flagged" not in page.canvas.tooltip_for("E23000032")  # Kent: not flagged
    page.flags_check.setChecked(False)
    assert page.current_spec().flags == {}
    assert problems == []


def test_flags_follow_the_stored_rule_not_the_metric_shown(qtbot, page, window):
    page.flags_check.setChecked(True)
    page.metric_box.setCurrentIndex(page.metric_box.findData("ms_crimes_recorded"))
    page.measure_box.setCurrentIndex(page.measure_box.findData("rate"))
    assert set(page.current_spec().flags) == set(LOW_REPORTERS)  # judged on NRM referrals
    page.period_box.setCurrentIndex(page.period_box.findData("2015-Q3"))
    spec = page.current_spec()
    assert all("2015-Q3" in reason for reason in spec.flags.values())
    save_rule(window.db, LowReportingRule(fraction=0.1))
    changed(qtbot, window)  # as the menu does after saving
    spec = page.current_spec()
    assert spec.flags == {} and spec.flag_label.startswith("No force flagged")


def _lightness(image, scale: float, point: QPointF) -> int:
    return QColor(image.pixel(round(point.x() * scale), round(point.y() * scale))).lightness()


def _dark_share(image, scale: float, path) -> float:
    """The share of points along `path` drawn in near-black: the overlay's dashes."""
    points = [path.pointAtPercent(i / 200) for i in range(200)]
    return sum(_lightness(image, scale, p) < 50 for p in points) / len(points)


@pytest.mark.parametrize("style", ["hex", "geo"])
def test_flagged_outline_is_drawn_in_every_style(page, style):
    boundaries = None
    if style == "geo":
        path = default_boundaries_path()
        if path is None:
            pytest.skip("the shared boundary file is not available")
        boundaries = load_boundaries(path)
    page.flags_check.setChecked(True)
    spec = replace(page.current_spec(), style=style, demo=False)
    plain = replace(spec, flags={}, flag_label="")
    hexes = load_hex_layout()
    image, hits, scale = render_image(spec, boundaries, hexes, dpi=150)
    before, _, _ = render_image(plain, boundaries, hexes, dpi=150)
    lincs = hits.paths[LINCS][0]
    assert _dark_share(image, scale, lincs) > 0.3  # dashes: mostly ink, short gaps
    assert _dark_share(before, scale, lincs) < 0.05
    kent = hits.paths["E23000032"][0]
    assert _dark_share(image, scale, kent) < 0.05  # unflagged areas keep their usual edge
    box = hits.badges[LINCS]  # the "!" badge: a dark disc with a white mark
    ring = QPointF(box.center().x() + box.width() * 0.3, box.center().y())
    assert _lightness(image, scale, ring) < 50 and _lightness(before, scale, ring) > 50
    assert set(hits.badges) == set(LOW_REPORTERS)
    assert hits.force_at(box.center()) == LINCS  # a click on the badge is a click on the force


def test_map_command_draws_the_overlay_by_the_stored_rule(ready_dir, tmp_path, geo_dir):  # noqa: F811
    if geo_dir is None:
        pytest.skip("rates need ../shared/geo populations")
    from commissioner_desk.db.database import Database
    from commissioner_desk.settings import DB_FILE_NAME

    db = Database(f"sqlite:///{(ready_dir / DB_FILE_NAME).as_posix()}")
    load_demo(db, today=date(2016, 6, 1))
    save_rule(db, LowReportingRule(fraction=0.21))  # flags two of the three
    db.dispose()
    out = tmp_path / "flags.svg"
    args = ["map", "--metric", "dtn_reports", "--period", "2016-Q1", "--style", "hex"]
    done = _cli(ready_dir, *args, "--low-reporting", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "2 forces flagged as low reporting" in done.stdout
    svg = out.read_text(encoding="utf-8")
    assert "Flagged as low reporting (rule:" in svg and "21%" in svg  # the legend, wrapped
    assert "stroke-dasharray" in svg  # the dashed outline
    plain = tmp_path / "plain.svg"
    done = _cli(ready_dir, *args, "--out", str(plain))
    assert done.returncode == 0, done.stderr
    assert "flagged" not in done.stdout
    assert "Flagged" not in (text := plain.read_text(encoding="utf-8"))
    assert "stroke-dasharray" not in text
