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


# --- private names -------------------------------------------------------------------------
# A name starting with one underscore belongs to its module: another module that needs it
# asks for a public name (or the helper moves where both can use it).

PACKAGES = ("commissioner_desk", "ui")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_name(path: Path, root: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def private_imports(path: Path, root: Path) -> set[tuple[str, str, str]]:
    """(this module, the other module, the private name) for every private name this file
    takes from another module: `from m import _x`, and `m._x` on a module it imported."""
    import ast

    here, is_package = _module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[tuple[str, str, str]] = set()
    modules: dict[str, str] = {}  # local name -> module (or object) it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".") if is_package else here.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                if _private(alias.name):
                    found.add((here, source, alias.name))
                else:
                    modules[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    modules[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    modules[top] = top
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            chain, value = [], node.value
            while isinstance(value, ast.Attribute):  # a.b._x: the module a.b
                chain.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id in modules:
                source = ".".join([modules[value.id], *reversed(chain)])
                if source != here:
                    found.add((here, source, node.attr))
    return {f for f in found if f[1] != here and f[1] != "__future__"}


def _project_private_imports() -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            found |= private_imports(path, REPO)
    return found


def test_no_module_imports_another_modules_private_names():
    new = _project_private_imports()
    assert not new, "private names taken from another module (make them public):\n" + "\n".join(
        f"  {here}: {name} from {source}" for here, source, name in sorted(new)
    )


def test_private_imports_are_found_in_every_spelling(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .. import other\nother._hidden()\n")
    (pkg / "sub" / "mod.py").write_text(
        "from __future__ import annotations\n"
        "import pkg.other\n"
        "import pkg.other as o\n"
        "from ..other import _x, public, __version__\n"
        "from . import _y as y\n"
        "def _own(): ...\n"
        "class C:\n"
        "    def m(self):\n"
        "        return self._z, _own(), public._attr, pkg.other._a, o._b, __version__\n"
    )
    assert private_imports(pkg / "sub" / "mod.py", tmp_path) == {
        ("pkg.sub.mod", "pkg.other", "_x"),
        ("pkg.sub.mod", "pkg.sub", "_y"),
        ("pkg.sub.mod", "pkg.other.public", "_attr"),
        ("pkg.sub.mod", "pkg.other", "_a"),
        ("pkg.sub.mod", "pkg.other", "_b"),
    }
    assert private_imports(pkg / "sub" / "__init__.py", tmp_path) == {
        ("pkg.sub", "pkg.other", "_hidden")
    }


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
    "unprotected_for_checking": {"ui/pages/figures/page.py"},
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
    assert _door_breaches("ui/pages/figures/page.py", door) == []
    assert _door_breaches("ui/pages/map/page.py", door) == [
        "ui/pages/map/page.py:1 imports unprotected_for_checking from commissioner_desk.published"
    ]
