"""`commissioner-desk chart`: a trend chart to PNG, SVG or CSV, as the Trends page draws it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from ..cli import UserError
from .common import breakdown_arg, ensure_app, metric_key, opened, out_file

MIN_WIDTH, MAX_WIDTH = 400, 8000  # as ui.charts.export (not imported here: it loads Qt)


def run(args: argparse.Namespace) -> int:
    from commissioner_desk.demo import has_demo
    from commissioner_desk.domain.events import EventsError, load_events
    from commissioner_desk.published import series
    from commissioner_desk.queries.series import ChartError

    out = out_file(args.out)  # a folder, a device, no such folder: said before any work
    if out.suffix.lower() not in (".png", ".svg", ".csv"):
        raise UserError(
            f"Cannot save the chart as {out.name}: use a name ending .png, .svg or .csv."
        )
    if out.suffix.lower() == ".png" and not MIN_WIDTH <= args.width <= MAX_WIDTH:
        raise UserError(f"--width {args.width}: choose from {MIN_WIDTH} to {MAX_WIDTH} pixels.")
    request = _request(args)
    ws, db = opened(args)
    try:
        request = replace(request, metric_key=metric_key(args.metric))  # a key or a name
        try:
            data = series(db, request)  # hidden counts as on screen and in print
        except ChartError as exc:
            raise UserError(str(exc)) from exc
        demo = has_demo(db)
    finally:
        db.dispose()
    if data.is_empty:
        rate = " with a population to make a rate" if request.measure == "rate" else ""
        raise UserError(
            f"Nothing to draw: the database holds no figures{rate} for {data.title}. Import "
            "returns, or choose another metric, breakdown, force or period."
        )
    try:
        events = load_events(ws.folder)
    except EventsError as exc:
        print(f"Warning: events are not marked. {exc}", file=sys.stderr)
        events = ()
    if out.suffix.lower() != ".csv":
        ensure_app()
    from ui.charts.export import export_chart

    try:
        export_chart(data, out, width=args.width, events=events, demo=demo)
    except ValueError as exc:  # a WriteError: in words by main
        raise UserError(str(exc)) from exc
    lines = "line" if len(data.series) == 1 else "lines"
    span = f"{data.labels[0]} to {data.labels[-1]}"
    print(f"Wrote {data.title} ({len(data.series)} {lines}, {span}) to {out}.")
    return 0


def _request(args: argparse.Namespace):
    from commissioner_desk.domain.periods import PeriodParseError, parse_period
    from commissioner_desk.queries.series import MAX_FORCES, ChartRequest

    forces = tuple(_force_code(text) for text in args.force or ())
    if len(forces) > MAX_FORCES:
        raise UserError(
            f"{len(forces)} forces were given; a chart compares at most {MAX_FORCES} at once."
        )
    if len(set(forces)) != len(forces):
        raise UserError("A force was given twice (by name or by code).")
    first = last = None
    try:
        if args.first:
            first = parse_period(args.first).key
        if args.last:
            last = parse_period(args.last).key
    except PeriodParseError as exc:
        raise UserError(str(exc)) from exc
    if args.rolling and args.by != "quarter":
        raise UserError("--rolling sums four quarters: use it with --by quarter.")
    return ChartRequest(
        metric_key=args.metric,
        forces=forces,
        breakdown=breakdown_arg(args.breakdown),
        stack_by=args.stack_by or "",
        measure=args.measure,
        granularity=args.by,
        rolling=args.rolling,
        change=args.change,
        include_national=bool(forces) and args.with_all_forces,
        first=first,
        last=last,
    )


def _force_code(text: str) -> str:
    """A force given by registry code or by name, in any usual spelling."""
    from commissioner_desk.domain.forces import UnknownForceError
    from commissioner_desk.importing.many import default_resolver

    try:
        return default_resolver().resolve_or_raise(text).code
    except UnknownForceError as exc:
        raise UserError(f"--force {text}: {exc}") from exc
