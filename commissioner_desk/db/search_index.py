"""Keep `search_documents` current: every change to an action, its updates, an agenda item's
minutes, a decision or a practice entry rewrites that item's search text in the same transaction.

Hooked on the session like the audit log, so no code path that goes through the ORM can leave
the search index behind. Bulk statements run through a session (demo removal) rebuild the kinds
they touch. `rebuild` remakes everything, for a database filled some other way.

A new kind of searchable item is one more `Source` in SOURCES (as issue 10's practice entries
are): its kind, the models whose changes affect it, and how to build its text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, event, exists, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, Session

from ..domain.enums import PracticeTheme
from ..network.labels import minute_reference
from ..network.practices_types import THEME_LABELS
from ..network.wording import html_to_text, long_date
from .models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Decision,
    Force,
    Meeting,
    Organisation,
    Practice,
    PracticeForce,
    SearchDocument,
)

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


@dataclass(frozen=True)
class Source:
    kind: str
    label: str  # what a result list calls one item of this kind
    table: object  # the table whose rows the documents describe
    watches: tuple[type, ...]  # models whose bulk changes call for a rebuild of this kind
    build: Builder  # documents for these ids (None: every row)


def _ids(column, ids: Collection[int] | None):
    return True if ids is None else column.in_(list(ids))


def _action_docs(conn: Connection, ids: Collection[int] | None) -> list[Doc]:
    a, u = ActionItem.__table__, ActionUpdate.__table__
    rows = conn.execute(
        select(a.c.id, a.c.reference, a.c.title, a.c.description).where(_ids(a.c.id, ids))
    ).all()
    notes: dict[int, list[str]] = {}
    for action_id, text in conn.execute(
        select(u.c.action_id, u.c.text)
        .where(_ids(u.c.action_id, ids))
        .order_by(u.c.made_at, u.c.id)
    ):
        notes.setdefault(action_id, []).append(text or "")
    return [
        Doc(
            r.id,
            f"{r.reference}: {r.title}",
            "\n".join(t for t in [r.description or "", *notes.get(r.id, [])] if t),
        )
        for r in rows
    ]


def _minute_docs(conn: Connection, ids: Collection[int] | None) -> list[Doc]:
    i, m = AgendaItem.__table__, Meeting.__table__
    rows = conn.execute(
        select(
            i.c.id, i.c.position, i.c.title, i.c.minutes, m.c.title.label("meeting"), m.c.starts_at
        )
        .join(m, m.c.id == i.c.meeting_id)
        .where(_ids(i.c.id, ids))
    ).all()
    return [
        Doc(
            r.id,
            f"{minute_reference(r.starts_at, r.position)}: {r.title}",
            html_to_text(r.minutes or ""),
        )
        for r in rows
    ]


def _decision_docs(conn: Connection, ids: Collection[int] | None) -> list[Doc]:
    d = Decision.__table__
    rows = conn.execute(
        select(d.c.id, d.c.number, d.c.decided_on, d.c.text).where(_ids(d.c.id, ids))
    ).all()
    return [
        Doc(r.id, f"Decision {r.number}, {long_date(r.decided_on)}", r.text or "") for r in rows
    ]


def _practice_docs(conn: Connection, ids: Collection[int] | None) -> list[Doc]:
    """A practice entry: its title; then its theme, organisation and forces (so "Kent" or
    "supply chains" find it), and its text."""
    p, o = Practice.__table__, Organisation.__table__
    pf, f = PracticeForce.__table__, Force.__table__
    rows = conn.execute(
        select(
            p.c.id,
            p.c.title,
            p.c.theme,
            p.c.organisation_name,
            o.c.name.label("organisation"),
            p.c.summary,
            p.c.what_was_done,
            p.c.outcomes,
            p.c.contacts,
        )
        .outerjoin(o, o.c.id == p.c.organisation_id)
        .where(_ids(p.c.id, ids))
    ).all()
    forces: dict[int, list[str]] = {}
    for practice_id, name in conn.execute(
        select(pf.c.practice_id, f.c.display_name)
        .join(f, f.c.id == pf.c.force_id)
        .where(_ids(pf.c.practice_id, ids))
        .order_by(f.c.display_name)
    ):
        forces.setdefault(practice_id, []).append(name)
    docs = []
    for r in rows:
        about = [
            THEME_LABELS.get(PracticeTheme(r.theme), r.theme),
            r.organisation or r.organisation_name or "",
            ", ".join(forces.get(r.id, [])),
        ]
        texts = (r.summary, r.what_was_done, r.outcomes, r.contacts)
        line = " · ".join(a for a in about if a) + "."  # a full stop before the text
        body = "\n".join(t for t in [line, *texts] if t)
        docs.append(Doc(r.id, r.title, body))
    return docs


SOURCES: dict[str, Source] = {
    s.kind: s
    for s in (
        Source("action", "Action", ActionItem.__table__, (ActionItem, ActionUpdate), _action_docs),
        Source("minute", "Minutes", AgendaItem.__table__, (AgendaItem, Meeting), _minute_docs),
        Source("decision", "Decision", Decision.__table__, (Decision, Meeting), _decision_docs),
        Source(
            "practice",
            "Practice",
            Practice.__table__,
            (Practice, PracticeForce, Organisation),
            _practice_docs,
        ),
    )
}


def _keys(conn: Connection, obj: object, deleted: bool) -> Iterable[tuple[str, int]]:
    """The documents a changed object affects, as (kind, ref_id)."""
    if isinstance(obj, ActionItem):
        yield "action", obj.id
    elif isinstance(obj, ActionUpdate):
        if obj.action_id is not None:
            yield "action", obj.action_id
    elif isinstance(obj, AgendaItem):
        yield "minute", obj.id
    elif isinstance(obj, Decision):
        yield "decision", obj.id
    elif isinstance(obj, Practice):
        yield "practice", obj.id
    elif isinstance(obj, PracticeForce):
        yield "practice", obj.practice_id
    elif isinstance(obj, Organisation) and not deleted:
        # Practice entries quote their organisation's name.
        p = Practice.__table__
        for (practice_id,) in conn.execute(select(p.c.id).where(p.c.organisation_id == obj.id)):
            yield "practice", practice_id
    elif isinstance(obj, Meeting) and not deleted:
        # Minute titles quote the meeting's title and date.
        items = AgendaItem.__table__
        for (item_id,) in conn.execute(select(items.c.id).where(items.c.meeting_id == obj.id)):
            yield "minute", item_id


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
            if deleted and isinstance(obj, Meeting):
                orphans |= watched[Meeting]  # its items and decisions go by cascade
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
