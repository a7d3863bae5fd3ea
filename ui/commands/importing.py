"""`commissioner-desk import PATH... [--dry-run] [--json] [--list-tables] [--metric M] [--period P]
[--force F] [--sheet NAME] [--table N] [--column HEADING=WHAT]`.

Exit 0 when every file imported (or, with --dry-run, would import) cleanly; 1 when any file
has errors (or, with --list-tables, has no table to import); 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..cli import UserError
from .common import TextProgress, metric_key, opened


def run(args: argparse.Namespace) -> int:
    from commissioner_desk.importing.many import check_plans, plan_files
    from commissioner_desk.importing.readers.source_file import refusal

    paths = [Path(p) for p in args.paths]
    # At once, before the database: what each unreadable path is (missing, a folder, a pipe).
    if refused := [why for p in paths if (why := refusal(p)) is not None]:
        raise UserError("\n".join(refused))
    from commissioner_desk.importing.readers.reader_process import start_reader

    start_reader()  # starting while the database opens
    from commissioner_desk.importing import ImportOptions
    from commissioner_desk.importing.layouts.profiles import load_profiles

    _ws, db = opened(args)  # first: the office's own metrics count for --metric
    options = ImportOptions(
        metric=metric_key(args.metric) if args.metric else None,
        period=args.period,
        force=args.force,
        sheet=args.sheet,
        table=args.table,
        columns=tuple(_column(text) for text in args.column),
    )
    if args.list_tables:
        return _list_tables(paths, db, options, args.json)
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


# "total": the column holds the figures of the metric chosen, not broken down.
_COLUMN_WORDS = {
    "age": "age=unknown",
    "exploitation": "exploitation=unknown",
    "skip": "-",
    "total": "",
}


def _column(text: str) -> tuple[str, str]:
    """--column "Not recorded=exploitation": the heading and what it is (a breakdown key)."""
    heading, sep, what = text.rpartition("=") if text.count("=") == 1 else text.partition("=")
    what = what.strip().casefold()
    key = _COLUMN_WORDS.get(what, what if "=" in what else None)
    if not sep or not heading.strip() or key is None:
        raise UserError(
            f'--column {text}: write the heading, "=", then age, exploitation, total or skip, '
            'for example --column "Not recorded=exploitation".'
        )
    return heading.strip(), key


def _list_tables(paths: list[Path], db, options, as_json: bool) -> int:
    """Every table each file holds, as the app's table picker lists them; nothing stored."""
    from commissioner_desk.domain.geography import FORCE_AREAS
    from commissioner_desk.importing.layouts.profiles import load_profiles
    from commissioner_desk.importing.layouts.table_list import NOT_BY_AREA, tables_in
    from commissioner_desk.importing.many import plan_files
    from commissioner_desk.importing.plan import LAYOUT_NAMES

    plans = plan_files(paths, options=options, profiles=load_profiles(db))
    files = [{"path": str(p.path), "tables": [t.to_json() for t in tables_in(p)]} for p in plans]
    if as_json:
        print(json.dumps({"files": files}, indent=2, ensure_ascii=False))
    else:
        for plan in plans:
            tables = tables_in(plan)
            print(f"{plan.path.name}: {len(tables)} table{'s' if len(tables) != 1 else ''}")
            for t in tables:
                line = f"  {t.name}" + (f" ({t.cells})" if t.cells else "")
                if t.title:
                    line += f"  {t.title}"
                print(line)
                detail = f"{LAYOUT_NAMES.get(t.layout, t.layout)}, {t.forces} forces"
                if t.periods:
                    detail += f", {', '.join(t.periods)}"
                if t.metric:
                    detail += f", {t.metric}"
                print(f"      {detail}")
                if not t.importable:
                    why = t.problem if t.geography in (FORCE_AREAS, NOT_BY_AREA) else ""
                    why = why or f"by {t.geography}"
                    print(f"      cannot be imported: {why}")
            if not tables:
                for problem in plan.errors:
                    print(f"  error: {problem}")
    return 0 if all(any(t.importable for t in tables_in(p)) for p in plans) else 1
