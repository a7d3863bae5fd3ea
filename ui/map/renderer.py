"""Draw the national map with QPainter: the same code for the screen, PNG, SVG and PDF.

`paint_map` draws into a rectangle measured in points (1/72 inch): the title, the map
(geographic, with a London inset, or the hex cartogram), the legend and the attribution. Text
sizes are in points too, so an export at any resolution looks like the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPolygonF, QTransform

from commissioner_desk.maps.boundaries import CITY, MET, Boundaries, london_inset
from commissioner_desk.maps.categories import CategoryMap
from commissioner_desk.maps.classify import Classes, Method, classify, diverging_breaks
from commissioner_desk.maps.geometry import BBox
from commissioner_desk.maps.hexes import BTP_SLOT, HexLayout, hex_centre, hex_corners
from commissioner_desk.maps.palettes import (
    DEFAULT_DIVERGING,
    DEFAULT_SEQUENTIAL,
    NO_RETURN,
    NON_VALUE_LOOKS,
    palette,
)
from commissioner_desk.maps.values import BTP, MapValues

from .flag_marks import flag_badge, flag_outline
from .legend import Legend, build_legend, category_legend, font, measure_text, paint_legend
from .patterns import fill_non_value, outline
from .shortnames import short_name

Style = Literal["geo", "hex"]
# North Sea off north-east England, in British National Grid metres: no land, room for London.
_INSET_SEA = BBox(468_000.0, 575_000.0, 660_000.0, 830_000.0)
_BTP_SEA = (75_000.0, 205_000.0)  # Atlantic west of Cornwall and Pembrokeshire
_MIN_CITY = 3.5  # points: the City of London is never drawn smaller than this radius


@dataclass(frozen=True)
class MapSpec:
    style: Style
    values: MapValues
    classes: Classes
    palette: str
    title: str
    subtitle: str
    attribution: tuple[str, ...] = ()
    show_legend: bool = True
    demo: bool = False  # synthetic figures: a DEMO watermark on screen and on every export
    # The low-reporting overlay: force code → why it is flagged, and the legend's words for
    # the mark (empty: the overlay is off). Judged by the stored rule, whatever the map shows.
    flags: Mapping[str, str] = field(default_factory=dict)
    flag_label: str = ""
    # Colour by category (e.g. network membership) instead of by value: `values` then only
    # names the areas, and the legend lists the categories.
    categories: CategoryMap | None = None


@dataclass(frozen=True)
class MapHits:
    """What was drawn where, in the drawing's coordinates: for hover, click and tests."""

    paths: dict[str, tuple[QPainterPath, ...]]  # force code → shapes (London inset last)
    label_points: dict[str, QPointF]  # a point well inside each force's shape
    legend: Legend
    texts: tuple[str, ...] = field(default=())  # every text drawn, in order
    badges: dict[str, QRectF] = field(default_factory=dict)  # flagged force → its "!" badge

    def force_at(self, point: QPointF) -> str | None:
        # Badges, the inset and BTP symbol are drawn over the main map, so they are found first.
        for code, box in self.badges.items():
            if box.contains(point):
                return code
        for code, shapes in self.paths.items():
            if len(shapes) > 1 and shapes[-1].contains(point):
                return code
        for code, shapes in self.paths.items():
            if any(s.contains(point) for s in shapes):
                return code
        return None


def make_spec(
    values: MapValues,
    *,
    style: Style = "geo",
    method: Method = "quantile",
    classes: int = 5,
    palette_name: str | None = None,
    custom_breaks: tuple[float, ...] | None = None,
    attribution: tuple[str, ...] = (),
    demo: bool = False,
    flags: Mapping[str, str] | None = None,
    flag_label: str = "",
) -> MapSpec:
    """The usual map for some values: change gets classes symmetric around zero and a
    diverging palette; rates and change are shown to one decimal place."""
    numbers = values.values()
    if values.measure == "change":
        found = diverging_breaks(numbers, classes, decimals=1)
        name = palette_name or DEFAULT_DIVERGING
    else:
        # Rates to one place; an FTE or a percentage to two, as it is shown everywhere.
        decimals = 1 if values.measure == "rate" else 0 if values.unit == "count" else 2
        found = classify(numbers, method, classes, custom_breaks, decimals=decimals)
        name = palette_name or DEFAULT_SEQUENTIAL
    subtitle = measure_text(values)
    if values.breakdown:
        subtitle += f" · {values.breakdown_label}"
    return MapSpec(
        style=style,
        values=values,
        classes=found,
        palette=name,
        title=f"{values.metric_label}, {values.period_label}",
        subtitle=subtitle,
        attribution=attribution,
        demo=demo,
        flags=dict(flags or {}),
        flag_label=flag_label,
    )


