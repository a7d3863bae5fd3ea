"""The disclosure-control threshold in force, kept in the database so that every screen, export
and printout of every user (and the command line) hides the same counts.

Stored as JSON in `app_meta`, audited, like the low-reporting rule (stats/rule_store.py). A
stored value that cannot be read falls back to the default rather than stopping the app.
"""

from __future__ import annotations

from ..db.database import Database
from ..db.stored_rule import load_rule_or_default, named_values, save_rule_json
from .disclosure import DEFAULT_SUPPRESSION, SuppressionRule

SUPPRESSION_KEY = "suppression_rule"
MAX_THRESHOLD = 20  # above this, tables would be mostly [c]: surely a typing slip


def validate_suppression(rule: SuppressionRule) -> None:
    """Raise ValueError saying, in plain words, what is wrong with the threshold."""
    t = rule.threshold
    if not isinstance(t, int) or isinstance(t, bool) or not 1 <= t <= MAX_THRESHOLD:
        raise ValueError(
            f"The disclosure threshold must be a whole number from 1 to {MAX_THRESHOLD}: counts "
            f"from 1 to it are hidden (it is {t!r})."
        )


def suppression_from_json(text: str) -> SuppressionRule:
    data = named_values(text, "disclosure rule")
    rule = SuppressionRule(threshold=data.get("threshold", DEFAULT_SUPPRESSION.threshold))
    validate_suppression(rule)
    return rule


def load_suppression(db: Database) -> SuppressionRule:
    """The rule stored in the database, or the default (counts 1 to 4 hidden)."""
    return load_rule_or_default(
        db, SUPPRESSION_KEY, suppression_from_json, DEFAULT_SUPPRESSION, "disclosure rule"
    )


def save_suppression(db: Database, rule: SuppressionRule) -> None:
    """Store the rule for everyone, with an audit entry saying who changed it from what."""
    validate_suppression(rule)
    save_rule_json(db, SUPPRESSION_KEY, {"threshold": rule.threshold})
