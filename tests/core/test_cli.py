"""The `commissioner-desk` command, run as a user would: a separate process, its own data
folder, no database address in the environment."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from commissioner_desk import APP_NAME, __version__
from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import REPO, _cli, _env

HEAVY = ("PySide6", "shiboken6", "pyqtgraph", "sqlalchemy", "alembic", "pandas", "numpy")


def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("commissioner-desk: ")
    return lines[0]


def test_version_prints_the_version(tmp_path):
    result = _cli(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"{APP_NAME} {__version__}"


def test_version_imports_nothing_heavy():
    snippet = (
        "import json, sys\n"
        "from ui.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print(json.dumps({'code': code, 'heavy': heavy}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", snippet],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"code": 0, "heavy": []}


def test_db_upgrade_creates_the_database_in_the_data_folder(tmp_path):
    result = _cli(tmp_path, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    db_file = tmp_path / DB_FILE_NAME
    assert db_file.is_file()
    assert "up to date" in result.stdout
    assert db_file.name in result.stdout
    con = sqlite3.connect(db_file)
    try:
        assert con.execute("SELECT COUNT(*) FROM forces").fetchone()[0] > 43  # seeded too
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def test_db_backup_then_restore_round_trip(ready_dir, tmp_path):
    from sqlalchemy import func, select

    from commissioner_desk.db.database import Database
    from commissioner_desk.db.models import Organisation
    from commissioner_desk.domain.enums import OrganisationKind

    out = tmp_path / "backups" / "desk.sqlite3"
    backed = _cli(ready_dir, "db", "backup", "--out", str(out))
    assert backed.returncode == 0, backed.stderr
    assert out.is_file()
    backed_rows = backed.stdout.split("Backed up ", 1)[1].split(" rows", 1)[0]
    assert int(backed_rows.replace(",", "")) > 0

    db = Database(f"sqlite:///{(ready_dir / DB_FILE_NAME).as_posix()}", user="tester")
    try:  # a change after the backup, which the restore must undo
        with db.session() as s:
            s.add(Organisation(name="Made after the backup", kind=OrganisationKind.OTHER))

        restored = _cli(ready_dir, "db", "restore", str(out), "--yes")
        assert restored.returncode == 0, restored.stderr
        assert f"Restored {backed_rows} rows" in restored.stdout
        assert "Safety copy" in restored.stdout
        assert list((ready_dir / "backups").glob("before-restore.*.sqlite3"))
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Organisation)) == 0
    finally:
        db.dispose()


def test_db_restore_without_yes_asks_and_does_nothing_on_no(ready_dir, tmp_path):
    out = tmp_path / "b.sqlite3"
    assert _cli(ready_dir, "db", "backup", "--out", str(out)).returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(ready_dir), "db", "restore", str(out)],
        input="no\n",
        capture_output=True,
        text=True,
        env=_env(),
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Nothing was changed" in result.stdout
    assert not (ready_dir / "backups").exists() or not any((ready_dir / "backups").iterdir())


def test_db_restore_of_a_missing_file_is_one_line_exit_2(ready_dir, tmp_path):
    missing = tmp_path / "no-such-backup.sqlite3"
    result = _cli(ready_dir, "db", "restore", str(missing), "--yes")
    assert result.returncode == 2
    line = _one_line_error(result)
    assert "no-such-backup.sqlite3" in line
    assert "does not exist" in line


def test_unsupported_database_address_is_one_line_exit_2(tmp_path):
    result = _cli(tmp_path, "--database", "mysql://x", "db", "upgrade")
    assert result.returncode == 2
    line = _one_line_error(result)
    assert "mysql://" in line
    assert "postgresql://" in line
    assert not (tmp_path / DB_FILE_NAME).exists()


def test_unreachable_server_error_hides_the_password(tmp_path):
    # Port 1 on this machine: refused at once, before any password is sent.
    url = "postgresql://desk:Sup3rSecret@127.0.0.1:1/desk"
    result = _cli(tmp_path, "--database", url, "db", "upgrade", timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("commissioner-desk: ")
    assert "127.0.0.1" in result.stderr
    assert "Sup3rSecret" not in result.stderr + result.stdout


def _demo_available() -> bool:
    try:
        from commissioner_desk.demo import load_demo  # noqa: F401
    except ImportError:
        return False
    return True


needs_demo = pytest.mark.skipif(not _demo_available(), reason="commissioner_desk.demo not ready")


@needs_demo
def test_demo_self_test_and_demo_remove(ready_dir):
    # One test, so the demo data set (the slow part) is loaded once.
    loaded = _cli(ready_dir, "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "Loaded DEMO data" in loaded.stdout
    figures = int(loaded.stdout.split("DEMO data: ", 1)[1].split(" figures", 1)[0].replace(",", ""))
    assert figures > 0

    checked = _cli(ready_dir, "self-test")
    assert checked.returncode == 0, checked.stderr + checked.stdout
    report = json.loads(checked.stdout.strip().splitlines()[-1])
    assert report["ok"] is True
    assert report["problems"] == []
    assert isinstance(report["startup_s"], float) and report["startup_s"] > 0
    assert isinstance(report["pages"], dict) and report["pages"]
    assert all(isinstance(v, float) for v in report["pages"].values())

    removed = _cli(ready_dir, "demo", "--remove")
    assert removed.returncode == 0, removed.stderr
    assert "Removed the demo data" in removed.stdout
    con = sqlite3.connect(ready_dir / DB_FILE_NAME)
    try:
        assert con.execute("SELECT COUNT(*) FROM observations").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM import_batches").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM meetings WHERE is_demo").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM forces").fetchone()[0] > 43  # reference kept
    finally:
        con.close()
