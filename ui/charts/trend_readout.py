"""What the hover readout of a trend chart says for one period, and the clickable legend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

import PySide6  # noqa: F401  (first: pyqtgraph uses the Qt binding already imported)

# isort: split
import pyqtgraph as pg

from commissioner_desk.domain.events import ChartEvent
from commissioner_desk.domain.periods import Period
from commissioner_desk.formatting import uk_date
from commissioner_desk.queries.series import ChartData

from .trend_style import EVENT_COLOUR, format_value


@dataclass(frozen=True)
class ReadoutLine:
    label: str
    value: str
    note: str = ""
    colour: str = ""


def period_heading(data: ChartData, i: int) -> str:
    """ "October to December 2023 (2023 Q4)": the full name, then the axis label."""
    try:
        full = Period.from_key(data.periods[i]).label
    except ValueError:
        return data.labels[i]
    return full if full.startswith(data.labels[i]) else f"{full} ({data.labels[i]})"


def readout_lines(
    data: ChartData, i: int, shown: Sequence[int], colours: Sequence[str]
) -> list[ReadoutLine]:
    """One line per shown series (top of a stack first), then a total for a stack."""
    order = list(reversed(shown)) if data.stacked else list(shown)
    out = []
    for n in order:
        s = data.series[n]
        out.append(
            ReadoutLine(
                s.label,
                format_value(s.values[i], data.request, data.unit),
                s.point_note(i),
                colours[n],
            )
        )
    if data.stacked and shown:
        values = [data.series[n].values[i] for n in shown]
        total = None if any(v is None for v in values) else sum(values)
        note = "" if total is not None else "not every part is known"
        out.append(ReadoutLine("Total shown", format_value(total, data.request, data.unit), note))
    return out


def events_in(events: Sequence[ChartEvent], start: date, end: date) -> list[ChartEvent]:
    """Events on or after `start` and before `end`."""
    return [e for e in events if start <= e.on < end]


def readout_text(heading: str, lines: Sequence[ReadoutLine], events: Sequence[ChartEvent]) -> str:
    """Plain text of the readout (also its accessible text, and what tests read)."""
    rows = [heading]
    for line in lines:
        rows.append(f"{line.label}: {line.value}" + (f" ({line.note})" if line.note else ""))
    for e in events:
        rows.append(f"Event {uk_date(e.on)}: {e.title}")
    return "\n".join(rows)


def readout_html(heading: str, lines: Sequence[ReadoutLine], events: Sequence[ChartEvent]) -> str:
    rows = [f"<b>{escape(heading)}</b>"]
    for line in lines:
        mark = f"<span style='color:{line.colour}'>&#9632;</span> " if line.colour else ""
        note = f" <span style='color:#555'>({escape(line.note)})</span>" if line.note else ""
        rows.append(f"{mark}{escape(line.label)}: <b>{escape(line.value)}</b>{note}")
    for e in events:
        rows.append(
            f"<span style='color:{EVENT_COLOUR}'>&#9474; {escape(uk_date(e.on))}: "
            f"{escape(e.title)}</span>"
        )
    return "<div style='font-size:9pt'>" + "<br>".join(rows) + "</div>"


class ToggleLegend(pg.LegendItem):
    """A legend whose entries show or hide their series on a click of the sample or the name.

    pyqtgraph's ItemSample already toggles its item's visibility on a click (and draws an eye
    when hidden); the name is made to do the same, as people click the words. It sits in the
    chart's layout, so dragging it about is switched off."""

    def addItem(self, item, name):
        super().addItem(item, name)
        sample, label = self.items[-1]
        label.mouseClickEvent = sample.mouseClickEvent
        label.setToolTip("Click to hide or show this line")
        sample.setToolTip("Click to hide or show this line")

    def set_entries(self, entries: Sequence[tuple[object, str]]) -> None:
        """Show (plot item, name) entries. With as many entries as before, the names are
        changed in place: rebuilding the legend would cost a third of a redraw."""
        if len(entries) == len(self.items):
            for (sample, label), (item, text) in zip(self.items, entries, strict=True):
                sample.item = item
                label.setText(text)
                sample.update()
            self.updateSize()
            return
        self.clear()
        for item, text in entries:
            self.addItem(item, text)
        self.setColumnCount(min(3, max(1, len(entries))))

    def mouseDragEvent(self, ev):
        ev.ignore()

    def sample_for(self, label: str):
        """The legend's sample for a series label (tests click it)."""
        return next((s for s, lab in self.items if lab.text == label), None)
