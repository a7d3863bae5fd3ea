"""`commissioner-desk meetings list [--json]`, run as a user would."""

from __future__ import annotations

import json
from datetime import date, datetime

from commissioner_desk.db.database import Database
from commissioner_desk.domain.enums import AttendanceStatus, OrganisationKind
from commissioner_desk.network.attendance import set_attendance
from commissioner_desk.network.meetings import create_meeting, create_series
from commissioner_desk.network.organisations import create_organisation
from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import _cli


def _add_meetings(folder) -> None:
    db = Database(f"sqlite:///{(folder / DB_FILE_NAME).as_posix()}", user="tester")
    try:
        sid = create_series(db, "National network", "NET", 2).id
        today = date(2026, 3, 20)
        feb = create_meeting(db, sid, datetime(2026, 2, 10, 10, 30), "Home Office", False,
                             "February meeting", today)  # fmt: skip
        create_meeting(db, sid, datetime(2026, 5, 12, 14, 0), "", True, "May meeting", today)
        for name, status in (("Kent Police", AttendanceStatus.PRESENT),
                             ("Unseen", AttendanceStatus.APOLOGIES)):  # fmt: skip
            org = create_organisation(db, name, OrganisationKind.OTHER)
            set_attendance(db, feb, org.id, status)
    finally:
        db.dispose()


def test_list_latest_first(ready_dir):
    _add_meetings(ready_dir)
    result = _cli(ready_dir, "meetings", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "12 May 2026 14:00  May meeting"
    assert lines[1].strip() == (
        "National network · minutes draft · No attendance recorded; quorum 2 · "
        "0 open actions raised"
    )
    assert lines[2] == "10 Feb 2026 10:30  February meeting"
    assert "1 present, 1 apologies; NOT quorate (1; quorum 2)" in lines[3]

    listed = _cli(ready_dir, "meetings", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    may, feb = json.loads(listed.stdout)["meetings"]
    assert (may["title"], may["online"], may["starts_at"]) == (
        "May meeting",
        True,
        "2026-05-12T14:00:00",
    )
    assert (feb["quorum_met"], feb["quorum_present"], feb["quorum_required"]) == (False, 1, 2)
    assert feb["minutes_status"] == "draft" and feb["open_actions"] == 0


def test_list_on_an_empty_database(ready_dir):
    result = _cli(ready_dir, "meetings", "list")
    assert result.returncode == 0 and result.stdout.strip() == "No meetings yet."
    assert json.loads(_cli(ready_dir, "meetings", "list", "--json").stdout) == {"meetings": []}
