"""The template return as written: every catalogue figure once, inputs unlocked and checked,
labels locked, the version id where calamine finds it; and the `template` command."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from commissioner_desk.domain.catalogue import DIMENSIONS, METRICS, breakdown_key
from commissioner_desk.domain.forces import load_registry
from commissioner_desk.domain.periods import Period
from commissioner_desk.importing.readers.workbook import read_workbook
from commissioner_desk.importing.template import (
    TEMPLATE_VERSION,
    spec,
    template_file_name,
    template_forces,
    template_version,
    write_template,
    write_templates,
)
from commissioner_desk.progress import Cancelled, NullProgress

from ..cli_run import _cli
from .conftest import KENT

Q1 = Period.from_key("2024-Q1")


@pytest.fixture(scope="module")
def kent(tmp_path_factory, resolver):
    path = tmp_path_factory.mktemp("tpl") / "kent.xlsx"
    return write_template(path, resolver.resolve(KENT), Q1, today=date(2024, 3, 20))


@pytest.fixture(scope="module")
def book(kent):
    return openpyxl.load_workbook(kent)


def _catalogue() -> list[tuple[str, str]]:
    """Every metric's total and each single-dimension breakdown, from the catalogue itself."""
    out = []
    for m in METRICS:
        out.append((m.key, ""))
        for d in m.dimensions:
            out += [(m.key, breakdown_key({d: v})) for v in DIMENSIONS[d].value_keys()]
    return out


def test_every_catalogue_figure_has_exactly_one_row(book):
    ws = book[spec.FIGURES]
    keys = [
        tuple(ws.cell(r, spec.KEY_COL).value.split("|"))
        for r in range(spec.FIRST_ROW, ws.max_row + 1)
        if ws.cell(r, spec.KEY_COL).value
    ]
    assert sorted(keys) == sorted(_catalogue())
    assert len(keys) == len(set(keys))


def test_rows_are_labelled_with_catalogue_labels(book):
    ws = book[spec.FIGURES]
    headings = [ws.cell(s.row, 1).value for s in spec.SECTIONS]
    assert headings == [f"{n}. {m.label}" for n, m in enumerate(METRICS, start=1)]
    for row in spec.FIGURE_ROWS:
        category = ws.cell(row.row, spec.CATEGORY_COL).value
        if row.breakdown:
            dim, value = row.breakdown.split("=")
            assert category == dict(DIMENSIONS[dim].values)[value]
        else:
            assert (ws.cell(row.row, spec.DIM_COL).value, category) == ("Total", "All")


def test_inputs_unlocked_labels_locked_sheets_protected_without_password(book):
    for name in (spec.COVER, spec.FIGURES, spec.CONTEXT):
        ws = book[name]
        assert ws.protection.sheet, name
        assert not ws.protection.password, name  # nobody is locked out
    figures = book[spec.FIGURES]
    for row in spec.FIGURE_ROWS:
        assert figures[row.input.ref].protection.locked is False
        for col in (spec.DIM_COL, spec.CATEGORY_COL, spec.GUIDANCE_COL, spec.KEY_COL):
            assert figures.cell(row.row, col).protection.locked is True
    cover = book[spec.COVER]
    for at in (spec.CONTACT_NAME, spec.CONTACT_EMAIL, spec.DATE_COMPLETED):
        assert cover[at.ref].protection.locked is False
    for at in (spec.FORCE_NAME, spec.FORCE_CODE, spec.PERIOD_KEY, spec.VERSION_CELL):
        assert cover[at.ref].protection.locked is True
    context = book[spec.CONTEXT]
    for q in spec.QUESTIONS:
        assert context[q.box.ref].protection.locked is False
        assert q.box_range in {str(r) for r in context.merged_cells.ranges}
        assert context[q.box.ref].alignment.wrap_text
        assert context.cell(q.row, 1).value == q.label
        assert context.cell(q.row, 1).protection.locked is True


def test_every_input_cell_is_validated(book):
    ws = book[spec.FIGURES]
    by_cell = {}
    for dv in ws.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            by_cell[ref] = dv
    assert set(by_cell) == {row.input.ref for row in spec.FIGURE_ROWS}
    for row in spec.FIGURE_ROWS:
        dv = by_cell[row.input.ref]
        assert dv.type == "custom" and dv.allow_blank
        assert dv.showErrorMessage and dv.error and dv.showInputMessage and dv.prompt
        assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32  # Excel's limits
        formula = dv.formula1
        assert f"ISNUMBER({row.input.ref})" in formula and f"{row.input.ref}>=0" in formula
        assert f"INT({row.input.ref})" in formula
        for marker in spec.MARKERS:
            assert f'"{marker}"' in formula


