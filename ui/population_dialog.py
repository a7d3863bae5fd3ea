"""File › Load population estimates…: a newer ONS file for rates per 100,000."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

if TYPE_CHECKING:
    from .shell import Shell


def load_populations(window: Shell) -> None:
    if window.db is None:
        return
    name, _ = QFileDialog.getOpenFileName(
        window,
        "Load population estimates",
        str(Path.home()),
        "CSV files: code, name, population, year (*.csv);;All files (*)",
    )
    if not name:
        return
    from commissioner_desk.db.reference import load_population_file

    db = window.db

    def done(result) -> None:
        years = ", ".join(f"mid-{y}" for y in result.years)
        text = f"Stored {result.rows} population estimates ({years}) from {result.file_name}."
        if result.unknown_codes:
            text += f" Not stored (unknown areas): {', '.join(result.unknown_codes)}."
        window.notify_changed()
        window.statusBar().showMessage(text, 12_000)

    window.run_operation(
        "Loading population estimates…",
        lambda _p: load_population_file(db, Path(name)),
        done,
        cancellable=False,
    )
