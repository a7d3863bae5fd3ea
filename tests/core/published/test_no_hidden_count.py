"""Nothing the door hands out, and nothing a command writes, shows a count disclosure control
hides: walked on demo data with one planted hidden count (walk.py). Only
`unprotected_for_checking` gives it back, which shows the search would find it."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk import published
from commissioner_desk.db.database import Database
from commissioner_desk.queries.profile import profile_forces
from commissioner_desk.queries.series import ChartRequest
from commissioner_desk.reports import PackOptions
from commissioner_desk.settings import DB_FILE_NAME

from ..cli_run import _cli
from ..test_series import ESSEX, KENT, NRM, SURREY
from .walk import HIDDEN, PLANTED, Sentinel, plant

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def planted(tmp_path_factory, sqlite_template):
    import shutil

    path = tmp_path_factory.mktemp("planted") / "desk.sqlite"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path.as_posix()}")
    plant(db)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def sentinel(planted) -> Sentinel:
    rows = published.unprotected_for_checking(planted, NRM, PLANTED)
    essex = next(r for r in rows if r.force_code == ESSEX)
    assert essex.hidden and essex.value == HIDDEN  # planted as meant: hidden, and held
    return Sentinel(essex.rate_per_100k)


def test_only_the_checking_table_gives_the_hidden_count_back(planted, sentinel):
    assert sentinel.found_in(published.unprotected_for_checking(planted, NRM, PLANTED))
    assert not sentinel.found_in(published.figure_table(planted, NRM, PLANTED, None))


def test_the_map_in_every_measure(planted, sentinel):
    cube = published.map_cube(planted, NRM)
    for measure in ("count", "rate", "change"):
        assert not sentinel.found_in(cube.values(PLANTED, measure))
        assert not sentinel.found_in(published.map_values(planted, NRM, PLANTED, measure=measure))
    assert not sentinel.found_in(cube)


CHARTS = [
    ChartRequest(NRM),
    ChartRequest(NRM, forces=(KENT, ESSEX, SURREY), include_national=True),
    ChartRequest(NRM, forces=(ESSEX,), measure="rate"),
    ChartRequest(NRM, forces=(ESSEX, SURREY), granularity="calendar_year"),
    ChartRequest(NRM, forces=(ESSEX, SURREY), granularity="financial_year"),
    ChartRequest(NRM, forces=(ESSEX, SURREY), rolling=True),
    ChartRequest(NRM, forces=(ESSEX, SURREY), change=True),
]


@pytest.mark.parametrize("request_", CHARTS, ids=lambda r: repr(r)[:60])
def test_every_kind_of_chart_and_its_table(planted, sentinel, request_):
    cube = published.series_cube(planted, NRM, ("",))
    for data in (published.series(planted, request_), cube.chart(request_)):
        assert not sentinel.found_in(data)
        assert not sentinel.found_in(data.table())  # what the CSV export writes


def test_home_and_every_force_profile(planted, sentinel):
    assert not sentinel.found_in(published.overview(planted))
    for force in profile_forces(planted):
        assert not sentinel.found_in(published.profile(planted, force.code)), force.code


def test_the_briefing_pack_with_a_page_per_force(planted, sentinel):
    options = PackOptions(PLANTED, per_force=True, today=date(2016, 8, 1))
    assert not sentinel.found_in(published.briefing_pack(planted, options))


def test_the_chart_and_map_commands(planted, sentinel, tmp_path):
    import shutil

    folder = tmp_path / "data"
    folder.mkdir()
    planted.dispose()
    shutil.copy(planted.url.split("sqlite:///", 1)[1], folder / DB_FILE_NAME)
    csv = tmp_path / "essex.csv"
    forces = ("--force", KENT, "--force", ESSEX, "--force", SURREY, "--with-all-forces")
    result = _cli(folder, "chart", "--metric", NRM, *forces, "--out", str(csv))
    assert result.returncode == 0, result.stderr
    assert "98760" in csv.read_text(encoding="utf-8")  # the shown count is there
    assert not sentinel.found_in(csv.read_text(encoding="utf-8"))
    svg = tmp_path / "map.svg"
    for measure in ("count", "rate"):
        result = _cli(
            folder, "map", "--metric", NRM, "--period", PLANTED, "--measure", measure,
            "--style", "hex", "--out", str(svg),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert not sentinel.found_in(svg.read_text(encoding="utf-8") + result.stdout)
