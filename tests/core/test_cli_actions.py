"""`commissioner-desk actions list`, run as a user would."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from commissioner_desk.db.database import Database
from commissioner_desk.domain.enums import ActionStatus, Rag
from commissioner_desk.formatting import uk_date
from commissioner_desk.network.actions import ActionDraft, create_action, override_rag
from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import _cli


def _fill(folder: Path) -> date:
    """Three actions relative to the real today (the command works out RAG for today)."""
    today = date.today()
    db = Database(f"sqlite:///{(folder / DB_FILE_NAME).as_posix()}", user="clerk")
    try:
        late = create_action(
            db,
            ActionDraft(title="Chase the late returns", due_date=today - timedelta(days=3)),
            today,
        )
        create_action(
            db,
            ActionDraft(title="=SUM(A1) stays text", due_date=today + timedelta(days=40)),
            today,
        )
        create_action(db, ActionDraft(title="Old business", status=ActionStatus.CLOSED), today)
        override_rag(db, late.id, late.version, Rag.AMBER, "Promised for Friday")
    finally:
        db.dispose()
    return today


def test_list_prints_rag_and_reason(ready_dir):
    today = _fill(ready_dir)
    result = _cli(ready_dir, "actions", "list")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"3 actions on {uk_date(today)}. Red when overdue; amber when due within")
    year = today.year
    late = out[out.index(f"NET-{year}-001") :].splitlines()[:3]
    assert "Amber" in late[0] and "Open, due" in late[0]
    assert late[1].strip() == "Chase the late returns"
    assert late[2].strip().startswith("Why amber: Override to amber. Note: Promised for Friday.")
    assert "Computed: red (overdue: due" in late[2]
    assert "=SUM(A1) stays text" in out and "Why green: On track" in out
    assert f"NET-{year}-003  Closed" in out  # finished: no RAG, so no reason line
    assert "Why closed" not in out


def test_filters_and_json_carry_the_same_fields(ready_dir):
    today = _fill(ready_dir)
    overdue = _cli(ready_dir, "actions", "list", "--overdue", "--json")
    assert overdue.returncode == 0, overdue.stderr
    doc = json.loads(overdue.stdout)
    assert doc["today"] == today.isoformat()
    assert doc["rule"] == {"amber_days": 14, "stale_weeks": 6}
    (only,) = doc["actions"]
    assert only["title"] == "Chase the late returns"
    assert (only["rag"], only["rag_label"], only["overridden"]) == ("amber", "Amber", True)
    assert only["rag_reason"].startswith("Override to amber. Note: Promised for Friday.")
    assert only["due_date"] == (today - timedelta(days=3)).isoformat()
    assert only["status"] == "open" and only["minute_reference"] == ""

    closed = json.loads(_cli(ready_dir, "actions", "list", "--status", "closed", "--json").stdout)
    assert [(a["title"], a["rag"], a["rag_label"]) for a in closed["actions"]] == [
        ("Old business", None, "Closed")
    ]
    both = _cli(ready_dir, "actions", "list", "--status", "Closed", "--status", "in progress")
    assert both.returncode == 0 and both.stdout.startswith("1 action on")


def test_empty_log_and_a_wrong_status(ready_dir):
    empty = _cli(ready_dir, "actions", "list")
    assert empty.returncode == 0 and empty.stdout.strip() == "No actions yet."
    assert json.loads(_cli(ready_dir, "actions", "list", "--json").stdout)["actions"] == []
    wrong = _cli(ready_dir, "actions", "list", "--status", "finished")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert '"finished" is not a status; choose from open, in_progress' in wrong.stderr
