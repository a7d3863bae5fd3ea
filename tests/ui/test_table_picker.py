"""The mapping step for workbooks of many tables (issue 15): the table picker lists every table
with the ones that cannot be imported greyed out, the chosen one is imported, and a question the
choice raises (its period, a column such as "Not recorded") is asked next, once."""

from __future__ import annotations

from commissioner_desk.importing import ImportOptions
from commissioner_desk.queries.figures import list_figures
from tests.core.importing.shapes import ALL_SHAPES, write
from ui.import_dialog import ImportPreviewDialog, reading_html
from ui.mapping_dialog import MappingDialog, needs


def _wait(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window._operations, timeout=60_000)


def test_pick_a_table_of_a_seventeen_table_workbook(qtbot, window, tmp_path, monkeypatch, problems):
    path = write(ALL_SHAPES["seventeen_tables"]().book, tmp_path / "nrm-statistics.xlsx")
    asked, previewed = [], []

    def answer(parent, plan):
        asked.append(needs(plan))
        dialog = MappingDialog(plan, parent)
        dialog.show()
        picker = dialog.picker
        assert picker is not None and dialog.windowTitle() == "Which table?"
        shown = [picker.model.rows[r].name for r in range(picker.model.rowCount())]
        assert "Table_10" in shown and "Table_8" in shown  # the county table, greyed out
        county = next(t for t in picker.model.rows if t.sheet == "Table_8")
        assert not county.importable and county.geography == "counties"
        picker.select("Table_10")
        options = dialog.options()
        dialog.close()
        return options

    def preview(parent, plans, diffs=None):
        previewed.append(plans)
        return True

    monkeypatch.setattr(MappingDialog, "ask", answer)
    monkeypatch.setattr(ImportPreviewDialog, "ask", preview)
    window.import_files([path])
    _wait(qtbot, window)
    assert problems == [] and asked == [{"table"}]
    [[plan]] = previewed
    assert plan.ok and plan.table.sheet == "Table_10"
    html = reading_html([plan])
    assert "Table 10: Duty to Notify reports" in html and "Rows not taken as forces" in html
    rows = list_figures(window.db, "dtn_reports", "2024")
    assert len(rows) == 43


def test_a_question_raised_by_the_choice_is_asked_next(qtbot, window, tmp_path, monkeypatch):
    path = write(ALL_SHAPES["generic_columns_no_dimension"]().book, tmp_path / "generic.xlsx")
    asked = []

    def answer(parent, plan):
        asked.append(needs(plan))
        dialog = MappingDialog(plan, parent)
        [(heading, box)] = dialog.column_boxes
        assert heading == "Not recorded"
        assert [box.itemData(i) for i in range(box.count())] == [
            "age=unknown",
            "exploitation=unknown",
            "-",
        ]
        box.setCurrentIndex(1)
        return dialog.options()

    seen = []
    monkeypatch.setattr(MappingDialog, "ask", answer)
    monkeypatch.setattr(
        ImportPreviewDialog, "ask", lambda parent, plans, diffs=None: seen.append(plans) or False
    )
    window.import_files([path])
    _wait(qtbot, window)
    assert asked == [{"columns"}]
    [[plan]] = seen
    assert plan.ok and "exploitation=unknown" in {f.breakdown for f in plan.figures}


def test_options_from_the_dialog_name_the_table_chosen(qtbot, tmp_path):
    from commissioner_desk.importing.many import default_resolver
    from commissioner_desk.importing.plan import plan_file

    path = write(ALL_SHAPES["stacked_tables"]().book, tmp_path / "stacked.ods")
    plan = plan_file(path, default_resolver())
    dialog = MappingDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.picker is not None
    dialog.picker.select("Table 2", 2)
    assert dialog.options() == ImportOptions(sheet="Table 2", table=2)


def test_the_column_holding_the_chosen_metric_is_picked_and_the_others_left_out(qtbot, tmp_path):
    from commissioner_desk.importing.many import default_resolver
    from commissioner_desk.importing.plan import plan_file
    from tests.core.importing.conftest import write_xlsx

    rows = [("Workforce by force, 2023/24",), ("Force", "Officers", "Staff")]
    rows += [("Kent", 1, 2), ("Essex", 3, 4), ("Surrey", 5, 6)]
    path = write_xlsx(tmp_path / "w.xlsx", rows)
    options = ImportOptions(metric="staff_trained")
    plan = plan_file(path, default_resolver(), options=options)
    assert needs(plan) == {"measure"}
    dialog = MappingDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.measure_box is not None and dialog.measure_box.count() == 2
    dialog.measure_box.setCurrentIndex(1)
    assert dialog.options().columns == (("Officers", "-"), ("Staff", ""))
