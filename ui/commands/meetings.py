"""`commissioner-desk meetings list [--json]`: every meeting, latest first, as the Meetings
page lists them (date, series, title, minutes status, attendance and quorum, open actions)."""

from __future__ import annotations

import argparse
import json

from .common import opened


def list_meetings(args: argparse.Namespace) -> int:
    from commissioner_desk.formatting import uk_date
    from commissioner_desk.network.labels import MINUTES_STATUS
    from commissioner_desk.network.meetings import list_meetings as meetings

    _ws, db = opened(args)
    rows = meetings(db)
    if args.json:
        print(json.dumps({"meetings": [r.to_json() for r in rows]}, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No meetings yet.")
        return 0
    for r in rows:
        actions = f"{r.open_actions} open action{'s' if r.open_actions != 1 else ''} raised"
        demo = "  [demo]" if r.is_demo else ""
        print(f"{uk_date(r.starts_at.date())} {r.starts_at:%H:%M}  {r.title}{demo}")
        print(
            f"    {r.series} · minutes {MINUTES_STATUS[r.minutes_status]} · {r.attendance}; "
            f"{r.quorum.short} · {actions}"
        )
    return 0
