"""Fixtures for the reliability tests: the force registry, a fixed today, database counts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from commissioner_desk.db.models import (
    AuditEntry,
    ForceReturn,
    ImportBatch,
    ImportProfile,
    Observation,
    ReturnText,
    SourceFile,
)
from commissioner_desk.domain.forces import ForceResolver, load_registry

TODAY = date(2025, 1, 15)
STORED = (Observation, ImportBatch, SourceFile, ForceReturn, ReturnText, ImportProfile, AuditEntry)


@pytest.fixture(scope="session")
def resolver() -> ForceResolver:
    return ForceResolver(load_registry())


def row_counts(db) -> dict[str, int]:
    """Rows in every table an import writes to (the audit log included)."""
    with db.session() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in STORED}
