"""The membership page's map: the national map (geographic or hexagons) coloured by standing,
with the legend's counts and "n of N signed up". Drawn by the map page's renderer, so copying
it gives the same picture as the screen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...map.categories import CategoryCanvas, category_spec
from ..base import PageFolders

STYLES = (("Geographic", "geo"), ("Hexagons", "hex"))


class MembershipMap(QWidget):
    area_clicked = Signal(str)  # force code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boundaries = None
        self.attribution: tuple[str, ...] = ()
        self.cmap = None
        self.demo = False
        self.style_box = QComboBox()
        for label, data in STYLES:
            self.style_box.addItem(label, data)
        self.style_box.currentIndexChanged.connect(lambda _i: self.redraw())
        self.copy_button = QPushButton("Copy map")
        self.copy_button.setToolTip("Copy the map, with its legend, as a picture")
        self.copy_button.clicked.connect(self.copy)
        self.canvas = CategoryCanvas()
        self.canvas.force_clicked.connect(self.area_clicked)
        self.note = QLabel()
        self.note.setObjectName("pageSubtitle")
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        label = QLabel("St&yle:")
        label.setBuddy(self.style_box)
        top.addWidget(label)
        top.addWidget(self.style_box)
        top.addStretch(1)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.note)

    def load_boundaries(self, folders: PageFolders) -> None:
        """The boundary file the map page uses; without one, only the hexagons."""
        self.set_boundaries(read_boundaries(folders.data, folders.geo))

    def set_boundaries(self, read: tuple[tuple[str, ...], object]) -> None:
        """What read_boundaries returned (read in the background when the page is opened)."""
        self.attribution, self.boundaries = read
        geo = self.style_box.model().item(0)
        geo.setEnabled(self.boundaries is not None)
        if self.boundaries is None:
            self.style_box.setCurrentIndex(1)

    def show_areas(self, areas, today: date) -> None:
        from commissioner_desk.network.membership_map import membership_map

        self.cmap = membership_map(areas, today)
        self.demo = any(a.record is not None and a.record.is_demo for a in areas)
        self.redraw()

    def spec(self):
        if self.cmap is None:
            return None
        return category_spec(
            self.cmap, self.style_box.currentData(), self.attribution, demo=self.demo
        )

    def redraw(self) -> None:
        from commissioner_desk.maps.hexes import load_hex_layout

        self.canvas.show_map(self.spec(), self.boundaries, load_hex_layout())
        if self.cmap is not None:
            self.note.setText(
                "Hover over an area for its record; click it to select it. Scroll to zoom, "
                "drag the sea to pan, double-click to see the whole map again."
            )

    def copy(self) -> None:
        from commissioner_desk.maps.hexes import load_hex_layout

        from ...map.export import render_image

        spec = self.spec()
        if spec is None:
            return
        image, _hits, _scale = render_image(spec, self.boundaries, load_hex_layout(), dpi=150)
        QApplication.clipboard().setImage(image)
        self.note.setText("Copied the membership map as a picture.")


def read_boundaries(folder, geo_dir) -> tuple[tuple[str, ...], object]:
    """The attribution lines and the boundaries (None: only the hexagons). Touches no widget."""
    from commissioner_desk.attribution import attribution_lines
    from commissioner_desk.maps.boundaries import BoundaryError
    from commissioner_desk.maps.boundary_files import boundaries_for

    attribution = attribution_lines(geo_dir)
    try:
        boundaries = boundaries_for(folder, geo_dir) if folder else None
        if boundaries is None and geo_dir is not None:
            from commissioner_desk.maps.boundaries import load_boundaries

            path = geo_dir / "police_force_areas.geojson"
            boundaries = load_boundaries(path) if path.is_file() else None
    except BoundaryError:
        boundaries = None
    return attribution, boundaries
