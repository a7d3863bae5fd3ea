"""`commissioner-desk demo`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    demo = sub.add_parser("demo", help="load the synthetic DEMO data set (or --remove it)")
    demo.add_argument("--remove", action="store_true", help="remove all demo data")
    demo.set_defaults(run=runs("ui.commands.demo", "run"))
