"""`commissioner-desk actions list`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    act = sub.add_parser("actions", help="the network's action log")
    act_sub = act.add_subparsers(dest="actions_command", metavar="ACTION", required=True)
    al = act_sub.add_parser(
        "list", help="actions, soonest due first, with their RAG and the reason for it"
    )
    al.add_argument(
        "--status",
        nargs="+",
        action="extend",
        metavar="S",
        type=_status,
        help="only these statuses: open, in_progress, on_hold, done, closed",
    )
    al.add_argument("--overdue", action="store_true", help="only open actions past their due date")
    al.add_argument("--json", action="store_true", help="print one JSON document")
    al.set_defaults(run=runs("ui.commands.actions", "list_actions"))


def _status(text: str) -> str:
    from ui.commands.actions import status_arg  # light: argparse only

    return status_arg(text)
