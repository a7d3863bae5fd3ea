"""Home: what the database holds, or a clear empty state with the first steps."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk import APP_NAME
from commissioner_desk.formatting import count

from .base import Page, page_heading


def _card(title: str) -> tuple[QFrame, QLabel, QLabel]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    caption = QLabel(title)
    caption.setObjectName("cardCaption")
    value = QLabel("–")
    value.setObjectName("cardValue")
    note = QLabel("")
    note.setObjectName("cardNote")
    note.setWordWrap(True)
    for w in (caption, value, note):
        layout.addWidget(w)
    layout.addStretch(1)
    return frame, value, note


class HomePage(Page):
    title = "Home"
    key = "home"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Only the "opening" label exists at start-up (centred by the stylesheet); the empty
        # state and the summary are built on first refresh, after the window is on screen.
        self._stack = QStackedLayout(self)
        self._opening = QLabel("Opening the database…")
        self._opening.setObjectName("openingLabel")
        self._opening.setWordWrap(True)
        self._stack.addWidget(self._opening)
        self._empty: QWidget | None = None
        self._summary: QWidget | None = None

    def _show_empty(self) -> None:
        if self._empty is None:
            self._empty = self._build_empty()
            self._stack.addWidget(self._empty)
        self._stack.setCurrentWidget(self._empty)

    def _show_summary(self) -> None:
        if self._summary is None:
            self._summary = self._build_summary()
            self._stack.addWidget(self._summary)
        self._stack.setCurrentWidget(self._summary)

    def _build_empty(self) -> QWidget:
        from PySide6.QtCore import Qt

        box = QWidget()
        box.setObjectName("emptyState")
        outer = QVBoxLayout(box)
        outer.addStretch(1)
        title = QLabel(f"Welcome to {APP_NAME}")
        title.setObjectName("emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Line breaks by hand: a word-wrapped label centred in a stretchy layout is given too
        # little height and clips its last line.
        text = QLabel(
            "This database holds no figures or meetings yet.\n\n"
            "Import the returns forces have sent (or drop the files on this window),\n"
            "or load the demo data to explore the app with synthetic figures for every force.\n"
            "Demo data is marked DEMO wherever it shows and can be removed in one step."
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        importer = QPushButton("Import returns…")
        importer.setObjectName("primaryButton")
        importer.setToolTip(
            "Choose force returns (.xlsx, .xlsm, .xls, .ods, .csv) — or drop them on the window"
        )
        importer.clicked.connect(lambda: self.command_requested.emit("import_returns"))
        demo = QPushButton("Load demo data")
        demo.setObjectName("primaryButton")
        demo.clicked.connect(lambda: self.command_requested.emit("load_demo"))
        buttons.addWidget(importer)
        buttons.addSpacing(12)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        outer.addWidget(title)
        outer.addWidget(text)
        outer.addSpacing(16)
        outer.addLayout(buttons)
        outer.addStretch(2)
        self.load_demo_button = demo
        self.import_button = importer
        return box

    def _build_summary(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(page_heading("Home", "What this database holds, and the latest quarter."))
        grid = QGridLayout()
        grid.setSpacing(12)
        self._cards: dict[str, tuple[QLabel, QLabel]] = {}
        specs = [
            ("figures", "Figures held"),
            ("span", "Quarters covered"),
            ("returns", "Returns for the latest quarter"),
            ("forces", "Forces and police bodies"),
            ("meetings", "Network meetings"),
            ("actions", "Open actions"),
        ]
        for n, (key, title) in enumerate(specs):
            frame, value, note = _card(title)
            grid.addWidget(frame, n // 3, n % 3)
            self._cards[key] = (value, note)
        layout.addLayout(grid)
        # The latest quarter nationally, and the forces to look at: each clicks through.
        self.key_title = QLabel()
        self.key_title.setObjectName("sectionTitle")
        layout.addWidget(self.key_title)
        keys = QGridLayout()
        keys.setSpacing(12)
        for n, key in enumerate(("nrm_referrals", "ms_crimes_recorded")):
            frame, value, note = _card("")
            keys.addWidget(frame, 0, n)
            self._cards[key] = (value, note)
            self._cards[f"{key}:caption"] = (frame.findChild(QLabel, "cardCaption"), note)
        layout.addLayout(keys)
        lists = QHBoxLayout()
        self.flags = QListWidget()
        self.movers = QListWidget()
        for title, widget in (
            ("Forces reporting far less than their peers", self.flags),
            ("Biggest movers in NRM referrals on a year before", self.movers),
        ):
            column = QVBoxLayout()
            heading = QLabel(title)
            heading.setObjectName("sectionTitle")
            column.addWidget(heading)
            widget.setWordWrap(True)
            widget.itemActivated.connect(self._open_force)
            widget.itemClicked.connect(self._open_force)
            column.addWidget(widget)
            lists.addLayout(column)
        self.rule = QLabel()
        self.rule.setObjectName("cardNote")
        self.rule.setWordWrap(True)
        layout.addLayout(lists, 1)
        layout.addWidget(self.rule)
        return box

    def _open_force(self, item: QListWidgetItem) -> None:
        from PySide6.QtCore import Qt  # not at import: the Qt namespace waits until after show

        code = item.data(Qt.ItemDataRole.UserRole)
        if code:
            self.command_requested.emit(f"show_force:{code}")

    def _show_overview(self, db) -> None:
        from PySide6.QtCore import Qt

        from commissioner_desk.queries.overview import overview

        o = overview(db)
        self.flags.clear()
        self.movers.clear()
        if o is None:
            self.key_title.setText("")
            return
        self.key_title.setText(f"All forces, {o.period_label}")
        for k in o.key_figures:
            caption, _ = self._cards[f"{k.metric_key}:caption"]
            caption.setText(f"{k.label}, {o.period}")
            change = k.change_pct
            note = (
                f"{change:+.0f}% on a year before (the same {k.forces} forces)"
                if change is not None
                else "no figures a year before to compare"
            )
            self._set(k.metric_key, count(k.total), note)
        for f in o.flags:
            item = QListWidgetItem(f"{f.name}: {f.reason}")
            item.setData(Qt.ItemDataRole.UserRole, f.code)
            self.flags.addItem(item)
        if not o.flags:
            self.flags.addItem("None flagged.")
        for m in o.movers:
            item = QListWidgetItem(
                f"{m.name}: {count(m.count)} ({m.change:+,} on {count(m.previous)})"
            )
            item.setData(Qt.ItemDataRole.UserRole, m.code)
            self.movers.addItem(item)
        self.rule.setText(f"Low-reporting rule: {o.rule}.")

    def show_opening(self, text: str = "Opening the database…") -> None:
        self._opening.setText(text)
        self._stack.setCurrentIndex(0)

    def refresh(self, db) -> None:
        from commissioner_desk.queries.summary import database_summary

        s = database_summary(db)
        if s.is_empty:
            self._show_empty()
            return
        batches = "1 import batch" if s.batches == 1 else f"{s.batches} import batches"
        self._show_summary()
        self._set("figures", count(s.observations), f"in {batches}")
        if s.first_period:
            span = (
                s.first_period
                if s.first_period == s.last_period
                else f"{s.first_period} to {s.last_period}"
            )
            self._set("span", span, s.last_period_label or "")
        else:
            self._set("span", "none", "No quarterly figures yet")
        self._set(
            "returns",
            f"{s.returns_received} of {s.returns_expected}",
            f"received for {s.last_period}" if s.last_period else "",
        )
        self._set("forces", count(s.forces), "in the force registry")
        self._set("meetings", count(s.meetings), "")
        self._set(
            "actions",
            count(s.open_actions),
            f"{s.overdue_actions} overdue" if s.overdue_actions else "none overdue",
        )
        self._show_overview(db)

    def _set(self, key: str, value: str, note: str) -> None:
        v, n = self._cards[key]
        v.setText(value)
        n.setText(note)
