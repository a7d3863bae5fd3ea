"""`commissioner-desk chart`, run as a user would: a trend chart to CSV, PNG or SVG."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import Force, ImportBatch, Metric, Observation
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.domain.enums import BatchKind, ObservationStatus
from commissioner_desk.domain.periods import Period
from commissioner_desk.settings import DB_FILE_NAME

from .cli_run import _cli

KENT, ESSEX = "E23000032", "E23000028"
QUARTERS = ("2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1")


@pytest.fixture
def figures_dir(ready_dir: Path) -> Path:
    """A data folder whose database holds NRM referrals for Kent and Essex; Kent has no
    figure for 2023-Q3."""
    db = Database(f"sqlite:///{(ready_dir / DB_FILE_NAME).as_posix()}")
    try:
        with db.session() as s:
            batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="test")
            s.add(batch)
            s.flush()
            ids = ensure_periods(s, [Period.from_key(q) for q in QUARTERS])
            forces = dict(s.execute(select(Force.code, Force.id)).all())
            metric = s.scalar(select(Metric.id).where(Metric.key == "nrm_referrals"))
            for n, q in enumerate(QUARTERS):
                for code, value in ((KENT, 10 + n), (ESSEX, 20 + n)):
                    if code == KENT and q == "2023-Q3":
                        continue
                    s.add(
                        Observation(
                            force_id=forces[code],
                            period_id=ids[q],
                            metric_id=metric,
                            breakdown="",
                            status=ObservationStatus.VALUE,
                            value=value,
                            batch_id=batch.id,
                        )
                    )
    finally:
        db.dispose()
    return ready_dir


def _error(result) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_csv_holds_the_figures_with_gaps_named(figures_dir, tmp_path):
    out = tmp_path / "kent.csv"
    result = _cli(
        figures_dir,
        "chart",
        "--metric",
        "nrm_referrals",
        "--force",
        "Kent Police",  # by name; the code works too
        "--force",
        ESSEX,
        "--from",
        "Q2 2023",  # any spelling of a period
        "--to",
        "2024-Q1",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Wrote NRM referrals, by quarter (2 lines, 2023 Q2 to 2024 Q1) to {out}."
    )
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Period", "Starts", "Kent Police", "Essex Police"]
    assert rows[1:] == [
        ["2023-Q2", "2023-04-01", "11", "21"],
        ["2023-Q3", "2023-07-01", "missing", "22"],  # a gap, never 0
        ["2023-Q4", "2023-10-01", "13", "23"],
        ["2024-Q1", "2024-01-01", "14", "24"],
    ]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_pictures_are_written(figures_dir, tmp_path, suffix):
    out = tmp_path / f"national{suffix}"
    args = ["chart", "--metric", "nrm_referrals", "--by", "calendar_year", "--out", str(out)]
    if suffix == ".png":
        args += ["--width", "1200"]
    result = _cli(figures_dir, *args)
    assert result.returncode == 0, result.stderr
    assert "NRM referrals, all forces, by calendar year" in result.stdout
    data = out.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG")
        width = int.from_bytes(data[16:20], "big")  # the IHDR chunk
        assert width == 1200
    else:
        text = data.decode("utf-8")
        assert "<svg" in text and "NRM referrals" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--metric", "nrm_referals"], 'No metric is called "nrm_referals". Did you mean'),
        (["--metric", "nrm_referrals", "--force", "Narnia"], "--force Narnia:"),
        (["--metric", "nrm_referrals", "--force", "Devon"], "Did you mean Devon and Cornwall"),
        (["--metric", "nrm_referrals", "--from", "Spring"], '"Spring" is not a period'),
        (["--metric", "nrm_referrals", "--stack-by", "colour"], "cannot be broken down by"),
    ],
)
def test_bad_input_is_one_plain_line(figures_dir, tmp_path, args, message):
    result = _cli(figures_dir, "chart", *args, "--out", str(tmp_path / "x.csv"))
    assert message in _error(result)
    assert not (tmp_path / "x.csv").exists()


def test_more_than_eight_forces_are_refused(figures_dir, tmp_path):
    codes = ["E23000032", "E23000028", "E23000031", "E23000036", "E23000026", "E23000023"]
    codes += ["E23000006", "E23000013", "E23000002"]
    forces = [arg for code in codes for arg in ("--force", code)]
    result = _cli(
        figures_dir, "chart", "--metric", "nrm_referrals", *forces, "--out", str(tmp_path / "x.png")
    )
    assert "compares at most 8" in _error(result)


def test_an_unknown_file_type_is_refused_before_anything_is_read(tmp_path):
    result = _cli(tmp_path, "chart", "--metric", "nrm_referrals", "--out", str(tmp_path / "x.pdf"))
    assert "use a name ending .png, .svg or .csv" in _error(result)


def test_nothing_to_draw_says_so(ready_dir, tmp_path):
    result = _cli(ready_dir, "chart", "--metric", "nrm_referrals", "--out", str(tmp_path / "x.png"))
    assert "Nothing to draw" in _error(result)