def class_colours(name: str, n: int) -> tuple[str, ...]:
    """One colour per class; fewer than three classes take the ends of the 3-colour scheme."""
    if n == 0:
        return ()
    if n >= 3:
        return palette(name, n)
    three = palette(name, 3)
    return (three[2],) if n == 1 else (three[0], three[2])


class _Painter:
    """Draws one map; collects what the hits need on the way."""

    def __init__(self, painter: QPainter, spec: MapSpec, text_size: float) -> None:
        self.p = painter
        self.spec = spec
        self.size = text_size
        self.colours = class_colours(spec.palette, len(spec.classes))
        self.paths: dict[str, list[QPainterPath]] = {}
        self.labels: dict[str, QPointF] = {}
        self.texts: list[str] = []
        self.badges: dict[str, QPointF] = {}  # where a flagged force's "!" goes, if not its label
        self._outlined: dict[str, int] = {}  # flagged forces' paths already outlined
        self.badge_boxes: dict[str, QRectF] = {}

    def fill(self, code: str, path: QPainterPath, width: float = 0.5) -> None:
        force = self.spec.values.force(code)
        found = self.spec.categories.category_of(code) if self.spec.categories else None
        if found is not None:
            self.p.fillPath(path, QColor(found.colour))
            self.p.strokePath(path, outline(found.outline, width))
        elif force is not None and force.status == "value" and force.value is not None:
            colour = self.colours[self.spec.classes.class_of(force.value)]
            self.p.fillPath(path, QColor(colour))
            self.p.strokePath(path, outline("#ffffff", width))
        else:
            look = NON_VALUE_LOOKS.get(force.status, NO_RETURN) if force else NO_RETURN
            fill_non_value(self.p, path, look)
            self.p.strokePath(path, outline(look.outline, width))
        self.paths.setdefault(code, []).append(path)

    def outline_flags(self, width: float) -> None:
        """The low-reporting outline around flagged forces' shapes drawn since the last call:
        after their neighbours' fills, so no neighbour covers the dashes."""
        for code in self.spec.flags:
            shapes = self.paths.get(code, [])
            for path in shapes[self._outlined.get(code, 0) :]:
                flag_outline(self.p, path, width)
            self._outlined[code] = len(shapes)

    def badge_flags(self, radius: float) -> None:
        """The "!" badges, last of all so no label hides one."""
        for code in self.spec.flags:
            at = self.badges.get(code) or self.labels.get(code)
            if at is not None:
                flag_badge(self.p, at, radius)
                self.badge_boxes[code] = QRectF(
                    at.x() - radius, at.y() - radius, 2 * radius, 2 * radius
                )

    def text(self, rect: QRectF, s: str, pt: float, flags: Qt.AlignmentFlag, **kw) -> None:
        self.p.setFont(font(self.p, pt, kw.get("bold", False)))
        self.p.setPen(QColor(kw.get("colour", "#222222")))
        self.p.drawText(rect, flags, s)
        self.texts.append(s)

    def halo_text(self, at: QPointF, s: str, pt: float) -> None:
        """Text with a white halo, readable over any fill (the City label sits on the Met)."""
        path = QPainterPath()
        path.addText(at, font(self.p, pt, True), s)
        self.p.strokePath(path, outline("#ffffff", pt * 0.3))
        self.p.fillPath(path, QColor("#222222"))
        self.texts.append(s)

    def label_colour(self, code: str) -> str:
        force = self.spec.values.force(code)
        colour = self.spec.categories.colour_of(code) if self.spec.categories else None
        if colour is None and (force is None or force.value is None):
            return "#222222"
        c = QColor(colour or self.colours[self.spec.classes.class_of(force.value)])
        light = 0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF()
        return "#ffffff" if light < 0.55 else "#222222"

    def btp(self, centre: QPointF, radius: float) -> None:
        path = QPainterPath()
        path.addEllipse(centre, radius, radius)
        self.fill(BTP, path, 0.8)
        self.labels[BTP] = centre
        box = QRectF(centre.x() - radius * 3, centre.y() + radius * 1.1, radius * 6, self.size * 2)
        top = (
            Qt.AlignmentFlag.AlignHCenter
            | Qt.AlignmentFlag.AlignTop
            | Qt.TextFlag.TextDontClip  # wider than its box at small sizes: never cut off
        )
        self.text(box, "BTP (railways)", self.size * 0.8, top)


def _fit(world: BBox, target: QRectF) -> QTransform:
    """World metres (y north) to the largest centred rectangle of the same shape in `target`."""
    s = min(target.width() / world.width, target.height() / world.height)
    dx = target.left() + (target.width() - world.width * s) / 2
    dy = target.top() + (target.height() - world.height * s) / 2
    return QTransform(s, 0, 0, -s, dx - world.min_x * s, dy + world.max_y * s)


