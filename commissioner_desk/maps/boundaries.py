"""Police force area boundaries: read a GeoJSON file, check it, project it to British National Grid.

Everything downstream works in British National Grid (EPSG:27700) metres, x east and y north,
so distances and areas are true and Great Britain is not stretched as raw longitude/latitude
would be. The renderer flips y for the screen.

The file is normally WGS84 longitude/latitude (RFC 7946). An ONS download that declares
British National Grid in an old-style `crs` member is read as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

from commissioner_desk.domain.forces import ForceKind, ForceRecord, load_registry
from commissioner_desk.maps.geometry import (  # BBox and Polygon are part of this API too
    BBox,
    Point,
    Polygon,
    label_point,
    ring_area,
)
from commissioner_desk.maps.national_grid import project_lonlat
from commissioner_desk.paths import default_geo_dir

SHARED_FILE_NAME = "police_force_areas.geojson"
SHARED_VINTAGE = "December 2023"  # ONS PFA (December 2023), see shared/geo/SOURCE.md
MET, CITY = "E23000001", "E23000034"

# Generous boxes around the UK, Scilly to Shetland and Northern Ireland to Lowestoft.
_LON, _LAT = (-11.0, 3.0), (49.0, 61.5)
_EAST, _NORTH = (-300_000.0, 800_000.0), (-100_000.0, 1_300_000.0)
_ONS_CODE = re.compile(r"^[A-Z]{2,5}\d{2}CD$")  # PFA23CD, CTRY23CD…
_ONS_NAME = re.compile(r"^[A-Z]{2,5}\d{2}NM$")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_NAME_VINTAGE = re.compile(rf"(?:({_MONTHS})[ _-]*)?((?:19|20)\d\d)", re.IGNORECASE)


class BoundaryError(ValueError):
    """The boundary file cannot be used; the message names the file and the feature."""


@dataclass(frozen=True)
class Area:
    """One police force area in British National Grid metres."""

    code: str
    name: str
    polygons: tuple[Polygon, ...]
    bbox: BBox
    label_point: Point  # well inside the largest polygon, for the label and hit testing
    area_km2: float

    @property
    def rings(self) -> tuple[tuple[Point, ...], ...]:
        """Every ring of every polygon; fill with the odd-even rule so holes stay holes."""
        return tuple(ring for polygon in self.polygons for ring in polygon.rings)


@dataclass(frozen=True)
class Boundaries:
    areas: tuple[Area, ...]
    bbox: BBox
    vintage: str
    source: Path
    warnings: tuple[str, ...] = ()  # e.g. territorial forces the file has no outline for

    def get(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.areas)


def default_boundaries_path() -> Path | None:
    """The shared ONS file, or None when the app runs without boundaries."""
    geo = default_geo_dir()
    path = geo / SHARED_FILE_NAME if geo else None
    return path if path and path.is_file() else None


def load_boundaries(
    path: Path,
    registry: Iterable[ForceRecord] | None = None,
    *,
    vintage: str | None = None,
) -> Boundaries:
    """Read, check and project a boundary file; raise BoundaryError saying what is wrong.

    `registry` is the force list the codes must belong to (the app's own when None). The result
    is cached on the file's path, modification time and size, so reloading is free.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise BoundaryError(f"The boundary file {path} does not exist.") from None
    records = tuple(registry) if registry is not None else load_registry()
    return _load_cached(path.resolve(), stat.st_mtime_ns, stat.st_size, vintage, records)


def london_inset(boundaries: Boundaries, margin: float = 0.06) -> BBox | None:
    """The extent of the Metropolitan Police and City of London areas with a margin.

    The renderer draws this as an inset so that the City (2.9 km²) can be seen and clicked.
    None when the file has neither force.
    """
    boxes = [a.bbox for a in (boundaries.get(MET), boundaries.get(CITY)) if a]
    if not boxes:
        return None
    box = boxes[0]
    for other in boxes[1:]:
        box = box.union(other)
    return box.expanded(margin * max(box.width, box.height))


@lru_cache(maxsize=8)
def _load_cached(
    path: Path, _mtime_ns: int, _size: int, vintage: str | None, records: tuple[ForceRecord, ...]
) -> Boundaries:
    doc = _read_json(path)
    bng = _declares_bng(doc, path)
    features = doc["features"]
    parsed = [_parse_feature(f, n, path, bng) for n, f in enumerate(features, start=1)]
    _check_codes(parsed, path, records)

    # Project every vertex in one call: one call per ring would cost far more.
    arrays = [ring for _, _, polys in parsed for poly in polys for ring in poly]
    if not arrays:
        raise BoundaryError(f"The boundary file {path} has no features.")
    stacked = np.concatenate(arrays)
    xs, ys = (stacked[:, 0], stacked[:, 1]) if bng else project_lonlat(stacked[:, 0], stacked[:, 1])
    projected = np.column_stack((xs, ys))

    areas, start = [], 0
    for code, name, polys in parsed:
        polygons = []
        for poly in polys:
            rings = []
            for ring in poly:
                rings.append(projected[start : start + len(ring)])
                start += len(ring)
            polygons.append(rings)
        areas.append(_build_area(code, name, polygons))

    bbox = areas[0].bbox
    for area in areas[1:]:
        bbox = bbox.union(area.bbox)
    return Boundaries(
        areas=tuple(areas),
        bbox=bbox,
        vintage=vintage or _vintage(doc, path),
        source=path,
        warnings=_missing_forces(parsed, records),
    )


def _read_json(path: Path) -> dict:
    try:
        doc = json.loads(path.read_bytes())
    except OSError as exc:
        raise BoundaryError(f"The boundary file {path} cannot be read: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise BoundaryError(f"The boundary file {path} is not a text (GeoJSON) file.") from None
    except json.JSONDecodeError as exc:
        raise BoundaryError(
            f"The boundary file {path} is not valid GeoJSON: the text is broken at line "
            f"{exc.lineno}, column {exc.colno} ({exc.msg})."
        ) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise BoundaryError(
            f"The boundary file {path} is not a GeoJSON FeatureCollection (one feature per "
            "police force area)."
        )
    if not isinstance(doc.get("features"), list):
        raise BoundaryError(f"The boundary file {path} has no list of features.")
    return doc


def _declares_bng(doc: dict, path: Path) -> bool:
    crs = doc.get("crs")
    if crs is None:
        return False
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    if "27700" in name:
        return True
    if "4326" in name or "CRS84" in name:
        return False
    raise BoundaryError(
        f"The boundary file {path} uses the coordinate system {name or crs!r}. Save it as WGS84 "
        "longitude/latitude (EPSG:4326) or British National Grid (EPSG:27700)."
    )


def _property(props: dict, key: str, ons: re.Pattern[str]) -> object:
    if key in props:
        return props[key]
    return next((v for k, v in props.items() if ons.match(k)), None)  # ONS: PFA23CD, PFA23NM


def _parse_feature(
    feature: object, number: int, path: Path, bng: bool
) -> tuple[str, str, list[list[np.ndarray]]]:
    where = f"The boundary file {path}, feature {number}"
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        raise BoundaryError(f"{where} has no properties (it needs a code and a name).")
    code = _property(props, "code", _ONS_CODE)
    if not isinstance(code, str) or not code.strip():
        raise BoundaryError(f"{where} has no force code (property 'code').")
    code = code.strip()
    name = _property(props, "name", _ONS_NAME)
    name = name.strip() if isinstance(name, str) and name.strip() else code
    where += f" ({code} {name})"

    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon") or not isinstance(coords, list) or not coords:
        raise BoundaryError(f"{where} has no polygon outline (geometry type {kind}).")
    polys = [coords] if kind == "Polygon" else coords
    return (
        code,
        name,
        [_parse_polygon(p, f"{where}, polygon {i}", bng) for i, p in enumerate(polys, start=1)],
    )


def _parse_polygon(poly: object, where: str, bng: bool) -> list[np.ndarray]:
    if not isinstance(poly, list) or not poly:
        raise BoundaryError(f"{where} is empty.")
    return [_parse_ring(ring, f"{where}, ring {i}", bng) for i, ring in enumerate(poly, start=1)]


def _parse_ring(ring: object, where: str, bng: bool) -> np.ndarray:
    try:
        array = np.array(ring)
    except (ValueError, TypeError):
        array = np.array([])  # ragged: some points have a different number of values
    if array.ndim != 2 or array.shape[1] < 2 or array.dtype.kind not in "iuf":
        raise BoundaryError(f"{where} has points that are not pairs of numbers.")
    array = array[:, :2].astype(np.float64)
    if len(array) < 4:
        raise BoundaryError(f"{where} has {len(array)} points; a closed ring needs at least 4.")
    if not np.isfinite(array).all():
        raise BoundaryError(f"{where} has a point that is not a number.")
    if not (array[0] == array[-1]).all():
        raise BoundaryError(f"{where} is not closed: its last point must repeat its first.")
    (x0, x1), (y0, y1) = (_EAST, _NORTH) if bng else (_LON, _LAT)
    outside = (array[:, 0] < x0) | (array[:, 0] > x1) | (array[:, 1] < y0) | (array[:, 1] > y1)
    if outside.any():
        x, y = array[np.argmax(outside)]
        system = "British National Grid" if bng else "longitude/latitude"
        raise BoundaryError(
            f"{where} has the point ({x:g}, {y:g}), which is not in the UK in {system}. "
            "Boundary files must be WGS84 longitude/latitude (or declare British National Grid)."
        )
    return array


def _check_codes(
    parsed: list[tuple[str, str, list]], path: Path, records: tuple[ForceRecord, ...]
) -> None:
    seen: dict[str, int] = {}
    for number, (code, _, _) in enumerate(parsed, start=1):
        if code in seen:
            raise BoundaryError(
                f"The boundary file {path} has two outlines for {code}: features {seen[code]} "
                f"and {number}."
            )
        seen[code] = number
    known = {r.code for r in records if r.kind is ForceKind.TERRITORIAL}
    unknown = [
        f"{code} {name!r} (feature {seen[code]})" for code, name, _ in parsed if code not in known
    ]
    if unknown:
        raise BoundaryError(
            f"The boundary file {path} has outlines for codes that are not territorial police "
            f"forces in the force list: {'; '.join(unknown)}. Check the codes, or add the "
            "forces to the force list (resources/forces.toml)."
        )


def _missing_forces(
    parsed: list[tuple[str, str, list]], records: tuple[ForceRecord, ...]
) -> tuple[str, ...]:
    present = {code for code, _, _ in parsed}
    return tuple(
        f"The boundary file has no outline for {r.display_name} ({r.code}); the geographic map "
        "shows it in the list only."
        for r in records
        if r.kind is ForceKind.TERRITORIAL and r.code not in present
    )


def _build_area(code: str, name: str, polygons: list[list[np.ndarray]]) -> Area:
    # Planar area in BNG metres: the grid's scale error is under 0.1% across Great Britain.
    sizes = [abs(ring_area(p[0])) - sum(abs(ring_area(h)) for h in p[1:]) for p in polygons]
    largest = polygons[int(np.argmax(sizes))]
    stacked = np.concatenate([p[0] for p in polygons])
    lo, hi = stacked.min(axis=0), stacked.max(axis=0)
    return Area(
        code=code,
        name=name,
        polygons=tuple(Polygon.from_arrays(p) for p in polygons),
        bbox=BBox(float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])),
        label_point=label_point(largest),
        area_km2=sum(sizes) / 1e6,
    )


def _vintage(doc: dict, path: Path) -> str:
    """The edition the file says it is, else one read from its name, else its date."""
    candidates = [doc.get("vintage")]
    features = doc["features"]
    if features and isinstance(features[0], dict):
        props = features[0].get("properties") or {}
        candidates.append(props.get("vintage"))
        ons = next((k for k in props if _ONS_CODE.match(k)), None)
        if ons:
            candidates.append(f"20{ons[-4:-2]}")  # PFA23CD: the 2023 edition
    for value in candidates:
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    if match := _NAME_VINTAGE.search(path.stem):
        month, year = match.groups()
        return f"{month.capitalize()} {year}" if month else year
    return f"file dated {date.fromtimestamp(path.stat().st_mtime).isoformat()}"
