"""The briefing pack's content: sections of plain blocks that any front end can lay out.

Every figure in a block is already text, with disclosure control applied (`[c]` for hidden
counts, their rates and changes hidden too), so a renderer cannot show a hidden value by
mistake. Maps and charts are requests: the values to draw (equally protected), not pictures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..maps.boundaries import Boundaries
from ..maps.hexes import HexLayout
from ..maps.values import MapValues
from ..published.disclosure import SuppressionRule
from ..queries.series import ChartData
from .options import PackOptions

Tone = Literal["", "muted", "lead", "alert", "small", "demo"]
Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 1 is the section's own title (the renderer adds it); 2 and 3 within


@dataclass(frozen=True)
class Paragraph:
    text: str
    tone: Tone = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    tone: Tone = ""


@dataclass(frozen=True)
class Facts:
    """Label and value pairs, e.g. a force's population and return."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Column:
    label: str
    align: Align = "left"
    width: int = 0  # % of the text width; 0: share what is left
    nowrap: bool = False  # dates and the like: never broken over two lines


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    tone: Literal["", "total", "muted", "alert"] = ""


@dataclass(frozen=True)
class Table:
    """A table whose header repeats on every page and whose rows never split across pages."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    empty: str = "Nothing to show."  # said instead of an empty table
    note: str = ""  # a line under the table (what marks mean, where figures come from)


@dataclass(frozen=True)
class MapFigure:
    values: MapValues  # hidden counts already shown as suppressed, unranked
    style: Literal["geo", "hex"]
    boundaries: Boundaries | None  # None: the hex map (no boundary file was found)
    hex_layout: HexLayout
    flags: tuple[tuple[str, str], ...]  # (force code, reason) of forces flagged as low
    flag_label: str
    attribution: tuple[str, ...]
    caption: str


@dataclass(frozen=True)
class ChartFigure:
    data: ChartData  # small national figures already gaps ("suppressed")
    caption: str


@dataclass(frozen=True)
class TrendPoint:
    label: str  # "2026 Q3"
    value: float | None  # None: a gap (missing, hidden, not applicable)
    text: str  # the value as printed, or why there is none


@dataclass(frozen=True)
class Trend:
    label: str  # the figure, e.g. "NRM referrals"
    points: tuple[TrendPoint, ...]  # oldest first


@dataclass(frozen=True)
class Trends:
    """Small trend lines, one per figure, drawn beside their labels."""

    trends: tuple[Trend, ...]
    caption: str = ""


@dataclass(frozen=True)
class CoverPage:
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]  # prepared for, date, version, marking, produced by
    marking: str
    handling: str
    demo_note: str = ""


@dataclass(frozen=True)
class ContentsEntry:
    section_key: str  # the section whose first page is listed
    title: str
    level: int = 1  # 2: a force page, listed compactly


@dataclass(frozen=True)
class Contents:
    entries: tuple[ContentsEntry, ...]  # page numbers are the renderer's: it lays pages out


Block = (
    Heading
    | Paragraph
    | Bullets
    | Facts
    | Table
    | MapFigure
    | ChartFigure
    | Trends
    | CoverPage
    | Contents
)


@dataclass(frozen=True)
class PackSection:
    key: str  # "key_figures", "force:E23000032"…
    title: str  # printed as the section's heading (none for the cover)
    blocks: tuple[Block, ...]
    level: int = 1  # 2: a page within a group (a force page)
    show_title: bool = True


@dataclass(frozen=True)
class ProvenanceLine:
    """One source file (or batch without a file) and the figures the pack took from it."""

    file_name: str
    sha256: str
    batch_id: int
    imported_by: str
    imported_at: object  # datetime (naive UTC)
    is_demo: bool
    figures: int
    forces: tuple[str, ...]  # force names
    metrics: tuple[str, ...]  # metric labels
    periods: tuple[str, ...]  # period keys
    cells: str  # "sheet Figures, C5 to C31", or "" when no cells were recorded

    @property
    def name(self) -> str:
        return self.file_name or "No file recorded"

    @property
    def fingerprint(self) -> str:
        return f"SHA-256 {self.sha256[:12]}…" if self.sha256 else ""

    @property
    def imported(self) -> str:
        from ..formatting import uk_datetime

        verb = "loaded" if self.is_demo else "imported"
        when = uk_datetime(self.imported_at)
        return f"batch {self.batch_id}, {verb} by {self.imported_by} on {when}"

    @property
    def supplied(self) -> str:
        from ..domain.catalogue import METRICS

        forces = self.forces[0] if len(self.forces) == 1 else f"{len(self.forces)} forces"
        every = set(self.metrics) == {m.label for m in METRICS}
        metrics = f"all {len(METRICS)} figures" if every else "; ".join(self.metrics)
        plural = "" if self.figures == 1 else "s"
        where = f" ({self.cells})" if self.cells else ""
        return (
            f"{self.figures:,} figure{plural} for {forces}, {', '.join(self.periods)}: "
            f"{metrics}{where}"
        )

    def text(self) -> str:
        fingerprint = f", {self.fingerprint}" if self.fingerprint else ""
        return f"{self.name}{fingerprint} ({self.imported}): {self.supplied}."


@dataclass(frozen=True)
class Pack:
    options: PackOptions
    title: str
    period_label: str
    produced_on: date
    produced_by: str
    demo: bool  # synthetic figures: a DEMO watermark on every page
    sections: tuple[PackSection, ...]
    suppression: SuppressionRule
    provenance: tuple[ProvenanceLine, ...] = field(default_factory=tuple)

    @property
    def subject(self) -> str:
        """The PDF's Subject: what the pack is about, for whom."""
        return (
            f"Modern slavery briefing pack, {self.period_label}, for {self.options.audience} "
            f"({self.options.marking})"
        )

    def section(self, key: str) -> PackSection | None:
        return next((s for s in self.sections if s.key == key), None)
