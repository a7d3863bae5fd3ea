"""ONS "Police force area data tables" (Crime in England and Wales): an area code column that
decides what each row is, capitalised country and region rows above their forces, footnotes
glued to names, and British Transport Police at the end with no code."""

from __future__ import annotations

from collections.abc import Callable
from random import Random

from .forces import BTP, ENGLAND, ENGLAND_AND_WALES, POPULATION, add, codes, counts, english
from .grid import Col, Grid, Line, force_line, total_line, write_table
from .model import Book, Shape, SheetSpec
from .rows import by_region

GLUED = {"E23000005": "8,9", "E23000035": " 4", "E23000036": "[note 5]"}
TCR = "Total recorded crime (excluding fraud and computer misuse)"
ABOUT = (
    "This worksheet contains one table. Some cells refer to notes which can be found in the "
    "Notes worksheet.",
    "Some shorthand is used in this table. [z] = not applicable.",
    "Source: Home Office Data Hub",
)


def _lines() -> list[Line]:
    """ENGLAND AND WALES, ENGLAND, each region in capitals above its forces, WALES above the
    Welsh forces, then BTP (not in any total)."""
    return [
        total_line(codes(), ENGLAND_AND_WALES, "ENGLAND AND WALES"),
        total_line(english(), ENGLAND, "ENGLAND"),
        *by_region(lambda r: (r.code, r.short.upper()), glued=GLUED, with_code=True),
        force_line(BTP, "[z]", "British Transport Police"),
    ]


def _crime(seed: int, salt: str) -> dict[str, int]:
    values = counts(seed, 80, salt=salt, spread=0.25)
    values[BTP] = 60_000 + Random(f"{seed}:{salt}").randrange(10_000)
    return values


def _rate(crime: dict[str, int]) -> Callable[[tuple[str, ...]], object]:
    def per_1000(members: tuple[str, ...]) -> object:
        if members == (BTP,):
            return "[z]"  # BTP polices the railways, not an area with a population
        return round(add(crime, members) / sum(POPULATION[c] for c in members), 1)

    return per_1000


def ons_pfa_codes(seed: int = 0) -> Shape:
    """ONS PFA data tables, Table P1: region rows (WEST MIDLANDS above the force of that name)
    that only the code column tells apart, offence groups beside the total, a rate column."""
    crime = _crime(seed, "P1")
    rng = Random(f"{seed}:groups")
    violence = {c: round(v * rng.uniform(0.3, 0.4)) for c, v in crime.items()}
    theft = {c: round(v * rng.uniform(0.2, 0.3)) for c, v in crime.items()}
    title = (
        "Table P1: Police recorded crime by offence group and police force area, English "
        "regions and Wales, year ending June 2024"
    )
    grid = Grid("Table P1")
    grid.notes(f"{title} [note 1][note 2]", *ABOUT)
    cols = (
        Col(f"{TCR} [note 3]", crime, "YE2024-06"),
        Col("Violence against the person", violence, role="unmapped"),
        Col("Theft offences", theft, role="unmapped"),
        Col("Rate per 1,000 population", role="skip", derive=_rate(crime)),
    )
    expected = write_table(
        grid, ("Area Code", "Area Name"), cols, _lines(), title=title, measure=TCR
    )
    cover = SheetSpec(
        "Cover sheet",
        (
            ("Police force area data tables: year ending June 2024",),
            ("These tables accompany the Crime in England and Wales statistical bulletin.",),
            ("Released: 24 October 2024",),
        ),
    )
    notes = SheetSpec(
        "Notes",
        (
            ("Notes",),
            ("Note number", "Note text"),
            ("Note 1", "Police recorded crime data are not designated as accredited statistics."),
            ("Note 2", "Fraud and computer misuse are recorded by Action Fraud, not by forces."),
            ("Note 3", "Excludes fraud and computer misuse offences."),
            ("Note 4", "Devon and Cornwall Police figures are affected by a new IT system."),
            ("Note 5", "Avon and Somerset figures include a correction to previous data."),
            ("Note 8", "Greater Manchester Police did not supply data for part of the year."),
            ("Note 9", "Figures for Greater Manchester are estimated."),
        ),
    )
    return Shape("ons_pfa_codes", Book((cover, notes, grid.spec())), expected)


def ons_pfa_two_years(seed: int = 0) -> Shape:
    """ONS PFA table of one measure over two rolling years: "12 months to June 2023" and "…
    2024" as column headings, then a "% change" column that is not a figure."""
    before = _crime(seed, "2023")
    rng = Random(f"{seed}:change")
    after = {c: round(v * rng.uniform(0.93, 1.08)) for c, v in before.items()}

    def change(members: tuple[str, ...]) -> float:
        old, new = add(before, members), add(after, members)
        return round((new - old) / old * 100, 1)

    title = (
        f"Table P2: {TCR} by police force area, English regions and Wales, 12 months to June "
        "2023 and 12 months to June 2024"
    )
    grid = Grid("Table P2")
    grid.notes(f"{title} [note 1]", *ABOUT)
    cols = (
        Col("12 months to June 2023", before, "YE2023-06"),
        Col("12 months to June 2024", after, "YE2024-06"),
        Col("% change", role="skip", derive=change),
    )
    expected = write_table(
        grid, ("Area Code", "Area Name"), cols, _lines(), title=title, measure=TCR
    )
    return Shape("ons_pfa_two_years", Book((grid.spec(),)), expected)
