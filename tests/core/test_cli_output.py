"""What the command line prints: user text never drives the terminal (control characters are
shown escaped), and a reader that goes away (`| head`) ends the command quietly."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.network.actions import ActionDraft, create_action
from commissioner_desk.settings import DB_FILE_NAME
from ui.cli import CLOSED_PIPE
from ui.cli import main as cli_main
from ui.terminal_text import escaped

from .cli_run import REPO, _env

NASTY = "Red \x1b[31malert\x1b[0m\x0bline two\x07 \x00 \r\x9b2J end"


def test_control_characters_are_shown_escaped():
    assert escaped(NASTY) == ("Red \\x1b[31malert\\x1b[0m\\x0bline two\\x07 \\x00 \\x0d\\x9b2J end")
    assert escaped("tab\tand\nnewline stay") == "tab\tand\nnewline stay"


def test_a_list_command_prints_user_text_escaped(ready_dir, capsys):
    db = Database(f"sqlite:///{(ready_dir / DB_FILE_NAME).as_posix()}", user="clerk")
    try:
        create_action(db, ActionDraft(title=NASTY), date.today())
    finally:
        db.dispose()
    assert cli_main(["--data-dir", str(ready_dir), "actions", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x00" not in out and "\x9b" not in out and "\r" not in out
    assert "Red \\x1b[31malert\\x1b[0m line two\\x07" in out  # \v, \r: spaces in a title
    assert cli_main(["--data-dir", str(ready_dir), "actions", "list", "--json"]) == 0
    assert "\\u001b[31malert" in capsys.readouterr().out  # JSON's own escape, unchanged


def _closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """The command with its output going to a reader that has already gone."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=REPO,
    )
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    return subprocess.CompletedProcess(proc.args, proc.wait(timeout=120), "", err)


COMMANDS = [
    ("actions", "list"),
    ("actions", "list", "--json"),
    ("meetings", "list"),
    ("practices", "list"),
    ("network", "members"),
    ("metrics", "list"),
    ("batches", "list"),
    ("db", "backups"),
    ("--help",),
]


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(c, marks=[] if c[0] in ("actions", "--help") else [pytest.mark.slow])
        for c in COMMANDS
    ],
    ids=" ".join,
)
def test_output_into_a_closed_pipe_ends_quietly(ready_dir, command):
    done = _closed_pipe("--data-dir", str(ready_dir), *command)
    assert done.stderr == "", done.stderr  # no BrokenPipeError, no traceback
    # The shell's code for a tool cut short by its reader; --help is argparse's (it ignores it).
    assert done.returncode in ((0, CLOSED_PIPE) if command == ("--help",) else (CLOSED_PIPE,))
