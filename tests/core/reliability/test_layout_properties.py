"""The table-layout detector under hypothesis (issue 9): long and wide tables generated with the
forces in any order, blank rows, footnote markers, numbers written as text and total rows read
back to exactly the figures they were made from; grids of junk never crash the readers, and
whatever they say points at cells of the grid.

Tables are laid out as a workbook's sheet in memory: the subject is the detector, not the file.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from commissioner_desk.domain.forces import territorial_england_wales
from commissioner_desk.importing.checks.cells import cell_ref
from commissioner_desk.importing.layouts.recognise import read_any_layout
from commissioner_desk.importing.model import ReadContext
from commissioner_desk.importing.readers.workbook import Sheet, Workbook

from .conftest import TODAY
from .test_force_properties import RECORDS

FORCES = territorial_england_wales(RECORDS)
PATH = Path("generated.xlsx")
PERIODS = {"2023-Q4": "October to December 2023", "2024-Q1": "Q1 2024", "2024-Q2": "2024-Q2"}
TOTALS = ["Total", "England and Wales", "England & Wales [note 2]", "All forces", "TOTAL"]
counts = st.integers(min_value=0, max_value=2_000_000)


def _read(rows: list[tuple[object, ...]], resolver, sheet: str = "Table 1"):
    workbook = Workbook(PATH, (Sheet(sheet, tuple(rows), hidden=False),))
    return read_any_layout(workbook, ReadContext(PATH, resolver, TODAY))


@st.composite
def force_name(draw, record):
    """How a table names the force: any of its names, any case, a note marker, spaces."""
    name = draw(st.sampled_from(record.names()))
    name = draw(st.sampled_from([name, name.upper(), name.lower()]))
    marker = draw(st.sampled_from(["", " [note 6]", "[Note 1]", " ", "*"]))
    return draw(st.sampled_from(["", " "])) + name + marker


@st.composite
def number(draw, value: int):
    """A count as spreadsheets hold it: a number, or text with thousands separators."""
    return draw(st.sampled_from([value, float(value), f"{value:,}", f" {value} "]))


def _with_blanks(draw, rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    out = []
    for row in rows:
        out.extend([()] * draw(st.integers(min_value=0, max_value=2)))
        out.append(row)
    return out


@st.composite
def long_tables(draw):
    """(rows, {(force code, period key): value}) for a long table: Force, Period, Metric and
    Value columns in any order, under title rows, with totals and blank rows among the forces."""
    forces = draw(st.lists(st.sampled_from(FORCES), min_size=1, max_size=12, unique=True))
    periods = draw(st.lists(st.sampled_from(list(PERIODS)), min_size=1, max_size=3, unique=True))
    expected, body = {}, []
    for record in forces:
        for key in periods:
            value = draw(counts)
            expected[(record.code, key)] = value
            cells = {
                "Force": draw(force_name(record)),
                "Period": PERIODS[key],
                "Metric": "NRM referrals",
                "Value": draw(number(value)),
            }
            body.append(cells)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        body.insert(
            draw(st.integers(min_value=0, max_value=len(body))),
            {
                "Force": draw(st.sampled_from(TOTALS)),
                "Period": PERIODS[periods[0]],
                "Metric": "NRM referrals",
                "Value": draw(counts),
            },
        )
    order = draw(st.permutations(["Force", "Period", "Metric", "Value"]))
    title = [("Modern slavery returns [note 1]",), ("Source: forces",), ()]
    rows = [*title[: draw(st.integers(min_value=0, max_value=3))], tuple(order)]
    rows += _with_blanks(draw, [tuple(cells[c] for c in order) for cells in body])
    return rows, expected


@st.composite
def wide_tables(draw):
    """(rows, {force code: value}) for a published table: a title naming the metric and the
    period, forces down the side in any order, a Total column, total rows among them."""
    # Three forces at least: with fewer, the detector wants a "Police force" heading close
    # above the first (headers.py), which blank and total rows may push out of reach.
    forces = draw(st.lists(st.sampled_from(FORCES), min_size=3, max_size=20, unique=True))
    expected = {record.code: draw(counts) for record in forces}
    body = [
        (draw(force_name(record)), draw(number(v)))
        for record, v in zip(forces, expected.values(), strict=True)
    ]
    grand = sum(expected.values())
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        at = draw(st.integers(min_value=0, max_value=len(body)))
        body.insert(at, (draw(st.sampled_from(TOTALS)), grand))
    rows = [("Table 1: NRM referrals by police force, October to December 2023",), ()]
    rows.append((draw(st.sampled_from(["Police force", "Force", "Police force area"])), "Total"))
    rows += _with_blanks(draw, body)
    return rows, expected


@settings(max_examples=150, deadline=None)
@given(long_tables())
def test_a_generated_long_table_reads_back_its_figures(resolver, table):
    rows, expected = table
    result = _read(rows, resolver)
    assert result is not None and result.layout == "long"
    assert not [p for p in result.problems if p.severity == "error"], result.problems
    got = {(f.force_code, f.period_key): f.value for f in result.figures}
    assert got == expected
    assert {f.metric_key for f in result.figures} == {"nrm_referrals"}
    assert {f.breakdown for f in result.figures} == {""}


@settings(max_examples=150, deadline=None)
@given(wide_tables())
def test_a_generated_wide_table_reads_back_its_figures(resolver, table):
    rows, expected = table
    result = _read(rows, resolver)
    assert result is not None and result.layout == "wide"
    assert not [p for p in result.problems if p.severity == "error"], result.problems
    assert {f.force_code: f.value for f in result.figures} == expected
    assert {(f.period_key, f.metric_key, f.breakdown) for f in result.figures} == {
        ("2023-Q4", "nrm_referrals", "")
    }
    # The stated totals are the forces' sum: nothing to warn about.
    assert not [p for p in result.problems if "add up to" in p.message], result.problems


_JUNK = st.one_of(
    st.none(),
    counts,
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(
        [
            *(r.display_name for r in FORCES[:6]),
            *TOTALS,
            *PERIODS.values(),
            *("Force", "Period", "Metric", "Value", "Breakdown", "Total", "Police force"),
            *("NRM referrals", "Adult", "Child", "[c]", "[x]", "nil", "-", "..", "=SUM(A1)"),
            "Table 1: NRM referrals by police force, October to December 2023",
        ]
    ),
)
grids = st.lists(st.lists(_JUNK, max_size=8).map(tuple), max_size=25)


@settings(max_examples=300, deadline=None)
@given(grids)
def test_a_junk_grid_is_refused_or_read_never_a_crash(resolver, rows):
    result = _read(rows, resolver)
    if result is None:
        return  # no table found: the plan says so, naming the file (see plan.NO_TABLE)
    height = len(rows)
    width = max((len(r) for r in rows), default=0)
    inside = {cell_ref(r, c) for r in range(height) for c in range(width)}
    for problem in result.problems:
        assert problem.message
        assert problem.cell is None or problem.cell in inside, problem
    for figure in result.figures:
        assert figure.cell in inside and figure.sheet == "Table 1"
        assert figure.value is None or figure.value >= 0
