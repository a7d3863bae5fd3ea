"""The pack's trend charts: a chart with fewer than two quarters it can draw is left out rather
than printed empty. (Small points become gaps: tests/core/test_series_disclosure.py.)"""

from __future__ import annotations

from datetime import date

from commissioner_desk.queries.series import ChartData, ChartRequest, Series
from commissioner_desk.reports.charts import drawable_points


def _chart(*series: tuple[float | None, ...], stacked: bool = False) -> ChartData:
    n = len(series[0])
    return ChartData(
        request=ChartRequest("nrm_referrals"),
        title="t",
        y_label="Count",
        periods=tuple(f"2024-Q{i + 1}" for i in range(n)),
        labels=tuple(f"2024 Q{i + 1}" for i in range(n)),
        starts=tuple(date(2024, 3 * i + 1, 1) for i in range(n)),
        series=tuple(
            Series(f"s{k}", f"S{k}", values, tuple("value" for _ in values))
            for k, values in enumerate(series)
        ),
        stacked=stacked,
    )


def test_drawable_points_need_every_part_of_a_stack():
    lines = _chart((1.0, None, 3.0), (None, None, 2.0))
    assert drawable_points(lines) == 2
    stack = _chart((1.0, None, 3.0), (None, None, 2.0), stacked=True)
    assert drawable_points(stack) == 1