def test_cover_names_the_force_period_and_hides_the_version(book):
    ws = book[spec.COVER]
    assert ws[spec.FORCE_NAME.ref].value == "Kent Police"
    assert ws[spec.FORCE_CODE.ref].value == KENT
    assert ws[spec.PERIOD_KEY.ref].value == "2024-Q1"
    assert ws[spec.PERIOD_LABEL.ref].value == "January to March 2024"
    assert ws[spec.VERSION_CELL.ref].value == TEMPLATE_VERSION
    assert ws.column_dimensions["H"].hidden
    name = book.defined_names[spec.VERSION_NAME]
    assert name.attr_text == "'Cover'!$H$1"
    assert book[spec.FIGURES].freeze_panes == f"A{spec.FIRST_ROW}"


def test_calamine_finds_the_version_id(kent):
    assert template_version(read_workbook(kent)) == TEMPLATE_VERSION


def test_file_names_are_safe_on_windows(resolver):
    kent = resolver.resolve(KENT)
    assert template_file_name(kent, Q1) == "2024-Q1 Kent Police return.xlsx"
    odd = kent.__class__(**{**kent.__dict__, "display_name": 'A/B: "C"? *D*.'})
    name = template_file_name(odd, Q1)
    assert not set('<>:"/\\|?*') & set(name)
    assert name == "2024-Q1 A B C D return.xlsx"


def test_template_forces_are_the_46_that_send_returns():
    forces = template_forces(load_registry())
    codes = {f.code for f in forces}
    assert len(forces) == 46
    assert {"S23000009", "N92000002", "BTP", KENT} <= codes
    assert not any(c.startswith("ROCU") for c in codes) and "NCA" not in codes


def test_write_templates_writes_one_file_each_and_can_be_cancelled(tmp_path, resolver):
    forces = [resolver.resolve(c) for c in (KENT, "E23000001", "BTP")]
    paths = write_templates(tmp_path / "out", forces, Q1)
    assert [p.name for p in paths] == [
        "2024-Q1 Kent Police return.xlsx",
        "2024-Q1 Metropolitan Police Service return.xlsx",
        "2024-Q1 British Transport Police return.xlsx",
    ]
    assert all(p.is_file() for p in paths)

    class StopAfterOne(NullProgress):
        calls = 0

        def cancelled(self) -> bool:
            self.calls += 1
            return self.calls > 1

    with pytest.raises(Cancelled):
        write_templates(tmp_path / "cancelled", forces, Q1, StopAfterOne())
    assert len(list((tmp_path / "cancelled").iterdir())) == 1


# --- the command ---------------------------------------------------------------------------


def _one_line_error(result) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    return line


def test_command_writes_one_force(tmp_path):
    out = tmp_path / "kent.xlsx"
    result = _cli(tmp_path, "template", "--period", "2024-Q1", "--force", KENT, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert template_version(read_workbook(out)) == TEMPLATE_VERSION


def test_command_all_writes_46_files(tmp_path):
    folder = tmp_path / "returns"
    result = _cli(tmp_path, "template", "--period", "Q2 2024", "--all", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    files = sorted(folder.iterdir())
    assert len(files) == 46
    assert folder / "2024-Q2 Kent Police return.xlsx" in files
    assert "Wrote 46 returns for April to June 2024" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--force", "Kentt", "--period", "2024-Q1"), "Did you mean Kent Police?"),
        (("--force", KENT, "--period", "2024"), "is not a quarter"),
        (("--force", KENT, "--period", "spring"), "is not a period"),
    ],
)
def test_command_usage_errors(tmp_path, args, expected):
    result = _cli(tmp_path, "template", *args, "--out", str(tmp_path / "x.xlsx"))
    assert expected in _one_line_error(result)
    assert not (tmp_path / "x.xlsx").exists()


def test_command_unwritable_path(tmp_path):
    out = tmp_path / "no such folder" / "x.xlsx"
    result = _cli(tmp_path, "template", "--period", "2024-Q1", "--force", KENT, "--out", str(out))
    assert "does not exist" in _one_line_error(result)
    blocker = tmp_path / "a file"
    blocker.write_text("")
    result = _cli(tmp_path, "template", "--period", "2024-Q1", "--all", "--out", str(blocker))
    assert "must be a folder" in _one_line_error(result)
