"""`commissioner-desk actions list [--status S ...] [--overdue] [--json]`.

Prints what the action log page shows: reference, RAG and its reason, status, due date, owner
and title, soonest due first. RAG is worked out for today by the rule stored in the database.
"""

from __future__ import annotations

import argparse
import json

STATUS_WORDS = ("open", "in_progress", "on_hold", "done", "closed")


def status_arg(text: str) -> str:
    """ "in progress", "In-Progress" and "in_progress" all name the same status."""
    value = "_".join(text.strip().lower().replace("-", " ").split())
    if value not in STATUS_WORDS:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a status; choose from {", ".join(STATUS_WORDS)}'
        )
    return value


def list_actions(args: argparse.Namespace) -> int:
    from datetime import date

    from commissioner_desk.domain.enums import ActionStatus
    from commissioner_desk.formatting import uk_date
    from commissioner_desk.network.actions import ActionFilter
    from commissioner_desk.network.actions import list_actions as query
    from commissioner_desk.network.rag import load_rag_rule

    from .common import opened

    _ws, db = opened(args)
    today = date.today()
    rule = load_rag_rule(db)
    statuses = tuple(ActionStatus(s) for s in dict.fromkeys(args.status or ()))
    rows = query(db, ActionFilter(statuses=statuses, overdue_only=args.overdue), today, rule)
    if args.json:
        document = {
            "today": today.isoformat(),
            "rule": {"amber_days": rule.amber_days, "stale_weeks": rule.stale_weeks},
            "actions": [r.to_json() for r in rows],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No actions match." if statuses or args.overdue else "No actions yet.")
        return 0
    plural = "s" if len(rows) != 1 else ""
    print(f"{len(rows)} action{plural} on {uk_date(today)}. {rule.describe()}")
    width = max(len(r.reference) for r in rows)
    for r in rows:
        due = f"due {uk_date(r.due_date)}" if r.due_date else "no due date"
        owner = ", ".join(x for x in (r.owner_name, r.organisation_name) if x) or "no owner"
        print(f"{r.reference:<{width}}  {r.rag_label:<6}  {r.status_label}, {due}; {owner}")
        print(f"{'':<{width}}  {r.title}")
        if r.rag is not None:
            print(f"{'':<{width}}  Why {r.rag_label.lower()}: {r.rag_reason}")
    return 0
