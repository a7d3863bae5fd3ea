"""When the last briefing pack was produced, kept in the database so that the next pack can
list the decisions taken since, whoever produces it (audited, like the shared rules)."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import date

from ..db.app_meta import read_meta, write_meta
from ..db.database import Database

log = logging.getLogger(__name__)

LAST_PACK_KEY = "last_briefing_pack"


@dataclass(frozen=True)
class PackRecord:
    produced_on: date
    period: str
    version: str
    by: str


def last_pack(db: Database) -> PackRecord | None:
    """The last pack produced (saved or printed), or None when none was, or the record is
    unreadable."""
    text = read_meta(db, LAST_PACK_KEY)
    if text is None:
        return None
    try:
        data = json.loads(text)
        return PackRecord(
            date.fromisoformat(data["produced_on"]),
            str(data["period"]),
            str(data.get("version", "")),
            str(data.get("by", "")),
        )
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("Ignoring the record of the last briefing pack: %s", exc)
        return None


def record_pack(db: Database, produced_on: date, period: str, version: str) -> None:
    """Note that a pack was produced (saved as PDF or printed), by the database's user."""
    record = PackRecord(produced_on, period, version, db.user)
    data = asdict(record) | {"produced_on": produced_on.isoformat()}
    write_meta(db, LAST_PACK_KEY, json.dumps(data, sort_keys=True))
