"""`commissioner-desk populations load FILE`: add a newer ONS population estimate."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli import UserError
from .common import opened


def load(args: argparse.Namespace) -> int:
    from commissioner_desk.db.reference import load_population_file
    from commissioner_desk.domain.population import PopulationFileError

    _ws, db = opened(args)
    try:
        result = load_population_file(db, Path(args.file))
    except PopulationFileError as exc:
        raise UserError(str(exc)) from exc
    years = ", ".join(f"mid-{y}" for y in result.years)
    print(f"Stored {result.rows} population estimates ({years}) from {result.file_name}.")
    if result.unknown_codes:
        print(f"Not stored, areas the app does not know: {', '.join(result.unknown_codes)}")
    return 0
