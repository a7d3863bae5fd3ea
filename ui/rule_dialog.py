"""Map › Low-reporting rule…: the stated rule that flags forces reporting far less than peers.

The rule is stored in the database, so everyone using it (and the command line) sees the same
flags. While values change the dialog says the rule in words and how many forces it would
flag on the figures held now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.stats.low_reporting import DEFAULT_RULE, LowReportingRule
from commissioner_desk.stats.rule_store import MAX_POPULATION, MAX_QUARTERS, rule_metrics

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.published.maps import FlagJudge

    from .shell import Shell


def _spin(low: int, high: int, suffix: str = "", step: int = 1) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setSingleStep(step)
    box.setGroupSeparatorShown(True)  # 100,000 people, not 100000
    return box


def _forces(n: int) -> str:
    return "no force" if n == 0 else f"{n} force{'s' if n != 1 else ''}"


class RuleDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, db: Database, rule: LowReportingRule = DEFAULT_RULE
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Low-reporting rule")
        self._db = db
        self._cubes: dict[str, FlagJudge] = {}  # one read per metric while the dialog is open
        self._in_force = rule

        intro = QLabel(
            "A force is flagged as reporting far less than its peers when its rate per "
            "100,000 people stays below a share of the median of all forces, quarter after "
            "quarter, or when it sends repeated nil returns. A force with no return is never "
            "taken as low. The rule is kept in the database: everyone using it sees the same "
            "flags."
        )
        intro.setWordWrap(True)
        self.metric_box = QComboBox()
        for m in rule_metrics():  # counts only, the office's own included
            self.metric_box.addItem(m.label, m.key)
        self.fraction_box = _spin(1, 99, "% of the median")
        self.quarters_box = _spin(1, MAX_QUARTERS, " quarters")
        self.nil_box = _spin(1, MAX_QUARTERS, " nil returns among them")
        self.population_box = _spin(0, MAX_POPULATION, " people", 10_000)
        self.population_box.setToolTip(
            "Smaller areas (the City of London has about 15,000 residents) are not judged on "
            "rates: a handful of referrals moves their rate far above or below any median."
        )
        form = QFormLayout()
        form.addRow("Figure judged:", self.metric_box)
        form.addRow("Rate per 100,000 below:", self.fraction_box)
        form.addRow("In each of the last:", self.quarters_box)
        form.addRow("Or at least:", self.nil_box)
        form.addRow("Judge rates only for areas of at least:", self.population_box)

        self.words = QLabel()
        self.words.setObjectName("detailPanel")
        self.words.setWordWrap(True)
        self.effect = QLabel()
        self.effect.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.defaults_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.defaults_button.setText("Restore defaults")
        self.defaults_button.clicked.connect(lambda: self.set_rule(DEFAULT_RULE))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel("The rule in words:"))
        layout.addWidget(self.words)
        layout.addWidget(self.effect)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

        self.set_rule(rule)
        self.metric_box.currentIndexChanged.connect(self._changed)
        self.quarters_box.valueChanged.connect(self._changed)
        for box in (self.fraction_box, self.nil_box, self.population_box):
            box.valueChanged.connect(self._changed)
        self._changed()

    def set_rule(self, rule: LowReportingRule) -> None:
        index = self.metric_box.findData(rule.metric_key)
        self.metric_box.setCurrentIndex(max(index, 0))
        self.fraction_box.setValue(round(rule.fraction * 100))
        self.quarters_box.setValue(rule.quarters)
        self.nil_box.setMaximum(rule.quarters)
        self.nil_box.setValue(rule.nil_returns)
        self.population_box.setValue(rule.min_population)

    def rule(self) -> LowReportingRule:
        return LowReportingRule(
            metric_key=self.metric_box.currentData(),
            fraction=self.fraction_box.value() / 100,
            quarters=self.quarters_box.value(),
            nil_returns=self.nil_box.value(),
            min_population=self.population_box.value(),
        )

    def _changed(self) -> None:
        # Nil returns are counted among the quarters looked at: never more than there are.
        self.nil_box.setMaximum(self.quarters_box.value())
        rule = self.rule()
        self.words.setText(f"{self.metric_box.currentText()}: {rule.describe()}.")
        self.effect.setText(self._effect_text(rule))
        self.defaults_button.setEnabled(rule != DEFAULT_RULE)

    def _flags(self, rule: LowReportingRule) -> tuple[str | None, int, list[str]]:
        """The latest quarter of the rule's figure, how many quarters are held, and the names
        of the forces the rule flags there. Each figure is read once while the dialog is open."""
        from commissioner_desk.published import flag_judge

        if rule.metric_key not in self._cubes:
            self._cubes[rule.metric_key] = flag_judge(self._db, rule.metric_key)
        judge = self._cubes[rule.metric_key]
        quarters = judge.quarters  # newest first
        if len(quarters) < rule.quarters:  # as the overview: too few quarters to judge
            return (quarters[0] if quarters else None), len(quarters), []
        return (
            quarters[0],
            len(quarters),
            sorted(f.name for f in judge.flags(quarters[0], rule)),
        )

    def _effect_text(self, rule: LowReportingRule) -> str:
        """How many forces the rule would flag now, and which: the reason to trust a change."""
        from commissioner_desk.domain.periods import Period

        latest, held, names = self._flags(rule)
        label = self.metric_box.currentText()
        if latest is None:
            return f"No quarterly figures of {label} yet: the rule has nothing to flag."
        if held < rule.quarters:
            return (
                f"Only {held} quarters of {label} are held, fewer than the {rule.quarters} the "
                f"rule looks at: no force would be flagged yet."
            )
        ending = f"{Period.from_key(latest).end:%B %Y}"
        text = f"On the figures held now (to {ending}) this rule flags <b>{_forces(len(names))}</b>"
        text += f": {', '.join(names)}." if names else "."
        if rule != self._in_force:
            text += f" The rule in force flags {_forces(len(self._flags(self._in_force)[2]))}."
        return text

    def accept(self) -> None:
        from commissioner_desk.stats.rule_store import validate_rule

        try:
            validate_rule(self.rule())
        except ValueError as exc:
            from . import messages

            messages.show_error(self, "This rule cannot be used", exc, str(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database) -> LowReportingRule | None:
        """The rule the user settles on, starting from the one in force; None if cancelled."""
        from commissioner_desk.stats.rule_store import load_rule

        dialog = cls(parent, db, load_rule(db))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.rule()


def edit_rule(window: Shell) -> None:
    """Ask for a rule, store it for everyone, and let every page show the new flags."""
    from commissioner_desk.stats.rule_store import load_rule, save_rule

    from . import messages

    if window.db is None:
        return
    rule = RuleDialog.ask(window, window.db)
    if rule is None or rule == load_rule(window.db):
        return
    try:
        save_rule(window.db, rule)
    except Exception as exc:  # a database that went away must not take the app with it
        text = str(exc) if isinstance(exc, ValueError) else None  # validation: plain words
        messages.show_error(window, "The low-reporting rule could not be saved", exc, text)
        return
    window.statusBar().showMessage("Low-reporting rule saved: every page now flags by it.", 6000)
    window.notify_changed()
