"""Population estimates per police force area, the denominators for rates per 100,000.

Read with the csv module rather than pandas: this runs at start-up and pandas costs a second.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PopulationRow:
    code: str
    name: str
    population: int
    year: int


class PopulationFileError(ValueError):
    """The population file cannot be used; the message names the file and row."""


# Header spellings accepted for each column, compared case-insensitively after trimming.
# ONS files name columns after the boundary vintage ("PFA23CD", "PFA20NM"), hence the patterns.
_HEADERS: dict[str, re.Pattern[str]] = {
    "code": re.compile(r"code|pfa\d{2}cd|pfa code|area code|geography code|force code"),
    "name": re.compile(r"name|pfa\d{2}nm|pfa name|area name|geography|force|force name"),
    "population": re.compile(r"population|pop|all ages|mid-year population|estimate"),
    "year": re.compile(r"year|mid-year|mid year|reference year"),
}
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def load_population_csv(path: Path) -> list[PopulationRow]:
    """Read `code,name,population,year` rows. Row numbers in errors count the header as row 1,
    as a spreadsheet shows them."""
    try:
        # utf-8-sig: files saved from Excel start with a byte-order mark.
        with path.open(newline="", encoding="utf-8-sig") as fh:
            return _read(csv.reader(fh), path)
    except FileNotFoundError:
        raise PopulationFileError(f"Population file {path} does not exist.") from None
    except UnicodeDecodeError:
        raise PopulationFileError(
            f"Population file {path} is not UTF-8 text; save it as CSV UTF-8."
        ) from None
    except csv.Error as exc:
        raise PopulationFileError(f"Population file {path} is not readable CSV: {exc}") from None


def _read(reader: Iterator[list[str]], path: Path) -> list[PopulationRow]:
    header = next(reader, None)
    if header is None:
        raise PopulationFileError(f"Population file {path} is empty.")
    columns = _find_columns(header, path)

    rows: list[PopulationRow] = []
    first_row_of: dict[str, int] = {}
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end of hand-edited files
        where = f"{path}, row {row_number}"
        if len(cells) <= max(columns.values()):
            raise PopulationFileError(f"{where}: has {len(cells)} cells, too few for the header.")
        code = cells[columns["code"]].strip().upper()
        name = cells[columns["name"]].strip()
        if not code:
            raise PopulationFileError(f"{where}: the code is blank.")
        population = _integer(cells[columns["population"]], "population", where)
        if population <= 0:
            # Zero would make every rate infinite, so it is as wrong as a negative figure.
            raise PopulationFileError(
                f"{where}: population for {code} is {population}; it must be more than zero."
            )
        year = _integer(cells[columns["year"]], "year", where)
        if code in first_row_of:
            raise PopulationFileError(
                f"{where}: code {code} appears again (first on row {first_row_of[code]})."
            )
        first_row_of[code] = row_number
        rows.append(PopulationRow(code=code, name=name, population=population, year=year))
    return rows


def _find_columns(header: list[str], path: Path) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        title = " ".join(title.strip().casefold().split())
        for column, pattern in _HEADERS.items():
            if column not in found and pattern.fullmatch(title):
                found[column] = index
                break
    missing = [column for column in _HEADERS if column not in found]
    if missing:
        raise PopulationFileError(
            f"{path}, row 1: no {' or '.join(missing)} column. Expected the columns "
            f"code, name, population, year; found {', '.join(header) or 'none'}."
        )
    return found


def _integer(text: str, what: str, where: str) -> int:
    value = text.strip()
    if _THOUSANDS.fullmatch(value):
        value = value.replace(",", "")  # "1,601,600" as Excel writes it
    if not re.fullmatch(r"-?\d+", value):
        raise PopulationFileError(f"{where}: {what} {text!r} is not a whole number.")
    return int(value)


def pick_estimate(estimates: Sequence[tuple[int, int]], year: int) -> tuple[int, int] | None:
    """(population, estimate year) for a period starting in `year`, or None if there is none.

    `estimates` are (year, population) pairs, oldest first."""
    if not estimates:
        return None
    chosen = estimates[0]
    for est in estimates:
        if est[0] <= year:
            chosen = est
        else:
            break
    return chosen[1], chosen[0]
