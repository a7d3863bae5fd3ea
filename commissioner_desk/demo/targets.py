"""The shape of the synthetic figures: national totals, trends and mixes over time.

National NRM referrals follow the published yearly totals for all first responders (2013:
1,746 then +34% to 2,340 in 2014 … 19,125 in 2024, roughly eightfold); later years are a
plausible continuation. Mixes (child share, exploitation types) move along keyframes, with
criminal exploitation rising strongly from 2017 as county lines took hold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from random import Random

from ..domain.periods import Period

NATIONAL_NRM: dict[int, int] = {
    2013: 1_746,  # before the demo starts: only shapes 2014's quarters
    2014: 2_340,
    2015: 3_266,
    2016: 3_805,
    2017: 5_142,
    2018: 6_985,
    2019: 10_627,
    2020: 10_613,
    2021: 12_706,
    2022: 16_938,
    2023: 17_004,
    2024: 19_125,
    2025: 21_000,
    2026: 22_000,  # about 5,500 a quarter
}
GROWTH_AFTER_TABLE = 1.05  # a year after the table ends

# Mild seasonality (Q1…Q4): fewer referrals early in the year, more in the summer.
SEASON = (0.96, 1.0, 1.04, 1.0)

AGE_KEYS = ("adult", "child", "unknown")
AGE_MIX = (  # child share rising from about 35% to 45%
    (2014.0, (0.61, 0.35, 0.04)),
    (2024.0, (0.535, 0.45, 0.015)),
)
EXPLOITATION_KEYS = (
    "labour",
    "sexual",
    "criminal",
    "domestic_servitude",
    "organ_harvesting",
    "multiple",
    "unknown",
)
EXPLOITATION_MIX = (
    (2014.0, (0.36, 0.32, 0.05, 0.13, 0.0005, 0.04, 0.0995)),
    (2017.0, (0.34, 0.27, 0.10, 0.10, 0.0005, 0.06, 0.1295)),
    (2020.0, (0.27, 0.18, 0.33, 0.07, 0.0005, 0.08, 0.0695)),
    (2024.0, (0.25, 0.15, 0.40, 0.06, 0.0005, 0.08, 0.0595)),
)
# Duty to Notify covers adults who do not consent to a referral: far less criminal
# exploitation (mostly children), more labour.
DTN_TILT = (1.4, 1.0, 0.3, 1.2, 1.0, 1.0, 1.0)


def national_year(year: int) -> int:
    if year in NATIONAL_NRM:
        return NATIONAL_NRM[year]
    last = max(NATIONAL_NRM)
    if year > last:
        return round(NATIONAL_NRM[last] * GROWTH_AFTER_TABLE ** (year - last))
    first = min(NATIONAL_NRM)
    return round(NATIONAL_NRM[first] * 0.75 ** (first - year))


def quarter_targets(periods: Sequence[Period]) -> dict[Period, int]:
    """National NRM referrals per quarter; the four quarters of a year sum to its total exactly.

    Within a year the total is spread along the log-linear path between neighbouring years'
    mid-points (so there is no step at New Year), times the seasonal pattern.
    """
    out: dict[Period, int] = {}
    for year in sorted({p.year for p in periods}):
        weights = [_smooth_level(year + (q - 0.5) / 4) * SEASON[q - 1] for q in (1, 2, 3, 4)]
        for q, value in enumerate(apportion(national_year(year), weights), start=1):
            out[Period.quarter_of(year, q)] = value
    return {p: out[p] for p in periods}


def _smooth_level(t: float) -> float:
    """Yearly total interpolated geometrically between year mid-points."""
    left = math.floor(t - 0.5)
    frac = t - 0.5 - left
    a, b = math.log(national_year(left)), math.log(national_year(left + 1))
    return math.exp(a + (b - a) * frac)


def mix_at(keyframes: Sequence[tuple[float, Sequence[float]]], t: float) -> tuple[float, ...]:
    """Shares at time t, linear between keyframes and flat beyond them, summing to 1."""
    if t <= keyframes[0][0]:
        shares = tuple(keyframes[0][1])
    elif t >= keyframes[-1][0]:
        shares = tuple(keyframes[-1][1])
    else:
        for (t0, s0), (t1, s1) in pairwise(keyframes):
            if t0 <= t <= t1:
                f = (t - t0) / (t1 - t0)
                shares = tuple(a + (b - a) * f for a, b in zip(s0, s1, strict=True))
                break
    total = sum(shares)
    return tuple(s / total for s in shares)


def tilt(shares: Sequence[float], factors: Sequence[float]) -> tuple[float, ...]:
    raw = [s * f for s, f in zip(shares, factors, strict=True)]
    total = sum(raw)
    return tuple(r / total for r in raw)


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Whole numbers proportional to weights that sum to `total` exactly (largest remainder)."""
    if not weights:
        return []
    wsum = sum(weights)
    if wsum <= 0:
        weights, wsum = [1.0] * len(weights), float(len(weights))
    quotas = [total * w / wsum for w in weights]
    parts = [math.floor(q) for q in quotas]
    short = total - sum(parts)
    # Ties go to the earlier index, so the result is deterministic.
    order = sorted(range(len(quotas)), key=lambda i: (parts[i] - quotas[i], i))
    for i in order[:short]:
        parts[i] += 1
    return parts


def split(
    rng: Random, total: int, shares: Sequence[float], concentration: float = 80.0
) -> list[int]:
    """Split a count into categories: Dirichlet noise around the shares, summing exactly."""
    if total <= 0:
        return [0] * len(shares)
    noisy = [rng.gammavariate(concentration * s, 1.0) if s > 0 else 0.0 for s in shares]
    return apportion(total, noisy)


def count(rng: Random, mean: float, spread: float = 0.15) -> int:
    """A plausible count around `mean`: Poisson with some extra spread."""
    mean *= rng.lognormvariate(0.0, spread)
    if mean <= 0:
        return 0
    if mean < 40:  # Knuth's method: exact and quick for small means
        limit, k, p = math.exp(-mean), 0, 1.0
        while True:
            p *= rng.random()
            if p <= limit:
                return k
            k += 1
    return max(0, round(rng.gauss(mean, math.sqrt(mean))))
