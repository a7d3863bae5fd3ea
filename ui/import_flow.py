"""File › Import returns…, the empty state's button and files dropped on the window:
check every file off the UI thread, ask what a table does not say, preview, then import the
files without errors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.importing import ImportOptions, ImportPlan

    from .shell import Shell

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")
FILE_FILTER = "Spreadsheets (" + " ".join(f"*{e}" for e in EXTENSIONS) + ");;All files (*)"


def is_importable(path: Path) -> bool:
    return path.suffix.lower() in EXTENSIONS


def choose_and_import(window: Shell) -> None:
    names, _ = QFileDialog.getOpenFileNames(window, "Import returns", str(Path.home()), FILE_FILTER)
    if names:
        import_paths(window, [Path(n) for n in names])


def _check(
    db: Database,
    paths: list[Path],
    progress,
    options: dict[Path, ImportOptions] | None = None,
) -> tuple[list[ImportPlan], dict]:
    """Dry run, checks against the figures held, and the diff: nothing is written."""
    from commissioner_desk.importing.commit.diff import diff_plan
    from commissioner_desk.importing.layouts.profiles import load_profiles
    from commissioner_desk.importing.many import check_plans, plan_files

    plans = plan_files(paths, options_for=options, profiles=load_profiles(db), progress=progress)
    plans = check_plans(db, plans)
    diffs = {p.path: diff_plan(db, p) for p in plans if p.ok and p.figures}
    return plans, diffs


def import_paths(window: Shell, paths: list[Path]) -> None:
    if window.db is None or not paths:
        return
    from commissioner_desk.importing.many import commit_plans

    from .import_dialog import ImportPreviewDialog
    from .mapping_dialog import MappingDialog, needs

    db = window.db

    def imported(outcomes) -> None:
        added = sum(o.added for o in outcomes)
        unchanged = [o for o in outcomes if o.status == "unchanged"]
        text = f"Imported {len(outcomes) - len(unchanged)} file(s): {added:,} figures stored."
        if unchanged:
            text += f" {len(unchanged)} file(s) were already imported: nothing changed."
        window.notify_changed()
        window.statusBar().showMessage(text, 12_000)

    def preview(result) -> None:
        plans, diffs = result
        if ImportPreviewDialog.ask(window, plans, diffs):
            window.run_operation(
                "Importing returns…", lambda p: commit_plans(db, plans, p), imported
            )

    answers: dict[Path, ImportOptions] = {}
    asked: dict[Path, set[str]] = {}  # what each file was asked already: never twice

    def checked(result) -> None:
        # A choice can raise a new question (the table chosen does not say its period):
        # read again with the answers, and ask what is new, until nothing new is asked.
        plans, _diffs = result
        answered = False
        for plan in plans:
            if not needs(plan) - asked.get(plan.path, set()):
                continue
            asked.setdefault(plan.path, set()).update(needs(plan))
            if (chosen := MappingDialog.ask(window, plan)) is not None:
                answers[plan.path] = merged(answers.get(plan.path), chosen)
                answered = True
        if not answered:
            preview(result)
            return
        choices = dict(answers)
        window.run_operation(
            "Reading with your choices…", lambda p: _check(db, paths, p, choices), checked
        )

    window.run_operation("Checking files…", lambda p: _check(db, paths, p), checked)


def merged(before: ImportOptions | None, now: ImportOptions) -> ImportOptions:
    """Earlier answers for a file, with what was said now taking their place."""
    if before is None:
        return now
    from dataclasses import fields, replace

    said = {f.name: getattr(now, f.name) for f in fields(now) if getattr(now, f.name)}
    return replace(before, **said)


def undo(window: Shell, batch_id: int) -> None:
    """Undo one import batch off the UI thread (the page asked the user first)."""
    if window.db is None:
        return
    from commissioner_desk.importing.commit.undo import undo_batch

    db = window.db

    def done(result) -> None:
        window.notify_changed()
        window.statusBar().showMessage(
            f"Undid import {result.batch_id}: {result.removed:,} figures taken out, "
            f"{result.restored:,} earlier figures current again.",
            12_000,
        )

    window.run_operation(
        f"Undoing import {batch_id}…", lambda p: undo_batch(db, batch_id, p), done,
        cancellable=False,
    )  # fmt: skip
