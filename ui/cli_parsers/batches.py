"""`commissioner-desk batches list|undo`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    bat = sub.add_parser("batches", help="list import batches, or undo one")
    bat_sub = bat.add_subparsers(dest="batches_command", metavar="ACTION", required=True)
    bl = bat_sub.add_parser("list", help="every import, newest first, undone ones included")
    bl.add_argument("--json", action="store_true", help="print one JSON document")
    bl.set_defaults(run=runs("ui.commands.batches", "list_batches"))
    bu = bat_sub.add_parser("undo", help="undo an import: put back what was there before it")
    bu.add_argument("id", type=int, metavar="ID", help="the batch number from 'batches list'")
    bu.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    bu.set_defaults(run=runs("ui.commands.batches", "undo"))
