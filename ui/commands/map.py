"""`commissioner-desk map`: draw the national map for one metric and period to PNG, SVG or PDF."""

from __future__ import annotations

import argparse
import os

from ..cli import UserError
from .common import breakdown_arg, metric_key, opened, out_file


def run(args: argparse.Namespace) -> int:
    from commissioner_desk.attribution import attribution_lines
    from commissioner_desk.domain.periods import parse_period
    from commissioner_desk.maps.boundaries import BoundaryError
    from commissioner_desk.maps.boundary_files import boundaries_for
    from commissioner_desk.maps.classify import ClassifyError
    from commissioner_desk.maps.hexes import HexLayoutError, load_hex_layout
    from commissioner_desk.maps.palettes import PaletteError
    from commissioner_desk.published import map_values

    out = out_file(args.out)  # a folder, a device, no such folder: said before any work
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UserError(f"Cannot save the map as {out.name}: use a name ending .png, .svg or .pdf.")
    breakdown = breakdown_arg(getattr(args, "breakdown", None))
    ws, db = opened(args)
    try:
        try:
            period = parse_period(args.period).key
            values = map_values(
                db,
                metric_key(args.metric),
                period,
                breakdown=breakdown,
                measure=args.measure or "count",  # small counts never leave the app
            )
            flags, flag_label = (
                _flags(db, period) if getattr(args, "low_reporting", False) else ({}, "")
            )
        except ValueError as exc:  # unknown metric, breakdown or period: the message says which
            raise UserError(str(exc)) from exc
    finally:
        db.dispose()
    style = args.style or "geo"
    dpi = getattr(args, "dpi", None) or 300
    if not 72 <= dpi <= 1200:
        raise UserError(f"--dpi {dpi}: choose a resolution from 72 to 1200.")
    boundaries = None
    try:
        hexes = load_hex_layout()
        if style == "geo":
            # The file loaded with Map › Load boundaries…, else the one shipped with the app.
            boundaries = boundaries_for(ws.folder, ws.geo_dir)
            if boundaries is None:
                raise UserError(
                    "No boundary file police_force_areas.geojson was found for the geographic "
                    "map: give --geo-dir, or use --style hex."
                )
    except (BoundaryError, HexLayoutError) as exc:
        raise UserError(str(exc)) from exc

    _ensure_gui()
    from commissioner_desk.demo import has_demo
    from ui.map.export import export_map
    from ui.map.renderer import make_spec

    try:
        spec = make_spec(
            values,
            style=style,
            method=args.classes or "quantile",
            palette_name=getattr(args, "palette", None),
            attribution=attribution_lines(ws.geo_dir),
            demo=has_demo(db),
            flags=flags,
            flag_label=flag_label,
        )
        export_map(spec, out, boundaries, hexes, dpi=dpi)
    except (ClassifyError, PaletteError, ValueError) as exc:  # a WriteError: in words by main
        raise UserError(str(exc)) from exc
    flagged = ""
    if flag_label:
        n = len(flags)
        flagged = f", {n} force{'s' if n != 1 else ''} flagged as low reporting"
    print(f"Wrote the {style} map of {spec.title} ({values.reporting_text}{flagged}) to {out}.")
    return 0


def _flags(db, period: str) -> tuple[dict[str, str], str]:
    """The low-reporting overlay by the rule stored in the database, as the app shows it."""
    from commissioner_desk.published import flag_judge
    from commissioner_desk.stats.rule_store import flag_legend_text, load_rule

    rule = load_rule(db)
    found = flag_judge(db, rule.metric_key).map_flags(period, rule)
    return found.reasons(), flag_legend_text(rule, found)


def _ensure_gui() -> None:
    """Painting text needs a Qt GUI application; with no display, draw offscreen."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        global _app
        _app = QGuiApplication([])


_app = None  # kept alive for the rest of the command
