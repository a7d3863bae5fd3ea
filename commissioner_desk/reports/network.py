"""The network sections: returns status with the chase list, and the action log's status."""

from __future__ import annotations

from datetime import date, timedelta

from ..db.database import Database
from ..domain.periods import Period
from ..formatting import uk_date
from ..network.actions import ActionFilter, actions_due, list_actions
from ..network.decisions import list_decisions
from ..network.rag import OPEN_STATUSES, RAG_LABELS, load_rag_rule
from .blocks import Column, Heading, Paragraph, Row, Table
from .data import PackData
from .history import PackRecord
from .national import RETURN_WORDS, short_label

STATE_ORDER = (
    "received",
    "accepted",
    "nil_return",
    "returned_for_correction",
    "invalid",
    "missing",
)
STATE_LABELS = {
    "received": "Received, not yet checked",
    "accepted": "Accepted",
    "nil_return": "Nil return",
    "returned_for_correction": "Sent back for correction",
    "invalid": "Invalid (could not be imported)",
    "missing": "Missing",
}
DECISIONS_WITHOUT_PACK = 92  # days of decisions listed when no pack was produced before


def returns_section(data: PackData) -> tuple:
    grid, key = data.grid, data.period.key
    expected = [f for f in grid.forces if f.expected]
    periods = grid.periods  # oldest first, ending with the pack's quarter
    counts = {
        p: {
            s: sum(1 for f in expected if _state(grid.cell(f.code, p).state) == s)
            for s in STATE_ORDER
        }
        for p in periods
    }
    rows = [
        Row((STATE_LABELS[s], *(f"{counts[p][s]}" for p in periods)))
        for s in STATE_ORDER
        if any(counts[p][s] for p in periods) or s == "missing"
    ]
    returned = [grid.returned_count(p)[0] for p in periods]
    rows.append(Row(("Returned (n of N)", *(f"{n} of {len(expected)}" for n in returned)), "total"))
    share = 60 // max(len(periods), 1)
    summary = Table(
        columns=(
            Column("State of the return", width=100 - share * len(periods)),
            *(Column(short_label(Period.from_key(p)), "right", share) for p in periods),
        ),
        rows=tuple(rows),
        note="Forces of England and Wales, whose return is expected every quarter. A return "
        "sent back for correction or invalid is not counted as returned.",
    )
    chase = grid.chase_list(key)
    chase_rows = []
    for force, cell in chase:
        chased = f"{cell.chase_count}" if cell.chase_count else "not yet"
        chase_rows.append(
            Row(
                (
                    force.name,
                    RETURN_WORDS.get(cell.state, cell.state),
                    chased,
                    uk_date(cell.chased_at.date()) if cell.chased_at else "–",
                    " ".join(cell.notes.split()) or "",
                ),
                tone="alert" if cell.state == "missing" else "",
            )
        )
    chase_table = Table(
        columns=(
            Column("Force", width=27),
            Column("State", width=12),
            Column("Times chased", "right", 10),
            Column("Last chased", width=15, nowrap=True),
            Column("Notes", width=36),
        ),
        rows=tuple(chase_rows),
        empty=f"Every expected return for {data.period.label} is in: nobody to chase.",
    )
    done, n = grid.returned_count(key)
    return (
        Paragraph(f"{done} of the {n} expected returns for {data.period.label} are in.", "lead"),
        summary,
        Heading(f"Chase list: returns not yet in for {data.period.label}"),
        chase_table,
    )


def _state(state: str) -> str:
    return state if state in STATE_ORDER else "missing" if state == "superseded" else state


def _owner(row) -> str:
    if row.owner_name and row.organisation_name:
        return f"{row.owner_name} ({row.organisation_name})"
    return row.owner_name or row.organisation_name or "no owner"


def actions_section(db: Database, today: date, last: PackRecord | None) -> tuple:
    rule = load_rag_rule(db)
    rows = list_actions(db, ActionFilter(), today=today, rule=rule)
    open_rows = [r for r in rows if r.status in OPEN_STATUSES]
    rag_counts = {rag: sum(1 for r in open_rows if r.rag == rag) for rag in RAG_LABELS}
    finished = len(rows) - len(open_rows)
    rag_table = Table(
        columns=(
            *(Column(label, "right", 20) for label in RAG_LABELS.values()),
            Column("All open", "right", 20),
            Column("Done or closed", "right", 20),
        ),
        rows=(
            Row(
                (
                    *(f"{rag_counts[rag]}" for rag in RAG_LABELS),
                    f"{len(open_rows)}",
                    f"{finished}",
                )
            ),
        ),
        note=f"RAG of open actions on {uk_date(today)}. {rule.describe()}",
    )
    due = actions_due(db, today=today, rule=rule)
    overdue = Table(
        columns=(
            Column("Reference", width=15),
            Column("Action", width=33),
            Column("Owner", width=24),
            Column("Due", width=15, nowrap=True),
            Column("Late by", "right", 13, nowrap=True),
        ),
        rows=tuple(
            Row(
                (
                    r.reference,
                    r.title,
                    _owner(r),
                    uk_date(r.due_date),
                    _days((today - r.due_date).days) if r.due_date else "",
                ),
                tone="alert",
            )
            for r in due.overdue
        ),
        empty="No action is overdue.",
    )
    soon = Table(
        columns=(
            Column("Reference", width=15),
            Column("Action", width=36),
            Column("Owner", width=24),
            Column("Due", width=15, nowrap=True),
            Column("RAG", width=10),
        ),
        rows=tuple(
            Row((r.reference, r.title, _owner(r), uk_date(r.due_date), r.rag_label))
            for r in due.due_this_week
        ),
        empty="No action falls due in the next seven days.",
    )
    return (
        Paragraph(
            f"{len(open_rows)} actions are open: {rag_counts[next(iter(RAG_LABELS))]} red, "
            f"{len(due.overdue)} overdue.",
            "lead",
        ),
        rag_table,
        Heading("Overdue actions"),
        overdue,
        Heading("Due in the next seven days"),
        soon,
        *decisions_blocks(db, today, last),
    )


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def decisions_blocks(db: Database, today: date, last: PackRecord | None) -> tuple:
    if last is not None:
        since = last.produced_on
        words = (
            f"Decisions recorded since the last pack, produced on {uk_date(since)} "
            f"({last.period}{f', version {last.version}' if last.version else ''})."
        )
    else:
        since = today - timedelta(days=DECISIONS_WITHOUT_PACK)
        words = (
            f"No pack has been produced before: decisions from the last three months, since "
            f"{uk_date(since)}."
        )
    # On or after the day of the last pack: a decision taken later that day is not missed.
    decisions = [d for d in list_decisions(db) if since <= d.decided_on <= today]
    decisions.sort(key=lambda d: d.number)
    table = Table(
        columns=(
            Column("No.", "right", 6),
            Column("Date", width=15, nowrap=True),
            Column("Meeting", width=24),
            Column("Decision", width=55),
        ),
        rows=tuple(
            Row((str(d.number), uk_date(d.decided_on), d.meeting_title, d.text)) for d in decisions
        ),
        empty="No decisions were recorded in that time.",
    )
    return (Heading("Decisions since the last pack"), Paragraph(words), table)
