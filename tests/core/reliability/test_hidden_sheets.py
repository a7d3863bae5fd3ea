"""A workbook whose figures are only on a hidden sheet is never imported silently (issue 16): the
plan warns, naming the sheet, in the preview and on the command line. Figures on a second,
visible sheet are read from it, and the plan says which sheet."""

from __future__ import annotations

import openpyxl
import pytest

from commissioner_desk.importing import plan_file

from . import corpus as c
from .conftest import TODAY

PUBLISHED = [
    ("NRM referrals, October to December 2023",),
    ("Police force", "Total"),
    ("Kent", 1),
    ("Essex", 2),
    ("Surrey", 3),
]
HIDDEN = (
    'The figures were read from the hidden sheet "Figures": whoever opens the file in Excel '
    "does not see them. Check they are the figures meant to be sent (right-click a sheet tab, "
    "Unhide, to see the sheet)."
)


def _book(path, rows, *, hidden: bool):
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes["A1"] = "About this return: the figures are on the next sheet."
    figures = wb.create_sheet("Figures")
    for row in rows:
        figures.append(list(row))
    figures.sheet_state = "hidden" if hidden else "visible"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("rows", "layout", "count"),
    [(c.RETURN_ROWS, "long", 2), (PUBLISHED, "wide", 3)],
    ids=["long table", "published table"],
)
def test_figures_only_on_a_hidden_sheet_are_read_with_a_warning(
    tmp_path, resolver, rows, layout, count
):
    plan = plan_file(_book(tmp_path / "r.xlsx", rows, hidden=True), resolver, today=TODAY)
    assert plan.layout == layout and len(plan.figures) == count
    assert [(w.sheet, w.message) for w in plan.warnings] == [("Figures", HIDDEN)]
    assert "sheet Figures" in plan.how_read


@pytest.mark.parametrize("rows", [c.RETURN_ROWS, PUBLISHED], ids=["long table", "published"])
def test_figures_on_a_second_visible_sheet_are_read_from_it(tmp_path, resolver, rows):
    plan = plan_file(_book(tmp_path / "r.xlsx", rows, hidden=False), resolver, today=TODAY)
    assert plan.ok and plan.figures and not plan.warnings
    assert {f.sheet for f in plan.figures} == {"Figures"} and "sheet Figures" in plan.how_read
