"""Arithmetic on force × period matrices for trend charts, with gaps kept as gaps.

A matrix holds one row per force and one column per period: a count, or NaN where the force has
no figure (missing, suppressed or not applicable). NaN never becomes zero: a nil return is
stored as 0 before it gets here; anything else unknown stays unknown.

National figures add up the forces that have a figure. A change on a year before compares the
same forces in both periods, so a force that returned this year but not last does not show up
as growth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PER = 100_000  # rates are per 100,000 people


@dataclass(frozen=True)
class Aggregate:
    values: np.ndarray  # one per period; NaN where nothing could be worked out
    reporting: np.ndarray  # forces counted in each period (int)


def rolling_sum(matrix: np.ndarray, window: int = 4) -> np.ndarray:
    """Sums over `window` consecutive periods ending at each column, NaN unless all present.

    The first `window - 1` columns are NaN: their window reaches before the data."""
    out = np.full(matrix.shape, np.nan)
    if matrix.shape[1] < window:
        return out
    # A cumulative sum of the values (gaps as 0) and of the gap count gives each window's
    # total and whether it had a gap in one pass, without a Python loop over periods.
    gaps = np.isnan(matrix)
    filled = np.where(gaps, 0.0, matrix)
    zero = np.zeros((matrix.shape[0], 1))
    total = np.concatenate([zero, np.cumsum(filled, axis=1)], axis=1)
    gap_count = np.concatenate([zero, np.cumsum(gaps, axis=1)], axis=1)
    sums = total[:, window:] - total[:, :-window]
    complete = (gap_count[:, window:] - gap_count[:, :-window]) == 0
    out[:, window - 1 :] = np.where(complete, sums, np.nan)
    return out


def total(
    counts: np.ndarray, population: np.ndarray | None = None, counted: np.ndarray | None = None
) -> Aggregate:
    """The sum over forces with a figure; with `population`, the rate per 100,000 of the
    forces that have both a figure and a population. `counted` (bool, forces × periods) narrows
    which forces may count, e.g. to those present a year before too."""
    present = ~np.isnan(counts)
    if counted is not None:
        present &= counted
    if population is not None:
        present &= ~np.isnan(population)
    summed = np.where(present, counts, 0.0).sum(axis=0)
    reporting = present.sum(axis=0)
    if population is None:
        values = np.where(reporting > 0, summed, np.nan)
    else:
        people = np.where(present, population, 0.0).sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(people > 0, summed * PER / people, np.nan)
    return Aggregate(values, reporting)


def rates(counts: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Force by force: per 100,000 people, NaN where either is unknown."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(population > 0, counts * PER / population, np.nan)


def change_on(values: np.ndarray, lag: int) -> np.ndarray:
    """% change on the value `lag` columns before, per row: NaN where either is missing or the
    earlier value is 0 (a change from nothing has no percentage)."""
    out = np.full(values.shape, np.nan)
    if values.shape[-1] <= lag:
        return out
    now = values[..., lag:]
    before = values[..., :-lag]
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = (now - before) * 100 / before
    out[..., lag:] = np.where(np.isnan(before) | (before == 0), np.nan, pct)
    return out


def national_change(
    counts: np.ndarray, lag: int, population: np.ndarray | None = None
) -> Aggregate:
    """% change of the national total (or rate) on `lag` periods before, over the forces with a
    figure in both periods. `reporting` is how many forces that comparison rests on."""
    n_periods = counts.shape[1]
    values = np.full(n_periods, np.nan)
    reporting = np.zeros(n_periods, dtype=int)
    if n_periods <= lag:
        return Aggregate(values, reporting)
    both = ~np.isnan(counts[:, lag:]) & ~np.isnan(counts[:, :-lag])
    if population is not None:
        both &= ~np.isnan(population[:, lag:]) & ~np.isnan(population[:, :-lag])
    now = total(counts[:, lag:], None if population is None else population[:, lag:], both)
    before = total(counts[:, :-lag], None if population is None else population[:, :-lag], both)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = (now.values - before.values) * 100 / before.values
    values[lag:] = np.where(np.isnan(before.values) | (before.values == 0), np.nan, pct)
    reporting[lag:] = now.reporting
    return Aggregate(values, reporting)
