"""What each column of a table by force holds: the period, metric and breakdown its headings
name; which columns are labels (a column of categories makes the table hierarchical, a column
of periods gives each row its period); and the *slots*, one figure per row each.

A column whose heading the app does not understand is never imported on a guess, and never
dropped silently: it gets a warning at its heading cell (or the user maps it in a profile).
Columns worked out from the figures (changes, rates, shares) are recognised by their headings
and never read as counts; they, spacer columns and every other column left out are listed with
the reason (`ColumnPlan.skipped`).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

from commissioner_desk.domain.catalogue import (
    DIMENSIONS,
    METRICS_BY_KEY,
    parse_breakdown,
)
from commissioner_desk.domain.periods import MONTH_NAMES, Period, PeriodParseError

from ..checks.cells import COUNT, CellValueError, cell_ref, is_blank, parse_count
from ..checks.problems import error, warning
from ..model import PeriodFound, ReadContext
from ..readers.workbook import Sheet
from .headers import SCAN_ROWS, Located
from .profiles import SKIP, ProfileData
from .wide_labels import (
    DERIVED_WHY,
    TOTAL_WORDS,
    Part,
    breakdown_part,
    classify,
    clean,
    read_period,
)
from .wide_meta import (
    Found,
    metric_error,
    one_error,
    options_period,
    period_error,
    table_metric,
    table_period,
    title_cells,
)
from .wide_slots import Column, ColumnPlan, make_slots

_MEANINGFUL = frozenset({"period", "metric", "breakdown", "total"})


def plan_columns(
    sheet: Sheet, located: Located, ctx: ReadContext, profile: ProfileData | None
) -> ColumnPlan:
    plan = ColumnPlan()
    column_map = column_mapping(profile, ctx)
    rows = located.rows(sheet)
    last = min(rows.stop, located.first_row + SCAN_ROWS)
    widths = [len(sheet.rows[r]) for r in range(located.first_row, last)]
    columns: list[Column] = []
    for c in range(max([*widths, *(c + 1 for c in located.headings), 0])):
        if c in (located.force_col, located.code_col):
            continue
        values = [sheet.cell(r, c) for r in range(located.first_row, last)]
        values = [v for v in values if not is_blank(v)]
        column = _column(sheet, located, c, values, column_map, plan)
        if column is not None:
            columns.append(column)
    plan.title_dims = _title_dims(sheet, located)
    if ctx.options.metric and not columns and plan.unknown:
        columns += _measure_column(sheet.name, ctx.options.metric, plan)
    _subject(sheet, located, ctx, profile, columns, plan)
    if plan.fatal is None:
        columns = _figures_only(sheet.name, columns, plan, ctx.options.period)
    if plan.fatal is None:
        make_slots(sheet.name, columns, plan, ctx.today)
        plan.periods_found = _periods(columns, plan)
    if plan.asks:  # the mapping step asks what these columns are
        needs = plan.details.get("needs")
        plan.details["needs"] = f"{needs},columns" if needs else "columns"
        plan.details["ask_columns"] = json.dumps([list(a) for a in plan.asks])
    if profile:
        plan.details["profile"] = profile.name
    return plan


def _numeric(value: object) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    try:
        parse_count(value)
        return True
    except CellValueError as exc:
        return "not a whole number" in str(exc) or "negative" in str(exc)


def _share(values: list[object], test) -> bool:
    return bool(values) and 2 * sum(1 for v in values if test(v)) >= len(values)


def _is_category(value: object) -> bool:
    return isinstance(value, str) and (
        clean(value) in TOTAL_WORDS or breakdown_part(clean(value)) is not None
    )


def _is_period(value: object) -> bool:
    try:
        read_period(value)
        return isinstance(value, str)  # a bare 2023 counts only under a "Year" heading
    except PeriodParseError:
        return False


def _column(
    sheet: Sheet,
    located: Located,
    c: int,
    values: list[object],
    column_map: dict[str, str],
    plan: ColumnPlan,
) -> Column | None:
    """The column's meaning, or None for a label column or one that cannot be imported."""
    cells = located.headings.get(c, ())
    label = " / ".join(" ".join(str(v).split()) for _, v in cells)
    key = " / ".join(clean(v) for _, v in cells)
    where = cell_ref(cells[-1][0] if cells else located.first_row, c)
    parts: list[Part] = [p for _, v in cells for p in classify(v)]
    kinds = {p.kind for p in parts}
    numeric = _share(values, _numeric)
    mapped = None
    if cells:  # a mapping names the whole heading, or (said by the user) its last row
        mapped = column_map.get(key, column_map.get(clean(cells[-1][1])))
    if not cells and not values:
        plan.skip(cell_ref(located.header_rows[-1], c), "", "an empty column (a spacer)")
        return None
    if mapped == SKIP:
        plan.skip(where, label, "left out in the mapping you saved")
        return None  # the user chose to leave it out
    if "derived" in kinds and mapped is None:
        plan.has_figures |= numeric
        derived = next(p.value for p in parts if p.kind == "derived")
        periods = {p.period for p in parts if p.period}
        snapshot = next((p.snapshot for p in parts if p.snapshot), None)
        period = next(iter(periods)) if len(periods) == 1 else None
        return Column(c, where, label, key, period, derived=derived, snapshot=snapshot)
    if mapped is not None:
        parts = [p for p in parts if p.kind in ("period", "metric")]
        parts += [Part("breakdown", key, (d,), v) for d, v in parse_breakdown(mapped).items()]
        kinds = {p.kind for p in parts} | {"total"}
    plan.has_figures |= numeric
    if "unknown" not in kinds and kinds & _MEANINGFUL:
        return _data_column(sheet.name, c, where, label, key, parts, plan)
    # Label columns: periods (a "Quarter" column) or categories (a hierarchical table).
    if plan.period_col is None and (_share(values, _is_period) or kinds == {"when"}):
        plan.period_col = c
        return None
    if plan.breakdown_col is None and not numeric and _share(values, _is_category):
        plan.breakdown_col = c
        return None
    if cells and kinds <= {"neutral"} and numeric:
        return Column(c, where, label, key)  # "Number": the total
    if not cells and numeric:
        message = (
            "This column has figures but no heading, so the app cannot tell what they count: "
            "it was not imported."
        )
        plan.problems.append(warning(sheet.name, where, message))
        plan.skip(where, "", "figures without a heading")
    elif cells and (numeric or (values and "unknown" in kinds)):
        plan.problems.append(
            warning(
                sheet.name,
                where,
                f'The app does not know what the column "{label}" counts, so it was not '
                "imported. If it holds figures the app should keep, map it in the app's "
                "mapping step.",
            )
        )
        plan.skip(where, label, "a heading the app does not understand")
        if numeric:
            plan.unknown.append(Column(c, where, label, key))
    elif values:
        plan.skip(where, label, "labels, not figures")
    return None


