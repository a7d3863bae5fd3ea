"""The network's searchable kinds: actions (with their updates), minutes, decisions and
practice entries. Each is a `Source` registered with db/search_index.py, which keeps their
text current; a new kind of searchable item is one more Source here (or in its own package).

Registered when the network package is imported (see __init__.py), so any code that writes
or searches the network's business has them; workspace.open_database and the demo import it
too, as they may write before anything else has.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..db.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Decision,
    Force,
    Meeting,
    Organisation,
    Practice,
    PracticeForce,
)
from ..db.search_index import Doc, Source, ids_in, register
from ..domain.enums import PracticeTheme
from .labels import minute_reference
from .practices_types import THEME_LABELS
from .wording import html_to_text, long_date


def _action_docs(conn: Connection, ids: Collection[int] | None) -> list[Doc]:
    a, u = ActionItem.__table__, ActionUpdate.__table__
    rows = conn.execute(
        select(a.c.id, a.c.reference, a.c.title, a.c.description).where(ids_in(a.c.id, ids))
    ).all()
    notes: dict[int, list[str]] = {}
    for action_id, text in conn.execute(
        select(u.c.action_id, u.c.text)
        .where(ids_in(u.c.action_id, ids))
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
        .where(ids_in(i.c.id, ids))
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
        select(d.c.id, d.c.number, d.c.decided_on, d.c.text).where(ids_in(d.c.id, ids))
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
        .where(ids_in(p.c.id, ids))
    ).all()
    forces: dict[int, list[str]] = {}
    for practice_id, name in conn.execute(
        select(pf.c.practice_id, f.c.display_name)
        .join(f, f.c.id == pf.c.force_id)
        .where(ids_in(pf.c.practice_id, ids))
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


def _action_ids(conn: Connection, obj: object, deleted: bool) -> Iterable[int]:
    if isinstance(obj, ActionItem):
        yield obj.id
    elif isinstance(obj, ActionUpdate) and obj.action_id is not None:
        yield obj.action_id


def _minute_ids(conn: Connection, obj: object, deleted: bool) -> Iterable[int]:
    if isinstance(obj, AgendaItem):
        yield obj.id
    elif isinstance(obj, Meeting) and not deleted:
        # Minute titles quote the meeting's title and date.
        items = AgendaItem.__table__
        for (item_id,) in conn.execute(select(items.c.id).where(items.c.meeting_id == obj.id)):
            yield item_id


def _decision_ids(conn: Connection, obj: object, deleted: bool) -> Iterable[int]:
    if isinstance(obj, Decision):  # a meeting's changes leave a decision's text as it was
        yield obj.id


def _practice_ids(conn: Connection, obj: object, deleted: bool) -> Iterable[int]:
    if isinstance(obj, Practice):
        yield obj.id
    elif isinstance(obj, PracticeForce):
        yield obj.practice_id
    elif isinstance(obj, Organisation) and not deleted:
        # Practice entries quote their organisation's name.
        p = Practice.__table__
        for (practice_id,) in conn.execute(select(p.c.id).where(p.c.organisation_id == obj.id)):
            yield practice_id


SOURCES = (
    Source(
        "action",
        "Action",
        ActionItem.__table__,
        (ActionItem, ActionUpdate),
        _action_docs,
        _action_ids,
    ),
    Source(
        "minute",
        "Minutes",
        AgendaItem.__table__,
        (AgendaItem, Meeting),
        _minute_docs,
        _minute_ids,
        cascades_from=(Meeting,),  # a meeting's agenda items go with it
    ),
    Source(
        "decision",
        "Decision",
        Decision.__table__,
        (Decision, Meeting),
        _decision_docs,
        _decision_ids,
        cascades_from=(Meeting,),
    ),
    Source(
        "practice",
        "Practice",
        Practice.__table__,
        (Practice, PracticeForce, Organisation),
        _practice_docs,
        _practice_ids,
    ),
)
for _source in SOURCES:
    register(_source)
