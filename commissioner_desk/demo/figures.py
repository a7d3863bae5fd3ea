"""Synthetic quarterly figures for every force: plausible, never real. Pure Python, no database.

Each quarter's national NRM total (see `targets`) is shared between the forces that made a
return, in proportion to population (fixed shares for Police Scotland, PSNI and BTP), a lasting
per-force factor, a per-force trend and quarter-to-quarter noise. The other eight metrics follow
from a force's referrals with plausible ratios.

Three forces report persistently far less than their peers (`LOW_REPORTERS`): Lincolnshire,
Wiltshire and Staffordshire, at about a fifth of the typical rate per head. The demo says so
because the app's "far below peers" view must have something to find: in this synthetic data it
says nothing about the real forces.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from random import Random
from typing import NamedTuple

from ..domain.catalogue import METRICS, breakdown_key
from ..domain.enums import ObservationStatus, ReturnState
from ..domain.periods import Period
from . import returns, targets
from .targets import AGE_KEYS, EXPLOITATION_KEYS, count, split

SCOTLAND, NORTHERN_IRELAND, BTP = "S23000009", "N92000002", "BTP"
CITY_OF_LONDON = "E23000034"
# Share of the UK total for bodies without a row in the E&W population file.
FIXED_SHARES = {SCOTLAND: 0.04, NORTHERN_IRELAND: 0.012, BTP: 0.025}
# Population stand-ins, only to size staff training where the population file is silent.
STAND_IN_POPULATION = {SCOTLAND: 5_490_000, NORTHERN_IRELAND: 1_920_000, BTP: 1_200_000}
DEFAULT_POPULATION = 1_000_000

# Lincolnshire, Wiltshire, Staffordshire: rate per head about a fifth of the typical force.
LOW_REPORTERS: dict[str, float] = {"E23000020": 0.17, "E23000038": 0.2, "E23000015": 0.23}

DTN_START = Period.quarter_of(2015, 4)  # Modern Slavery Act 2015 s.52, in force November 2015
DTN_NATIONS = frozenset({"England", "Wales", "United Kingdom"})  # England and Wales only

# Other metrics as a share of NRM referrals (a few later vary with time in `_ratios`).
RATIO_RFI = 0.7
RATIO_INVESTIGATIONS = 0.35
RATIO_CHARGES = 0.03
RATIO_CONVICTIONS = 0.01
RATIO_ORDERS = 0.004
SUPPRESSIBLE = ("ms_convictions", "stro_stpo_orders")  # small counts, no breakdowns


@dataclass(frozen=True)
class ForceInput:
    code: str
    name: str  # display name
    nation: str
    population: int | None  # None: no row in the population file


class Figure(NamedTuple):
    force: str
    period: Period
    metric: str
    breakdown: str
    status: ObservationStatus
    value: int | None


@dataclass(frozen=True)
class DemoFigures:
    figures: list[Figure]
    register: list[returns.RegisterRow]
    texts: list[returns.ContextText]
    low_reporters: tuple[str, ...]


@dataclass(frozen=True)
class _Traits:
    """What stays with a force from quarter to quarter."""

    share: float
    level: float  # lasting factor around 1 (about 0.2 for the low reporters)
    slope: float  # yearly log-growth relative to the national trend
    staff_base: float


def generate(
    rng: Random,
    forces: Sequence[ForceInput],
    periods: Sequence[Period],
    today: date,
    skip: frozenset[tuple[str, Period]] = frozenset(),
) -> DemoFigures:
    """Figures, returns register and return texts for forces × periods.

    `skip` holds force-quarters that already have real data: left alone entirely, so demo rows
    never collide with (or get mistaken for) real ones. Nothing is dated after `today`.
    """
    traits = _traits(rng, forces)
    low = tuple(code for code in LOW_REPORTERS if code in traits)
    states = returns.plan_states(rng, forces, periods, protected=set(low), skip=skip)
    national = targets.quarter_targets(periods)
    figures: list[Figure] = []
    nrm: dict[tuple[str, Period], int] = {}
    for period in periods:
        t = period.year + (period.quarter - 0.5) / 4
        reporting = [f for f in forces if states.get((f.code, period)) is ReturnState.RECEIVED]
        weights = [_weight(rng, traits[f.code], t) for f in reporting]
        for force, total in zip(
            reporting, targets.apportion(national[period], weights), strict=True
        ):
            nrm[force.code, period] = total
            figures += _force_quarter(rng, force, period, total, traits[force.code], t)
        for force in forces:
            if states.get((force.code, period)) is ReturnState.NIL_RETURN:
                figures += _nil_return(force.code, period)
    _suppress_a_few(rng, figures)
    register = returns.register_rows(rng, forces, periods, states, today)
    texts = returns.context_texts(rng, forces, periods, nrm)
    return DemoFigures(figures, register, texts, low)


def _traits(rng: Random, forces: Sequence[ForceInput]) -> dict[str, _Traits]:
    fixed = sum(FIXED_SHARES.get(f.code, 0.0) for f in forces)
    pops = {f.code: f.population for f in forces if f.code not in FIXED_SHARES}
    known = [p for p in pops.values() if p]
    fallback = sorted(known)[len(known) // 2] if known else DEFAULT_POPULATION
    pop_total = sum(p or fallback for p in pops.values()) or 1
    out = {}
    for f in forces:
        if f.code in FIXED_SHARES:
            share = FIXED_SHARES[f.code]
        else:
            share = (1 - fixed) * (pops[f.code] or fallback) / pop_total
        level = LOW_REPORTERS.get(f.code) or min(1.6, max(0.6, rng.lognormvariate(0.0, 0.25)))
        slope = 0.0 if f.code in LOW_REPORTERS else rng.gauss(0.0, 0.03)
        population = f.population or STAND_IN_POPULATION.get(f.code, fallback)
        staff = max(8.0, population / 1e6 * 70) * rng.lognormvariate(0.0, 0.4)
        out[f.code] = _Traits(share, level, slope, staff)
    return out


def _weight(rng: Random, tr: _Traits, t: float) -> float:
    return tr.share * tr.level * math.exp(tr.slope * (t - 2020)) * rng.lognormvariate(0.0, 0.18)


def _total(force: str, period: Period, metric: str, value: int) -> Figure:
    return Figure(force, period, metric, "", ObservationStatus.VALUE, value)


def _breakdown(
    force: str, period: Period, metric: str, dim: str, keys: Sequence[str], values: Sequence[int]
) -> list[Figure]:
    return [
        Figure(force, period, metric, breakdown_key({dim: k}), ObservationStatus.VALUE, v)
        for k, v in zip(keys, values, strict=True)
    ]


def _force_quarter(
    rng: Random, force: ForceInput, period: Period, nrm: int, tr: _Traits, t: float
) -> list[Figure]:
    code = force.code
    age_mix = targets.mix_at(targets.AGE_MIX, t)
    expl_mix = targets.mix_at(targets.EXPLOITATION_MIX, t)
    rows = [_total(code, period, "nrm_referrals", nrm)]
    rows += _breakdown(code, period, "nrm_referrals", "age", AGE_KEYS, split(rng, nrm, age_mix))
    rows += _breakdown(
        code, period, "nrm_referrals", "exploitation", EXPLOITATION_KEYS, split(rng, nrm, expl_mix)
    )

    if force.nation in DTN_NATIONS and period >= DTN_START:
        ramp = min(1.0, 0.4 + 0.15 * (period.year * 4 + period.quarter - 2015 * 4 - 4))
        dtn = count(rng, nrm * 0.25 * ramp)
        rows.append(_total(code, period, "dtn_reports", dtn))
        dtn_mix = targets.tilt(expl_mix, targets.DTN_TILT)
        rows += _breakdown(
            code, period, "dtn_reports", "exploitation", EXPLOITATION_KEYS, split(rng, dtn, dtn_mix)
        )
    else:  # Duty to Notify did not exist yet, or does not apply in Scotland or Northern Ireland
        rows.append(Figure(code, period, "dtn_reports", "", ObservationStatus.NOT_APPLICABLE, None))

    rows.append(_total(code, period, "referrals_for_investigation", count(rng, nrm * RATIO_RFI)))
    crimes_ratio = 0.3 + 0.25 * min(1.0, max(0.0, (t - 2014) / 10))  # recording improves
    crimes = count(rng, nrm * crimes_ratio)
    rows.append(_total(code, period, "ms_crimes_recorded", crimes))
    rows += _breakdown(
        code, period, "ms_crimes_recorded", "age", AGE_KEYS, split(rng, crimes, age_mix)
    )
    rows += _breakdown(
        code,
        period,
        "ms_crimes_recorded",
        "exploitation",
        EXPLOITATION_KEYS,
        split(rng, crimes, expl_mix),
    )
    rows.append(_total(code, period, "ms_investigations", count(rng, nrm * RATIO_INVESTIGATIONS)))
    rows.append(_total(code, period, "ms_charges", count(rng, nrm * RATIO_CHARGES)))
    rows.append(_total(code, period, "ms_convictions", count(rng, nrm * RATIO_CONVICTIONS)))
    rows.append(_total(code, period, "stro_stpo_orders", count(rng, nrm * RATIO_ORDERS)))
    ramp = min(1.0, 0.5 + 0.5 * (t - 2014) / 3)  # training grew after the 2015 Act
    drive = 3.0 if rng.random() < 0.05 else 1.0  # the occasional training push
    staff = count(rng, tr.staff_base * ramp * drive, spread=0.35)
    rows.append(_total(code, period, "staff_trained", staff))
    return rows


def _nil_return(force: str, period: Period) -> list[Figure]:
    return [Figure(force, period, m.key, "", ObservationStatus.NIL, None) for m in METRICS]


def _suppress_a_few(rng: Random, figures: list[Figure]) -> None:
    """Withhold a couple of small counts, as a force might for disclosure control."""
    small = [
        i
        for i, f in enumerate(figures)
        if f.metric in SUPPRESSIBLE and f.status is ObservationStatus.VALUE and f.value in (1, 2)
    ]
    for i in sorted(rng.sample(small, min(3, len(small)))):
        figures[i] = figures[i]._replace(status=ObservationStatus.SUPPRESSED, value=None)
