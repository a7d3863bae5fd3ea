"""The words of published tables: categories, totals, periods and measures in headings and
titles, total rows, the header fingerprint, and fuzzy force suggestions."""

from __future__ import annotations

import pytest

from commissioner_desk.domain.periods import Period
from commissioner_desk.importing.layouts.headers import header_fingerprint
from commissioner_desk.importing.layouts.wide_checks import aggregate_scope
from commissioner_desk.importing.layouts.wide_labels import classify
from commissioner_desk.importing.layouts.wide_titles import metrics_in_text, periods_in_text
from commissioner_desk.importing.readers.workbook import Sheet


def read(value: object) -> list[tuple]:
    out = []
    for p in classify(value):
        detail = p.value or p.metric or (p.period.key if p.period else None) or p.dims or None
        out.append((p.kind, detail, p.lossy) if p.lossy else (p.kind, detail))
    return out


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Adult (18 or over)", [("breakdown", "adult")]),
        ("Child (17 or under)", [("breakdown", "child")]),
        ("Age not specified", [("breakdown", "unknown")]),
        ("Labour", [("breakdown", "labour")]),
        ("Sexual exploitation only", [("breakdown", "sexual")]),
        ("Criminal", [("breakdown", "criminal")]),
        ("Domestic servitude", [("breakdown", "domestic_servitude")]),
        ("Organ harvesting", [("breakdown", "organ_harvesting")]),
        ("Labour & Criminal", [("breakdown", "multiple", True)]),
        ("Multiple", [("breakdown", "multiple")]),
        ("Not specified or unknown", [("breakdown", "unknown")]),
        ("Total [note 3]", [("total", None)]),
        ("2022/23", [("period", "2022/23")]),
        ("Q1 2024", [("period", "2024-Q1")]),
        (2023, [("period", "2023")]),
        ("Total NRM referrals", [("total", None), ("metric", "nrm_referrals")]),
        ("Q1 2024 Adult", [("period", "2024-Q1"), ("breakdown", "adult")]),
        ("Age group", [("group", ("age",))]),
        ("Police force", [("force", None)]),
        ("Number of potential victims", [("neutral", None)]),
        ("% change", [("derived", "change")]),
        ("Rate per 100,000 population", [("derived", "rate")]),
        ("Change in 12 months: number", [("derived", "change")]),
        ("Percentage of total", [("derived", "share")]),
        ("12 months to June 2024 % change", [("derived", "change"), ("period", "YE2024-06")]),
        ("04/05", [("period", "2004/05")]),
        ("99/00", [("period", "1999/00")]),
        ("04/06", [("unknown", None)]),
        ("31 March 2024", [("period", "2024-Q1")]),
        ("As at 30 September 2019", [("period", "2019-Q3")]),
        ("Total3", [("total", None)]),
        ("2019/201", [("period", "2019/20")]),
        ("Under 18", [("breakdown", "child")]),
        (None, []),
    ],
)
def test_headings(label, expected):
    assert read(label) == expected


def test_not_specified_could_be_either_dimension():
    (part,) = classify("Not specified or unknown")
    assert part.dims == ("age", "exploitation")
    (explicit,) = classify("Exploitation type not specified")
    assert explicit.dims == ("exploitation",)


@pytest.mark.parametrize(
    ("title", "periods"),
    [
        ("Table 13: NRM referrals by police force, October to December 2023", ["2023-Q4"]),
        ("Modern slavery crimes, year ending March 2024", ["2023/24"]),
        ("Referrals by force, Q4 2023 (October to December)", ["2023-Q4"]),
        ("NRM referrals by force, 2023/24 [note 2]", ["2023/24"]),
        ("NRM statistics 2015 to 2023", ["2015", "2023"]),
        ("Source: Home Office, published 7 March 2024", []),
        ("Table 13 [note 13]: referrals by force", []),
    ],
)
def test_periods_in_titles(title, periods):
    assert [p.key for p in periods_in_text(title)] == periods


