"""Home: what the database holds, or a clear empty state with the first steps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk import APP_NAME
from commissioner_desk.formatting import count

from ..base import Page, page_heading


@dataclass(frozen=True)
class HomeData:
    """What Home shows, read off the UI thread (the query step's result)."""

    summary: Any  # queries.summary.DatabaseSummary
    overview: Any  # queries.overview: key figures, flags and movers (None: no figures)
    due: Any  # network.actions: overdue and due this week (None: an empty database)


def read_home(db) -> HomeData:
    """Home's query step: a plain function, run on the thread pool."""
    from datetime import date

    from commissioner_desk.network.actions import actions_due
    from commissioner_desk.published import overview
    from commissioner_desk.queries.summary import database_summary

    summary = database_summary(db)
    if summary.is_empty:
        return HomeData(summary, None, None)
    return HomeData(summary, overview(db), actions_due(db, date.today()))


class Card(QFrame):
    """A figure that opens its detail: click, or Tab to it and press Enter or Space."""

    activated = Signal()

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        self.caption = QLabel(title)
        self.caption.setObjectName("cardCaption")
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.note = QLabel("")
        self.note.setObjectName("cardNote")
        self.note.setWordWrap(True)
        for w in (self.caption, self.value, self.note):
            layout.addWidget(w)
        layout.addStretch(1)
        self.target = ""  # the command run when activated; none: not clickable

    def set_target(self, command: str, tip: str) -> None:
        from PySide6.QtCore import Qt

        self.target = command
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)
        self.setProperty("clickable", bool(command))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.target and self.rect().contains(event.position().toPoint()):
            self.activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if self.target and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)


