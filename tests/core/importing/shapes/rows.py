"""The lines of a table by force, in the orders publishers print them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .forces import Region, codes, name, regions
from .grid import Line, force_line, total_line

NO_NOTES: Mapping[str, str] = {}


def labels(code: str, style: str, glued: Mapping[str, str], with_code: bool) -> tuple[str, ...]:
    """The label cells of a force's row: its name with any footnote glued on, after its ONS
    code when the table has a code column."""
    shown = name(code, style) + glued.get(code, "")
    return (code, shown) if with_code else (shown,)


def forces(
    style: str = "ons",
    glued: Mapping[str, str] = NO_NOTES,
    *,
    with_code: bool = False,
    order: Sequence[str] | None = None,
) -> list[Line]:
    """One line a force, in ONS order unless `order` is given."""
    return [force_line(c, *labels(c, style, glued, with_code)) for c in order or codes()]


def alphabetical(style: str) -> list[str]:
    """The 43 codes in the alphabetical order of their printed names (Home Office tables)."""
    return sorted(codes(), key=lambda c: name(c, style).casefold())


def by_region(
    region_label: Callable[[Region], Sequence[object]],
    style: str = "ons",
    glued: Mapping[str, str] = NO_NOTES,
    *,
    with_code: bool = False,
    below: bool = False,
) -> list[Line]:
    """Each region's row directly above (or below) its forces."""
    lines: list[Line] = []
    for region in regions():
        own = forces(style, glued, with_code=with_code, order=region.codes)
        total = total_line(region.codes, *region_label(region))
        lines += [*own, total] if below else [total, *own]
    return lines
