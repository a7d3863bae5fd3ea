"""Running the `commissioner-desk` command as a user would, for the command-line tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from commissioner_desk.settings import DB_FILE_NAME

REPO = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("COMMISSIONER_DESK_DATABASE_URL", None)
    env.pop("COMMISSIONER_DESK_DATA_DIR", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _cli(data_dir: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        cwd=REPO,
        timeout=timeout,  # a hang fails the test instead of the run
    )


@pytest.fixture
def ready_dir(tmp_path, sqlite_template) -> Path:
    """A data folder whose database is already migrated and seeded: commands print no steps."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(sqlite_template, folder / DB_FILE_NAME)
    return folder
