"""Shared fixtures: one offscreen Qt for the run, a fresh database per test.

Database tests run on SQLite always and on PostgreSQL too when
COMMISSIONER_DESK_TEST_POSTGRES_URL names a server (CI starts one). Each test gets its own
database copied from a template that was migrated and seeded once per run, so a test is fast
and can never see another test's rows.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from commissioner_desk.db import migrate
from commissioner_desk.db.database import Database
from commissioner_desk.db.reference import sync_reference_data
from commissioner_desk.network import search_sources  # noqa: F401  (as workspace.open_database)
from commissioner_desk.paths import default_geo_dir

PG_ENV = "COMMISSIONER_DESK_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch) -> None:
    """Settings and databases of the app under test live in a temporary folder."""
    monkeypatch.setenv("COMMISSIONER_DESK_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("COMMISSIONER_DESK_DATABASE_URL", raising=False)
    # No daily backup when a test opens the app, unless the test asks (it deletes this).
    monkeypatch.setenv("COMMISSIONER_DESK_DAILY_BACKUP", "off")


@pytest.fixture(autouse=True)
def _builtin_metrics_only() -> Iterator[None]:
    """The live catalogue holds a database's own metrics once it is opened: start and end each
    test with the built-ins alone, so no test sees another's."""
    from commissioner_desk.domain.catalogue import set_user_metrics

    set_user_metrics(())
    yield
    set_user_metrics(())


@pytest.fixture(scope="session")
def geo_dir() -> Path | None:
    return default_geo_dir()


def _prepare(db: Database, geo: Path | None) -> None:
    migrate.upgrade(db, None)
    sync_reference_data(db, geo)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory, geo_dir) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path.as_posix()}")
    _prepare(db, geo_dir)
    with db.engine.connect() as conn:  # fold the WAL into the file so a plain copy is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


class PostgresServer:
    """Creates per-test databases from a template on the test server."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self.base = make_url(url)
        self.admin = Database(url)
        self.template = f"cd_template_{uuid.uuid4().hex[:8]}"

    def _exec(self, sql: str) -> None:
        with self.admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql(sql)

    def url_for(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        self._exec(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url_for(name)

    def drop(self, name: str) -> None:
        self._exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres(geo_dir) -> Iterator[PostgresServer]:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}")
    server = PostgresServer(url)
    template_db = Database(server.create(server.template))
    _prepare(template_db, geo_dir)
    template_db.dispose()
    yield server
    server.drop(server.template)
    server.admin.dispose()


def _fresh_sqlite_url(tmp_path: Path, template: Path) -> str:
    path = tmp_path / "test.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path.as_posix()}"


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path, sqlite_template) -> Iterator[str]:
    """A fresh, migrated and seeded database on each backend."""
    if request.param == "sqlite":
        yield _fresh_sqlite_url(tmp_path, sqlite_template)
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"cd_test_{uuid.uuid4().hex[:10]}"
    url = server.create(name, template=server.template)
    yield url
    server.drop(name)


@pytest.fixture
def db(db_url) -> Iterator[Database]:
    database = Database(db_url, user="tester")
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path, sqlite_template) -> Iterator[Database]:
    """SQLite only: for tests whose subject is not the backend (UI, domain over a database)."""
    database = Database(_fresh_sqlite_url(tmp_path, sqlite_template), user="tester")
    yield database
    database.dispose()
