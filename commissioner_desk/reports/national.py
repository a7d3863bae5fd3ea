"""The national sections: key figures, the table of forces and the national map."""

from __future__ import annotations

from dataclasses import replace

from ..domain.catalogue import METRICS, METRICS_BY_KEY
from ..domain.periods import Period
from ..maps.boundaries import Boundaries
from ..maps.hexes import HexLayout
from ..maps.values import ForceValue, MapValues
from ..published.disclosure import SUPPRESSED_MARK, SuppressionRule
from ..published.pack_cells import MetricCells, change_text, rank_text, shown_ranks
from .blocks import Bullets, Column, MapFigure, Paragraph, Row, Table
from .data import PackData

RETURN_WORDS = {
    "received": "received",
    "accepted": "accepted",
    "nil_return": "nil return",
    "returned_for_correction": "sent back",
    "invalid": "invalid",
    "superseded": "superseded",
    "missing": "missing",
}
HEADLINE_METRICS = ("nrm_referrals", "ms_crimes_recorded")
RANK_NOTE = "Rank: by rate per 100,000 among the forces whose figure is shown; =: shared."


def short_label(period: Period) -> str:
    """ "Jul–Sep 2026": a column heading."""
    return f"{period.start:%b}–{period.end:%b %Y}"


def mark_note(rule: SuppressionRule, unit: str = "count") -> str:
    if unit != "count":  # the office's decimal and percentage figures identify no one
        return (
            "Nothing is hidden: these figures are not counts of people. Missing: no figure "
            "was given; it is never counted as zero."
        )
    return (
        f"{SUPPRESSED_MARK}: hidden so that no one can be identified (counts from 1 to "
        f"{rule.threshold}, and other counts that would let a hidden one be worked out). "
        "Missing: no figure was returned; it is never counted as zero."
    )


def _change_words(change: float | None, text: str) -> str:
    if change is None:
        return "" if text != SUPPRESSED_MARK else " (change on a year before not shown)"
    if abs(change) < 0.05:
        return ", unchanged on a year before"
    direction = "up" if change > 0 else "down"
    return f", {direction} {abs(change):.1f}% on a year before"


def headline(data: PackData) -> str:
    """One sentence a reader takes away: the period's referrals and crimes, with change."""
    parts = []
    for key in HEADLINE_METRICS:
        cells = data.cells[key]
        total = cells.total_text()
        change = cells.total_change()
        label = METRICS_BY_KEY[key].label
        label = label[0].lower() + label[1:] if not label.startswith("NRM") else label
        parts.append(f"{total} {label}{_change_words(change, cells.total_change_text())}")
    n = data.cells[HEADLINE_METRICS[0]].counted
    forces = "1 force" if n == 1 else f"{n} forces"
    return f"In {data.period.label}, {forces} reported {parts[0]}; and {parts[1]}."


def returns_line(data: PackData) -> str:
    done, expected = data.grid.returned_count(data.period.key)
    missing = [f.name for f, _ in data.grid.chase_list(data.period.key)]
    text = (
        f"Returns received for {data.period.label}: {done} of the {expected} forces of England "
        "and Wales."
    )
    if missing and len(missing) <= 6:
        text += f" Not yet in: {', '.join(missing)}."
    elif missing:
        text += f" {len(missing)} are not yet in (see the chase list)."
    return text


def key_figures(data: PackData) -> tuple:
    now, before = short_label(data.period), short_label(data.before)
    rows = []
    for metric in METRICS:
        cells = data.cells[metric.key]
        rows.append(
            Row(
                (
                    metric.label,
                    cells.total_text(),
                    cells.total_before_text(),
                    cells.total_change_text(),
                    f"{cells.counted}",
                )
            )
        )
    table = Table(
        columns=(
            Column("Figure", width=40),
            Column(now, "right", 15),
            Column(f"{before} (same forces)", "right", 17),
            Column("Change", "right", 12),
            Column("Forces counted", "right", 16),
        ),
        rows=tuple(rows),
        note=(
            "All forces: the 43 forces of England and Wales, Police Scotland, PSNI and British "
            "Transport Police, where they gave a figure. Change compares the same forces in "
            "both quarters. " + mark_note(data.cells[METRICS[0].key].rule)
        ),
    )
    return (Paragraph(headline(data), "lead"), Paragraph(returns_line(data)), table)


def return_word(data: PackData, code: str, expected: bool) -> str:
    cell = data.grid.cell(code, data.period.key)
    if cell.state == "missing" and not expected:
        return "not expected"
    return RETURN_WORDS.get(cell.state, cell.state.replace("_", " "))


def _ranked_by(values: MapValues, cells: MetricCells) -> dict[str, float]:
    """What the table ranks: rates per 100,000, or a percentage as it is."""
    if not cells.adds_up:
        return {f.code: f.value for f in values.forces if f.value is not None}
    rates = {
        f.code: f.rate for f in values.forces if f.rate is not None and not cells.is_hidden(f.code)
    }
    for f in values.forces:  # a nil return is a rate of nought, and ranks last
        if f.status == "nil" and f.population_year is not None and not cells.is_hidden(f.code):
            rates[f.code] = 0.0
    return rates


COLUMN_WORDS = {"count": "Count", "decimal": "Figure", "percent": "Per cent"}


