"""`commissioner-desk network members [--json] [--chase]`: who has signed up to the network.

Prints what the Membership page shows: "n of N signed up", then every area with its standing,
since when, the commissioner and the lead officer; --chase keeps only the areas to chase
(withdrawn, asked and not signed, or no record yet), those who left first.
"""

from __future__ import annotations

import argparse
import json


def members(args: argparse.Namespace) -> int:
    from commissioner_desk.formatting import uk_date
    from commissioner_desk.network.membership import chase_list, list_areas, summarise

    from .common import opened

    _ws, db = opened(args)
    try:
        areas = list_areas(db)
    finally:
        db.dispose()
    summary = summarise(areas)
    shown = chase_list(areas) if args.chase else areas
    if args.json:
        doc = {
            "signed_up": summary.signed_up,
            "counted": summary.counted,
            "summary": summary.text,
            "areas": [a.to_json() for a in shown],
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    print(f"{summary.text}.")
    if args.chase:
        print(
            f"{len(shown)} area{'' if len(shown) == 1 else 's'} to chase."
            if shown
            else "Nobody to chase: every area counted has signed up."
        )
    width = max((len(a.name) for a in shown), default=0)
    for a in shown:
        r = a.record
        since = f"since {uk_date(a.since)}" if a.since else ""
        demo = " [DEMO]" if r is not None and r.is_demo else ""
        print(f"{a.name:<{width}}  {a.standing_label:<15} {since:<17}{demo}".rstrip())
        who = [f"PCC {r.commissioner}" if r.commissioner else "", r.lead_officer] if r else []
        if any(who):
            print(f"{'':<{width}}  " + " · ".join(w for w in who if w))
    return 0
