"""The history of import batches, newest first: what each one brought in, and whether it was
undone. Counts come from the import's own audit entry when it has one, so an undone batch still
shows what it had added; demo data (which has none) is counted from the rows it holds."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import (
    AuditEntry,
    ImportBatch,
    Observation,
    Period,
    ReturnText,
    SourceFile,
)
from commissioner_desk.domain.enums import AuditAction, BatchStatus

from .store import AUDIT_TABLE


@dataclass(frozen=True)
class BatchRow:
    id: int
    kind: str  # BatchKind value: "import", "template", "demo"
    status: str  # BatchStatus value: "committed", "undone"
    file_names: tuple[str, ...]
    sha256: tuple[str, ...]  # one per file, in the same order
    imported_by: str
    imported_at: datetime  # naive UTC, as stored
    undone_by: str | None
    undone_at: datetime | None
    added: int  # figures the batch wrote
    superseded: int  # figures held before that it replaced
    texts: int  # free-text answers it wrote
    forces: int  # forces in the file
    periods: tuple[str, ...]  # period keys in the file, in date order
    is_demo: bool
    note: str

    @property
    def undone(self) -> bool:
        return self.status == BatchStatus.UNDONE

    def to_json(self) -> dict:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for key in ("imported_at", "undone_at"):
            out[key] = out[key] and out[key].isoformat()
        out["file_names"], out["sha256"] = list(self.file_names), list(self.sha256)
        out["periods"] = list(self.periods)
        return out


def list_batches(db: Database) -> list[BatchRow]:
    """Every import batch, newest first, undone ones included."""
    with db.session() as s:
        batches = s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).all()
        files: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for batch_id, name, sha in s.execute(
            select(SourceFile.batch_id, SourceFile.file_name, SourceFile.sha256).order_by(
                SourceFile.id
            )
        ):
            files[batch_id].append((name, sha))
        added = _counts(s, Observation.batch_id)
        superseded = _counts(s, Observation.superseded_by_batch_id)
        texts = _counts(s, ReturnText.batch_id)
        held = _forces_and_periods(s)
        records = _import_records(s)
        rows = []
        for b in batches:
            record = records.get(b.id)
            forces, periods = held.get(b.id, (set(), {}))
            counts = (added.get(b.id, 0), superseded.get(b.id, 0), texts.get(b.id, 0))
            period_keys = tuple(k for k, _ in sorted(periods.items(), key=lambda kv: kv[1]))
            force_count = len(forces)
            if record is not None:  # what the import did, even once undone
                counts = (record["added"], record["superseded"], record.get("texts_added", 0))
                force_count, period_keys = len(record["forces"]), tuple(record["periods"])
            rows.append(
                BatchRow(
                    id=b.id,
                    kind=str(b.kind),
                    status=str(b.status),
                    file_names=tuple(n for n, _ in files[b.id]),
                    sha256=tuple(h for _, h in files[b.id]),
                    imported_by=b.imported_by,
                    imported_at=b.imported_at,
                    undone_by=b.undone_by,
                    undone_at=b.undone_at,
                    added=counts[0],
                    superseded=counts[1],
                    texts=counts[2],
                    forces=force_count,
                    periods=period_keys,
                    is_demo=b.is_demo,
                    note=b.note,
                )
            )
    return rows


def _counts(s, column) -> dict[int, int]:
    query = select(column, func.count()).where(column.is_not(None)).group_by(column)
    return dict(s.execute(query).all())


def _forces_and_periods(s) -> dict[int, tuple[set[int], dict[str, object]]]:
    """For each batch: the forces it holds rows for, and its periods with their start dates."""
    out: dict[int, tuple[set[int], dict[str, object]]] = defaultdict(lambda: (set(), {}))
    for model in (Observation, ReturnText):
        query = (
            select(model.batch_id, model.force_id, Period.key, Period.start_date)
            .join(Period, Period.id == model.period_id)
            .distinct()
        )
        for batch_id, force_id, key, start in s.execute(query):
            forces, periods = out[batch_id]
            forces.add(force_id)
            periods[key] = start
    return out


def _import_records(s) -> dict[int, dict]:
    """The summaries `commit_plan` wrote, by batch id (undo entries are told apart by key)."""
    out: dict[int, dict] = {}
    query = select(AuditEntry.details).where(
        AuditEntry.action == AuditAction.BULK, AuditEntry.table_name == AUDIT_TABLE
    )
    for details in s.scalars(query):
        record = json.loads(details)
        if "register_before" in record and "batch_id" in record:
            out[record["batch_id"]] = record
    return out
