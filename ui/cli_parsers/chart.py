"""`commissioner-desk chart`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    ch = sub.add_parser("chart", help="draw a trend chart to a PNG, SVG or CSV file")
    ch.add_argument(
        "--metric", required=True, metavar="KEY", help="metric key or name, e.g. nrm_referrals"
    )
    ch.add_argument(
        "--force",
        action="append",
        metavar="CODE",
        help="a force to compare, by code or name (repeat, up to 8; default: all forces' total)",
    )
    ch.add_argument(
        "--with-all-forces",
        action="store_true",
        help="with --force: draw all forces' total beside the forces compared",
    )
    ch.add_argument("--breakdown", metavar="KEY=VALUE", help="e.g. age=child (default: the total)")
    ch.add_argument("--stack-by", metavar="DIM", help="stacked areas by age or exploitation")
    ch.add_argument("--measure", choices=("count", "rate"), default="count")
    ch.add_argument(
        "--by", choices=("quarter", "calendar_year", "financial_year"), default="quarter"
    )
    ch.add_argument("--rolling", action="store_true", help="rolling four-quarter sums")
    ch.add_argument("--change", action="store_true", help="%% change on a year before")
    ch.add_argument("--from", dest="first", metavar="P", help="first period, e.g. 2019-Q1")
    ch.add_argument("--to", dest="last", metavar="P", help="last period, e.g. 2024 Q4")
    ch.add_argument("--out", required=True, metavar="FILE", help="the .png, .svg or .csv to write")
    ch.add_argument(
        "--width", type=int, default=2000, help="width of a PNG in pixels (default 2000)"
    )
    ch.set_defaults(run=runs("ui.commands.chart", "run"))
