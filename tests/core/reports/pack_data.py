"""A small imported data set for briefing-pack tests: four forces' returns with one small
count, so disclosure control has something to hide, each figure from a named file and cell."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import (
    Force,
    ForceReturn,
    ImportBatch,
    Metric,
    Observation,
    SourceFile,
)
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.domain.enums import BatchKind, ObservationStatus, ReturnState
from commissioner_desk.domain.periods import Period

PERIOD, BEFORE = "2024-Q1", "2023-Q1"
KENT, ESSEX, SURREY, SUSSEX = "E23000032", "E23000028", "E23000031", "E23000033"
# NRM referrals. Kent's 3 is small; Essex's 137 is then the smallest other count, hidden so
# that Kent's cannot be worked out from the total (759) and the others.
NRM = {
    PERIOD: {KENT: 3, ESSEX: 137, SURREY: 268, SUSSEX: 351},
    BEFORE: {KENT: 40, ESSEX: 120, SURREY: 247, SUSSEX: 330},
}
CRIMES = {
    PERIOD: {KENT: 52, ESSEX: 71, SURREY: 93, SUSSEX: 88},
    BEFORE: {KENT: 49, ESSEX: 66, SURREY: 90, SUSSEX: 85},
}
HIDDEN = {KENT: 3, ESSEX: 137}  # hidden counts of NRM referrals in PERIOD
NAMES = {KENT: "Kent", ESSEX: "Essex", SURREY: "Surrey", SUSSEX: "Sussex"}
IMPORTED_AT = datetime(2024, 5, 2, 9, 30)


def file_name(code: str, period: str) -> str:
    return f"{NAMES[code]} return {period}.xlsx"


def add_returns(db: Database) -> None:
    """Each force's return for both quarters, one import batch and file each."""
    with db.session() as s:
        forces = dict(s.execute(select(Force.code, Force.id)).all())
        metrics = dict(s.execute(select(Metric.key, Metric.id)).all())
        periods = ensure_periods(s, [Period.from_key(PERIOD), Period.from_key(BEFORE)])
        for period in (BEFORE, PERIOD):
            for code in NAMES:
                batch = ImportBatch(
                    kind=BatchKind.IMPORT, imported_by="ann.clerk", imported_at=IMPORTED_AT
                )
                s.add(batch)
                s.flush()
                source = SourceFile(
                    batch_id=batch.id,
                    file_name=file_name(code, period),
                    sha256=f"{batch.id:02d}" + "ab" * 31,
                    size_bytes=1000,
                )
                s.add(source)
                s.flush()
                for key, values, cell in (
                    ("nrm_referrals", NRM, "C5"),
                    ("ms_crimes_recorded", CRIMES, "C9"),
                ):
                    s.add(
                        Observation(
                            force_id=forces[code],
                            period_id=periods[period],
                            metric_id=metrics[key],
                            breakdown="",
                            status=ObservationStatus.VALUE,
                            value=values[period][code],
                            batch_id=batch.id,
                            source_file_id=source.id,
                            sheet="Figures",
                            cell=cell,
                        )
                    )
                s.add(
                    ForceReturn(
                        force_id=forces[code],
                        period_id=periods[period],
                        state=ReturnState.RECEIVED,
                        batch_id=batch.id,
                        received_at=IMPORTED_AT,
                    )
                )