def _data_column(
    sheet: str, c: int, where: str, label: str, key: str, parts: list[Part], plan: ColumnPlan
) -> Column | None:
    periods = {p.period for p in parts if p.period}
    metrics = {p.metric for p in parts if p.metric}
    groups = {d for p in parts if p.kind == "group" for d in p.dims}
    breakdowns = [p for p in parts if p.kind == "breakdown"]
    problem = None
    if len(periods) > 1:
        problem = "names more than one period"
    elif len(metrics) > 1:
        problem = "names more than one measure"
    found: dict[str, str] = {}
    pending: tuple[str, ...] = ()
    for p in breakdowns:
        # A group heading above ("Age") says which dimension "Not specified" belongs to.
        dims = (tuple(d for d in p.dims if d in groups) or p.dims) if groups else p.dims
        if len(dims) > 1:
            pending = dims
        elif dims[0] in found and found[dims[0]] != p.value:
            problem = f"names two {DIMENSIONS[dims[0]].label.lower()} categories"
        else:
            found[dims[0]] = p.value or ""
    if problem:
        message = f'The column "{label}" {problem}, so it was not imported.'
        plan.problems.append(warning(sheet, where, message))
        plan.skip(where, label, problem)
        return None
    return Column(
        c,
        where,
        label,
        key,
        next(iter(periods), None),
        next(iter(metrics), None),
        tuple(sorted(found.items())),
        pending,
        any(p.lossy for p in breakdowns),
        snapshot=next((p.snapshot for p in parts if p.snapshot), None),
    )


def _subject(
    sheet: Sheet,
    located: Located,
    ctx: ReadContext,
    profile: ProfileData | None,
    columns: list[Column],
    plan: ColumnPlan,
) -> None:
    """What the table counts and for when, where its columns do not say."""
    in_columns = {col.metric for col in columns if col.metric}
    metric = table_metric(sheet, located, ctx, profile)
    if metric.value is None and len(in_columns) == 1:
        metric = Found(next(iter(in_columns)), "header", None, ())
    asks = []
    if metric.value is not None:
        plan.details.update(metric=str(metric.value), metric_source=metric.source)
    elif in_columns:
        plan.details.update(metric="several", metric_source="header")
    else:
        asks.append(metric_error(metric.ask))
        plan.details["needs"] = "metric"  # the app's mapping step asks for what is named here
    plan.problems += metric.problems
    if any(col.period for col in columns if not col.derived):
        plan.details.update(period="columns", period_source="header")
    elif plan.period_col is not None:
        plan.details.update(period="rows", period_source="column")
    else:
        period = table_period(sheet, located, ctx)
        if period.value is None:
            asks.append(period_error(period.ask))
            needs = plan.details.get("needs")
            plan.details["needs"] = f"{needs},period" if needs else "period"
        else:
            plan.problems += period.problems
            plan.details.update(period=period.value.key, period_source=period.source)
            if period.cell:
                plan.details["period_cell"] = period.cell
            if period.snapshot is not None:
                plan.details["snapshot"] = period.snapshot.isoformat()
            columns[:] = [
                replace(col, period=period.value, snapshot=period.snapshot) for col in columns
            ]
    if asks:
        plan.fatal = one_error(sheet, *asks)
    plan.metric = metric.value if isinstance(metric.value, str) else None


