"""The template return's layout: where everything is, for the writer and the reader alike.

One source of truth: the writer puts each label, input and key where this module says, and the
reader looks for them in the same places, so the two cannot drift apart. Rows and columns here
are 1-based, as Excel and openpyxl count them; `At.index` gives the 0-based (row, col) the
calamine reader uses.

Changing where anything goes makes a new layout: give it a new TEMPLATE_VERSION, and keep
reading the old one for as long as forces may still send it.
"""

from __future__ import annotations

from dataclasses import dataclass

from commissioner_desk.domain.catalogue import DIMENSIONS, METRICS, TOTAL, breakdown_key

from ..checks.cells import cell_ref

TEMPLATE_VERSION = "CD-RETURN-1"
VERSION_PREFIX = "CD-RETURN-"  # any id starting with this is a template, perhaps a newer one
SUPPORTED_VERSIONS = frozenset({TEMPLATE_VERSION})
VERSION_NAME = "CD_TEMPLATE_VERSION"  # a defined name pointing at the version cell, for Excel

COVER, FIGURES, CONTEXT = "Cover", "Figures", "Context"

# The markers a force may type instead of a number (cells.parse_count reads each of them).
MARKERS = ("nil", "[c]", "[x]", "[z]")


@dataclass(frozen=True)
class At:
    """A cell, 1-based as Excel counts."""

    row: int
    col: int

    @property
    def ref(self) -> str:
        return cell_ref(self.row - 1, self.col - 1)

    @property
    def index(self) -> tuple[int, int]:
        """0-based (row, col), for `Sheet.cell`."""
        return self.row - 1, self.col - 1


# --- Cover -----------------------------------------------------------------------------------

LABEL_COL, VALUE_COL = 1, 2
# A hidden column: calamine returns hidden cells' values (it reads values, not defined names).
VERSION_CELL = At(1, 8)
FORCE_NAME = At(4, VALUE_COL)
FORCE_CODE = At(5, VALUE_COL)
PERIOD_LABEL = At(6, VALUE_COL)
PERIOD_KEY = At(7, VALUE_COL)
CONTACT_NAME = At(10, VALUE_COL)
CONTACT_EMAIL = At(11, VALUE_COL)
DATE_COMPLETED = At(12, VALUE_COL)
COVER_INPUTS = {"contact_name": CONTACT_NAME, "contact_email": CONTACT_EMAIL}
INSTRUCTIONS_ROW = 15  # the heading; the instructions follow, one per row

# --- Figures ---------------------------------------------------------------------------------

HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
DIM_COL, CATEGORY_COL, VALUE_INPUT_COL, GUIDANCE_COL = 1, 2, 3, 4
KEY_COL = 5  # hidden: "metric|breakdown" per input row, to notice rows moved or deleted
FIGURE_HEADERS = ("Breakdown", "Category", "Figure", "Guidance")


@dataclass(frozen=True)
class Section:
    """A metric's heading row; its figure rows follow."""

    metric_key: str
    row: int
    label: str
    description: str


@dataclass(frozen=True)
class FigureRow:
    metric_key: str
    breakdown: str  # catalogue.breakdown_key, "" for the total
    row: int
    dimension_label: str  # "Total", "Age", "Exploitation type"
    category_label: str  # "All", "Child", "Labour"
    guidance: str
    first_of_group: bool = True  # the first row of a dimension's group (or the total)

    @property
    def input(self) -> At:
        return At(self.row, VALUE_INPUT_COL)

    @property
    def key(self) -> str:
        return f"{self.metric_key}|{self.breakdown}"


def _layout() -> tuple[tuple[Section, ...], tuple[FigureRow, ...]]:
    sections: list[Section] = []
    rows: list[FigureRow] = []
    r = FIRST_ROW
    for number, metric in enumerate(METRICS, start=1):
        sections.append(Section(metric.key, r, f"{number}. {metric.label}", metric.description))
        r += 1
        total_note = "The total, even where you cannot break it down."
        rows.append(FigureRow(metric.key, TOTAL, r, "Total", "All", total_note))
        r += 1
        for dim_key in metric.dimensions:
            dim = DIMENSIONS[dim_key]
            for n, (value_key, value_label) in enumerate(dim.values):
                first = n == 0
                note = (
                    f"The {dim.label.lower()} rows should add up to the total: put what you "
                    "cannot place under not known."
                    if first
                    else ""
                )
                key = breakdown_key({dim_key: value_key})
                rows.append(FigureRow(metric.key, key, r, dim.label, value_label, note, first))
                r += 1
    return tuple(sections), tuple(rows)


SECTIONS, FIGURE_ROWS = _layout()
LAST_ROW = FIGURE_ROWS[-1].row

# --- Context ---------------------------------------------------------------------------------

BOX_FIRST_COL, BOX_LAST_COL = 1, 6  # each answer box spans A:F
BOX_HEIGHT = 8  # rows


@dataclass(frozen=True)
class Question:
    key: str  # stable: stored with the answer, never renamed
    label: str
    hint: str
    row: int  # the question's heading row; the hint follows, then the box

    @property
    def box(self) -> At:
        """The answer's cell: the top-left of the merged box."""
        return At(self.row + 2, BOX_FIRST_COL)

    @property
    def box_range(self) -> str:
        last = At(self.row + 1 + BOX_HEIGHT, BOX_LAST_COL)
        return f"{self.box.ref}:{last.ref}"


_QUESTIONS = (
    (
        "context",
        "What explains these figures?",
        "For example an operation, a change in how crimes are recorded, a new team, or fewer "
        "officers trained than usual.",
    ),
    (
        "partnership_work",
        "Partnership work this quarter",
        "Work with local authorities, health, charities, businesses or other forces.",
    ),
    (
        "data_quality",
        "Anything we should know about the data",
        "For example figures that are estimates, incomplete, or counted differently from "
        "last quarter.",
    ),
)
QUESTIONS_FIRST_ROW = 4
QUESTIONS = tuple(
    Question(key, label, hint, QUESTIONS_FIRST_ROW + n * (BOX_HEIGHT + 3))
    for n, (key, label, hint) in enumerate(_QUESTIONS)
)
