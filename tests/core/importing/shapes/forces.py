"""The forces and areas published tables list, in the order ONS lists them, with seeded
figures so every builder is deterministic.

ONS lists the 43 territorial forces of England and Wales by region (regions by code, North
East first, Wales last) and alphabetically within each region: the registry's regions give the
grouping and its ONS names the order, so a force added to the registry moves the tables too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from random import Random

from commissioner_desk.domain.forces import ForceKind, ForceRecord, load_registry

ENGLAND_AND_WALES, ENGLAND, WALES = "K04000001", "E92000001", "W92000004"
BTP = "BTP"

# ONS region codes and names (the registry's region names are ONS's).
_REGIONS = (
    ("E12000001", "North East"),
    ("E12000002", "North West"),
    ("E12000003", "Yorkshire and The Humber"),
    ("E12000004", "East Midlands"),
    ("E12000005", "West Midlands"),
    ("E12000006", "East of England"),
    ("E12000007", "London"),
    ("E12000008", "South East"),
    ("E12000009", "South West"),
    (WALES, "Wales"),
)
# ONS crime tables print "EAST" for the East of England, the Home Office "East" or "Eastern".
SHORT_NAMES = {"East of England": "East", "Yorkshire and The Humber": "Yorkshire and the Humber"}

# Mid-2022 populations in thousands (rounded), so a force's figures are in proportion to its
# size as in real tables: the Met's are the largest, the City of London's tiny.
POPULATION = {
    "E23000001": 8860, "E23000002": 500, "E23000003": 1530, "E23000004": 1430,
    "E23000005": 2870, "E23000006": 1100, "E23000007": 1470, "E23000008": 640,
    "E23000009": 830, "E23000010": 2380, "E23000011": 1420, "E23000012": 940,
    "E23000013": 570, "E23000014": 2950, "E23000015": 1140, "E23000016": 1320,
    "E23000017": 610, "E23000018": 1050, "E23000019": 1170, "E23000020": 770,
    "E23000021": 1120, "E23000022": 800, "E23000023": 890, "E23000024": 920,
    "E23000025": 770, "E23000026": 700, "E23000027": 1200, "E23000028": 1850,
    "E23000029": 2480, "E23000030": 2040, "E23000031": 1210, "E23000032": 1880,
    "E23000033": 1730, "E23000034": 9, "E23000035": 1820, "E23000036": 1780,
    "E23000037": 650, "E23000038": 730, "E23000039": 780, "W15000001": 700,
    "W15000002": 600, "W15000003": 1340, "W15000004": 520,
}  # fmt: skip
# The City of London's few residents understate its daytime crowds, and so its figures.
_WEIGHT = {**POPULATION, "E23000034": 200}


@dataclass(frozen=True)
class Region:
    code: str  # E12…, or W92000004 for Wales
    name: str  # as ONS names it
    forces: tuple[ForceRecord, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.forces)

    @property
    def short(self) -> str:
        """The name the Home Office prints ("East", "Yorkshire and the Humber")."""
        return SHORT_NAMES.get(self.name, self.name)


@cache
def registry() -> dict[str, ForceRecord]:
    return {r.code: r for r in load_registry()}


@cache
def regions() -> tuple[Region, ...]:
    """The nine English regions and Wales, each with its forces in ONS order."""
    territorial = [
        r
        for r in registry().values()
        if r.kind is ForceKind.TERRITORIAL and r.nation in ("England", "Wales")
    ]
    return tuple(
        Region(
            code,
            name,
            tuple(sorted((f for f in territorial if f.region == name), key=lambda f: f.ons_name)),
        )
        for code, name in _REGIONS
    )


def territorial() -> tuple[ForceRecord, ...]:
    """The 43 territorial forces of England and Wales in the order ONS publishes them."""
    return tuple(f for region in regions() for f in region.forces)


def codes() -> tuple[str, ...]:
    return tuple(f.code for f in territorial())


def region(name: str) -> Region:
    return next(r for r in regions() if name in (r.name, r.short))


def english() -> tuple[str, ...]:
    return tuple(c for r in regions() if r.code != WALES for c in r.codes)


def welsh() -> tuple[str, ...]:
    return region("Wales").codes


def counts(seed: int, per_1000: float, *, salt: str = "", spread: float = 0.3) -> dict[str, int]:
    """A whole figure per force, about `per_1000` per thousand people, give or take `spread`."""
    rng = Random(f"{seed}:{salt}")
    return {
        code: max(1, round(people * per_1000 * rng.uniform(1 - spread, 1 + spread)))
        for code, people in _WEIGHT.items()
    }


def fte(seed: int, per_1000: float, *, salt: str = "") -> dict[str, float]:
    """A full-time-equivalent figure per force with two decimals (1234.56)."""
    rng = Random(f"{seed}:{salt}")
    return {
        code: round(people * per_1000 * rng.uniform(0.85, 1.15) + rng.randrange(100) / 100, 2)
        for code, people in _WEIGHT.items()
    }


def split(total: dict[str, int], seed: int, salt: str, shares: tuple[float, ...]) -> list[dict]:
    """Each force's `total` split into parts of about the given shares, adding up exactly
    (age groups, exploitation types)."""
    rng = Random(f"{seed}:{salt}")
    parts: list[dict[str, int]] = [{} for _ in shares]
    for code, value in total.items():
        weights = [share * rng.uniform(0.6, 1.4) for share in shares]
        cuts = [int(value * w / sum(weights)) for w in weights]
        cuts[0] += value - sum(cuts)
        for part, cut in zip(parts, cuts, strict=True):
            part[code] = cut
    return parts


def add(values: Mapping[str, object], members: tuple[str, ...]) -> int | float:
    """The sum of the members' numbers (markers count for nothing, as publishers add up);
    decimals rounded to 2 places, so a region's FTE is the exact sum of its forces'."""
    numbers = [v for c in members if isinstance(v := values[c], (int, float))]
    total = sum(numbers)
    return round(total, 2) if any(isinstance(v, float) for v in numbers) else total


def name(code: str, style: str = "ons") -> str:
    """A force's name as a publisher prints it: "ons" as in ONS crime tables ("Devon and
    Cornwall"), "workforce" as in Home Office workforce tables ("Avon & Somerset"), "nrm" as
    in the NRM statistics ("Avon and Somerset Constabulary")."""
    record = registry()[code]
    if style == "nrm":
        return record.display_name
    plain = record.ons_name.replace(" & ", " and ")
    if style == "workforce":
        return plain.replace("Avon and", "Avon &").replace("Devon and", "Devon &")
    return plain
