"""The audit log (issue 9): every change to every audited model is recorded with who and when,
on both databases; every table is either audited or written only by code that records the
change in bulk; and nothing in the app can change or delete an entry.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Boolean, Date, DateTime, String, Text, func, select

from commissioner_desk.db.base import Audited, Base, utcnow
from commissioner_desk.db.models import AuditEntry, ImportProfile
from commissioner_desk.demo.load import load_demo
from commissioner_desk.domain.enums import AuditAction

ROOT = Path(__file__).resolve().parents[3]
# Tables written without a row-by-row record, and where their changes are recorded instead.
NOT_AUDITED = {
    "app_meta": "bookkeeping; a change of rule writes its own entry (stats/rule_store.py)",
    "audit_log": "the log itself",
    "observations": "imported in bulk: one entry per batch (importing/commit.py)",
    "source_files": "with their import batch, which is audited",
    "return_texts": "imported in bulk with the figures",
    "periods": "made as figures need them",
    "populations": "loaded from a file: one entry per load (db/reference.py)",
    "force_aliases": "from the registry file the team authors",
    "dimensions": "the catalogue, from code",
    "dimension_values": "the catalogue, from code",
    "metric_dimensions": "the catalogue, from code",
    "search_documents": "an index, rebuilt from the audited rows",
    # A practice entry's links are saved with the entry: the save moves the entry's version
    # and its audited update records who changed it and when (network/practices_edit.py).
    "practice_forces": "links, saved with their practice entry, which is audited",
    "practice_actions": "links, saved with their practice entry, which is audited",
    "practice_meetings": "links, saved with their practice entry, which is audited",
    "practice_documents": "document links, saved with their practice entry, which is audited",
}
AUDITED = sorted(
    (m.class_ for m in Base.registry.mappers if issubclass(m.class_, Audited)),
    key=lambda cls: cls.__name__,
)
_SKIP = {"created_at", "updated_at", "version"}


def test_every_table_is_audited_or_recorded_another_way():
    unaudited = {
        m.local_table.name for m in Base.registry.mappers if not issubclass(m.class_, Audited)
    }
    assert unaudited == set(NOT_AUDITED), "a new table: audit it, or say here how it is recorded"


def _edit(obj) -> tuple[str, object, object]:
    """Change one plain column of `obj` (text first); (column, old, new)."""
    columns = [
        a
        for a in type(obj).__mapper__.column_attrs
        if a.key not in _SKIP and not a.columns[0].primary_key and not a.columns[0].foreign_keys
    ]
    columns.sort(key=lambda a: not isinstance(a.columns[0].type, Text | String))
    for attr in columns:
        kind, old = attr.columns[0].type, getattr(obj, attr.key)
        if isinstance(kind, Text | String) and not getattr(kind, "enums", None):
            text = old or ""
            new = text[: (kind.length or len(text) + 1) - 1] + "!"  # still unique if it was
        elif isinstance(kind, Boolean):
            new = not old
        elif isinstance(kind, DateTime):
            new = (old or datetime(2026, 1, 1)) + timedelta(hours=1)
        elif isinstance(kind, Date):
            new = (old or date(2026, 1, 1)) + timedelta(days=1)
        else:
            continue
        setattr(obj, attr.key, new)
        return attr.key, old, new
    raise AssertionError(f"{type(obj).__name__} has no column this test knows how to change")


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


@pytest.fixture
def full_db(db):
    """A database with a row of every audited model: the demo, and a mapping profile."""
    load_demo(db)
    with db.session() as s:
        s.add(
            ImportProfile(
                fingerprint="0" * 64,
                name="Home Office table 13",
                metric_key="nrm_referrals",
                created_by="tester",
            )
        )
    return db


def test_every_change_to_every_audited_model_is_recorded_with_who_and_when(full_db):
    db = full_db
    with db.session() as s:
        mark = s.scalar(select(func.max(AuditEntry.id)))
        first = {
            cls: s.scalar(select(cls).order_by(*cls.__mapper__.primary_key).limit(1))
            for cls in AUDITED
        }
        assert all(first.values()), [c.__name__ for c, row in first.items() if row is None]
        ids = {cls: row.id for cls, row in first.items()}
    changed = {}
    before = utcnow() - timedelta(seconds=1)
    for cls in AUDITED:
        with db.session() as s:  # one transaction each, as the app makes one per edit
            changed[cls] = _edit(s.get(cls, ids[cls]))
    after = utcnow() + timedelta(seconds=1)

    with db.session() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.id > mark)))
    for cls, (column, old, new) in changed.items():
        found = [
            e
            for e in entries
            if (e.table_name, e.row_id, e.action)
            == (cls.__tablename__, ids[cls], AuditAction.UPDATE)
        ]
        assert len(found) == 1, f"{cls.__name__}: {len(found)} entries"
        [entry] = found
        assert entry.who == "tester" and before <= entry.at <= after
        assert json.loads(entry.details)[column] == [_plain(old), _plain(new)]

    # And the whole life of a row: the profile added above, changed, then deleted.
    with db.session() as s:
        s.delete(s.get(ImportProfile, ids[ImportProfile]))
    with db.session() as s:
        life = s.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.table_name == "import_profiles")
            .where(AuditEntry.row_id == ids[ImportProfile])
            .order_by(AuditEntry.id)
        )
        assert list(life) == [AuditAction.INSERT, AuditAction.UPDATE, AuditAction.DELETE]


# Any statement that would update or delete entries, in any spelling the code could use.
_WRITES = re.compile(
    r"(?:update|delete)\(\s*AuditEntry\b"
    r"|AuditEntry\.__table__\.(?:update|delete)\("
    r"|\b(?:UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+[\"'`]?audit_log\b",
    re.IGNORECASE,
)


def test_no_code_in_the_app_updates_or_deletes_audit_entries():
    hits = []
    for folder in ("commissioner_desk", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # the schema's own history: creates and drops the table, never rows
            text = path.read_text(encoding="utf-8")
            hits += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in _WRITES.finditer(text)]
            # Entries changed as objects: a loaded AuditEntry whose fields are assigned.
            for m in re.finditer(r"(\w+)\s*=\s*s(?:ession)?\.get\(\s*AuditEntry\b", text):
                if re.search(rf"\b{m.group(1)}\.\w+\s*=(?!=)", text):
                    hits.append(f"{path.relative_to(ROOT)}: {m.group(1)} changed")
    assert hits == []


def test_the_check_finds_what_it_looks_for():
    for line in (
        "s.execute(update(AuditEntry).values(who='x'))",
        "s.execute(delete(AuditEntry))",
        'conn.exec_driver_sql("DELETE FROM audit_log")',
        "conn.execute(text('update audit_log set who = 1'))",
        "AuditEntry.__table__.delete()",
    ):
        assert _WRITES.search(line), line
