"""NRM referrals by police force with the periods across the columns, one table for each form
publishers write a period in. Each heading's period key is the one the app stores."""

from __future__ import annotations

from collections.abc import Sequence
from random import Random

from .forces import codes, counts
from .grid import Col, Grid, total_line, write_table
from .model import Book, Shape
from .rows import alphabetical, forces


def _by_force(
    name: str, number: int, headings: Sequence[tuple[str, str]], seed: int, per_1000: float
) -> Shape:
    """Forces alphabetically (as the NRM tables list them), "England and Wales" last."""
    rng = Random(f"{seed}:{name}")
    base = counts(seed, per_1000, salt=name)
    cols = [
        Col(
            heading, {c: max(0, round(v * rng.uniform(0.85, 1.2))) for c, v in base.items()}, period
        )
        for heading, period in headings
    ]
    span = " and ".join(h for h, _ in headings)
    title = f"Table {number}: NRM referrals by police force, England and Wales, {span}"
    grid = Grid(f"Table_{number}")
    grid.notes(
        title,
        "Referrals made by police forces as first responders.",
        "Source: Home Office, National Referral Mechanism statistics",
    )
    lines = [*forces("nrm", order=alphabetical("nrm")), total_line(codes(), "England and Wales")]
    expected = write_table(grid, ("Police force",), cols, lines, title=title)
    return Shape(name, Book((grid.spec(),)), expected)


def period_forms_hyphen_years(seed: int = 0) -> Shape:
    """Financial years written "2004-05", as in older Home Office tables: not 2004 or 2005."""
    return _by_force(
        "period_forms_hyphen_years", 2, (("2004-05", "2004/05"), ("2005-06", "2005/06")), seed, 0.2
    )


def period_forms_single_hyphen(seed: int = 0) -> Shape:
    """One financial year "2019-20" as the only figure column's heading."""
    return _by_force("period_forms_single_hyphen", 3, (("2019-20", "2019/20"),), seed, 0.2)


def period_forms_month_span(seed: int = 0) -> Shape:
    """A financial year spelled by its months, "Apr 2019 to Mar 2020" (ONS style)."""
    return _by_force(
        "period_forms_month_span", 4, (("Apr 2019 to Mar 2020", "2019/20"),), seed, 0.2
    )


def period_forms_year_ending(seed: int = 0) -> Shape:
    """ "Year ending March 2019": the financial year 2018/19, not 2019/20."""
    return _by_force(
        "period_forms_year_ending", 5, (("Year ending March 2019", "2018/19"),), seed, 0.2
    )


def period_forms_12_months(seed: int = 0) -> Shape:
    """ "12 months to June 2024": a rolling year ending in June, stored as YE2024-06."""
    return _by_force(
        "period_forms_12_months", 6, (("12 months to June 2024", "YE2024-06"),), seed, 0.2
    )


def period_forms_quarters(seed: int = 0) -> Shape:
    """Quarters headed "Q1 2024", "Q2 2024" (calendar quarters, as the NRM tables mean)."""
    return _by_force(
        "period_forms_quarters", 7, (("Q1 2024", "2024-Q1"), ("Q2 2024", "2024-Q2")), seed, 0.05
    )


def period_forms_month_quarters(seed: int = 0) -> Shape:
    """Quarters spelled by their months, "Jan to Mar 2024", "Apr to Jun 2024"."""
    headings = (("Jan to Mar 2024", "2024-Q1"), ("Apr to Jun 2024", "2024-Q2"))
    return _by_force("period_forms_month_quarters", 8, headings, seed, 0.05)


PERIOD_FORMS = (
    period_forms_hyphen_years,
    period_forms_single_hyphen,
    period_forms_month_span,
    period_forms_year_ending,
    period_forms_12_months,
    period_forms_quarters,
    period_forms_month_quarters,
)
