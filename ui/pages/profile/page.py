"""Force profile: one force's latest figures with change and ranks, small trends, its pipeline
beside all forces', returns history, what it said with its returns, open actions naming it, and
the low-reporting flag with its reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.catalogue import METRICS
from commissioner_desk.queries.profile import ForceProfile

from ...table_model import RowTableModel
from ..base import Page, page_heading
from .sections import PIPELINE_COLUMNS, MetricCard, ReturnsStrip, fixed_table
from .text import actions_or_none, facts_text, flag_html, no_return_html, texts_html

CARD_COLUMNS = 3  # fits a 1280-pixel laptop screen at 125%


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)
    return label


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("cardNote")
    label.setWordWrap(True)
    return label


def read_profile(db, code: str | None) -> tuple:
    """The profile page's query step, run on the thread pool: (db, the forces to choose from,
    the latest quarter or None, the profile of the force `code` if there is a quarter)."""
    from commissioner_desk.published import profile as published_profile
    from commissioner_desk.queries.profile import latest_quarter, profile_forces

    latest = latest_quarter(db)
    profile = published_profile(db, code) if code and latest else None
    return db, profile_forces(db), latest, profile


class ProfilePage(Page):
    title = "Force profile"
    key = "profile"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self._code: str | None = None
        self.profile: ForceProfile | None = None

        self.picker = QComboBox()
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.setMinimumContentsLength(28)
        self.picker.lineEdit().setPlaceholderText("Type or choose a force…")
        self.picker.setAccessibleName("Force")
        completer = self.picker.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.picker.activated.connect(self._picked)

        # The picker sits on the title row: at 1280×800 and 125% every line of height counts.
        bar = QHBoxLayout()
        bar.addWidget(page_heading("Force profile"))
        bar.addStretch(1)
        bar.addWidget(QLabel("Force:"))
        bar.addWidget(self.picker)

        self._stack = QStackedLayout()
        self.message = QLabel()
        self.message.setObjectName("openingLabel")
        self.message.setWordWrap(True)
        self.empty_box = self._build_empty()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._build_profile())
        for w in (self.message, self.empty_box, self.scroll):
            self._stack.addWidget(w)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(self._stack, 1)

    # ----- building -------------------------------------------------------------------------

    def _build_empty(self) -> QWidget:
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.addStretch(1)
        text = QLabel(
            "No figures yet, so there is no profile to show.\n"
            "Import the returns forces have sent, or load the demo data."
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for caption, command in (
            ("Import returns…", "import_returns"),
            ("Load demo data", "load_demo"),
        ):
            button = QPushButton(caption)
            button.setObjectName("primaryButton")
            button.clicked.connect(lambda _=False, c=command: self.command_requested.emit(c))
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addWidget(text)
        outer.addSpacing(12)
        outer.addLayout(buttons)
        outer.addStretch(2)
        return box

    def _build_profile(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 8, 8)
        self.name_label = QLabel()
        self.name_label.setObjectName("pageTitle")
        self.name_label.setWordWrap(True)
        self.facts = _note()
        self.flag_banner = QFrame()
        self.flag_banner.setObjectName("flagBanner")
        self.flag_banner.setStyleSheet(
            "QFrame#flagBanner { background: #fdecea; border: 1px solid #c0392b; "
            "border-radius: 4px; }"
        )
        flag_layout = QVBoxLayout(self.flag_banner)
        self.flag_text = QLabel()
        self.flag_text.setWordWrap(True)
        self.flag_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        flag_layout.addWidget(self.flag_text)
        self.no_return = QLabel()
        self.no_return.setObjectName("noReturn")
        self.no_return.setWordWrap(True)
        self.no_return.setStyleSheet(
            "QLabel#noReturn { background: #fff3bf; border: 1px solid #e0b400; "
            "border-radius: 4px; padding: 6px; }"
        )
        for w in (self.name_label, self.facts, self.flag_banner, self.no_return):
            layout.addWidget(w)

        self.figures_title = _section("")
        layout.addWidget(self.figures_title)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.cards: dict[str, MetricCard] = {}
        for n, metric in enumerate(METRICS):
            card = MetricCard(metric.key)
            card.clicked.connect(self._open_figures)
            grid.addWidget(card, n // CARD_COLUMNS, n % CARD_COLUMNS)
            self.cards[metric.key] = card
        for c in range(CARD_COLUMNS):
            grid.setColumnStretch(c, 1)
        layout.addLayout(grid)
        layout.addWidget(
            _note(
                "Trends: the last 12 quarters. A break in a line is a quarter with no figure "
                "(missing or suppressed), never a zero; a nil return is drawn as 0. Click a "
                "card for the figures behind it."
            )
        )

        self.pipeline_title = _section("")
        self.pipeline_model: RowTableModel = RowTableModel(PIPELINE_COLUMNS, self)
        self.pipeline_view = fixed_table(self.pipeline_model, stretch=0)
        self.pipeline_note = _note(
            "Each stage per 100 NRM referrals over the same four quarters (a rolling year). "
            "All forces: summed over the forces with figures in every quarter. A stage with "
            "a quarter missing or suppressed is incomplete and not summed."
        )
        for w in (self.pipeline_title, self.pipeline_view, self.pipeline_note):
            layout.addWidget(w)

        layout.addWidget(_section("Returns, last 8 quarters"))
        self.returns_strip = ReturnsStrip()
        layout.addWidget(self.returns_strip)

        layout.addWidget(_section("What the force said with its returns"))
        self.texts_label = QLabel()
        self.texts_label.setWordWrap(True)
        self.texts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.texts_label)

        self.actions_title = _section("Open actions")
        self.actions_label = QLabel()
        self.actions_label.setWordWrap(True)
        self.actions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.actions_title)
        layout.addWidget(self.actions_label)
        layout.addStretch(1)
        return box

    # ----- state ----------------------------------------------------------------------------

    def state(self) -> str:
        """ "empty" (no figures), "message" (no force chosen, or unknown) or "profile"."""
        current = self._stack.currentWidget()
        if current is self.scroll:
            return "profile"
        return "empty" if current is self.empty_box else "message"

    def query(self):
        code = self._code
        return lambda db: read_profile(db, code)

    def show_data(self, data: tuple) -> None:
        self._db, forces, latest, profile = data
        self.picker.blockSignals(True)
        self.picker.clear()
        for f in forces:
            self.picker.addItem(f.name, f.code)
        self.picker.setCurrentIndex(self.picker.findData(self._code) if self._code else -1)
        self.picker.blockSignals(False)
        if latest is None:
            self._stack.setCurrentWidget(self.empty_box)
            return
        self._show_profile(profile)

    def select_force(self, code: str) -> None:
        """Show the profile of the force with `code` (from the map, Home or a command)."""
        self.choose_force(code)
        if self._db is not None:
            self._load()

    def choose_force(self, code: str) -> None:
        """Choose the force without reading its profile: the next refresh reads it."""
        self._code = code
        index = self.picker.findData(code)
        self.picker.blockSignals(True)
        self.picker.setCurrentIndex(index)
        self.picker.blockSignals(False)

    def _picked(self, index: int) -> None:
        code = self.picker.itemData(index)
        if code and code != self._code:
            self.select_force(code)

    def _open_figures(self, metric_key: str) -> None:
        if self.profile is not None and self.profile.period:
            self.command_requested.emit(
                f"show_figures:{self.profile.code},{metric_key},{self.profile.period}"
            )

    def _load(self) -> None:
        from commissioner_desk.published import profile

        self._show_profile(profile(self._db, self._code) if self._code else None)

    def _show_profile(self, p) -> None:
        if self._code is None:
            self._show_message("Choose a force above to see its profile.")
            return
        self.profile = p
        if p is None:
            self._show_message(f"There is no force with the code “{self._code}”.")
            return
        if not p.has_figures:
            self._stack.setCurrentWidget(self.empty_box)
            return
        if self.picker.currentIndex() < 0:  # a force not in the list: still say whose it is
            self.picker.setEditText(p.name)
        self._fill(p)
        self._stack.setCurrentWidget(self.scroll)

    def _show_message(self, text: str) -> None:
        self.profile = None
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)

    # ----- filling --------------------------------------------------------------------------

    def _fill(self, p: ForceProfile) -> None:
        self.name_label.setText(p.name)
        self.facts.setText(facts_text(p))
        self.flag_banner.setVisible(p.flag is not None)
        self.flag_text.setText(flag_html(p))
        self.no_return.setText(no_return_html(p))
        self.no_return.setVisible(bool(self.no_return.text()))
        self.figures_title.setText(
            f"Latest quarter: {p.period_label} ({p.period}), with change on {p.comparison_period}"
        )
        for m in p.metrics:
            self.cards[m.metric_key].show_figure(m, p.comparison_period or "", p.compared)
        pipe = p.pipeline
        if pipe is not None:
            self.pipeline_title.setText(
                f"From referral to conviction, {pipe.span_label} ({pipe.span})"
            )
            self.pipeline_model.set_rows(pipe.stages)
        self.returns_strip.set_entries(p.returns)
        self.texts_label.setText(texts_html(p.texts))
        self.actions_title.setText(f"Open actions naming {p.name}")
        self.actions_label.setText(actions_or_none(p.actions))
        self.scroll.verticalScrollBar().setValue(0)
