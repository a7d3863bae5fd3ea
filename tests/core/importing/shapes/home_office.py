"""Home Office statistical tables on police powers: use of force and roadside breath tests.
Footnote digits glued to names, markers for missing figures, change columns after a spacer,
and financial years written short ("04/05")."""

from __future__ import annotations

from random import Random

from .forces import add, codes, counts
from .grid import Col, Grid, total_line, write_table
from .model import Book, Shape
from .rows import alphabetical, by_region, forces

GMP, DEVON, GLOUCESTER, CITY = "E23000005", "E23000035", "E23000037", "E23000034"


def use_of_force_fy(seed: int = 0) -> Shape:
    """Police use of force statistics, Table UOF_01: two financial years, a blank spacer then
    "Change" and "% change"; ".." and "-" for figures a force did not give; glued footnotes."""
    before = counts(seed, 9.0, salt="uof 2022/23")
    rng = Random(f"{seed}:uof")
    after = {c: round(v * rng.uniform(0.9, 1.15)) for c, v in before.items()}
    before[GLOUCESTER] = ".."  # not available: a new recording system
    before[CITY] = "-"  # not applicable: the force did not record incidents that year

    def change(members: tuple[str, ...], percent: bool = False) -> object:
        if len(members) == 1 and isinstance(before[members[0]], str):
            return before[members[0]]
        old = add(before, [c for c in members if not isinstance(before[c], str)])
        new = add(after, [c for c in members if not isinstance(before[c], str)])
        return round((new - old) / old * 100, 1) if percent else new - old

    title = (
        "Table UOF_01: Use of force incidents by police force area, England and Wales, "
        "year ending 31 March 2023 and year ending 31 March 2024"
    )
    grid = Grid("UOF_01")
    grid.notes(title, "Number of incidents in which force was used")
    grid.gap()
    cols = (
        Col("2022/23", before, "2022/23"),
        Col("2023/24", after, "2023/24"),
        Col(None, role="skip"),  # the spacer
        Col("Change", role="skip", derive=change),
        Col("% change", role="skip", derive=lambda m: change(m, percent=True)),
    )
    glued = {GMP: "4", DEVON: " 4"}
    lines = [
        total_line(codes(), "ENGLAND AND WALES7,8"),
        *forces(glued=glued, order=alphabetical("ons")),
    ]
    expected = write_table(
        grid, ("Police force area",), cols, lines, title=title, measure="Use of force incidents"
    )
    grid.gap()
    grid.notes(
        "Notes:",
        "1. An incident may involve more than one use of force.",
        "4. Devon and Cornwall and Greater Manchester changed recording systems during 2023/24.",
        "7. England and Wales totals include only forces that supplied figures for the year.",
        "8. Change is calculated for forces that supplied figures for both years.",
        ".. not available; - not applicable",
    )
    return Shape("use_of_force_fy", Book((grid.spec(),)), expected)


def breath_tests_short_fy(seed: int = 0) -> Shape:
    """Police powers and procedures, roadside breath tests Table BT.01: sixteen financial
    years headed "04/05" … "19/20", region rows above their forces, ":" and "x" markers."""
    rng = Random(f"{seed}:breath")
    base = counts(seed, 11.0, salt="breath")
    years: dict[int, dict[str, object]] = {}
    for start in range(2004, 2020):
        trend = 1 - (start - 2004) * 0.03  # breath tests fell by about half over the years
        years[start] = {c: round(v * trend * rng.uniform(0.92, 1.08)) for c, v in base.items()}
    for marker in (":", ":", ":", "x", "x", "x"):
        years[rng.randrange(2004, 2020)][rng.choice(codes())] = marker
    cols = [
        Col(f"{y % 100:02}/{(y + 1) % 100:02}", values, f"{y}/{(y + 1) % 100:02}")
        for y, values in years.items()
    ]
    title = "Table BT.01: Breath tests by police force area, England and Wales, 04/05 to 19/20"
    grid = Grid("BT.01")
    grid.notes(title, "Number of breath tests")
    grid.gap()
    lines = [*by_region(lambda r: (r.short,)), total_line(codes(), "ENGLAND AND WALES")]
    expected = write_table(
        grid, ("Police force area",), cols, lines, title=title, measure="Breath tests"
    )
    grid.gap()
    grid.notes(
        ": Not available: the force did not supply figures for the year.",
        "x Figures not published because of data quality concerns.",
    )
    return Shape("breath_tests_short_fy", Book((grid.spec(),)), expected)
