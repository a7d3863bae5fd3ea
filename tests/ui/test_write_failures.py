"""Saving from the app when the file cannot be written: a message in words (no traceback), no
file left behind, and the text of every export as Word, Excel and PDF can hold it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from commissioner_desk.reports.blocks import Bullets, Heading, PackSection, Paragraph
from tests.core.files.mounts import files_in, full_disk, read_only_disk
from tests.ui.loading import open_page

from .action_helpers import demo_template

PASTED = "First line\x0bsecond line\x00 with \x1b[31mescape\x07 end"
REFUSED = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def test_the_pack_prints_pasted_control_characters_as_lines_or_not_at_all():
    from ui.pack.html import section_html

    section = PackSection(
        "notes", PASTED, (Heading(PASTED), Paragraph(PASTED), Bullets((PASTED, "plain")))
    )
    html = section_html(section).html
    assert not any(c in html for c in REFUSED)
    assert "First line<br>second line with [31mescape end" in html


@pytest.fixture(scope="module")
def sqlite_template(sqlite_template, tmp_path_factory):
    return demo_template(sqlite_template, tmp_path_factory)  # the demo, loaded once


def _only(problems: list[str], title: str, words: str) -> str:
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{title}: ") and words in problems[0], problems[0]
    assert "Errno" not in problems[0] and "Traceback" not in problems[0]
    return problems[0]


def test_a_chase_list_to_a_read_only_disk_says_so(qtbot, window, tmp_path, monkeypatch, problems):
    page = open_page(qtbot, window, "returns")
    with read_only_disk(tmp_path / "stick") as disk:
        out = disk / "chase.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        page.export_chase_list()  # before: an unhandled error
        _only(problems, "The chase list could not be exported", f"{disk} is on a read-only disk")
        assert files_in(disk) == []


def test_an_action_log_to_a_full_disk_says_so_and_keeps_the_old_file(
    qtbot, window, tmp_path, monkeypatch, problems
):
    from ui.pages.actions import export as actions_export

    page = open_page(qtbot, window, "actions")
    with full_disk(tmp_path / "usb", room=0, files={"log.xlsx": b"last week's"}) as disk:
        monkeypatch.setattr(actions_export, "ask_marking", lambda parent: "OFFICIAL")
        monkeypatch.setattr(actions_export, "ask_save_path", lambda parent, s: disk / "log.xlsx")
        page.export_button.click()
        _only(problems, "The action log could not be exported", "There is no room left")
        assert files_in(disk) == ["filler.bin", "log.xlsx"]
        assert (disk / "log.xlsx").read_bytes() == b"last week's"


def test_a_chart_over_a_folder_says_so(qtbot, window, tmp_path, monkeypatch, problems):
    from ui.pages.trends import page as trends_module

    page = open_page(qtbot, window, "trends")
    (tmp_path / "chart.png").mkdir()
    monkeypatch.setattr(trends_module, "ask_save_path", lambda *a: tmp_path / "chart.png")
    assert page.export(".png") is None
    _only(problems, "The chart could not be saved", "is a folder, not a file")


def test_a_pack_to_a_full_disk_says_so_after_building_it(
    window, tmp_path, monkeypatch, problems, qtbot
):
    from ui.pack import dialog as pack_dialog

    dialog = pack_dialog.PackDialog(window)
    qtbot.addWidget(dialog)
    for key, box in dialog.section_boxes.items():
        box.setChecked(key in ("cover", "key_figures"))
    with full_disk(tmp_path / "usb", room=0) as disk:
        monkeypatch.setattr(pack_dialog, "ask_save_path", lambda parent, s: disk / "pack.pdf")
        dialog.produce("pdf")
        qtbot.waitUntil(lambda: bool(problems), timeout=30_000)
        qtbot.waitUntil(lambda: not window._operations, timeout=10_000)
        _only(problems, "Writing the briefing pack", f"no room left on the disk to write {disk}")
        assert dialog.written is None and files_in(disk) == ["filler.bin"]
