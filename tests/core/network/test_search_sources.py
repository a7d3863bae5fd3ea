"""The database's search index knows no kind itself (db/ never imports network/): the network
registers its four kinds. Each check runs in a fresh process, where only the imports named
have run, so a registration that depends on some other module being loaded first shows."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ..cli_run import REPO, _env

KINDS = ["action", "minute", "decision", "practice"]


def _kinds_after(imports: str) -> list[str]:
    snippet = (
        f"import json\n{imports}\n"
        "from commissioner_desk.db.search_index import SOURCES\n"
        "print(json.dumps(list(SOURCES)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", snippet],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_database_alone_registers_no_kind():
    assert _kinds_after("import commissioner_desk.db.database") == []


@pytest.mark.parametrize(
    "imports",
    [
        "import commissioner_desk.network.labels",  # any part of the network package
        "import commissioner_desk.network.search",
        "import commissioner_desk.demo",  # writes meetings, actions and practices
        # The door the app and every command open a database by, before anything is written:
        "import tempfile\nfrom commissioner_desk.workspace import locate, open_database\n"
        "d = tempfile.mkdtemp()\nopen_database(locate(None, d, None)).dispose()",
    ],
)
def test_whatever_writes_or_searches_the_network_has_its_kinds(imports):
    assert _kinds_after(imports) == KINDS
