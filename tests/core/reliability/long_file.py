"""A long-layout CSV of many figures (every force, metric and breakdown, quarter after
quarter), whose breakdowns add up to their totals so the import has nothing to warn about."""

from __future__ import annotations

import csv
from pathlib import Path

from commissioner_desk.domain.catalogue import DIMENSIONS, METRICS
from commissioner_desk.domain.forces import load_registry, territorial_england_wales

HEADER = ["Force", "Period", "Metric", "Breakdown", "Value"]
TOTAL = 7  # each total; ages 5 + 1 + 1, and each of the seven exploitation types 1
AGES = {"adult": 5, "child": 1, "unknown": 1}


def _figures() -> list[tuple[str, str, int]]:
    """(metric, breakdown, value) for one force and quarter."""
    out = []
    for metric in METRICS:
        out.append((metric.key, "", TOTAL))
        for dim in metric.dimensions:
            for value in DIMENSIONS[dim].value_keys():
                out.append((metric.key, f"{dim}={value}", AGES[value] if dim == "age" else 1))
    assert len(DIMENSIONS["exploitation"].value_keys()) == TOTAL
    return out


def long_csv(path: Path, rows: int, first_year: int = 2000, scale: int = 1) -> Path:
    """`rows` figures, in force, metric, breakdown order, quarter after quarter from
    `first_year`; every value times `scale` (a corrected return, still adding up)."""
    codes = [f.code for f in territorial_england_wales(load_registry())]
    figures = _figures()
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        n = 0
        for quarter in range(10_000):
            period = f"{first_year + quarter // 4}-Q{quarter % 4 + 1}"
            for code in codes:
                for metric, breakdown, value in figures:
                    if n == rows:
                        return path
                    out.writerow([code, period, metric, breakdown, value * scale])
                    n += 1
    return path
