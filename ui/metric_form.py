"""The small form behind Figures › Metrics… › Add… and Rename…: a metric's key, name, unit and
description. It saves through the core and stays open on a refusal, showing why in words, so
nothing typed is lost."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.catalogue import UNIT_LABELS

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.db.user_metrics import MetricInfo

UNIT_CHOICES = (
    ("Count: whole numbers of people or events (small counts hidden)", "count"),
    ("Decimal: e.g. officers as full-time equivalents, to 2 places", "decimal"),
    ("Percentage: 0 to 100, never added up across forces", "percent"),
)


def key_from_name(name: str) -> str:
    """A key suggested by a name: "Police officers (FTE)" → "police_officers_fte"."""
    key = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")
    key = re.sub(r"^[^a-z]+", "", key)  # a key starts with a letter
    return key[:60].rstrip("_")


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555")
    return label


class MetricForm(QDialog):
    def __init__(self, parent: QWidget | None, db: Database, info: MetricInfo | None) -> None:
        super().__init__(parent)
        self._db = db
        self._info = info  # None: a new metric
        self.saved: MetricInfo | None = None
        self.setWindowTitle("Rename metric" if info else "Add a metric")

        self.name_edit = QLineEdit(info.name if info else "")
        self.name_edit.setPlaceholderText("e.g. Police officers (FTE)")
        self.key_edit = QLineEdit(info.key if info else "")
        self.key_edit.setPlaceholderText("e.g. police_officers_fte")
        self.key_edit.setReadOnly(info is not None)  # files and commands name it: it stays
        self.unit_box = QComboBox()
        for label, unit in UNIT_CHOICES:
            self.unit_box.addItem(label, unit)
        self.description_edit = QLineEdit(info.description if info else "")
        self.description_edit.setPlaceholderText("Where the figure comes from, what it counts")
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Key:", self.key_edit)
        form.addRow("", _hint(
            "How files and the command line name it (--metric KEY): lowercase letters, digits "
            "and underscores. It cannot be changed later."
            if info is None
            else "Files and the command line name it by this key, which stays the same."
        ))  # fmt: skip
        if info is None:
            form.addRow("&Unit:", self.unit_box)
            form.addRow("&Description:", self.description_edit)
            self._key_typed = False
            self.key_edit.textEdited.connect(self._key_edited)
            self.name_edit.textChanged.connect(self._suggest_key)
        else:
            form.addRow("Unit:", QLabel(UNIT_LABELS.get(info.unit, info.unit)))
        intro = QLabel(
            "A metric for figures taken from other tables (police officers, recorded crime, "
            "population), to set the modern slavery figures in proportion."
            if info is None
            else "Tables, charts and maps show the new name at once."
        )
        intro.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a00000")
        self.error_label.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Rename" if info else "Add metric")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _key_edited(self, _text: str) -> None:
        self._key_typed = True  # typed by hand: the name no longer suggests it

    def _suggest_key(self, name: str) -> None:
        if not self._key_typed:
            self.key_edit.setText(key_from_name(name))

    def accept(self) -> None:
        from commissioner_desk.db.user_metrics import MetricError, add_metric, rename_metric

        try:
            if self._info is None:
                self.saved = add_metric(
                    self._db,
                    self.key_edit.text(),
                    self.name_edit.text(),
                    self.unit_box.currentData(),
                    self.description_edit.text(),
                )
            else:
                self.saved = rename_metric(self._db, self._info.key, self.name_edit.text())
        except MetricError as exc:
            self.error_label.setText(str(exc))
            self.error_label.setVisible(True)
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, db: Database, info: MetricInfo | None = None
    ) -> MetricInfo | None:
        """The metric as saved (added, or renamed when `info` is given); None if cancelled."""
        form = cls(parent, db, info)
        if form.exec() != QDialog.DialogCode.Accepted:
            return None
        return form.saved
