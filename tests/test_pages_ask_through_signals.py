"""Pages in packages, the record-page base and the search ask the window for things through
signals (ui/pages/signalling.py) or a Shell (ui/shell.py), never by reaching for
`self.window()` and probing what it has."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROBE = re.compile(r"\.window\(\)|hasattr\(\s*window|page_keys")

# Still reaching for the window, each until the page that calls it asks through signals: the
# Forces page drafts a practice entry through from_return.py, and the membership map reads the
# workspace's boundary files as the Map page does. The second test keeps this list shrinking.
KNOWN = {"ui/pages/practices/from_return.py", "ui/pages/membership/page.py"}


def _checked() -> list[Path]:
    """Every page package (ui/pages/<page>/), ui/records/ and the search dialog."""
    pages = [p for p in (REPO / "ui" / "pages").iterdir() if (p / "__init__.py").exists()]
    files = [f for folder in [*pages, REPO / "ui" / "records"] for f in folder.rglob("*.py")]
    return sorted([*files, REPO / "ui" / "search_dialog.py"])


def _probing() -> set[str]:
    return {
        f.relative_to(REPO).as_posix()
        for f in _checked()
        if PROBE.search(f.read_text(encoding="utf-8"))
    }


def test_pages_do_not_reach_for_the_window():
    new = _probing() - KNOWN
    assert not new, "ask through the page's signals or a Shell instead: " + ", ".join(sorted(new))


def test_the_known_cases_are_still_there():
    assert _probing() >= KNOWN, f"fixed: remove from KNOWN: {sorted(KNOWN - _probing())}"


def test_the_check_sees_a_probe():
    assert PROBE.search('        if hasattr(window, "show_meeting"):')
    assert PROBE.search("        self.window().statusBar().showMessage(text)")
    assert not PROBE.search("        self.open_requested.emit('meeting', 12)")
    assert len(_checked()) > 40  # the page packages are found
