"""Keep `search_documents` current: every change to an item of a searchable kind (an action
and its updates, an agenda item's minutes, a decision, a practice entry) rewrites that item's
search text in the same transaction.

Hooked on the session like the audit log, so no code path that goes through the ORM can leave
the search index behind. Bulk statements run through a session (demo removal) rebuild the kinds
they touch. `rebuild` remakes everything, for a database filled some other way.

This module knows no kind itself: the package that owns one registers a `Source` (its kind,
the models whose changes affect it, and how to build its text); the network's kinds are in
network/search_sources.py, registered when the network package is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, event, exists, insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, Session

from .models import SearchDocument

DOCS = SearchDocument.__table__
FTS_TABLE = "search_fts"  # SQLite's FTS5 index over DOCS (migration 0004)
TSV_COLUMN = "tsv"  # PostgreSQL's generated tsvector column on DOCS (migration 0004)
TSV_INDEX = "ix_search_documents_tsv"
CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class Doc:
    ref_id: int
    title: str
    body: str


Builder = Callable[[Connection, Collection[int] | None], list[Doc]]
# The ids of this kind's items whose text a changed object alters; the flag says the object
# was deleted (its own row is gone, but the item it belonged to may still need new text).
Affected = Callable[[Connection, object, bool], Iterable[int]]


@dataclass(frozen=True)
class Source:
    kind: str
    label: str  # what a result list calls one item of this kind
    table: object  # the table whose rows the documents describe
    watches: tuple[type, ...]  # models whose changes call for new text of this kind
    build: Builder  # documents for these ids (None: every row)
    affected: Affected  # which items a change to one watched object touches
    # Models whose deletion takes this kind's rows with them by a database cascade (no ORM
    # event for them): their documents are purged when one of these is deleted.
    cascades_from: tuple[type, ...] = ()


SOURCES: dict[str, Source] = {}  # filled by register(), in the order kinds are registered


def register(source: Source) -> None:
    """Make a kind searchable. Registering the same kind again replaces it (a reload)."""
    SOURCES[source.kind] = source


def ids_in(column, ids: Collection[int] | None):
    """A builder's filter: these ids, or every row for None."""
    return True if ids is None else column.in_(list(ids))


def _keys(conn: Connection, obj: object, deleted: bool) -> Iterable[tuple[str, int]]:
    """The documents a changed object affects, as (kind, ref_id)."""
    for source in SOURCES.values():
        if type(obj) in source.watches:
            for ref_id in source.affected(conn, obj, deleted):
                yield source.kind, ref_id


def refresh(conn: Connection, kind: str, ids: Collection[int]) -> None:
    """Rewrite the documents of these items; items that no longer exist lose theirs."""
    source = SOURCES[kind]
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        conn.execute(delete(DOCS).where(DOCS.c.kind == kind, DOCS.c.ref_id.in_(part)))
        _insert(conn, kind, source.build(conn, part))


def rebuild(conn: Connection, kinds: Iterable[str] | None = None) -> int:
    """Remake the documents of these kinds (default: all) from the rows; returns how many."""
    total = 0
    for kind in kinds if kinds is not None else SOURCES:
        conn.execute(delete(DOCS).where(DOCS.c.kind == kind))
        docs = SOURCES[kind].build(conn, None)
        _insert(conn, kind, docs)
        total += len(docs)
    return total


def purge_orphans(conn: Connection, kinds: Iterable[str]) -> None:
    """Drop documents whose item went with a database cascade (a meeting's decisions)."""
    for kind in kinds:
        table = SOURCES[kind].table
        gone = ~exists().where(table.c.id == DOCS.c.ref_id)
        conn.execute(delete(DOCS).where(DOCS.c.kind == kind, gone))


def _insert(conn: Connection, kind: str, docs: list[Doc]) -> None:
    if docs:
        rows = [{"kind": kind, "ref_id": d.ref_id, "title": d.title, "body": d.body} for d in docs]
        conn.execute(insert(DOCS), rows)


def _watched() -> dict[type, set[str]]:
    out: dict[type, set[str]] = {}
    for source in SOURCES.values():
        for model in source.watches:
            out.setdefault(model, set()).add(source.kind)
    return out


def _cascading(model: type) -> set[str]:
    """The kinds whose rows go by a database cascade when a `model` row is deleted."""
    return {s.kind for s in SOURCES.values() if model in s.cascades_from}


def install(session_factory: object) -> None:
    """Attach the search-index hooks to a sessionmaker (next to the audit hooks)."""

    @event.listens_for(session_factory, "after_flush")
    def _after_flush(session: Session, _ctx: object) -> None:
        # The new/dirty/deleted lists still show what this flush wrote.
        watched = _watched()
        changed = [
            (o, False)
            for o in (*session.new, *session.dirty)
            if type(o) in watched and (o in session.new or session.is_modified(o))
        ]
        changed += [(o, True) for o in session.deleted if type(o) in watched]
        if not changed:
            return
        conn = session.connection()
        wanted: dict[str, set[int]] = {}
        orphans: set[str] = set()
        for obj, deleted in changed:
            for kind, ref_id in _keys(conn, obj, deleted):
                wanted.setdefault(kind, set()).add(ref_id)
            if deleted:
                orphans |= _cascading(type(obj))
        for kind, ids in wanted.items():
            refresh(conn, kind, ids)
        purge_orphans(conn, orphans)

    @event.listens_for(session_factory, "do_orm_execute")
    def _bulk(state: ORMExecuteState):
        if not (state.is_insert or state.is_update or state.is_delete):
            return None
        watched = _watched()
        kinds = {k for m in state.all_mappers for k in watched.get(m.class_, ())}
        if not kinds:
            return None
        result = state.invoke_statement()
        rebuild(state.session.connection(), sorted(kinds))
        return result


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """For Alembic's comparison of models with the database: the full-text parts migration
    0004 adds per database (FTS5 tables, the tsvector column and its index) are not models."""
    if type_ == "table":
        return not (name or "").startswith(FTS_TABLE)
    if type_ == "column" and parent_names.get("table_name") == DOCS.name:
        return name != TSV_COLUMN
    if type_ == "index":
        return name != TSV_INDEX
    return True
