"""Builders and dialog stand-ins for the Meetings page tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from commissioner_desk.domain.enums import OrganisationKind
from commissioner_desk.network.meetings import create_meeting, create_series
from commissioner_desk.network.organisations import create_organisation

from .loading import wait_loaded_without_qtbot

TODAY = date.today()  # the page tells the core it is today; meetings are placed around it


@pytest.fixture(autouse=True)
def free_closed_windows():
    """Delete the windows earlier tests closed: the shared `window` fixture only closes them,
    and hundreds of live hidden widgets make every later test slower."""
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def days_ago(n: int, hour: int = 10) -> datetime:
    return datetime.combine(TODAY - timedelta(days=n), time(hour, 30))


def answers(*values):
    """A stand-in for a dialog's `ask`: the given answers in turn. A refusal shown back to the
    user (`error`) fails the test instead of asking again for ever."""
    queue: Iterator = iter(values)
    calls: list[tuple] = []

    def ask(*args, **kwargs):
        # The page passes the refusal last: ask(parent, …, values, error).
        error = args[-1] if args and isinstance(args[-1], str) else kwargs.get("error", "")
        calls.append((args, kwargs))
        if error:
            raise AssertionError(f"the core refused the answer: {error}")
        return next(queue)

    ask.calls = calls
    return ask


def network(db, quorum: int = 2) -> dict[str, int]:
    """A series with three member organisations and two meetings: one held 60 days ago and
    one held yesterday (so it can approve the first one's minutes)."""
    series = create_series(db, "Test network", "TST", quorum).id
    orgs = {
        name: create_organisation(db, name, kind).id
        for name, kind in (
            ("Kent Police", OrganisationKind.FORCE),
            ("Home Office", OrganisationKind.GOVERNMENT),
            ("Unseen", OrganisationKind.NGO),
        )
    }
    first = create_meeting(db, series, days_ago(60), "Marsham Street", False, "First", TODAY)
    second = create_meeting(db, series, days_ago(1), "", True, "Second", TODAY)
    return {"series": series, "first": first, "second": second, **orgs}


def show(window, meeting_id: int):
    """Open the Meetings page on a meeting, as other pages do (run_command passes strings)."""
    window.show_meeting(str(meeting_id))
    wait_loaded_without_qtbot(window)  # the page reads in the background when opened
    return window.page("meetings").editor
