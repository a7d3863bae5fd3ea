"""Hex cartogram: one equal hexagon per territorial force, so small forces are as visible as big.

The layout is data the team authors, `resources/hex_layout.csv`, with columns `code,q,r`:
axial coordinates of pointy-top hexagons. q grows to the east and r to the south (down the
page); each row down is shifted half a hexagon east. Lines starting with `#` are comments.

Drawing coordinates here are screen-like: x to the right, y down, the hexagon "size" being the
distance from its centre to a corner.

British Transport Police polices the railways, not an area, so it has no hexagon: the renderer
draws it as a separate symbol, by default at BTP_SLOT (off the grid, bottom left).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from commissioner_desk.domain.forces import ForceKind, ForceRecord, load_registry
from commissioner_desk.paths import resources_dir

Hex = tuple[int, int]

# The six axial steps to a neighbour: east, north-east, north-west, west, south-west, south-east.
HEX_DIRECTIONS: tuple[Hex, ...] = ((1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1))
# Off the grid below Devon & Cornwall, touching no hexagon (tests check it).
BTP_SLOT: Hex = (-4, 9)
_SQRT3 = math.sqrt(3.0)


class HexLayoutError(ValueError):
    """The hex layout file cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class HexCell:
    code: str
    q: int
    r: int

    @property
    def hex(self) -> Hex:
        return (self.q, self.r)


@dataclass(frozen=True)
class HexLayout:
    cells: tuple[HexCell, ...]
    source: Path
    warnings: tuple[str, ...] = ()  # territorial forces the layout has no hexagon for

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.cells)

    def position(self, code: str) -> Hex | None:
        return next((c.hex for c in self.cells if c.code == code), None)

    def at(self, q: int, r: int) -> str | None:
        return next((c.code for c in self.cells if c.q == q and c.r == r), None)

    def extent(self, size: float) -> tuple[float, float, float, float]:
        """(min_x, min_y, max_x, max_y) of all hexagons' corners, in drawing units."""
        corners = [p for c in self.cells for p in hex_corners(c.q, c.r, size)]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        return min(xs), min(ys), max(xs), max(ys)


def default_hex_layout_path() -> Path:
    return resources_dir() / "hex_layout.csv"


def hex_centre(q: int, r: int, size: float) -> tuple[float, float]:
    return size * _SQRT3 * (q + r / 2), size * 1.5 * r


def hex_corners(q: int, r: int, size: float) -> tuple[tuple[float, float], ...]:
    """The six corners clockwise on screen, starting top right; pointy top and bottom."""
    cx, cy = hex_centre(q, r, size)
    return tuple(
        (cx + size * math.cos(math.radians(a)), cy + size * math.sin(math.radians(a)))
        for a in (-30, 30, 90, 150, 210, 270)
    )


def neighbours(q: int, r: int) -> tuple[Hex, ...]:
    return tuple((q + dq, r + dr) for dq, dr in HEX_DIRECTIONS)


def are_neighbours(a: Hex, b: Hex) -> bool:
    return (b[0] - a[0], b[1] - a[1]) in HEX_DIRECTIONS


def load_hex_layout(
    path: Path | None = None, registry: Iterable[ForceRecord] | None = None
) -> HexLayout:
    """Read and check a layout; raise HexLayoutError naming the file and line.

    Every code must be a territorial force in `registry` (the app's own when None), once, on a
    hexagon of its own. Territorial forces without a hexagon are listed in `warnings`.
    """
    path = Path(path) if path else default_hex_layout_path()
    try:
        stat = path.stat()
    except OSError:
        raise HexLayoutError(f"The hex map layout {path} does not exist.") from None
    records = tuple(registry) if registry is not None else load_registry()
    return _load_cached(path.resolve(), stat.st_mtime_ns, stat.st_size, records)


@lru_cache(maxsize=4)
def _load_cached(
    path: Path, _mtime_ns: int, _size: int, records: tuple[ForceRecord, ...]
) -> HexLayout:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise HexLayoutError(f"The hex map layout {path} cannot be read: {exc}.") from None
    kinds = {r.code: r.kind for r in records}
    names = {r.code: r.display_name for r in records}
    cells: list[HexCell] = []
    code_line: dict[str, int] = {}
    hex_line: dict[Hex, tuple[int, str]] = {}
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"The hex map layout {path}, line {number}"
        fields = [f.strip() for f in line.split(",")]
        if not header_seen:
            if [f.lower() for f in fields] != ["code", "q", "r"]:
                raise HexLayoutError(f"{where}: the first line must be the header code,q,r.")
            header_seen = True
            continue
        if len(fields) != 3:
            raise HexLayoutError(f"{where}: expected code,q,r but found {len(fields)} values.")
        code = fields[0]
        try:
            q, r = int(fields[1]), int(fields[2])
        except ValueError:
            raise HexLayoutError(f"{where}: q and r must be whole numbers.") from None
        if code not in kinds:
            raise HexLayoutError(f"{where}: {code!r} is not a code in the force list.")
        if kinds[code] is not ForceKind.TERRITORIAL:
            raise HexLayoutError(
                f"{where}: {names[code]} ({code}) is not a territorial force; only forces "
                "with an area get a hexagon."
            )
        if code in code_line:
            raise HexLayoutError(f"{where}: {code} is already placed on line {code_line[code]}.")
        if (q, r) in hex_line:
            other_line, other = hex_line[(q, r)]
            raise HexLayoutError(
                f"{where}: {code} is on the same hexagon ({q}, {r}) as {other} on line "
                f"{other_line}."
            )
        code_line[code] = number
        hex_line[(q, r)] = (number, code)
        cells.append(HexCell(code, q, r))
    if not cells:
        raise HexLayoutError(f"The hex map layout {path} places no forces.")
    missing = tuple(
        f"The hex map layout has no hexagon for {r.display_name} ({r.code})."
        for r in records
        if r.kind is ForceKind.TERRITORIAL and r.code not in code_line
    )
    return HexLayout(cells=tuple(cells), source=path, warnings=missing)