def _area_path(rings) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        # One call per ring: per-point moveTo/lineTo is slow (and trips a PySide refcount bug).
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring]))
        path.closeSubpath()
    return path


_shape_cache: dict[int, tuple[Boundaries, dict[str, QPainterPath]]] = {}


def _shapes(boundaries: Boundaries) -> dict[str, QPainterPath]:
    """Each area's outline in metres, built once per boundary file."""
    found = _shape_cache.get(id(boundaries))
    if found is None or found[0] is not boundaries:
        _shape_cache.clear()  # one file at a time; holding it keeps its id from being reused
        found = (boundaries, {a.code: _area_path(a.rings) for a in boundaries.areas})
        _shape_cache[id(boundaries)] = found
    return found[1]


def _place_labels(d: _Painter, world: QTransform, boundaries: Boundaries, shapes) -> None:
    """Short names where they fit: biggest areas first, a label only if it sits inside its
    own area's outline and touches no label already placed, so labels never collide."""
    pt = d.size * 0.62
    metrics = QFontMetricsF(font(d.p, pt, True))
    placed: list[QRectF] = []
    for a in sorted(boundaries.areas, key=lambda a: a.area_km2, reverse=True):
        if a.code in (MET, CITY):
            continue  # the London inset names them
        text = short_name(a.code, a.name)
        centre = d.labels[a.code]
        box = QRectF(0, 0, metrics.horizontalAdvance(text), metrics.height())
        box.moveCenter(centre)
        shape = world.map(shapes[a.code])
        inside = all(
            shape.contains(p)
            for p in (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight())
        )
        if inside and not any(box.intersects(other) for other in placed):
            placed.append(box)
            d.halo_text(QPointF(box.left(), box.bottom() - metrics.descent()), text, pt)
            d.badges[a.code] = QPointF(box.right() + d.size * 0.45, box.top())  # beside the name


def _draw_geo(d: _Painter, area: QRectF, boundaries: Boundaries) -> None:
    world = _fit(boundaries.bbox, area)
    shapes = _shapes(boundaries)
    for a in boundaries.areas:
        d.fill(a.code, world.map(shapes[a.code]), 0.4)
        d.labels[a.code] = world.map(QPointF(*a.label_point))
    d.outline_flags(d.size * 0.16)
    _place_labels(d, world, boundaries, shapes)
    d.btp(world.map(QPointF(*_BTP_SEA)), d.size * 0.9)

    london = london_inset(boundaries)
    if london is None:
        return
    frame = world.mapRect(
        QRectF(
            QPointF(_INSET_SEA.min_x, _INSET_SEA.max_y), QPointF(_INSET_SEA.max_x, _INSET_SEA.min_y)
        )
    ).normalized()
    frame = frame.intersected(area)
    d.p.setPen(outline("#7a7a7a", 0.6))
    d.p.setBrush(Qt.BrushStyle.NoBrush)
    marker = world.mapRect(QRectF(london.min_x, london.min_y, london.width, london.height))
    d.p.drawRect(marker.normalized())
    d.p.fillRect(frame, QColor("#ffffff"))
    d.p.drawRect(frame)
    head = d.size * 1.5
    top = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
    d.text(QRectF(frame.left(), frame.top() + 2, frame.width(), head), "London", d.size * 0.9, top)
    inner = frame.adjusted(4, head, -4, -4)
    zoom = _fit(london, inner)
    for code in (MET, CITY):
        a = boundaries.get(code)
        if a is None:
            continue
        path = zoom.map(shapes[code])
        centre = zoom.map(QPointF(*a.label_point))
        if code == CITY and max(path.boundingRect().width(), path.boundingRect().height()) < (
            2 * _MIN_CITY
        ):
            path = QPainterPath()  # too small to see or click: a symbol the size of a fingertip
            path.addEllipse(centre, _MIN_CITY, _MIN_CITY)
        d.fill(code, path, 0.6)
        d.outline_flags(d.size * 0.16)  # before the City is drawn over the Met's outline
        box = path.boundingRect()  # in the inset, where London can be seen; clear of "City"
        d.badges[code] = QPointF(box.left() + box.width() * 0.35, box.top() + box.height() * 0.7)
        if code == CITY:
            d.badges[code] = centre - QPointF(0, _MIN_CITY + d.size * 0.6)  # above the City
            d.labels[code] = centre
            side = QRectF(centre.x() + _MIN_CITY + 1, centre.y() - d.size, d.size * 4, d.size * 2)
            d.halo_text(side.bottomLeft() + QPointF(0, -d.size * 0.7), "City", d.size * 0.75)


