"""The banner over every page when the database file is damaged: what that means, and one click
to restore the newest good backup (or File › Restore database… for another)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from commissioner_desk.db.damage import RESTORE_MENU, Damage
from commissioner_desk.formatting import uk_date


class DamageBanner(QWidget):
    restore_requested = Signal(object)  # the backup to restore (a Path), or None to choose one

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("damageBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # the stylesheet's colours
        self.setAccessibleName("The database is damaged")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.restore_newest = QPushButton()
        self.restore_newest.setObjectName("primaryButton")
        self.choose = QPushButton("Choose a backup…")
        self._backup: Path | None = None
        self.restore_newest.clicked.connect(lambda: self.restore_requested.emit(self._backup))
        self.choose.clicked.connect(lambda: self.restore_requested.emit(None))
        buttons = QVBoxLayout()
        buttons.addWidget(self.restore_newest)
        buttons.addWidget(self.choose)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

    def show_damage(self, damage: Damage) -> None:
        self._backup = damage.backup
        if damage.backup is not None:
            made = damage.backup_made
            when = f", made {uk_date(made.date())} at {made:%H:%M}" if made else ""
            way_back = (
                f"Restore the newest good backup, <b>{damage.backup.name}</b>{when}. The "
                "damaged file is kept, moved aside under a dated name."
            )
            self.restore_newest.setText("Restore that backup…")
        else:
            way_back = (
                f"No good backup was found in {damage.backup_dir or 'the backups folder'}. "
                f"If you have one elsewhere, restore it with {RESTORE_MENU}; if not, ask IT "
                "whether the laptop's own backups hold the file."
            )
        self.restore_newest.setVisible(damage.backup is not None)
        self.text.setText(
            "<b style='color:#b71c1c'>This database is damaged, so it is open read-only.</b> "
            "You can look at what "
            "can still be read, but nothing can be imported or changed, and no backup is "
            f"taken from it. {way_back}"
        )
        self.setToolTip(
            f"{damage.path}\n{damage.problem}\n\nOn the command line:\n{damage.command}"
        )
        self.show()
