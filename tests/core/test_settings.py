"""Settings and locations (which database, which folder), reference data kept in step with its
files, and the metric catalogue's breakdown rules."""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from commissioner_desk import settings as settings_mod
from commissioner_desk.db import migrate
from commissioner_desk.db.database import Database
from commissioner_desk.db.models import (
    AppMeta,
    Dimension,
    DimensionValue,
    Force,
    ForceAlias,
    Metric,
    MetricDimension,
    Population,
)
from commissioner_desk.db.reference import FINGERPRINT_KEY, sync_reference_data
from commissioner_desk.domain import catalogue
from commissioner_desk.settings import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    DB_FILE_NAME,
    SETTINGS_VERSION,
    Settings,
    data_dir,
    resolve_database_url,
)

# --- which database ------------------------------------------------------------------------


def test_database_url_precedence(tmp_path, monkeypatch):
    from_file = Settings(database_url="postgresql://settings-file/desk")
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://environment/desk")
    assert resolve_database_url("postgresql://cli/desk", tmp_path, from_file) == (
        "postgresql://cli/desk"
    )
    assert resolve_database_url(None, tmp_path, from_file) == "postgresql://environment/desk"
    monkeypatch.delenv(DATABASE_URL_ENV)
    assert resolve_database_url(None, tmp_path, from_file) == "postgresql://settings-file/desk"
    assert resolve_database_url(None, tmp_path, Settings()) == (
        f"sqlite:///{(tmp_path / DB_FILE_NAME).resolve().as_posix()}"
    )


def test_empty_values_fall_through(tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, "")
    assert resolve_database_url("", tmp_path, Settings(database_url="")).endswith(
        f"/{DB_FILE_NAME}"
    )


# --- the settings file ---------------------------------------------------------------------


def test_settings_round_trip(tmp_path):
    saved = Settings(
        database_url="postgresql://desk@server/desk",
        geo_dir="D:/geo",
        backups_to_keep=3,
        window_state={"main": "AAAA/w==", "figures.splitter": "AAAB"},
    )
    saved.save(tmp_path)
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["version"] == (
        SETTINGS_VERSION
    )
    assert not (tmp_path / "settings.json.tmp").exists()
    loaded = Settings.load(tmp_path)
    assert loaded == saved
    assert loaded is not saved


def test_missing_settings_file_gives_defaults(tmp_path):
    assert Settings.load(tmp_path) == Settings()


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"database_url": "postgresql://x/y",',  # cut short mid-write
        b"\xff\xfe\x00garbage",
        "",
        "[]",
        "null",
        '"text"',
    ],
)
def test_corrupt_settings_file_gives_defaults(tmp_path, content):
    path = tmp_path / "settings.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert Settings.load(tmp_path) == Settings()


def test_value_of_the_wrong_type_falls_back_to_its_default(tmp_path):
    (tmp_path / "settings.json").write_text(
        json.dumps({"database_url": "postgresql://x/y", "window_state": None}), encoding="utf-8"
    )
    loaded = Settings.load(tmp_path)
    assert loaded.database_url == "postgresql://x/y"
    assert loaded.window_state == {}


def test_unknown_keys_are_ignored_and_version_is_current(tmp_path):
    (tmp_path / "settings.json").write_text(
        json.dumps({"version": 0, "database_url": "postgresql://x/y", "colour": "red", "zoom": 2}),
        encoding="utf-8",
    )
    loaded = Settings.load(tmp_path)
    assert loaded == replace(Settings(), database_url="postgresql://x/y")
    assert loaded.version == SETTINGS_VERSION
    assert not hasattr(loaded, "colour")


# --- the data folder -----------------------------------------------------------------------


def test_data_dir_override_beats_environment_and_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    chosen = data_dir(tmp_path / "from-option" / "nested")
    assert chosen == tmp_path / "from-option" / "nested"
    assert chosen.is_dir()
    assert not (tmp_path / "from-env").exists()


def test_data_dir_from_environment_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert data_dir() == tmp_path / "from-env"
    assert (tmp_path / "from-env").is_dir()


def test_data_dir_default_comes_from_platformdirs(tmp_path, monkeypatch):
    import platformdirs

    asked = []

    def user_data_path(appname, appauthor, roaming):
        asked.append((appname, appauthor, roaming))
        return tmp_path / "platform"

    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(platformdirs, "user_data_path", user_data_path)
    assert data_dir() == tmp_path / "platform"
    assert (tmp_path / "platform").is_dir()
    assert asked == [(settings_mod.APP_SLUG, settings_mod.APP_AUTHOR, False)]


# --- reference data ------------------------------------------------------------------------

