"""The Qt binding itself: PySide6 6.12.0 dropped a reference to None on every call returning
nothing, which on Python 3.11 kills the app after a few thousand calls. pyproject.toml
excludes that release; this test fails if such a release is installed again."""

from __future__ import annotations

import sys

from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QLabel


def test_calls_returning_nothing_keep_none_alive(qapp):
    path, label = QPainterPath(), QLabel()
    before = sys.getrefcount(None)
    for _ in range(2_000):
        path.moveTo(1.0, 2.0)
        label.setText("x")
    # Other objects come and go; a binding that leaks would lose 4,000 references here.
    assert sys.getrefcount(None) > before - 100
