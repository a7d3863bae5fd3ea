"""Remove every demo row, and nothing else, in one transaction.

Core deletes (tens of thousands of observations), children before parents so no foreign key is
left dangling on either backend, and one audit entry for the whole removal.
"""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from ..db.audit import record_bulk
from ..db.database import Database
from ..db.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    ForceReturn,
    ImportBatch,
    Meeting,
    MeetingSeries,
    MinuteErratum,
    Observation,
    Organisation,
    Person,
    ReturnText,
    SourceFile,
)
from ..progress import NO_PROGRESS, Progress, check
from .membership import removal_steps as membership_steps
from .practices import removal_steps as practice_steps


def remove_demo(db: Database, progress: Progress = NO_PROGRESS) -> int:
    """Delete all demo data; returns the number of rows removed (0 when there was none)."""
    with db.session() as s:
        _adopt_series_with_real_meetings(s)
        batches = select(ImportBatch.id).where(ImportBatch.is_demo).scalar_subquery()
        meetings = select(Meeting.id).where(Meeting.is_demo).scalar_subquery()
        actions = select(ActionItem.id).where(ActionItem.is_demo).scalar_subquery()
        orgs = select(Organisation.id).where(Organisation.is_demo).scalar_subquery()
        steps = (
            ("observations", delete(Observation).where(Observation.batch_id.in_(batches))),
            ("return_texts", delete(ReturnText).where(ReturnText.batch_id.in_(batches))),
            ("force_returns", delete(ForceReturn).where(ForceReturn.is_demo)),
            ("source_files", delete(SourceFile).where(SourceFile.batch_id.in_(batches))),
            ("import_batches", delete(ImportBatch).where(ImportBatch.is_demo)),
            *practice_steps(actions, meetings),
            *membership_steps(),
            ("action_updates", delete(ActionUpdate).where(ActionUpdate.action_id.in_(actions))),
            ("action_items", delete(ActionItem).where(ActionItem.is_demo)),
            ("decisions", delete(Decision).where(Decision.meeting_id.in_(meetings))),
            ("minute_errata", delete(MinuteErratum).where(MinuteErratum.meeting_id.in_(meetings))),
            # A demo organisation may have been added to a real meeting's attendance: that row
            # is about the demo organisation and goes with it.
            (
                "attendance",
                delete(Attendance).where(
                    or_(Attendance.meeting_id.in_(meetings), Attendance.organisation_id.in_(orgs))
                ),
            ),
            ("agenda_items", delete(AgendaItem).where(AgendaItem.meeting_id.in_(meetings))),
            ("meetings", delete(Meeting).where(Meeting.is_demo)),
            ("meeting_series", delete(MeetingSeries).where(MeetingSeries.is_demo)),
            ("people", delete(Person).where(Person.is_demo)),
            ("organisations", delete(Organisation).where(Organisation.is_demo)),
        )
        removed: dict[str, int] = {}
        for done, (table, statement) in enumerate(steps):
            check(progress)
            progress.report(done, len(steps), f"Removing demo {table.replace('_', ' ')}…")
            removed[table] = s.execute(statement).rowcount or 0
        total = sum(removed.values())
        if total:
            record_bulk(s, "demo", {"removed": removed, "rows": total})
        progress.report(len(steps), len(steps), "Saving…")
    return total


def _adopt_series_with_real_meetings(s: Session) -> None:
    """A demo series that someone has since added a real meeting to now holds real data:
    deleting it would cascade to that meeting, so it stays, no longer flagged as demo."""
    real = select(Meeting.series_id).where(~Meeting.is_demo)
    s.execute(
        update(MeetingSeries)
        .where(MeetingSeries.is_demo, MeetingSeries.id.in_(real))
        .values(is_demo=False)
        .execution_options(synchronize_session=False)
    )
