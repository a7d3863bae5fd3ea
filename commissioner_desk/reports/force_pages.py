"""One page per force: the quarter's figures with change, rate and rank, small trends, the
returns of the last four quarters, the force's own words and the open actions naming it.

Counts follow the pack's disclosure control: a count hidden in the table of forces is hidden
here too, and every point of a trend line from 1 to the threshold is a gap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..domain.catalogue import METRICS, METRICS_BY_KEY
from ..domain.periods import Period
from ..domain.population import pick_estimate
from ..formatting import uk_date, uk_datetime
from ..maps.values import MapValues
from ..network.actions_types import ActionRow
from ..progress import Progress, check
from ..published.disclosure import SUPPRESSED_MARK
from ..published.pack_cells import BEFORE, count_text, rank_text, shown_ranks
from ..queries.forces import ForceText
from .blocks import (
    Column,
    Facts,
    Heading,
    PackSection,
    Paragraph,
    Row,
    Table,
    Trend,
    TrendPoint,
    Trends,
)
from .data import PackData
from .national import RANK_NOTE, RETURN_WORDS, mark_note, short_label

TREND_METRICS = ("nrm_referrals", "ms_crimes_recorded")
TREND_QUARTERS = 12
MAX_ACTIONS = 6  # a force page is one page: the rest are counted
MAX_TEXT = 700  # characters of what the force said


class _Ranks:
    """Per metric: the quarter's values (rate measure) and ranks among shown rates."""

    def __init__(self, data: PackData) -> None:
        self.values: dict[str, MapValues] = {}
        self.ranks: dict[str, dict[str, int]] = {}
        for key, cube in data.cubes.items():
            values = cube.values(data.period.key, "rate")
            cells = data.cells[key]
            self.values[key] = values
            self.ranks[key] = shown_ranks(
                {
                    f.code: f.rate
                    for f in values.forces
                    if f.rate is not None and not cells.is_hidden(f.code)
                }
            )


def force_sections(
    data: PackData,
    actions: Sequence[ActionRow],
    texts: Callable[[str], Sequence[ForceText]],
    progress: Progress,
) -> tuple[PackSection, ...]:
    ranks = _Ranks(data)
    by_force: dict[str, list[ActionRow]] = {}
    for a in actions:
        if a.force_code and a.is_open:
            by_force.setdefault(a.force_code, []).append(a)
    forces = next(iter(data.cubes.values())).forces
    sections = []
    for n, force in enumerate(forces):
        check(progress)
        progress.report(n, len(forces), f"Force pages: {force.name}…")
        said = [t for t in texts(force.code) if t.period == data.period.key]
        sections.append(
            PackSection(
                key=f"force:{force.code}",
                title=force.name,
                blocks=_page(
                    data, ranks, force.code, force.estimates, by_force.get(force.code, []), said
                ),
                level=2,
            )
        )
    return tuple(sections)


