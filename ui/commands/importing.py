"""`commissioner-desk import PATH... [--dry-run] [--json]`.

Exit 0 when every file imported (or, with --dry-run, would import) cleanly; 1 when any file
has errors; 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..cli import UserError
from .common import TextProgress, opened


def run(args: argparse.Namespace) -> int:
    from commissioner_desk.importing.many import check_plans, plan_files

    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise UserError(f"No such file: {', '.join(missing)}")
    from commissioner_desk.importing import ImportOptions
    from commissioner_desk.importing.profiles import load_profiles

    options = ImportOptions(metric=args.metric, period=args.period, force=args.force)
    _ws, db = opened(args)
    progress = TextProgress()
    plans = plan_files(paths, options=options, profiles=load_profiles(db), progress=progress)
    progress.finish()
    # The same checks as the app's preview, including those against the figures held.
    plans = check_plans(db, plans)
    statuses = {p.path: ("ok" if p.ok and p.figures else "error") for p in plans}
    if not args.dry_run:
        from commissioner_desk.importing import commit_plan

        for plan in plans:
            if statuses[plan.path] == "ok":
                statuses[plan.path] = commit_plan(db, plan, progress).status
    if args.json:
        files = [{**p.to_json(), "status": statuses[p.path]} for p in plans]
        print(json.dumps({"files": files}, indent=2, ensure_ascii=False))
    else:
        for plan in plans:
            _print_plan(plan, statuses[plan.path], args.dry_run)
    return 0 if all(s != "error" for s in statuses.values()) else 1


def _print_plan(plan, status: str, dry_run: bool) -> None:
    name = plan.path.name
    if status == "error":
        print(f"{name}: not imported, {len(plan.errors)} error(s)")
    elif status == "unchanged":
        print(f"{name}: already imported, nothing changed")
    else:
        verb = "would import" if dry_run else "imported"
        print(f"{name}: {verb} {len(plan.figures):,} figures")
    for problem in (*plan.errors, *plan.warnings):
        print(f"  {problem.severity}: {problem}")
