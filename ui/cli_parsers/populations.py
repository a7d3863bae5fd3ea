"""`commissioner-desk populations load`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    pops = sub.add_parser("populations", help="population estimates behind rates per 100,000")
    pops_sub = pops.add_subparsers(dest="populations_command", metavar="ACTION", required=True)
    pl = pops_sub.add_parser(
        "load", help="add or update estimates from an ONS CSV (code, name, population, year)"
    )
    pl.add_argument("file", metavar="FILE")
    pl.set_defaults(run=runs("ui.commands.populations", "load"))
