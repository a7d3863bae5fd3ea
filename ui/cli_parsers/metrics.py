"""`commissioner-desk metrics list|add|rename|remove`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    met = sub.add_parser("metrics", help="the metrics figures are held for; add the office's own")
    met_sub = met.add_subparsers(dest="metrics_command", metavar="ACTION", required=True)
    ml = met_sub.add_parser("list", help="every metric: key, name, unit, built in or not")
    ml.add_argument("--json", action="store_true", help="print one JSON document")
    ml.set_defaults(run=runs("ui.commands.metrics", "list_metrics"))
    ma = met_sub.add_parser(
        "add", help="add a metric, e.g. police officers (FTE) as context for the figures"
    )
    ma.add_argument("key", metavar="KEY", help="lowercase letters, digits and _, e.g. officers_fte")
    ma.add_argument("--name", required=True, metavar="NAME", help="as tables and charts show it")
    ma.add_argument(
        "--unit",
        required=True,
        choices=("count", "decimal", "percent"),
        help="count: whole numbers (small ones hidden); decimal: e.g. FTE; percent: 0 to 100",
    )
    ma.add_argument(
        "--description", default="", metavar="TEXT", help="what it counts, and where from"
    )
    ma.set_defaults(run=runs("ui.commands.metrics", "add"))
    mr = met_sub.add_parser("rename", help="give one of the office's metrics another name")
    mr.add_argument("key", metavar="KEY")
    mr.add_argument("--name", required=True, metavar="NAME")
    mr.set_defaults(run=runs("ui.commands.metrics", "rename"))
    mx = met_sub.add_parser("remove", help="remove one of the office's metrics no figure uses")
    mx.add_argument("key", metavar="KEY")
    mx.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    mx.set_defaults(run=runs("ui.commands.metrics", "remove"))
