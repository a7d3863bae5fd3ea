"""Police forces and other bodies, and turning the names people write into one of them.

The registry is data the team authors (`resources/forces.toml`), not code, so adding an alias
seen in a new spreadsheet needs no programmer.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from commissioner_desk.paths import resources_dir


class ForceKind(StrEnum):
    TERRITORIAL = "territorial"
    NATIONAL = "national"
    NON_TERRITORIAL = "non_territorial"
    ROCU = "rocu"


NATIONS = frozenset({"England", "Wales", "Scotland", "Northern Ireland", "United Kingdom"})
REGIONS = frozenset(
    {
        "North East",
        "North West",
        "Yorkshire and The Humber",
        "East Midlands",
        "West Midlands",
        "East of England",
        "London",
        "South East",
        "South West",
        "Wales",
        "Scotland",
        "Northern Ireland",
        "United Kingdom",
    }
)


@dataclass(frozen=True)
class ForceRecord:
    code: str
    ons_name: str
    display_name: str
    kind: ForceKind
    nation: str
    region: str
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every name this body is matched by (not its code)."""
        return (self.ons_name, self.display_name, *self.aliases)


class RegistryError(ValueError):
    """The force registry file is missing, malformed or inconsistent."""


class UnknownForceError(ValueError):
    """A name that matches no body; the message is written for the person who typed it."""

    def __init__(self, text: str, suggestions: list[ForceRecord]) -> None:
        self.text = text
        self.suggestions = suggestions
        shown = text.strip()
        if not shown:
            message = "The police force name is blank."
        else:
            message = f'"{shown}" is not a police force the app knows.'
        if suggestions:
            names = [s.display_name for s in suggestions]
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            message += f" Did you mean {joined}?"
        elif shown:
            message += " Check the spelling, or ask for the name to be added to the force list."
        super().__init__(message)


_REQUIRED = ("code", "ons_name", "display_name", "kind", "nation", "region")
_KNOWN_KEYS = frozenset((*_REQUIRED, "aliases"))


def default_registry_path() -> Path:
    return resources_dir() / "forces.toml"


def load_registry(path: Path | None = None) -> tuple[ForceRecord, ...]:
    """Read and check the force registry; raise RegistryError naming the file and entry.

    Cached on the file's path, modification time and size, as the boundaries and the hex layout
    are (both read it to check their codes): parsing its TOML takes ~8 ms a time, and drawing a
    map read it twice on the UI thread."""
    path = path or default_registry_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise RegistryError(f"Force registry {path} does not exist.") from None
    return _load_registry_cached(path, path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_registry_cached(
    path: Path, _resolved: Path, _mtime_ns: int, _size: int
) -> tuple[ForceRecord, ...]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise RegistryError(f"Force registry {path} does not exist.") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"Force registry {path} is not valid TOML: {exc}") from None

    entries = data.get("force")
    if not isinstance(entries, list) or not entries:
        raise RegistryError(f"Force registry {path} has no [[force]] entries.")

    records: list[ForceRecord] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{path}, entry {number}"
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            where += f" (code {entry['code']!r})"
        record = _parse_entry(entry, where)
        if record.code in seen:
            raise RegistryError(
                f"{where}: code {record.code!r} is already used by entry {seen[record.code]}."
            )
        seen[record.code] = number
        records.append(record)
    return tuple(records)


def _parse_entry(entry: object, where: str) -> ForceRecord:
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: expected a table of keys.")
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise RegistryError(f"{where}: missing {', '.join(missing)}.")
    unknown = sorted(set(entry) - _KNOWN_KEYS)
    if unknown:
        # A typo such as "alias" would otherwise silently drop the aliases.
        raise RegistryError(f"{where}: unknown key(s) {', '.join(unknown)}.")
    for key in _REQUIRED:
        value = entry[key]
        if not isinstance(value, str) or not value.strip():
            raise RegistryError(f"{where}: {key} must be non-empty text.")
    try:
        kind = ForceKind(entry["kind"])
    except ValueError:
        kinds = ", ".join(k.value for k in ForceKind)
        raise RegistryError(f"{where}: unknown kind {entry['kind']!r} (use {kinds}).") from None
    if entry["nation"] not in NATIONS:
        raise RegistryError(f"{where}: unknown nation {entry['nation']!r}.")
    if entry["region"] not in REGIONS:
        raise RegistryError(f"{where}: unknown region {entry['region']!r}.")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise RegistryError(f"{where}: aliases must be a list of non-empty text.")
    return ForceRecord(
        code=entry["code"].strip(),
        ons_name=entry["ons_name"].strip(),
        display_name=entry["display_name"].strip(),
        kind=kind,
        nation=entry["nation"],
        region=entry["region"],
        aliases=tuple(a.strip() for a in aliases),
    )


def territorial_england_wales(records: Iterable[ForceRecord]) -> tuple[ForceRecord, ...]:
    """The 43 territorial forces of England and Wales, in registry order."""
    return tuple(
        r for r in records if r.kind is ForceKind.TERRITORIAL and r.nation in ("England", "Wales")
    )


