"""The chart's CSV (ui/charts/export.py) keeps series names and notes from running as formulas
when the file is opened in a spreadsheet (issue 9; the core's writers: tests/core/reliability)."""

from __future__ import annotations

import csv
from datetime import date

from commissioner_desk.exports import FORMULA_STARTS
from commissioner_desk.queries.series import ChartData, ChartRequest, Series
from ui.charts.export import export_chart


def test_the_chart_csv_neutralises_labels_and_keeps_numbers(tmp_path):
    data = ChartData(
        request=ChartRequest(metric_key="nrm_referrals", change=True),
        title='=HYPERLINK("http://evil.example","chart")',
        y_label="% change",
        periods=("2024-Q1", "2024-Q2"),
        labels=("2024 Q1", "2024 Q2"),
        starts=(date(2024, 1, 1), date(2024, 4, 1)),
        series=(
            Series("E23000032", "=cmd|' /C calc'!A0", (-12.5, None), ("value", "missing")),
            Series("E23000028", "@Essex\x07", (3.0, 4.0), ("value", "value")),
        ),
    )
    out = export_chart(data, tmp_path / "chart.csv")
    with out.open(encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f))
    assert header == ["Period", "Starts", "'=cmd|' /C calc'!A0", "'@Essex"]
    assert not any(v.startswith(FORMULA_STARTS) for v in header)
    assert rows[0][2] == "-12.5"  # a negative change stays a number
    assert rows[1][2] == "missing"