def _title_dims(sheet: Sheet, located: Located) -> tuple[str, ...]:
    """The breakdowns the title names: "NRM referrals by exploitation type" says a "Not
    stated" column is an exploitation category."""
    text = " ".join(clean(t) for _, _, t in title_cells(sheet, located))
    found = []
    if re.search(r"\bexploitation\b", text):
        found.append("exploitation")
    if re.search(r"\bage(?: group| band| at)?s?\b", text):
        found.append("age")
    return tuple(found)


def _figures_only(
    sheet: str, columns: list[Column], plan: ColumnPlan, chosen: str | None
) -> list[Column]:
    """The columns of figures: changes, ranks and averages left out, rates and shares too
    unless the metric is itself a rate or share; with --period, only that period's columns."""
    kept = []
    for col in columns:
        metric = col.metric or plan.metric
        unit = getattr(METRICS_BY_KEY.get(metric or ""), "unit", COUNT)
        if col.derived and not (col.derived in ("rate", "share") and unit != COUNT):
            plan.skip(col.cell, col.label, DERIVED_WHY[col.derived])
            continue
        kept.append(replace(col, derived=None))
    with_periods = [c for c in kept if c.period is not None]
    if chosen is None or not with_periods or plan.period_col is not None:
        return kept
    period, bad = options_period(chosen)
    if period is None:
        plan.fatal = error(sheet, None, period_error(bad or ""))
        return []
    keep = [c for c in kept if c.period == period]
    if not keep:
        stated = ", ".join(dict.fromkeys(c.period.key for c in with_periods if c.period))
        plan.fatal = error(
            sheet,
            with_periods[0].cell,
            f"You chose {period.key}, but this table's columns are for {stated}: nothing was "
            "imported. Choose one of those periods, or leave the period out to import each "
            "column as its own period.",
        )
        return []
    for col in kept:
        if col not in keep:
            assert col.period is not None
            plan.skip(col.cell, col.label, f"for {col.period.key}, and you chose {period.key}")
    return keep


def _periods(columns: list[Column], plan: ColumnPlan) -> list[PeriodFound]:
    """The periods the figures are filed under, snapshots labelled as such."""
    found: dict[str, PeriodFound] = {}
    for col in columns:
        if col.period is not None and col.period.key not in found:
            found[col.period.key] = _found(col.period, col.snapshot)
    if not found and (key := plan.details.get("period")) not in (None, "columns", "rows"):
        snapshot = plan.details.get("snapshot")
        day = date.fromisoformat(snapshot) if snapshot else None
        found[key] = _found(Period.from_key(key), day)
    return list(found.values())


def _found(period: Period, day: date | None) -> PeriodFound:
    if day is None:
        return PeriodFound(period.key, period.label)
    shown = f"{day.day} {MONTH_NAMES[day.month]} {day.year}"
    return PeriodFound(period.key, f"snapshot at {shown}, filed under {period.label}", True)


def column_mapping(profile: ProfileData | None, ctx: ReadContext) -> dict[str, str]:
    """Headings (and row labels) → breakdown key or SKIP: a saved profile's, then what the user
    said this time, which wins."""
    mapping = dict(profile.column_map) if profile else {}
    mapping.update({clean(heading): key for heading, key in ctx.options.columns})
    return mapping


def _measure_column(sheet: str, metric: str, plan: ColumnPlan) -> list[Column]:
    """The user chose the metric, and no heading names it: a table of one column of figures
    is read as that metric, as the user said (with a warning naming the heading); a table of
    several asks which column holds it."""
    name = METRICS_BY_KEY[metric].label if metric in METRICS_BY_KEY else metric
    if len(plan.unknown) > 1:
        headings = ", ".join(f'"{c.label}" ({c.cell})' for c in plan.unknown)
        plan.fatal = error(
            sheet,
            None,
            f"Which column holds {name}? No heading names it, and the table has several "
            f"columns of figures: {headings}. Choose the column in the app's mapping step (on "
            f'the command line --column "{plan.unknown[0].label}=total"). Nothing was imported.',
        )
        plan.details["needs"] = "measure"
        plan.details["measure_columns"] = json.dumps([[c.cell, c.label] for c in plan.unknown])
        return []
    (column,) = plan.unknown
    plan.problems = [p for p in plan.problems if p.cell != column.cell]
    plan.skipped = [n for n in plan.skipped if n.cell != column.cell]
    plan.problems.append(
        warning(
            sheet,
            column.cell,
            f'The column "{column.label}" was read as {name}, as you chose: no heading names '
            "it. Check that is right.",
        )
    )
    return [column]
