"""Colour-blind-safe ColorBrewer palettes for the map, and the looks of figures that are not values.

Palettes are the ColorBrewer schemes marked colour-blind safe, for 3 to 9 classes, lightest (or,
for diverging schemes, the low end) first, as hex strings. Sequential: Blues, Purples, YlGnBu,
OrRd. Diverging (for change on last year, the middle colour at zero): RdBu, PuOr.

Licence and attribution: this product includes color specifications and designs developed by
Cynthia Brewer (http://colorbrewer.org/). ColorBrewer colour schemes are Copyright (c) 2002
Cynthia Brewer, Mark Harrower and The Pennsylvania State University, licensed under the Apache
License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0). The app's "About" text should
carry the acknowledgement above.

A missing return, a nil return, a suppressed figure, a figure that does not apply and a force
with no rate or no comparison must never look like a low value, so each has its own look (fill,
pattern, label) and none uses a colour that any palette here uses (the tests check).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MIN_CLASSES, MAX_CLASSES = 3, 9


class PaletteError(ValueError):
    """An unknown palette, or a number of classes it does not have."""


# fmt: off
SEQUENTIAL: dict[str, dict[int, tuple[str, ...]]] = {
    "Blues": {
        3: ("#deebf7", "#9ecae1", "#3182bd"),
        4: ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"),
        5: ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
        6: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"),
        7: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
        8: ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
        9: (
            "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6",
            "#4292c6", "#2171b5", "#08519c", "#08306b",
        ),
    },
    "Purples": {
        3: ("#efedf5", "#bcbddc", "#756bb1"),
        4: ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"),
        5: ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"),
        6: ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"),
        7: ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"),
        8: ("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"),
        9: (
            "#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8",
            "#807dba", "#6a51a3", "#54278f", "#3f007d",
        ),
    },
    "YlGnBu": {
        3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
        4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
        5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
        6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
        7: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
        8: ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
        9: (
            "#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4",
            "#1d91c0", "#225ea8", "#253494", "#081d58",
        ),
    },
    "OrRd": {
        3: ("#fee8c8", "#fdbb84", "#e34a33"),
        4: ("#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"),
        5: ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"),
        6: ("#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"),
        7: ("#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"),
        8: ("#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"),
        9: (
            "#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59",
            "#ef6548", "#d7301f", "#b30000", "#7f0000",
        ),
    },
}

DIVERGING: dict[str, dict[int, tuple[str, ...]]] = {
    "RdBu": {
        3: ("#ef8a62", "#f7f7f7", "#67a9cf"),
        4: ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
        5: ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"),
        6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
        7: ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"),
        8: ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
        9: (
            "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7",
            "#d1e5f0", "#92c5de", "#4393c3", "#2166ac",
        ),
    },
    "PuOr": {
        3: ("#f1a340", "#f7f7f7", "#998ec3"),
        4: ("#e66101", "#fdb863", "#b2abd2", "#5e3c99"),
        5: ("#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"),
        6: ("#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"),
        7: ("#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"),
        8: ("#b35806", "#e08214", "#fdb863", "#fee0b6", "#d8daeb", "#b2abd2", "#8073ac", "#542788"),
        9: (
            "#b35806", "#e08214", "#fdb863", "#fee0b6", "#f7f7f7",
            "#d8daeb", "#b2abd2", "#8073ac", "#542788",
        ),
    },
}
# fmt: on

PALETTES: dict[str, dict[int, tuple[str, ...]]] = {**SEQUENTIAL, **DIVERGING}
DEFAULT_SEQUENTIAL = "Blues"
DEFAULT_DIVERGING = "RdBu"


def palette_names(kind: Literal["sequential", "diverging"] | None = None) -> tuple[str, ...]:
    if kind == "sequential":
        return tuple(SEQUENTIAL)
    if kind == "diverging":
        return tuple(DIVERGING)
    return tuple(PALETTES)


def is_diverging(name: str) -> bool:
    return name in DIVERGING


def palette(name: str, n: int, *, reverse: bool = False) -> tuple[str, ...]:
    """The `n` colours of palette `name`, low values first (`reverse` flips the order, e.g. to
    show rises in red with RdBu)."""
    sizes = PALETTES.get(name)
    if sizes is None:
        raise PaletteError(f'"{name}" is not a map palette. Choose one of: {", ".join(PALETTES)}.')
    if n not in sizes:
        raise PaletteError(
            f"The {name} palette has {MIN_CLASSES} to {MAX_CLASSES} colours, not {n}: "
            f"choose between {MIN_CLASSES} and {MAX_CLASSES} classes."
        )
    colours = sizes[n]
    return colours[::-1] if reverse else colours


# --- looks of figures that are not values ---------------------------------------------------

Pattern = Literal["none", "hatch", "dots", "cross_hatch", "horizontal"]


@dataclass(frozen=True)
class NonValueLook:
    """How the renderer draws a force without a value: a fill, a pattern drawn over it in
    `pattern_colour`, an outline, and the legend label."""

    fill: str
    pattern: Pattern
    pattern_colour: str
    outline: str
    label: str


NO_RETURN = NonValueLook("#e3e3e3", "hatch", "#6e6e6e", "#6e6e6e", "no return")
NIL = NonValueLook("#ffffff", "dots", "#5a5a5a", "#6e6e6e", "nil return")
SUPPRESSED = NonValueLook("#a3a3a3", "cross_hatch", "#ffffff", "#6e6e6e", "suppressed")
NOT_APPLICABLE = NonValueLook("#fafafa", "horizontal", "#b5b5b5", "#9e9e9e", "not applicable")
NO_RATE = NonValueLook("#fdfdfd", "none", "#fdfdfd", "#a8a8a8", "no rate")
NO_CHANGE = NonValueLook("#efefef", "horizontal", "#8c8c8c", "#9e9e9e", "no figure a year before")

# ForceValue.status (maps/values.py) → look; "value" is drawn with the palette.
NON_VALUE_LOOKS: dict[str, NonValueLook] = {
    "missing": NO_RETURN,
    "nil": NIL,
    "suppressed": SUPPRESSED,
    "not_applicable": NOT_APPLICABLE,
    "no_rate": NO_RATE,
    "no_change": NO_CHANGE,
}
