"""Changes staff make to the returns register: chasing, accepting, sending back, nil returns.

Each is one short transaction on one register row (audited, with optimistic locking through
the row's version counter). Reading the register is in queries/register.py.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db.base import utcnow
from .db.database import Database
from .db.models import Force, ForceReturn
from .db.reference import ensure_periods
from .domain.enums import ReturnState
from .domain.periods import Period


class RegisterError(ValueError):
    """A register change that does not make sense, worded for the user."""


# What staff may set by hand, and from which states. Received comes only from an import.
ALLOWED: dict[ReturnState, tuple[ReturnState, ...]] = {
    ReturnState.ACCEPTED: (ReturnState.RECEIVED,),
    ReturnState.RETURNED_FOR_CORRECTION: (ReturnState.RECEIVED, ReturnState.ACCEPTED),
    ReturnState.NIL_RETURN: (
        ReturnState.MISSING,
        ReturnState.RETURNED_FOR_CORRECTION,
        ReturnState.INVALID,
    ),
    # A return that arrived but could not be imported (its problems went back to the force).
    ReturnState.INVALID: (ReturnState.MISSING, ReturnState.RETURNED_FOR_CORRECTION),
}
LABELS = {
    ReturnState.ACCEPTED: "accepted",
    ReturnState.RETURNED_FOR_CORRECTION: "sent back for correction",
    ReturnState.NIL_RETURN: "a nil return",
    ReturnState.INVALID: "invalid",
}


def _row(s: Session, code: str, period: str, create: bool) -> ForceReturn | None:
    force_id = s.scalar(select(Force.id).where(Force.code == code))
    if force_id is None:
        raise RegisterError(f"{code} is not a force in the registry.")
    period_id = ensure_periods(s, [Period.from_key(period)])[period]
    row = s.scalar(
        select(ForceReturn).where(
            ForceReturn.force_id == force_id, ForceReturn.period_id == period_id
        )
    )
    if row is None and create:
        row = ForceReturn(force_id=force_id, period_id=period_id, state=ReturnState.MISSING)
        s.add(row)
    return row


def record_chase(db: Database, code: str, period: str, note: str = "") -> None:
    """Note that a force was chased for its return (adds a missing row when none exists)."""
    with db.session() as s:
        row = _row(s, code, period, create=True)
        row.chase_count = (row.chase_count or 0) + 1
        row.chased_at = utcnow()
        if note:
            row.notes = f"{row.notes}\n{note}".strip()


def set_state(db: Database, code: str, period: str, state: ReturnState, note: str = "") -> None:
    """Accept a return, send it back for correction, or record a nil return."""
    if state not in ALLOWED:
        raise RegisterError(f"A return cannot be marked {state.value} by hand.")
    with db.session() as s:
        row = _row(s, code, period, create=True)
        current = ReturnState(row.state)
        if current not in ALLOWED[state]:
            raise RegisterError(
                f"{code} {period} is {current.value.replace('_', ' ')}: it cannot be marked "
                f"{LABELS[state]} from there."
            )
        row.state = state
        if state in (ReturnState.NIL_RETURN, ReturnState.INVALID):
            row.received_at = utcnow()  # when it arrived
        if note:
            row.notes = f"{row.notes}\n{note}".strip()
