"""full-text search across actions, minutes and decisions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 16:00:00

One table of search text (`search_documents`), indexed the way each database does best: on
SQLite an FTS5 table over it kept in step by triggers; on PostgreSQL a generated tsvector
column with a GIN index. Punctuation is read as a space on both, so "NET-2026-014" is three
words everywhere (PostgreSQL's parser would otherwise read "-2026" as a negative number).

The backfill keeps its own copy of how the text is built, so this script still runs when the
app's code has moved on; the app's session hook keeps the rows current afterwards.
"""

import re
from collections.abc import Sequence
from datetime import date, datetime
from html import unescape

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_documents', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS search_documents_au",
    "DROP TRIGGER IF EXISTS search_documents_ad",
    "DROP TRIGGER IF EXISTS search_documents_ai",
    "DROP TABLE IF EXISTS search_fts",
)


def _pg_words(column: str) -> str:
    return (
        f"to_tsvector('english', regexp_replace(coalesce({column}, ''), '[^[:alnum:]]+', ' ', 'g'))"
    )


POSTGRES_DDL = (
    "ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    f"setweight({_pg_words('title')}, 'A') || setweight({_pg_words('body')}, 'B')) STORED",
    "CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)",
)


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint("kind", "ref_id", name=op.f("uq_search_documents_kind_ref_id")),
    )
    bind = op.get_bind()
    ddl = SQLITE_DDL if bind.dialect.name == "sqlite" else POSTGRES_DDL
    for statement in ddl:
        op.execute(statement)
    _backfill(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DROP:
            op.execute(statement)
    op.drop_table("search_documents")


# --- backfill: the text of what the database already holds -------------------------------


def _text(html: str) -> str:
    words = re.sub(r"<[^>]*>", " ", html or "")
    return " ".join(unescape(words).split())


def _long(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _backfill(bind) -> None:
    q = bind.execute
    docs = []
    notes: dict[int, list[str]] = {}
    for action_id, text in q(
        sa.text("SELECT action_id, text FROM action_updates ORDER BY made_at, id")
    ):
        notes.setdefault(action_id, []).append(text or "")
    for id_, ref, title, description in q(
        sa.text("SELECT id, reference, title, description FROM action_items")
    ):
        body = "\n".join(t for t in [description or "", *notes.get(id_, [])] if t)
        docs.append(("action", id_, f"{ref}: {title}", body))
    for id_, position, title, minutes, starts_at in q(
        sa.text(
            "SELECT i.id, i.position, i.title, i.minutes, m.starts_at "
            "FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id"
        )
    ):
        if isinstance(starts_at, str):  # SQLite hands back text through a plain query
            starts_at = datetime.fromisoformat(starts_at)
        heading = f"Meeting of {starts_at:%d/%m/%Y}, item {position}: {title}"
        docs.append(("minute", id_, heading, _text(minutes)))
    for id_, number, decided_on, text in q(
        sa.text("SELECT id, number, decided_on, text FROM decisions")
    ):
        if isinstance(decided_on, str):
            decided_on = date.fromisoformat(decided_on[:10])
        docs.append(("decision", id_, f"Decision {number}, {_long(decided_on)}", text or ""))
    if docs:
        table = sa.table(
            "search_documents",
            sa.column("kind"),
            sa.column("ref_id"),
            sa.column("title"),
            sa.column("body"),
        )
        keys = ("kind", "ref_id", "title", "body")
        op.bulk_insert(table, [dict(zip(keys, d, strict=True)) for d in docs])