# Square-bracketed markers as ONS and the Home Office write them: "[note 6]", "[x]", "[c]".
_BRACKETED = re.compile(r"\[[^\]]*\]")
# Parenthesised footnotes only: "(note 3)", "(1)", "(r)". Other parentheses carry meaning
# ("... (Titan)") and are kept.
_PAREN_NOTE = re.compile(r"\((?:notes?\s*\d+(?:\s*,\s*\d+)*|\d{1,2}|[a-z])\)")
# Footnote marks glued to the end of a word: "Kent*", "Kent†", "Kent1" (superscripts become
# digits under NFKC). At most two digits, and only after a letter, so codes such as
# "e23000001" are left alone.
_TRAILING_MARK = re.compile(r"(?<=[^\W\d_])(?:\d{1,2}|[*†‡§]+)\s*$")
_NON_WORD = re.compile(r"[\W_]+")
# Longest first, so "police service" is removed whole rather than leaving "police".
_GENERIC_SUFFIXES = (
    "police force area",
    "police service",
    "police force",
    "police area",
    "constabulary",
    "police",
    "pfa",
)


def normalise_force_name(text: str) -> str:
    """A matching key: case-folded, markers and punctuation gone, "&" read as "and"."""
    text = unicodedata.normalize("NFKC", text).casefold()  # NFKC turns NBSP into a space
    text = _BRACKETED.sub(" ", text)
    text = _PAREN_NOTE.sub(" ", text)
    text = text.replace("&", " and ")
    text = _TRAILING_MARK.sub("", text.strip().rstrip(".,;:"))  # "Kent1." too
    # Hyphens, commas, dots, apostrophes, slashes and any other punctuation split words.
    return " ".join(_NON_WORD.sub(" ", text).split())


def _strip_generic_suffix(key: str) -> str:
    for suffix in _GENERIC_SUFFIXES:
        if key.endswith(" " + suffix):
            return key[: -len(suffix) - 1]
    return key


# Similarity (rapidfuzz's normalised Indel ratio, 0-100) needed to suggest a name, and how far
# behind the best match a further suggestion may be. Chosen so "Kentt Police" suggests only
# Kent Police.
_CUTOFF = 75.0
_MARGIN = 8.0


class ForceResolver:
    """Finds the body a code or a written name refers to.

    Raises RegistryError on construction if any name or code would match two bodies, so an
    ambiguous alias is caught when the registry changes, not when a figure lands on the wrong
    force.
    """

    def __init__(self, records: Iterable[ForceRecord]) -> None:
        self.records: tuple[ForceRecord, ...] = tuple(records)
        self._by_code: dict[str, ForceRecord] = {}
        self._by_name: dict[str, ForceRecord] = {}
        for record in self.records:
            self._add(self._by_code, record.code.casefold(), record, record.code)
            self._add(self._by_code, normalise_force_name(record.code), record, record.code)
            for name in record.names():
                key = normalise_force_name(name)
                if not key:
                    raise RegistryError(f"{record.code}: name {name!r} has no letters or digits.")
                self._add(self._by_name, key, record, name)
        # A code of one body spelled as another body's name would also be ambiguous.
        for key, record in self._by_code.items():
            if key in self._by_name:
                self._add(self._by_name, key, record, record.code)

    @staticmethod
    def _add(index: dict[str, ForceRecord], key: str, record: ForceRecord, name: str) -> None:
        other = index.setdefault(key, record)
        if other.code != record.code:
            raise RegistryError(
                f"{name!r} would match both {other.code} ({other.display_name}) and "
                f"{record.code} ({record.display_name})."
            )

    def resolve(self, text: str) -> ForceRecord | None:
        """The body `text` names, or None (blank, totals, regions and unknown names)."""
        if not isinstance(text, str):
            return None
        if found := self._by_code.get(text.strip().casefold()):
            return found
        key = normalise_force_name(text)
        if not key:
            return None
        if found := self._by_name.get(key) or self._by_code.get(key):
            return found
        stripped = _strip_generic_suffix(key)
        if stripped != key:
            return self._by_name.get(stripped)
        return None

    def suggest(self, text: str, n: int = 3) -> list[ForceRecord]:
        """Up to n bodies whose names look like `text`, best first (for "did you mean").

        Only names close to the best match are offered, so a plain typo gets one suggestion
        rather than a list of near-misses. Suggestions are for a person to confirm: `resolve`
        never uses them, so a fuzzy match is never accepted silently.
        """
        key = normalise_force_name(text) if isinstance(text, str) else ""
        if not key or n <= 0:
            return []
        # A bare "Police" would otherwise look like half the registry.
        probes = {p for p in (key, _strip_generic_suffix(key)) if p not in _GENERIC_SUFFIXES}
        best: dict[str, tuple[float, ForceRecord]] = {}
        for probe in probes:
            for name_key, record in self._by_name.items():
                # Word order as well as spelling: "Cornwall and Devon" -> Devon and Cornwall.
                score = max(fuzz.ratio(probe, name_key), fuzz.token_sort_ratio(probe, name_key))
                if len(probe) >= 4 and name_key.startswith(probe):
                    # A clipped name: "Devon" -> "Devon and Cornwall", "Bedford" -> Bedfordshire.
                    score = max(score, _CUTOFF)
                if score >= _CUTOFF and score > best.get(record.code, (0.0, record))[0]:
                    best[record.code] = (score, record)
        if not best:
            return []
        top = max(score for score, _ in best.values())
        ranked = sorted(best.values(), key=lambda item: (-item[0], item[1].display_name))
        return [record for score, record in ranked if score >= top - _MARGIN][:n]

    def resolve_or_raise(self, text: str) -> ForceRecord:
        found = self.resolve(text)
        if found is None:
            raise UnknownForceError(text if isinstance(text, str) else "", self.suggest(text))
        return found
