"""A workbook as the Home Office publishes the NRM statistics: cover, contents and notes
sheets, then Table_1 … Table_17, some by police force and most of something else (national
time series, first responder types, nationalities, counties, the UK's nations)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from random import Random

from .forces import BTP, codes, counts, name, split
from .geography import county_table
from .grid import Col, Grid, Line, force_line, total_line, write_table
from .model import Book, Expected, Shape, SheetSpec
from .rows import alphabetical, by_region, forces

SCOTLAND, NI, NOT_KNOWN = "S23000009", "N92000002", "NS"  # NS: "Not specified", no force
PUBLICATION = "Modern Slavery: National Referral Mechanism and Duty to Notify statistics UK"
ABOUT = "This worksheet contains one table. Some cells refer to notes in the Notes worksheet."
SOURCE = "Source: Home Office, National Referral Mechanism case management system"
AGES = ("Adult (18 or over)", "Child (17 or under)", "Age not specified", "Total")
TYPES = ("Labour", "Sexual", "Criminal", "Domestic servitude", "Not specified or unknown")
TYPE_KEYS = ("labour", "sexual", "criminal", "domestic_servitude", "unknown")
_NOTE = re.compile(r"\s*\[note \d+\]")
QUARTERS = ("Jan to Mar", "Apr to Jun", "Jul to Sep", "Oct to Dec")


def _uk(seed: int, salt: str, per_1000: float) -> dict[str, int]:
    """Referrals by every UK force as first responder, and those where none was recorded."""
    values = counts(seed, per_1000, salt=salt)
    rng = Random(f"{seed}:{salt}:uk")
    for code, people in ((BTP, 300), (SCOTLAND, 5400), (NI, 1900), (NOT_KNOWN, 500)):
        values[code] = round(people * per_1000 * rng.uniform(0.7, 1.3))
    return values


def _uk_lines() -> list[Line]:
    """The 43 forces alphabetically, then BTP, Scotland, PSNI, "Not specified" and "Total"."""
    return [
        *forces("nrm", order=alphabetical("nrm")),
        force_line(BTP, "British Transport Police"),
        force_line(SCOTLAND, "Police Scotland"),
        force_line(NI, "Police Service of Northern Ireland"),
        total_line((NOT_KNOWN,), "Not specified [note 4]"),
        total_line((*codes(), BTP, SCOTLAND, NI, NOT_KNOWN), "Total"),
    ]


def _start(n: int, title: str) -> Grid:
    grid = Grid(f"Table_{n}")
    grid.notes(f"Table {n}: {title}", ABOUT, SOURCE)
    return grid


def _by_force(
    n: int, title: str, cols: Sequence[Col], lines: Sequence[Line], measure: str = "NRM referrals"
) -> tuple[SheetSpec, Expected]:
    grid = _start(n, title)
    clean = _NOTE.sub("", f"Table {n}: {title}")  # the title as shown, its [note N] dropped
    expected = write_table(grid, ("Police force",), cols, lines, title=clean, measure=measure)
    return grid.spec(), expected


def _listing(
    n: int, title: str, header: Sequence[str], rows: Sequence[Sequence[object]], why: str
) -> tuple[SheetSpec, str]:
    """A table of something other than forces, and why it is not imported."""
    grid = _start(n, title)
    grid.add(*header)
    for row in rows:
        grid.add(*row)
    return grid.spec(), why


def _ages(rng: Random, scale: int) -> tuple[int, int, int, int]:
    adult, child, unknown = rng.randrange(scale), rng.randrange(scale), rng.randrange(scale // 20)
    return adult, child, unknown, adult + child + unknown


def _categories(rng: Random, names: Sequence[str], scale: int) -> list[tuple]:
    """A row of age groups per name, then their "Total"."""
    rows = [(name, *_ages(rng, scale)) for name in names]
    return [*rows, ("Total", *(sum(r[i] for r in rows) for i in range(1, 5)))]


def _force_tables(seed: int) -> dict[int, tuple[SheetSpec, Expected]]:
    total = _uk(seed, "2024", 0.3)
    ages = split(total, seed, "ages", (0.55, 0.4, 0.05))
    types = split(total, seed, "types", (0.25, 0.15, 0.35, 0.05, 0.2))
    quarters = split(total, seed, "quarters", (0.24, 0.25, 0.25, 0.26))
    last = counts(seed, 0.27, salt="2023")
    england_wales = [
        *forces("nrm", order=alphabetical("nrm")),
        total_line(codes(), "England and Wales"),
    ]

    def change(members: tuple[str, ...], percent: bool = False) -> object:
        old, new = sum(last[c] for c in members), sum(total[c] for c in members)
        return round((new - old) / old * 100, 1) if percent else new - old

    by_age = [
        Col(heading, values, "2024", key)
        for heading, values, key in zip(
            AGES, (*ages, total), ("age=adult", "age=child", "age=unknown", ""), strict=True
        )
    ]
    by_type = [
        Col(heading, values, "2024", f"exploitation={key}")
        for heading, values, key in zip(TYPES, types, TYPE_KEYS, strict=True)
    ]
    by_quarter = [Col(f"Q{q} 2024", v, f"2024-Q{q}") for q, v in enumerate(quarters, start=1)]
    years = [
        Col("2023", last, "2023"),
        Col("2024", total, "2024"),
        Col("Change", role="skip", derive=change),
        Col("% change", role="skip", derive=lambda m: change(m, percent=True)),
    ]
    dtn = [Col("Number of reports", counts(seed, 0.08, salt="dtn"), "2024")]
    q4 = [Col("Number of referrals", counts(seed, 0.075, salt="q4"), "2024-Q4")]
    regional = [total_line(codes(), "England and Wales"), *by_region(lambda r: (r.short,))]
    return {
        5: _by_force(
            5, "NRM referrals by police force and age group, UK, 2024 [note 3]", by_age, _uk_lines()
        ),
        6: _by_force(
            6,
            "NRM referrals by police force and exploitation type, UK, 2024 [note 5]",
            [*by_type, Col("Total", total, "2024")],
            _uk_lines(),
        ),
        7: _by_force(
            7, "NRM referrals by police force and quarter, UK, 2024", by_quarter, _uk_lines()
        ),
        10: _by_force(
            10,
            "Duty to Notify reports by police force, England and Wales, 2024 [note 6]",
            dtn,
            england_wales,
            measure="Duty to Notify reports",
        ),
        13: _by_force(
            13,
            "NRM referrals made by police forces as first responders, England "
            "and Wales, 2023 and 2024",
            years,
            england_wales,
        ),
        16: _by_force(
            16,
            "NRM referrals by police force area and region, England and Wales, "
            "October to December 2024",
            q4,
            regional,
        ),
    }


def _national(rng: Random) -> dict[str, list[tuple]]:
    """Rows of the tables with no forces: periods down the rows, or categories."""
    quarters = [(y, q, *_ages(rng, 2500)) for y in range(2020, 2025) for q in QUARTERS]
    years: list[tuple] = []
    for year in range(2009, 2025):
        count = round(2000 * 1.19 ** (year - 2009) * rng.uniform(0.9, 1.1))
        change = round((count - years[-1][1]) / years[-1][1] * 100, 1) if years else "[x]"
        years.append((year, count, change))
    reasonable = []
    for y in range(2022, 2025):
        for q in QUARTERS:
            yes, no = rng.randrange(2000, 4000), rng.randrange(300, 2500)
            reasonable.append((y, q, yes, no, yes + no, round(yes / (yes + no) * 100)))
    conclusive = []
    for y in range(2019, 2025):
        yes, no = rng.randrange(1000, 4000), rng.randrange(100, 900)
        conclusive.append((y, yes, no, yes + no))
    return {
        "quarters": quarters,
        "years": years,
        "reasonable": reasonable,
        "conclusive": conclusive,
    }


RESPONDERS = ("Police", "Local authority", "Home Office", "NGO", "Other government agency")
NATIONALITIES = ("UK", "Albania", "Eritrea", "Vietnam", "Sudan", "Iran", "Afghanistan",
                 "Romania", "India", "Iraq", "Other nationalities", "Not specified")  # fmt: skip
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")
SEXES = ("Female", "Male", "Other", "Not specified")


def _other_tables(seed: int) -> dict[int, tuple[SheetSpec, str]]:
    """The tables of something other than forces, and why each is not imported."""
    rng = Random(f"{seed}:national")
    rows = _national(rng)
    kinds = (*TYPES[:4], "Organ harvesting", TYPES[4])
    decided = ("Positive", "Negative")
    return {
        1: _listing(
            1,
            "NRM referrals by quarter and age group, UK, January 2020 to December 2024",
            ("Year", "Quarter", *AGES),
            rows["quarters"],
            "national time series",
        ),
        2: _listing(
            2,
            "NRM referrals by year, UK, 2009 to 2024",
            ("Year", "Number of referrals", "Change on previous year (%)"),
            rows["years"],
            "national time series",
        ),
        3: _listing(
            3,
            "NRM referrals by first responder type, UK, 2024",
            ("First responder type", *AGES),
            _categories(rng, RESPONDERS, 3000),
            "first responder types",
        ),
        4: _listing(
            4,
            "NRM referrals by nationality, UK, 2024 [note 7]",
            ("Nationality", *AGES),
            _categories(rng, NATIONALITIES, 1500),
            "nationalities",
        ),
        8: (county_table(seed, number=8, sheet="Table_8", year=2024).spec(), "county geography"),
        9: _listing(
            9,
            "NRM referrals by exploitation type and age group, UK, 2024",
            ("Exploitation type", *AGES),
            _categories(rng, kinds, 3000),
            "no forces",
        ),
        11: _listing(
            11,
            "NRM referrals by sex and age group, UK, 2024",
            ("Sex", *AGES),
            _categories(rng, SEXES, 5000),
            "no forces",
        ),
        12: _listing(
            12,
            "NRM referrals by country of the UK where exploitation took place, 2024",
            ("Country", *AGES),
            _categories(rng, NATIONS, 8000),
            "nations only",
        ),
        14: _listing(
            14,
            "Reasonable grounds decisions by quarter, UK, January 2022 to December 2024",
            ("Year", "Quarter", *decided, "Total decisions", "Positive rate (%)"),
            rows["reasonable"],
            "national time series",
        ),
        15: _listing(
            15,
            "Conclusive grounds decisions by year, UK, 2019 to 2024",
            ("Year", *decided, "Total"),
            rows["conclusive"],
            "national time series",
        ),
        17: _listing(
            17,
            "Duty to Notify reports by first responder organisation, England and Wales, 2024",
            ("First responder organisation", "Number of reports"),
            [(r, rng.randrange(50, 3000)) for r in RESPONDERS],
            "first responder types",
        ),
    }


def _front(titles: dict[int, str]) -> tuple[SheetSpec, ...]:
    cover = SheetSpec(
        "Cover",
        (
            (f"{PUBLICATION}, end of year summary 2024",),
            ("Statistical tables",),
            ("Published: 6 March 2025",),
            ("Next update: 5 June 2025",),
            ("These are official statistics produced by the Home Office.",),
        ),
    )
    contents = SheetSpec(
        "Contents",
        (
            ("Contents",),
            ("Table number", "Table description"),
            *((f"Table_{n}", titles[n]) for n in sorted(titles)),
        ),
    )
    notes = SheetSpec(
        "Notes",
        (
            ("Notes",),
            ("Note number", "Note text"),
            ("Note 1", "Figures are for potential victims referred in the period."),
            ("Note 2", "Figures are subject to revision as cases are updated."),
            ("Note 3", "Age is the age at the time of exploitation."),
            ("Note 4", "Referrals where the police force area was not recorded."),
            ("Note 5", "A referral may report more than one type; the main type is counted."),
            ("Note 6", "Duty to Notify applies in England and Wales only."),
            ("Note 7", "Nationality as recorded at the time of referral."),
        ),
    )
    return cover, contents, notes


def seventeen_tables(seed: int = 0) -> Shape:
    """The NRM statistics workbook: Cover, Contents, Notes, Table_1 … Table_17; six tables by
    force (by age, by type, quarters across, DtN, years with change, regions above) among
    eleven that are not, and a hidden sheet listing the forces. Without a sheet chosen, ask."""
    by_force = _force_tables(seed)
    other = _other_tables(seed)
    sheets = {n: spec for n, (spec, _) in (*by_force.items(), *other.items())}
    titles = {n: str(spec.rows[0][0]) for n, spec in sheets.items()}
    # Publishers keep the names behind their drop-downs on a hidden sheet: a list of forces.
    lookups = SheetSpec(
        "Lookups",
        (("Force code", "Force name"), *((c, name(c, "nrm")) for c in codes())),
        hidden=True,
    )
    book = Book((*_front(titles), *(sheets[n] for n in range(1, 18)), lookups))
    return Shape(
        "seventeen_tables",
        book,
        None,
        refusal="several tables",
        tables=tuple(by_force[n][1] for n in sorted(by_force)),
        refused={
            **{f"Table_{n}": why for n, (_, why) in sorted(other.items())},
            "Lookups": "hidden sheet",
        },
    )
