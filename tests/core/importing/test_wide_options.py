"""What a wide table does not say, the user says (--metric, --period); without it, one clear
error rather than a guess."""

from __future__ import annotations

from commissioner_desk.importing.model import ImportOptions
from commissioner_desk.importing.plan import plan_file

from .conftest import TODAY, write_xlsx

FORCES = [("Kent", 1, 2), ("Essex", 3, 4), ("Surrey", 5, 6)]
TOTALS = [(name, a + b) for name, a, b in FORCES]


def _plan(tmp_path, resolver, rows, **options):
    path = write_xlsx(tmp_path / "w.xlsx", rows)
    return plan_file(path, resolver, today=TODAY, options=ImportOptions(**options))


def test_a_table_that_does_not_say_what_it_counts_gets_one_error(tmp_path, resolver):
    plan = _plan(tmp_path, resolver, [("Force", "Q1 2024", "Q2 2024"), *FORCES])
    assert plan.layout == "wide" and not plan.figures
    (only,) = plan.problems
    assert only.severity == "error" and only.sheet == "Returns"
    assert only.message.startswith("This table does not say what it counts: choose the metric")
    assert "--metric KEY" in only.message and "nrm_referrals (NRM referrals)" in only.message
    # The plan still names the header, so the app's mapping step can save a profile for it.
    assert len(plan.details["fingerprint"]) == 64


def test_metric_from_the_user(tmp_path, resolver):
    rows = [("Force", "Q1 2024", "Q2 2024"), *FORCES]
    plan = _plan(tmp_path, resolver, rows, metric="dtn_reports")
    assert plan.ok and len(plan.figures) == 6
    assert {f.metric_key for f in plan.figures} == {"dtn_reports"}
    assert plan.details["metric_source"] == "options"


def test_neither_metric_nor_period_is_still_one_error(tmp_path, resolver):
    plan = _plan(tmp_path, resolver, [("Force", "Adult", "Child"), *FORCES])
    (only,) = plan.problems
    assert "--metric" in only.message and "--period" in only.message


def test_period_from_the_user_as_a_key_or_as_written(tmp_path, resolver):
    rows = [("Force", "Adult", "Child"), *FORCES]
    for period in ("2024-Q1", "January to March 2024"):
        plan = _plan(tmp_path, resolver, rows, metric="nrm_referrals", period=period)
        assert plan.ok and {f.period_key for f in plan.figures} == {"2024-Q1"}
        assert plan.details["period_source"] == "options"


def test_title_naming_two_periods_asks(tmp_path, resolver):
    rows = [("NRM referrals by force, 2022 and 2023",), (), ("Force", "Total"), *TOTALS]
    plan = _plan(tmp_path, resolver, rows)
    (only,) = plan.problems
    assert "names more than one period (2022, 2023)" in only.message
    chosen = _plan(tmp_path, resolver, rows, period="2023")
    assert chosen.ok and {f.period_key for f in chosen.figures} == {"2023"}


def test_the_users_word_wins_over_the_title_with_a_warning_giving_both(tmp_path, resolver):
    rows = [("Duty to Notify reports by force, Q3 2024",), ("Force", "Total"), *TOTALS]
    plan = _plan(tmp_path, resolver, rows, metric="nrm_referrals", period="2024-Q1")
    assert plan.ok
    assert {(f.metric_key, f.period_key) for f in plan.figures} == {("nrm_referrals", "2024-Q1")}
    assert {w.cell for w in plan.warnings} == {"A1"}
    metric, period = sorted(
        plan.warnings, key=lambda w: "period" in w.message or "cover" in w.message
    )
    assert "Duty to Notify reports" in metric.message and "NRM referrals" in metric.message
    assert "July to September 2024" in period.message and "2024-Q1" in period.message
    assert plan.details["metric_source"] == "options" and plan.details["period_source"] == "options"


def test_an_unknown_metric_option_is_named(tmp_path, resolver):
    plan = _plan(tmp_path, resolver, [("Force", "2023"), *TOTALS], metric="referals")
    (only,) = plan.problems
    assert only.message.startswith('"referals" is not a metric the app knows')


def test_a_date_in_the_notes_is_not_the_period(tmp_path, resolver):
    rows = [
        ("NRM referrals by police force",),
        ("Published 7 March 2024",),
        ("Source: Home Office, 2024",),
        (),
        ("Force", "Total"),
        *TOTALS,
    ]
    plan = _plan(tmp_path, resolver, rows)
    (only,) = plan.problems
    assert "does not say which period" in only.message


def test_a_long_table_without_a_metric_column_takes_the_users_metric(tmp_path, resolver):
    rows = [("Force", "Period", "Value"), ("Kent", "2024-Q1", 5), ("Kent", "2024-Q2", 6)]
    asked = _plan(tmp_path, resolver, rows)
    assert asked.layout == "wide" and "--metric" in asked.errors[0].message
    plan = _plan(tmp_path, resolver, rows, metric="ms_charges")
    assert plan.ok and plan.details["period_source"] == "column"
    got = [(f.period_key, f.metric_key, f.value, f.cell) for f in plan.figures]
    assert got == [("2024-Q1", "ms_charges", 5, "C2"), ("2024-Q2", "ms_charges", 6, "C3")]


def test_a_force_chosen_for_a_table_of_forces_reads_that_force_only(tmp_path, resolver):
    rows = [("NRM referrals by force, Q3 2024",), ("Force", "Total"), *TOTALS]
    plan = _plan(tmp_path, resolver, rows, force="Kent")
    assert plan.ok and {f.force_code for f in plan.figures} == {"E23000032"}
    assert any("as you chose" in w.message for w in plan.warnings)
    missing = _plan(tmp_path, resolver, rows, force="Dorset")
    assert not missing.ok and "no figures for it" in missing.errors[0].message


def test_the_users_metric_takes_the_one_column_of_figures_no_heading_names(tmp_path, resolver):
    rows = [("Breath tests by police force, 2023/24",), ("Force", "Tests"), *TOTALS]
    plan = _plan(tmp_path, resolver, rows, metric="staff_trained")
    assert plan.ok and {f.metric_key for f in plan.figures} == {"staff_trained"}
    assert any('"Tests" was read as Staff trained' in w.message for w in plan.warnings)


def test_several_columns_no_heading_names_ask_which_holds_the_metric(tmp_path, resolver):
    rows = [("Workforce by force, 2023/24",), ("Force", "Officers", "Staff"), *FORCES]
    plan = _plan(tmp_path, resolver, rows, metric="staff_trained")
    assert not plan.ok and not plan.figures and plan.details["needs"] == "measure"
    assert "Which column holds Staff trained?" in plan.errors[0].message
    said = (("Officers", ""), ("Staff", "-"))
    chosen = _plan(tmp_path, resolver, rows, metric="staff_trained", columns=said)
    assert chosen.ok, chosen.errors
    assert {f.force_code: f.value for f in chosen.figures} == {
        "E23000032": 1,
        "E23000028": 3,
        "E23000031": 5,
    }
