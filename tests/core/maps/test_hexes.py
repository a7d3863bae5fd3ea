"""The hex cartogram layout: complete, no overlaps, neighbours kept, London recognisable."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from commissioner_desk.domain.forces import ForceKind, load_registry
from commissioner_desk.maps.boundaries import default_boundaries_path, load_boundaries
from commissioner_desk.maps.hexes import (
    BTP_SLOT,
    HexLayoutError,
    are_neighbours,
    hex_centre,
    hex_corners,
    load_hex_layout,
    neighbours,
)

SHARED = default_boundaries_path()
TERRITORIAL = {r.code for r in load_registry() if r.kind is ForceKind.TERRITORIAL}
MET, CITY, SCOTLAND, NI = "E23000001", "E23000034", "S23000009", "N92000002"
CUMBRIA, NORTHUMBRIA = "E23000002", "E23000007"
LONDON_RING = {
    CITY: "City of London",
    "E23000032": "Kent",
    "E23000031": "Surrey",
    "E23000028": "Essex",
    "E23000027": "Hertfordshire",
    "E23000029": "Thames Valley",
}


def test_layout_covers_every_territorial_force_once() -> None:
    layout = load_hex_layout()
    assert sorted(layout.codes) == sorted(TERRITORIAL)
    assert len(layout.codes) == len(set(layout.codes)) == 45
    assert layout.warnings == ()
    assert "BTP" not in layout.codes


def test_no_two_hexagons_overlap() -> None:
    layout = load_hex_layout()
    size = 10.0
    assert len({c.hex for c in layout.cells}) == len(layout.cells)
    for a, b in itertools.combinations(layout.cells, 2):
        (ax, ay), (bx, by) = hex_centre(a.q, a.r, size), hex_centre(b.q, b.r, size)
        # Touching hexagons' centres are exactly √3·size apart; closer would overlap.
        assert math.hypot(ax - bx, ay - by) >= math.sqrt(3) * size - 1e-9, (a.code, b.code)


def test_london_is_ringed_by_its_neighbours() -> None:
    layout = load_hex_layout()
    met = layout.position(MET)
    for code, name in LONDON_RING.items():
        assert are_neighbours(met, layout.position(code)), f"Met and {name} should touch"


def test_nations_placed_sensibly() -> None:
    layout = load_hex_layout()
    scotland, ni = layout.position(SCOTLAND), layout.position(NI)
    assert are_neighbours(scotland, layout.position(CUMBRIA))
    assert are_neighbours(scotland, layout.position(NORTHUMBRIA))
    others = [c for c in layout.cells if c.code not in (SCOTLAND, NI)]
    assert all(c.r > scotland[1] for c in others)  # Scotland on top
    assert not any(are_neighbours(ni, c.hex) for c in layout.cells)  # detached
    ni_x = hex_centre(*ni, 1)[0]
    assert ni_x < hex_centre(*scotland, 1)[0]
    welsh = [c for c in layout.cells if c.code.startswith("W15")]
    met_x = hex_centre(*layout.position(MET), 1)[0]
    assert all(hex_centre(c.q, c.r, 1)[0] < met_x for c in welsh)


def test_btp_slot_is_off_the_grid() -> None:
    layout = load_hex_layout()
    taken = {c.hex for c in layout.cells}
    assert BTP_SLOT not in taken
    assert not taken & set(neighbours(*BTP_SLOT))


@pytest.mark.skipif(SHARED is None, reason="shared boundary file not available")
def test_real_neighbours_are_mostly_hex_neighbours() -> None:
    boundaries = load_boundaries(SHARED)
    owners: dict[tuple[int, int], set[str]] = {}
    for area in boundaries.areas:
        for ring in area.rings:
            for x, y in ring:
                owners.setdefault((round(x), round(y)), set()).add(area.code)
    shared: dict[frozenset[str], int] = {}
    for codes in owners.values():
        for pair in itertools.combinations(sorted(codes), 2):
            shared[frozenset(pair)] = shared.get(frozenset(pair), 0) + 1
    borders = [pair for pair, count in shared.items() if count >= 2]  # a border, not a point
    assert len(borders) > 90
    layout = load_hex_layout()
    kept = [p for p in borders if are_neighbours(*(layout.position(c) for c in sorted(p)))]
    assert len(kept) / len(borders) >= 0.75  # 80 of 101 when the layout was authored


def test_hex_geometry() -> None:
    size = 2.0
    assert hex_centre(0, 0, size) == (0.0, 0.0)
    corners = hex_corners(3, -2, size)
    cx, cy = hex_centre(3, -2, size)
    assert len(corners) == 6
    assert all(math.hypot(x - cx, y - cy) == pytest.approx(size) for x, y in corners)
    # Pointy top: the highest corner is straight above the centre (y grows down the page).
    top = min(corners, key=lambda p: p[1])
    assert top == pytest.approx((cx, cy - size))
    # South (r + 1) is lower on the page; every neighbour shares exactly two corners.
    assert hex_centre(0, 1, size)[1] > hex_centre(0, 0, size)[1]
    rounded = {(round(x, 6), round(y, 6)) for x, y in hex_corners(0, 0, size)}
    for q, r in neighbours(0, 0):
        other = {(round(x, 6), round(y, 6)) for x, y in hex_corners(q, r, size)}
        assert len(rounded & other) == 2
    assert len(set(neighbours(0, 0))) == 6
    assert not are_neighbours((0, 0), (1, 1))


def write_layout(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "bad_layout.csv"
    path.write_text("# comment\ncode,q,r\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


BAD_LAYOUTS = {
    "same hexagon": (("E23000001,0,0", "E23000034,0,0"), "line 4", "same hexagon (0, 0)"),
    "unknown code": (("E23000001,0,0", "E23000099,1,0"), "line 4", "'E23000099'"),
    "code twice": (("E23000001,0,0", "E23000001,1,0"), "line 4", "already placed on line 3"),
    "not a number": (("E23000001,0,x",), "line 3", "whole numbers"),
    "too few values": (("E23000001,0",), "line 3", "found 2 values"),
    "not territorial": (("BTP,0,0",), "line 3", "not a territorial force"),
}


@pytest.mark.parametrize("case", sorted(BAD_LAYOUTS))
def test_bad_layouts_are_refused(tmp_path: Path, case: str) -> None:
    rows, line, expected = BAD_LAYOUTS[case]
    with pytest.raises(HexLayoutError) as caught:
        load_hex_layout(write_layout(tmp_path, *rows))
    message = str(caught.value)
    assert "bad_layout.csv" in message and line in message and expected in message


def test_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "bad_layout.csv"
    path.write_text("force,x,y\nE23000001,0,0\n", encoding="utf-8")
    with pytest.raises(HexLayoutError, match="line 1: the first line must be the header"):
        load_hex_layout(path)


def test_partial_layout_warns(tmp_path: Path) -> None:
    layout = load_hex_layout(write_layout(tmp_path, "E23000001,0,0", "E23000034,1,0"))
    assert layout.codes == (MET, CITY)
    assert layout.at(1, 0) == CITY and layout.position(MET) == (0, 0)
    assert len(layout.warnings) == 43
