"""Events marked on trend charts' time axes, from a list the team keeps in a TOML file.

The list ships as resources/events.toml; an events.toml in the data folder replaces it, so the
team can keep its own list without a new release. A malformed file is reported by name and
line, never a crash.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..paths import resources_dir

FILE_NAME = "events.toml"


class EventsError(ValueError):
    """The events file could not be read; the message names the file and the entry."""


@dataclass(frozen=True, order=True)
class ChartEvent:
    on: date
    title: str
    detail: str = ""


def events_file(data_folder: Path | None = None) -> Path:
    if data_folder is not None and (data_folder / FILE_NAME).is_file():
        return data_folder / FILE_NAME
    return resources_dir() / FILE_NAME


def load_events(data_folder: Path | None = None) -> tuple[ChartEvent, ...]:
    """The events, oldest first. An empty tuple when there is no file at all."""
    path = events_file(data_folder)
    if not path.is_file():
        return ()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EventsError(f"{path}: could not be read ({exc}).") from exc
    except tomllib.TOMLDecodeError as exc:
        raise EventsError(f"{path}: not a valid events list ({exc}).") from exc
    out = []
    for n, entry in enumerate(raw.get("event", []), start=1):
        on, title = entry.get("date"), entry.get("title")
        if not isinstance(on, date) or not isinstance(title, str) or not title.strip():
            raise EventsError(
                f"{path}: event {n} needs a date (YYYY-MM-DD, no quotes) and a title."
            )
        out.append(ChartEvent(on, title.strip(), str(entry.get("detail", "")).strip()))
    return tuple(sorted(out))
