"""Migration 0004 fills the search index from what a database already holds."""

from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import text

from commissioner_desk.db import migrate
from commissioner_desk.db.database import Database
from commissioner_desk.network.search import reindex, search

ROWS = (
    "INSERT INTO meeting_series (id, name, action_prefix, quorum, is_demo, version, created_at,"
    " updated_at) VALUES (1, 'Network', 'NET', 0, false, 1, :now, :now)",
    "INSERT INTO meetings (id, series_id, title, starts_at, location, online, minutes_status,"
    " is_demo, version, created_at, updated_at) VALUES (1, 1, 'Network meeting, March 2026',"
    " '2026-03-12 10:30:00', '', false, 'draft', false, 1, :now, :now)",
    "INSERT INTO agenda_items (id, meeting_id, position, title, kind, papers, minutes, version,"
    " created_at, updated_at) VALUES (1, 1, 4, 'Care sector', 'discussion', '',"
    " '<p>Sponsors of <b>overseas</b> care workers &amp; visas.</p>', 1, :now, :now)",
    "INSERT INTO decisions (id, number, meeting_id, decided_on, text, version, created_at,"
    " updated_at) VALUES (1, 3, 1, '2026-03-12', 'Write to the Home Office about sponsors.', 1,"
    " :now, :now)",
    "INSERT INTO action_items (id, reference, title, description, due_date, status, priority,"
    " rag_override_note, is_demo, version, created_at, updated_at) VALUES (1, 'NET-2026-014',"
    " 'Brief the network on licence revocations', '', '2026-05-01', 'open', 'medium', '',"
    " false, 1, :now, :now)",
    "INSERT INTO action_updates (id, action_id, made_at, made_by, text) VALUES (1, 1,"
    " '2026-03-20 09:00:00', 'Priya', 'Figures requested from UKVI')",
)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_upgrade_indexes_existing_rows(request, tmp_path, backend):
    if backend == "sqlite":
        db, cleanup = Database(f"sqlite:///{(tmp_path / 'old.sqlite3').as_posix()}"), None
    else:
        server = request.getfixturevalue("postgres")
        name = f"cd_mig_{uuid.uuid4().hex[:8]}"
        db, cleanup = Database(server.create(name)), (server, name)
    try:
        with db.engine.begin() as conn:
            command.upgrade(migrate._alembic_config(conn), "0003")
            for statement in ROWS:
                conn.execute(text(statement), {"now": "2026-03-20 09:00:00"})
        migrate.upgrade(db, tmp_path / "backups")

        def found(words: str) -> list[tuple[str, int, str]]:
            return [(h.kind, h.id, h.title) for h in search(db, words)]

        assert found("overseas") == [("minute", 1, "Meeting of 12/03/2026, item 4: Care sector")]
        assert sorted(k for k, _, _ in found("sponsors")) == ["decision", "minute"]
        assert found("ukvi") == [
            ("action", 1, "NET-2026-014: Brief the network on licence revocations")
        ]
        assert found("NET-2026-014")[0][0] == "action"
        snippet = search(db, "overseas")[0].snippet
        assert "<" not in snippet and "care workers & visas" in snippet
        assert reindex(db) == 3  # what the app's own rebuild makes of the same rows
        assert found("overseas")[0][2] == "Meeting of 12/03/2026, item 4: Care sector"
    finally:
        db.dispose()
        if cleanup:
            server, name = cleanup
            server.drop(name)
