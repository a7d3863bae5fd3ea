"""`commissioner-desk network members [--json] [--chase]`, run as a user would."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from commissioner_desk.db.database import Database
from commissioner_desk.domain.enums import MembershipStatus
from commissioner_desk.network.membership import (
    MembershipDraft,
    new_commissioner,
    record_status,
    sign_up,
    withdraw,
)
from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import _cli

TODAY = date(2026, 3, 2)
KENT, ESSEX, CLEVELAND = "E23000032", "E23000028", "E23000013"


def _fill(folder: Path) -> None:
    """Kent signed up and got a new PCC; Essex signed then withdrew; Cleveland was asked."""
    db = Database(f"sqlite:///{(folder / DB_FILE_NAME).as_posix()}", user="clerk")
    try:
        draft = MembershipDraft(
            status=MembershipStatus.SIGNED_UP,
            starts_on=date(2024, 6, 3),
            commissioner="Matthew Scott",
            signatory="Matthew Scott",
            lead_officer="DCI Rachel Moss",
        )
        kent = sign_up(db, KENT, draft, None, TODAY)
        new_commissioner(db, kent.id, kent.version, date(2025, 5, 9), "Jane Doe", today=TODAY)
        essex = sign_up(db, ESSEX, draft, None, TODAY)
        withdraw(db, essex.id, essex.version, date(2025, 11, 1), today=TODAY)
        asked = MembershipDraft(status=MembershipStatus.NOT_SIGNED, starts_on=date(2025, 12, 1))
        record_status(db, CLEVELAND, asked, None, TODAY)
    finally:
        db.dispose()


def test_members_prints_the_count_and_every_area(ready_dir):
    _fill(ready_dir)
    result = _cli(ready_dir, "network", "members")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1 of 43 signed up."
    kent = next(n for n, line in enumerate(lines) if line.startswith("Kent Police"))
    assert lines[kent].split()[2:] == ["Signed", "up", "since", "9", "May", "2025"]
    assert lines[kent + 1].strip() == "PCC Jane Doe · DCI Rachel Moss"
    assert any(line.startswith("Essex Police") and "Withdrawn" in line for line in lines)
    assert any(line.startswith("Police Scotland") and "Not taking part" in line for line in lines)


def test_chase_lists_only_the_areas_not_signed_up_those_who_left_first(ready_dir):
    _fill(ready_dir)
    result = _cli(ready_dir, "network", "members", "--chase")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["1 of 43 signed up.", "42 areas to chase."]
    names = [line.split("  ")[0] for line in lines[2:] if not line.startswith(" ")]
    assert names[:2] == ["Essex Police", "Cleveland Police"]
    assert len(names) == 42 and "Kent Police" not in names and "Police Scotland" not in names


def test_json_holds_the_summary_and_each_area_with_its_record(ready_dir):
    _fill(ready_dir)
    result = _cli(ready_dir, "network", "members", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["signed_up"], doc["counted"], doc["summary"]) == (1, 43, "1 of 43 signed up")
    areas = {a["code"]: a for a in doc["areas"]}
    assert len(areas) == 46
    kent = areas[KENT]
    assert kent["standing"] == "signed_up" and not kent["on_chase_list"]
    assert kent["record"]["commissioner"] == "Jane Doe"
    assert (
        kent["record"]["starts_on"] == "2025-05-09" and kent["record"]["signed_on"] == "2024-06-03"
    )
    assert areas["BTP"]["record"] is None and not areas["BTP"]["counted"]

    chase = json.loads(_cli(ready_dir, "network", "members", "--json", "--chase").stdout)
    assert [a["code"] for a in chase["areas"][:2]] == [ESSEX, CLEVELAND]
    assert len(chase["areas"]) == 42


def test_an_empty_network_says_so(ready_dir):
    result = _cli(ready_dir, "network", "members", "--chase")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["0 of 43 signed up.", "43 areas to chase."]
