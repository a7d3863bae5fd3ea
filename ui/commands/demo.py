"""`commissioner-desk demo [--remove]`."""

from __future__ import annotations

import argparse

from ..cli import UserError
from .common import TextProgress, opened


def run(args: argparse.Namespace) -> int:
    from commissioner_desk.demo import DemoError, load_demo, remove_demo

    _ws, db = opened(args)
    progress = TextProgress()
    if args.remove:
        removed = remove_demo(db, progress)
        progress.finish()
        print(f"Removed the demo data ({removed:,} rows). Real data was not touched.")
        return 0
    try:
        summary = load_demo(db, progress=progress)
    except DemoError as exc:
        raise UserError(str(exc)) from exc
    progress.finish()
    print(
        f"Loaded DEMO data: {summary.observations:,} figures for {summary.forces} forces, "
        f"{summary.first_period} to {summary.last_period}; {summary.meetings} meetings, "
        f"{summary.actions} actions. Remove it with: commissioner-desk demo --remove"
    )
    return 0
