"""A newer ONS boundary file, loaded by the user: checked, copied into the data folder and its
vintage recorded, so the map keeps working if the original is moved or deleted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..files.safe_write import write_text, writing
from .boundaries import SHARED_VINTAGE, Boundaries, load_boundaries

FOLDER = "boundaries"
FILE_NAME = "police_force_areas.geojson"
VINTAGE_FILE = "vintage.json"


def user_boundaries(data_dir: Path) -> tuple[Path, str] | None:
    """The boundary file the user loaded, with its vintage, if any."""
    folder = data_dir / FOLDER
    path = folder / FILE_NAME
    if not path.is_file():
        return None
    try:
        vintage = json.loads((folder / VINTAGE_FILE).read_text(encoding="utf-8"))["vintage"]
    except (OSError, ValueError, KeyError, TypeError):
        vintage = None
    return path, vintage or ""


def install_boundaries(source: Path, data_dir: Path, vintage: str | None = None) -> Boundaries:
    """Check `source` (BoundaryError naming the problem if it is unusable; nothing is copied
    then), copy it into the data folder and record its vintage."""
    checked = load_boundaries(Path(source), vintage=vintage or None)
    folder = data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    with writing(folder / FILE_NAME) as tmp:  # whole or not at all
        shutil.copyfile(source, tmp)
    record = {"vintage": checked.vintage, "loaded_from": str(source)}
    write_text(folder / VINTAGE_FILE, json.dumps(record, indent=2))
    return load_boundaries(folder / FILE_NAME, vintage=checked.vintage)


def boundaries_for(data_dir: Path, geo_dir: Path | None) -> Boundaries | None:
    """The user's loaded file if there is one, else the bundled/shared one, else None.
    Raises BoundaryError for a file that has become unusable."""
    if (loaded := user_boundaries(data_dir)) is not None:
        path, vintage = loaded
        return load_boundaries(path, vintage=vintage or None)
    if geo_dir is not None and (geo_dir / FILE_NAME).is_file():
        # The file shipped with the app: its edition is known (see geo/SOURCE.md).
        return load_boundaries(geo_dir / FILE_NAME, vintage=SHARED_VINTAGE)
    return None
