"""The Trends page: what it plots equals the series core's figures, gaps stay gaps, forces are
compared (at most eight), stacks, legend toggles, hover readout and exports."""

from __future__ import annotations

import csv
from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from sqlalchemy import select

from commissioner_desk.db.models import Force, ImportBatch, Metric, Observation
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.demo import load_demo
from commissioner_desk.domain.enums import BatchKind, ObservationStatus
from commissioner_desk.domain.periods import Period
from commissioner_desk.queries.series import ChartRequest, chart_data
from tests.ui.loading import changed, open_page
from ui.pages.trends import page as trends_module

NRM = "nrm_referrals"
KENT, ESSEX, SURREY = "E23000032", "E23000028", "E23000031"


def put(db, figures: list[tuple[str, str, int | str]], metric: str = NRM) -> None:
    """Current figures, unbroken down: (force code, period key, value or status word)."""
    with db.session() as s:
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="test")
        s.add(batch)
        s.flush()
        ids = ensure_periods(s, sorted({Period.from_key(p) for _, p, _ in figures}))
        forces = dict(s.execute(select(Force.code, Force.id)).all())
        metric_id = s.scalar(select(Metric.id).where(Metric.key == metric))
        for code, period, value in figures:
            number = isinstance(value, int)
            s.add(
                Observation(
                    force_id=forces[code],
                    period_id=ids[period],
                    metric_id=metric_id,
                    breakdown="",
                    status=ObservationStatus.VALUE if number else ObservationStatus(value),
                    value=value if number else None,
                    batch_id=batch.id,
                )
            )


def plotted(page, key: str) -> np.ndarray:
    """The y data the chart holds for a series."""
    n = next(i for i, s in enumerate(page.chart.data.series) if s.key == key)
    return np.asarray(page.chart.curves[n].yData, dtype=float)


def expected(values) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def tick(page, code: str) -> None:
    """Tick a force as a user does: its check box in the list."""
    page.picker.item_for(code).setCheckState(Qt.CheckState.Checked)


def open_trends(qtbot, window):
    changed(qtbot, window)
    open_page(qtbot, window, "trends")
    return window.page("trends")


@pytest.fixture
def demo_page(qtbot, window):
    load_demo(window.db, today=date(2016, 6, 1))
    return open_trends(qtbot, window)


def test_national_line_is_the_series_cores_figures(demo_page, window):
    want = chart_data(window.db, ChartRequest(NRM))
    assert demo_page.chart.data.periods == want.periods
    assert [s.key for s in demo_page.chart.data.series] == ["national"]
    np.testing.assert_array_equal(plotted(demo_page, "national"), expected(want.series[0].values))
    assert demo_page.stack.currentWidget() is demo_page.chart
    assert demo_page.chart.watermark.shown  # demo figures are marked DEMO


def test_ticking_forces_adds_their_lines_beside_all_forces(demo_page, window):
    tick(demo_page, KENT)
    tick(demo_page, ESSEX)
    assert [s.key for s in demo_page.chart.data.series] == [KENT, ESSEX]
    demo_page.picker.include_all.setChecked(True)
    data = demo_page.chart.data
    assert [s.key for s in data.series] == [KENT, ESSEX, "national"]
    assert data.series[0].label == "Kent Police"
    want = chart_data(window.db, ChartRequest(NRM, forces=(KENT, ESSEX), include_national=True))
    for s in want.series:
        np.testing.assert_array_equal(plotted(demo_page, s.key), expected(s.values))
    shown = [c for c in demo_page.chart.curves if c.isVisible()]
    assert len(shown) == 3
    demo_page.picker.clear_button.click()
    assert [s.key for s in demo_page.chart.data.series] == ["national"]


def test_a_ninth_force_is_refused_with_a_message(demo_page):
    codes = [c for c, _ in demo_page._cube.forces_with_figures()]
    for code in codes[:8]:
        tick(demo_page, code)
    assert demo_page.picker.message.text() == ""
    tick(demo_page, codes[8])
    assert demo_page.picker.item_for(codes[8]).checkState() == Qt.CheckState.Unchecked
    assert "at most 8 forces" in demo_page.picker.message.text()
    assert demo_page.picker.ticked() == tuple(codes[:8])
    demo_page.picker.include_all.setChecked(True)
    assert len(demo_page.chart.data.series) == 9  # eight forces and all forces


