"""Workbooks shaped like real published tables by police force area (issue 15), written as
.xlsx and .ods, each with what a correct import stores or why it must be refused.

    shape = ALL_SHAPES["ons_pfa_codes"]()        # a Shape: book, expected, refusal, tables
    path = write(shape.book, tmp_path / "p1.ods")

Every builder takes `seed` (default 0) and is deterministic for it.
"""

from __future__ import annotations

from collections.abc import Callable

from .geography import nrm_county, nrm_county_codes, regions_only, west_midlands_alone
from .home_office import breath_tests_short_fy, use_of_force_fy
from .model import Book, Expected, Shape, SheetSpec
from .nrm import (
    decimal_counts,
    footnotes,
    generic_columns,
    generic_columns_age,
    generic_columns_no_dimension,
    markers,
    stacked_tables,
)
from .ons import ons_pfa_codes, ons_pfa_two_years
from .periods import PERIOD_FORMS
from .seventeen import seventeen_tables
from .workforce import workforce_dates_across, workforce_regions_above, workforce_regions_below
from .write import write

_BUILDERS: tuple[Callable[..., Shape], ...] = (
    ons_pfa_codes,
    ons_pfa_two_years,
    workforce_regions_above,
    workforce_regions_below,
    workforce_dates_across,
    use_of_force_fy,
    breath_tests_short_fy,
    *PERIOD_FORMS,
    nrm_county,
    nrm_county_codes,
    regions_only,
    stacked_tables,
    seventeen_tables,
    generic_columns,
    generic_columns_age,
    generic_columns_no_dimension,
    markers,
    decimal_counts,
    west_midlands_alone,
    footnotes,
)
ALL_SHAPES: dict[str, Callable[..., Shape]] = {b.__name__: b for b in _BUILDERS}

__all__ = ["ALL_SHAPES", "Book", "Expected", "Shape", "SheetSpec", "write"]
