"""The data attribution the Open Government Licence requires, taken from geo/SOURCE.md."""

from __future__ import annotations

from pathlib import Path

FALLBACK = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0.",
    "Contains OS data © Crown copyright and database right 2023.",
    "Contains LPS Intellectual Property © Crown copyright and database right 2023.",
)


def attribution_lines(geo_dir: Path | None) -> tuple[str, ...]:
    """The quoted attribution lines of SOURCE.md, plus the LPS line it asks for (NI outlines)."""
    lines: list[str] = []
    source = geo_dir / "SOURCE.md" if geo_dir else None
    if source is not None and source.is_file():
        text = source.read_text(encoding="utf-8")
        head = text.split("---", 1)[0]  # the attribution block sits before the first rule
        lines = [
            ln[1:].strip() for ln in head.splitlines() if ln.startswith(">") and ln[1:].strip()
        ]
    if not lines:
        return FALLBACK
    if not any("LPS" in ln for ln in lines):
        lines.append(FALLBACK[2])
    return tuple(lines)
