"""`commissioner-desk template --period P (--force CODE | --all) --out FILE_or_DIR`.

Writes the template return a force fills in. No database is needed: forces come from the
registry file shipped with the app.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli import UserError
from .common import TextProgress, out_file


def run(args: argparse.Namespace) -> int:
    from commissioner_desk.domain.forces import (
        ForceResolver,
        UnknownForceError,
        load_registry,
    )
    from commissioner_desk.importing.template import (
        template_file_name,
        template_forces,
        write_template,
        write_templates,
    )

    period = _quarter(args.period)
    records = load_registry()
    out = Path(args.out)
    # A WriteError (a full disk, a read-only folder…) leaves in words through cli.main.
    if args.all:
        if out.exists() and not out.is_dir():
            raise UserError(f"{out} is not a folder: with --all, --out must be a folder.")
        progress = TextProgress()
        try:
            written = write_templates(out, template_forces(records), period, progress)
        finally:
            progress.finish()
    else:
        try:
            force = ForceResolver(records).resolve_or_raise(args.force)
        except UnknownForceError as exc:
            raise UserError(str(exc)) from None
        if out.is_dir():
            out = out / template_file_name(force, period)
        elif out_file(args.out).suffix.casefold() != ".xlsx":  # a device, no such folder…
            raise UserError(f"{out.name}: the template is an Excel workbook; end --out in .xlsx.")
        written = [write_template(out, force, period)]
    for path in written:
        print(path)
    if len(written) > 1:
        print(f"Wrote {len(written)} returns for {period.label} into {out}.")
    return 0


def _quarter(text: str):
    from commissioner_desk.domain.periods import PeriodKind, PeriodParseError, parse_period

    try:
        period = parse_period(text)
    except PeriodParseError as exc:
        raise UserError(str(exc)) from None
    if period.kind is not PeriodKind.QUARTER:
        raise UserError(f'"{text}" is not a quarter: templates are quarterly, e.g. 2024-Q1.')
    return period
