"""`commissioner-desk pack`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    pk = sub.add_parser(
        "pack", help="write a briefing pack for a quarter to PDF (marking on every page)"
    )
    pk.add_argument("--period", required=True, metavar="P", help="quarter, e.g. 2024-Q1")
    pk.add_argument(
        "--sections",
        metavar="LIST",
        help="comma-separated: cover,contents,key_figures,map,charts,forces,returns,actions,"
        "practices,annex (default: all)",
    )
    pk.add_argument(
        "--marking",
        metavar="TEXT",
        help="OFFICIAL (default), OFFICIAL-SENSITIVE or a handling caveat, printed in capitals",
    )
    pk.add_argument("--audience", metavar="TEXT", help="who it is for (default: The Commissioner)")
    pk.add_argument("--version", dest="pack_version", metavar="V", default="1.0", help="e.g. 2.1")
    pk.add_argument("--per-force", action="store_true", help="add one page per force")
    pk.add_argument("--map-style", choices=("geo", "hex"), default="geo")
    pk.add_argument(
        "--metric",
        metavar="KEY",
        default="nrm_referrals",
        help="the figure mapped and ranked: a key or a name",
    )
    pk.add_argument("--out", required=True, metavar="FILE", help="the .pdf to write")
    pk.set_defaults(run=runs("ui.commands.pack", "run"))
