"""Home Office NRM statistics tables by police force, each with one trap: two tables stacked
in a sheet, categories headed only "Not stated" or "Unknown", every marker, non-whole counts
and footnotes glued to names, headings and the title."""

from __future__ import annotations

from random import Random

from .forces import codes, counts, split
from .grid import Col, Grid, Line, total_line, write_table
from .model import Book, Shape
from .rows import alphabetical, forces

SOURCE = "Source: Home Office, National Referral Mechanism statistics"


def _lines(style: str = "nrm", glued: dict[str, str] | None = None) -> list[Line]:
    """The forces alphabetically, as the NRM tables list them, "England and Wales" last."""
    own = forces(style, glued or {}, order=alphabetical(style))
    return [*own, total_line(codes(), "England and Wales")]


def stacked_tables(seed: int = 0) -> Shape:
    """NRM referrals by force for two financial years stacked in one sheet: a second title
    row after one blank row, the same forces again. `tables` gives each (--table 1 and 2)."""
    grid = Grid("Table 2")
    tables = []
    for n, (letter, year) in enumerate((("a", "2022/23"), ("b", "2023/24")), start=1):
        if n > 1:
            grid.gap()
        title = f"Table 2{letter}: NRM referrals by police force, {year}"
        grid.notes(title, SOURCE)
        col = Col("Number of referrals", counts(seed, 0.25, salt=year), year)
        tables.append(write_table(grid, ("Police force",), (col,), _lines(), title=title, table=n))
    book = Book((grid.spec(),))
    return Shape("stacked_tables", book, None, refusal="several tables", tables=tuple(tables))


def generic_columns(seed: int = 0) -> Shape:
    """By exploitation type under a merged "Exploitation type" heading: "Not stated" is the
    unknown type because the heading names the dimension; "Other" has no app category."""
    total = counts(seed, 0.25, salt="exploitation")
    labour, sexual, criminal, unstated, other = split(
        total, seed, "types", (0.2, 0.15, 0.4, 0.17, 0.08)
    )
    title = "Table 6: NRM referrals by police force and exploitation type, England and Wales, 2023"
    grid = Grid("Table 6")
    grid.notes(title, SOURCE)
    grid.gap()
    top = grid.add("Police force", "Exploitation type", None, None, None, None, "Total")
    grid.merge(f"A{top}:A{top + 1}", f"B{top}:F{top}", f"G{top}:G{top + 1}")
    cols = (
        Col("Labour", labour, "2023", "exploitation=labour"),
        Col("Sexual", sexual, "2023", "exploitation=sexual"),
        Col("Criminal", criminal, "2023", "exploitation=criminal"),
        Col("Not stated", unstated, "2023", "exploitation=unknown"),
        Col("Other", other, role="unmapped"),
        Col(None, total, "2023"),  # under the merged "Total"
    )
    expected = write_table(grid, (None,), cols, _lines(), title=title)
    return Shape("generic_columns", Book((grid.spec(),)), expected)


def generic_columns_age(seed: int = 0) -> Shape:
    """ "Adult | Child | Unknown | Total" with no group heading: Adult and Child make the
    dimension age, so "Unknown" is age unknown."""
    total = counts(seed, 0.25, salt="age")
    adult, child, unknown = split(total, seed, "ages", (0.55, 0.4, 0.05))
    title = "Table 5: NRM referrals by police force and age, England and Wales, 2023"
    grid = Grid("Table 5")
    grid.notes(title, SOURCE)
    grid.gap()
    cols = (
        Col("Adult", adult, "2023", "age=adult"),
        Col("Child", child, "2023", "age=child"),
        Col("Unknown", unknown, "2023", "age=unknown"),
        Col("Total", total, "2023"),
    )
    expected = write_table(grid, ("Police force",), cols, _lines(), title=title)
    return Shape("generic_columns_age", Book((grid.spec(),)), expected)


def generic_columns_no_dimension(seed: int = 0) -> Shape:
    """ "Total | Not recorded" and nothing saying what was not recorded: ask, do not guess."""
    total = counts(seed, 0.25, salt="not recorded")
    _, unrecorded = split(total, seed, "unrecorded", (0.9, 0.1))
    title = "Table 7: NRM referrals by police force, England and Wales, 2023"
    grid = Grid("Table 7")
    grid.notes(title, SOURCE)
    grid.gap()
    cols = (Col("Total", total, "2023"), Col("Not recorded", unrecorded, "2023"))
    write_table(grid, ("Police force",), cols, _lines(), title=title)
    book = Book((grid.spec(),))
    return Shape(
        "generic_columns_no_dimension", book, None, refusal="generic column without a dimension"
    )


