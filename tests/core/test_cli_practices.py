"""`commissioner-desk practices list` and `practices digest`, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import _cli
from .network.practice_setup import make_library


def _fill(folder: Path):
    db = Database(f"sqlite:///{(folder / DB_FILE_NAME).as_posix()}", user="clerk")
    try:
        return make_library(db)
    finally:
        db.dispose()


def test_list_prints_entries_newest_first(ready_dir):
    _fill(ready_dir)
    result = _cli(ready_dir, "practices", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "3 practice entries, newest first."
    assert lines[1] == " 2 Mar 2026  Modern slavery clauses in contracts [DRAFT]"
    assert lines[2].strip() == "Supply chains"
    assert lines[4] == "20 Feb 2026  County network trained 3,000 front-line staff"
    assert lines[5].strip() == "Training · Essex Anti-Slavery Partnership · Essex Police"
    assert lines[7] == "10 Jan 2026  A dedicated human trafficking unit"
    assert lines[8].strip() == "Investigation · Kent Police"  # the force once, not twice


def test_search_theme_and_json(ready_dir):
    lib = _fill(ready_dir)
    found = _cli(ready_dir, "practices", "list", "--search", "detectives", "--json")
    assert found.returncode == 0, found.stderr
    rows = json.loads(found.stdout)["practices"]
    assert [r["id"] for r in rows] == [lib.unit]
    unit = rows[0]
    assert unit["theme"] == "investigation" and unit["theme_label"] == "Investigation"
    assert unit["forces"] == [{"code": "E23000032", "name": "Kent Police"}]
    assert unit["documents"] == [
        {"label": "Terms of reference", "target": "https://example.org/tor"}
    ]
    assert unit["added_on"] == "2026-01-10" and unit["actions"][0]["id"] == lib.action
    themed = _cli(ready_dir, "practices", "list", "--theme", "Supply-Chains", "--theme", "training")
    assert themed.returncode == 0, themed.stderr
    assert "Modern slavery clauses" in themed.stdout and "County network" in themed.stdout
    assert "trafficking unit" not in themed.stdout
    none = _cli(ready_dir, "practices", "list", "--search", "zebra")
    assert none.stdout.strip() == "No practice entries match."
    bad = _cli(ready_dir, "practices", "list", "--theme", "gardening")
    assert bad.returncode == 2 and '"gardening" is not a theme' in bad.stderr


def test_an_empty_library(ready_dir):
    result = _cli(ready_dir, "practices", "list")
    assert result.returncode == 0 and result.stdout.strip() == "The practice library is empty."


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_digest_writes_the_file(ready_dir, tmp_path, suffix):
    _fill(ready_dir)
    out = tmp_path / f"digest{suffix}"
    result = _cli(
        ready_dir,
        "practices",
        "digest",
        "--from",
        "01/01/2026",
        "--to",
        "31/03/2026",
        "--out",
        str(out),
        "--marking",
        "official-sensitive",
    )
    assert result.returncode == 0, result.stderr
    assert out.is_file() and out.stat().st_size > 1000
    assert result.stdout.splitlines() == [
        f"Wrote the practice digest for 1 Jan 2026 to 31 Mar 2026 to {out} (OFFICIAL-SENSITIVE).",
        "2 entries were added to the practice library from 1 Jan 2026 to 31 Mar 2026: "
        "1 training and 1 investigation.",
    ]
    if suffix == ".pdf":
        pypdf = pytest.importorskip("pypdf")
        text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(out).pages)
        assert "A dedicated human trafficking unit" in text and "OFFICIAL-SENSITIVE" in text


def test_digest_refusals_are_one_sentence(ready_dir, tmp_path):
    for args, words in (
        (("--from", "31/02/2026", "--to", "01/03/2026", "--out", "d.pdf"), "is not a date"),
        (("--from", "01/03/2026", "--to", "01/01/2026", "--out", "d.pdf"), "cannot end"),
        (("--from", "01/01/2026", "--to", "01/03/2026", "--out", "d.txt"), "ending .pdf or .docx"),
    ):
        result = _cli(ready_dir, "practices", "digest", *args)
        assert result.returncode == 2, args
        assert words in result.stderr and "Traceback" not in result.stderr
