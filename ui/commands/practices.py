"""`commissioner-desk practices list [--search TEXT] [--theme T] [--json]` and
`commissioner-desk practices digest --from DD/MM/YYYY --to DD/MM/YYYY --out FILE [--marking M]`.

The list prints what the Practice library page shows, newest first; --search reads words as
the Find dialog does. The digest is the same PDF or Word file as the page's Export digest….
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime

from ..cli import UserError


def theme_arg(text: str) -> str:
    """ "supply chains", "Supply-Chains" and "supply_chains" all name the same theme."""
    from commissioner_desk.network.practices_types import parse_theme

    try:
        return parse_theme(text).value
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def uk_date_arg(text: str) -> date:
    """04/12/2026 (day first, as written in the UK); 2026-12-04 is read too."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f'"{text}" is not a date: write it as DD/MM/YYYY.')


def list_practices(args: argparse.Namespace) -> int:
    from commissioner_desk.domain.enums import PracticeTheme
    from commissioner_desk.formatting import uk_date
    from commissioner_desk.network.practices import PracticeFilter
    from commissioner_desk.network.practices import list_practices as query

    from .common import opened

    _ws, db = opened(args)
    try:
        themes = tuple(PracticeTheme(t) for t in dict.fromkeys(args.theme or ()))
        rows = query(db, PracticeFilter(themes=themes, text=args.search or ""))
    finally:
        db.dispose()
    if args.json:
        print(json.dumps({"practices": [r.to_json() for r in rows]}, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        asked = args.search or args.theme
        print("No practice entries match." if asked else "The practice library is empty.")
        return 0
    print(f"{len(rows)} practice entr{'y' if len(rows) == 1 else 'ies'}, newest first.")
    for r in rows:
        flags = "".join(f" [{w}]" for w, on in (("DRAFT", r.is_draft), ("DEMO", r.is_demo)) if on)
        print(f"{uk_date(r.added_on):>11}  {r.title}{flags}")
        forces = r.force_names if r.force_names != r.organisation else ""
        about = " · ".join(x for x in (r.theme_label, r.organisation, forces) if x)
        print(f"{'':>11}  {about}")
        if r.one_line:
            print(f"{'':>11}  {r.one_line}")
    return 0


def digest(args: argparse.Namespace) -> int:
    from commissioner_desk.network.errors import NetworkError
    from commissioner_desk.network.practices import practice_digest
    from commissioner_desk.reports.options import OFFICIAL

    from .common import opened, out_file

    out = out_file(args.out)  # a folder, a device, no such folder: said before any work
    if out.suffix.lower() not in (".pdf", ".docx"):
        raise UserError(f"Cannot save the digest as {out.name}: use a name ending .pdf or .docx.")
    _ws, db = opened(args)
    try:
        try:
            made = practice_digest(db, args.first, args.last, args.marking or OFFICIAL)
        except NetworkError as exc:
            raise UserError(str(exc)) from exc
        if out.suffix.lower() == ".pdf":
            from .common import ensure_app

            ensure_app()  # the PDF is painted with Qt's text layout
        from ui.pages.practices.export import write_digest

        try:
            write_digest(db, made, out)  # a WriteError is in words
        except NetworkError as exc:
            raise UserError(str(exc)) from exc
    finally:
        db.dispose()
    demo = ", DEMO data" if made.is_demo else ""
    print(f"Wrote the practice digest for {made.period} to {out} ({made.marking}{demo}).")
    print(made.intro)
    return 0