DUE_SHOWN = 6  # Home lists at most this many actions, then "and N more…"
# Where each summary card leads. Meetings and actions get their pages with the action log.
CARD_TARGETS = {
    "figures": ("show_page:figures", "Open the figures, with where each came from"),
    "span": ("show_trend:nrm_referrals", "Open the trend of NRM referrals over these quarters"),
    "returns": ("show_page:returns", "Open the returns register and the chase list"),
    "forces": ("show_page:forces", "Open the list of forces and police bodies"),
}


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
        self._cards: dict[str, Card] = {}
        specs = [
            ("figures", "Figures held"),
            ("span", "Quarters covered"),
            ("returns", "Returns for the latest quarter"),
            ("forces", "Forces and police bodies"),
            ("meetings", "Network meetings"),
            ("actions", "Open actions"),
        ]
        for n, (key, title) in enumerate(specs):
            grid.addWidget(self._add_card(key, title), n // 3, n % 3)
        layout.addLayout(grid)
        # The latest quarter nationally, and the forces to look at: each clicks through.
        self.key_title = QLabel()
        self.key_title.setObjectName("sectionTitle")
        layout.addWidget(self.key_title)
        keys = QGridLayout()
        keys.setSpacing(12)
        for n, key in enumerate(("nrm_referrals", "ms_crimes_recorded")):
            keys.addWidget(self._add_card(key, ""), 0, n)
        layout.addLayout(keys)
        # Actions overdue or due this week: what the network must chase first.
        due_title = QLabel("Actions overdue or due this week")
        due_title.setObjectName("sectionTitle")
        self.due_actions = QTreeWidget()
        self.due_actions.setObjectName("dueActions")
        self.due_actions.setAccessibleName("Actions overdue or due this week")
        self.due_actions.setHeaderLabels(["RAG", "Reference", "Due", "Title", "Organisation"])
        self.due_actions.setHeaderHidden(True)  # the words say what each is; the room is needed
        self.due_actions.setRootIsDecorated(False)
        self.due_actions.setUniformRowHeights(True)
        self.due_actions.setAlternatingRowColors(True)
        self.due_actions.itemActivated.connect(self._open_action)
        self.due_actions.itemClicked.connect(self._open_action)
        layout.addWidget(due_title)
        layout.addWidget(self.due_actions)
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

    def _add_card(self, key: str, title: str) -> Card:
        card = Card(title)
        if key in CARD_TARGETS:
            card.set_target(*CARD_TARGETS[key])
        card.activated.connect(lambda: self.command_requested.emit(card.target))
        self._cards[key] = card
        return card

    def card(self, key: str) -> Card:
        return self._cards[key]

    def _open_action(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        from PySide6.QtCore import Qt

        command = item.data(0, Qt.ItemDataRole.UserRole)
        if command:
            self.command_requested.emit(command)

    def _show_due_actions(self, due) -> None:
        """Overdue first (most overdue at the top), then what falls due within a week."""

        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QHeaderView

        from commissioner_desk.formatting import uk_date

        from ..actions.model import rag_icon, rag_text

        rows = [*due.overdue, *due.due_this_week]
        tree = self.due_actions
        tree.clear()
        for r in rows[:DUE_SHOWN]:
            item = QTreeWidgetItem(
                [rag_text(r), r.reference, uk_date(r.due_date), r.title, r.organisation_name]
            )
            item.setIcon(0, rag_icon(r.rag))
            tip = f"{r.reference}: {r.title}\n{r.rag_reason}"
            for column in range(5):
                item.setToolTip(column, tip)
            item.setData(0, Qt.ItemDataRole.UserRole, f"show_actions:id={r.id}")
            tree.addTopLevelItem(item)
        hidden = rows[DUE_SHOWN:]
        if hidden:
            overdue = any(r in due.overdue for r in hidden)
            more = QTreeWidgetItem([f"and {len(hidden)} more…"])
            more.setData(
                0, Qt.ItemDataRole.UserRole, f"show_actions:{'overdue' if overdue else 'due_soon'}"
            )
            tree.addTopLevelItem(more)
            more.setFirstColumnSpanned(True)
        if not rows:
            none = QTreeWidgetItem(["Nothing is overdue or due in the next week."])
            tree.addTopLevelItem(none)
            none.setFirstColumnSpanned(True)
        header = tree.header()
        header.setStretchLastSection(False)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        tree.setColumnWidth(4, tree.fontMetrics().averageCharWidth() * 34)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As tall as its rows, but it may shrink (and scroll) on a small screen.
        lines = max(tree.topLevelItemCount(), 1)
        row_height = tree.sizeHintForRow(0) if tree.topLevelItemCount() else 20
        frame = 2 * tree.frameWidth() + 2
        tree.setMaximumHeight(frame + row_height * lines)
        tree.setMinimumHeight(frame + row_height * min(lines, 3))
        n = due.overdue_count
        self.card("actions").set_target(
            "show_actions:overdue" if n else "show_actions",
            f"Open the {n} overdue action{'s' if n != 1 else ''}" if n else "Open the action log",
        )

    def _open_force(self, item: QListWidgetItem) -> None:
        from PySide6.QtCore import Qt  # not at import: the Qt namespace waits until after show

        code = item.data(Qt.ItemDataRole.UserRole)
        if code:
            self.command_requested.emit(f"show_force:{code}")

    def _show_overview(self, o) -> None:
        from PySide6.QtCore import Qt

        self.flags.clear()
        self.movers.clear()
        if o is None:
            self.key_title.setText("")
            return
        self.key_title.setText(f"All forces, {o.period_label}")
        for k in o.key_figures:
            card = self._cards[k.metric_key]
            card.caption.setText(f"{k.label}, {o.period}")
            card.set_target(
                f"show_trend:{k.metric_key}", f"Open the trend of {k.label.lower()} by quarter"
            )
            change = k.change_pct
            note = (
                f"{change:+.0f}% on a year before (the same {k.compared} forces)"
                if change is not None
                else "no figures a year before to compare"
            )
            if k.change_hidden:
                note = "change on a year before not shown: it would give a small count away"
            self._set(k.metric_key, "[c]" if k.total_hidden else count(k.total), note)
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

    def query(self):
        return read_home

    def show_data(self, data: HomeData) -> None:
        s = data.summary
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
        self._show_overview(data.overview)
        self._show_due_actions(data.due)

    def _set(self, key: str, value: str, note: str) -> None:
        card = self._cards[key]
        card.value.setText(value)
        card.note.setText(note)
