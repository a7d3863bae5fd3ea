"""Reading population estimates for rates per 100,000."""

from __future__ import annotations

from pathlib import Path

import pytest

from commissioner_desk.domain.population import (
    PopulationFileError,
    PopulationRow,
    load_population_csv,
)
from commissioner_desk.paths import default_geo_dir


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "population.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_reads_the_shared_ons_file():
    geo = default_geo_dir()
    if geo is None or not (geo / "pfa_population.csv").is_file():
        pytest.skip("pfa_population.csv not available")
    rows = load_population_csv(geo / "pfa_population.csv")
    assert len(rows) == 43
    assert sum(r.population for r in rows) == 61_806_700  # total stated in SOURCE.md
    city = next(r for r in rows if r.code == "E23000034")
    assert city == PopulationRow("E23000034", "London, City of", 15_100, 2024)


def test_reads_ons_style_headers_bom_and_thousands(tmp_path):
    path = write(
        tmp_path,
        'PFA23CD,PFA23NM,Population,Year\r\nE23000032,Kent,"1,931,700",2024\r\n\r\n',
        encoding="utf-8-sig",
    )
    assert load_population_csv(path) == [PopulationRow("E23000032", "Kent", 1_931_700, 2024)]


def test_columns_may_come_in_any_order(tmp_path):
    path = write(tmp_path, "Year,Population,Name,Code\n2024,600400,Cleveland,e23000013\n")
    assert load_population_csv(path) == [PopulationRow("E23000013", "Cleveland", 600_400, 2024)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,name,year\nE23000032,Kent,2024\n", r"row 1: no population column"),
        ("code,name,population,year\nE23000032,Kent,lots,2024\n", r"row 2: population 'lots'"),
        ("code,name,population,year\nE23000032,Kent,1.5,2024\n", r"row 2: .*whole number"),
        ("code,name,population,year\nE23000032,Kent,-5,2024\n", r"row 2: .*more than zero"),
        ("code,name,population,year\nE23000032,Kent,0,2024\n", r"row 2: .*more than zero"),
        ("code,name,population,year\nE23000032,Kent,10,mid\n", r"row 2: year 'mid'"),
        ("code,name,population,year\n,Kent,10,2024\n", r"row 2: the code is blank"),
        ("code,name,population,year\nE23000032,Kent\n", r"row 2: .*too few"),
        (
            "code,name,population,year\nE23000032,Kent,10,2024\nE23000033,Sussex,10,2024\n"
            "E23000032,Kent again,10,2024\n",
            r"row 4: code E23000032 appears again \(first on row 2\)",
        ),
        ("", "is empty"),
    ],
)
def test_problems_name_the_file_and_row(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(PopulationFileError, match=message) as info:
        load_population_csv(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(PopulationFileError, match="does not exist"):
        load_population_csv(tmp_path / "absent.csv")
