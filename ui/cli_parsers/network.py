"""`commissioner-desk network members`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    net = sub.add_parser("network", help="the network's membership")
    net_sub = net.add_subparsers(dest="network_command", metavar="ACTION", required=True)
    nm = net_sub.add_parser("members", help='every area\'s membership, with "n of N signed up"')
    nm.add_argument("--chase", action="store_true", help="only the areas not yet signed up")
    nm.add_argument("--json", action="store_true", help="print one JSON document")
    nm.set_defaults(run=runs("ui.commands.network", "members"))
