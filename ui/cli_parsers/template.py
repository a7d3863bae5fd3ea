"""`commissioner-desk template`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    tpl = sub.add_parser("template", help="write the workbook a force fills in for a quarter")
    tpl.add_argument("--period", required=True, metavar="P", help="quarter, e.g. 2024-Q1")
    who = tpl.add_mutually_exclusive_group(required=True)
    who.add_argument("--force", metavar="CODE", help="one force (registry code)")
    who.add_argument("--all", action="store_true", help="every territorial force and BTP")
    tpl.add_argument(
        "--out",
        metavar="FILE or DIR",
        required=True,
        help="the .xlsx to write (with --all: the folder, one file per force)",
    )
    tpl.set_defaults(run=runs("ui.commands.template", "run"))
