"""A rule the office sets once for everyone, kept as JSON in `app_meta`: the low-reporting rule,
the disclosure threshold and the RAG rule all read and write theirs through here.

Each store says what its rule is called, how to build it from the named values and its
default; reading a stored rule that cannot be used (hand-edited, written by a newer version)
falls back to the default with a warning rather than stopping the app.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import TypeVar

from .app_meta import read_meta, write_meta
from .database import Database

log = logging.getLogger(__name__)

R = TypeVar("R")


def named_values(text: str, what: str) -> dict:
    """The JSON object `text` holds; ValueError naming `what` ("low-reporting rule") if none."""
    try:
        data = json.loads(text)
    except (TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"The stored {what} is not readable: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"The stored {what} is not a set of named values.")
    return data


def load_rule_or_default(
    db: Database, key: str, parse: Callable[[str], R], default: R, what: str
) -> R:
    """The rule stored under `key` (`parse` of its text), or `default` when none is stored or
    the stored one is not valid."""
    text = read_meta(db, key)
    if text is None:
        return default
    try:
        return parse(text)
    except (ValueError, TypeError) as exc:
        log.warning("Using the default %s: %s", what, exc)
        return default


def rule_json(values: dict) -> str:
    """The text stored: keys sorted, so an unchanged rule is not written (or audited) again."""
    return json.dumps(values, sort_keys=True)


def save_rule_json(db: Database, key: str, values: dict) -> None:
    """Store the rule for everyone, with an audit entry saying who changed it from what."""
    write_meta(db, key, rule_json(values))