@pytest.mark.parametrize(
    ("title", "metrics"),
    [
        ("Table 13: NRM referrals by police force", ["nrm_referrals"]),
        ("NRM referrals received for investigation, by force", ["referrals_for_investigation"]),
        ("Duty to Notify reports by police force", ["dtn_reports"]),
        ("NRM referrals and DtN reports by force", ["nrm_referrals", "dtn_reports"]),
        ("Modern slavery crimes recorded, England and Wales", ["ms_crimes_recorded"]),
        ("Police force areas of England and Wales", []),
    ],
)
def test_metrics_in_titles(title, metrics):
    assert metrics_in_text(title) == metrics


@pytest.mark.parametrize(
    ("label", "scope"),
    [
        ("England and Wales", "England and Wales"),
        ("England & Wales [note 2]", "England and Wales"),
        ("Total England and Wales", "England and Wales"),
        ("Total", "the whole table"),
        ("UK", "the whole table"),
        ("North West", "North West"),
        ("Kent", None),
        (12, None),
        ("ENGLAND AND WALES7,8", "England and Wales"),
        ("Total England & Wales (43 forces)", "England and Wales"),
        ("Total 43 forces", "England and Wales"),
        ("Total (excluding BTP)", "the whole table (excluding British Transport Police)"),
        ("Total North West", "North West"),
        ("NORTH EAST", "North East"),
        ("Eastern", "East of England"),
        ("East", "East of England"),
        ("Yorkshire and the Humber", "Yorkshire and The Humber"),
        ("Central Service Secondments", None),
        ("West Midlands region", "West Midlands"),
    ],
)
def test_total_rows(label, scope):
    found = aggregate_scope(label)
    assert (found.name if found else None) == scope


def test_england_and_wales_covers_territorial_forces_only(resolver):
    scope = aggregate_scope("England and Wales")
    assert scope.covers(resolver.resolve("Kent")) and scope.covers(resolver.resolve("Gwent"))
    assert not scope.covers(resolver.resolve("BTP"))
    assert not scope.covers(resolver.resolve("Police Scotland"))
    north_west = aggregate_scope("North West")
    assert north_west.covers(resolver.resolve("Cumbria"))
    assert not north_west.covers(resolver.resolve("Kent"))


def _sheet(*rows):
    return Sheet("T", tuple(tuple(r) for r in rows), False)


def test_fingerprint_ignores_periods_case_spacing_and_notes():
    q4 = _sheet(("Police force", "Oct-Dec 2023", "Total [note 2]"))
    q1 = _sheet(("police  force ", "Q1 2024", "TOTAL"))
    assert header_fingerprint(q4, [0]) == header_fingerprint(q1, [0])
    other = _sheet(("Police force", "Oct-Dec 2023", "Adult"))
    assert header_fingerprint(other, [0]) != header_fingerprint(q4, [0])
    assert len(header_fingerprint(q4, [0])) == 64


def test_fingerprint_is_of_the_header_not_the_values():
    a = _sheet(("Force", "Total"), ("Kent", 1))
    b = _sheet(("Force", "Total"), ("Essex", 9), ("Surrey", 3))
    assert header_fingerprint(a, [0]) == header_fingerprint(b, [0])


def test_fuzzy_suggestions_are_offered_not_accepted(resolver):
    # rapidfuzz: spelling and word order; resolve() itself never accepts a near miss.
    assert [r.display_name for r in resolver.suggest("Cornwall and Devon")] == [
        "Devon and Cornwall Police"
    ]
    assert [r.code for r in resolver.suggest("Glocestershire")] == ["E23000037"]
    assert resolver.resolve("Glocestershire") is None
    assert resolver.suggest("Kent County Council") == []


def test_period_objects_not_keys():
    assert periods_in_text("October to December 2023") == [Period.quarter_of(2023, 4)]
