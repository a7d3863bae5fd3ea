"""Back up and restore the database as one SQLite file, whichever backend is in use.

A backup is an ordinary SQLite database at some schema revision, so it opens anywhere, and a
PostgreSQL office can restore a laptop's backup and the other way round. Restoring replaces
every row in one transaction, after a safety copy of what is there now; a damaged SQLite file
is replaced whole (replace_file.py). No backup is ever taken from a damaged file.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import String, Table, create_engine, delete, func, insert, select, text
from sqlalchemy.engine import Connection

from ..files import checks
from ..files.safe_write import writing
from ..progress import NO_PROGRESS, Progress, check
from . import migrate
from .audit import record_bulk
from .database import Database, DatabaseError
from .models import Base

CHUNK = 5_000


@dataclass(frozen=True)
class BackupResult:
    path: Path
    rows: int


@dataclass(frozen=True)
class RestoreResult:
    rows: int
    safety: Path | None  # the copy of what was there before, if one was taken
    notes: tuple[str, ...] = ()  # what had to be changed on the way in, for the user
    damaged: bool = False  # the database was damaged: `safety` is the file moved aside


def backup_to_file(db: Database, out: Path, progress: Progress = NO_PROGRESS) -> BackupResult:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if db.info.path is not None:
        db.ensure_intact()  # never a backup taken from a damaged file
        migrate.copy_sqlite(db.info.path, out)  # SQLite's online backup: consistent in WAL
        return BackupResult(path=out, rows=count_rows(out))
    try:  # a disk full, Cancel: no backup, and no part of one, left lying
        with writing(out, check=checks.sqlite) as tmp:
            _export(db, tmp, progress)
    except Exception as exc:
        if (named := migrate.full_disk_named(exc, out)) is exc:
            raise
        raise named from exc
    return BackupResult(path=out, rows=count_rows(out))


def _export(db: Database, tmp: Path, progress: Progress) -> None:
    """Every row of a PostgreSQL database into a new SQLite file at the same revision."""
    target = create_engine(f"sqlite:///{tmp.as_posix()}")
    try:
        Base.metadata.create_all(target)
        with db.engine.connect() as src, target.begin() as dst:
            _copy_rows(src, dst, progress, {})
            revision = src.execute(text("SELECT version_num FROM alembic_version")).scalar()
            dst.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            dst.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": revision})
    finally:
        target.dispose()


def count_rows(path: Path) -> int:
    """Rows in a SQLite database file, over the tables the models know: what a backup or a
    restore reports."""
    con = sqlite3.connect(path)
    try:
        return sum(
            con.execute(f'SELECT COUNT(*) FROM "{t.name}"').fetchone()[0]
            for t in Base.metadata.sorted_tables
        )
    finally:
        con.close()


def _self_refs(table: Table) -> list[str]:
    """Columns pointing at their own table (meetings.approved_at_meeting_id)."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table.name == table.name]


def _copy_rows(
    src: Connection, dst: Connection, progress: Progress, cleaned: dict[str, int]
) -> int:
    """Copy every row; `cleaned` counts, by table.column, rows whose NULs were dropped."""
    tables = Base.metadata.sorted_tables
    total = 0
    for n, table in enumerate(tables):
        check(progress)
        progress.report(n, len(tables), f"Copying {table.name}…")
        refs = _self_refs(table)
        # Setting the self-references is an UPDATE: carry updated_at along, or its onupdate
        # default stamps every restored row with the time of the restore.
        keep = refs + [c.name for c in table.columns if c.onupdate is not None]
        # PostgreSQL text cannot hold NUL (U+0000), which SQLite stores happily (pasted from a
        # PDF, say): dropped, the count reported, rather than the whole restore failing.
        texts = (
            [c.name for c in table.columns if isinstance(c.type, String)]
            if dst.dialect.name == "postgresql"
            else []
        )
        later: list[dict] = []
        result = src.execute(select(table).order_by(*table.primary_key.columns))
        while chunk := result.fetchmany(CHUNK):
            rows = [dict(r._mapping) for r in chunk]
            for row in rows if texts else ():
                for name in texts:
                    if isinstance(value := row[name], str) and "\x00" in value:
                        row[name] = value.replace("\x00", "")
                        where = f"{table.name}.{name}"
                        cleaned[where] = cleaned.get(where, 0) + 1
            if refs:  # insert without self-references, then set them: rows may point forward
                later += [{"_id": r["id"], **{c: r[c] for c in keep}} for r in rows]
                rows = [{**r, **dict.fromkeys(refs)} for r in rows]
            dst.execute(insert(table), rows)
            total += len(rows)
        for r in later:
            dst.execute(
                table.update().where(table.c.id == r["_id"]).values({c: r[c] for c in keep})
            )
    return total