def _page(
    data: PackData,
    ranks: _Ranks,
    code: str,
    estimates: Sequence[tuple[int, int]],
    actions: Sequence[ActionRow],
    said: Sequence[ForceText],
) -> tuple:
    picked = pick_estimate(estimates, data.period.start.year)
    population = f"{picked[0]:,} (mid-{picked[1]} estimate)" if picked else "no population figure"
    cell = data.grid.cell(code, data.period.key)
    ret = RETURN_WORDS.get(cell.state, cell.state)
    if cell.received_at:
        ret += f", {uk_datetime(cell.received_at)}"
    expected = ranks.values[METRICS[0].key].force(code)
    if cell.state == "missing" and expected is not None and not expected.expected:
        ret = "not expected every quarter"
    reasons = data.flag_reasons()
    flag = reasons.get(code, "Not flagged.")
    blocks: list = [
        Facts(
            (
                ("Population", population),
                (f"Return, {short_label(data.period)}", ret),
                ("Low-reporting flag", flag),
            )
        ),
        _figures(data, ranks, code),
        Heading("Trends"),
        _trends(data, code),
        Heading("Returns"),
        _history(data, code),
    ]
    if said:
        blocks.append(Heading("What the force said with its return"))
        for t in said:
            text = " ".join(t.text.split())
            blocks.append(
                Paragraph(text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…", "small")
            )
    blocks.append(Heading("Open actions naming the force"))
    blocks.append(_actions(actions))
    return tuple(blocks)


def _figures(data: PackData, ranks: _Ranks, code: str) -> Table:
    rows = []
    for metric in METRICS:
        cells = data.cells[metric.key]
        f = ranks.values[metric.key].force(code)
        if f is None:
            continue
        shown = ranks.ranks[metric.key]
        rows.append(
            Row(
                (
                    metric.label,
                    cells.text(code),
                    cells.before_text(code),
                    cells.change_text(code, f.change),
                    cells.rate_text(code, f.rate, f.population_year is not None),
                    f"{rank_text(code, shown)} of {len(shown)}" if code in shown else "–",
                )
            )
        )
    return Table(
        columns=(
            Column("Figure", width=36),
            Column(short_label(data.period), "right", 13),
            Column(short_label(data.before), "right", 13),
            Column("Change", "right", 11),
            Column("Per 100,000", "right", 13),
            Column("Rank (rate)", "right", 14),
        ),
        rows=tuple(rows),
        note=mark_note(data.cells[METRICS[0].key].rule) + " " + RANK_NOTE,
    )


def _quarters(last: Period, n: int) -> list[Period]:
    out = [last]
    while len(out) < n:
        out.insert(0, out[0].previous())
    return out


def _trends(data: PackData, code: str) -> Trends:
    quarters = _quarters(data.period, TREND_QUARTERS)
    trends = []
    for key in TREND_METRICS:
        cube, cells = data.cubes[key], data.cells[key]
        points = []
        for q in quarters:
            status, value = cube._figure(q.key, code)  # the cube's own lookup, as the profile
            label = f"{q.year} Q{q.quarter}"
            hidden = (
                (q.key == data.period.key and cells.is_hidden(code))
                or (q.key == data.before.key and (BEFORE, code) in cells.hidden)
                or (status == "value" and cells.rule.is_small(value))
            )
            if hidden:
                points.append(TrendPoint(label, None, SUPPRESSED_MARK))
            elif status == "value" and value is not None:
                points.append(TrendPoint(label, float(value), count_text(value)))
            elif status == "nil":
                points.append(TrendPoint(label, 0.0, "nil"))
            else:
                points.append(TrendPoint(label, None, status.replace("_", " ")))
        trends.append(Trend(METRICS_BY_KEY[key].label, tuple(points)))
    first, last = quarters[0], quarters[-1]
    return Trends(
        tuple(trends),
        caption=f"{first.label} to {last.label}. Gaps: no figure, or a count small enough to "
        f"be hidden. The number is the latest quarter's.",
    )


def _history(data: PackData, code: str) -> Table:
    periods = data.grid.periods
    cells = [data.grid.cell(code, p) for p in periods]
    return Table(
        columns=tuple(Column(short_label(Period.from_key(p)), "center", 25) for p in periods),
        rows=(Row(tuple(RETURN_WORDS.get(c.state, c.state) for c in cells)),),
        note="The last four quarters. Missing: no return recorded.",
    )


def _actions(actions: Sequence[ActionRow]) -> Table:
    rows = [
        Row(
            (
                a.reference,
                a.title,
                a.organisation_name or a.owner_name,
                uk_date(a.due_date),
                a.rag_label,
            ),
            tone="alert" if a.rag is not None and a.rag.value == "red" else "",
        )
        for a in actions[:MAX_ACTIONS]
    ]
    more = len(actions) - MAX_ACTIONS
    return Table(
        columns=(
            Column("Reference", width=16),
            Column("Action", width=39),
            Column("Owner", width=20),
            Column("Due", width=15, nowrap=True),
            Column("RAG", width=10),
        ),
        rows=tuple(rows),
        empty="No open action names this force.",
        note=f"…and {more} more: see the action log." if more > 0 else "",
    )
