"""Cell references, counts and markers, and the metric or breakdown a cell names."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.domain.enums import ObservationStatus as S
from commissioner_desk.importing import (
    CellValueError,
    breakdown_from_text,
    cell_ref,
    is_blank,
    metric_from_text,
    parse_count,
)


@pytest.mark.parametrize(
    ("row", "col", "ref"),
    [
        (0, 0, "A1"),
        (0, 25, "Z1"),
        (9, 26, "AA10"),
        (0, 51, "AZ1"),
        (0, 701, "ZZ1"),
        (0, 702, "AAA1"),
        (1048575, 16383, "XFD1048576"),
    ],
)
def test_cell_ref(row, col, ref):
    assert cell_ref(row, col) == ref


def test_cell_ref_rejects_negative():
    with pytest.raises(ValueError):
        cell_ref(-1, 0)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (0, (S.VALUE, 0)),  # a typed 0 is the value 0, never nil
        (12, (S.VALUE, 12)),
        (12.0, (S.VALUE, 12)),
        ("1,234", (S.VALUE, 1234)),
        (" 56 ", (S.VALUE, 56)),
        ("1 234", (S.VALUE, 1234)),
        ("1\u00a0234", (S.VALUE, 1234)),
        ("12.0", (S.VALUE, 12)),
        ("0", (S.VALUE, 0)),
        ("12345678901234567890", (S.VALUE, 12345678901234567890)),
        ("nil", (S.NIL, None)),
        ("Nil return", (S.NIL, None)),
        ("NIL", (S.NIL, None)),
        ("[x]", (S.SUPPRESSED, None)),
        ("[c]", (S.SUPPRESSED, None)),
        ("[C]", (S.SUPPRESSED, None)),
        ("*", (S.SUPPRESSED, None)),
        ("~", (S.SUPPRESSED, None)),
        ("suppressed", (S.SUPPRESSED, None)),
        ("<5", (S.SUPPRESSED, None)),
        ("< 5", (S.SUPPRESSED, None)),
        ("[z]", (S.NOT_APPLICABLE, None)),
        ("n/a", (S.NOT_APPLICABLE, None)),
        ("N/A", (S.NOT_APPLICABLE, None)),
        ("na", (S.NOT_APPLICABLE, None)),
        ("Not applicable", (S.NOT_APPLICABLE, None)),
        ("-", (S.NOT_APPLICABLE, None)),
        ("–", (S.NOT_APPLICABLE, None)),  # en dash, as autocorrect makes it
        # "Not available" in the older notation of ONS and the Home Office: a figure exists.
        ("..", (S.SUPPRESSED, None)),
        (":", (S.SUPPRESSED, None)),
        ("x", (S.SUPPRESSED, None)),
        ("X", (S.SUPPRESSED, None)),
        ("[low]", (S.SUPPRESSED, None)),
        ("[LOW]", (S.SUPPRESSED, None)),
    ],
)
def test_parse_count_accepts(cell, expected):
    parsed = parse_count(cell)
    assert parsed == expected
    status, value = parsed  # unpacks like a tuple
    assert (parsed.status, parsed.value) == (status, value)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (-3, "-3 is negative: counts cannot be below zero"),
        ("-3", "-3 is negative"),
        (-3.0, "-3 is negative"),
        (2.5, "2.5 is not a whole number"),
        ("2.5", "2.5 is not a whole number"),
        ("1,23", '"1,23" is not a count'),
        ("lots", '"lots" is not a count or a known marker'),
        ("12 victims", "is not a count"),
        ("#DIV/0!", "#DIV/0! is a spreadsheet error"),
        (True, "TRUE is not a count"),
        (float("nan"), "is not a number"),
        (date(2023, 3, 2), "holds a date"),
        (None, "No figure given"),
        ("   ", "No figure given"),
    ],
)
def test_parse_count_rejects(cell, message):
    with pytest.raises(CellValueError, match=message.replace("(", r"\(").replace("*", r"\*")):
        parse_count(cell)


@pytest.mark.parametrize(
    ("cell", "blank"),
    [(None, True), ("", True), ("  ", True), (0, False), ("-", False), ("nil", False)],
)
def test_is_blank(cell, blank):
    assert is_blank(cell) is blank


@pytest.mark.parametrize(
    "text", ["nrm_referrals", "NRM referrals", " nrm  REFERRALS ", "Nrm Referrals"]
)
def test_metric_by_key_or_label(text):
    assert metric_from_text(text) == "nrm_referrals"


def test_unknown_metric_lists_the_catalogue():
    with pytest.raises(CellValueError, match=r'"Referals" is not a metric.*NRM referrals'):
        metric_from_text("Referals")


@pytest.mark.parametrize(
    ("text", "metric", "key"),
    [
        (None, "nrm_referrals", ""),
        ("All", "nrm_referrals", ""),
        ("Total", "nrm_referrals", ""),
        ("Child", "nrm_referrals", "age=child"),
        ("child", "nrm_referrals", "age=child"),
        ("Criminal", "nrm_referrals", "exploitation=criminal"),
        ("Domestic servitude", "nrm_referrals", "exploitation=domestic_servitude"),
        ("domestic_servitude", "nrm_referrals", "exploitation=domestic_servitude"),
        ("Age not known", "nrm_referrals", "age=unknown"),
        ("age=child;exploitation=criminal", "nrm_referrals", "age=child;exploitation=criminal"),
        ("exploitation=criminal; age=child", "nrm_referrals", "age=child;exploitation=criminal"),
        ("Child, Criminal", "nrm_referrals", "age=child;exploitation=criminal"),
        # "unknown" is a key of both dimensions; Duty to Notify has only one of them.
        ("Unknown", "dtn_reports", "exploitation=unknown"),
    ],
)
def test_breakdown_from_text(text, metric, key):
    assert breakdown_from_text(text, metric) == key


@pytest.mark.parametrize(
    ("text", "metric", "message"),
    [
        ("Unknown", "nrm_referrals", "could mean age=unknown or exploitation=unknown"),
        ("Elderly", "nrm_referrals", '"elderly" is not a breakdown'),
        ("Child", "dtn_reports", "cannot be broken down by age"),
        ("Child", "staff_trained", "cannot be broken down by age"),
        ("Child, Adult", "nrm_referrals", "gives the age twice"),
        ("age=teen", "nrm_referrals", "'teen' is not a known age"),
    ],
)
def test_breakdown_from_text_rejects(text, metric, message):
    with pytest.raises(CellValueError, match=message):
        breakdown_from_text(text, metric)


@pytest.mark.parametrize(
    ("cell", "unit", "expected"),
    [
        (1234.56, "decimal", 1234.56),
        ("1,234.56", "decimal", 1234.56),
        (" 12.5 ", "percent", 12.5),
        (12.0, "decimal", 12),
        (0.123456789, "decimal", 0.1235),
        (7, "decimal", 7),
    ],
)
def test_figures_with_decimals_for_metrics_whose_unit_allows_them(cell, unit, expected):
    parsed = parse_count(cell, unit)
    assert parsed.status is S.VALUE and parsed.value == expected
    assert type(parsed.value) is type(expected)


def test_a_decimal_is_refused_for_a_count_with_the_reason():
    with pytest.raises(CellValueError, match=r"counts are whole numbers .*decimal or percent"):
        parse_count("1,234.56")
    with pytest.raises(CellValueError, match="negative"):
        parse_count(-1.5, "decimal")


def test_the_offices_own_metrics_are_named_in_a_metric_column():
    from commissioner_desk.domain.catalogue import Metric, set_user_metrics

    with pytest.raises(CellValueError):
        metric_from_text("Police officers (FTE)")
    set_user_metrics([Metric("officers_fte", "Police officers (FTE)", "", (), 100, "decimal")])
    assert metric_from_text("police officers (FTE)") == "officers_fte"
    assert metric_from_text("officers_fte") == "officers_fte"
