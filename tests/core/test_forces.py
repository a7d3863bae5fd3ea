"""The force registry and name resolution."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from commissioner_desk.domain.forces import (
    ForceKind,
    ForceRecord,
    ForceResolver,
    RegistryError,
    UnknownForceError,
    load_registry,
    normalise_force_name,
    territorial_england_wales,
)
from commissioner_desk.paths import default_geo_dir

EW_CODES = {f"E230000{n:02d}" for n in range(1, 40)} | {f"W1500000{n}" for n in range(1, 5)}


@pytest.fixture(scope="module")
def records() -> tuple[ForceRecord, ...]:
    return load_registry()


@pytest.fixture(scope="module")
def resolver(records: tuple[ForceRecord, ...]) -> ForceResolver:
    return ForceResolver(records)


def geo_file(name: str) -> Path:
    geo = default_geo_dir()
    if geo is None or not (geo / name).is_file():
        pytest.skip(f"{name} not available (see commissioner_desk.paths.default_geo_dir)")
    return geo / name


# --- registry contents ------------------------------------------------------------------------


def test_registry_has_exactly_the_43_territorial_forces_of_england_and_wales(records):
    ew = territorial_england_wales(records)
    assert len(ew) == 43
    assert {r.code for r in ew} == EW_CODES
    assert {r.nation for r in ew} == {"England", "Wales"}
    assert all(r.region == "Wales" for r in ew if r.nation == "Wales")
    assert not any(r.region == "Wales" for r in ew if r.nation == "England")


def test_registry_matches_population_file_codes_and_names(records):
    with geo_file("pfa_population.csv").open(newline="", encoding="utf-8-sig") as fh:
        expected = {row["code"]: row["name"] for row in csv.DictReader(fh)}
    ours = {r.code: r.ons_name for r in territorial_england_wales(records)}
    assert ours == expected


def test_territorial_forces_match_the_45_boundaries(records):
    data = json.loads(geo_file("police_force_areas.geojson").read_text(encoding="utf-8"))
    boundaries = {f["properties"]["code"]: f["properties"]["name"] for f in data["features"]}
    assert len(boundaries) == 45
    ours = {r.code: r.ons_name for r in records if r.kind is ForceKind.TERRITORIAL}
    assert ours == boundaries


def test_other_bodies_are_present_with_their_kinds(records):
    by_code = {r.code: r for r in records}
    assert by_code["S23000009"].display_name == "Police Scotland"
    assert by_code["N92000002"].display_name == "Police Service of Northern Ireland"
    assert by_code["BTP"].kind is ForceKind.NON_TERRITORIAL
    assert by_code["CNC"].kind is ForceKind.NON_TERRITORIAL
    assert by_code["MDP"].kind is ForceKind.NON_TERRITORIAL
    assert by_code["NCA"].kind is ForceKind.NATIONAL
    rocus = [r for r in records if r.kind is ForceKind.ROCU]
    assert len(rocus) >= 9
    assert all(r.code.startswith("ROCU-") for r in rocus)


def test_display_names_are_what_forces_call_themselves(records):
    by_code = {r.code: r.display_name for r in records}
    assert by_code["E23000001"] == "Metropolitan Police Service"
    assert by_code["E23000034"] == "City of London Police"
    assert by_code["E23000035"] == "Devon and Cornwall Police"
    assert by_code["E23000030"] == "Hampshire and Isle of Wight Constabulary"
    assert by_code["W15000004"] == "Dyfed-Powys Police"


def test_aliases_are_not_repeats_of_names(records):
    # Noise check: an alias that normalises to the ONS or display name (or to another alias of
    # the same body) adds nothing.
    for record in records:
        names = {normalise_force_name(record.ons_name), normalise_force_name(record.display_name)}
        seen: set[str] = set()
        for alias in record.aliases:
            key = normalise_force_name(alias)
            assert key not in names, f"{record.code}: alias {alias!r} repeats a name"
            assert key not in seen, f"{record.code}: alias {alias!r} listed twice"
            seen.add(key)


# --- resolution -------------------------------------------------------------------------------


def test_every_name_alias_and_code_resolves_to_its_own_body(records, resolver):
    for record in records:
        for text in (record.code, record.code.lower(), *record.names()):
            found = resolver.resolve(text)
            assert found is not None and found.code == record.code, (text, found)


def test_no_alias_or_name_is_shared_between_bodies(records):
    owner: dict[str, str] = {}
    for record in records:
        for name in record.names():
            key = normalise_force_name(name)
            assert owner.setdefault(key, record.code) == record.code, (
                f"{name!r} matches both {owner[key]} and {record.code}"
            )


def test_resolver_rejects_an_ambiguous_registry(records):
    kent = next(r for r in records if r.code == "E23000032")
    impostor = ForceRecord(
        code="X1",
        ons_name="Somewhere",
        display_name="Somewhere Police",
        kind=ForceKind.TERRITORIAL,
        nation="England",
        region="South East",
        aliases=("Kent Police",),
    )
    with pytest.raises(RegistryError, match="E23000032"):
        ForceResolver([kent, impostor])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Metropolitan Police Service", "E23000001"),
        ("MPS", "E23000001"),
        ("Met", "E23000001"),
        (" Devon & Cornwall Police ", "E23000035"),
        ("Devon and Cornwall", "E23000035"),
        ("London, City of", "E23000034"),
        ("City of London", "E23000034"),
        ("Avon and Somerset Constabulary", "E23000036"),
        ("Avon & Somerset", "E23000036"),
        ("Kent [note 6]", "E23000032"),
        ("Kent1", "E23000032"),
        ("Kent*", "E23000032"),
        ("Kent\u00a0Police", "E23000032"),
        ("Kent County Constabulary", "E23000032"),
        ("Dyfed Powys", "W15000004"),
        ("DYFED-POWYS POLICE", "W15000004"),
        ("Thames Valley Police", "E23000029"),
        ("Hampshire & IOW", "E23000030"),
        ("Hampshire Constabulary", "E23000030"),
        ("GMP", "E23000005"),
        ("Cheshire (r)", "E23000006"),
        ("North Yorkshire Police Service", "E23000009"),
        ("e23000001", "E23000001"),
        ("PSNI", "N92000002"),
        ("Police Scotland", "S23000009"),
        ("BTP", "BTP"),
        ("rocu-ne", "ROCU-NE"),
        ("ERSOU", "ROCU-EE"),
        ("Titan", "ROCU-NW"),
    ],
)
def test_tricky_spellings_resolve(resolver, text, code):
    found = resolver.resolve(text)
    assert found is not None, text
    assert found.code == code


@pytest.mark.parametrize(
    "text",
    [
        "Total",
        "England and Wales",
        "England",
        "Wales",
        "London",
        "",
        "   ",
        "Police",
        "[x]",
        "Kent2x",
    ],
)
def test_totals_regions_and_blanks_do_not_resolve(resolver, text):
    assert resolver.resolve(text) is None


def test_normalise_force_name():
    assert normalise_force_name("Devon & Cornwall") == normalise_force_name("Devon and Cornwall")
    assert normalise_force_name(" Kent [note 6] ") == "kent"
    assert normalise_force_name("London, City of") == "london city of"
    assert normalise_force_name("Dyfed-Powys") == "dyfed powys"
    assert normalise_force_name("Kent¹") == "kent"
    assert normalise_force_name("Kent1.") == "kent"
    # Codes keep their digits; only a short footnote number glued to a word goes.
    assert normalise_force_name("E23000001") == "e23000001"
    assert normalise_force_name("Merseyside\u00a0Police.") == "merseyside police"


def test_unknown_force_message_suggests_the_nearest_force(resolver):
    with pytest.raises(UnknownForceError) as info:
        resolver.resolve_or_raise("Kentt Police")
    assert str(info.value) == (
        '"Kentt Police" is not a police force the app knows. Did you mean Kent Police?'
    )
    assert [r.code for r in info.value.suggestions] == ["E23000032"]


def test_unknown_force_without_suggestion_says_what_to_do(resolver):
    with pytest.raises(UnknownForceError, match=r'^"Total" is not a police force.*spelling'):
        resolver.resolve_or_raise("Total")


def test_suggest(resolver):
    assert [r.code for r in resolver.suggest("Lancashre")] == ["E23000003"]
    assert [r.code for r in resolver.suggest("Devon")] == ["E23000035"]
    assert len(resolver.suggest("Sth Yorkshire", n=2)) == 2
    assert resolver.suggest("Police") == []
    assert resolver.suggest("") == []


# --- loading and validation -------------------------------------------------------------------

GOOD_ENTRY = """
[[force]]
code = "E23000032"
ons_name = "Kent"
display_name = "Kent Police"
kind = "territorial"
nation = "England"
region = "South East"
aliases = ["Kent Constabulary"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "forces.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_minimal_registry(tmp_path):
    (record,) = load_registry(write(tmp_path, GOOD_ENTRY))
    assert record == ForceRecord(
        "E23000032",
        "Kent",
        "Kent Police",
        ForceKind.TERRITORIAL,
        "England",
        "South East",
        ("Kent Constabulary",),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD_ENTRY + GOOD_ENTRY, r"entry 2 .*already used by entry 1"),
        (GOOD_ENTRY.replace('kind = "territorial"', 'kind = "county"'), "unknown kind 'county'"),
        (GOOD_ENTRY.replace('ons_name = "Kent"\n', ""), "missing ons_name"),
        (GOOD_ENTRY.replace("aliases", "alias"), "unknown key"),
        (GOOD_ENTRY.replace('"South East"', '"Kentshire"'), "unknown region"),
        (GOOD_ENTRY.replace('["Kent Constabulary"]', '"Kent Constabulary"'), "aliases must"),
        (GOOD_ENTRY.replace('display_name = "Kent Police"', 'display_name = ""'), "display_name"),
        ("force = 1", "no \\[\\[force\\]\\] entries"),
        ("[[force]\n", "not valid TOML"),
    ],
)
def test_registry_problems_name_file_and_entry(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(RegistryError, match=message) as info:
        load_registry(path)
    assert str(path) in str(info.value)


def test_missing_registry_file(tmp_path):
    with pytest.raises(RegistryError, match="does not exist"):
        load_registry(tmp_path / "nope.toml")