METRIC_KEYS = [
    "nrm_referrals",
    "dtn_reports",
    "referrals_for_investigation",
    "ms_crimes_recorded",
    "ms_investigations",
    "ms_charges",
    "ms_convictions",
    "stro_stpo_orders",
    "staff_trained",
]
AGE = ["adult", "child", "unknown"]
EXPLOITATION = [
    "labour",
    "sexual",
    "criminal",
    "domestic_servitude",
    "organ_harvesting",
    "multiple",
    "unknown",
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def unseeded_db(request, tmp_path):
    """Migrated but with no reference data yet."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{(tmp_path / 'fresh.sqlite3').as_posix()}")
        migrate.upgrade(database, None)
        yield database
        database.dispose()
        return
    server = request.getfixturevalue("postgres")
    name = f"cd_ref_{uuid.uuid4().hex[:8]}"
    database = Database(server.create(name))
    migrate.upgrade(database, None)
    yield database
    database.dispose()
    server.drop(name)


def _counts(db: Database) -> dict[str, int]:
    models = [Force, ForceAlias, Metric, MetricDimension, Dimension, DimensionValue, Population]
    with db.session() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in models}


def test_sync_writes_once_then_recognises_its_fingerprint(unseeded_db, geo_dir):
    assert _counts(unseeded_db)["forces"] == 0
    assert sync_reference_data(unseeded_db, geo_dir) is True
    first = _counts(unseeded_db)
    assert first["forces"] > 43  # the 43 territorial forces and other police bodies
    assert sync_reference_data(unseeded_db, geo_dir) is False
    assert _counts(unseeded_db) == first

    # A changed fingerprint syncs again, updating in place: nothing is duplicated.
    with unseeded_db.session() as s:
        s.get(AppMeta, FINGERPRINT_KEY).value = "stale"
    assert sync_reference_data(unseeded_db, geo_dir) is True
    assert _counts(unseeded_db) == first
    assert sync_reference_data(unseeded_db, geo_dir) is False


def test_sync_holds_the_metric_catalogue(unseeded_db, geo_dir):
    sync_reference_data(unseeded_db, geo_dir)
    with unseeded_db.session() as s:
        assert s.scalars(select(Metric.key).order_by(Metric.position)).all() == METRIC_KEYS
        values = {d.key: [v.key for v in d.values] for d in s.scalars(select(Dimension))}
        assert values == {"age": AGE, "exploitation": EXPLOITATION}
        allowed = {
            (m, d)
            for m, d in s.execute(
                select(Metric.key, Dimension.key)
                .join(MetricDimension, MetricDimension.metric_id == Metric.id)
                .join(Dimension, Dimension.id == MetricDimension.dimension_id)
            )
        }
    assert allowed == {(m.key, d) for m in catalogue.METRICS for d in m.dimensions}
    assert ("nrm_referrals", "age") in allowed and ("nrm_referrals", "exploitation") in allowed
    assert not any(m == "staff_trained" for m, _ in allowed)


def test_sync_loads_43_populations(unseeded_db, geo_dir):
    if geo_dir is None:
        pytest.skip("no ../shared/geo population file")
    sync_reference_data(unseeded_db, geo_dir)
    with unseeded_db.session() as s:
        rows = s.execute(
            select(Force.code, Population.year, Population.population).join(
                Force, Force.id == Population.force_id
            )
        ).all()
    assert len(rows) == 43
    assert len({code for code, _, _ in rows}) == 43
    assert all(code.startswith(("E23", "W15")) for code, _, _ in rows)
    assert all(pop > 0 for _, _, pop in rows)


def test_changed_population_file_is_synced_again(unseeded_db, geo_dir, tmp_path):
    if geo_dir is None:
        pytest.skip("no ../shared/geo population file")
    geo = tmp_path / "geo"
    geo.mkdir()
    shutil.copy(geo_dir / "pfa_population.csv", geo)
    assert sync_reference_data(unseeded_db, geo) is True
    csv = geo / "pfa_population.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    header, first = lines[0].split(","), lines[1].split(",")
    code = first[header.index("code")]
    first[header.index("population")] = "123456"
    csv.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]) + "\n", encoding="utf-8")
    assert sync_reference_data(unseeded_db, geo) is True
    with unseeded_db.session() as s:
        pops = s.scalars(select(Population.population).join(Force).where(Force.code == code)).all()
        assert pops == [123456]
        assert s.scalar(select(func.count()).select_from(Population)) == 43


# --- the catalogue's breakdown rules --------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "key"),
    [
        ("nrm_referrals", ""),
        ("nrm_referrals", "age=child"),
        ("nrm_referrals", "age=child;exploitation=criminal"),
        ("nrm_referrals", "age=unknown;exploitation=organ_harvesting"),
        ("dtn_reports", "exploitation=domestic_servitude"),
        ("ms_convictions", "exploitation=multiple"),
        ("staff_trained", ""),
    ],
)
def test_check_breakdown_accepts(metric, key):
    catalogue.check_breakdown(metric, key)  # raises on refusal


@pytest.mark.parametrize(
    ("metric", "key", "says"),
    [
        ("no_such_metric", "", "not a metric"),
        ("dtn_reports", "age=child", "cannot be broken down by age"),
        ("staff_trained", "age=adult", "cannot be broken down by age"),
        ("nrm_referrals", "age=elderly", "'elderly' is not a known age"),
        ("nrm_referrals", "exploitation=forced_marriage", "not a known exploitation type"),
        ("nrm_referrals", "region=north", "cannot be broken down by region"),
        ("nrm_referrals", "age", "not a breakdown"),
        ("nrm_referrals", "age=", "not a breakdown"),
        ("nrm_referrals", "=child", "not a breakdown"),
        ("nrm_referrals", "age=child;", "not a breakdown"),
    ],
)
def test_check_breakdown_rejects(metric, key, says):
    with pytest.raises(catalogue.BreakdownError) as err:
        catalogue.check_breakdown(metric, key)
    assert says in str(err.value)


@pytest.mark.parametrize("key", ["age=child;age=adult", "exploitation=criminal;age=child"])
def test_check_breakdown_rejects_non_canonical_keys(key):
    # Stored keys must be canonical (breakdown_key's form): otherwise one figure could be
    # stored under two keys and the one-current-row index would not see the duplicate.
    with pytest.raises(catalogue.BreakdownError):
        catalogue.check_breakdown("nrm_referrals", key)


def test_breakdown_key_is_canonical_and_parses_back():
    parts = {"exploitation": "criminal", "age": "child"}
    key = catalogue.breakdown_key(parts)
    assert key == "age=child;exploitation=criminal"
    assert catalogue.parse_breakdown(key) == parts
    assert catalogue.breakdown_key({}) == catalogue.TOTAL == ""
    assert catalogue.breakdown_label(key) == "Child, Criminal"
    assert catalogue.breakdown_label("") == "All"
