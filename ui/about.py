"""Help › About: version, database, and the data attribution."""

from __future__ import annotations

import sys
from html import escape
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox

from commissioner_desk import APP_NAME, __version__
from commissioner_desk.attribution import attribution_lines

if TYPE_CHECKING:
    from .shell import Shell


def about_html(window: Shell) -> str:
    db = window.db.info.display_url if window.db else "not open"
    attribution = "<br>".join(escape(line) for line in attribution_lines(window.ws.geo_dir))
    return (
        f"<h2>{escape(APP_NAME)}</h2>"
        f"<p>Version {escape(__version__)}</p>"
        "<p>For the staff of the Independent Anti-Slavery Commissioner's office: force returns, "
        "the national picture, the network's meetings and actions, and briefing packs.</p>"
        f"<p><b>Database:</b> {escape(db)}<br>"
        f"<b>Data folder:</b> {escape(str(window.ws.folder))}</p>"
        f"<p><b>Map and population data</b><br>{attribution}</p>"
        f"<p style='color:#555'>Python {sys.version.split()[0]}, Qt for Python {pyside_version}</p>"
    )


def show_about(window: Shell) -> None:
    QMessageBox.about(window, f"About {APP_NAME}", about_html(window))
