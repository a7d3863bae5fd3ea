"""The bad-file corpus (issue 9): every file corpus.py makes is refused with a message that names
it, stores nothing on either database, and is dealt with well inside the time limit.

Memory is measured in test_bad_files_memory.py, in a process of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from commissioner_desk.importing import ImportRefused, commit_plan, plan_file
from commissioner_desk.importing.many import commit_plans, plan_files
from commissioner_desk.importing.readers.workbook import SPREADSHEET_EXTENSIONS

from . import corpus as c
from .conftest import TODAY, row_counts

LIMIT = 60.0  # seconds: the time limit each file is read under (each takes well under one)
DAMAGED = "damaged"
NOT_A_SPREADSHEET = "is not a spreadsheet the app can read"
PASSWORD = "protected with a password"
TOO_LARGE = "too large to import"
FAR = "spans 1,048,576 rows by 16,384 columns (17,179,869,184 cells)"
# (id, builder, words the message must hold besides the file's name)
CASES = [
    *(
        (f"random bytes {s}", c.random_bytes(s, n), (NOT_A_SPREADSHEET,))
        for n, s in enumerate(sorted(SPREADSHEET_EXTENSIONS))
    ),
    ("random bytes after a zip signature", c.random_bytes(".xlsx", 7, b"PK\x03\x04"), (DAMAGED,)),
    (
        "random bytes after an OLE signature",
        c.random_bytes(".xls", 8, bytes.fromhex("D0CF11E0A1B11AE1")),
        (DAMAGED,),
    ),
    *((f"truncated to {f:.1%}", c.truncated(f), (DAMAGED,)) for f in (0.1, 0.5, 0.9, 0.999)),
    (".xls whose container does not add up", c.xls_broken_container, (DAMAGED,)),
    ("zip bomb", c.zip_bomb, ("unpacks from 3.0 MB to 3,072 MB", "over 100 times")),
    ("zip bomb lying about its size", lambda d: c.zip_bomb(d, lie=True), ("over 100 times",)),
    ("one long string in 20,000 cells", c.shared_string_bomb, (TOO_LARGE, "repeat long")),
    (".ods repeating a cell 100 million times", c.ods_repeat_bomb, (TOO_LARGE, "100,000 rows")),
    ("entity bomb in the shared strings", c.entity_bomb("shared"), (DAMAGED,)),
    ("entity bomb in a sheet", c.entity_bomb("sheet"), (DAMAGED,)),
    ("external entity", c.entity_bomb("external"), (DAMAGED,)),
    ("password-protected .xlsx", c.encrypted(".xlsx"), (PASSWORD, "without a password")),
    ("password-protected, named .xls", c.encrypted(".xls"), (PASSWORD,)),
    ("formulas without saved results", c.formulas_without_results, ("Returns!D2", "no saved")),
    ("a 10 MB cell", c.huge_string, ("Returns!A4", "32,767 characters")),
    ("every sheet hidden", c.every_sheet_hidden, ("every one is hidden", "Unhide")),
    # A stray value in the last cell, the declared size saying only the table's (issue 16).
    *(
        (f"a value in the far corner of an {kind}", build, (TOO_LARGE, FAR, "Ctrl+End"))
        for kind, build in (
            (".xlsx understating its <dimension>", c.xlsx_understated),
            (".xlsb", c.xlsb_far_corner),
        )
    ),
    (
        "a value in column 4 billion of an .xlsb",
        lambda d: c.xlsb_far_corner(d, col=0xFFFF_FFFF),
        (TOO_LARGE, "4,294,967,296 columns"),
    ),
    (".xls with a value in IV65536", c.xls_far_corner, (TOO_LARGE, "65,536 rows by 256 columns")),
    *(
        (
            f".xls declaring 4 billion rows{' in its mini stream' if mini else ''}",
            c.xls_declaring(0xFFFF_FFFF, mini=mini),
            (DAMAGED, "4,294,967,295 rows by 4 columns, more than an Excel 97-2003"),
        )
        for mini in (False, True)
    ),
    ("random bytes under a non-ASCII name", c.non_ascii_name, (NOT_A_SPREADSHEET,)),
]
IDS = [case[0] for case in CASES]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """Every bad file, each in a folder of its own (built once: the bombs take a second)."""
    root = tmp_path_factory.mktemp("corpus")
    built = {}
    for n, (name, build, _) in enumerate(CASES):
        folder = root / str(n)
        folder.mkdir()
        built[name] = build(folder)
    return built


@pytest.mark.parametrize(("name", "words"), [(n, w) for n, _, w in CASES], ids=IDS)
def test_each_bad_file_is_refused_with_a_message_naming_it(corpus, resolver, name, words):
    path = corpus[name]
    plan = plan_file(path, resolver, today=TODAY, time_limit=LIMIT)

    assert not plan.ok and not plan.figures
    with pytest.raises(ImportRefused) as refused:
        raise ImportRefused(plan)
    message = str(refused.value)
    assert path.name in message
    assert any(path.name in p.message for p in plan.errors) or plan.errors[0].location
    for word in words:
        assert word in message, message
    assert "took longer than" not in message  # each stopped by its own check, not the clock
    assert all(len(p.message) < 1_000 for p in plan.problems)  # nothing quoted at length


def test_nothing_from_the_corpus_is_stored(db, corpus, resolver):
    before = row_counts(db)
    plans = plan_files(list(corpus.values()), resolver=resolver, today=TODAY, time_limit=LIMIT)

    assert commit_plans(db, plans) == []  # what the app's Import does: only files without errors
    for plan in plans:  # and each one forced through the commit anyway
        with pytest.raises(ImportRefused, match=re.escape(plan.path.name)):
            commit_plan(db, plan)
    assert row_counts(db) == before


def test_a_year_no_date_can_hold_gets_a_message_not_a_crash(tmp_path, resolver):
    rows = [c.RETURN_ROWS[0], ("Kent", "Q1 0000", "NRM referrals", 1)]
    plan = plan_file(c.good_xlsx(tmp_path / "year zero.xlsx", rows), resolver, today=TODAY)
    assert not plan.ok and "Returns!B2" in str(ImportRefused(plan))
