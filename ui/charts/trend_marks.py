"""Things drawn over a trend chart's data: event markers, the hover crosshair and readout box,
and the DEMO watermark."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import PySide6  # noqa: F401  (first: pyqtgraph uses the Qt binding already imported)

# isort: split
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from commissioner_desk.domain.events import ChartEvent
from commissioner_desk.formatting import uk_date

from .trend_style import EVENT_COLOUR, timestamp

PenMaker = Callable[..., object]  # (colour, width, dashed=False) -> QPen


class EventMarks:
    """A dashed vertical line per event, its title upright along the line from the top of the
    plot, and the detail in a tooltip on both."""

    def __init__(self, plot_item: pg.PlotItem, pen: PenMaker) -> None:
        self.plot_item = plot_item
        self.pen = pen
        self.marks: list[tuple[pg.InfiniteLine, pg.TextItem]] = []

    def draw(self, events: Sequence[ChartEvent]) -> None:
        for line, text in self.marks:
            self.plot_item.removeItem(line)
            self.plot_item.removeItem(text)
        self.marks = []
        font = QFont()
        font.setPointSizeF(8)
        for event in events:
            line = pg.InfiniteLine(
                pos=timestamp(event.on), angle=90, pen=self.pen(EVENT_COLOUR, 1, dashed=True)
            )
            # On a pale ground, so a data line behind the words does not cross them out.
            text = pg.TextItem(
                event.title,
                color=EVENT_COLOUR,
                angle=90,
                anchor=(1.0, 1.0),  # the end of the title at the top, just left of the line
                fill=pg.mkBrush(255, 255, 255, 190),
            )
            text.setFont(font)
            tip = f"{event.title} ({uk_date(event.on)})"
            if event.detail:
                tip += f"\n{event.detail}"
            line.setToolTip(tip)
            text.setToolTip(tip)
            line.setZValue(-5)
            text.setZValue(-4)
            self.plot_item.addItem(line, ignoreBounds=True)
            self.plot_item.addItem(text, ignoreBounds=True)
            self.marks.append((line, text))

    def place(self, top: float) -> None:
        """Hang the titles from `top` (the plot's upper edge in data units)."""
        for line, text in self.marks:
            text.setPos(line.value(), top)

    def titles(self) -> list[str]:
        return [text.textItem.toPlainText() for _line, text in self.marks]


class HoverMarks:
    """A vertical crosshair on the hovered period and a box listing the values there."""

    def __init__(self, plot_item: pg.PlotItem, pen: PenMaker) -> None:
        self.plot_item = plot_item
        self.crosshair = pg.InfiniteLine(angle=90, pen=pen("#888888", 1))
        self.crosshair.setZValue(20)
        self.box = pg.TextItem(
            color="#111111",
            anchor=(0, 0),
            border=pen("#9a9a9a", 1),
            fill=pg.mkBrush(255, 255, 255, 235),
        )
        self.box.setZValue(30)
        for item in (self.crosshair, self.box):
            item.setVisible(False)
            plot_item.addItem(item, ignoreBounds=True)

    def show(self, x: float, html: str, text: str) -> None:
        self.box.setHtml(html)
        self.box.setToolTip(text)
        self.crosshair.setPos(x)
        # Beside the line, on the side with more room, at the top of the plot.
        (x0, x1), (_y0, y1) = self.plot_item.viewRange()
        right_half = x > (x0 + x1) / 2
        self.box.setAnchor((1.0, 0.0) if right_half else (0.0, 0.0))
        gap = (x1 - x0) * 0.008
        self.box.setPos(x - gap if right_half else x + gap, y1)
        self.crosshair.setVisible(True)
        self.box.setVisible(True)

    def hide(self) -> None:
        self.crosshair.setVisible(False)
        self.box.setVisible(False)

    @property
    def visible(self) -> bool:
        return self.box.isVisible()


class Watermark:
    """A large pale DEMO across the plot, as the map has: demo figures are never mistaken for
    real ones, on screen or in a file."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        self.view_box = view_box
        self.item = QGraphicsSimpleTextItem("DEMO", view_box)
        font = QFont()
        font.setPointSize(64)
        font.setBold(True)
        self.item.setFont(font)
        self.item.setBrush(QColor("#d02020"))
        self.item.setOpacity(0.13)
        self.item.setRotation(-25)
        self.item.setZValue(-50)
        self.item.setVisible(False)
        view_box.sigResized.connect(self.place)

    def set_shown(self, shown: bool) -> None:
        self.item.setVisible(shown)
        self.place()

    def place(self, *_args) -> None:
        box = self.item.boundingRect()
        self.item.setTransformOriginPoint(box.center())
        self.item.setPos(self.view_box.boundingRect().center() - box.center())

    @property
    def shown(self) -> bool:
        return self.item.isVisible()