def _draw_hex(d: _Painter, area: QRectF, layout: HexLayout) -> None:
    cells = [(c.code, c.q, c.r) for c in layout.cells]
    corners = [p for _, q, r in cells for p in hex_corners(q, r, 1.0)]
    corners += list(hex_corners(*BTP_SLOT, 1.0))
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    size = min(area.width() / w, area.height() / h)
    ox = area.left() + (area.width() - w * size) / 2 - min(xs) * size
    oy = area.top() + (area.height() - h * size) / 2 - min(ys) * size
    middle = Qt.AlignmentFlag.AlignCenter
    label_pt = max(min(size * 0.42, d.size * 1.1), 4.0)
    for code, q, r in cells:
        path = QPainterPath()
        pts = [QPointF(ox + x * size, oy + y * size) for x, y in hex_corners(q, r, 1.0)]
        path.moveTo(pts[0])
        for pt in pts[1:]:
            path.lineTo(pt)
        path.closeSubpath()
        d.fill(code, path, max(size * 0.06, 0.8))
        cx, cy = hex_centre(q, r, 1.0)
        centre = QPointF(ox + cx * size, oy + cy * size)
        d.labels[code] = centre
        force = d.spec.values.force(code)
        name = short_name(code, force.name if force else code)
        box = QRectF(centre.x() - size, centre.y() - size / 2, 2 * size, size)
        d.text(box, name, label_pt, middle, colour=d.label_colour(code))
        d.badges[code] = centre - QPointF(0, size * 0.6)  # above the name, inside the hex
    bx, by = hex_centre(*BTP_SLOT, 1.0)
    d.btp(QPointF(ox + bx * size, oy + by * size), size * 0.7)
    d.outline_flags(max(size * 0.09, 1.2))
    d.badge_flags(min(size * 0.2, d.size * 0.7))


def _demo_watermark(painter: QPainter, d: _Painter, rect: QRectF, size: float) -> None:
    """Large, pale, diagonal: no one can mistake a demo map for real figures."""
    painter.save()
    painter.setOpacity(0.22)
    painter.translate(rect.center())
    painter.rotate(-30)
    box = QRectF(-rect.width() / 2, -size * 6, rect.width(), size * 12)
    d.text(box, "DEMO", size * 9, Qt.AlignmentFlag.AlignCenter, bold=True, colour="#d02020")
    painter.restore()


def paint_map(
    painter: QPainter,
    rect: QRectF,
    spec: MapSpec,
    boundaries: Boundaries | None,
    hex_layout: HexLayout,
) -> MapHits:
    """Draw the whole map into `rect` (points); the geographic style needs `boundaries`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    size = max(6.0, min(11.0, min(rect.width(), rect.height()) / 55))
    d = _Painter(painter, spec, size)
    pad = size * 1.2
    inner = rect.adjusted(pad, pad, -pad, -pad)
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    painter.setFont(font(painter, size * 1.6, True))
    title_h = QFontMetricsF(painter.font()).height()
    d.text(
        QRectF(inner.left(), inner.top(), inner.width(), title_h),
        spec.title,
        size * 1.6,
        left,
        bold=True,
    )
    d.text(
        QRectF(inner.left(), inner.top() + title_h, inner.width(), size * 1.6),
        spec.subtitle,
        size * 1.05,
        left,
        colour="#444444",
    )
    top = inner.top() + title_h + size * 2.4

    small = size * 0.72
    line = small * 1.35
    foot = line * len(spec.attribution)
    for i, s in enumerate(spec.attribution):
        box = QRectF(inner.left(), inner.bottom() - foot + i * line, inner.width(), line)
        d.text(box, s, small, left, colour="#555555")
    bottom = inner.bottom() - foot - size * 0.6

    if spec.categories is not None:
        legend = category_legend(spec.categories)
    else:
        legend = build_legend(spec.values, spec.classes, d.colours, spec.flag_label)
    legend_w = max(inner.width() * 0.26, size * 14) if spec.show_legend else 0.0
    area = QRectF(inner.left(), top, inner.width() - legend_w - size, bottom - top)
    if spec.style == "geo":
        if boundaries is None:
            raise ValueError("The geographic map needs a boundary file; use the hex map.")
        _draw_geo(d, area, boundaries)
        d.outline_flags(size * 0.16)  # the London inset's
        d.badge_flags(size * 0.5)
    else:
        _draw_hex(d, area, hex_layout)
    if spec.show_legend:
        box = QRectF(inner.right() - legend_w, top, legend_w, bottom - top)
        d.texts.extend(paint_legend(painter, box, legend, size))
    if spec.demo:
        _demo_watermark(painter, d, rect, size)
    painter.restore()
    return MapHits(
        paths={k: tuple(v) for k, v in d.paths.items()},
        label_points=d.labels,
        legend=legend,
        texts=tuple(d.texts),
        badges=d.badge_boxes,
    )
