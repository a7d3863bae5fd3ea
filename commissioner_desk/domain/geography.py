"""Areas that are not police force areas: what an ONS code names, the English regions as
published tables write them, and the counties, councils and CPS areas a table by another
geography holds (`resources/geographies.toml`).

The importer uses this to tell a table by police force area from a table by county (many
county names are force names too: Kent, Essex, Durham), and a region row from a force named
like it (West Midlands). ONS codes are exact where names are not: when a table has codes, the
code decides.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from commissioner_desk.paths import resources_dir

from .forces import normalise_force_name

ONS_CODE = re.compile(r"^[EWSNK]\d{8}$")

# What the first three characters of a GSS code name. Police force areas are E23 and W15;
# Scotland and Northern Ireland use country codes in the force registry.
_PREFIX_KINDS = {
    "E23": "police force areas",
    "W15": "police force areas",
    "S23": "police force areas",
    "E12": "regions",
    "E92": "countries",
    "W92": "countries",
    "S92": "countries",
    "N92": "countries",
    "K02": "countries",
    "K03": "countries",
    "K04": "countries",
    "E06": "unitary authorities",
    "E07": "districts",
    "E08": "metropolitan districts",
    "E09": "London boroughs",
    "E10": "counties",
    "E11": "metropolitan counties",
    "E13": "inner and outer London",
    "E47": "combined authorities",
    "W06": "Welsh local authorities",
    "S12": "Scottish council areas",
    "N09": "Northern Ireland districts",
    "E22": "community safety partnerships",
    "W22": "community safety partnerships",
    "E05": "wards",
    "W05": "wards",
    "E14": "parliamentary constituencies",
    "W07": "parliamentary constituencies",
}
FORCE_AREAS = "police force areas"
REGIONS_KIND = "regions"
COUNTRIES = "countries"
_AGGREGATE_KINDS = frozenset({REGIONS_KIND, COUNTRIES})


def code_kind(code: object) -> str | None:
    """What kind of area an ONS code names ("regions", "counties", …), "other areas" for a
    well-formed code of a kind not listed, None when `code` is not an ONS code."""
    if not isinstance(code, str) or not ONS_CODE.match(code.strip().upper()):
        return None
    return _PREFIX_KINDS.get(code.strip().upper()[:3], "other areas")


def is_aggregate_kind(kind: str | None) -> bool:
    """Regions and countries: rows above forces, never forces themselves."""
    return kind in _AGGREGATE_KINDS


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # as the force registry writes a force's region
    aliases: tuple[str, ...] = ()


# The registry's region names, their ONS codes and the other names tables give them.
REGION_LIST = (
    Region("E12000001", "North East"),
    Region("E12000002", "North West"),
    Region("E12000003", "Yorkshire and The Humber", ("Yorkshire and Humber", "Yorkshire")),
    Region("E12000004", "East Midlands"),
    Region("E12000005", "West Midlands"),
    Region("E12000006", "East of England", ("East", "Eastern", "Eastern region")),
    Region("E12000007", "London"),
    Region("E12000008", "South East"),
    Region("E12000009", "South West"),
)
REGION_BY_CODE = {r.code: r for r in REGION_LIST}
_REGION_BY_NAME = {normalise_force_name(n): r for r in REGION_LIST for n in (r.name, *r.aliases)}
COUNTRY_NAMES = {
    "K02000001": "United Kingdom",
    "K03000001": "Great Britain",
    "K04000001": "England and Wales",
    "E92000001": "England",
    "W92000004": "Wales",
    "S92000003": "Scotland",
    "N92000002": "Northern Ireland",
}


def region_named(text: str) -> Region | None:
    """The English region a label names ("NORTH EAST", "Eastern"), or None."""
    return _REGION_BY_NAME.get(normalise_force_name(text))


@cache
def _other_areas() -> dict[str, str]:
    """Normalised name → the kind of area ("counties", "London boroughs", …)."""
    with (resources_dir() / "geographies.toml").open("rb") as fh:
        data = tomllib.load(fh)
    out: dict[str, str] = {}
    for kind, names in data.items():
        shown = kind.replace("_", " ").replace("cps", "CPS").replace("london", "London")
        shown = shown.replace("welsh", "Welsh").replace("scottish", "Scottish")
        for name in names:
            out.setdefault(normalise_force_name(name), shown)
    return out


def other_area_kind(text: str) -> str | None:
    """The kind of non-police area a label names ("counties", "CPS areas", …), or None."""
    key = normalise_force_name(text) if isinstance(text, str) else ""
    return _other_areas().get(key) if key else None
