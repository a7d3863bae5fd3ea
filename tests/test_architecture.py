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


# Functions that give figures as stored (nothing hidden), or protect them only when asked. The
# UI takes figures from commissioner_desk.published instead, which applies the stored rule.
RAW_LOADERS = {
    "chart_data",
    "load_series",
    "list_figures",
    "force_profile",
    "load_map_cube",
    "map_values",
    "read_cube",
    "load_views",
    "protect_cube",
    "build_pack",
    "load_pack_data",
    "overview",
}
# The hidden counts themselves, each in the one place a person checks figures with them: the
# Figures page's "Show hidden counts" and the import preview (what the file would change).
CHECKING_ONLY = {
    "unprotected_for_checking": {"ui/pages/figures.py"},
    "diff_plan": {"ui/import_flow.py"},
}


def _imported_names(source: str) -> list[tuple[str, str, int]]:
    """(module, name, line) of every `from module import name`, at any depth."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, a.name, node.lineno) for a in node.names]
    return found


def _door_breaches(path: str, source: str) -> list[str]:
    out = []
    for module, name, line in _imported_names(source):
        where = f"{path}:{line} imports {name} from {module}"
        if name in RAW_LOADERS and module != "commissioner_desk.published":
            out.append(where)
        if name in CHECKING_ONLY and path not in CHECKING_ONLY[name]:
            out.append(where)
    return out


def test_the_ui_takes_figures_only_through_the_door():
    breaches = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        breaches += _door_breaches(rel, path.read_text(encoding="utf-8"))
    assert not breaches, "\n".join(breaches)


def test_the_door_check_sees_a_raw_loader_and_hidden_counts_out_of_place():
    lazy = "def f():\n    from commissioner_desk.queries.series import ChartData, chart_data\n"
    assert _door_breaches("ui/pages/x.py", lazy) == [
        "ui/pages/x.py:2 imports chart_data from commissioner_desk.queries.series"
    ]
    door = "from commissioner_desk.published import map_values, unprotected_for_checking\n"
    assert _door_breaches("ui/pages/figures.py", door) == []
    assert _door_breaches("ui/pages/map.py", door) == [
        "ui/pages/map.py:1 imports unprotected_for_checking from commissioner_desk.published"
    ]