def restore_from_file(
    db: Database, source: Path, safety_dir: Path | None, progress: Progress = NO_PROGRESS
) -> RestoreResult:
    """Replace the database's content with the backup's. A damaged SQLite file is replaced
    whole instead (replace_file), and kept aside under a dated name."""
    source = Path(source)
    check_backup_file(source)
    if db.info.path is not None and db.check_integrity() is not None:
        return _replace_damaged(db, source, progress)
    with tempfile.TemporaryDirectory() as tmp:
        staged = staged_copy(source, Path(tmp) / "restore.sqlite3", db.user)
        try:
            safety = None
            if safety_dir is not None:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                safety = backup_to_file(db, safety_dir / f"before-restore.{stamp}.sqlite3").path
            cleaned: dict[str, int] = {}
            with staged.engine.connect() as src, db.engine.begin() as dst:
                for table in reversed(Base.metadata.sorted_tables):
                    dst.execute(delete(table))
                rows = _copy_rows(src, dst, progress, cleaned)
                if db.backend == "postgresql":
                    _reset_sequences(dst)
        finally:
            staged.dispose()
    notes = tuple(
        f"{where}: {count:,} {'row' if count == 1 else 'rows'} held NUL characters, which "
        "PostgreSQL cannot store; they were left out and the rest of the text kept."
        for where, count in sorted(cleaned.items())
    )
    with db.session() as s:
        summary = {"restored_from": str(source), "rows": rows}
        record_bulk(s, "*", summary | ({"nul_removed": cleaned} if cleaned else {}))
    return RestoreResult(rows, safety, notes)


def _replace_damaged(db: Database, source: Path, progress: Progress) -> RestoreResult:
    from .replace_file import replace_damaged

    rows, aside = replace_damaged(db, source, progress)
    with db.session() as s:
        record_bulk(s, "*", {"restored_from": str(source), "rows": rows, "damaged": str(aside)})
    return RestoreResult(rows, aside, damaged=True)


def staged_copy(source: Path, work: Path, user: str) -> Database:
    """A copy of the backup at `work`, brought to this version's layout; dispose of it."""
    migrate.copy_sqlite(source, work)
    staged = Database(f"sqlite:///{work.as_posix()}", user=user)
    try:
        migrate.upgrade(staged, None)
    except DatabaseError as exc:
        staged.dispose()
        raise DatabaseError(
            f"{source.name} could not be brought to this version's layout; it may come "
            f"from a newer version of Commissioner's Desk. ({exc})"
        ) from exc
    return staged


def check_backup_file(path: Path) -> None:
    """DatabaseError unless `path` is a sound Commissioner's Desk backup."""
    if not path.is_file():
        raise DatabaseError(f"The backup file {path} does not exist.")
    with open(path, "rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise DatabaseError(f"{path.name} is not a Commissioner's Desk backup file.")
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            intact = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        intact = False
    if not intact:
        raise DatabaseError(f"{path.name} is damaged and cannot be restored.")
    if not {"alembic_version", "observations", "forces"} <= names:
        raise DatabaseError(f"{path.name} is not a Commissioner's Desk backup file.")


def _reset_sequences(conn: Connection) -> None:
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].name != "id":
            continue
        top = conn.execute(select(func.max(table.c.id))).scalar() or 0
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, :called)"),
            {"t": table.name, "v": max(top, 1), "called": top > 0},
        )
