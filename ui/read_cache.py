"""Slow reads shared between pages until the database changes.

What disclosure control hides of a figure (published.disclosure_of, a quarter of a second
on the demo database) is read by the map and the trends for the same metric; read once, both
use it. Pages' query steps call `cached` from the read threads; a second thread asking for a
read in progress waits for it rather than reading again. The window clears the cache whenever
the database changes (notify_changed) and on View › Refresh, which means "read again"; a read
that began before a clear never stores its result.

`prefetch` reads ahead, once the first page shows, what the map and the trends open on, so
opening either is quick rather than a quarter of a second of reading.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
_lock = threading.Lock()
_version = 0
_store: dict[Hashable, Any] = {}
_reading: dict[Hashable, threading.Event] = {}  # key → set when its read ends


def clear() -> None:
    global _version
    with _lock:
        _version += 1
        _store.clear()
        _reading.clear()  # reads in progress store nothing: they began before the change


def cached(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`'s result for `key`, read once per state of the database."""
    while True:
        with _lock:
            version = _version
            if key in _store:
                return _store[key]
            done = _reading.get(key)
            if done is None:
                done = _reading[key] = threading.Event()
                break
        done.wait()  # another thread is reading it: its result, or our turn if it failed
    try:
        value = read()
        with _lock:
            if version == _version:
                _store[key] = value
        return value
    finally:
        with _lock:
            if _reading.get(key) is done:
                del _reading[key]
        done.set()


def disclosure(db, metric_key: str):
    """published.disclosure_of(db, metric_key): the stored rule and what it hides of the
    metric, shared (not to be changed: every page reads the same one). A new rule is a change
    of the database, which clears the cache."""
    from commissioner_desk.published import disclosure_of

    return cached(("disclosure", db, metric_key), lambda: disclosure_of(db, metric_key))


def prefetch(db, metric_key: str, boundary_folders: tuple = ()) -> None:
    """Read ahead what the map and the trends open on: what disclosure control hides of the
    metric they show first, and the boundaries (kept by maps.boundaries once read)."""
    if boundary_folders:
        from .pages.map.page import read_boundaries

        read_boundaries(*boundary_folders)
    disclosure(db, metric_key)
