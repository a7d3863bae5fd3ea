"""Reading a filled-in template return: every figure with its cell, the answers to the
questions, and every problem located on the Cover or Figures sheet."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from commissioner_desk.db.models import Observation
from commissioner_desk.domain.enums import ObservationStatus
from commissioner_desk.domain.periods import Period
from commissioner_desk.importing.many import commit_plans, plan_files
from commissioner_desk.importing.model import ImportOptions, PlannedText, ReadContext
from commissioner_desk.importing.plan import plan_file
from commissioner_desk.importing.readers.workbook import read_workbook
from commissioner_desk.importing.template import (
    TEMPLATE_VERSION,
    read_template,
    spec,
    write_template,
)

from ..cli_run import _cli
from .conftest import DEVON, KENT, TODAY, write_xlsx

Q1 = Period.from_key("2024-Q1")
ROWS = {(r.metric_key, r.breakdown): r for r in spec.FIGURE_ROWS}


def _value(row: spec.FigureRow) -> int:
    """A distinct, consistent figure per row: each dimension's parts add up to its total (the
    first part takes what the others leave)."""
    total = 1000 + ROWS[(row.metric_key, "")].row
    if not row.breakdown:
        return total
    parts = [r for r in spec.FIGURE_ROWS if r.metric_key == row.metric_key and r.breakdown]
    siblings = [r for r in parts if r.dimension_label == row.dimension_label]
    if row is siblings[0]:
        return total - sum(r.row for r in siblings[1:])
    return row.row


def _filled(
    tmp_path: Path,
    resolver,
    *,
    force: str = KENT,
    edit: Callable[[openpyxl.Workbook], None] | None = None,
    blank: bool = False,
    name: str = "return.xlsx",
) -> Path:
    """A template written by the app, then filled in with openpyxl as a force would."""
    path = write_template(tmp_path / name, resolver.resolve(force), Q1, today=date(2024, 3, 1))
    wb = openpyxl.load_workbook(path)
    if not blank:
        figures = wb[spec.FIGURES]
        for row in spec.FIGURE_ROWS:
            figures[row.input.ref] = _value(row)
        wb[spec.CONTEXT][spec.QUESTIONS[0].box.ref] = "  Operation Tide led to 40 referrals.  "
        wb[spec.CONTEXT][spec.QUESTIONS[1].box.ref] = "Joint visits with the council."
        wb[spec.COVER][spec.CONTACT_NAME.ref] = "Sam Patel"
        wb[spec.COVER][spec.CONTACT_EMAIL.ref] = "sam.patel@kent.police.uk"
        wb[spec.COVER][spec.DATE_COMPLETED.ref] = date(2024, 4, 12)
    if edit:
        edit(wb)
    wb.save(path)
    return path


def _read(path: Path, resolver, **options):
    ctx = ReadContext(path, resolver, TODAY, ImportOptions(**options))
    return read_template(read_workbook(path), ctx)


def _set(sheet: str, ref: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    def edit(wb: openpyxl.Workbook) -> None:
        wb[sheet][ref] = value

    return edit


def _errors(result) -> dict[str, str]:
    return {f"{p.sheet}!{p.cell}": p.message for p in result.problems if p.severity == "error"}


def test_filled_template_round_trips(tmp_path, resolver):
    result = _read(_filled(tmp_path, resolver), resolver)
    assert result is not None and result.layout == "template"
    assert result.problems == ()
    assert result.template_version == TEMPLATE_VERSION
    assert len(result.figures) == len(spec.FIGURE_ROWS)
    assert len({f.key for f in result.figures}) == len(result.figures)
    for f in result.figures:
        row = ROWS[(f.metric_key, f.breakdown)]
        assert (f.force_code, f.period_key, f.force_name) == (KENT, "2024-Q1", "Kent Police")
        assert (f.status, f.value) == (ObservationStatus.VALUE, _value(row))
        assert (f.sheet, f.cell) == ("Figures", row.input.ref)
    assert result.details == {
        "contact_name": "Sam Patel",
        "contact_email": "sam.patel@kent.police.uk",
        "date_completed": "2024-04-12",
    }


def test_texts_are_read_back_and_blank_answers_are_not_stored(tmp_path, resolver):
    result = _read(_filled(tmp_path, resolver), resolver)
    first, second, _blank = spec.QUESTIONS
    assert result.texts == (
        PlannedText(KENT, "2024-Q1", "context", "Operation Tide led to 40 referrals.", "Context",
                    first.box.ref),
        PlannedText(KENT, "2024-Q1", "partnership_work", "Joint visits with the council.",
                    "Context", second.box.ref),
    )  # fmt: skip


def test_markers_map_to_statuses(tmp_path, resolver):
    total = ROWS[("nrm_referrals", "")].input.ref
    child = ROWS[("nrm_referrals", "age=child")].input.ref
    adult = ROWS[("nrm_referrals", "age=adult")].input.ref
    unknown = ROWS[("nrm_referrals", "age=unknown")].input.ref
    orders = ROWS[("stro_stpo_orders", "")].input.ref

    def edit(wb):
        ws = wb[spec.FIGURES]
        ws[total], ws[child], ws[adult], ws[unknown], ws[orders] = "nil", "[c]", "[x]", "[z]", 0

    result = _read(_filled(tmp_path, resolver, edit=edit), resolver)
    assert result.problems == ()
    got = {f.cell: (f.status, f.value) for f in result.figures}
    assert got[total] == (ObservationStatus.NIL, None)
    assert got[child] == (ObservationStatus.SUPPRESSED, None)
    assert got[adult] == (ObservationStatus.SUPPRESSED, None)
    assert got[unknown] == (ObservationStatus.NOT_APPLICABLE, None)
    assert got[orders] == (ObservationStatus.VALUE, 0)  # a typed 0 stays a zero, not nil


def test_bad_values_are_errors_at_their_cells(tmp_path, resolver):
    bad = {
        ROWS[("nrm_referrals", "")].input.ref: -3,
        ROWS[("dtn_reports", "exploitation=labour")].input.ref: 2.5,
        ROWS[("ms_charges", "")].input.ref: "lots",
        ROWS[("staff_trained", "")].input.ref: None,
    }

    def edit(wb):
        for ref, value in bad.items():
            wb[spec.FIGURES][ref] = value

    result = _read(_filled(tmp_path, resolver, edit=edit), resolver)
    errors = _errors(result)
    assert set(errors) == {f"Figures!{ref}" for ref in bad}
    refs = list(bad)
    assert "negative" in errors[f"Figures!{refs[0]}"]
    assert "not a whole number" in errors[f"Figures!{refs[1]}"]
    assert '"lots" is not a count' in errors[f"Figures!{refs[2]}"]
    assert errors[f"Figures!{refs[3]}"].startswith("No figure given")
    assert len(result.figures) == len(spec.FIGURE_ROWS) - len(bad)


def test_parts_over_the_total_are_warned_at_the_total(tmp_path, resolver):
    total = ROWS[("ms_crimes_recorded", "")].input.ref
    result = _read(_filled(tmp_path, resolver, edit=_set("Figures", total, 5)), resolver)
    by_age, by_type = sorted(result.problems, key=lambda p: "exploitation" in p.message)
    for problem in (by_age, by_type):
        assert (problem.severity, problem.sheet, problem.cell) == ("warning", "Figures", total)
        assert "more than the 5 given here" in problem.message
    assert "figures by age for Modern slavery crimes recorded" in by_age.message
    assert "by exploitation type" in by_type.message


def test_wholly_blank_template_gets_one_clear_error(tmp_path, resolver):
    result = _read(_filled(tmp_path, resolver, blank=True), resolver)
    assert result.figures == () and result.texts == ()
    [problem] = result.problems
    assert problem.location == f"Figures!{spec.FIGURE_ROWS[0].input.ref}"
    assert "No figures have been filled in" in problem.message


def test_template_for_another_force_is_refused(tmp_path, resolver):
    path = _filled(tmp_path, resolver)
    errors = _errors(_read(path, resolver, force=DEVON))
    assert list(errors) == [f"Cover!{spec.FORCE_CODE.ref}"]
    message = errors[f"Cover!{spec.FORCE_CODE.ref}"]
    assert "for Kent Police" in message and "Devon and Cornwall Police" in message
    assert _read(path, resolver, force=KENT).problems == ()  # the same force is fine
    assert _read(path, resolver, force="Kent").problems == ()


def test_template_for_another_period_or_a_future_one_is_refused(tmp_path, resolver):
    path = _filled(tmp_path, resolver)
    errors = _errors(_read(path, resolver, period="2024-Q2"))
    assert "April to June 2024" in errors[f"Cover!{spec.PERIOD_KEY.ref}"]
    assert _read(path, resolver, period="Q1 2024").problems == ()
    ctx = ReadContext(path, resolver, date(2024, 3, 31))  # the quarter's last day
    result = read_template(read_workbook(path), ctx)
    assert "has not ended yet" in _errors(result)[f"Cover!{spec.PERIOD_KEY.ref}"]
    assert result.figures == ()


def test_unknown_template_version_names_the_supported_one(tmp_path, resolver):
    edit = _set("Cover", spec.VERSION_CELL.ref, "CD-RETURN-9")
    result = _read(_filled(tmp_path, resolver, edit=edit), resolver)
    [problem] = result.problems
    assert problem.location == f"Cover!{spec.VERSION_CELL.ref}"
    assert "CD-RETURN-9" in problem.message and TEMPLATE_VERSION in problem.message
    assert result.figures == ()


def test_rows_moved_are_reported_not_misread(tmp_path, resolver):
    def edit(wb):
        ws = wb[spec.FIGURES]
        ws.protection.sheet = False
        ws.insert_rows(spec.FIGURE_ROWS[3].row)

    result = _read(_filled(tmp_path, resolver, edit=edit), resolver)
    [problem] = result.problems
    assert problem.location == f"Figures!A{spec.FIGURE_ROWS[3].row}"
    assert "added, deleted or moved" in problem.message
    assert result.figures == ()


def test_cover_with_an_unknown_force_code(tmp_path, resolver):
    edit = _set("Cover", spec.FORCE_CODE.ref, "E23999999")
    errors = _errors(_read(_filled(tmp_path, resolver, edit=edit), resolver))
    assert '"E23999999" is not a police force' in errors[f"Cover!{spec.FORCE_CODE.ref}"]


def test_date_completed_that_is_not_a_date_is_a_warning(tmp_path, resolver):
    edit = _set("Cover", spec.DATE_COMPLETED.ref, "last Tuesday")
    result = _read(_filled(tmp_path, resolver, edit=edit), resolver)
    [problem] = result.problems
    assert (problem.severity, problem.location) == ("warning", f"Cover!{spec.DATE_COMPLETED.ref}")
    assert result.details["date_completed"] == "last Tuesday"


def test_ordinary_workbook_is_not_a_template(tmp_path, resolver):
    plain = write_xlsx(tmp_path / "plain.xlsx", [("Force", "Period"), ("Kent", "2024-Q1")])
    assert _read(plain, resolver) is None
    cover = write_xlsx(tmp_path / "cover.xlsx", [("Not a template",)], sheet="Cover")
    assert _read(cover, resolver) is None


def test_plan_file_imports_a_template_without_questions(tmp_path, resolver):
    plan = plan_file(_filled(tmp_path, resolver), resolver, today=TODAY)
    assert plan.ok and plan.problems == ()
    assert plan.layout == "template" and plan.sheet == "Figures"
    assert plan.template_version == TEMPLATE_VERSION
    assert len(plan.figures) == len(spec.FIGURE_ROWS)
    assert [t.question for t in plan.texts] == ["context", "partnership_work"]
    assert plan.details["contact_name"] == "Sam Patel"


def test_templates_commit_end_to_end(db, tmp_path, resolver):
    paths = [_filled(tmp_path, resolver, force=code, name=f"{code}.xlsx") for code in (KENT, DEVON)]
    plans = plan_files(paths, resolver=resolver, today=TODAY)
    assert [p.layout for p in plans] == ["template", "template"]
    outcomes = commit_plans(db, plans)
    assert [o.status for o in outcomes] == ["ok", "ok"]
    assert sum(o.added for o in outcomes) == 2 * len(spec.FIGURE_ROWS)
    with db.session() as s:
        stored = s.scalar(select(func.count()).select_from(Observation))
    assert stored == 2 * len(spec.FIGURE_ROWS)


def test_import_command_dry_run_reads_a_template(tmp_path, resolver):
    path = _filled(tmp_path, resolver)
    result = _cli(tmp_path, "import", str(path), "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)["files"]
    assert (entry["status"], entry["layout"]) == ("ok", "template")
    assert len(entry["observations"]) == len(spec.FIGURE_ROWS)
    wrong = _cli(tmp_path, "import", str(path), "--dry-run", "--json", "--force", DEVON)
    assert wrong.returncode == 1
    [entry] = json.loads(wrong.stdout)["files"]
    assert [(e["sheet"], e["cell"]) for e in entry["errors"]] == [("Cover", spec.FORCE_CODE.ref)]
