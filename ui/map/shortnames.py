"""Short force labels for the hex cartogram, where a full name does not fit in a hexagon."""

from __future__ import annotations

import re

# Abbreviations the office already uses; everything else falls back to initials.
SHORT_NAMES: dict[str, str] = {
    "E23000001": "Met",
    "E23000002": "Cumb",
    "E23000003": "Lancs",
    "E23000004": "Mers",
    "E23000005": "GMP",
    "E23000006": "Ches",
    "E23000007": "Nbria",
    "E23000008": "Dur",
    "E23000009": "NYks",
    "E23000010": "WYks",
    "E23000011": "SYks",
    "E23000012": "Humb",
    "E23000013": "Clev",
    "E23000014": "WMid",
    "E23000015": "Staf",
    "E23000016": "WMer",
    "E23000017": "Warw",
    "E23000018": "Derb",
    "E23000019": "Notts",
    "E23000020": "Lincs",
    "E23000021": "Leics",
    "E23000022": "Nhnts",
    "E23000023": "Cambs",
    "E23000024": "Norf",
    "E23000025": "Suff",
    "E23000026": "Beds",
    "E23000027": "Herts",
    "E23000028": "Essex",
    "E23000029": "TVP",
    "E23000030": "Hants",
    "E23000031": "Surr",
    "E23000032": "Kent",
    "E23000033": "Suss",
    "E23000034": "City",
    "E23000035": "D&C",
    "E23000036": "A&S",
    "E23000037": "Glos",
    "E23000038": "Wilts",
    "E23000039": "Dors",
    "W15000001": "NWal",
    "W15000002": "Gwent",
    "W15000003": "SWal",
    "W15000004": "DyfP",
    "S23000009": "Scot",
    "N92000002": "PSNI",
    "BTP": "BTP",
}
_NOISE = re.compile(r"\b(police|constabulary|service|of|and|the)\b", re.IGNORECASE)


def short_name(code: str, name: str) -> str:
    """The table's abbreviation, else the initials (or first letters) of the name's key words."""
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    words = _NOISE.sub(" ", name).split()
    if not words:
        return code[:4]
    if len(words) == 1:
        return words[0][:4]
    return "".join(w[0].upper() for w in words)[:4]
