"""Palettes: ColorBrewer colour-blind-safe schemes, faithfully; non-values never look like data."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from commissioner_desk.maps import palettes
from commissioner_desk.maps.palettes import (
    NON_VALUE_LOOKS,
    PaletteError,
    palette,
    palette_names,
)
from commissioner_desk.maps.values import Status

# ColorBrewer 2.0 marks these schemes colour-blind safe (every sequential one; six diverging).
COLOUR_BLIND_SAFE = {
    "Blues", "Greens", "Greys", "Oranges", "Purples", "Reds", "BuGn", "BuPu", "GnBu", "OrRd",
    "PuBu", "PuBuGn", "PuRd", "RdPu", "YlGn", "YlGnBu", "YlOrBr", "YlOrRd",
    "BrBG", "PiYG", "PRGn", "PuOr", "RdBu", "RdYlBu",
}  # fmt: skip
HEX = re.compile(r"#[0-9a-f]{6}")


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_names():
    assert set(palette_names("sequential")) == {"Blues", "Purples", "YlGnBu", "OrRd"}
    assert set(palette_names("diverging")) == {"RdBu", "PuOr"}
    assert set(palette_names()) <= COLOUR_BLIND_SAFE


@pytest.mark.parametrize("name", palette_names())
@pytest.mark.parametrize("n", range(3, 10))
def test_every_size_is_distinct_hex_colours(name, n):
    colours = palette(name, n)
    assert len(colours) == n == len(set(colours))
    assert all(HEX.fullmatch(c) for c in colours)


@pytest.mark.parametrize("name", palette_names("sequential"))
@pytest.mark.parametrize("n", range(3, 10))
def test_sequential_palettes_darken_steadily(name, n):
    """Catches a mistyped colour: each step is darker than the one before."""
    lum = [_luminance(c) for c in palette(name, n)]
    assert lum == sorted(lum, reverse=True) and len(set(lum)) == n


@pytest.mark.parametrize("name", palette_names("diverging"))
@pytest.mark.parametrize("n", range(3, 10))
def test_diverging_palettes_are_lightest_in_the_middle(name, n):
    lum = [_luminance(c) for c in palette(name, n)]
    half = n // 2
    assert lum[:half] == sorted(lum[:half])  # darkest at the ends
    assert lum[-half:] == sorted(lum[-half:], reverse=True)
    if n % 2:
        assert palette(name, n)[half] == "#f7f7f7"  # ColorBrewer's neutral middle


def test_known_colours_and_reverse():
    assert palette("Blues", 5) == ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
    assert palette("RdBu", 3) == ("#ef8a62", "#f7f7f7", "#67a9cf")
    assert palette("YlGnBu", 9)[-1] == "#081d58"
    assert palette("PuOr", 5, reverse=True) == palette("PuOr", 5)[::-1]


@pytest.mark.parametrize(("name", "n"), [("Viridis", 5), ("Blues", 2), ("RdBu", 10)])
def test_unknown_palette_or_size_is_refused(name, n):
    with pytest.raises(PaletteError, match=name if name == "Viridis" else "3 to 9"):
        palette(name, n)


def test_licence_is_acknowledged():
    doc = palettes.__doc__ or ""
    assert "Cynthia Brewer" in doc and "Apache" in doc and "Pennsylvania State" in doc


def test_non_values_look_like_nothing_on_the_scale():
    palette_colours = {
        c for name in palette_names() for n in range(3, 10) for c in palette(name, n)
    }
    looks = list(NON_VALUE_LOOKS.values())
    for look in looks:
        assert HEX.fullmatch(look.fill) and HEX.fullmatch(look.pattern_colour)
        assert look.fill not in palette_colours
        assert look.pattern_colour not in palette_colours
    assert len({(lk.fill, lk.pattern) for lk in looks}) == len(looks)  # each its own look
    assert len({lk.label for lk in looks}) == len(looks)


def test_every_status_but_value_has_a_look():
    assert set(NON_VALUE_LOOKS) == set(get_args(Status)) - {"value"}
    assert NON_VALUE_LOOKS["missing"].label == "no return"
    assert NON_VALUE_LOOKS["missing"].pattern == "hatch"
    assert NON_VALUE_LOOKS["nil"].label == "nil return"
    assert NON_VALUE_LOOKS["suppressed"].label == "suppressed"
    assert NON_VALUE_LOOKS["no_rate"].label == "no rate"
