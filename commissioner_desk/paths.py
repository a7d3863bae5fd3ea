"""Where the app finds its shipped files and the reference data kept outside the repository."""

from __future__ import annotations

import os
import sys
from pathlib import Path

GEO_DIR_ENV = "COMMISSIONER_DESK_GEO_DIR"


def install_root() -> Path:
    """The source checkout, or the unpacked PyInstaller bundle when frozen."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def default_geo_dir() -> Path | None:
    """Open Government Licence boundary and population files.

    Order: the environment variable, the copy bundled by build.spec, then `../shared/geo/`
    beside a source checkout. Returns None when none exists; callers then work without
    boundaries or populations (rates become unavailable, never zero).
    """
    candidates = []
    if env := os.environ.get(GEO_DIR_ENV):
        candidates.append(Path(env))
    root = install_root()
    candidates += [root / "geo", root.parent / "shared" / "geo"]
    for path in candidates:
        if (path / "pfa_population.csv").is_file() or (
            path / "police_force_areas.geojson"
        ).is_file():
            return path
    return None
