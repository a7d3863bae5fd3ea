"""Boundary files: the shared ONS file loads and projects correctly; broken files are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commissioner_desk.domain.forces import ForceKind, load_registry
from commissioner_desk.maps.boundaries import (
    SHARED_VINTAGE,
    BoundaryError,
    default_boundaries_path,
    load_boundaries,
    london_inset,
    project_lonlat,
)
from commissioner_desk.maps.geometry import inside_distance

SHARED = default_boundaries_path()
needs_geo = pytest.mark.skipif(SHARED is None, reason="shared boundary file not available")

CITY, MET = "E23000034", "E23000001"
# A small square in the City of London, anticlockwise, closed.
CITY_SQUARE = [[-0.10, 51.51], [-0.08, 51.51], [-0.08, 51.52], [-0.10, 51.52], [-0.10, 51.51]]


def feature(code: object = CITY, ring: object = None, **props: object) -> dict:
    properties = {"code": code, "name": "London, City of", **props} if code else props
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Polygon", "coordinates": [CITY_SQUARE if ring is None else ring]},
    }


def write(tmp_path: Path, doc: object, name: str = "areas.geojson") -> Path:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def collection(*features: dict, **extra: object) -> dict:
    return {"type": "FeatureCollection", "features": list(features), **extra}


@needs_geo
def test_shared_file_has_every_territorial_force() -> None:
    boundaries = load_boundaries(SHARED, vintage=SHARED_VINTAGE)
    territorial = {r.code for r in load_registry() if r.kind is ForceKind.TERRITORIAL}
    assert len(boundaries.areas) == 45
    assert set(boundaries.codes) == territorial
    assert {"S23000009", "N92000002"} <= set(boundaries.codes)
    assert sum(c[0] in "EW" for c in boundaries.codes) == 43
    assert boundaries.warnings == ()
    assert boundaries.vintage == "December 2023"
    # Great Britain and Northern Ireland in metres: Scilly to Shetland, Antrim to Lowestoft.
    box = boundaries.bbox
    assert -10_000 < box.min_x < 20_000 and 640_000 < box.max_x < 670_000
    assert 0 < box.min_y < 15_000 and 1_200_000 < box.max_y < 1_230_000


@needs_geo
def test_areas_and_label_points() -> None:
    boundaries = load_boundaries(SHARED)
    city, met = boundaries.get(CITY), boundaries.get(MET)
    assert city is not None and met is not None
    assert city.area_km2 == pytest.approx(2.9, rel=0.10)
    assert met.area_km2 == pytest.approx(1572, rel=0.02)  # Greater London less the City
    assert city.name == "London, City of"
    for area in boundaries.areas:
        assert area.bbox.contains(*area.label_point), area.code
        # Inside one of its polygons, not in the sea or in a hole.
        assert max(inside_distance(area.label_point, p.rings) for p in area.polygons) > 0, area.code
        for polygon in area.polygons:
            assert all(ring[0] == ring[-1] and len(ring) >= 4 for ring in polygon.rings)


def test_projection_of_charing_cross() -> None:
    x, y = project_lonlat(-0.1276, 51.5073)
    assert abs(x - 530_000) < 200 and abs(y - 180_400) < 200


@needs_geo
def test_london_inset_frames_met_and_city() -> None:
    boundaries = load_boundaries(SHARED)
    inset = london_inset(boundaries)
    assert inset is not None
    for code in (MET, CITY):
        box = boundaries.get(code).bbox
        assert inset.contains(box.min_x, box.min_y) and inset.contains(box.max_x, box.max_y)
    # Close around London: at most about 80 km across, far smaller than the country.
    assert inset.width < 80_000 and inset.height < 80_000
    assert inset.width > boundaries.get(MET).bbox.width


def test_london_inset_none_without_london(tmp_path: Path) -> None:
    ring = [[-3.0, 54.5], [-2.9, 54.5], [-2.9, 54.6], [-3.0, 54.6], [-3.0, 54.5]]
    path = write(tmp_path, collection(feature("E23000002", ring)))
    assert london_inset(load_boundaries(path)) is None


@needs_geo
def test_loading_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    assert load_boundaries(SHARED) is load_boundaries(SHARED)
    path = write(tmp_path, collection(feature()))
    first = load_boundaries(path)
    write(tmp_path, collection(feature(), feature("E23000001")))
    second = load_boundaries(path)
    assert len(first.areas) == 1 and len(second.areas) == 2


def test_small_file_warns_about_missing_forces(tmp_path: Path) -> None:
    boundaries = load_boundaries(write(tmp_path, collection(feature())))
    assert boundaries.codes == (CITY,)
    assert len(boundaries.warnings) == 44
    assert any("Kent Police (E23000032)" in w for w in boundaries.warnings)


def test_vintage_from_the_file(tmp_path: Path) -> None:
    named = write(tmp_path, collection(feature()), "PFA_December_2024_EW_BUC.geojson")
    assert load_boundaries(named).vintage == "December 2024"
    assert load_boundaries(named, vintage="May 2025").vintage == "May 2025"
    declared = write(tmp_path, collection(feature(), vintage="2021"), "a.geojson")
    assert load_boundaries(declared).vintage == "2021"
    undated = write(tmp_path, collection(feature()), "outlines.geojson")
    assert load_boundaries(undated).vintage.startswith("file dated ")


def test_ons_field_names_are_read(tmp_path: Path) -> None:
    ons = feature(None, PFA24CD="E23000034", PFA24NM="London, City of")
    boundaries = load_boundaries(write(tmp_path, collection(ons), "x.geojson"))
    assert boundaries.codes == (CITY,)
    assert boundaries.areas[0].name == "London, City of"
    assert boundaries.vintage == "2024"


def test_british_national_grid_file(tmp_path: Path) -> None:
    ring = [[531000, 181000], [533000, 181000], [533000, 182000], [531000, 182000]]
    ring.append(ring[0])
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
    boundaries = load_boundaries(write(tmp_path, collection(feature(CITY, ring), crs=crs)))
    area = boundaries.areas[0]
    assert area.area_km2 == pytest.approx(2.0)
    assert area.label_point == pytest.approx((532000, 181500))


UNCLOSED = [*CITY_SQUARE[:-1], [-0.10, 51.515]]
BAD_FILES = {
    "not json": ('{"type": "FeatureCollection", "features": [', "not valid GeoJSON"),
    "not a collection": ({"type": "Feature", "features": []}, "not a GeoJSON FeatureCollection"),
    "unknown code": (collection(feature(), feature("E23000099")), "E23000099"),
    "not territorial": (collection(feature("BTP")), "BTP"),
    "no code": (collection(feature(""), feature()), "feature 1 has no force code"),
    "duplicate": (collection(feature(), feature()), "features 1 and 2"),
    "unclosed ring": (collection(feature(ring=UNCLOSED)), "is not closed"),
    "too few points": (collection(feature(ring=CITY_SQUARE[:2] + CITY_SQUARE[:1])), "at least 4"),
    "text coordinates": (
        collection(feature(ring=[["a", "b"], *CITY_SQUARE[1:]])),
        "not pairs of numbers",
    ),
    "ragged": (collection(feature(ring=[[-0.1], *CITY_SQUARE[1:]])), "not pairs of numbers"),
    "outside the UK": (
        collection(feature(ring=[[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.85]])),
        "not in the UK",
    ),
    "no geometry": (
        collection({"type": "Feature", "properties": {"code": CITY}, "geometry": None}),
        "no polygon outline",
    ),
    "other crs": (
        collection(feature(), crs={"type": "name", "properties": {"name": "EPSG:3857"}}),
        "EPSG:3857",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_are_refused_with_the_file_name(tmp_path: Path, case: str) -> None:
    doc, expected = BAD_FILES[case]
    path = write(tmp_path, doc, "bad_boundaries.geojson")
    with pytest.raises(BoundaryError) as caught:
        load_boundaries(path)
    message = str(caught.value)
    assert "bad_boundaries.geojson" in message
    assert expected in message


def test_broken_ring_message_names_the_feature(tmp_path: Path) -> None:
    path = write(tmp_path, collection(feature(MET), feature(ring=UNCLOSED)))
    with pytest.raises(BoundaryError, match=r"feature 2 \(E23000034 London, City of\)"):
        load_boundaries(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BoundaryError, match="does not exist"):
        load_boundaries(tmp_path / "nowhere.geojson")
