"""The live metric catalogue: built-ins and the office's own metrics side by side, found by key or
by name, with units that say what a figure may be."""

from __future__ import annotations

import pytest

from commissioner_desk.domain import catalogue
from commissioner_desk.domain.catalogue import (
    METRICS,
    METRICS_BY_KEY,
    BreakdownError,
    Metric,
    UnknownMetricError,
    all_metrics,
    check_breakdown,
    metric_unit,
    resolve_metric,
    set_user_metrics,
    value_problem,
)
from commissioner_desk.formatting import figure

FTE = Metric("officers_fte", "Police officers (FTE)", "", (), 1001, "decimal", False)
SHARE = Metric("detected_share", "Share detected", "", (), 1002, "percent", False)


def test_builtins_are_counts_and_the_live_dict_is_updated_in_place():
    assert all(m.unit == "count" and m.builtin for m in METRICS)
    same = catalogue.METRICS_BY_KEY
    set_user_metrics([SHARE, FTE])
    assert catalogue.METRICS_BY_KEY is same is METRICS_BY_KEY  # old imports still see them
    assert METRICS_BY_KEY["officers_fte"] is FTE
    assert all_metrics() == (*METRICS, FTE, SHARE)  # built-ins first, then by position
    set_user_metrics([FTE])  # replaces the user part: the share has gone
    assert "detected_share" not in METRICS_BY_KEY and "officers_fte" in METRICS_BY_KEY
    set_user_metrics(())
    assert all_metrics() == METRICS and set(METRICS_BY_KEY) == {m.key for m in METRICS}


def test_a_user_metric_never_shadows_a_builtin():
    impostor = Metric("nrm_referrals", "Referrals", "", (), 1001, "percent", False)
    set_user_metrics([impostor])
    assert METRICS_BY_KEY["nrm_referrals"].builtin
    assert all_metrics() == METRICS


def test_units_say_what_may_be_added_up_hidden_and_rated():
    assert (FTE.is_count, FTE.adds_up, FTE.has_rate) == (False, True, True)
    assert (SHARE.is_count, SHARE.adds_up, SHARE.has_rate) == (False, False, False)
    set_user_metrics([FTE])
    assert metric_unit("officers_fte") == "decimal"
    assert metric_unit("nrm_referrals") == "count"
    assert metric_unit("no_such_metric") == "count"  # unknown: protected like a count


@pytest.mark.parametrize(
    ("metric", "value", "words"),
    [
        (METRICS[0], 2.5, "not a whole number"),
        (METRICS[0], -1, "below nought"),
        (FTE, -0.5, "below nought"),
        (SHARE, 100.5, "above 100"),
        (SHARE, float("nan"), "not a number"),
    ],
)
def test_values_a_unit_does_not_allow_are_named(metric, value, words):
    assert words in value_problem(metric, value)


@pytest.mark.parametrize(
    ("metric", "value"), [(METRICS[0], 12), (METRICS[0], 12.0), (FTE, 1234.56), (SHARE, 100)]
)
def test_values_a_unit_allows(metric, value):
    assert value_problem(metric, value) is None


def test_a_user_metric_has_its_total_only():
    set_user_metrics([FTE])
    check_breakdown("officers_fte", "")
    with pytest.raises(BreakdownError, match="cannot be broken down by age"):
        check_breakdown("officers_fte", "age=child")


@pytest.mark.parametrize(
    "text",
    [
        "officers_fte",
        "OFFICERS_FTE",
        " officers_fte ",
        "Police officers (FTE)",
        "police OFFICERS (fte)",
        "Police_officers  (FTE)",
    ],
)
def test_resolve_by_key_or_unique_name(text):
    set_user_metrics([FTE])
    assert resolve_metric(text) is FTE


def test_resolve_builtin_by_name_ignoring_spacing_and_case():
    assert resolve_metric("modern slavery CRIMES recorded").key == "ms_crimes_recorded"
    assert resolve_metric("MS Crimes Recorded").key == "ms_crimes_recorded"  # its key, spaced


def test_a_miss_lists_the_close_ones():
    set_user_metrics([FTE])
    with pytest.raises(UnknownMetricError) as caught:
        resolve_metric("nrm referals")
    assert 'No metric is called "nrm referals"' in str(caught.value)
    assert "nrm_referrals (NRM referrals)" in str(caught.value)
    with pytest.raises(UnknownMetricError, match=r"officers_fte \(Police officers \(FTE\)\)"):
        resolve_metric("officers")


def test_a_miss_with_nothing_close_lists_every_key():
    with pytest.raises(UnknownMetricError, match="The metrics are: nrm_referrals, dtn_reports"):
        resolve_metric("zzqx")


def test_a_name_two_metrics_share_says_which_keys_it_could_be():
    # The store refuses such names; metrics from elsewhere (an older version) may still clash.
    twin = Metric("share_detected", "Share detected", "", (), 1003, "percent", False)
    set_user_metrics([SHARE, twin])
    with pytest.raises(UnknownMetricError) as caught:
        resolve_metric("share detected")
    message = str(caught.value)
    assert "could be any of" in message
    assert "detected_share (Share detected)" in message
    assert "share_detected (Share detected)" in message
    assert resolve_metric("share_detected") is twin  # the key itself is never ambiguous


def test_an_empty_name_is_refused_in_words():
    with pytest.raises(UnknownMetricError, match="Give a metric"):
        resolve_metric("  ")


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1234, "count", "1,234"),
        (1234.56, "decimal", "1,234.56"),
        (1234.5, "decimal", "1,234.5"),
        (1234.0, "decimal", "1,234"),
        (1234.5678, "decimal", "1,234.57"),
        (12.5, "percent", "12.5%"),
        (None, "decimal", ""),
    ],
)
def test_figures_are_shown_uk_style_to_at_most_two_places(value, unit, text):
    assert figure(value, unit) == text
