"""Loading a newer population file: stored per year, used by rates for later periods only."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from commissioner_desk.db.models import Force, ImportBatch, Metric, Observation, Population
from commissioner_desk.db.reference import ensure_periods, load_population_file
from commissioner_desk.domain.enums import BatchKind, ObservationStatus
from commissioner_desk.domain.periods import Period
from commissioner_desk.domain.population import PopulationFileError
from commissioner_desk.queries.figures import list_figures

KENT = "E23000032"


def _kent_figure(db, period: Period, value: int) -> None:
    with db.session() as s:
        batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="tester")
        s.add(batch)
        s.flush()
        s.add(
            Observation(
                force_id=s.scalar(select(Force.id).where(Force.code == KENT)),
                period_id=ensure_periods(s, [period])[period.key],
                metric_id=s.scalar(select(Metric.id).where(Metric.key == "nrm_referrals")),
                breakdown="",
                status=ObservationStatus.VALUE,
                value=value,
                batch_id=batch.id,
            )
        )


def test_newer_estimates_are_added_per_year_and_used_from_that_year(db, tmp_path):
    (tmp_path / "mid2025.csv").write_text(
        "code,name,population,year\nE23000032,Kent,2000000,2025\nE23000001,Met,9100000,2025\n"
        "S99999999,Atlantis,5,2025\n",
        encoding="utf-8",
    )
    (tmp_path / "mid2023.csv").write_text(
        "code,name,population,year\nE23000032,Kent,1000000,2023\n", encoding="utf-8"
    )
    load_population_file(db, tmp_path / "mid2023.csv")
    result = load_population_file(db, tmp_path / "mid2025.csv")
    assert (result.rows, result.years, result.unknown_codes) == (2, (2025,), ("S99999999",))
    _kent_figure(db, Period.quarter_of(2026, 1), 500)
    _kent_figure(db, Period.quarter_of(2023, 2), 500)
    [later] = list_figures(db, "nrm_referrals", "2026-Q1")
    assert (later.population_year, later.rate_per_100k) == (2025, 25.0)
    [earlier] = list_figures(db, "nrm_referrals", "2023-Q2")
    assert (earlier.population_year, earlier.rate_per_100k) == (2023, 50.0)

    # Loading the same file again updates in place: no duplicate estimates.
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(Population))
    load_population_file(db, tmp_path / "mid2025.csv")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Population)) == before


def test_a_file_with_no_known_area_is_refused_and_stores_nothing(db, tmp_path):
    path = tmp_path / "elsewhere.csv"
    path.write_text("code,name,population,year\nS99999999,Atlantis,5,2025\n", encoding="utf-8")
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(Population))
    with pytest.raises(PopulationFileError, match=r"elsewhere\.csv"):
        load_population_file(db, path)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Population)) == before
