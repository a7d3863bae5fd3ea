"""`commissioner-desk meetings list`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    mtg = sub.add_parser("meetings", help="list the network's meetings")
    mtg_sub = mtg.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)
    ml = mtg_sub.add_parser(
        "list", help="every meeting, latest first: minutes status, attendance, open actions"
    )
    ml.add_argument("--json", action="store_true", help="print one JSON document")
    ml.set_defaults(run=runs("ui.commands.meetings", "list_meetings"))
