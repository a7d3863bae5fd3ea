"""Footnote markers glued to labels, headings and titles (issue 15), taken off without damaging
what really ends in digits, and force names read through them."""

from __future__ import annotations

import pytest

from commissioner_desk.importing.layouts.footnotes import (
    strip_heading_notes,
    strip_label_notes,
    strip_title_notes,
)
from commissioner_desk.importing.layouts.table_find import resolve_label


@pytest.mark.parametrize(
    ("label", "bare"),
    [
        ("Greater Manchester8,9", "Greater Manchester"),
        ("ENGLAND AND WALES7,8", "ENGLAND AND WALES"),
        ("Devon and Cornwall 4", "Devon and Cornwall"),
        ("Sussex¹", "Sussex"),
        ("Kent*", "Kent"),
        ("Surrey (a)", "Surrey"),
        ("Thames Valley[note 3]", "Thames Valley"),
        ("Avon and Somerset (note 5)", "Avon and Somerset"),
        ("Kent[note 2]*", "Kent"),
        ("North Wales", "North Wales"),
    ],
)
def test_labels(label, bare):
    assert strip_label_notes(label) == bare


@pytest.mark.parametrize(
    ("heading", "bare"),
    [
        ("Adult (18 or over)2", "Adult (18 or over)"),
        ("2019/201", "2019/20"),
        ("20191", "2019"),
        ("Total3", "Total"),
        ("Under 18", "Under 18"),  # a spaced number is the heading's meaning
        ("Q1 2024", "Q1 2024"),
        ("2023/2024", "2023/2024"),
    ],
)
def test_headings(heading, bare):
    assert strip_heading_notes(heading) == bare


@pytest.mark.parametrize(
    ("title", "bare"),
    [
        (
            "Table 13: NRM referrals by police force, October to December 20191,2",
            "Table 13: NRM referrals by police force, October to December 2019",
        ),
        ("Police workforce, as at 31 March 20241", "Police workforce, as at 31 March 2024"),
        ("Use of force, 2023/241", "Use of force, 2023/24"),
        ("Table 2, 2023/2024", "Table 2, 2023/2024"),
        ("Crime by police force area2,3", "Crime by police force area"),
        ("Table P1: year ending June 2024 [note 1][note 2]", "Table P1: year ending June 2024"),
    ],
)
def test_titles(title, bare):
    assert strip_title_notes(title) == bare


def test_force_names_are_read_through_their_markers_as_written_first(resolver):
    assert resolve_label(resolver, "Greater Manchester8,9").code == "E23000005"
    assert resolve_label(resolver, "Devon and Cornwall 4").code == "E23000035"
    assert resolve_label(resolver, "Sussex¹").code == "E23000033"
    assert resolve_label(resolver, "Table P1") is None