def test_search_narrows_the_force_list(demo_page):
    demo_page.picker.search.setText("kent")
    shown = [
        demo_page.picker.list.item(r).text()
        for r in range(demo_page.picker.list.count())
        if not demo_page.picker.list.item(r).isHidden()
    ]
    assert shown == ["Kent Police"]


def test_a_missing_quarter_is_a_gap_never_zero(qtbot, window):
    put(window.db, [(KENT, "2023-Q1", 10), (KENT, "2023-Q3", 14), (KENT, "2023-Q4", 6)])
    put(window.db, [(ESSEX, q, 5) for q in ("2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4")])
    put(window.db, [(SURREY, "2023-Q2", "suppressed"), (SURREY, "2023-Q3", "nil")])
    page = open_trends(qtbot, window)
    tick(page, KENT)
    tick(page, SURREY)
    assert page.chart.data.periods == ("2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4")
    kent = plotted(page, KENT)
    assert np.isnan(kent[1]) and kent[1] != 0
    np.testing.assert_array_equal(kent[[0, 2, 3]], [10, 14, 6])
    surrey = plotted(page, SURREY)
    assert np.isnan(surrey[0]) and np.isnan(surrey[1])  # missing, then suppressed
    assert surrey[2] == 0  # a nil return is a real nought
    assert page.chart.curves[0].opts["connect"] == "finite"  # so NaN breaks the line
    assert "Kent Police: – (missing)" in page.chart.readout_for(1)
    assert "Surrey Police: – (suppressed [c])" in page.chart.readout_for(1)


