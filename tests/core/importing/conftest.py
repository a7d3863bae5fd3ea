"""Helpers for importer tests: small workbooks written to tmp_path, and the force registry."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from commissioner_desk.domain.forces import ForceResolver, load_registry

TODAY = date(2025, 1, 15)  # so 2024-Q4 is the latest complete quarter
HEADER = ("Force", "Period", "Metric", "Breakdown", "Value")
KENT, MET, DEVON = "E23000032", "E23000001", "E23000035"


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = "Returns",
    extra: dict[str, Sequence[Sequence[object]]] | None = None,
) -> Path:
    """A workbook whose first sheet holds `rows` from A1 (None leaves a cell empty)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for name, more in (extra or {}).items():
        other = wb.create_sheet(name)
        for row in more:
            other.append(list(row))
    wb.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", newline="", encoding=encoding) as fh:
        csv.writer(fh).writerows(rows)
    return path


def table(*rows: Sequence[object], title: bool = True) -> list[Sequence[object]]:
    """A long table as published: title and note rows, a blank row, the header on row 5."""
    top: list[Sequence[object]] = []
    if title:
        top = [
            ("Modern slavery returns, 2024",),
            ("Source: force returns [note 1]",),
            ("Figures are counts.",),
            (),
        ]
    return [*top, HEADER, *rows]


@pytest.fixture(scope="session")
def resolver() -> ForceResolver:
    return ForceResolver(load_registry())