def forces_table(data: PackData, metric_key: str) -> tuple:
    cells = data.cells[metric_key]
    measure = "rate" if cells.adds_up else "count"
    values = data.cubes[metric_key].values(data.period.key, measure)
    reasons = data.flag_reasons() if metric_key == data.low_rule.metric_key else {}
    ranks = shown_ranks(_ranked_by(values, cells))
    ranked = sorted((f for f in values.forces if f.code in ranks), key=lambda f: ranks[f.code])
    rest = [f for f in values.forces if f.code not in ranks]
    # A percentage: no rate, no change on a year (a % of a %) and no all-forces total.
    ratio = cells.adds_up
    rows = []
    for f in (*ranked, *rest):
        flag = "low" if f.code in reasons else ""
        rate = (cells.rate_text(f.code, f.rate, f.population_year is not None),) if ratio else ()
        change = (cells.change_text(f.code, f.change),) if ratio else ()
        rows.append(
            Row(
                (
                    rank_text(f.code, ranks),
                    f.name,
                    cells.text(f.code),
                    *rate,
                    *change,
                    return_word(data, f.code, f.expected),
                    flag,
                ),
                tone="alert" if flag else "",
            )
        )
    if ratio:
        rows.append(
            Row(
                ("", "All forces", cells.total_text(), "", cells.total_change_text(), "", ""),
                tone="total",
            )
        )
    metric = METRICS_BY_KEY[metric_key]
    year = values.population_year
    if ratio:
        intro = Paragraph(
            f"{metric.label} in {data.period.label}, force by force, ranked by the rate per "
            f"100,000 people{f' (mid-{year} population estimates)' if year else ''}. Forces "
            "with no rate (no population figure, or a hidden or missing count) are listed after "
            "the ranked forces, by name."
        )
    else:
        intro = Paragraph(
            f"{metric.label} in {data.period.label}, force by force, highest first. A "
            "percentage is not added up across forces, so there is no all-forces figure; "
            "forces with no figure are listed after the others, by name."
        )
    columns = (
        Column("Rank", "right", 7),
        Column("Force", width=32),
        Column(COLUMN_WORDS[metric.unit], "right", 11),
        *(
            (Column("Per 100,000", "right", 12), Column("Change on a year", "right", 13))
            if ratio
            else ()
        ),
        Column("Return", width=17),
        Column("Flag", width=8),
    )
    rank_note = RANK_NOTE if ratio else "Rank: by the figure among the forces with one; =: shared."
    table = Table(
        columns=columns,
        rows=tuple(rows),
        note=mark_note(cells.rule, metric.unit) + " " + rank_note,
    )
    blocks: list = [intro, table]
    if reasons:
        blocks.append(Paragraph(f"{data.flag_label}:", "small"))
        names = data.names()
        blocks.append(
            Bullets(
                tuple(
                    f"{names[c]}: {r}"
                    for c, r in sorted(reasons.items(), key=lambda item: names[item[0]])
                ),
                "small",
            )
        )
    elif metric_key == data.low_rule.metric_key:
        blocks.append(Paragraph(data.flag_label + ".", "small"))
    return tuple(blocks)


def protected_map_values(values: MapValues, cells: MetricCells) -> MapValues:
    """The map's values with hidden counts shown as suppressed (no colour, rank or rate)."""
    out: list[ForceValue] = []
    for f in values.forces:
        if cells.is_hidden(f.code):
            f = replace(f, status="suppressed", count=None, rate=None, change=None, value=None)
        out.append(replace(f, rank=None))
    ranks = shown_ranks({f.code: f.value for f in out})
    out = [replace(f, rank=ranks.get(f.code)) for f in out]
    return replace(values, forces=tuple(out))


def national_map(
    data: PackData,
    metric_key: str,
    style: str,
    boundaries: Boundaries | None,
    hexes: HexLayout,
    attribution: tuple[str, ...],
) -> tuple:
    cells = data.cells[metric_key]
    measure = "rate" if cells.adds_up else "count"
    values = data.cubes[metric_key].values(data.period.key, measure)
    values = protected_map_values(values, cells)
    reasons = data.flag_reasons()
    shown_style = style if boundaries is not None else "hex"
    fallback = ""
    if style == "geo" and boundaries is None:
        fallback = " The boundary file was not found, so the hex map is shown."
    if cells.adds_up:
        shown = (
            f"{values.metric_label} per 100,000 people, {data.period.label}: "
            f"{values.reporting_text}. Darker areas have higher rates. Hatched or grey areas "
            f"have no rate to show: no return, a nil return, a hidden count ({SUPPRESSED_MARK}) "
            "or no population figure."
        )
    else:
        shown = (
            f"{values.metric_label}, {data.period.label}: {values.reporting_text}. Darker areas "
            "have higher percentages. Hatched or grey areas have no figure to show. A "
            "percentage is mapped as it is: it has no rate and is not added up across forces."
        )
    caption = f"{shown} {data.flag_label}.{fallback}"
    figure = MapFigure(
        values=values,
        style=shown_style,  # type: ignore[arg-type]
        boundaries=boundaries if shown_style == "geo" else None,
        hex_layout=hexes,
        flags=tuple(sorted(reasons.items())),
        # The legend is narrow: the rule itself is in the caption.
        flag_label="Flagged as low reporting" if reasons else "",
        attribution=attribution,
        caption=caption,
    )
    return (figure,)


__all__ = [
    "change_text",
    "forces_table",
    "key_figures",
    "national_map",
    "protected_map_values",
    "short_label",
]
