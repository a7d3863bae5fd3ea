"""`commissioner-desk map`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    mp = sub.add_parser("map", help="draw the national map to a PNG, SVG or PDF file")
    mp.add_argument(
        "--metric", required=True, metavar="KEY", help="metric key or name, e.g. nrm_referrals"
    )
    mp.add_argument("--breakdown", metavar="KEY=VALUE", help="e.g. age=child (default: the total)")
    mp.add_argument("--period", required=True, metavar="P", help="period, e.g. 2024-Q1")
    mp.add_argument("--measure", choices=("count", "rate", "change"), default="count")
    mp.add_argument("--style", choices=("geo", "hex"), default="geo")
    mp.add_argument("--classes", choices=("quantile", "equal", "jenks"), default="quantile")
    mp.add_argument("--palette", metavar="NAME", help="Blues, Purples, YlGnBu, OrRd, RdBu, PuOr")
    mp.add_argument("--out", required=True, metavar="FILE", help="the .png, .svg or .pdf to write")
    mp.add_argument(
        "--dpi", type=int, default=300, help="resolution of a PNG (default 300; 72 to 1200)"
    )
    mp.add_argument(
        "--low-reporting",
        action="store_true",
        help="mark the forces flagged as low reporting by the rule stored in the database",
    )
    mp.set_defaults(run=runs("ui.commands.map", "run"))
