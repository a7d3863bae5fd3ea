"""Home Office "Police workforce, England and Wales" tables: no code column, region rows named
like forces (West Midlands), totals of 43 forces and of rows that are not forces (Central
Service Secondments), full-time equivalents with two decimals, snapshots "as at 31 March"."""

from __future__ import annotations

from datetime import date
from random import Random

from .forces import BTP, codes, fte
from .grid import Col, Grid, force_line, total_line, write_table
from .model import Book, Shape
from .rows import alphabetical, by_region, forces

CSS = "CSS"  # made-up member code: Central Service Secondments is no force
OFFICERS = "Police officers (FTE)"
SOURCE = "Source: Home Office, Annual Data Requirement (ADR) 502"


def _workforce(seed: int, *, whole: bool) -> tuple[dict, dict, dict, dict]:
    """Officers, staff, PCSOs and their total per force (and BTP and secondments)."""
    officers, staff = fte(seed, 2.3, salt="officers"), fte(seed, 1.5, salt="staff")
    pcsos = fte(seed, 0.13, salt="pcsos")
    rng = Random(f"{seed}:others")
    for values, btp, css in ((officers, 3100, 330), (staff, 1600, 40), (pcsos, 200, 0)):
        values[BTP] = round(btp + rng.randrange(10_000) / 100, 2)
        values[CSS] = round(css + rng.randrange(10_000) / 100, 2) if css else 0.0
    parts = (officers, staff, pcsos)
    if whole:  # headcounts: whole people
        parts = tuple({c: round(v) for c, v in p.items()} for p in parts)
    total = {c: round(sum(p[c] for p in parts), 2) for c in parts[0]}
    return (*parts, total)


def _cols(seed: int, *, whole: bool, period: str) -> tuple[Col, ...]:
    officers, staff, pcsos, total = _workforce(seed, whole=whole)
    unit = "" if whole else " (FTE)"
    return (
        Col(f"Police officers{unit}", officers, period),
        Col(f"Police staff{unit}", staff, role="unmapped"),
        Col(f"PCSOs{unit}", pcsos, role="unmapped"),
        Col(f"Total workforce{unit}", total, role="unmapped"),
    )


def workforce_regions_above(seed: int = 0) -> Shape:
    """Police workforce Table 3: region rows above their forces with no code column, so the
    "West Midlands" region row above Staffordshire must not be read as the force."""
    title = (
        "Table 3: Police officer numbers (FTE) by police force area, England and Wales, "
        "as at 31 March 2024"
    )
    grid = Grid("Table 3")
    grid.notes(
        f"{title} [note 1]",
        "This worksheet contains one table. Figures are full-time equivalents (FTE).",
        SOURCE,
    )
    lines = [
        total_line(codes(), "England and Wales"),
        *by_region(lambda r: (r.short,), "workforce"),
        total_line(codes(), "Total 43 forces"),
        force_line(BTP, "British Transport Police"),
        total_line((CSS,), "Central Service Secondments"),
        total_line((*codes(), CSS), "Total (excluding BTP)"),
    ]
    cols = _cols(seed, whole=False, period="2024-Q1")
    expected = write_table(
        grid,
        ("Police force area",),
        cols,
        lines,
        title=title,
        measure=OFFICERS,
        unit="decimal",
        snapshot=True,
    )
    return Shape("workforce_regions_above", Book((grid.spec(),)), expected)


def workforce_regions_below(seed: int = 0) -> Shape:
    """Police workforce headcounts with each region's total below its forces ("Total West
    Midlands" straight after the West Midlands force) and "Total England and Wales" last."""
    title = (
        "Table 4: Police workforce (headcount) by police force area, England and Wales, "
        "as at 31 March 2024"
    )
    grid = Grid("Table 4")
    grid.notes(f"{title} [note 1]", "Figures are headcounts.", SOURCE)
    grid.gap()
    lines = [
        *by_region(lambda r: (f"Total {r.short}",), "workforce", below=True),
        total_line(codes(), "Total England and Wales"),
    ]
    cols = _cols(seed, whole=True, period="2024-Q1")
    expected = write_table(
        grid,
        ("Police force area",),
        cols,
        lines,
        title=title,
        measure="Police officers (headcount)",
        snapshot=True,
    )
    return Shape("workforce_regions_below", Book((grid.spec(),)), expected)


def workforce_dates_across(seed: int = 0) -> Shape:
    """Police workforce time series: the column headings are date cells (31 March 2020 …
    2024), each a snapshot stored as the quarter holding it."""
    rng = Random(f"{seed}:uplift")
    base = fte(seed, 2.3, salt="officers")
    cols = []
    # Officer numbers rose with the uplift programme from 2020 to 2023.
    for year, growth in zip(range(2020, 2025), (0.86, 0.91, 0.96, 1.0, 0.995), strict=True):
        values = {c: round(v * growth * rng.uniform(0.98, 1.02), 2) for c, v in base.items()}
        cols.append(Col(date(year, 3, 31), values, f"{year}-Q1"))
    title = "Table F1: Police officers (FTE) by force, as at 31 March 2020 to 31 March 2024"
    grid = Grid("Table F1")
    grid.notes(title, "Figures are full-time equivalents (FTE), as at 31 March each year.")
    grid.gap()
    lines = [
        *forces("workforce", order=alphabetical("workforce")),
        total_line(codes(), "England and Wales"),
    ]
    expected = write_table(
        grid, ("Force",), cols, lines, title=title, measure=OFFICERS, unit="decimal", snapshot=True
    )
    return Shape("workforce_dates_across", Book((grid.spec(),)), expected)
