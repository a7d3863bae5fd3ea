"""Which population estimate is the denominator of a rate per 100,000, one rule for every view.

The rule: the latest estimate no later than the period's year, else the earliest one there is
(figures for 2014 with only a 2024 estimate still get a rate, stating 2024 as its year).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Population
from ..domain.population import pick_estimate

# force id → ((year, population), …) ordered by year
Estimates = Mapping[int, Sequence[tuple[int, int]]]


def load_estimates(s: Session) -> dict[int, tuple[tuple[int, int], ...]]:
    """Every stored estimate, per force id, oldest year first."""
    out: dict[int, list[tuple[int, int]]] = {}
    for fid, year, pop in s.execute(
        select(Population.force_id, Population.year, Population.population).order_by(
            Population.force_id, Population.year
        )
    ):
        out.setdefault(fid, []).append((year, pop))
    return {fid: tuple(rows) for fid, rows in out.items()}


def populations_for_year(estimates: Estimates, year: int) -> dict[int, tuple[int, int]]:
    """force id → (population, estimate year) for every force with an estimate."""
    out = {}
    for fid, rows in estimates.items():
        picked = pick_estimate(rows, year)
        if picked is not None:
            out[fid] = picked
    return out
