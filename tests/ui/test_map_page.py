"""The Map page: controls, hover text, click through to the force's profile, export."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog

from commissioner_desk.demo import load_demo
from tests.ui.loading import open_page, wait_loaded


def _map_page(qtbot, window):
    load_demo(window.db, today=date(2016, 6, 1))
    window.notify_changed()
    page = open_page(qtbot, window, "map")
    page.canvas.resize(900, 600)
    page.canvas.grab()  # paints: the hits exist only once drawn
    return page


def test_map_page_draws_and_tells_about_a_force(qtbot, window, problems):
    page = _map_page(qtbot, window)
    assert page.period_box.currentText() == "2016-Q1"
    spec = page.current_spec()
    assert spec.demo and spec.values.period_key == "2016-Q1"
    kent = page.canvas.hits.label_points["E23000032"]
    assert page.canvas.force_at(kent) == "E23000032"
    text = page.canvas.tooltip_for("E23000032")
    assert text.startswith("Kent Police") and "Rank:" in text
    assert "forces reporting" in page.note.text()
    assert problems == []


def test_measure_style_and_classes_redraw(qtbot, window):
    page = _map_page(qtbot, window)
    page.measure_box.setCurrentIndex(page.measure_box.findData("rate"))
    page.style_box.setCurrentIndex(page.style_box.findData("hex"))
    page.classes_box.setCurrentIndex(page.classes_box.findData("jenks"))
    spec = page.current_spec()
    assert (spec.style, spec.values.measure, spec.classes.method) == ("hex", "rate", "jenks")
    page.canvas.grab()
    assert "BTP" in page.canvas.hits.paths  # BTP's own symbol on the hex map


def test_clicking_a_force_shows_its_profile(qtbot, window):
    page = _map_page(qtbot, window)
    page.canvas.force_clicked.emit("E23000032")
    wait_loaded(qtbot, window)
    assert window.current_page().key == "profile"
    profile = window.page("profile")
    assert profile.state() == "profile" and profile.name_label.text() == "Kent Police"
    assert profile.profile.period == "2016-Q1"


def test_export_writes_the_chosen_file(qtbot, window, tmp_path, monkeypatch):
    page = _map_page(qtbot, window)
    out = tmp_path / "map.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.export()
    assert out.read_bytes().startswith(b"%PDF")


def test_copy_puts_the_map_on_the_clipboard(qtbot, qapp, window):
    page = _map_page(qtbot, window)
    qapp.clipboard().clear()
    page.copy_button.click()
    image = qapp.clipboard().image()
    assert not image.isNull() and image.width() > 1000  # 250 mm at 150 dpi


def test_load_boundaries_from_the_map_menu(qtbot, window, tmp_path, monkeypatch, geo_dir):
    import shutil

    from PySide6.QtWidgets import QInputDialog

    if geo_dir is None:
        pytest.skip("needs the boundary file in ../shared/geo")
    page = _map_page(qtbot, window)
    newer = tmp_path / "pfa-2024.geojson"
    shutil.copyfile(geo_dir / "police_force_areas.geojson", newer)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(newer), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("December 2024", True))
    window.act_boundaries.trigger()
    assert "Loaded December 2024 boundaries: 45 areas." in page.note.text()
    assert page.current_spec() is not None and page._boundaries.vintage == "December 2024"


def test_png_export_asks_the_resolution(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QInputDialog

    page = _map_page(qtbot, window)
    out = tmp_path / "map.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (150, True))
    page.export()
    image = QImage(str(out))
    assert round(image.dotsPerMeterX() * 0.0254) == 150
    assert abs(image.width() - round(250 / 25.4 * 150)) <= 2  # 250 mm wide at 150 dpi


def test_geographic_map_labels_areas_with_room(qtbot, window):
    page = _map_page(qtbot, window)
    hits = page.canvas.hits
    assert "Kent" in hits.texts or "Lincs" in hits.texts  # some areas are labelled


def test_your_own_breaks(qtbot, window, monkeypatch, problems):
    from PySide6.QtWidgets import QInputDialog

    page = _map_page(qtbot, window)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("10, 50, 100", True))
    page.classes_box.setCurrentIndex(page.classes_box.findData("custom"))
    spec = page.current_spec()
    assert spec.classes.method == "custom" and spec.classes.breaks[:3] == (10, 50, 100)
    # Nonsense is refused in a sentence and the map keeps its earlier classes.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("100, 10", True))
    page.classes_box.setCurrentIndex(page.classes_box.findData("quantile"))
    page.classes_box.setCurrentIndex(page.classes_box.findData("custom"))
    assert page.classes_box.currentData() == "quantile"
    assert problems and "smallest to largest" in problems[-1]


def test_a_hidden_count_never_reaches_the_colours_tooltips_or_ranks(qtbot, window):
    from tests.core.test_series import ESSEX, KENT, SURREY, put

    # Kent's 3 is small; Essex's 17 would give it back from the national total.
    put(
        window.db,
        [(KENT, "2023-Q1", 3, ""), (ESSEX, "2023-Q1", 17, ""), (SURREY, "2023-Q1", 260, "")],
    )
    window.notify_changed()
    page = open_page(qtbot, window, "map")
    spec = page.current_spec()
    for code in (KENT, ESSEX):
        f = spec.values.force(code)
        assert (f.status, f.count, f.rate, f.value, f.rank) == (
            "suppressed",
            None,
            None,
            None,
            None,
        )
        text = page.canvas.tooltip_for(code)
        assert "[c]" in text and "Figure:" not in text and "17" not in text
    assert spec.values.force(SURREY).rank == 1 and len(spec.values.values()) == 1
    assert "Figure: 260" in page.canvas.tooltip_for(SURREY)
