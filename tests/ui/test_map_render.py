"""The national map drawn to real images: colours, hatching, legend, hexes, exports, command."""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from commissioner_desk.demo import load_demo
from commissioner_desk.domain.forces import ForceKind, load_registry
from commissioner_desk.maps.boundaries import CITY, default_boundaries_path, load_boundaries
from commissioner_desk.maps.hexes import load_hex_layout
from commissioner_desk.maps.palettes import NO_RETURN
from commissioner_desk.maps.values import BTP
from commissioner_desk.queries.map_cube import map_values
from ui.map.export import export_map, render_image
from ui.map.renderer import class_colours, make_spec

PERIOD = "2016-Q1"  # the latest complete quarter on 1 June 2016


@pytest.fixture
def values(sqlite_db):
    load_demo(sqlite_db, today=date(2016, 6, 1))
    found = map_values(sqlite_db, "nrm_referrals", PERIOD)
    return found


@pytest.fixture(scope="module")
def boundaries():
    path = default_boundaries_path()
    if path is None:
        pytest.skip("the shared boundary file is not available")
    return load_boundaries(path)


@pytest.fixture(scope="module")
def hexes():
    return load_hex_layout()


def _pixel(image, scale: float, point: QPointF) -> str:
    return QColor(image.pixel(round(point.x() * scale), round(point.y() * scale))).name()


def _with_missing(values):
    """The demo's own gaps, or one made: a force with no return."""
    from dataclasses import replace

    if any(f.status == "missing" for f in values.forces):
        return values
    forces = list(values.forces)
    i = next(i for i, f in enumerate(forces) if f.code == "E23000017")
    forces[i] = replace(forces[i], status="missing", count=None, value=None, rank=None)
    return replace(values, forces=tuple(forces))


@pytest.mark.parametrize("style", ["geo", "hex"])
def test_highest_force_is_darkest_and_legend_states_the_breaks(
    qapp, values, boundaries, hexes, style
):
    spec = make_spec(values, style=style)
    image, hits, scale = render_image(spec, boundaries, hexes, dpi=100)
    top = min((f for f in values.forces if f.rank is not None), key=lambda f: f.rank)
    darkest = class_colours(spec.palette, len(spec.classes))[-1]
    assert spec.classes.class_of(top.value) == len(spec.classes) - 1
    if top.code == CITY and style == "geo":
        point = hits.label_points[CITY]  # drawn in the London inset
    else:
        point = hits.label_points[top.code]
    if style == "hex":
        point = point + QPointF(0, 12)  # below the hexagon's label text
    assert _pixel(image, scale, point) == darkest
    assert hits.legend.class_labels == spec.classes.labels()
    for label in spec.classes.labels():
        assert label in hits.texts
    assert values.reporting_text in hits.texts
    assert values.period_label in hits.texts
    assert spec.classes.method_label in hits.texts


@pytest.mark.parametrize("style", ["geo", "hex"])
def test_missing_return_is_hatched_not_coloured(qapp, values, boundaries, hexes, style):
    values = _with_missing(values)
    spec = make_spec(values, style=style)
    image, hits, scale = render_image(spec, boundaries, hexes, dpi=150)
    missing = next(f for f in values.forces if f.status == "missing")
    centre = hits.label_points[missing.code]
    seen = {
        _pixel(image, scale, centre + QPointF(dx * 0.5, dy * 0.5))
        for dx in range(-8, 9)
        for dy in range(-8, 9)
    }
    assert NO_RETURN.fill in seen and NO_RETURN.pattern_colour in seen
    assert not seen & set(class_colours(spec.palette, len(spec.classes)))
    assert "no return" in hits.legend.class_labels + tuple(e.label for e in hits.legend.non_values)


def test_hex_map_has_every_territorial_force_once_and_btp(qapp, values, boundaries, hexes):
    spec = make_spec(values, style="hex")
    _, hits, _ = render_image(spec, None, hexes, dpi=72)
    territorial = {r.code for r in load_registry() if r.kind is ForceKind.TERRITORIAL}
    assert territorial <= set(hits.paths)
    assert all(len(hits.paths[c]) == 1 for c in territorial)
    assert BTP in hits.paths
    assert hits.force_at(hits.label_points["E23000001"]) == "E23000001"
    assert hits.force_at(hits.label_points[BTP]) == BTP


def test_city_of_london_can_be_clicked_on_the_geographic_map(qapp, values, boundaries, hexes):
    _, hits, _ = render_image(make_spec(values), boundaries, hexes, dpi=72)
    assert hits.force_at(hits.label_points[CITY]) == CITY
    assert hits.paths[CITY][-1].boundingRect().width() >= 6  # big enough to click


def test_geographic_map_needs_boundaries(qapp, values, hexes):
    with pytest.raises(ValueError, match="boundary file"):
        render_image(make_spec(values), None, hexes, dpi=72)


def test_exports_write_png_svg_and_pdf(qapp, values, boundaries, hexes, tmp_path):
    spec = make_spec(values, attribution=("Source: test attribution.",))
    png = export_map(spec, tmp_path / "m.png", boundaries, hexes, dpi=72)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = export_map(spec, tmp_path / "m.svg", boundaries, hexes)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "Source: test attribution." in svg.read_text(encoding="utf-8")
    pdf = export_map(spec, tmp_path / "m.pdf", boundaries, hexes)
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 1000
    with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
        export_map(spec, tmp_path / "m.jpg", boundaries, hexes)


def test_map_command_writes_the_file(qapp, sqlite_db, tmp_path, capsys):
    from ui.cli import UserError
    from ui.commands import map as map_command

    load_demo(sqlite_db, today=date(2016, 6, 1))
    out = tmp_path / "hex.png"
    args = argparse.Namespace(
        database=sqlite_db.url,
        data_dir=str(tmp_path / "data"),
        geo_dir=None,
        metric="nrm_referrals",
        breakdown="age=child",
        period="2016 Q1",
        measure="rate",
        style="hex",
        classes="jenks",
        palette="Purples",
        out=str(out),
    )
    assert map_command.run(args) == 0
    assert out.stat().st_size > 0
    assert "Wrote the hex map" in capsys.readouterr().out
    with pytest.raises(UserError, match="KEY=VALUE"):
        map_command.run(argparse.Namespace(**{**vars(args), "breakdown": "child"}))
    with pytest.raises(UserError, match='No metric is called "nope"'):
        map_command.run(argparse.Namespace(**{**vars(args), "metric": "nope"}))


def test_demo_maps_carry_a_demo_watermark(qapp, values, boundaries, hexes):
    _, plain, _ = render_image(make_spec(values, style="hex"), boundaries, hexes, dpi=72)
    _, demo, _ = render_image(make_spec(values, style="hex", demo=True), boundaries, hexes, dpi=72)
    assert "DEMO" not in plain.texts and "DEMO" in demo.texts
