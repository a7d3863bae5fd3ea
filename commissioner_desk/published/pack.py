"""The briefing pack, built with the disclosure rule stored for everyone: the threshold the
pack dialog shows is the one it saves, so whatever the options say, print hides what the
screens hide."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..db.database import Database
from ..progress import NO_PROGRESS, Progress
from ..reports.blocks import Pack
from ..reports.build import build_pack
from ..reports.options import PackOptions
from .suppression_store import load_suppression


def briefing_pack(
    db: Database,
    options: PackOptions,
    progress: Progress = NO_PROGRESS,
    *,
    geo_dir: Path | None = None,
    data_dir: Path | None = None,
) -> Pack:
    """The pack's content (reports.build.build_pack) under the stored disclosure rule."""
    options = replace(options, suppression=load_suppression(db))
    return build_pack(db, options, progress, geo_dir=geo_dir, data_dir=data_dir)
