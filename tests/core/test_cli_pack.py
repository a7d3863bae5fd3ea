"""`commissioner-desk pack`, run as a user would: a marked PDF, or a plain refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.reports import last_pack
from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import _cli
from .reports.pack_data import PERIOD, add_returns

pypdf = pytest.importorskip("pypdf")


@pytest.fixture
def returns_dir(ready_dir: Path) -> Path:
    db = Database(f"sqlite:///{(ready_dir / DB_FILE_NAME).as_posix()}")
    try:
        add_returns(db)
    finally:
        db.dispose()
    return ready_dir


def test_pack_writes_a_marked_pdf_and_notes_it(returns_dir, tmp_path):
    out = tmp_path / "Pack Q1 ü.pdf"
    done = _cli(
        returns_dir,
        "pack",
        "--period",
        "Q1 2024",
        "--marking",
        "official-sensitive",
        "--sections",
        "cover,key_figures,forces,annex",
        "--version",
        "3",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote the briefing pack for January to March 2024 (" in done.stdout
    assert "OFFICIAL-SENSITIVE) to" in done.stdout and "DEMO" not in done.stdout
    reader = pypdf.PdfReader(out)
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert all(t.count("OFFICIAL-SENSITIVE") >= 2 for t in texts)
    assert all(f"Page {n} of {len(texts)}" in t for n, t in enumerate(texts, 1))
    assert "version 3" in texts[0] and "759" in " ".join(texts) and "137" not in " ".join(texts)
    assert reader.metadata.subject.startswith("Modern slavery briefing pack, January to March")
    db = Database(f"sqlite:///{(returns_dir / DB_FILE_NAME).as_posix()}")
    try:
        assert last_pack(db).period == PERIOD and last_pack(db).version == "3"
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--period", "2024-Q1", "--out", "pack.docx"), "use a name ending .pdf"),
        (("--period", "2024-Q1", "--sections", "cover,gossip", "--out", "p.pdf"), "gossip"),
        (("--period", "2024-Q2", "--out", "p.pdf"), "No figures are held for April to June 2024"),
        (("--period", "2023/24", "--out", "p.pdf"), "covers one quarter"),
    ],
)
def test_pack_refuses_in_plain_words(returns_dir, tmp_path, args, message):
    done = _cli(
        returns_dir,
        "pack",
        *[str(tmp_path / a) if a.endswith((".pdf", ".docx")) else a for a in args],
    )
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob("*.pdf"))
