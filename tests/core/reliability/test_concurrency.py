"""Two people importing and editing the same database at once, in two processes, on SQLite and
PostgreSQL: nobody sees "database is locked", no update is lost (a save against a version
someone else moved on is refused and made again), no figure is stored twice, and the returns
register agrees with the figures afterwards.

Both import the same file at the same moment (one stores it, the other finds it already held),
each imports a file of its own while the other edits, and both edit one action many times.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import ActionItem, ActionUpdate, ForceReturn, ImportBatch
from commissioner_desk.db.models import Observation as Obs
from commissioner_desk.domain.enums import ReturnState
from commissioner_desk.network.actions_edit import create_action
from commissioner_desk.network.actions_types import ActionDraft

from ..cli_run import REPO, _env
from .faults import wait_for
from .long_file import long_csv

ROWS = 12_000  # four quarters of every force's figures, and a bit: each import takes a while
EDITS = 20  # per person, each an update in the log and a new title
WORKER = "tests.core.reliability.concurrent_worker"
PEOPLE = ("alice", "bob")


def _start(spec: dict, folder: Path) -> subprocess.Popen:
    path = folder / f"{spec['who']}.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    log = (folder / f"{spec['who']}.log").open("w", encoding="utf-8")
    with log:
        return subprocess.Popen(
            [sys.executable, "-m", WORKER, str(path)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=_env(),
            cwd=REPO,
        )


def _register_problems(db: Database) -> list[str]:
    """Register rows that disagree with the figures held (empty when consistent)."""
    with db.session() as s:
        held = {
            tuple(r)
            for r in s.execute(
                select(Obs.force_id, Obs.period_id, Obs.batch_id).where(Obs.is_current).distinct()
            )
        }
        rows = s.scalars(select(ForceReturn)).all()
        problems = []
        pairs = {(f, p) for f, p, _ in held}
        registered = {(r.force_id, r.period_id) for r in rows}
        if len(registered) != len(rows):
            problems.append("a force and period registered twice")
        problems += [f"no register row for {pair}" for pair in sorted(pairs - registered)]
        problems += [f"registered, no figures: {pair}" for pair in sorted(registered - pairs)]
        for r in rows:
            if r.state != ReturnState.RECEIVED or (r.force_id, r.period_id, r.batch_id) not in held:
                problems.append(f"register row {r.id} ({r.state}, batch {r.batch_id})")
        return problems


@pytest.mark.slow
def test_two_people_importing_and_editing_at_once(db_url, tmp_path):
    db = Database(db_url, user="setup")
    try:
        action = create_action(db, ActionDraft(title="Chase returns"))
        with db.session() as s:
            first_version = s.get(ActionItem, action.id).version
        shared = long_csv(tmp_path / "shared.csv", ROWS, first_year=2000)
        own = {
            who: long_csv(tmp_path / f"{who}.csv", ROWS, first_year=year)
            for who, year in zip(PEOPLE, (2010, 2020), strict=True)
        }
        go = tmp_path / "go"
        specs = [
            {
                "who": who,
                "url": db_url,
                "shared": str(shared),
                "own": str(own[who]),
                "edits": EDITS,
                "action_id": action.id,
                "ready": str(tmp_path / f"{who}.ready"),
                "go": str(go),
                "result": str(tmp_path / f"{who}.result.json"),
            }
            for who in PEOPLE
        ]
        procs = [_start(spec, tmp_path) for spec in specs]
        wait_for(
            lambda: (
                all(Path(s["ready"]).exists() for s in specs)
                or any(p.poll() is not None for p in procs)
            ),
            "both people to have read their files",
        )
        go.touch()  # both start storing at the same moment
        for p in procs:
            p.wait(timeout=300)
        results = {}
        for spec in specs:
            log = (tmp_path / f"{spec['who']}.log").read_text(encoding="utf-8")
            assert Path(spec["result"]).exists(), log
            results[spec["who"]] = json.loads(Path(spec["result"]).read_text(encoding="utf-8"))
        for who, result in results.items():
            assert result["error"] is None, f"{who}: {result['error']}"

        # The shared file was stored once; the second person found it already held.
        shared_statuses = sorted(r["imports"][0][1] for r in results.values())
        assert shared_statuses == ["ok", "unchanged"]
        assert all(r["imports"][1][1] == "ok" for r in results.values())
        # No lost update: every save is in the log, and each moved the version on.
        assert all(r["saved"] == EDITS for r in results.values())
        with db.session() as s:
            by_whom = dict(
                s.execute(select(ActionUpdate.made_by, func.count()).group_by("made_by")).all()
            )
            assert by_whom == {who: EDITS for who in PEOPLE}
            saves = sum(r["saved"] for r in results.values())
            assert s.get(ActionItem, action.id).version == first_version + 2 * saves
            # No figure twice: one current row per force, period, metric and breakdown.
            key = (Obs.force_id, Obs.period_id, Obs.metric_id, Obs.breakdown)
            doubled = s.execute(
                select(*key).where(Obs.is_current).group_by(*key).having(func.count() > 1)
            ).all()
            assert doubled == []
            assert s.scalar(select(func.count()).select_from(Obs)) == 3 * ROWS
            assert s.scalar(select(func.count()).select_from(ImportBatch)) == 3
        assert _register_problems(db) == []
        if db.backend == "sqlite":
            with db.engine.connect() as c:
                assert c.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        seen = ("saved", "conflicts", "retries")
        print({who: {k: r[k] for k in seen} for who, r in results.items()})  # shown with -s
    finally:
        db.dispose()
