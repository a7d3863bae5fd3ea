"""The map legend: what it says (a Qt-free model the tests can read) and how it is drawn."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath

from commissioner_desk.domain.periods import Period
from commissioner_desk.maps.categories import CategoryMap
from commissioner_desk.maps.classify import Classes
from commissioner_desk.maps.palettes import NON_VALUE_LOOKS, NonValueLook
from commissioner_desk.maps.values import MapValues

from .flag_marks import paint_flag_swatch
from .patterns import fill_non_value, outline

# Legend order of the looks, most important first.
_NON_VALUE_ORDER = ("missing", "nil", "suppressed", "not_applicable", "no_rate", "no_change")


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str | None = None  # a class colour
    look: NonValueLook | None = None  # or the look of a figure that is not a value
    flag: bool = False  # or the low-reporting mark


@dataclass(frozen=True)
class Legend:
    title: str
    classes: tuple[LegendEntry, ...]
    non_values: tuple[LegendEntry, ...]
    notes: tuple[str, ...]  # method, period, denominator, forces reporting
    marks: tuple[LegendEntry, ...] = ()  # overlays: the low-reporting flag

    @property
    def class_labels(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.classes)


def measure_text(values: MapValues) -> str:
    """What the numbers are, e.g. "Rate per 100,000 people (mid-2024 population)"."""
    if values.measure == "rate":
        year = f" (mid-{values.population_year} population)" if values.population_year else ""
        return f"Rate per 100,000 people{year}"
    if values.measure == "change":
        before = Period.from_key(values.comparison_period_key).label
        return f"% change on {before}"
    return {"decimal": "Figure", "percent": "Percentage"}.get(values.unit, "Number")


def build_legend(
    values: MapValues, classes: Classes, colours: tuple[str, ...], flag_label: str = ""
) -> Legend:
    present = {f.status for f in values.forces}
    non_values = tuple(
        LegendEntry(NON_VALUE_LOOKS[s].label, look=NON_VALUE_LOOKS[s])
        for s in _NON_VALUE_ORDER
        if s in present
    )
    entries = tuple(
        LegendEntry(label, colour=c) for label, c in zip(classes.labels(), colours, strict=True)
    )
    notes = [
        classes.method_label if entries else "No force has a value to show",
        values.period_label,
        values.reporting_text,
    ]
    if values.breakdown:
        notes.insert(0, values.breakdown_label)
    marks = (LegendEntry(flag_label, flag=True),) if flag_label else ()
    return Legend(measure_text(values), entries, non_values, tuple(notes), marks)


def category_legend(cmap: CategoryMap) -> Legend:
    """One swatch per category, with how many areas are in it."""
    entries = tuple(LegendEntry(c.legend_label, colour=c.colour) for c in cmap.categories)
    return Legend(cmap.legend_title, entries, (), cmap.notes)


def font(painter: QPainter, points: float, bold: bool = False) -> QFont:
    """A font `points` drawing units tall on any device (screen, 300 dpi image, PDF, SVG):
    the device's own resolution is undone, as the painter is already scaled to points."""
    f = QFont(painter.font())
    f.setPointSizeF(points * 72.0 / max(painter.device().logicalDpiY(), 1))
    f.setBold(bold)
    return f


def legend_height(painter: QPainter, legend: Legend, size: float) -> float:
    rows = 1 + len(legend.classes) + len(legend.non_values) + len(legend.marks) * 4
    return size * 1.6 * rows + size * 1.35 * len(legend.notes) + size


def paint_legend(painter: QPainter, rect: QRectF, legend: Legend, size: float) -> list[str]:
    """Draw the legend from the top of `rect`; `size` is the body text size in points.
    Returns the texts drawn, in order."""
    drawn: list[str] = []
    y = rect.top()

    def text(s: str, pt: float, bold: bool = False, x: float = rect.left()) -> None:
        nonlocal y
        painter.setFont(font(painter, pt, bold))
        height = QFontMetricsF(painter.font()).height()
        box = QRectF(x, y, rect.right() - x, height * 8)  # the flag's rule takes a few lines
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        used = painter.boundingRect(box, flags, s)
        painter.drawText(box, flags, s)
        drawn.append(s)
        y += max(used.height(), height)

    painter.setPen(QColor("#222222"))
    text(legend.title, size * 1.05, bold=True)
    y += size * 0.4
    sw, sh = size * 2.2, size * 1.25
    for entry in (*legend.classes, *legend.non_values, *legend.marks):
        if entry.flag:
            y += size * 0.4  # an overlay, not a class: set apart
        swatch = QRectF(rect.left(), y + size * 0.1, sw, sh)
        path = QPainterPath()
        path.addRect(swatch)
        if entry.flag:
            paint_flag_swatch(painter, swatch)
            border = None
        elif entry.look is not None:
            fill_non_value(painter, path, entry.look)
            border = entry.look.outline
        else:
            painter.fillPath(path, QColor(entry.colour))
            border = "#9a9a9a"
        if border is not None:
            painter.strokePath(path, outline(border, 0.5))
        painter.setPen(QColor("#222222"))
        row_top = y
        y += size * 0.15
        text(entry.label, size, x=rect.left() + sw + size * 0.6)
        y = max(y, row_top + sh + size * 0.35)
    y += size * 0.5
    painter.setPen(QColor("#444444"))
    for note in legend.notes:
        text(note, size * 0.9)
    return drawn
