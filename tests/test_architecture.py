"""The layers hold (import-linter) and the code is linted and formatted (ruff)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _tool(name: str) -> Path:
    exe = Path(sys.executable).with_name(name)
    if not exe.exists() and exe.with_suffix(".exe").exists():  # Windows venvs
        exe = exe.with_suffix(".exe")
    return exe


def _run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_import_contracts_hold():
    lint_imports = _tool("lint-imports")
    assert lint_imports.exists(), f"import-linter is a test dependency: {lint_imports} missing"
    result = _run(lint_imports)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout


def _ruff() -> Path:
    ruff = _tool("ruff")
    if not ruff.exists():
        pytest.skip("ruff is not installed next to the interpreter")
    return ruff


def test_ruff_check_is_clean():
    result = _run(_ruff(), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = _run(_ruff(), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


# The main window's own parts (split out of it for size) and the two places that build it.
WINDOW_PARTS = {"main_window.py", "opening.py", "closing.py", "app.py", "selftest.py"}


def test_only_the_main_window_and_its_parts_know_its_type():
    """Dialogs, commands and pages take a `Shell` (ui/shell.py), so each can be tested and
    reused without the whole window."""
    knowing = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "ui").rglob("*.py"))
        if path.name not in WINDOW_PARTS or path.parent != REPO / "ui"
        if "import MainWindow" in path.read_text(encoding="utf-8")
    ]
    assert knowing == [], "use ui.shell.Shell instead of MainWindow in: " + ", ".join(knowing)
