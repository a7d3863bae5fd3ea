"""What a briefing pack holds: the period, the sections, the protective marking and who it is for.

Sections whose capability has not landed in this build are not offered (`offered_sections`):
each names the core module it is built from, and is offered only when that module is there.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from ..domain.catalogue import METRICS_BY_KEY
from ..domain.periods import Period, PeriodKind
from ..published.disclosure import DEFAULT_SUPPRESSION, SuppressionRule

OFFICIAL = "OFFICIAL"
OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"
MARKINGS = (OFFICIAL, OFFICIAL_SENSITIVE)
MAX_MARKING = 80  # it is printed in capitals across the top of every page
MAX_VERSION = 20
MAX_AUDIENCE = 120
DEFAULT_AUDIENCE = "The Commissioner"

MapStyle = Literal["geo", "hex"]


@dataclass(frozen=True)
class SectionInfo:
    key: str
    label: str  # as the dialog's checkbox and the contents say it
    capability: str  # the core module the section is built from


SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("cover", "Cover", "commissioner_desk.reports.cover"),
    SectionInfo("contents", "Contents", "commissioner_desk.reports.cover"),
    SectionInfo("key_figures", "Key figures", "commissioner_desk.maps.values"),
    SectionInfo("map", "National map", "commissioner_desk.maps.values"),
    SectionInfo("charts", "Trends", "commissioner_desk.queries.series"),
    SectionInfo("forces", "Table of forces", "commissioner_desk.maps.values"),
    SectionInfo("returns", "Returns and chase list", "commissioner_desk.queries.register"),
    SectionInfo("actions", "Action log", "commissioner_desk.network.actions"),
    SectionInfo("practices", "Practice to share", "commissioner_desk.network.practices"),
    SectionInfo("annex", "About the data", "commissioner_desk.queries.figures"),
)
SECTIONS_BY_KEY = {s.key: s for s in SECTIONS}


def _landed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # its parent package is not there either
        return False


def offered_sections() -> tuple[SectionInfo, ...]:
    """The sections this build can make, in pack order."""
    return tuple(s for s in SECTIONS if _landed(s.capability))


def handling_instruction(marking: str) -> str:
    """What the cover tells the reader to do with the pack."""
    if marking == OFFICIAL:
        return (
            "Handle with care under the Government Security Classifications. Do not publish "
            "or share outside government and the anti-slavery network without the agreement "
            "of the Commissioner's office."
        )
    if marking == OFFICIAL_SENSITIVE:
        return (
            "Share only with those who need to know. Do not forward, copy or publish without "
            "the agreement of the Commissioner's office. Store it securely, and destroy it "
            "securely (cross-cut shredder or confidential waste) when no longer needed."
        )
    return "Follow this handling instruction for every page of this pack, and its copies."


def clean_marking(text: str) -> str:
    """Capitals, single spaces: as printed."""
    return " ".join(text.split()).upper()


@dataclass(frozen=True)
class PackOptions:
    period: str  # a quarter key, e.g. "2026-Q3"
    sections: tuple[str, ...] = field(default_factory=lambda: tuple(s.key for s in SECTIONS))
    marking: str = OFFICIAL
    audience: str = DEFAULT_AUDIENCE
    version: str = "1.0"
    per_force: bool = False  # one page per force, after the national sections
    suppression: SuppressionRule = DEFAULT_SUPPRESSION
    metric_key: str = "nrm_referrals"  # the figure mapped and ranked in the table of forces
    map_style: MapStyle = "geo"
    today: date | None = None  # "as at" date; None: today

    def checked(self) -> PackOptions:
        """The options cleaned (marking in capitals, spaces trimmed), or ValueError saying what
        is wrong in words a user can act on."""
        try:
            period = Period.from_key(self.period)
        except ValueError as exc:
            raise ValueError(
                f'"{self.period}" is not a period: use a quarter such as 2024-Q1.'
            ) from exc
        if period.kind is not PeriodKind.QUARTER:
            raise ValueError(
                f"A briefing pack covers one quarter, and {period.label} is not one: choose a "
                "quarter such as 2024-Q1."
            )
        marking = clean_marking(self.marking)
        if not marking:
            raise ValueError(
                "Choose the protective marking: OFFICIAL, OFFICIAL-SENSITIVE or a caveat."
            )
        if len(marking) > MAX_MARKING:
            raise ValueError(f"The marking is too long to print: at most {MAX_MARKING} letters.")
        version = " ".join(self.version.split())
        if len(version) > MAX_VERSION:
            raise ValueError(f"The version is too long: at most {MAX_VERSION} characters.")
        audience = " ".join(self.audience.split())
        if len(audience) > MAX_AUDIENCE:
            raise ValueError(f"Who the pack is for is too long: at most {MAX_AUDIENCE} characters.")
        offered = {s.key for s in offered_sections()}
        unknown = [k for k in self.sections if k not in SECTIONS_BY_KEY]
        if unknown:
            names = ", ".join(s.key for s in SECTIONS)
            raise ValueError(f"Unknown section {', '.join(unknown)}: choose from {names}.")
        missing = [k for k in self.sections if k not in offered]
        if missing:
            raise ValueError(f"This version cannot make the {', '.join(missing)} section yet.")
        if not self.sections and not self.per_force:
            raise ValueError("Choose at least one section, or the pages per force.")
        if self.metric_key not in METRICS_BY_KEY:
            raise ValueError(f'"{self.metric_key}" is not a figure the returns hold.')
        if self.map_style not in ("geo", "hex"):
            raise ValueError(f'The map style is "geo" or "hex", not "{self.map_style}".')
        order = [s.key for s in SECTIONS if s.key in self.sections]  # always in pack order
        return replace(
            self,
            period=period.key,
            sections=tuple(order),
            marking=marking,
            version=version,
            audience=audience,
        )

    def has(self, key: str) -> bool:
        return key in self.sections
