"""The national map coloured by membership, as drawn: each area is filled with its standing's
colour (read back from the pixels), and the legend counts the areas in each standing."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import QPointF

from commissioner_desk.domain.enums import MembershipStatus
from commissioner_desk.maps.boundary_files import boundaries_for
from commissioner_desk.maps.hexes import load_hex_layout
from commissioner_desk.network.membership import (
    MembershipDraft,
    Standing,
    list_areas,
    record_status,
    sign_up,
    withdraw,
)
from commissioner_desk.network.membership_map import COLOURS, membership_map
from ui.map.categories import category_spec
from ui.map.export import render_image

TODAY = date(2026, 3, 2)
KENT, ESSEX, WILTS, SUFFOLK, SCOTLAND, PSNI = (
    "E23000032",
    "E23000028",
    "E23000038",
    "E23000025",
    "S23000009",
    "N92000002",
)


def _signed(day: date) -> MembershipDraft:
    return MembershipDraft(status=MembershipStatus.SIGNED_UP, starts_on=day, commissioner="A B")


@pytest.fixture
def areas(sqlite_db):
    """Kent and Police Scotland signed up, Essex withdrawn, Wiltshire asked, the rest not."""
    db = sqlite_db
    sign_up(db, KENT, _signed(date(2024, 6, 3)), None, TODAY)
    sign_up(db, SCOTLAND, _signed(date(2024, 6, 3)), None, TODAY)
    essex = sign_up(db, ESSEX, _signed(date(2024, 6, 3)), None, TODAY)
    withdraw(db, essex.id, essex.version, date(2025, 1, 6), today=TODAY)
    asked = MembershipDraft(status=MembershipStatus.NOT_SIGNED, starts_on=date(2025, 2, 1))
    record_status(db, WILTS, asked, None, TODAY)
    return list_areas(db)


def _fill_of(image, scale: float, path) -> str:
    """The commonest colour of the pixels inside `path`: its fill (labels are a minority)."""
    box = path.boundingRect()
    seen: Counter[str] = Counter()
    steps = 24
    for i in range(steps):
        for j in range(steps):
            p = QPointF(
                box.left() + box.width() * (i + 0.5) / steps,
                box.top() + box.height() * (j + 0.5) / steps,
            )
            if path.contains(p):
                seen[image.pixelColor(round(p.x() * scale), round(p.y() * scale)).name()] += 1
    return seen.most_common(1)[0][0]


@pytest.mark.parametrize("style", ["hex", "geo"])
def test_each_area_is_filled_with_its_standings_colour(areas, style, tmp_path, geo_dir):
    boundaries = boundaries_for(tmp_path, geo_dir) if style == "geo" else None
    if style == "geo" and boundaries is None:
        pytest.skip("no boundary file in ../shared/geo")
    cmap = membership_map(areas, TODAY)
    image, hits, scale = render_image(
        category_spec(cmap, style), boundaries, load_hex_layout(), dpi=72
    )
    expected = {
        KENT: Standing.SIGNED_UP,
        SCOTLAND: Standing.SIGNED_UP,
        ESSEX: Standing.WITHDRAWN,
        WILTS: Standing.NOT_SIGNED,
        SUFFOLK: Standing.NO_RECORD,
        PSNI: Standing.NOT_TAKING_PART,
    }
    for code, standing in expected.items():
        assert _fill_of(image, scale, hits.paths[code][0]) == COLOURS[standing], code
    assert len(set(COLOURS.values())) == len(COLOURS)  # no two standings look alike
    assert hits.legend.class_labels == (
        "Signed up (2)",
        "Not signed (1)",
        "Withdrawn (1)",
        "No record (40)",
        "Not taking part (2)",
    )
    assert "2 of 44 signed up" in hits.texts  # the legend's note; the count is on the map too
    assert "2 of 44 signed up · as at 2 Mar 2026" in hits.texts


def test_the_legend_counts_follow_a_new_sign_up(sqlite_db, areas):
    sign_up(sqlite_db, SUFFOLK, _signed(date(2025, 3, 1)), None, TODAY)
    cmap = membership_map(list_areas(sqlite_db), TODAY)
    _image, hits, _scale = render_image(category_spec(cmap, "hex"), None, load_hex_layout(), dpi=72)
    assert hits.legend.class_labels[0] == "Signed up (3)"
    assert hits.legend.class_labels[3] == "No record (39)"
    assert cmap.colour_of(SUFFOLK) == COLOURS[Standing.SIGNED_UP]
