"""Shared settings kept in `app_meta`, written with an audit entry saying who changed what.

AppMeta is not an audited model (it also holds bookkeeping written at start-up), so a change
made by a person is recorded here, in the same transaction as the write.
"""

from __future__ import annotations

import json

from ..domain.enums import AuditAction
from .audit import who
from .database import Database
from .models import AppMeta, AuditEntry


def read_meta(db: Database, key: str) -> str | None:
    with db.session() as s:
        meta = s.get(AppMeta, key)
        return meta.value if meta is not None else None


def write_meta(db: Database, key: str, value: str) -> bool:
    """Store `value` under `key`; False when it was already so (nothing written or audited)."""
    with db.session() as s:
        meta = s.get(AppMeta, key)
        old = meta.value if meta is not None else None
        if old == value:
            return False
        if meta is None:
            s.add(AppMeta(key=key, value=value))
        else:
            meta.value = value
        s.add(
            AuditEntry(
                who=who(s),
                action=AuditAction.INSERT if meta is None else AuditAction.UPDATE,
                table_name=AppMeta.__tablename__,
                row_id=None,
                details=json.dumps({"key": key, "value": [old, value]}),
            )
        )
    return True
