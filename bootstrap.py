#!/usr/bin/env python3
"""Set up and run Commissioner's Desk from a source checkout, on Windows, macOS or Linux.

    python bootstrap.py app    create .venv, install the app, start it
    python bootstrap.py test   create .venv, install the app and test tools, run every test
    python bootstrap.py build  create .venv, install PyInstaller, build dist/CommissionersDesk/

Anything after the command is passed on (to the app, or to pytest). Standard library only:
this runs before anything is installed. Re-running skips the install when pyproject.toml has
not changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COMMISSIONER_DESK_VENV", ROOT / ".venv"))
MIN_PYTHON = (3, 11)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_installed(extra: str) -> Path:
    python = venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    spec = f".[{extra}]" if extra else "."
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + spec.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'app'}"
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"Installing {spec} into {VENV} (first run takes a few minutes) …", flush=True)
        pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([*pip, "install", "--quiet", "-e", spec], check=True, cwd=ROOT)
        stamp.write_text(digest)
    return python


def main(argv: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        print(f"Commissioner's Desk needs Python {'.'.join(map(str, MIN_PYTHON))} or newer.")
        return 2
    if not argv or argv[0] not in ("app", "test", "build"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_installed({"app": ""}.get(command, command))
    if command == "app":
        args = [str(python), "-m", "ui", *rest]
    elif command == "build":
        args = [str(python), "-m", "PyInstaller", "--noconfirm", *rest, "build.spec"]
    else:
        args = [str(python), "-m", "pytest", *rest]
    return subprocess.call(args, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
