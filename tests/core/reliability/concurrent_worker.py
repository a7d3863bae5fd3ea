"""One of two people working on the same database at once, run in its own process by
test_concurrency: `python -m tests.core.reliability.concurrent_worker SPEC.json`.

It reads its files first (so the two processes store, not parse, at the same moment), waits for
the go file, then imports the shared file (the other person imports it too), edits the shared
action, imports its own file and edits again, as the app would: on a conflict it reloads and
saves again, like a user pressing Reload in the app. What happened goes to the result file;
any error at all is written there too, with its traceback.
"""

from __future__ import annotations

import json
import logging
import random
import sys
import time
import traceback
from pathlib import Path


def _wait_for(path: Path, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > end:
            raise TimeoutError(f"no {path}")
        time.sleep(0.005)


def _edit(db, action_id: int, who: str, n: int, result: dict) -> None:
    """One update in the action's log and a new title, each saved against the version read.
    They are two saves, as in the app: on a conflict only the one refused is made again (the
    update, once stored, is not added twice)."""
    from commissioner_desk.network.actions_edit import add_update, edit_action

    _saved_against_latest(
        db, action_id, result, lambda v: add_update(db, action_id, v, f"{who} update {n}")
    )
    title = {"title": f"Chase returns ({who} {n})"}
    _saved_against_latest(db, action_id, result, lambda v: edit_action(db, action_id, v, title))
    result["saved"] += 1


def _saved_against_latest(db, action_id: int, result: dict, save) -> None:
    """`save(version)` against the version read, read again and retried on a conflict."""
    from sqlalchemy import select

    from commissioner_desk.db.models import ActionItem
    from commissioner_desk.network.editing import EditConflict

    while True:
        with db.session() as s:
            version = s.scalar(select(ActionItem.version).where(ActionItem.id == action_id))
        time.sleep(random.uniform(0, 0.004))  # the user reading the form
        try:
            save(version)
            return
        except EditConflict:
            result["conflicts"] += 1


class _Retries(logging.Handler):
    """Counts the times the app started a unit of work again (db/failures.retrying)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def main(spec_file: str) -> int:
    spec = json.loads(Path(spec_file).read_text(encoding="utf-8"))
    result = {"imports": [], "saved": 0, "conflicts": 0, "retries": 0, "error": None}
    retries = _Retries()
    failures_log = logging.getLogger("commissioner_desk.db.failures")
    failures_log.addHandler(retries)
    failures_log.setLevel(logging.INFO)
    try:
        from commissioner_desk.db.database import Database
        from commissioner_desk.importing import commit_plan
        from commissioner_desk.importing.many import check_plans, plan_files

        who = spec["who"]
        db = Database(spec["url"], user=who)
        plans = check_plans(db, plan_files([Path(spec["shared"]), Path(spec["own"])]))
        assert all(p.ok for p in plans), [str(x) for p in plans for x in p.errors]
        Path(spec["ready"]).touch()
        _wait_for(Path(spec["go"]))
        half = spec["edits"] // 2
        for step, plan in enumerate(plans):
            outcome = commit_plan(db, plan)
            result["imports"].append([plan.path.name, outcome.status])
            for n in range(step * half, (step + 1) * half):
                _edit(db, spec["action_id"], who, n, result)
        db.dispose()
    except BaseException as exc:  # everything is reported: the test names it
        result["error"] = "".join(traceback.format_exception(exc))
    result["retries"] = retries.count
    Path(spec["result"]).write_text(json.dumps(result), encoding="utf-8")
    return 0 if result["error"] is None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
