"""Control characters that Word and Excel refuse (a vertical tab from a line pasted out of
Word, NUL, escape) never stop an export: the minutes and the practice digest in Word, tables
and the action log in Excel and CSV. A pasted Word break stays a line break."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date

import openpyxl
import pytest
from docx import Document

from commissioner_desk.domain.enums import PracticeStatus, PracticeTheme
from commissioner_desk.exports import printable, printable_all, write_table
from commissioner_desk.network.action_export import export_action_log
from commissioner_desk.network.practices import PracticeDraft, create_practice, practice_digest
from commissioner_desk.network.practices_docx import write_digest_docx

from .test_action_export import row as action_row

PASTED = "First line\x0bsecond line\x0cnext page\x00 with \x1b[31mescape\x07 end"
CLEAN = "First line\nsecond line\nnext page with [31mescape end"
REFUSED = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def _stored(db) -> str:
    """PASTED as the database can hold it: PostgreSQL stores no NUL at all."""
    return PASTED if db.backend == "sqlite" else PASTED.replace("\x00", "")


def _has_refused(text: str) -> bool:
    return any(c in REFUSED for c in text)


def test_printable_keeps_word_breaks_as_lines_and_drops_the_rest():
    assert printable(PASTED) == CLEAN
    same = "Nothing to change\twith a tab\nand a line"
    assert printable(same) is same


@dataclass(frozen=True)
class _Doc:
    title: str
    rows: tuple[tuple[str, ...], ...]
    count: int


def test_printable_all_cleans_every_string_in_a_document_once():
    doc = _Doc(PASTED, (("ok", PASTED),), 3)
    clean = printable_all(doc)
    assert clean == _Doc(CLEAN, (("ok", CLEAN),), 3)
    untouched = _Doc("fine", (("ok",),), 1)
    assert printable_all(untouched) is untouched


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_with_pasted_control_characters_is_written(tmp_path, suffix):
    out = write_table(tmp_path / f"chase{suffix}", ["Force", PASTED], [[PASTED, 1]], title=PASTED)
    if suffix == ".csv":
        text = out.read_text(encoding="utf-8-sig")
        assert not _has_refused(text) and "First line\nsecond line" in text
        assert list(csv.reader(text.splitlines(keepends=True)))[1][0] == CLEAN
    else:
        ws = openpyxl.load_workbook(out).active
        assert ws["A2"].value == CLEAN and ws["B1"].value == CLEAN


def test_the_action_log_with_pasted_control_characters_is_written(tmp_path):
    out = export_action_log([action_row(title=PASTED)], tmp_path / "log.xlsx", "OFFICIAL")
    values = [c.value for line in openpyxl.load_workbook(out).active.iter_rows() for c in line]
    assert CLEAN in values
    assert not any(_has_refused(v) for v in values if isinstance(v, str))


def test_the_word_digest_with_pasted_control_characters_is_written(db, tmp_path):
    from .practice_setup import make_library

    lib = make_library(db)
    create_practice(
        db,
        PracticeDraft(
            title="Pasted\x0bfrom Word",
            theme=PracticeTheme.TRAINING,
            organisation_id=lib.net.kent_org,
            summary=_stored(db),
            status=PracticeStatus.PUBLISHED,
            added_on=date(2026, 2, 1),
        ),
    )
    digest = practice_digest(db, date(2026, 1, 1), date(2026, 3, 31), "OFFICIAL")
    out = write_digest_docx(digest, tmp_path / "digest.docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "second line" in text and "\x0b" not in text and "\x00" not in text


def test_word_minutes_with_pasted_control_characters_are_written(db, tmp_path):
    from commissioner_desk.domain.enums import AgendaItemKind
    from commissioner_desk.network.agenda import add_agenda_item
    from commissioner_desk.network.decisions import record_decision
    from commissioner_desk.network.minutes import save_minutes
    from commissioner_desk.network.minutes_doc import minutes_document
    from commissioner_desk.network.minutes_docx import write_minutes_docx

    from .meeting_fixtures import FEB, meeting, series

    mid = meeting(db, series(db), FEB, "Network meeting")
    item = add_agenda_item(db, mid, "Pasted\x0bitem", AgendaItemKind.DECISION)
    save_minutes(db, item.id, item.version, f"<p>{_stored(db)}</p>")
    record_decision(db, mid, item.id, _stored(db), date(2026, 2, 10))
    out = write_minutes_docx(minutes_document(db, mid, "OFFICIAL"), tmp_path / "minutes.docx")
    word = Document(str(out))
    text = "\n".join(p.text for p in word.paragraphs)
    text += "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "second line" in text and "escape end" in text
    assert not any(c in text for c in ("\x0b", "\x00", "\x1b"))
