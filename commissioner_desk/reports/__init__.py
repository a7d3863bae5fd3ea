"""Briefing packs: what they hold (content model, no Qt), built from the database.

`build_pack(db, PackOptions(period=...))` gives a frozen `Pack`; ui/pack/ prints it.
"""

from .blocks import Pack, PackSection
from .build import build_pack
from .history import last_pack, record_pack
from .options import MARKINGS, PackOptions, offered_sections

__all__ = [
    "MARKINGS",
    "Pack",
    "PackOptions",
    "PackSection",
    "build_pack",
    "last_pack",
    "offered_sections",
    "record_pack",
]
