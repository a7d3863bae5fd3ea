"""Tables whose rows are not police force areas: counties and local authorities (many named
like forces: Kent, Essex, Durham, West Midlands), regions only, and a region row that could as
well be the force of its name. The importer must refuse each, never match rows into forces."""

from __future__ import annotations

from random import Random

from .forces import codes, counts, regions
from .grid import Col, Grid, total_line, write_table
from .model import Book, Shape
from .rows import by_region

WEST_MIDLANDS = "E23000014"
AGE = ("Adult (18 or over)", "Child (17 or under)", "Total")
SOURCE = "Source: Home Office, National Referral Mechanism statistics"

# Upper-tier local authorities as at 2023 (Cumbria and Somerset had just been reorganised),
# London boroughs rather than Greater London, and a few from Wales, Scotland and Northern
# Ireland: the areas NRM referrals are recorded by.
AUTHORITIES = (
    ("E09000033", "Westminster"), ("E09000025", "Newham"), ("E09000008", "Croydon"),
    ("E09000030", "Tower Hamlets"), ("E10000016", "Kent"), ("E10000012", "Essex"),
    ("E11000005", "West Midlands"), ("E11000001", "Greater Manchester"),
    ("E11000006", "West Yorkshire"), ("E10000008", "Devon"), ("E06000052", "Cornwall"),
    ("E06000023", "Bristol, City of"), ("E06000066", "Somerset"), ("E10000014", "Hampshire"),
    ("E06000046", "Isle of Wight"), ("E10000032", "West Sussex"), ("E10000011", "East Sussex"),
    ("E10000030", "Surrey"), ("E06000035", "Medway"), ("E06000034", "Thurrock"),
    ("E06000033", "Southend-on-Sea"), ("E06000047", "County Durham"),
    ("E10000017", "Lancashire"), ("E11000002", "Merseyside"), ("E06000063", "Cumberland"),
    ("E06000064", "Westmorland and Furness"), ("E11000003", "South Yorkshire"),
    ("E11000007", "Tyne and Wear"), ("E10000024", "Nottinghamshire"),
    ("E06000018", "Nottingham"), ("E10000018", "Leicestershire"), ("E06000016", "Leicester"),
    ("E10000007", "Derbyshire"), ("E10000028", "Staffordshire"),
    ("E10000015", "Hertfordshire"), ("E10000020", "Norfolk"), ("E10000029", "Suffolk"),
    ("E10000025", "Oxfordshire"), ("E06000060", "Buckinghamshire"), ("W06000015", "Cardiff"),
    ("W06000011", "Swansea"), ("S12000049", "Glasgow City"), ("N09000003", "Belfast"),
)  # fmt: skip
# The same as the counties people name them (as a table by county prints them).
COUNTIES = (
    "Greater London", "Kent", "Essex", "West Midlands", "Greater Manchester", "West Yorkshire",
    "Devon", "Cornwall", "Bristol, City of", "Somerset", "Hampshire", "Isle of Wight",
    "West Sussex", "East Sussex", "Surrey", "Medway", "Thurrock", "Southend-on-Sea", "Durham",
    "Lancashire", "Merseyside", "Cumbria", "South Yorkshire", "Tyne and Wear",
    "Nottinghamshire", "Nottingham", "Leicestershire", "Leicester", "Derbyshire",
    "Staffordshire", "Hertfordshire", "Norfolk", "Suffolk", "Oxfordshire", "Buckinghamshire",
    "Cardiff", "Swansea", "Glasgow City", "Belfast",
)  # fmt: skip


def _age_rows(
    rng: Random, labels: list[tuple[object, ...]], scale: int, total: str = "Total"
) -> list[tuple]:
    """Each label's adult, child and total referrals, then their sums on a `total` row."""
    rows, sums = [], [0, 0, 0]
    for label in labels:
        adult, child = rng.randrange(scale), rng.randrange(scale // 2)
        rows.append((*label, adult, child, adult + child))
        sums = [s + v for s, v in zip(sums, (adult, child, adult + child), strict=True)]
    return [*rows, (*([None] * (len(labels[0]) - 1)), total, *sums)]


def county_table(
    seed: int = 0,
    *,
    with_codes: bool = False,
    number: int = 14,
    sheet: str = "Table 14",
    year: int = 2023,
) -> Grid:
    """The sheet of a table by county (names) or by local authority (with ONS codes)."""
    rng = Random(f"{seed}:county")
    area = "local authority" if with_codes else "county"
    grid = Grid(sheet)
    grid.notes(f"Table {number}: NRM referrals by {area} of exploitation, UK, {year}", SOURCE)
    grid.gap()
    if with_codes:
        labels = [*AUTHORITIES, (None, "Unknown")]
        grid.add("Area code", "Area name", *AGE)
    else:
        labels = [(c,) for c in (*COUNTIES, "Unknown")]
        grid.add("County of exploitation", *AGE)
    for row in _age_rows(rng, labels, 400):
        grid.add(*row)
    return grid


def nrm_county(seed: int = 0) -> Shape:
    """NRM referrals by county of exploitation: Kent, Essex, Durham, West Midlands and more
    match force names, but Greater London, Devon, Medway show the column is counties."""
    book = Book((county_table(seed).spec(),))
    return Shape("nrm_county", book, None, refusal="county geography")


def nrm_county_codes(seed: int = 0) -> Shape:
    """The same by local authority, with E09/E10/E06/E11 codes that are no force's code."""
    book = Book((county_table(seed, with_codes=True).spec(),))
    return Shape("nrm_county_codes", book, None, refusal="county geography")


def regions_only(seed: int = 0) -> Shape:
    """NRM referrals by region of exploitation: only the English regions and Wales, so the
    "West Midlands" row is the region and there is no force in the table."""
    rng = Random(f"{seed}:regions")
    grid = Grid("Table 6")
    grid.notes("Table 6: NRM referrals by region of exploitation, England and Wales, 2023", SOURCE)
    grid.gap()
    grid.add("Region", *AGE)
    for row in _age_rows(rng, [(r.name,) for r in regions()], 2000, "England and Wales"):
        grid.add(*row)
    return Shape("regions_only", Book((grid.spec(),)), None, refusal="regions only")


def west_midlands_alone(seed: int = 0) -> Shape:
    """Regions above their forces, but "West Midlands" appears once, between the East
    Midlands forces and Staffordshire: the region (the force missing) or the force out of
    place? Its figure is the region's true sum, so no reading adds up: refuse."""
    values = counts(seed, 0.25, salt="west midlands")
    lines = [line for line in by_region(lambda r: (r.short,), "ons") if line.force != WEST_MIDLANDS]
    title = "Table 8: NRM referrals by police force area and region, England and Wales, 2023"
    grid = Grid("Table 8")
    grid.notes(title, SOURCE)
    grid.gap()
    lines.insert(0, total_line(codes(), "England and Wales"))
    write_table(
        grid,
        ("Police force area",),
        (Col("Number of referrals", values, "2023"),),
        lines,
        title=title,
    )
    book = Book((grid.spec(),))
    return Shape("west_midlands_alone", book, None, refusal="ambiguous West Midlands row")
