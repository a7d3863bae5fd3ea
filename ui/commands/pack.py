"""`commissioner-desk pack`: a briefing pack for one quarter, as a PDF, the same as File ›
Briefing pack… saves (marking on every page, disclosure control, provenance annex)."""

from __future__ import annotations

import argparse

from ..cli import UserError
from .common import TextProgress, ensure_app, metric_key, opened, out_file


def _sections(text: str | None) -> tuple[str, ...]:
    from commissioner_desk.reports.options import offered_sections

    offered = tuple(s.key for s in offered_sections())
    if not text or text.strip().lower() == "all":
        return offered
    chosen = tuple(k.strip().lower().replace("-", "_") for k in text.split(",") if k.strip())
    unknown = [k for k in chosen if k not in offered]
    if unknown:
        raise UserError(
            f"--sections: {', '.join(unknown)} is not a section this version can make. "
            f"Choose from: {','.join(offered)}."
        )
    return chosen


def run(args: argparse.Namespace) -> int:
    from commissioner_desk.domain.periods import PeriodParseError, parse_period
    from commissioner_desk.progress import Cancelled
    from commissioner_desk.published import briefing_pack
    from commissioner_desk.published.suppression_store import load_suppression
    from commissioner_desk.reports import PackOptions, record_pack
    from commissioner_desk.reports.options import DEFAULT_AUDIENCE, OFFICIAL

    out = out_file(args.out)  # before the pack is built: a bad --out fails at once
    if out.suffix.lower() != ".pdf":
        raise UserError(f"Cannot save the briefing pack as {out.name}: use a name ending .pdf.")
    sections = _sections(args.sections)
    try:
        period = parse_period(args.period).key
    except PeriodParseError as exc:
        raise UserError(str(exc)) from exc
    ws, db = opened(args)
    progress = TextProgress()
    try:
        options = PackOptions(
            period=period,
            sections=sections,
            marking=args.marking or OFFICIAL,
            audience=args.audience or DEFAULT_AUDIENCE,
            version=args.pack_version,
            per_force=args.per_force,
            suppression=load_suppression(db),
            metric_key=metric_key(args.metric),  # a key, or a name only one metric has
            map_style=args.map_style,
        )
        try:
            pack = briefing_pack(db, options, progress, geo_dir=ws.geo_dir, data_dir=ws.folder)
        except ValueError as exc:  # a period without figures, a marking too long…
            raise UserError(str(exc)) from exc
        except Cancelled as exc:
            raise UserError("Stopped: no pack was written.") from exc
        finally:
            progress.finish()
        ensure_app()  # charts are drawn with widgets: a full QApplication
        from ui.pack.drawings import chart_svgs
        from ui.pack.render import write_pack_pdf

        pages = write_pack_pdf(pack, out, chart_svgs(pack))  # a WriteError is in words
        record_pack(db, pack.produced_on, pack.options.period, pack.options.version)
    finally:
        db.dispose()
    demo = ", DEMO data" if pack.demo else ""
    print(
        f"Wrote the briefing pack for {pack.period_label} ({pages} pages, "
        f"{pack.options.marking}{demo}) to {out}."
    )
    return 0