def test_small_counts_are_gaps_marked_c_in_the_readout_and_the_export(
    qtbot, window, tmp_path, monkeypatch
):
    # Kent's 3 is small; Essex's 17, the smallest other, would give it back from the total.
    put(window.db, [(KENT, "2023-Q1", 3), (KENT, "2023-Q2", 30)])
    put(window.db, [(ESSEX, "2023-Q1", 17), (ESSEX, "2023-Q2", 20)])
    put(window.db, [(SURREY, "2023-Q1", 260), (SURREY, "2023-Q2", 250)])
    page = open_trends(qtbot, window)
    for code in (KENT, ESSEX, SURREY):
        tick(page, code)
    kent, essex = plotted(page, KENT), plotted(page, ESSEX)
    assert np.isnan(kent[0]) and np.isnan(essex[0]) and kent[1] == 30 and essex[1] == 20
    readout = page.chart.readout_for(0)
    assert "Kent Police: – (suppressed [c])" in readout
    assert " 3 " not in readout and "17" not in readout
    monkeypatch.setattr(trends_module, "ask_save_path", lambda *a: tmp_path / "t.csv")
    with page.export(".csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][2:5] == ["suppressed", "suppressed", "260"]
    assert not {"3", "17"} & {c for row in rows[1:] for c in row[2:5]}


def test_stacked_areas_draw_one_fill_per_series(demo_page):
    demo_page.stack_box.setCurrentIndex(demo_page.stack_box.findData("age"))
    data = demo_page.chart.data
    assert data.stacked and [s.key for s in data.series] == ["adult", "child", "unknown"]
    fills = [f for f in demo_page.chart.fills if f.isVisible()]
    assert len(fills) == len(data.series)
    assert all(not f.path().isEmpty() for f in fills)
    # Each curve is the running total: the top one is the sum of the parts.
    top = plotted(demo_page, "unknown")
    parts = sum(expected(s.values) for s in data.series)
    np.testing.assert_allclose(top, parts)


def test_legend_click_hides_and_shows_a_line(qtbot, demo_page):
    tick(demo_page, KENT)
    demo_page.picker.include_all.setChecked(True)
    chart = demo_page.chart
    sample = chart.legend.sample_for("Kent Police")
    spot = chart.mapFromScene(sample.sceneBoundingRect().center())
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert not chart.curves[0].isVisible()
    assert chart.hidden == {KENT}
    assert "Kent Police" not in chart.readout_for(3)
    assert [s.key for s in chart.shown_data().series] == ["national"]
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert chart.curves[0].isVisible() and not chart.hidden


def test_hover_readout_gives_the_exact_value(qtbot, demo_page):
    chart = demo_page.chart
    data = chart.data
    i = 5
    vb = chart.plot_item.getViewBox()
    scene = vb.mapViewToScene(QPointF(chart.xs[i], data.series[0].values[i] / 2))
    qtbot.mouseMove(chart.viewport(), chart.mapFromScene(scene))
    assert chart.hover_index == i
    assert chart.hover.visible
    value = f"{int(data.series[0].values[i]):,}"
    text = chart.hover.box.toolTip()
    assert f"All forces: {value} (" in text
    assert "forces counted" in text
    assert text.splitlines()[0].endswith(f"({data.labels[i]})")


def test_exports_write_png_svg_and_csv(demo_page, tmp_path, monkeypatch):
    asked = []

    def fake_ask(parent, title, suggested, filters):
        asked.append(filters)
        return tmp_path / f"chart{len(asked)}"  # no extension: the kind asked for is added

    monkeypatch.setattr(trends_module, "ask_save_path", fake_ask)
    png = demo_page.export(".png")
    svg = demo_page.export(".svg")
    table = demo_page.export(".csv")
    assert [p.suffix for p in (png, svg, table)] == [".png", ".svg", ".csv"]
    assert QImage(str(png)).width() == 2000
    assert "<svg" in svg.read_text(encoding="utf-8")
    with table.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [[str(v) for v in row] for row in demo_page.chart.data.table()]
    assert "PNG" in asked[0] and "SVG" in asked[1] and "CSV" in asked[2]


def test_a_chart_that_cannot_be_drawn_says_why(demo_page):
    demo_page.breakdown_box.setCurrentIndex(demo_page.breakdown_box.findData("age=child"))
    demo_page.stack_box.setCurrentIndex(demo_page.stack_box.findData("age"))
    assert demo_page.stack.currentWidget() is demo_page.message
    assert "already limited to one age" in demo_page.message.text()
    assert not demo_page.export_button.isEnabled()


def test_empty_database_offers_import_and_demo(qtbot, window):
    page = open_trends(qtbot, window)
    assert page.stack.currentWidget() is page.empty_box
    asked = []
    page.command_requested.disconnect(window.run_command)  # only see what it asks for
    page.command_requested.connect(asked.append)
    buttons = {b.text(): b for b in page.empty_box.findChildren(type(page.export_button))}
    buttons["Load demo data"].click()
    assert asked == ["load_demo"]


def test_show_metric_opens_a_forces_trend(demo_page, geo_dir):
    if geo_dir is None:
        pytest.skip("rates need the population file in ../shared/geo")
    demo_page.show_metric("ms_crimes_recorded", KENT)
    request = demo_page.current_request()
    assert request.metric_key == "ms_crimes_recorded"
    assert request.forces == (KENT,)
    assert [s.key for s in demo_page.chart.data.series] == [KENT]  # counts: no total beside
    demo_page.measure_box.setCurrentIndex(demo_page.measure_box.findData("rate"))
    demo_page.show_metric(NRM, ESSEX)
    assert [s.key for s in demo_page.chart.data.series] == [ESSEX, "national"]  # rates: with
    demo_page.show_metric(NRM)
    assert [s.key for s in demo_page.chart.data.series] == ["national"]


def test_choices_survive_a_refresh(qtbot, demo_page, window):
    demo_page.measure_box.setCurrentIndex(demo_page.measure_box.findData("rate"))
    demo_page.grain_box.setCurrentIndex(demo_page.grain_box.findData("financial_year"))
    tick(demo_page, KENT)
    changed(qtbot, window)
    request = demo_page.current_request()
    assert (request.measure, request.granularity, request.forces) == (
        "rate",
        "financial_year",
        (KENT,),
    )
    assert not demo_page.rolling_check.isEnabled()  # rolling sums are for quarters


def test_a_line_hidden_in_the_legend_is_left_out_of_exports(demo_page, tmp_path, monkeypatch):
    tick(demo_page, KENT)
    tick(demo_page, ESSEX)
    demo_page.chart.toggle_series(KENT)
    monkeypatch.setattr(trends_module, "ask_save_path", lambda *a: tmp_path / "shown.csv")
    with demo_page.export(".csv").open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header == ["Period", "Starts", "Essex Police"]
    from ui.charts.export import chart_for_file

    chart = chart_for_file(demo_page.chart.data, hidden=demo_page.chart.hidden)
    try:
        assert [label.text for _sample, label in chart.legend.items] == ["Essex Police"]
        assert chart.colours == demo_page.chart.colours  # Essex keeps its colour
    finally:
        chart.close()
        chart.deleteLater()
