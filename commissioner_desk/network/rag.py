"""The RAG of an action, worked out from its status, due date and updates, with the reason.

Red when overdue; amber when due within `amber_days` or not updated for `stale_weeks` weeks;
green otherwise. Done and closed actions need no RAG. A manual override needs a note, and its
reason still shows what the rules would say.

The rule is stored as JSON in `app_meta`, like the low-reporting rule (stats/rule_store.py), so
every user of a shared database and the command line see the same colours.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date

from ..db.database import Database
from ..db.stored_rule import load_rule_or_default, named_values, rule_json, save_rule_json
from ..domain.enums import ActionStatus, Rag
from .wording import days_words, long_date, weeks_words

RAG_RULE_KEY = "action_rag_rule"
MAX_AMBER_DAYS = 365
MAX_STALE_WEEKS = 52
# Statuses still being worked on: only these can be overdue or stale.
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.ON_HOLD)
STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.CLOSED: "Closed",
    ActionStatus.ON_HOLD: "On hold",
}
RAG_LABELS = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green"}


@dataclass(frozen=True)
class RagRule:
    amber_days: int = 14  # amber when due within this many days
    stale_weeks: int = 6  # amber when not updated for this many weeks

    def describe(self) -> str:
        return (
            f"Red when overdue; amber when due within {days_words(self.amber_days)} or not "
            f"updated for {weeks_words(self.stale_weeks)}; green otherwise."
        )


DEFAULT_RAG_RULE = RagRule()


def rag_label(rag: Rag | None, status: ActionStatus | None = None) -> str:
    """ "Red", "Amber", "Green"; for a finished action its status ("Done", "Closed")."""
    if rag is not None:
        return RAG_LABELS[rag]
    return STATUS_LABELS.get(status, "") if status is not None else ""


def rag_of(
    status: ActionStatus,
    due_date: date | None,
    last_update: date | None,
    override: Rag | None,
    override_note: str,
    today: date,
    rule: RagRule = DEFAULT_RAG_RULE,
) -> tuple[Rag | None, str]:
    """(RAG, reason in plain words). None for done and closed actions, which need no RAG.

    `last_update` is the day of the latest update, or the day the action was raised when it
    has none: an action nobody has touched for weeks is stale too."""
    if status not in OPEN_STATUSES:
        return None, STATUS_LABELS[status]
    rag, reason = _computed(due_date, last_update, today, rule)
    if override is None:
        return rag, reason
    note = override_note.strip() or "none given"
    if note[-1] not in ".!?":
        note += "."
    return override, (
        f"Override to {RAG_LABELS[override].lower()}. Note: {note} "
        f"Computed: {RAG_LABELS[rag].lower()} ({reason[0].lower()}{reason[1:]})."
    )


def _computed(
    due: date | None, last_update: date | None, today: date, rule: RagRule
) -> tuple[Rag, str]:
    stale = ""
    if last_update is not None and (today - last_update).days >= rule.stale_weeks * 7:
        weeks = (today - last_update).days // 7
        stale = f"no update for {weeks_words(weeks)} (last {long_date(last_update)})"
    if due is not None and due < today:
        late = (today - due).days
        reason = f"Overdue: due {long_date(due)}, {days_words(late)} ago"
        return Rag.RED, f"{reason}; {stale}" if stale else reason
    soon = ""
    if due is not None and (due - today).days <= rule.amber_days:
        days = (due - today).days
        soon = (
            f"Due today ({long_date(due)})"
            if days == 0
            else f"Due tomorrow ({long_date(due)})"
            if days == 1
            else f"Due {long_date(due)}, in {days_words(days)}"
        )
    if soon or stale:
        reason = "; ".join(r for r in (soon, stale) if r)
        return Rag.AMBER, reason[0].upper() + reason[1:]
    if due is None:
        return Rag.GREEN, "On track: no due date set"
    return Rag.GREEN, f"On track: due {long_date(due)}, in {days_words((due - today).days)}"


# --- the stored rule ----------------------------------------------------------------------


def validate_rag_rule(rule: RagRule) -> None:
    """Raise ValueError saying, in plain words, what is wrong with the rule."""
    days, weeks = rule.amber_days, rule.stale_weeks
    if not _whole(days) or not 0 <= days <= MAX_AMBER_DAYS:
        raise ValueError(
            f"Amber from how many days before the due date must be a whole number from 0 to "
            f"{MAX_AMBER_DAYS} (it is {days!r})."
        )
    if not _whole(weeks) or not 1 <= weeks <= MAX_STALE_WEEKS:
        raise ValueError(
            f"Amber after how many weeks without an update must be a whole number from 1 to "
            f"{MAX_STALE_WEEKS} (it is {weeks!r})."
        )


def _whole(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def rag_rule_to_json(rule: RagRule) -> str:
    return rule_json(asdict(rule))


def rag_rule_from_json(text: str) -> RagRule:
    """The rule a JSON text holds; fields it lacks take their defaults. ValueError if invalid."""
    data = named_values(text, "RAG rule")
    known = {f.name for f in fields(RagRule)}
    rule = RagRule(**{k: v for k, v in data.items() if k in known})
    validate_rag_rule(rule)
    return rule


def load_rag_rule(db: Database) -> RagRule:
    """The rule stored in the database, or the default when none (or none readable) is."""
    return load_rule_or_default(db, RAG_RULE_KEY, rag_rule_from_json, DEFAULT_RAG_RULE, "RAG rule")


def save_rag_rule(db: Database, rule: RagRule) -> None:
    """Store the rule for everyone, with an audit entry saying who changed it from what
    (nothing is written when it is unchanged)."""
    validate_rag_rule(rule)
    save_rule_json(db, RAG_RULE_KEY, asdict(rule))
