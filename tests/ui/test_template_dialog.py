"""File › Make return templates…: one force to a file, or every force into a folder."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFileDialog

from commissioner_desk.domain.forces import load_registry
from commissioner_desk.domain.periods import latest_complete_quarter
from commissioner_desk.importing.template import template_forces
from ui.template_dialog import TemplateDialog


def _wait(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window._operations, timeout=60_000)


def test_dialog_defaults_to_every_force_for_the_quarter_just_ended(qapp):
    forces = template_forces(load_registry())
    dialog = TemplateDialog(forces)
    request = dialog.request()
    assert request.force is None
    assert request.period == latest_complete_quarter(date.today())
    dialog.one.setChecked(True)
    dialog.force.setCurrentIndex(dialog.force.findText("Kent Police"))
    assert dialog.request().force.code == "E23000032"


def test_every_force_into_a_folder(qtbot, window, tmp_path, monkeypatch, problems):
    forces = template_forces(load_registry())
    monkeypatch.setattr(
        TemplateDialog, "ask", classmethod(lambda cls, parent, f: TemplateDialog(f).request())
    )
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    window.make_templates()
    _wait(qtbot, window)
    assert problems == []
    files = sorted(tmp_path.glob("*.xlsx"))
    assert len(files) == len(forces) == 46
    assert "Wrote 46 return template(s)" in window.statusBar().currentMessage()
