"""The text full-text search looks in: one row per searchable item (an action, an agenda item
with its minutes, a decision; later kinds add rows of their own).

Derived data, kept current by db/search_index.py and rebuilt at will. The full-text index over
it differs per database and is made by migration 0004, not by this model: on SQLite an FTS5
table (`search_fts`) kept in step by triggers, on PostgreSQL a generated `tsv` column with a GIN
index. Because the rows live in an ordinary table, backup and restore carry them along and the
index follows.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class SearchDocument(Base):
    __tablename__ = "search_documents"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))  # "action", "minute", "decision"…
    ref_id: Mapped[int] = mapped_column(Integer)  # the id of the row in its own table
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
