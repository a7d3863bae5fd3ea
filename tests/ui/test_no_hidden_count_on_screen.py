"""No page shows a count disclosure control hides, nor does a page's export: every page of the
window is opened on demo data with one planted hidden count (tests/core/published/walk.py) and
every text it shows is searched (labels, buttons, tables and their tooltips, the map's
tooltips, the chart's table); then the map and chart exports. The Figures page's "Show hidden
counts" is the one place it appears, which shows the search would find it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QWidget

from commissioner_desk import published
from tests.core.published.walk import HIDDEN, PLANTED, Sentinel, plant
from tests.core.test_series import ESSEX, NRM, SURREY

SHOWN = "98,760"  # Surrey's count in the planted quarter: the page has its figures


def _model_texts(model, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    out = []
    flat = isinstance(model, (QAbstractListModel, QAbstractTableModel))  # no children to ask
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(model.rowCount(parent)):
        for col in range(columns):
            index = model.index(row, col, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if value is not None:
                    out.append(str(value))
            if col == 0 and not flat and model.hasChildren(index):
                out += _model_texts(model, index)
    return out


def screen_texts(root: QWidget) -> list[str]:
    """Every text a person can read on `root` and its children."""
    out: list[str] = []
    for w in (root, *root.findChildren(QWidget)):
        for attr in ("text", "toPlainText", "toolTip", "title", "windowTitle"):
            method = getattr(w, attr, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:
                    continue  # a method of that name that wants arguments
                if isinstance(value, str) and value:
                    out.append(value)
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            out += _model_texts(w.model())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
    canvas = getattr(root, "canvas", None)  # the map: each force's tooltip
    if canvas is not None and hasattr(canvas, "tooltip_for"):
        from commissioner_desk.domain.forces import load_registry

        out += [canvas.tooltip_for(f.code) for f in load_registry()]
    data = getattr(root, "data", None)  # the trend chart's figures (its CSV export)
    if data is not None and hasattr(data, "table"):
        out += [str(cell) for row in data.table() for cell in row]
    return out


def _sentinel(db) -> Sentinel:
    rows = published.unprotected_for_checking(db, NRM, PLANTED)
    essex = next(r for r in rows if r.force_code == ESSEX)
    assert essex.hidden and essex.value == HIDDEN
    return Sentinel(essex.rate_per_100k)


def test_no_page_and_no_export_shows_a_hidden_count(window, qtbot, tmp_path):
    plant(window.db)
    window.notify_changed()
    sentinel = _sentinel(window.db)
    for key in window.page_keys:
        window.show_page(key)
        page = window.page(key)
        if key in ("map", "figures"):  # opened on the planted quarter: its figures are there
            qtbot.waitUntil(lambda p=page: any(SHOWN in t for t in screen_texts(p)))
        assert not sentinel.found_in(screen_texts(page)), key
    profile = window.page("profile")
    for code in (ESSEX, SURREY):
        window.show_page("profile")
        profile.select_force(code)
        assert not sentinel.found_in(screen_texts(profile)), code

    # The exports of what the map and the trends pages show.
    from commissioner_desk.maps.hexes import load_hex_layout
    from ui.charts.export import export_chart
    from ui.map.export import export_map

    window.show_page("map")
    spec = replace(window.page("map").current_spec(), style="hex")  # no boundary file here
    svg = export_map(spec, tmp_path / "map.svg", None, load_hex_layout())
    assert not sentinel.found_in(svg.read_text(encoding="utf-8"))
    window.show_page("trends")
    trends = window.page("trends")
    if trends.data is not None:
        csv = export_chart(trends.data, tmp_path / "trend.csv")
        assert not sentinel.found_in(csv.read_text(encoding="utf-8"))

    # Asked for explicitly, the Figures page shows it: the search above would have found it.
    window.show_page("figures")
    figures = window.page("figures")
    figures.reveal.setChecked(True)
    assert sentinel.found_in(screen_texts(figures))
    figures.reveal.setChecked(False)
    assert not sentinel.found_in(screen_texts(figures))
