"""File › Backups…: where backups are, which ones there are, how many daily ones are kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.db.rolling import MAX_KEEP, MIN_KEEP, BackupFile, size_text
from commissioner_desk.formatting import uk_date

if TYPE_CHECKING:
    from .shell import Shell

KIND_LABELS = {
    "daily": "Daily (automatic)",
    "manual": "Made by you",
    "before upgrade": "Before an upgrade",
    "before restore": "Before a restore",
}


class BackupsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        folder: Path,
        keep: int,
        backups: list[BackupFile],
        sqlite: bool,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self._folder = folder
        intro = QLabel(
            "Each day, the first time the app opens the database, it saves a copy in the "
            "backups folder and deletes the oldest daily copies beyond the number below. "
            "Backups you make with File › Back up database…, and the copies taken before an "
            "upgrade or a restore, are never deleted."
            if sqlite
            else "This database is on a PostgreSQL server, which is backed up there (see the "
            "README: pg_dump). File › Back up database… still writes a copy to a file."
        )
        intro.setWordWrap(True)
        self.keep_box = QSpinBox()
        self.keep_box.setRange(MIN_KEEP, MAX_KEEP)
        self.keep_box.setSuffix(" daily backups")
        self.keep_box.setValue(min(max(keep, MIN_KEEP), MAX_KEEP))
        self.keep_box.setEnabled(sqlite)
        self.keep_box.setAccessibleName("Daily backups to keep")
        where = QLineEdit(str(folder))  # read-only: a long path scrolls, and can be copied
        where.setReadOnly(True)
        where.setCursorPosition(0)
        where.setAccessibleName("Backups folder")
        open_button = QPushButton("Open &folder")
        open_button.clicked.connect(self._open_folder)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_box)
        keep_row.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(where, 1)
        folder_row.addWidget(open_button)
        form = QFormLayout()
        keep_label = QLabel("&Keep the newest:")
        keep_label.setBuddy(self.keep_box)  # Alt+K
        form.addRow(keep_label, keep_row)
        form.addRow("Folder:", folder_row)

        self.table = QTableWidget(len(backups), 4)
        self.table.setHorizontalHeaderLabels(["Made", "Kind", "Size", "File"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long names keep their date
        self.table.setWordWrap(False)
        for row, b in enumerate(backups):
            made = f"{uk_date(b.made_at.date())} {b.made_at:%H:%M}"
            for col, text in enumerate(
                (made, KIND_LABELS[b.kind], size_text(b.size_bytes), b.path.name)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                if col == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        # The file name takes the room left, shortened in the middle rather than scrolled.
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        empty = QLabel(
            "No backups yet: the first daily backup is made when the app next opens."
            if sqlite
            else "No backup files in this folder yet."
        )
        empty.setVisible(not backups)
        self.table.setVisible(bool(backups))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)  # hidden, it takes no room
        layout.addWidget(empty)
        if not backups:
            layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(720, 440 if backups else 240)

    def _open_folder(self) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        folder: Path,
        keep: int,
        backups: list[BackupFile],
        sqlite: bool = True,
    ) -> int | None:
        """The number of daily backups to keep, or None if cancelled."""
        dialog = cls(parent, folder, keep, backups, sqlite)
        return dialog.keep_box.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_backups(window: Shell) -> None:
    from commissioner_desk.db.rolling import all_backups

    ws = window.ws
    sqlite = ws.database_url.startswith("sqlite")  # known even if it could not be opened
    try:
        backups = all_backups(ws.backup_dir)
    except OSError:
        backups = []  # an unreadable folder: still let the number be set
    keep = BackupsDialog.ask(window, ws.backup_dir, ws.settings.backups_to_keep, backups, sqlite)
    if keep is None or keep == ws.settings.backups_to_keep:
        return
    ws.settings.backups_to_keep = keep
    try:
        ws.save_settings()
    except OSError as exc:
        from . import messages

        messages.show_error(window, "The setting could not be saved", exc)
        return
    window.statusBar().showMessage(f"The newest {keep} daily backups will be kept.", 6000)
