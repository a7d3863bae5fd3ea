"""Import plans written by hand, for tests whose subject is what happens after a file is read:
figures of the office's own metrics (FTE decimals, percentages) committed and then queried."""

from __future__ import annotations

from pathlib import Path

from commissioner_desk.db.user_metrics import add_metric
from commissioner_desk.domain.enums import ObservationStatus
from commissioner_desk.importing.model import PlannedFigure
from commissioner_desk.importing.plan import ImportPlan

KENT, MET, DEVON = "E23000032", "E23000001", "E23000035"
FTE, SHARE = "officers_fte", "share_detected"


def add_context_metrics(db) -> None:
    """Police officers as FTE (decimal) and a share of crimes detected (percent)."""
    add_metric(db, FTE, "Police officers (FTE)", "decimal", "Home Office police workforce")
    add_metric(db, SHARE, "Share of crimes detected", "percent")


def plan_of(
    path: Path, figures: list[tuple[str, str, str, int | float | None]], sha: str = "ab" * 32
) -> ImportPlan:
    """A checked plan of (force code, period, metric, value) totals; None is a nil figure."""
    planned = tuple(
        PlannedFigure(
            force_code=code,
            period_key=period,
            metric_key=metric,
            breakdown="",
            status=ObservationStatus.VALUE if value is not None else ObservationStatus.NIL,
            value=value,
            sheet="Table 1",
            cell=f"C{n}",
            force_name=code,
        )
        for n, (code, period, metric, value) in enumerate(figures, start=5)
    )
    return ImportPlan(
        path=path,
        sha256=sha,
        size_bytes=100,
        layout="wide",
        sheet="Table 1",
        figures=planned,
        problems=(),
        unresolved=(),
    )