MARKERS = ("..", ":", "-", "*", "x", "[x]", "[c]", "[z]", "[low]", "n/a")


def markers(seed: int = 0) -> Shape:
    """One quarter by force holding every publisher's marker once, and a true zero: each
    marker is a status (suppressed or not applicable), never a zero."""
    values: dict[str, object] = dict(counts(seed, 0.06, salt="markers"))
    chosen = Random(f"{seed}:markers").sample(codes(), len(MARKERS) + 1)
    for code, marker in zip(chosen, MARKERS, strict=False):
        values[code] = marker
    values[chosen[-1]] = 0
    title = "Table 9: NRM referrals by police force, January to March 2024"
    grid = Grid("Table 9")
    grid.notes(title, SOURCE)
    grid.gap()
    cols = (Col("Number of referrals", values, "2024-Q1"),)
    expected = write_table(grid, ("Police force",), cols, _lines(), title=title)
    grid.gap()
    grid.notes(
        "Shorthand: .. and : not available; x, [x], * and [c] suppressed to protect "
        "confidentiality; [low] fewer than 5; - , [z] and n/a not applicable."
    )
    return Shape("markers", Book((grid.spec(),)), expected)


def decimal_counts(seed: int = 0) -> Shape:
    """NRM referrals (a count) where three forces' cells hold halves such as 12.5: refuse,
    rather than round a count someone mistyped or averaged."""
    values: dict[str, object] = dict(counts(seed, 0.25, salt="decimals"))
    for code in Random(f"{seed}:decimals").sample(codes(), 3):
        values[code] = values[code] + 0.5  # type: ignore[operator]
    title = "Table 3: NRM referrals by police force, 2023/24"
    grid = Grid("Table 3")
    grid.notes(title, SOURCE)
    grid.gap()
    write_table(
        grid,
        ("Police force",),
        (Col("Number of referrals", values, "2023/24"),),
        _lines(),
        title=title,
    )
    return Shape("decimal_counts", Book((grid.spec(),)), None, refusal="non-whole count")


GLUED = {
    "E23000005": "8,9",  # Greater Manchester
    "E23000032": "*",  # Kent
    "E23000031": " (a)",  # Surrey
    "E23000033": "¹",  # Sussex, a superscript one
    "E23000029": "[note 3]",  # Thames Valley
}


def footnotes(seed: int = 0) -> Shape:
    """Footnote markers glued everywhere: the title ends "December 20191,2" (2019, notes 1
    and 2), names "Greater Manchester8,9", "Kent*", "Sussex¹", "ENGLAND AND WALES7,8"."""
    total = counts(seed, 0.06, salt="footnotes")
    adult, child, unknown = split(total, seed, "footnote ages", (0.6, 0.35, 0.05))
    title = "Table 4: NRM referrals by police force and age group, October to December 2019"
    grid = Grid("Table 4")
    grid.notes(f"{title}1,2", SOURCE)
    grid.gap()
    cols = (
        Col("Adult (18 or over)2", adult, "2019-Q4", "age=adult"),
        Col("Child (17 or under)", child, "2019-Q4", "age=child"),
        Col("Age not specified", unknown, "2019-Q4", "age=unknown"),
        Col("Total [note 4]", total, "2019-Q4"),
    )
    lines = [total_line(codes(), "ENGLAND AND WALES7,8"), *_lines("ons", GLUED)[:-1]]
    expected = write_table(grid, ("Police force",), cols, lines, title=title)
    grid.gap()
    grid.notes(
        "1. Figures are for referrals made between 1 October and 31 December 2019.",
        "2. Age is the age at the time of exploitation.",
        "3. Thames Valley Police figures include referrals for Milton Keynes.",
        "4. The total includes referrals where age was not specified.",
        "7. England and Wales excludes British Transport Police.",
        "8. Greater Manchester Police changed recording system in July 2019.",
        "9. Figures for Greater Manchester may be revised.",
        "(a) Surrey Police figures are provisional.",
        "* Kent Police figures include referrals made by the Kent and Essex serious crime "
        "directorate.",
        "¹ Sussex Police figures are provisional.",
    )
    return Shape("footnotes", Book((grid.spec(),)), expected)
