"""The annex "About the data": where every figure came from, how the numbers are worked out,
the disclosure rule, the population year, the boundary vintage and the attribution."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from ..db.database import Database
from ..db.models import Force, ImportBatch, Metric, Observation, Period, SourceFile
from ..db.models.figures import CURRENT
from ..domain.catalogue import METRICS_BY_KEY, all_metrics
from ..published.disclosure import SuppressionRule
from .blocks import Bullets, Column, Heading, Paragraph, ProvenanceLine, Row, Table
from .data import PackData

MAX_LINES = 200  # beyond this the annex would outgrow the pack: the rest are counted


@dataclass
class _Source:
    file_name: str
    sha256: str
    batch_id: int
    imported_by: str
    imported_at: object
    is_demo: bool
    figures: int = 0
    forces: set[str] = field(default_factory=set)
    metrics: set[str] = field(default_factory=set)
    periods: set[str] = field(default_factory=set)
    cells: dict[str, list[str]] = field(default_factory=dict)  # sheet → cells


def provenance(
    db: Database, periods: Sequence[str], codes: Iterable[str]
) -> tuple[ProvenanceLine, ...]:
    """One line per source file (or batch without a file) of the current total figures for
    `periods` and the forces `codes`: the figures the pack prints."""
    wanted = set(codes)
    q = (
        select(
            Observation.batch_id,
            SourceFile.file_name,
            SourceFile.sha256,
            ImportBatch.imported_by,
            ImportBatch.imported_at,
            ImportBatch.is_demo,
            Force.code,
            Force.display_name,
            Metric.key,
            Period.key,
            Observation.sheet,
            Observation.cell,
        )
        .select_from(Observation)
        .join(ImportBatch, ImportBatch.id == Observation.batch_id)
        .outerjoin(SourceFile, SourceFile.id == Observation.source_file_id)
        .join(Force, Force.id == Observation.force_id)
        .join(Metric, Metric.id == Observation.metric_id)
        .join(Period, Period.id == Observation.period_id)
        .where(CURRENT, Observation.breakdown == "", Period.key.in_(list(periods)))
    )
    sources: dict[tuple[int, str], _Source] = {}
    with db.session() as s:
        for batch, name, sha, by, at, demo, code, force, metric, period, sheet, cell in s.execute(
            q
        ):
            if code not in wanted:
                continue
            src = sources.get((batch, name or ""))
            if src is None:
                src = sources[(batch, name or "")] = _Source(
                    name or "", sha or "", batch, by, at, demo
                )
            src.figures += 1
            src.forces.add(force)
            src.metrics.add(metric)
            src.periods.add(period)
            if sheet and cell:
                src.cells.setdefault(sheet, []).append(cell)
    order = {m.key: n for n, m in enumerate(all_metrics())}
    lines = [
        ProvenanceLine(
            file_name=src.file_name,
            sha256=src.sha256,
            batch_id=src.batch_id,
            imported_by=src.imported_by,
            imported_at=src.imported_at,
            is_demo=src.is_demo,
            figures=src.figures,
            forces=tuple(sorted(src.forces)),
            metrics=tuple(
                METRICS_BY_KEY[m].label if m in METRICS_BY_KEY else m
                for m in sorted(src.metrics, key=lambda m: (order.get(m, len(order)), m))
            ),
            periods=tuple(sorted(src.periods)),
            cells=_cells(src.cells),
        )
        for src in sources.values()
    ]
    lines.sort(
        key=lambda line: (
            line.forces[0] if len(line.forces) == 1 else "",
            line.file_name,
            line.batch_id,
        )
    )
    return tuple(lines)


def _cells(by_sheet: dict[str, list[str]]) -> str:
    """ "sheet Figures, cells C5 to C31" (first and last by row, then column)."""
    parts = []
    for sheet, cells in sorted(by_sheet.items()):
        ordered = sorted(cells, key=_cell_key)
        span = ordered[0] if len(ordered) == 1 else f"{ordered[0]} to {ordered[-1]}"
        parts.append(f"sheet {sheet}, {len(ordered)} cell{'s' if len(ordered) != 1 else ''} {span}")
    return "; ".join(parts)


def _cell_key(ref: str) -> tuple[int, str]:
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    return (int(digits) if digits else 0, letters)


def annex_blocks(
    data: PackData,
    lines: Sequence[ProvenanceLine],
    rule: SuppressionRule,
    *,
    population_year: int | None,
    vintage: str,
    attribution: Sequence[str],
    produced: str,
) -> tuple:
    periods = f"{data.period.label} and {data.before.label}"
    rows = tuple(
        Row((f"{line.name}\n{line.fingerprint}".strip(), line.imported, line.supplied))
        for line in lines[:MAX_LINES]
    )
    rest = lines[MAX_LINES:]
    table = Table(
        columns=(
            Column("File", width=30),
            Column("Import", width=30),
            Column("Figures it supplied", width=40),
        ),
        rows=rows,
        empty="No figures were held for these quarters.",
        note=(
            f"…and {len(rest)} more files supplying {sum(x.figures for x in rest):,} figures: the "
            "app's Figures page shows each figure's file, sheet and cell."
            if rest
            else ""
        ),
    )
    demo = any(line.is_demo for line in lines)
    blocks: list = [
        Paragraph(
            "The figures come from the quarterly returns police forces send to the "
            "Commissioner's office, as held in the database on " + produced + ". A corrected "
            "return replaces the earlier one; the figures used are those in force on that day."
        ),
        Heading("Where each figure came from"),
        Paragraph(
            f"Every count in this pack for {periods} came from the files below: each file's "
            "fingerprint (SHA-256), the import that brought it in, who imported it and when, "
            "and the figures it supplied. The app's Figures page shows each figure's sheet and "
            "cell. The trend charts add up the same returns for earlier quarters."
        ),
    ]
    if demo:
        blocks.append(
            Paragraph(
                "DEMO: these figures are synthetic, made by the app for demonstration and "
                "training. They are not real returns.",
                "demo",
            )
        )
    blocks.append(table)
    year = f"mid-{population_year}" if population_year else "the latest"
    blocks += [
        Heading("Methods"),
        Bullets(
            (
                "National totals add up the forces that gave a figure for the quarter; the "
                "number of forces counted is shown beside each. A nil return counts as nought. A "
                "force with no figure is missing: it is never counted as zero.",
                "Change on a year before compares the same quarter a year earlier, over the same "
                "forces both times.",
                f"Rates are per 100,000 people, using the {year} ONS population estimates for "
                "police force areas (the latest estimate no later than the quarter's year). "
                "British Transport Police, Police Scotland and PSNI have no population figure "
                "here, so no rate.",
                "Ranks are by rate, highest first; equal rates share a rank. Forces whose count "
                "is hidden are not ranked.",
                f"Low-reporting flag: {data.low_rule.describe()}. A flag asks a question; it "
                "does not say a force has fewer victims.",
            ),
        ),
        Heading("Disclosure control"),
        Paragraph(rule.describe() + " The rule is applied to every figure in this pack."),
        Heading("Population, boundaries and attribution"),
        Bullets(
            (
                f"Population: ONS mid-year estimates for police force areas, {year} "
                "(Open Government Licence v3.0).",
                f"Boundaries: ONS police force areas, {vintage}.",
                *attribution,
            )
        ),
    ]
    return tuple(blocks)
