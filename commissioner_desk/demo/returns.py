"""The demo's returns register: who returned when, nil returns, missing returns, and the notes
forces send with their figures. Pure Python, no database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from random import Random
from typing import TYPE_CHECKING

from ..domain.enums import ReturnState
from ..domain.periods import Period

if TYPE_CHECKING:
    from .figures import ForceInput

CONTEXT_QUESTION = "context"  # "What explains these figures?"
NIL_NOTE = "Nil return: the force confirmed it had nothing to report for the quarter."


@dataclass(frozen=True)
class RegisterRow:
    force: str
    period: Period
    state: ReturnState
    received_at: datetime | None
    chased_at: datetime | None
    chase_count: int
    contact: str
    notes: str


@dataclass(frozen=True)
class ContextText:
    force: str
    period: Period
    question: str
    text: str


def plan_states(
    rng: Random,
    forces: Sequence[ForceInput],
    periods: Sequence[Period],
    *,
    protected: set[str],
    skip: frozenset[tuple[str, Period]],
) -> dict[tuple[str, Period], ReturnState]:
    """Each force-quarter's state: mostly received, a few nil returns (small forces, mostly in
    the early years when they had little to report) and a few missing ones (two of them in the
    latest quarter, still being chased)."""
    states = {
        (f.code, p): ReturnState.RECEIVED
        for f in forces
        for p in periods
        if (f.code, p) not in skip
    }
    eligible = [f for f in forces if f.code not in protected]
    # Without a population file every size is unknown: any ten forces will do.
    by_size = sorted(eligible, key=lambda f: (f.population or 10**9, f.code))
    small = [f.code for f in by_size[:10]]
    latest = periods[-1]
    early = [p for p in periods if p.year <= 2016 and p != latest]
    later = [p for p in periods if p.year >= 2019 and p != latest]
    older = [p for p in periods if p != latest]
    codes = [f.code for f in eligible]

    def pick(pool_codes: list[str], pool_periods: list[Period], n: int, state: ReturnState):
        pool = [
            (c, p)
            for c in pool_codes
            for p in pool_periods
            if states.get((c, p)) is ReturnState.RECEIVED
        ]
        for key in rng.sample(pool, min(n, len(pool))):
            states[key] = state

    pick(small, early, 4, ReturnState.NIL_RETURN)
    pick(small, later, 1, ReturnState.NIL_RETURN)
    pick(codes, older, 4, ReturnState.MISSING)
    pick(codes, [latest], 2, ReturnState.MISSING)
    return states


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def register_rows(
    rng: Random,
    forces: Sequence[ForceInput],
    periods: Sequence[Period],
    states: dict[tuple[str, Period], ReturnState],
    today: date,
) -> list[RegisterRow]:
    """A register row for every force-quarter with data, and for missing returns once chased.

    Returns arrive two to six weeks after the quarter ends; a few only after a chase. Nothing
    is dated after `today`.
    """
    now = _at(today, 8)
    latest = periods[-1]
    rows: list[RegisterRow] = []
    unchased_latest = False
    for period in periods:
        due = period.end + timedelta(days=28)
        for f in forces:
            state = states.get((f.code, period))
            if state is None:
                continue
            contact = f"Modern slavery SPOC, {f.name}"
            if state is ReturnState.MISSING:
                if period == latest and not unchased_latest:
                    unchased_latest = True  # not chased yet: no register row at all
                    continue
                chases = 1 if period == latest else rng.randint(2, 4)
                chased = min(now, _at(due + timedelta(days=7 + 14 * (chases - 1)), 10))
                note = (
                    "Chased by email; no return received."
                    if chases == 1
                    else (f"Chased {chases} times by email and phone; no return received.")
                )
                rows.append(RegisterRow(f.code, period, state, None, chased, chases, contact, note))
                continue
            chased_at, chases = None, 0
            received = _at(period.end + timedelta(days=rng.randint(10, 42)), rng.randint(8, 17))
            if rng.random() < 0.12:  # late: chased once, then returned
                chased_at, chases = _at(due + timedelta(days=7), 10), 1
                received = chased_at + timedelta(days=rng.randint(2, 10), hours=rng.randint(0, 6))
            received = min(received, now)
            chased_at = min(chased_at, received) if chased_at else None
            note = NIL_NOTE if state is ReturnState.NIL_RETURN else ""
            rows.append(
                RegisterRow(f.code, period, state, received, chased_at, chases, contact, note)
            )
    return rows


_RISE = (
    "The rise on the same quarter last year follows Operation {op}, a county lines "
    "intensification week with neighbouring forces and BTP; {n} of this quarter's referrals "
    "were children found running drugs.",
    "{n} referrals came from a single multi-agency visit to hand car washes under Operation "
    "{op}; all the men found there were referred through the NRM.",
    "More referrals since our modern slavery training reached response officers: first "
    "responders now refer from the scene rather than via the MASH. About {n} of the increase "
    "is attributed to this.",
)
_FALL = (
    "Fewer referrals than last year: the force modern slavery coordinator post was vacant for "
    "most of the quarter. A new coordinator started last month.",
    "The fall reflects a change of records system in the quarter: about {n} referrals made late "
    "in the quarter will be counted in the next return.",
)
_NOTE = (
    "Crimes recorded now include offences found by a crime-data integrity audit that had been "
    "recorded under other crime types.",
    "Figures for this quarter were checked against the NRM case-management extract before "
    "submission.",
)
_OPERATIONS = ("Kestrel", "Larkspur", "Tidewater", "Harebell", "Millstone", "Foxglove")


def context_texts(
    rng: Random,
    forces: Sequence[ForceInput],
    periods: Sequence[Period],
    nrm: dict[tuple[str, Period], int],
) -> list[ContextText]:
    """A few "what explains these figures" answers for the latest two quarters, given by the
    forces whose referrals moved most on the same quarter last year."""
    out: list[ContextText] = []
    changes: list[tuple[float, str, int]] = []
    for period in periods[-2:]:
        last_year = period.same_period_last_year()
        changes = []
        for f in forces:
            now, before = nrm.get((f.code, period)), nrm.get((f.code, last_year))
            if now is not None and before and now >= 15:
                changes.append(((now - before) / before, f.code, now - before))
        changes.sort()
        picks = [(c, "rise") for c in changes[-2:]] + [(c, "fall") for c in changes[:1]]
        for (pct, code, diff), how in picks:
            if pct == 0 or (how == "rise") != (pct > 0):  # only a real rise or fall
                continue
            template = rng.choice(_RISE if how == "rise" else _FALL)
            n = min(25, max(2, abs(diff) // 2))  # one operation explains part, not all
            text = template.format(op=rng.choice(_OPERATIONS), n=n)
            out.append(ContextText(code, period, CONTEXT_QUESTION, text))
    used = {t.force for t in out if t.period == periods[-1]}
    if quiet := [c for _, c, _ in changes if c not in used]:
        out.append(ContextText(rng.choice(quiet), periods[-1], CONTEXT_QUESTION, rng.choice(_NOTE)))
    return out
