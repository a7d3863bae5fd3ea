"""Pages, the record-page base and the search ask the window for things through the page's
signals (`Page`, in ui/pages/base.py) or a Shell (ui/shell.py), never by reaching for the
window and probing what it has."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROBE = re.compile(r"\.window\(\)|hasattr\(\s*window|page_keys")


def _checked() -> list[Path]:
    """Every page (ui/pages/, its packages too), ui/records/ and the search dialog."""
    folders = [REPO / "ui" / "pages", REPO / "ui" / "records"]
    files = [f for folder in folders for f in folder.rglob("*.py")]
    return sorted([*files, REPO / "ui" / "search_dialog.py"])


def test_pages_do_not_reach_for_the_window():
    probing = sorted(
        f.relative_to(REPO).as_posix()
        for f in _checked()
        if PROBE.search(f.read_text(encoding="utf-8"))
    )
    assert not probing, "ask through the page's signals or a Shell instead: " + ", ".join(probing)


def test_the_check_sees_a_probe():
    assert PROBE.search('        if hasattr(window, "show_meeting"):')
    assert PROBE.search("        self.window().statusBar().showMessage(text)")
    assert PROBE.search('        ws = getattr(self.window(), "ws", None)')
    assert not PROBE.search("        self.open_requested.emit('meeting', 12)")
    assert len(_checked()) > 50  # every page is found, in packages too
