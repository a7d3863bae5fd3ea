"""Slow reads shared between pages until the database changes.

What disclosure control hides of a figure (queries.disclosure.load_views, a quarter of a second
on the demo database) is read by the map and the trends for the same metric; read once, both
use it. Pages' query steps call `cached` from the read threads. The window clears it whenever
the database changes (notify_changed) and on View › Refresh, which means "read again"; a read
that began before a clear never stores its result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
_lock = threading.Lock()
_version = 0
_store: dict[Hashable, object] = {}


def clear() -> None:
    global _version
    with _lock:
        _version += 1
        _store.clear()


def cached(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`'s result for `key`, read once per state of the database. Two threads asking at
    once may both read; the answer is the same."""
    with _lock:
        version = _version
        if key in _store:
            return _store[key]  # type: ignore[return-value]
    value = read()
    with _lock:
        if version == _version:
            _store[key] = value
    return value


def views(db, metric_key: str, rule):
    """queries.disclosure.load_views(db, metric_key, rule), shared (the result is not to be
    changed: every page reads the same dict)."""
    from commissioner_desk.queries.disclosure import load_views

    return cached(("views", id(db), metric_key, rule), lambda: load_views(db, metric_key, rule))
