"""`commissioner-desk metrics list [--json]`, `metrics add KEY --name NAME --unit UNIT
[--description TEXT]`, `metrics rename KEY --name NAME` and `metrics remove KEY [--yes]`.

Exit 0 on success; 1 when the user declines to remove; 2 when the change is refused (the
message says why).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ..cli import UserError
from .common import confirmed, opened

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database

T = TypeVar("T")


def list_metrics(args: argparse.Namespace) -> int:
    from commissioner_desk.db.user_metrics import list_metrics as listed

    _ws, db = opened(args)
    try:
        rows = listed(db)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps({"metrics": [m.to_json() for m in rows]}, indent=2, ensure_ascii=False))
        return 0
    width = max(len(m.key) for m in rows)
    for m in rows:
        kind = "built in" if m.builtin else f"added by {m.created_by or 'unknown'}"
        about = f"  {m.description}" if m.description else ""
        print(f"{m.key:<{width}}  {m.name} [{m.unit}, {kind}, {m.figures:,} figures]{about}")
    return 0


def add(args: argparse.Namespace) -> int:
    from commissioner_desk.db.user_metrics import add_metric

    info = _changed(
        args, lambda db: add_metric(db, args.key, args.name, args.unit, args.description or "")
    )
    print(f"Added {info.name} ({info.key}, {info.unit}).")
    return 0


def rename(args: argparse.Namespace) -> int:
    from commissioner_desk.db.user_metrics import rename_metric

    info = _changed(args, lambda db: rename_metric(db, args.key, args.name))
    print(f"{info.key} is now called {info.name}.")
    return 0


def remove(args: argparse.Namespace) -> int:
    from commissioner_desk.db.user_metrics import remove_metric

    if not args.yes and not confirmed(f"Remove the metric {args.key}?"):
        return 1
    _changed(args, lambda db: remove_metric(db, args.key))
    print(f"Removed the metric {args.key}.")
    return 0


def _changed(args: argparse.Namespace, change: Callable[[Database], T]) -> T:
    """One change to the metrics on the database the arguments name; a refusal is one plain
    line and exit 2."""
    from commissioner_desk.db.user_metrics import MetricError

    _ws, db = opened(args)
    try:
        return change(db)
    except MetricError as exc:
        raise UserError(str(exc)) from exc
    finally:
        db.dispose()
